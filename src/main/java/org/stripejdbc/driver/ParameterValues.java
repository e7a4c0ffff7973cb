package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.calcite.avatica.remote.TypedValue;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Converts JDBC parameter values (Avatica {@link TypedValue}s) into the engine's runtime classes:
 * String, Integer (setInt/setShort/setByte), Long, BigDecimal, Double (setFloat/setDouble), Boolean,
 * LocalDateTime (setTimestamp: its wall clock), LocalDate, LocalTime, List (arrays).
 */
final class ParameterValues {
    private ParameterValues() {
    }

    static List<Object> convert(List<TypedValue> values, TimeZone timeZone) {
        List<Object> out = new ArrayList<>(values.size());
        Calendar calendar = Calendar.getInstance(timeZone, Locale.ROOT);
        for (int i = 0; i < values.size(); i++) {
            TypedValue value = values.get(i);
            if (value == null) {
                throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE,
                        "No value specified for parameter " + (i + 1) + ".");
            }
            out.add(convert(value.toJdbc(calendar), i + 1));
        }
        return out;
    }

    static Object convert(Object jdbc, int index) {
        if (jdbc == null || jdbc instanceof String || jdbc instanceof Boolean || jdbc instanceof Long
                || jdbc instanceof Integer || jdbc instanceof BigDecimal || jdbc instanceof Double) {
            return jdbc;
        }
        if (jdbc instanceof Short || jdbc instanceof Byte) {
            return ((Number) jdbc).intValue();
        }
        if (jdbc instanceof Float f) {
            return f.doubleValue();
        }
        if (jdbc instanceof java.math.BigInteger b) {
            return new BigDecimal(b);
        }
        if (jdbc instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (jdbc instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (jdbc instanceof java.sql.Time t) {
            return t.toLocalTime();
        }
        if (jdbc instanceof java.util.Date d) {
            return new java.sql.Timestamp(d.getTime()).toLocalDateTime();
        }
        if (jdbc instanceof Character c) {
            return c.toString();
        }
        if (jdbc instanceof java.sql.Array array) {
            try {
                return convertList(Arrays.asList((Object[]) array.getArray()), index);
            } catch (SQLException | ClassCastException e) {
                throw unsupported(index, "array");
            }
        }
        if (jdbc instanceof Object[] array) {
            return convertList(Arrays.asList(array), index);
        }
        if (jdbc instanceof List<?> list) {
            return convertList(list, index);
        }
        throw unsupported(index, jdbc.getClass().getSimpleName());
    }

    private static List<Object> convertList(List<?> list, int index) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object element : list) {
            out.add(convert(element, index));
        }
        return out;
    }

    private static StripeJdbcException unsupported(int index, String kind) {
        return new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED,
                "parameter " + index + ": values of type " + kind + " are not supported");
    }
}
