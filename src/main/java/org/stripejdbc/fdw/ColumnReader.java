package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.MovedFields;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * How one declared column gets its value from a Stripe object (upstream §2, and §9 row 8):
 * <ul>
 *   <li>{@code attrs}: the whole object (jsonb/json, or its jsonb text for a text column);</li>
 *   <li>a bracketed name such as {@code "items[0][price]"}: write-only, always NULL;</li>
 *   <li>a column the registry knows: the top-level field converted with the <em>registry</em> type, then to
 *       the declared type ({@code amount numeric} → BigDecimal, {@code created timestamptz} → OffsetDateTime
 *       at UTC, {@code amount text} → {@code "2000"}, {@code created bigint} → the Unix seconds);</li>
 *   <li>any other column: the top-level field of the same name read by the declared type
 *       ({@code livemode bool}, {@code metadata jsonb}).</li>
 * </ul>
 * A value that does not fit a declared {@code smallint}/{@code integer} is an error {@code 22003}, as a
 * Postgres cast would be. A declared type with no sensible conversion from the registry type
 * ({@code created uuid}) is rejected by {@link #check(String)} with {@code 42804}.
 */
sealed interface ColumnReader {

    /** The value for this column from {@code object}, a runtime value of the declared type or null. */
    Object read(Json object);

    /** Throws 42804 when the declared type cannot hold the column's values. */
    default void check() {}

    /** The reader for {@code column} of {@code object}; {@code table} names the table in error messages. */
    static ColumnReader of(StripeObject object, ForeignColumn column, String table) {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(table, "table");
        if (column.name().equals("attrs")) {
            return new Attrs(column, table);
        }
        if (column.name().indexOf('[') >= 0) {
            return new WriteOnly();
        }
        return object.column(column.name())
                .<ColumnReader>map(known -> new Known(
                        object,
                        known,
                        column,
                        table,
                        MovedFields.newPlace(object.object(), known.name()).orElse(null)))
                .orElseGet(() -> new Undeclared(column, table));
    }

    /** {@code attrs}: the whole object. */
    record Attrs(ForeignColumn column, String table) implements ColumnReader {
        @Override
        public Object read(Json object) {
            return column.type() == SqlType.TEXT ? object.toString() : object;
        }

        @Override
        public void check() {
            SqlType type = column.type();
            if (type != SqlType.JSONB && type != SqlType.JSON && type != SqlType.TEXT) {
                throw new StripeJdbcException(
                        SqlState.DATATYPE_MISMATCH,
                        "column \"attrs\" of " + table
                                + " is declared " + type.postgresName()
                                + ", but it holds the whole Stripe object; declare it as jsonb, json or text");
            }
        }
    }

    /** A bracketed, write-only column such as {@code "items[0][price]"}: always NULL when read. */
    record WriteOnly() implements ColumnReader {
        @Override
        public Object read(Json object) {
            return null;
        }
    }

    /**
     * A column of the registry: registry conversion, then the declared type. {@code moved} is where a later API
     * version put the field ({@link MovedFields}: a subscription's {@code current_period_end} on
     * {@code items.data[0]}), read when the object lacks the top-level field; null when it never moved.
     */
    record Known(StripeObject object, StripeColumn known, ForeignColumn column, String table, List<String> moved)
            implements ColumnReader {
        private static final Map<SqlType, Set<SqlType>> COMPATIBLE = Map.of(
                SqlType.TEXT, EnumSet.of(SqlType.TEXT, SqlType.JSON, SqlType.JSONB),
                SqlType.BIGINT,
                        EnumSet.of(
                                SqlType.BIGINT,
                                SqlType.INTEGER,
                                SqlType.SMALLINT,
                                SqlType.NUMERIC,
                                SqlType.REAL,
                                SqlType.DOUBLE,
                                SqlType.TEXT,
                                SqlType.JSON,
                                SqlType.JSONB),
                SqlType.BOOLEAN, EnumSet.of(SqlType.BOOLEAN, SqlType.TEXT, SqlType.JSON, SqlType.JSONB),
                SqlType.TIMESTAMP,
                        EnumSet.of(
                                SqlType.TIMESTAMP,
                                SqlType.TIMESTAMPTZ,
                                SqlType.DATE,
                                SqlType.TEXT,
                                SqlType.BIGINT,
                                SqlType.NUMERIC,
                                SqlType.JSON,
                                SqlType.JSONB));

        @Override
        public Object read(Json object) {
            Json field = object.get(known.name());
            if (field == null && moved != null) {
                field = object.path(moved);
            }
            SqlType declared = column.type();
            if (declared.isJson()) {
                return JsonValues.json(field);
            }
            Object value = JsonValues.registryValue(field, known.type());
            if (value == null || declared == known.type()) {
                return value;
            }
            return convert(value, declared);
        }

        private Object convert(Object value, SqlType declared) {
            if (value instanceof Long number) {
                return switch (declared) {
                    case TEXT -> number.toString();
                    case SMALLINT, INTEGER -> Narrowing.narrow(number, declared, column.name(), table);
                    case NUMERIC -> BigDecimal.valueOf(number);
                    case REAL -> number.floatValue();
                    case DOUBLE -> number.doubleValue();
                    default -> null;
                };
            }
            if (value instanceof Boolean bool) {
                return declared == SqlType.TEXT ? bool.toString() : null;
            }
            if (value instanceof LocalDateTime timestamp) {
                return switch (declared) {
                    case TIMESTAMPTZ -> timestamp.atOffset(ZoneOffset.UTC);
                    case DATE -> timestamp.toLocalDate();
                    case TEXT -> PostgresText.format(timestamp);
                    case BIGINT -> timestamp.toEpochSecond(ZoneOffset.UTC);
                    case NUMERIC -> BigDecimal.valueOf(timestamp.toEpochSecond(ZoneOffset.UTC));
                    default -> null;
                };
            }
            return null;
        }

        @Override
        public void check() {
            Set<SqlType> allowed = COMPATIBLE.getOrDefault(known.type(), EnumSet.of(known.type()));
            if (!allowed.contains(column.type())) {
                StringBuilder names = new StringBuilder();
                for (SqlType type : allowed) {
                    names.append(names.length() == 0 ? "" : ", ").append(type.postgresName());
                }
                throw new StripeJdbcException(
                        SqlState.DATATYPE_MISMATCH,
                        "column \"" + column.name() + "\" of "
                                + table + " is declared " + column.type().postgresName() + ", but Stripe's "
                                + object.object() + "." + known.name() + " is "
                                + known.type().postgresName()
                                + "; declare it as one of: " + names);
            }
        }
    }

    /** A column the registry does not know: the field of the same name, read by the declared type. */
    record Undeclared(ForeignColumn column, String table) implements ColumnReader {
        @Override
        public Object read(Json object) {
            Object value = JsonValues.declaredValue(object.get(column.name()), column.type());
            if (value instanceof Long number
                    && (column.type() == SqlType.SMALLINT || column.type() == SqlType.INTEGER)) {
                return Narrowing.narrow(number, column.type(), column.name(), table);
            }
            return value;
        }
    }

    /** Range checks for smallint/integer columns. */
    final class Narrowing {
        private Narrowing() {}

        static Object narrow(long value, SqlType type, String column, String table) {
            if (type == SqlType.SMALLINT && value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
                return (short) value;
            }
            if (type == SqlType.INTEGER && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
                return (int) value;
            }
            throw new StripeJdbcException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    type.postgresName()
                            + " out of range: column \"" + column + "\" of " + table + " received " + value
                            + " from Stripe; declare it as bigint");
        }
    }
}
