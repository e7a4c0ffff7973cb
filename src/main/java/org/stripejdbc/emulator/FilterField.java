package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One equality filter of a list endpoint ({@code GET /v1/charges?customer=cus_1}): how its value is validated
 * and which values of an object it matches.
 *
 * @param name          the query parameter, which is also the field it filters ({@code customer})
 * @param kind          how the value is validated
 * @param allowed       the accepted values of an {@link Kind#ENUM}
 * @param aliases       values that stand for a set of values ({@code status=ended} → canceled,
 *                      incomplete_expired); an empty set means "no filter" ({@code status=all})
 * @param defaultValues the values matched when the parameter is absent (subscriptions: every status but
 *                      canceled), or null for "no filter"
 * @param extractor     the values of an object for this filter (usually its top-level field; subscriptions'
 *                      {@code price} reads {@code items.data[].price.id})
 */
record FilterField(
        String name,
        Kind kind,
        List<String> allowed,
        Map<String, Set<String>> aliases,
        Set<String> defaultValues,
        Function<JsonNode, String[]> extractor) {

    /** How a filter value is checked. */
    enum Kind {
        /** Any string, compared exactly (case-sensitive). */
        TEXT,
        /** {@code true} or {@code false}, else {@code Invalid boolean: x}. */
        BOOLEAN,
        /** A three-letter ISO code, compared lower-case. */
        CURRENCY,
        /** One of {@link #allowed()} or an alias, else {@code Invalid status: must be one of ...}. */
        ENUM,
        /** An event type, or a group with a trailing {@code *} wildcard ({@code customer.*}). */
        EVENT_TYPE,
        /**
         * A whole number with {@code [gt|gte|lt|lte]} bounds ({@code due_date}, {@code arrival_date}): the range
         * parameters of the API description other than {@code created}.
         */
        RANGE
    }

    FilterField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        allowed = List.copyOf(allowed);
        aliases = Map.copyOf(aliases);
        defaultValues = defaultValues == null ? null : Set.copyOf(defaultValues);
        Objects.requireNonNull(extractor, "extractor");
    }

    /** A filter on the top-level field of the same name. */
    static FilterField of(String name, Kind kind, String... allowed) {
        return new FilterField(name, kind, List.of(allowed), Map.of(), null, topLevel(name));
    }

    /** The accepted values listed in error messages: the enumeration and then the aliases. */
    List<String> acceptedForMessage() {
        List<String> all = new ArrayList<>(allowed);
        all.addAll(aliases.keySet().stream().sorted().toList());
        return all;
    }

    private static final String[] NONE = new String[0];

    /** Reads a top-level string or boolean field; null or absent gives no value. */
    static Function<JsonNode, String[]> topLevel(String field) {
        return node -> {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return NONE;
            }
            if (value.isTextual()) {
                return new String[] {value.textValue()};
            }
            if (value.isBoolean()) {
                return new String[] {Boolean.toString(value.booleanValue())};
            }
            return NONE;
        };
    }

    /** A range filter on the top-level whole number of the same name; null or absent gives no value. */
    static FilterField range(String name) {
        return new FilterField(name, Kind.RANGE, List.of(), Map.of(), null, node -> {
            JsonNode value = node.get(name);
            return value != null && value.canConvertToLong() ? new String[] {Long.toString(value.longValue())} : NONE;
        });
    }

    /** Reads the string at {@code path} ({@code payment.payment_intent} of an invoice payment); none when absent. */
    static Function<JsonNode, String[]> nested(String... path) {
        return node -> {
            JsonNode value = node;
            for (String step : path) {
                value = value.path(step);
            }
            return value.isTextual() ? new String[] {value.textValue()} : NONE;
        };
    }

    /** Reads {@code <list>.data[].<member>.id} (subscriptions: {@code items.data[].price.id}). */
    static Function<JsonNode, String[]> nestedListIds(String list, String member) {
        return node -> {
            JsonNode data = node.path(list).path("data");
            List<String> values = new ArrayList<>();
            for (JsonNode element : data) {
                JsonNode id = element.path(member).path("id");
                if (id.isTextual() && !values.contains(id.textValue())) {
                    values.add(id.textValue());
                }
            }
            return values.toArray(NONE);
        };
    }
}
