package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * How engine types and values travel through Avatica.
 * <pre>
 *   text/unknown  VARCHAR  STRING       bigint  BIGINT  LONG        integer  INTEGER  INTEGER
 *   numeric       NUMERIC  NUMBER       bool    BOOLEAN BOOLEAN     double   DOUBLE   DOUBLE
 *   timestamp     TIMESTAMP LONG (UTC wall-clock millis: getString "2023-11-14 22:13:20" in every JVM zone)
 *   timestamptz   TIMESTAMP LONG (the instant's millis; the session zone is UTC), type name timestamptz
 *   date          DATE     INTEGER (days since 1970-01-01)   time  TIME  INTEGER (millis of day)
 *   jsonb/json/interval/uuid/arrays   OTHER  STRING (Postgres text form), type name as Postgres names it
 * </pre>
 */
final class TypeMapping {
    private TypeMapping() {}

    static Rep rep(SqlType type) {
        switch (type) {
            case SMALLINT:
                return Rep.SHORT;
            case INTEGER:
                return Rep.INTEGER;
            case BIGINT:
                return Rep.LONG;
            case NUMERIC:
                return Rep.NUMBER;
            case REAL:
                return Rep.FLOAT;
            case DOUBLE:
                return Rep.DOUBLE;
            case BOOLEAN:
                return Rep.BOOLEAN;
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return Rep.LONG;
            case DATE:
            case TIME:
                return Rep.INTEGER;
            default:
                return Rep.STRING;
        }
    }

    static int jdbcType(SqlType type) {
        switch (type) {
            case TIMESTAMPTZ:
                return Types.TIMESTAMP;
            case UNKNOWN:
                return Types.VARCHAR;
            case ARRAY:
                return Types.VARCHAR;
            default:
                return type.jdbcType();
        }
    }

    /** The type name JDBC reports (Postgres spelling: {@code text}, {@code int8}? no: {@code bigint}, {@code jsonb}).
     * */
    static String typeName(SqlType type) {
        switch (type) {
            case UNKNOWN:
                return "text";
            case ARRAY:
                return arrayTypeName(null);
            case DOUBLE:
                return "float8";
            case REAL:
                return "float4";
            case BOOLEAN:
                return "bool";
            default:
                return type.postgresName();
        }
    }

    /** The type name of an array of {@code element}: {@code _int4}, {@code _timestamptz}; {@code _text} if unknown. */
    static String arrayTypeName(SqlType element) {
        if (element == null || element == SqlType.ARRAY) {
            return "_text";
        }
        switch (element) {
            case SMALLINT:
                return "_int2";
            case INTEGER:
                return "_int4";
            case BIGINT:
                return "_int8";
            default:
                return "_" + typeName(element);
        }
    }

    /** The element type an array type name names ({@code _int4}: integer), TEXT when unknown. */
    static SqlType elementOf(String arrayTypeName) {
        if (arrayTypeName == null || !arrayTypeName.startsWith("_")) {
            return SqlType.TEXT;
        }
        return SqlType.fromName(arrayTypeName.substring(1)).orElse(SqlType.TEXT);
    }

    static String className(SqlType type) {
        switch (type) {
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return Timestamp.class.getName();
            case DATE:
                return Date.class.getName();
            case TIME:
                return Time.class.getName();
            case ARRAY:
                return java.sql.Array.class.getName();
            default:
                return type.isNumeric() || type == SqlType.BOOLEAN
                        ? type.javaClass().getName()
                        : String.class.getName();
        }
    }

    static ColumnMetaData.ScalarType avaticaType(SqlType type) {
        return ColumnMetaData.scalar(jdbcType(type), typeName(type), rep(type));
    }

    /**
     * The precision, and a character more for the sign of an integer ({@code bigint}: 20); unbounded
     * ({@code Integer.MAX_VALUE}) for {@code numeric} and the floating-point types, as for text.
     */
    static int displaySize(SqlType type) {
        if (type.isInteger()) {
            return precision(type) + 1;
        }
        return type.isNumeric() ? Integer.MAX_VALUE : precision(type);
    }

    static int precision(SqlType type) {
        switch (type) {
            case SMALLINT:
                return 5;
            case INTEGER:
                return 10;
            case BIGINT:
                return 19;
            case REAL:
                return 8;
            case DOUBLE:
                return 17;
            case BOOLEAN:
                return 1;
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return 29;
            case DATE:
                return 13;
            case TIME:
                return 15;
            case NUMERIC:
                return 0;
            default:
                return Integer.MAX_VALUE;
        }
    }

    /** Converts an engine value to what the column's {@link Rep} expects in a frame. */
    static Object toFrameValue(Object value, SqlType type) {
        if (value == null) {
            return null;
        }
        switch (type) {
            case SMALLINT:
                return value instanceof Number n ? (Object) n.shortValue() : value;
            case INTEGER:
                return value instanceof Number n ? (Object) n.intValue() : value;
            case BIGINT:
                return value instanceof Number n ? (Object) n.longValue() : value;
            case REAL:
                return value instanceof Number n ? (Object) n.floatValue() : value;
            case DOUBLE:
                return value instanceof Number n ? (Object) n.doubleValue() : value;
            case NUMERIC:
                if (value instanceof BigDecimal) {
                    return value;
                }
                return value instanceof Number n ? new BigDecimal(n.toString()) : value;
            case BOOLEAN:
                return value;
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return epochMillis(value);
            case DATE:
                if (value instanceof LocalDate d) {
                    return (int) d.toEpochDay();
                }
                return value instanceof LocalDateTime t
                        ? (Object) (int) t.toLocalDate().toEpochDay()
                        : value;
            case TIME:
                return value instanceof LocalTime t ? (Object) (int) (t.toNanoOfDay() / 1_000_000L) : value;
            default:
                return value instanceof String ? value : PostgresText.format(value, type);
        }
    }

    private static Object epochMillis(Object value) {
        if (value instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toEpochMilli();
        }
        if (value instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return value;
    }

    /**
     * A row for the local cursor ({@link RowCursor}): as {@link #toFrameRow}, except that a value carried as text
     * that is not text yet (a {@code jsonb} such as {@code attrs}, a uuid, an array) is a {@link LazyText}, printed
     * only if the reader asks for it. Example: for {@code (id text, attrs jsonb)} the row {@code ["cus_1", {Json}]}
     * becomes {@code ["cus_1", LazyText({Json})]}.
     */
    static Object[] toCursorRow(Object[] row, List<SqlType> types) {
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) {
            Object value = i < row.length ? row[i] : null;
            SqlType type = types.get(i);
            out[i] = value != null && !(value instanceof String) && rep(type) == Rep.STRING
                    ? new LazyText(value, type)
                    : toFrameValue(value, type);
        }
        return out;
    }

    /** Converts a row of engine values in place-safe fashion (returns a new array). */
    static Object[] toFrameRow(Object[] row, List<SqlType> types) {
        Object[] out = new Object[types.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toFrameValue(i < row.length ? row[i] : null, types.get(i));
        }
        return out;
    }
}
