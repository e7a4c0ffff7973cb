package org.stripejdbc.fdw;

import java.lang.reflect.Array;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.Pushdown.Access;
import org.stripejdbc.fdw.Pushdown.CreatedBound;
import org.stripejdbc.fdw.Pushdown.EqualityFilter;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.fdw.RequestSet.RequestValue;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.types.SqlType;

/**
 * Turns a planned {@link Access} into the concrete {@link RequestSet} of one execution, evaluating constants
 * and parameters with the {@link ConstantEvaluator}.
 *
 * <pre>
 *   email = $1, $1 = 'a@b.c'                   →  ListWalks [[email=a@b.c]]
 *   customer IN ('cus_1', 'cus_2', 'cus_1')     →  ListWalks [[customer=cus_1], [customer=cus_2]]
 *   id = ANY($1), $1 = [a, b, a, null]          →  Retrieves [a, b]
 *   created &gt; '2024-02-01' AND created &lt; '2024-01-01'  →  None (the created conditions exclude each other)
 *   email = $1, $1 = NULL                        →  None (email = $1 is never true: $1 is NULL)
 * </pre>
 *
 * With {@code placeholders} (EXPLAIN), a value that needs an unbound parameter is shown as its SQL text
 * ({@code $1}) instead of failing. A value that does not fit the column ({@code email = $1} with an integer)
 * is a {@code 42804} error naming the condition.
 */
final class RequestResolver {
    private final ConstantEvaluator constants;
    private final ExecutionContext context;
    private final boolean placeholders;

    RequestResolver(ConstantEvaluator constants, ExecutionContext context, boolean placeholders) {
        this.constants = Objects.requireNonNull(constants, "constants");
        this.context = Objects.requireNonNull(context, "context");
        this.placeholders = placeholders;
    }

    RequestSet resolve(Access access) {
        if (access instanceof Pushdown.NoRows noRows) {
            return new RequestSet.None(ExprPrinter.print(noRows.condition()) + " is never true");
        }
        if (access instanceof Pushdown.Balance) {
            return new RequestSet.Balance();
        }
        if (access instanceof Pushdown.Retrieve retrieve) {
            return resolveRetrieve(retrieve);
        }
        return resolveListWalk((Pushdown.ListWalk) access);
    }

    private RequestSet resolveRetrieve(Pushdown.Retrieve retrieve) {
        Values ids = retrieve.array() != null
                ? arrayValues(retrieve.array(), SqlType.TEXT, retrieve.condition())
                : listValues(retrieve.ids(), SqlType.TEXT, retrieve.condition());
        if (ids.placeholder() != null) {
            return new RequestSet.Retrieves(List.of(), ids.placeholder());
        }
        // An empty or blank id matches no object, and GET <path>/ would be a list call.
        List<RequestValue> nonEmpty =
                ids.values().stream().filter(RequestResolver::isSendable).toList();
        if (nonEmpty.isEmpty()) {
            return new RequestSet.None(ExprPrinter.print(retrieve.condition()) + " matches no id");
        }
        return new RequestSet.Retrieves(nonEmpty, null);
    }

