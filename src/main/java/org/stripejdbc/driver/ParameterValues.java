package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.remote.TypedValue;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.DateTimeOutput;

/**
 * Converts JDBC parameter values (Avatica {@link TypedValue}s) into the engine's runtime classes:
 * String, Integer (setInt/setShort/setByte), Long, BigDecimal, Double (setFloat/setDouble), Boolean,
 * LocalDate, LocalTime, List (arrays).
 *
 * <p>A {@code java.sql.Timestamp} (setTimestamp, or a {@code java.util.Date}) becomes the text of its wall clock in
 * the connection's time zone with that zone's offset, {@code 2025-01-01 07:00:00-05:00}, typed by where it is used,
 * exactly as pgjdbc sends it: compared with a {@code timestamp} it is the wall clock {@code 07:00} (Postgres ignores
 * the offset), with a {@code timestamptz} the exact instant {@code 12:00Z}, in any JVM time zone.
 */
final class ParameterValues {
    private ParameterValues() {}

    static List<Object> convert(List<TypedValue> values, TimeZone timeZone) {
        List<Object> out = new ArrayList<>(values.size());
        Calendar calendar = Calendar.getInstance(timeZone, Locale.ROOT);
        for (int i = 0; i < values.size(); i++) {
            TypedValue value = values.get(i);
            if (value == null) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "No value specified for parameter " + (i + 1) + ".");
            }
            out.add(convert(value.toJdbc(calendar), i + 1, timeZone));
        }
        return out;
    }

    static Object convert(Object jdbc, int index, TimeZone timeZone) {
        if (jdbc == null
                || jdbc instanceof String
                || jdbc instanceof Boolean
                || jdbc instanceof Long
                || jdbc instanceof Integer
                || jdbc instanceof BigDecimal
                || jdbc instanceof Double) {
            return jdbc;
        }
        if (jdbc instanceof Short || jdbc instanceof Byte) {
            return ((Number) jdbc).intValue();
        }
        if (jdbc instanceof Float f) {
            return f.doubleValue();
        }
        if (jdbc instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (jdbc instanceof Timestamp t) {
            return wallClockWithOffset(t, timeZone);
        }
        if (jdbc instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (jdbc instanceof Time t) {
            return t.toLocalTime();
        }
        if (jdbc instanceof java.util.Date d) {
            return wallClockWithOffset(new Timestamp(d.getTime()), timeZone);
        }
        if (jdbc instanceof Character c) {
            return c.toString();
        }
        if (jdbc instanceof Array array) {
            try {
                return convertList(Arrays.asList((Object[]) array.getArray()), index, timeZone);
            } catch (SQLException | ClassCastException e) {
                throw unsupported(index, "array");
            }
        }
        if (jdbc instanceof Object[] array) {
            return convertList(Arrays.asList(array), index, timeZone);
        }
        if (jdbc instanceof List<?> list) {
            return convertList(list, index, timeZone);
        }
        throw unsupported(index, jdbc.getClass().getSimpleName());
    }

    private static List<Object> convertList(List<?> list, int index, TimeZone timeZone) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object element : list) {
            out.add(convert(element, index, timeZone));
        }
        return out;
    }

    /**
     * {@code 2025-01-01 07:00:00-05:00}: the wall clock of {@code timestamp} in {@code timeZone} and the offset there
     * (a year before 1 AD stays a wall clock, which Postgres' text could not carry with an offset).
     */
    private static Object wallClockWithOffset(Timestamp timestamp, TimeZone timeZone) {
        Instant instant = timestamp.toInstant();
        ZonedDateTime zoned = instant.atZone(timeZone.toZoneId());
        if (zoned.getYear() <= 0) {
            return timestamp.toLocalDateTime();
        }
        return DateTimeOutput.formatTimestamp(zoned.toLocalDateTime())
                + zoned.getOffset().getId().replace("Z", "+00:00");
    }

    private static StripeJdbcException unsupported(int index, String kind) {
        return new StripeJdbcException(
                SqlState.FEATURE_NOT_SUPPORTED,
                "parameter " + index + ": values of type " + kind + " are not supported");
    }
}
