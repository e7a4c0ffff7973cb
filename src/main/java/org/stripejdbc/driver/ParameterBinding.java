package org.stripejdbc.driver;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Clob;
import java.sql.JDBCType;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.stripejdbc.driver.NumberReads.Failure;
import org.stripejdbc.driver.NumberReads.Integral;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.types.DateTimeInput;
import org.stripejdbc.types.DateTimeOutput;

/**
 * What a prepared statement binds for {@code setObject(i, x[, targetSqlType[, scale]])} and the stream setters: a
 * value of a class Avatica carries (String, Boolean, Integer/Long..., BigDecimal, Double, java.sql date/time,
 * Array), converted for the target type as pgjdbc converts it, but never wrapping around. Avatica alone throws
 * {@code RuntimeException("not implemented")} for {@code Types.OTHER} and silently ignores several setters.
 * <pre>
 *   setObject(1, "{\"a\":1}", Types.OTHER)      the text, typed by its context (how pgjdbc users bind jsonb)
 *   setObject(1, "12", Types.INTEGER)           12
 *   setObject(1, 3000000000L, Types.INTEGER)    22003 parameter 1 (Types.INTEGER): 3000000000 is out of range
 *   setObject(1, "x", Types.BIGINT)             22P02 parameter 1 (Types.BIGINT): invalid input syntax for type bigint:
 *     "x"
 *   setObject(1, new BigDecimal("2.345"), Types.NUMERIC, 2)   2.35
 *   setObject(1, x, Types.BLOB)                 0A000 parameter 1: binary values are not supported
 * </pre>
 * Date-time values are bound as text, typed by where they are used, so that each keeps its meaning in any JVM time
 * zone: a {@code LocalDateTime} (or a value set as {@code Types.TIMESTAMP}) is a wall clock,
 * {@code 2025-01-01 07:00:00}; an {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant} (or a value set as
 * {@code Types.TIMESTAMP_WITH_TIMEZONE}) is an instant, {@code 2025-01-01 12:00:00+00}: a {@code timestamptz}
 * context reads it exactly, a {@code timestamp} context as its UTC wall clock (the session zone's). A bare
 * {@code setTimestamp} follows pgjdbc ({@link ParameterValues}).
 */
final class ParameterBinding {
    private ParameterBinding() {}

    /** The value {@code setObject(index, x)} binds: date-times as text (see the class comment), else {@link
     * #jdbcValue}. */
    static Object untypedValue(Object x) {
        if (x instanceof LocalDateTime t) {
            return DateTimeOutput.formatTimestamp(t);
        }
        if (x instanceof OffsetDateTime || x instanceof ZonedDateTime || x instanceof Instant) {
            return DateTimeOutput.formatTimestampTz(instant(x).atOffset(ZoneOffset.UTC));
        }
        return jdbcValue(x);
    }

    private static Instant instant(Object x) {
        return x instanceof OffsetDateTime t
                ? t.toInstant()
                : x instanceof ZonedDateTime t ? t.toInstant() : (Instant) x;
    }