    private RequestSet resolveListWalk(Pushdown.ListWalk walk) {
        List<QueryParameter> base = new ArrayList<>();
        int expandingSlot = -1;
        List<RequestValue> expandingValues = List.of();
        for (EqualityFilter filter : walk.filters()) {
            boolean required = walk.required().contains(filter.field());
            if (filter.expands()) {
                Values values = filter.array() != null
                        ? arrayValues(filter.array(), filter.type(), filter.condition())
                        : listValues(filter.values(), filter.type(), filter.condition());
                List<RequestValue> sendable = values.values().stream()
                        .filter(value -> isSendable(value) && filter.accepts(value))
                        .toList();
                if (values.placeholder() != null) {
                    expandingSlot = base.size();
                    base.add(new QueryParameter(filter.field(), new RequestValue(values.placeholder(), true)));
                } else if (values.values().isEmpty() || (required && sendable.isEmpty())) {
                    return new RequestSet.None(ExprPrinter.print(filter.condition()) + " matches no value");
                } else if (required || sendable.size() == values.values().size()) {
                    // A value Stripe would read as absent cannot be walked: without it the required field's walks
                    // cover every object (each has one), otherwise the field is not sent at all.
                    expandingSlot = base.size();
                    expandingValues = sendable;
                    base.add(new QueryParameter(filter.field(), expandingValues.get(0)));
                }
            } else {
                Resolved value = resolve(filter.values().get(0), filter.type(), filter.condition());
                if (value instanceof Resolved.Null) {
                    return neverTrue(filter.condition());
                }
                RequestValue requestValue = requestValue(value, filter.type());
                if (isSendable(requestValue) && filter.accepts(requestValue)) {
                    base.add(new QueryParameter(filter.field(), requestValue));
                } else if (required) {
                    return new RequestSet.None(ExprPrinter.print(filter.condition()) + " matches no value that can be"
                            + " sent as " + filter.field());
                }
                // Otherwise not sent: Stripe would read it as no filter, or refuse a value outside the parameter's
                // enumeration. The scan checks the condition on every row.
            }
        }

        // One merged range per field (created, due_date...), in the order the fields first appear.
        Map<String, CreatedRange> ranges = new LinkedHashMap<>();
        Map<String, List<QueryParameter>> unboundBounds = new LinkedHashMap<>();
        for (CreatedBound bound : walk.createdBounds()) {
            Resolved low = resolve(bound.value(), bound.type(), bound.condition());
            Resolved high = bound.high() == null ? null : resolve(bound.high(), bound.type(), bound.condition());
            if (low instanceof Resolved.Null || high instanceof Resolved.Null) {
                return neverTrue(bound.condition());
            }
            CreatedRange range = ranges.computeIfAbsent(bound.field(), CreatedRange::new);
            List<QueryParameter> unbound = unboundBounds.computeIfAbsent(bound.field(), f -> new ArrayList<>());
            if (low instanceof Resolved.Placeholder || high instanceof Resolved.Placeholder) {
                unbound.addAll(placeholderBounds(bound, low, high));
            } else {
                range.add(bound.operator(), instant(low), high == null ? null : instant(high));
            }
        }
        for (Map.Entry<String, CreatedRange> range : ranges.entrySet()) {
            if (range.getValue().isEmpty()) {
                return new RequestSet.None("the " + range.getKey() + " conditions exclude each other");
            }
            List<QueryParameter> bounds = new ArrayList<>();
            for (Map.Entry<String, String> parameter : range.getValue().parameters()) {
                bounds.add(QueryParameter.of(parameter.getKey(), parameter.getValue()));
            }
            bounds.addAll(unboundBounds.get(range.getKey()));
            // Lower bounds (gt, gte) before upper bounds (lt, lte), also when EXPLAIN shows placeholders.
            String lower = range.getKey() + "[g";
            bounds.sort(Comparator.comparing(parameter -> !parameter.name().startsWith(lower)));
            base.addAll(bounds);
        }
        for (Map.Entry<String, String> parameter : walk.defaultParameters().entrySet()) {
            base.add(QueryParameter.of(parameter.getKey(), parameter.getValue()));
        }

        if (expandingValues.size() <= 1) {
            return new RequestSet.ListWalks(List.of(base));
        }
        List<List<QueryParameter>> walks = new ArrayList<>();
        for (RequestValue value : expandingValues) {
            List<QueryParameter> parameters = new ArrayList<>(base);
            parameters.set(
                    expandingSlot, new QueryParameter(base.get(expandingSlot).name(), value));
            walks.add(parameters);
        }
        return new RequestSet.ListWalks(walks);
    }

    /** Whether Stripe reads the value as itself (a placeholder is shown as is). */
    private static boolean isSendable(RequestValue value) {
        return value.placeholder() || RequestValues.isSendable(value.text());
    }

    private static List<QueryParameter> placeholderBounds(CreatedBound bound, Resolved low, Resolved high) {
        RequestValue lowValue = shown(low);
        String f = bound.field();
        return switch (bound.operator()) {
            case GREATER -> List.of(new QueryParameter(f + "[gt]", lowValue));
            case GREATER_OR_EQUAL -> List.of(new QueryParameter(f + "[gte]", lowValue));
            case LESS -> List.of(new QueryParameter(f + "[lt]", lowValue));
            case LESS_OR_EQUAL -> List.of(new QueryParameter(f + "[lte]", lowValue));
            case EQUALS ->
                List.of(new QueryParameter(f + "[gte]", lowValue), new QueryParameter(f + "[lte]", lowValue));
            case BETWEEN ->
                List.of(new QueryParameter(f + "[gte]", lowValue), new QueryParameter(f + "[lte]", shown(high)));
        };
    }

    /** A resolved timestamp shown in EXPLAIN next to placeholders: Unix seconds, or the placeholder. */
    private static RequestValue shown(Resolved resolved) {
        if (resolved instanceof Resolved.Placeholder placeholder) {
            return new RequestValue(placeholder.text(), true);
        }
        return RequestValue.of(Long.toString(instant(resolved).getEpochSecond()));
    }

    private RequestSet neverTrue(Expr condition) {
        return new RequestSet.None(ExprPrinter.print(condition) + " is never true (NULL value)");
    }

    // ------------------------------------------------------------------------------------------ values

