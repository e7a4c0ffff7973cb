package org.stripejdbc.driver;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * A {@code java.sql.Array} read from a result column, as pgjdbc gives it: {@link #getArray()} is a Java array of
 * the element type's JDBC class ({@code integer[]} gives {@code Integer[]}, {@code timestamp[]} {@code Timestamp[]},
 * {@code text[]} {@code String[]}; a nested array an {@code Object[]} of arrays), {@link #getResultSet()} has one
 * row per element with the columns {@code INDEX} (from 1, int4) and {@code VALUE} (of the element type: an
 * {@code int8[]} gives {@code int8} values read as {@code Long}; a nested array's rows are arrays).
 *
 * <p>{@code Connection.createArrayOf} makes one from Java values, for parameters ({@link #of}).
 *
 * <p>Example: for {@code select array[3, 4]}, {@code rs.getArray(1).getBaseTypeName()} is {@code int4} and
 * {@code (Integer[]) rs.getArray(1).getArray()} is {@code {3, 4}}.
 */
final class StripeArray implements Array {
    /**
     * Makes the result set of {@link #getResultSet()} from its rows ({@code INDEX}, {@code VALUE} as Postgres text:
     * an element's text, or a nested array's {@code {1,2}}), the values of type {@code element} (or arrays of it
     * when {@code nested}).
     */
    @FunctionalInterface
    interface Rows {
        ResultSet resultSet(List<Object[]> rows, SqlType element, boolean nested) throws SQLException;
    }

    private final SqlType element;
    private final List<Object> values;
    /** The elements' Postgres texts (a nested array as a list), for {@link #getResultSet()}; null if made here. */
    private final List<Object> texts;

    private final Rows rows;

    private StripeArray(SqlType element, List<Object> values, List<Object> texts, Rows rows) {
        this.element = element;
        this.values = values;
        this.texts = texts;
        this.rows = rows;
    }

    /** The array whose Postgres text is {@code text} ({@code {1,2,NULL}}), elements of type {@code element}. */
    static StripeArray parse(String text, SqlType element, Rows rows) {
        List<Object> texts = PostgresText.parseArray(text);
        return new StripeArray(element, convert(texts, element), texts, rows);
    }

    /** {@code Connection.createArrayOf}: the given elements, of the type named {@code typeName}. */
    static StripeArray of(String typeName, Object[] elements) throws SQLException {
        SqlType element = typeName == null ? null : SqlType.fromName(typeName).orElse(null);
        if (element == null || element == SqlType.ARRAY) {
            throw new SQLException("type \"" + typeName + "\" does not exist", "42704");
        }
        List<Object> values = new ArrayList<>();
        for (Object value : elements) {
            values.add(value instanceof Object[] nested ? java.util.Arrays.asList(nested) : value);
        }
        return new StripeArray(element, values, null, null);
    }

    private static List<Object> convert(List<Object> texts, SqlType element) {
        List<Object> out = new ArrayList<>(texts.size());
        for (Object text : texts) {
            if (text == null) {
                out.add(null);
            } else if (text instanceof List<?> nested) {
                @SuppressWarnings("unchecked")
                List<Object> inner = (List<Object>) nested;
                out.add(convert(inner, element));
            } else {
                out.add(jdbcValue(PostgresText.parse((String) text, element, Instant.EPOCH)));
            }
        }
        return out;
    }

    private static Object jdbcValue(Object value) {
        if (value instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (value instanceof OffsetDateTime t) {
            return Timestamp.from(t.toInstant());
        }
        if (value instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (value instanceof LocalTime t) {
            return Time.valueOf(t);
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        return PostgresText.format(value);
    }

    private Class<?> componentClass() {
        switch (element) {
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return Timestamp.class;
            case DATE:
                return Date.class;
            case TIME:
                return Time.class;
            default:
                return element.isNumeric() || element == SqlType.BOOLEAN ? element.javaClass() : String.class;
        }
    }

    private Object[] toArray(List<Object> list) {
        Class<?> component = componentClass();
        boolean fits = list.stream().allMatch(v -> v == null || component.isInstance(v));
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(fits ? component : Object.class, list.size());
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (v instanceof List<?> inner) {
                @SuppressWarnings("unchecked")
                List<Object> typed = (List<Object>) inner;
                out[i] = toArray(typed);
            } else {
                out[i] = v;
            }
        }
        return out;
    }

    @Override
    public String getBaseTypeName() {
        return TypeMapping.arrayTypeName(element).substring(1);
    }

    @Override
    public int getBaseType() {
        return TypeMapping.jdbcType(element);
    }

    @Override
    public Object getArray() {
        return toArray(values);
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return map == null || map.isEmpty() ? getArray() : unsupportedMap();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        return toArray(slice(index, count));
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return map == null || map.isEmpty() ? getArray(index, count) : unsupportedMap();
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        return getResultSet(1, values.size());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return map == null || map.isEmpty() ? getResultSet() : unsupportedMap();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        if (rows == null || texts == null) {
            throw new SQLFeatureNotSupportedException("getResultSet of an array made by createArrayOf", "0A000");
        }
        slice(index, count);
        List<Object[]> out = new ArrayList<>();
        boolean nested = false;
        for (int i = 0; i < count; i++) {
            Object text = texts.get((int) index - 1 + i);
            nested |= text instanceof List<?>;
            out.add(new Object[] {(int) index + i, text instanceof List<?> l ? PostgresText.formatArray(l) : text});
        }
        return rows.resultSet(out, element, nested);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return map == null || map.isEmpty() ? getResultSet(index, count) : unsupportedMap();
    }

    @Override
    public void free() {
        // Nothing held.
    }

    private List<Object> slice(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > values.size()) {
            throw new SQLException(
                    "array index " + index + " and count " + count + " are out of range for " + values.size()
                            + " elements",
                    "2202E");
        }
        return values.subList((int) index - 1, (int) index - 1 + count);
    }

    private static <T> T unsupportedMap() throws SQLException {
        throw new SQLFeatureNotSupportedException("type maps are not supported", "0A000");
    }
}
