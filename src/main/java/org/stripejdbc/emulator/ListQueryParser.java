package org.stripejdbc.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Validates the query parameters of {@code GET /v1/<object>} the way Stripe does and builds a {@link ListQuery}.
 *
 * <p>Accepted: {@code limit} (1..100, default 10), {@code starting_after} or {@code ending_before} (not both),
 * {@code expand[]} (ignored), each of the object's filters, {@code created} / {@code created[gt|gte|lt|lte]}
 * where the registry says the endpoint takes them, the other range parameters of the API description
 * ({@code due_date[gte]}...), and the description's other list parameters of the endpoint, which are accepted and
 * not applied (the driver never sends them). Anything else is {@code Received unknown parameter: x}, as the API
 * answers.
 * Empty values count as absent. When a parameter repeats, the last value wins.
 *
 * <p>Examples: {@code limit=0} → 400 {@code This value must be greater than or equal to 1.} (param limit);
 * {@code limit=abc} → 400 {@code Invalid integer: abc}; {@code GET /v1/setup_attempts} → 400
 * {@code Missing required param: setup_intent.}; {@code GET /v1/subscriptions} → the subscriptions that are not
 * canceled.
 */
final class ListQueryParser {
    private static final Set<String> CREATED_OPERATORS = Set.of("gt", "gte", "lt", "lte");

    private ListQueryParser() {}

    static ListQuery parse(EmulatedObject type, List<Map.Entry<String, String>> parameters) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, long[]> ranges = new LinkedHashMap<>();
        long[] created = {Long.MIN_VALUE, Long.MAX_VALUE};
        for (Map.Entry<String, String> parameter : parameters) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            String base = name.indexOf('[') > 0 ? name.substring(0, name.indexOf('[')) : name;
            if (base.equals("expand")) {
                continue;
            }
            if (base.equals("created") && type.meta().createdFilter()) {
                if (value.isEmpty()) {
                    continue;
                }
                bound(created, name.equals("created") ? "eq" : operatorOf(name), parseLong(name, value));
                continue;
            }
            int rangeIndex = type.filterIndex(base);
            if (rangeIndex >= 0 && type.filters().get(rangeIndex).kind() == FilterField.Kind.RANGE) {
                if (!value.isEmpty()) {
                    long[] range = ranges.computeIfAbsent(base, b -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
                    bound(range, name.equals(base) ? "eq" : operatorOf(name), parseLong(name, value));
                }
                continue;
            }
            boolean known = name.equals("limit")
                    || name.equals("starting_after")
                    || name.equals("ending_before")
                    || type.filterIndex(name) >= 0;
            if (!known && type.meta().listParameters().containsKey(base)) {
                // A parameter the endpoint takes that the emulator does not apply: accepted, as Stripe would.
                continue;
            }
            if (!known) {
                throw ApiError.unknownParameter(name).exception();
            }
            if (!value.isEmpty()) {
                values.put(name, value);
            } else {
                values.remove(name);
            }
        }

        int limit = parseLimit(values.get("limit"));
        String startingAfter = values.get("starting_after");
        String endingBefore = values.get("ending_before");
        if (startingAfter != null && endingBefore != null) {
            throw ApiError.invalidRequest(
                            "You may only specify one of these parameters: ending_before, " + "starting_after.",
                            "ending_before")
                    .exception();
        }
        String required = type.meta().requiredFilter();
        if (required != null && !values.containsKey(required)) {
            throw ApiError.missingParameter(required).exception();
        }

        List<ListQuery.Condition> conditions = new ArrayList<>();
        for (int i = 0; i < type.filters().size(); i++) {
            FilterField field = type.filters().get(i);
            String value = values.get(field.name());
            if (field.kind() == FilterField.Kind.RANGE) {
                continue;
            }
            ListQuery.Condition condition = value == null ? defaultCondition(i, field) : condition(i, field, value);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        for (Map.Entry<String, long[]> range : ranges.entrySet()) {
            long[] bounds = range.getValue();
            conditions.add(ListQuery.Condition.between(type.filterIndex(range.getKey()), bounds[0], bounds[1]));
        }
        return new ListQuery(limit, startingAfter, endingBefore, conditions, created[0], created[1]);
    }

    private static ListQuery.Condition defaultCondition(int index, FilterField field) {
        return field.defaultValues() == null ? null : new ListQuery.Condition(index, field.defaultValues(), null);
    }

    private static ListQuery.Condition condition(int index, FilterField field, String value) {
        String name = field.name();
        switch (field.kind()) {
            case BOOLEAN:
                if (!value.equals("true") && !value.equals("false")) {
                    throw ApiError.invalidBoolean(name, value).exception();
                }
                return new ListQuery.Condition(index, Set.of(value), null);
            case CURRENCY: {
                String currency = value.toLowerCase(Locale.ROOT);
                if (!currency.matches("[a-z]{3}")) {
                    throw ApiError.invalidRequest(
                                    "Invalid currency: " + value + ". Stripe currently supports "
                                            + "three-letter ISO currency codes.",
                                    name)
                            .exception();
                }
                return new ListQuery.Condition(index, Set.of(currency), null);
            }
            case ENUM: {
                Set<String> alias = field.aliases().get(value);
                if (alias != null) {
                    return alias.isEmpty() ? null : new ListQuery.Condition(index, new HashSet<>(alias), null);
                }
                if (!field.allowed().contains(value)) {
                    throw ApiError.invalidEnum(name, field.acceptedForMessage()).exception();
                }
                return new ListQuery.Condition(index, Set.of(value), null);
            }
            case EVENT_TYPE:
                if (value.endsWith("*")) {
                    return new ListQuery.Condition(index, Set.of(), value.substring(0, value.length() - 1));
                }
                return new ListQuery.Condition(index, Set.of(value), null);
            default:
                return new ListQuery.Condition(index, Set.of(value), null);
        }
    }

    /** Narrows {@code range} ({minimum, maximum}, inclusive) by one bound. */
    private static void bound(long[] range, String operator, long bound) {
        switch (operator) {
            case "eq" -> {
                range[0] = Math.max(range[0], bound);
                range[1] = Math.min(range[1], bound);
            }
            case "gt" -> range[0] = Math.max(range[0], bound == Long.MAX_VALUE ? bound : bound + 1);
            case "gte" -> range[0] = Math.max(range[0], bound);
            case "lt" -> range[1] = Math.min(range[1], bound == Long.MIN_VALUE ? bound : bound - 1);
            default -> range[1] = Math.min(range[1], bound);
        }
    }

    private static String operatorOf(String name) {
        List<String> path = FormCodec.splitKey(name);
        if (path.size() != 2 || !CREATED_OPERATORS.contains(path.get(1))) {
            throw ApiError.unknownParameter(name).exception();
        }
        return path.get(1);
    }

    static int parseLimit(String value) {
        if (value == null) {
            return ListQuery.DEFAULT_LIMIT;
        }
        long limit = parseLong("limit", value);
        if (limit < 1) {
            throw ApiError.integerTooSmall("limit", 1).exception();
        }
        if (limit > ListQuery.MAXIMUM_LIMIT) {
            throw ApiError.integerTooLarge("limit", ListQuery.MAXIMUM_LIMIT).exception();
        }
        return (int) limit;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalidInteger(name, value).exception();
        }
    }
}
