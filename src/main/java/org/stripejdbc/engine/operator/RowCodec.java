package org.stripejdbc.engine.operator;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;

/**
 * A compact binary form of rows, for sorts and aggregates that hold or spill many rows: one tag byte per value,
 * then the value (strings as UTF-8, jsonb as its compact text, numbers and date/time values as fixed-width
 * fields). Every runtime class of {@link org.stripejdbc.types.SqlType} round-trips exactly:
 * {@code decode(encode(row))} equals {@code row} value by value, same classes.
 *
 * <p>Example: {@code encode(new Object[] {"cus_1", 5L, null})} is 17 bytes; {@code decode} gives the row back.
 */
final class RowCodec {
    private static final int NULL = 0;
    private static final int TEXT = 1;
    private static final int LONG = 2;
    private static final int INTEGER = 3;
    private static final int SHORT = 4;
    private static final int NUMERIC = 5;
    private static final int DOUBLE = 6;
    private static final int FLOAT = 7;
    private static final int TRUE = 8;
    private static final int FALSE = 9;
    private static final int TIMESTAMP = 10;
    private static final int TIMESTAMPTZ = 11;
    private static final int DATE = 12;
    private static final int TIME = 13;
    private static final int INTERVAL = 14;
    private static final int JSON = 15;
    private static final int UUID_VALUE = 16;
    private static final int LIST = 17;

    private RowCodec() {}

    /** The row as bytes. */
    static byte[] encode(Object[] row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try {
            write(new DataOutputStream(bytes), row);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array stream does not fail
        }
        return bytes.toByteArray();
    }

    /** The row {@link #encode} gave these bytes for. */
    static Object[] decode(byte[] bytes) {
        try {
            return read(new DataInputStream(new java.io.ByteArrayInputStream(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the row's width, then each value. */
    static void write(DataOutput out, Object[] row) throws IOException {
        out.writeInt(row.length);
        for (Object value : row) {
            writeValue(out, value);
        }
    }

    /** Reads a row {@link #write} wrote. */
    static Object[] read(DataInput in) throws IOException {
        int width = in.readInt();
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
            row[i] = readValue(in);
        }
        return row;
    }

    private static void writeValue(DataOutput out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(TEXT);
            writeText(out, s);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Integer i) {
            out.writeByte(INTEGER);
            out.writeInt(i);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeShort(s);
        } else if (value instanceof BigDecimal d) {
            out.writeByte(NUMERIC);
            out.writeInt(d.scale());
            byte[] unscaled = d.unscaledValue().toByteArray();
            out.writeInt(unscaled.length);
            out.write(unscaled);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof LocalDateTime t) {
            out.writeByte(TIMESTAMP);
            Instant instant = t.toInstant(ZoneOffset.UTC);
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        } else if (value instanceof OffsetDateTime t) {
            out.writeByte(TIMESTAMPTZ);
            out.writeLong(t.toEpochSecond());
            out.writeInt(t.getNano());
            out.writeInt(t.getOffset().getTotalSeconds());
        } else if (value instanceof LocalDate d) {
            out.writeByte(DATE);
            out.writeLong(d.toEpochDay());
        } else if (value instanceof LocalTime t) {
            out.writeByte(TIME);
            out.writeLong(t.toNanoOfDay());
        } else if (value instanceof Interval i) {
            out.writeByte(INTERVAL);
            out.writeInt(i.months());
            out.writeInt(i.days());
            out.writeLong(i.micros());
        } else if (value instanceof Json j) {
            out.writeByte(JSON);
            writeText(out, j.toCompactString());
        } else if (value instanceof UUID u) {
            out.writeByte(UUID_VALUE);
            out.writeLong(u.getMostSignificantBits());
            out.writeLong(u.getLeastSignificantBits());
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                writeValue(out, element);
            }
        } else {
            throw new StripeJdbcException(
                    SqlState.INTERNAL_ERROR,
                    "cannot store a value of class " + value.getClass().getName() + " in a sort or aggregate");
        }
    }

    private static Object readValue(DataInput in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case NULL:
                return null;
            case TEXT:
                return readText(in);
            case LONG:
                return in.readLong();
            case INTEGER:
                return in.readInt();
            case SHORT:
                return in.readShort();
            case NUMERIC: {
                int scale = in.readInt();
                byte[] unscaled = new byte[in.readInt()];
                in.readFully(unscaled);
                return new BigDecimal(new BigInteger(unscaled), scale);
            }
            case DOUBLE:
                return in.readDouble();
            case FLOAT:
                return in.readFloat();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case TIMESTAMP: {
                long seconds = in.readLong();
                int nanos = in.readInt();
                return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
            }
            case TIMESTAMPTZ: {
                long seconds = in.readLong();
                int nanos = in.readInt();
                ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
                return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
            }
            case DATE:
                return LocalDate.ofEpochDay(in.readLong());
            case TIME:
                return LocalTime.ofNanoOfDay(in.readLong());
            case INTERVAL: {
                int months = in.readInt();
                int days = in.readInt();
                return new Interval(months, days, in.readLong());
            }
            case JSON:
                return Json.parse(readText(in));
            case UUID_VALUE: {
                long most = in.readLong();
                return new UUID(most, in.readLong());
            }
            case LIST: {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                return Collections.unmodifiableList(list);
            }
            default:
                throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "corrupt stored row: value tag " + tag);
        }
    }

    private static void writeText(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
