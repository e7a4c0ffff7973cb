package org.stripejdbc.fdw.modify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.SqlType;

/**
 * Converts one runtime value (the classes of {@link SqlType}) into the JSON value whose Stripe form encoding
 * ({@code org.stripejdbc.stripe.FormEncoder}) is what Stripe expects for it:
 * <pre>
 *   "a b"                                  → "a b"
 *   42L, (short) 7, 7                      → 42, 7, 7
 *   new BigDecimal("12.50")                → 12.50                 (plain notation, scale kept)
 *   2.0d, 1e20d                            → 2, 100000000000000000000
 *   true                                   → true
 *   LocalDateTime 2023-11-14T22:13:20      → 1700000000            (UTC wall clock; fractions of a second dropped)
 *   OffsetDateTime 2023-11-14T23:13:20+01  → 1700000000
 *   LocalDate 2023-11-14                   → 1699920000            (midnight UTC)
 *   UUID                                   → its text
 *   List.of("card", "sepa_debit")          → ["card", "sepa_debit"] (each element converted the same way)
 *   Json                                   → as is
 *   "{\"a\":\"b\"}" for a json/jsonb column → {"a": "b"}            (text is parsed as JSON)
 * </pre>
 * Intervals, times of day and other classes have no Stripe form: {@code 42804}. A NaN or infinite float:
 * {@code 22023}.
 */
final class FormValues {
    private FormValues() {}

    /**
     * The JSON for {@code value} (never null here) sent for a column of {@code declaredType}; {@code location} names
     * the statement, row and column in messages ({@code INSERT into stripe.customers, column "created"}).
     */
    static Json toJson(Object value, SqlType declaredType, String location) {
        if (value instanceof String text && declaredType.isJson()) {
            return parseJson(text, location);
        }
        return convert(value, location);
    }

    /** Parses JSON text given for a json/jsonb column; malformed text is {@code 22P02} naming the column. */
    static Json parseJson(String text, String location) {
        try {
            return Json.parse(text);
        } catch (StripeJdbcException e) {
            throw new StripeJdbcException(e.sqlState(), location + ": " + e.getMessage(), e);
        }
    }

    private static Json convert(Object value, String location) {
        if (value == null) {
            return Json.NULL;
        } else if (value instanceof Json json) {
            return json;
        } else if (value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return Json.of(value);
        } else if (value instanceof Byte b) {
            return Json.of(b.intValue());
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        location + ": " + value + " cannot be sent to Stripe (only finite numbers can)");
            }
            // Float.toString keeps a float's short form (0.1f is 0.1, not 0.10000000149011612).
            BigDecimal exact =
                    value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(number);
            return Json.of(exact.stripTrailingZeros());
        } else if (value instanceof LocalDateTime timestamp) {
            return Json.of(timestamp.toEpochSecond(ZoneOffset.UTC));
        } else if (value instanceof OffsetDateTime timestamp) {
            return Json.of(timestamp.toEpochSecond());
        } else if (value instanceof ZonedDateTime timestamp) {
            return Json.of(timestamp.toEpochSecond());
        } else if (value instanceof Instant instant) {
            return Json.of(instant.getEpochSecond());
        } else if (value instanceof LocalDate date) {
            return Json.of(date.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        } else if (value instanceof UUID uuid) {
            return Json.of(uuid.toString());
        } else if (value instanceof List<?> list) {
            List<Json> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(convert(element, location));
            }
            return Json.of(elements);
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Json> members = new LinkedHashMap<>();
            for (Map.Entry<?, ?> member : map.entrySet()) {
                members.put(String.valueOf(member.getKey()), convert(member.getValue(), location));
            }
            return Json.of(members);
        }
        throw new StripeJdbcException(
                SqlState.DATATYPE_MISMATCH,
                location + ": a value of type "
                        + typeName(value) + " cannot be sent to Stripe (send text, a number, a boolean, a timestamp, "
                        + "a date or jsonb)");
    }

    private static String typeName(Object value) {
        for (SqlType type : SqlType.values()) {
            if (type != SqlType.UNKNOWN && type.javaClass().isInstance(value)) {
                return type.postgresName();
            }
        }
        return value.getClass().getSimpleName();
    }
}