    /** Distinct request values of a list of constants (NULLs skipped), or a placeholder. */
    private record Values(List<RequestValue> values, String placeholder) {}

    private Values listValues(List<Expr> expressions, SqlType type, Expr condition) {
        Set<RequestValue> values = new LinkedHashSet<>();
        for (Expr expression : expressions) {
            Resolved resolved = resolve(expression, type, condition);
            if (resolved instanceof Resolved.Value || resolved instanceof Resolved.Placeholder) {
                values.add(requestValue(resolved, type));
            }
        }
        return new Values(List.copyOf(values), null);
    }

    private Values arrayValues(Expr array, SqlType elementType, Expr condition) {
        Resolved resolved = resolve(array, SqlType.ARRAY, condition);
        if (resolved instanceof Resolved.Placeholder placeholder) {
            return new Values(List.of(), placeholder.text());
        }
        if (resolved instanceof Resolved.Null) {
            return new Values(List.of(), null);
        }
        Object value = ((Resolved.Value) resolved).value();
        Set<RequestValue> values = new LinkedHashSet<>();
        for (Object element : elements(value)) {
            if (element == null) {
                continue;
            }
            if (!PushdownPlanner.fits(element, elementType)) {
                throw mismatch(array, element, elementType, condition);
            }
            values.add(requestValue(new Resolved.Value(element), elementType));
        }
        return new Values(List.copyOf(values), null);
    }

    private static List<Object> elements(Object array) {
        if (array instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        List<Object> out = new ArrayList<>();
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }

    private static RequestValue requestValue(Resolved resolved, SqlType type) {
        if (resolved instanceof Resolved.Placeholder placeholder) {
            return new RequestValue(placeholder.text(), true);
        }
        Object value = ((Resolved.Value) resolved).value();
        if (type == SqlType.TIMESTAMP || type == SqlType.TIMESTAMPTZ) {
            // A Unix time taken as one value (a meter event summary's start_time): whole seconds, as Stripe sends.
            return RequestValue.of(Long.toString(instant(resolved).getEpochSecond()));
        }
        return RequestValue.of(type == SqlType.BOOLEAN ? Boolean.toString((Boolean) value) : (String) value);
    }

    private static Instant instant(Resolved resolved) {
        Object value = ((Resolved.Value) resolved).value();
        if (value instanceof LocalDateTime timestamp) {
            return timestamp.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof ZonedDateTime timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay().toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    /** A constant's value: a value of the wanted type, SQL NULL, or (EXPLAIN) a placeholder. */
    private sealed interface Resolved {
        record Value(Object value) implements Resolved {}

        record Null() implements Resolved {}

        record Placeholder(String text) implements Resolved {}
    }

    private Resolved resolve(Expr expression, SqlType type, Expr condition) {
        List<Integer> parameters = Exprs.parameters(expression);
        if (placeholders
                && parameters.stream()
                        .anyMatch(index -> index > context.parameters().size())) {
            return new Resolved.Placeholder(ExprPrinter.print(expression));
        }
        if (Exprs.isNullLiteral(expression)) {
            return new Resolved.Null();
        }
        for (int index : parameters) {
            context.parameter(index); // 42P02 when the parameter is not bound
        }
        Optional<Object> value;
        try {
            value = constants.evaluate(expression, type, context);
        } catch (StripeJdbcException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StripeJdbcException(
                    SqlState.DATATYPE_MISMATCH,
                    "cannot evaluate "
                            + ExprPrinter.print(expression) + " as " + type.postgresName() + " in "
                            + ExprPrinter.print(condition),
                    e);
        }
        if (value.isPresent()) {
            if (!PushdownPlanner.fits(value.get(), type)) {
                throw mismatch(expression, value.get(), type, condition);
            }
            return new Resolved.Value(value.get());
        }
        // The evaluator gives no value for SQL NULL: accept that when a parameter it uses is NULL.
        if (parameters.stream().anyMatch(index -> context.parameter(index) == null)) {
            return new Resolved.Null();
        }
        throw new StripeJdbcException(
                SqlState.DATATYPE_MISMATCH,
                "cannot use " + ExprPrinter.print(expression) + " as a " + type.postgresName() + " value in "
                        + ExprPrinter.print(condition));
    }

    private static StripeJdbcException mismatch(Expr expression, Object value, SqlType type, Expr condition) {
        return new StripeJdbcException(
                SqlState.DATATYPE_MISMATCH,
                "cannot use " + ExprPrinter.print(expression)
                        + " (a " + value.getClass().getSimpleName() + ") as a "
                        + (type == SqlType.ARRAY ? "array" : type.postgresName()) + " value in "
                        + ExprPrinter.print(condition));
    }
}