    /** java.time values as the JDBC classes Avatica understands, keeping UTC wall-clock semantics. */
    static Object jdbcValue(Object x) {
        if (x instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (x instanceof OffsetDateTime t) {
            return Timestamp.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (x instanceof ZonedDateTime t) {
            return Timestamp.valueOf(t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (x instanceof Instant i) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (x instanceof LocalDate d) {
            return java.sql.Date.valueOf(d);
        }
        if (x instanceof LocalTime t) {
            return Time.valueOf(t);
        }
        if (x instanceof UUID || x instanceof Character || x instanceof Enum<?>) {
            return x.toString();
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        return x;
    }

    /**
     * The value to bind for {@code x} as {@code targetSqlType}; {@code scale} rounds a NUMERIC/DECIMAL (negative:
     * unchanged). {@code x} is not null.
     */
    static Object convert(Object x, int targetSqlType, int scale, int index) throws SQLException {
        try {
            switch (targetSqlType) {
                case Types.CHAR:
                case Types.VARCHAR:
                case Types.LONGVARCHAR:
                case Types.NCHAR:
                case Types.NVARCHAR:
                case Types.LONGNVARCHAR:
                case Types.CLOB:
                case Types.NCLOB:
                    return text(x, index);
                case Types.OTHER:
                case Types.JAVA_OBJECT:
                    return untyped(x, index);
                case Types.BOOLEAN:
                case Types.BIT:
                    return bool(x, targetSqlType, index);
                case Types.TINYINT:
                    return (byte) integral(x, Integral.BYTE, targetSqlType, index);
                case Types.SMALLINT:
                    return (short) integral(x, Integral.SHORT, targetSqlType, index);
                case Types.INTEGER:
                    return (int) integral(x, Integral.INT, targetSqlType, index);
                case Types.BIGINT:
                    return integral(x, Integral.LONG, targetSqlType, index);
                case Types.REAL:
                    return (float) floating(x, targetSqlType, index);
                case Types.FLOAT:
                case Types.DOUBLE:
                    return floating(x, targetSqlType, index);
                case Types.NUMERIC:
                case Types.DECIMAL: {
                    BigDecimal d = decimal(x, targetSqlType, index);
                    return scale >= 0 ? d.setScale(scale, RoundingMode.HALF_UP) : d;
                }
                case Types.DATE:
                    return date(x, targetSqlType, index);
                case Types.TIME:
                    return time(x, targetSqlType, index);
                case Types.TIMESTAMP:
                    return DateTimeOutput.formatTimestamp(
                            timestamp(x, targetSqlType, index).toLocalDateTime());
                case Types.TIMESTAMP_WITH_TIMEZONE:
                    return DateTimeOutput.formatTimestampTz(
                            timestampTz(x, targetSqlType, index).atOffset(ZoneOffset.UTC));
                case Types.ARRAY:
                    if (x instanceof Array || x instanceof Object[] || x instanceof List<?>) {
                        return x;
                    }
                    throw cannotConvert(x, targetSqlType, index);
                case Types.BINARY:
                case Types.VARBINARY:
                case Types.LONGVARBINARY:
                case Types.BLOB:
                    throw binary(index);
                case Types.NULL:
                    return null;
                default:
                    throw unsupportedType(targetSqlType, index);
            }
        } catch (Failure f) {
            throw JdbcErrors.create(
                    "parameter " + index + " (" + typeName(targetSqlType) + "): " + f.getMessage(), f.state);
        }
    }

    private static String text(Object x, int index) throws SQLException {
        if (x instanceof Clob clob) {
            return read(clob.getCharacterStream(), -1, index);
        }
        if (x instanceof Reader reader) {
            return read(reader, -1, index);
        }
        if (x instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (x instanceof byte[]) {
            throw binary(index);
        }
        Object value = jdbcValue(x);
        if (value instanceof Timestamp t) {
            return DateTimeOutput.formatTimestamp(t.toLocalDateTime());
        }
        return value.toString();
    }

    /**
     * {@code Types.OTHER}: pgjdbc sends the text with no type, for the server to type by its context
     * ({@code attrs @> ?::jsonb}, {@code created > ?}); typed Java values (numbers, booleans, dates) stay typed.
     */
    private static Object untyped(Object x, int index) throws SQLException {
        Object value = jdbcValue(x);
        if (value instanceof String
                || value instanceof Number
                || value instanceof Boolean
                || value instanceof java.util.Date
                || value instanceof Array) {
            return value;
        }
        if (value instanceof byte[]) {
            throw binary(index);
        }
        return text(value, index);
    }

    private static boolean bool(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof Boolean b) {
            return b;
        }
        if (x instanceof String || x instanceof Character) {
            return NumberReads.parseBoolean(x.toString());
        }
        if (x instanceof Number n) {
            return NumberReads.toBoolean(decimal(n, target, index));
        }
        throw cannotConvert(x, target, index);
    }

    private static long integral(Object x, Integral integral, int target, int index) throws SQLException, Failure {
        if (x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Byte) {
            return checked(((Number) x).longValue(), integral);
        }
        if (x instanceof Number n) {
            // pgjdbc truncates a fraction toward zero; a value out of range is an error, never wrapped around.
            return NumberReads.toLong(decimal(n, target, index), integral);
        }
        if (x instanceof String || x instanceof Character) {
            return NumberReads.parseLong(x.toString(), integral);
        }
        if (x instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw cannotConvert(x, target, index);
    }

    private static long checked(long value, Integral integral) throws Failure {
        if (!integral.fits(value)) {
            throw NumberReads.outOfRange(value);
        }
        return value;
    }

    private static double floating(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof Number n) {
            return n.doubleValue();
        }
        if (x instanceof String || x instanceof Character) {
            return NumberReads.parseDouble(x.toString());
        }
        if (x instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw cannotConvert(x, target, index);
    }

    private static BigDecimal decimal(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof BigDecimal d) {
            return d;
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (x instanceof Double || x instanceof Float) {
            return NumberReads.toBigDecimal(((Number) x).doubleValue());
        }
        if (x instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (x instanceof String || x instanceof Character) {
            return NumberReads.parseBigDecimal(x.toString(), "numeric");
        }
        if (x instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        throw cannotConvert(x, target, index);
    }

    private static java.sql.Date date(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof String s) {
            try {
                return java.sql.Date.valueOf(DateTimeInput.parseDate(s, Instant.now()));
            } catch (RuntimeException e) {
                throw new Failure(
                        SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type date: \"" + s + "\"");
            }
        }
        Object value = jdbcValue(x);
        if (value instanceof java.sql.Date d) {
            return d;
        }
        if (value instanceof java.util.Date d) {
            return java.sql.Date.valueOf(
                    new Timestamp(d.getTime()).toLocalDateTime().toLocalDate());
        }
        throw cannotConvert(x, target, index);
    }

    private static Time time(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof String s) {
            try {
                return Time.valueOf(DateTimeInput.parseTime(s));
            } catch (RuntimeException e) {
                throw new Failure(
                        SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type time: \"" + s + "\"");
            }
        }
        if (x instanceof OffsetTime t) {
            return Time.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
        }
        Object value = jdbcValue(x);
        if (value instanceof Time t) {
            return t;
        }
        if (value instanceof java.util.Date d) {
            return Time.valueOf(new Timestamp(d.getTime()).toLocalDateTime().toLocalTime());
        }
        throw cannotConvert(x, target, index);
    }

    private static Timestamp timestamp(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof String s) {
            try {
                return Timestamp.valueOf(DateTimeInput.parseTimestamp(s, Instant.now()));
            } catch (RuntimeException e) {
                throw new Failure(
                        SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type timestamp: \"" + s + "\"");
            }
        }
        if (x instanceof LocalDate d) {
            return Timestamp.valueOf(d.atStartOfDay());
        }
        Object value = jdbcValue(x);
        if (value instanceof Timestamp t) {
            return t;
        }
        if (value instanceof java.util.Date d) {
            return new Timestamp(d.getTime());
        }
        throw cannotConvert(x, target, index);
    }

    /**
     * The instant a {@code Types.TIMESTAMP_WITH_TIMEZONE} value stands for: text with its offset (UTC without one, the
     * session zone), a {@code java.util.Date}'s instant, a java.time instant; a wall clock is taken at UTC.
     */
    private static LocalDateTime timestampTz(Object x, int target, int index) throws SQLException, Failure {
        if (x instanceof String s) {
            try {
                return DateTimeInput.parseTimestampTz(s, Instant.now()).toLocalDateTime();
            } catch (RuntimeException e) {
                throw new Failure(
                        SqlState.INVALID_DATETIME_FORMAT,
                        "invalid input syntax for type timestamp with time zone: \"" + s + "\"");
            }
        }
        if (x instanceof java.util.Date d && !(x instanceof java.sql.Date) && !(x instanceof Time)) {
            return LocalDateTime.ofInstant(d.toInstant(), ZoneOffset.UTC);
        }
        if (x instanceof OffsetDateTime || x instanceof ZonedDateTime || x instanceof Instant) {
            return LocalDateTime.ofInstant(instant(x), ZoneOffset.UTC);
        }
        return timestamp(x, target, index).toLocalDateTime();
    }

    /** The text of a character stream, at most {@code length} characters of it (negative: all). */
    static String read(Reader reader, long length, int index) throws SQLException {
        if (reader == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            while (length < 0 || out.length() < length) {
                int max = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - out.length());
                int n = reader.read(buffer, 0, max);
                if (n < 0) {
                    break;
                }
                out.append(buffer, 0, n);
            }
        } catch (IOException e) {
            throw SqlExceptions.create(
                    "parameter " + index + ": reading the stream failed: " + e.getMessage(),
                    SqlState.IO_ERROR.code(),
                    e);
        }
        return out.toString();
    }

    static SQLException binary(int index) {
        return JdbcErrors.create(
                "parameter " + index + ": binary values are not supported (Stripe has no bytea "
                        + "columns); bind text with setString",
                SqlState.FEATURE_NOT_SUPPORTED);
    }

    static SQLException notSupported(String what, int index) {
        return JdbcErrors.create(
                "parameter " + index + ": " + what + " are not supported", SqlState.FEATURE_NOT_SUPPORTED);
    }

    private static SQLException cannotConvert(Object x, int target, int index) {
        return JdbcErrors.create(
                "parameter " + index + ": cannot convert a " + x.getClass().getName() + " to " + typeName(target),
                SqlState.DATA_EXCEPTION);
    }

    private static SQLException unsupportedType(int target, int index) {
        String name = typeName(target);
        return name.startsWith("Types.") && !name.equals("Types." + target)
                ? JdbcErrors.create(
                        "parameter " + index + ": " + name + " is not supported", SqlState.FEATURE_NOT_SUPPORTED)
                : JdbcErrors.create(
                        "parameter " + index + ": Unsupported Types value: " + target, SqlState.INVALID_PARAMETER_TYPE);
    }

    /** {@code Types.INTEGER}, or {@code Types.12345} for a code JDBC does not define. */
    static String typeName(int type) {
        try {
            return "Types." + JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return "Types." + type;
        }
    }
}
