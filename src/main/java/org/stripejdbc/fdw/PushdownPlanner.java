package org.stripejdbc.fdw;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.Pushdown.BoundOperator;
import org.stripejdbc.fdw.Pushdown.CreatedBound;
import org.stripejdbc.fdw.Pushdown.EqualityFilter;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.types.SqlType;

/**
 * Decides which WHERE conjuncts of one Stripe table become request parts (upstream §3 and §9 rows 1-6).
 * Stripe's filtering only narrows what is fetched: every pushed conjunct is evaluated again on each row the
 * requests return ({@link PushedConditions}), so a server that matches differently (case, wildcards, pseudo-values
 * such as subscriptions' {@code status=all}) or ignores a filter never widens a result. What cannot be pushed is
 * left residual for the executor.
 *
 * <pre>
 *   customers where id = 'cus_1' and name like 'A%'   →  GET customers/cus_1; residual (name ~~ 'A%')
 *   customers where id in ('cus_1', 'cus_2')           →  GET customers/cus_1, GET customers/cus_2
 *   charges where customer = 'cus_1'                   →  GET charges?customer=cus_1&amp;limit=..
 *   charges where customer in ('cus_1', 'cus_2')       →  one walk per customer, merged without duplicates
 *   charges where created &gt;= '2024-01-01'              →  GET charges?created[gte]=1704067200&amp;limit=..
 *   charges where created &lt; '2024-01-01' or created is null  →  GET charges?created[lt]=1704067200&amp;limit=..
 *                                                          (Spark's first partition)
 *   prices where active                                 →  GET prices?active=true&amp;limit=..
 *   customers where email = ''                          →  GET customers?limit=..; residual (email = '')
 *                                                          (Stripe reads an empty value as no filter)
 *   customers where email = NULL                        →  no request, no row
 *   tokens (no id condition)                            →  0A000 before any request
 * </pre>
 *
 * Rules, in order: a comparison with a NULL literal makes the scan empty; balance pushes nothing; an
 * {@code id =} (else the first {@code id IN}/{@code id = ANY}) on a retrievable object becomes retrieves and
 * everything else stays residual; otherwise equalities on the object's pushable fields (first one per field),
 * one IN/ANY on a pushable field without an equality, and comparisons of range fields ({@code created},
 * {@code due_date}...) become a list walk. A
 * value Stripe would read as absent ({@link RequestValues#isSendable}) is never pushed.
 */
final class PushdownPlanner {
    private final ForeignTableDefinition table;
    private final ConstantEvaluator constants;

    PushdownPlanner(ForeignTableDefinition table, ConstantEvaluator constants) {
        this.table = Objects.requireNonNull(table, "table");
        this.constants = Objects.requireNonNull(constants, "constants");
    }

    Pushdown plan(List<Expr> whereConjuncts) {
        List<Expr> conjuncts = Exprs.flattenConjuncts(whereConjuncts);
        StripeObject object = table.object();

        for (Expr conjunct : conjuncts) {
            if (isNeverTrue(conjunct)) {
                return new Pushdown(new Pushdown.NoRows(conjunct), List.of(conjunct), List.of());
            }
        }
        if (object.shape() == StripeObject.Shape.BALANCE) {
            return new Pushdown(new Pushdown.Balance(), List.of(), conjuncts);
        }

        Optional<Pushdown.Retrieve> retrieve = findRetrieve(conjuncts);
        if (retrieve.isPresent()) {
            Expr condition = retrieve.get().condition();
            List<Expr> residual = new ArrayList<>(conjuncts);
            residual.remove(condition);
            return new Pushdown(retrieve.get(), List.of(condition), residual);
        }
        if (!object.listable()) {
            throw needsId();
        }
        return planListWalk(conjuncts);
    }

    // ---------------------------------------------------------------------------------------------- retrieve

    private Optional<Pushdown.Retrieve> findRetrieve(List<Expr> conjuncts) {
        StripeObject object = table.object();
        Optional<ForeignColumn> id = table.column("id");
        if (!object.retrievable() || !object.hasId() || id.isEmpty() || id.get().type() != SqlType.TEXT) {
            return Optional.empty();
        }
        for (Expr conjunct : conjuncts) {
            Optional<Comparison> comparison = comparison(conjunct);
            // Any text constant, even '': an empty id matches no object, which the request resolver answers with
            // no request at all.
            if (comparison.isPresent()
                    && comparison.get().column().equals("id")
                    && comparison.get().operator() == BinaryOperator.EQUALS
                    && isConstantOfType(comparison.get().constant(), SqlType.TEXT)) {
                return Optional.of(
                        new Pushdown.Retrieve(conjunct, List.of(comparison.get().constant()), null));
            }
        }
        for (Expr conjunct : conjuncts) {
            Optional<Membership> membership = membership(conjunct, SqlType.TEXT, false);
            if (membership.isPresent() && membership.get().column().equals("id")) {
                return Optional.of(new Pushdown.Retrieve(
                        conjunct, membership.get().items(), membership.get().array()));
            }
        }
        return Optional.empty();
    }

    // --------------------------------------------------------------------------------------------- list walk

    private Pushdown planListWalk(List<Expr> conjuncts) {
        StripeObject object = table.object();
        Map<String, EqualityFilter> byField = new LinkedHashMap<>();
        Map<Expr, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < conjuncts.size(); i++) {
            position.put(conjuncts.get(i), i);
        }

        // Equalities first (the first one per field), so a later IN on the same field stays residual.
        for (Expr conjunct : conjuncts) {
            Optional<Equality> equality = equality(conjunct);
            if (equality.isPresent() && !byField.containsKey(equality.get().field())) {
                String field = equality.get().field();
                byField.put(
                        field,
                        new EqualityFilter(
                                field,
                                fieldType(field),
                                conjunct,
                                List.of(equality.get().value()),
                                null,
                                false,
                                allowed(field)));
            }
        }
        // Then at most one IN / = ANY on a pushable field that has no equality: one walk per value.
        for (Expr conjunct : conjuncts) {
            if (byField.values().stream().anyMatch(EqualityFilter::expands)) {
                break;
            }
            String field = pushableColumn(conjunct);
            if (field == null || byField.containsKey(field)) {
                continue;
            }
            Optional<Membership> membership = membership(conjunct, fieldType(field), true);
            if (membership.isPresent()) {
                byField.put(
                        field,
                        new EqualityFilter(
                                field,
                                fieldType(field),
                                conjunct,
                                membership.get().items(),
                                membership.get().array(),
                                membership.get().array() == null,
                                allowed(field)));
            }
        }
        List<EqualityFilter> filters = new ArrayList<>(byField.values());
        filters.sort((a, b) -> Integer.compare(position.get(a.condition()), position.get(b.condition())));

        List<CreatedBound> bounds = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            createdBound(conjunct).ifPresent(bounds::add);
        }

        if (object.requiredFilter() != null && !byField.containsKey(object.requiredFilter())) {
            throw needsRequiredFilter(object.requiredFilter());
        }
        Set<String> required = new TreeSet<>(object.requiredParameters());
        if (object.requiredFilter() != null) {
            required.add(object.requiredFilter());
        }
        List<String> missing =
                required.stream().filter(field -> !byField.containsKey(field)).toList();
        if (!missing.isEmpty()) {
            throw needsRequiredParameters(missing);
        }

        Map<String, String> defaults = new TreeMap<>(object.defaultListParameters());
        defaults.keySet().removeAll(byField.keySet());

        Set<Expr> pushed = Collections.newSetFromMap(new IdentityHashMap<>());
        for (EqualityFilter filter : filters) {
            pushed.add(filter.condition());
        }
        for (CreatedBound bound : bounds) {
            pushed.add(bound.condition());
        }
        List<Expr> pushedList = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            (pushed.contains(conjunct) ? pushedList : residual).add(conjunct);
        }
        return new Pushdown(new Pushdown.ListWalk(filters, bounds, defaults, required), pushedList, residual);
    }

    /**
     * The first of {@code conjuncts} that gives {@code column} (a declared text column) its values, as a filter a
     * scan can send to another list: {@code column = c} (one value) or {@code column IN (c1, c2)} /
     * {@code column = ANY(array)} (one walk per value); empty when none does. Example: {@code invoice = 'in_1'} of
     * charges, which the invoice payments' list takes ({@link InvoiceLinks}).
     */
    Optional<EqualityFilter> keyFilter(List<Expr> conjuncts, String column) {
        if (table.column(column).filter(c -> c.type() == SqlType.TEXT).isEmpty()) {
            return Optional.empty();
        }
        for (Expr conjunct : Exprs.flattenConjuncts(conjuncts)) {
            Optional<Comparison> comparison = comparison(conjunct);
            if (comparison.isPresent()
                    && comparison.get().column().equals(column)
                    && comparison.get().operator() == BinaryOperator.EQUALS
                    && isPushableConstant(comparison.get().constant(), SqlType.TEXT)) {
                return Optional.of(new EqualityFilter(
                        column, SqlType.TEXT, conjunct, List.of(comparison.get().constant()), null, false, List.of()));
            }
            Optional<Membership> membership = membership(conjunct, SqlType.TEXT, true);
            if (membership.isPresent() && membership.get().column().equals(column)) {
                return Optional.of(new EqualityFilter(
                        column,
                        SqlType.TEXT,
                        conjunct,
                        membership.get().items(),
                        membership.get().array(),
                        membership.get().array() == null,
                        List.of()));
            }
        }
        return Optional.empty();
    }

    /** The values the list parameter accepts in the pinned API version (empty: any). */
    private List<String> allowed(String field) {
        return table.object().listParameter(field).map(ApiParameter::allowed).orElse(List.of());
    }

    /** The registry type of a pushable field (text or boolean). */
    private SqlType fieldType(String field) {
        return table.object().column(field).map(StripeColumn::type).orElse(SqlType.TEXT);
    }

    /**
     * The field a conjunct filters if it is a pushable field of the object that is also a known text or
     * boolean column declared with the same type (else the column's values could differ from what Stripe
     * matches); null otherwise.
     */
    private String pushableColumn(Expr conjunct) {
        Expr column = null;
        if (conjunct instanceof Expr.InList in && !in.negated()) {
            column = in.value();
        } else if (conjunct instanceof Expr.Quantified quantified && !quantified.all()) {
            column = quantified.left();
        }
        String name = columnName(column);
        return name != null && isPushableField(name) ? name : null;
    }

    private boolean isPushableField(String name) {
        StripeObject object = table.object();
        if (name.equals("id") || !object.isPushable(name)) {
            return false;
        }
        Optional<StripeColumn> known = object.column(name);
        Optional<ForeignColumn> declared = table.column(name);
        if (known.isPresent() && declared.isPresent() && isTimeParameter(name)) {
            return declared.get().type() == SqlType.TIMESTAMP || declared.get().type() == SqlType.TIMESTAMPTZ;
        }
        return known.isPresent()
                && declared.isPresent()
                && (known.get().type() == SqlType.TEXT || known.get().type() == SqlType.BOOLEAN)
                && declared.get().type() == known.get().type();
    }

    /**
     * Whether {@code name} is a list parameter taking one Unix time (not a range): a billing meter event summary's
     * {@code start_time} and {@code end_time}, the window the summaries are computed over.
     */
    private boolean isTimeParameter(String name) {
        return table.object()
                .listParameter(name)
                .filter(p -> p.type().equals("timestamp") && !p.range())
                .isPresent();
    }

    /**
     * The operator that gives a time parameter its value: {@code =}, and also {@code >=} for a window's start and
     * {@code <=} for its end (every summary of the window {@code [start_time, end_time)} starts at or after its start
     * and ends at or before its end, so the pushed condition, checked again on every row, holds for all of them).
     */
    private boolean givesValue(String field, BinaryOperator operator) {
        if (operator == BinaryOperator.EQUALS) {
            return true;
        }
        if (!isTimeParameter(field)) {
            return false;
        }
        return operator == BinaryOperator.GREATER_OR_EQUAL && field.startsWith("start")
                || operator == BinaryOperator.LESS_OR_EQUAL && field.startsWith("end");
    }

    private record Equality(String field, Expr value) {}

    /** {@code field = c}, {@code c = field}, bare {@code flag}, {@code NOT flag}, {@code flag IS TRUE/FALSE}. */
    private Optional<Equality> equality(Expr conjunct) {
        Optional<Comparison> comparison = comparison(conjunct);
        if (comparison.isPresent()) {
            Comparison c = comparison.get();
            if (givesValue(c.column(), c.operator())
                    && isPushableField(c.column())
                    && isPushableConstant(c.constant(), fieldType(c.column()))) {
                return Optional.of(new Equality(c.column(), c.constant()));
            }
            return Optional.empty();
        }
        String flag = null;
        boolean value = true;
        if (conjunct instanceof Expr.ColumnRef column) {
            flag = column.name();
        } else if (conjunct instanceof Expr.Unary unary
                && unary.operator() == Expr.UnaryOperator.NOT
                && unary.operand() instanceof Expr.ColumnRef column) {
            flag = column.name();
            value = false;
        } else if (conjunct instanceof Expr.IsBoolean isBoolean
                && !isBoolean.negated()
                && isBoolean.expected() != null
                && isBoolean.value() instanceof Expr.ColumnRef column) {
            flag = column.name();
            value = isBoolean.expected();
        }
        if (flag != null && isPushableField(flag) && fieldType(flag) == SqlType.BOOLEAN) {
            return Optional.of(new Equality(flag, new Expr.Literal(value, SqlType.BOOLEAN)));
        }
        return Optional.empty();
    }

    private record Membership(String column, List<Expr> items, Expr array) {}

    /**
     * {@code column IN (c1, c2, ...)} or {@code column = ANY(array constant)}, values of {@code type} (each
     * sendable as a filter when {@code sendable}; ids need not be: an empty id just matches nothing).
     */
    private Optional<Membership> membership(Expr conjunct, SqlType type, boolean sendable) {
        if (conjunct instanceof Expr.InList in && !in.negated()) {
            String column = columnName(in.value());
            if (column == null || in.items().isEmpty()) {
                return Optional.empty();
            }
            for (Expr item : in.items()) {
                if (!Exprs.isNullLiteral(item)
                        && !(sendable ? isPushableConstant(item, type) : isConstantOfType(item, type))) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Membership(column, in.items(), null));
        }
        if (conjunct instanceof Expr.Quantified quantified
                && !quantified.all()
                && quantified.operator() == BinaryOperator.EQUALS) {
            String column = columnName(quantified.left());
            if (column != null && isPushableConstant(quantified.array(), SqlType.ARRAY)) {
                return Optional.of(new Membership(column, List.of(), quantified.array()));
            }
        }
        return Optional.empty();
    }

    /**
     * A comparison of a range field ({@code created}, {@code due_date}...: the object's {@code rangeFields}, declared
     * timestamp or timestamptz) with a constant timestamp.
     */
    private Optional<CreatedBound> createdBound(Expr conjunct) {
        if (conjunct instanceof Expr.Binary or && or.operator() == BinaryOperator.OR) {
            // Spark's first JDBC partition: created < X OR created IS NULL. A listed object always has a
            // created time, so created[lt] fetches every row that can match; the condition stays residual.
            // Other range fields can be NULL (an invoice without due date), so only created takes this form.
            Expr bound = isCreatedIsNull(or.right()) ? or.left() : isCreatedIsNull(or.left()) ? or.right() : null;
            return bound == null || bound instanceof Expr.Binary inner && inner.operator() == BinaryOperator.OR
                    ? Optional.empty()
                    : createdBound(bound)
                            .filter(b -> b.field().equals("created"))
                            .map(b ->
                                    new CreatedBound(b.field(), b.operator(), b.value(), b.high(), b.type(), conjunct));
        }
        if (conjunct instanceof Expr.Between between && !between.negated()) {
            String field = columnName(between.value());
            SqlType type = rangeType(field);
            if (type != null && isPushableConstant(between.low(), type) && isPushableConstant(between.high(), type)) {
                return Optional.of(
                        new CreatedBound(field, BoundOperator.BETWEEN, between.low(), between.high(), type, conjunct));
            }
            return Optional.empty();
        }
        Optional<Comparison> comparison = comparison(conjunct);
        SqlType type = comparison.map(c -> rangeType(c.column())).orElse(null);
        if (type == null || !isPushableConstant(comparison.get().constant(), type)) {
            return Optional.empty();
        }
        BoundOperator operator = switch (comparison.get().operator()) {
            case GREATER -> BoundOperator.GREATER;
            case GREATER_OR_EQUAL -> BoundOperator.GREATER_OR_EQUAL;
            case LESS -> BoundOperator.LESS;
            case LESS_OR_EQUAL -> BoundOperator.LESS_OR_EQUAL;
            case EQUALS -> BoundOperator.EQUALS;
            default -> null;
        };
        return operator == null
                ? Optional.empty()
                : Optional.of(new CreatedBound(
                        comparison.get().column(), operator, comparison.get().constant(), null, type, conjunct));
    }

    /**
     * The declared type of a range field's column (timestamp or timestamptz), or null when {@code field} is no range
     * field of the object's list endpoint or is declared otherwise. A declared column the registry does not list
     * (subscriptions' created) is read by its declared type: the same Unix seconds, so the range is exact too.
     */
    private SqlType rangeType(String field) {
        if (field == null || !table.object().isRangeField(field)) {
            return null;
        }
        Optional<StripeColumn> known = table.object().column(field);
        Optional<ForeignColumn> declared = table.column(field);
        if ((known.isPresent() && known.get().type() != SqlType.TIMESTAMP)
                || declared.isEmpty()
                || (declared.get().type() != SqlType.TIMESTAMP && declared.get().type() != SqlType.TIMESTAMPTZ)) {
            return null;
        }
        return declared.get().type();
    }

    private boolean isCreatedIsNull(Expr expression) {
        return expression instanceof Expr.IsNull isNull
                && !isNull.negated()
                && "created".equals(columnName(isNull.value()));
    }

    // ----------------------------------------------------------------------------------------- never true

    /**
     * A comparison of a declared column with a NULL literal ({@code x = NULL}, {@code x > NULL},
     * {@code x IN (NULL)}, {@code x NOT IN (.., NULL)}, {@code x BETWEEN NULL AND ..}) is never true, so the
     * whole conjunction is never true.
     */
    private boolean isNeverTrue(Expr conjunct) {
        if (conjunct instanceof Expr.Binary binary && binary.operator().isComparison()) {
            return (isDeclaredColumn(binary.left()) && Exprs.isNullLiteral(binary.right()))
                    || (isDeclaredColumn(binary.right()) && Exprs.isNullLiteral(binary.left()));
        }
        if (conjunct instanceof Expr.InList in
                && isDeclaredColumn(in.value())
                && !in.items().isEmpty()) {
            return in.negated()
                    ? in.items().stream().anyMatch(Exprs::isNullLiteral)
                    : in.items().stream().allMatch(Exprs::isNullLiteral);
        }
        if (conjunct instanceof Expr.Between between && !between.negated() && isDeclaredColumn(between.value())) {
            return Exprs.isNullLiteral(between.low()) || Exprs.isNullLiteral(between.high());
        }
        return false;
    }

    private boolean isDeclaredColumn(Expr expression) {
        return columnName(expression) != null;
    }

    // ------------------------------------------------------------------------------------------- helpers

    private record Comparison(String column, BinaryOperator operator, Expr constant) {}

    /** {@code column op constant} or {@code constant op column} (operator commuted), op a comparison. */
    private Optional<Comparison> comparison(Expr conjunct) {
        if (!(conjunct instanceof Expr.Binary binary) || !binary.operator().isComparison()) {
            return Optional.empty();
        }
        String left = columnName(binary.left());
        String right = columnName(binary.right());
        if (left != null && right == null && isConstant(binary.right())) {
            return Optional.of(new Comparison(left, binary.operator(), binary.right()));
        }
        if (right != null && left == null && isConstant(binary.left())) {
            return Optional.of(new Comparison(right, commute(binary.operator()), binary.left()));
        }
        return Optional.empty();
    }

    private static BinaryOperator commute(BinaryOperator operator) {
        return switch (operator) {
            case LESS -> BinaryOperator.GREATER;
            case LESS_OR_EQUAL -> BinaryOperator.GREATER_OR_EQUAL;
            case GREATER -> BinaryOperator.LESS;
            case GREATER_OR_EQUAL -> BinaryOperator.LESS_OR_EQUAL;
            default -> operator;
        };
    }

    /** The declared column a bare column reference names (qualifier ignored), else null. */
    private String columnName(Expr expression) {
        if (expression instanceof Expr.ColumnRef column
                && table.column(column.name()).isPresent()) {
            return column.name();
        }
        return null;
    }

    private boolean isConstant(Expr expression) {
        try {
            return constants.isConstant(expression);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a constant can become a request value of {@code type}: it is constant, and either holds a
     * parameter (bound at open; a value that does not fit is an error then, as in Postgres, and a value Stripe would
     * read as absent is not sent) or evaluates now to a sendable value of that type. A constant that fails to
     * evaluate stays residual, so the executor reports it.
     */
    private boolean isPushableConstant(Expr expression, SqlType type) {
        return isConstantOfType(expression, type)
                && (!Exprs.parameters(expression).isEmpty()
                        || !(constants
                                        .evaluate(expression, type, ExecutionContext.simple())
                                        .orElse(null)
                                instanceof String text)
                        || RequestValues.isSendable(text));
    }

    /**
     * Whether {@code expression} is constant and either holds a parameter or evaluates now to a value of
     * {@code type}.
     */
    private boolean isConstantOfType(Expr expression, SqlType type) {
        if (!isConstant(expression) || Exprs.isNullLiteral(expression)) {
            return false;
        }
        if (!Exprs.parameters(expression).isEmpty()) {
            return true;
        }
        try {
            Optional<Object> value = constants.evaluate(expression, type, ExecutionContext.simple());
            return value.isPresent() && fits(value.get(), type);
        } catch (RuntimeException e) {
            // Not pushable; the executor evaluates the condition and reports the problem itself.
            return false;
        }
    }

    /** Whether a runtime value can be used as a request value of {@code type}. */
    static boolean fits(Object value, SqlType type) {
        return switch (type) {
            case TEXT -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case TIMESTAMP, TIMESTAMPTZ ->
                value instanceof LocalDateTime
                        || value instanceof OffsetDateTime
                        || value instanceof ZonedDateTime
                        || value instanceof Instant
                        || value instanceof LocalDate;
            case ARRAY -> value instanceof List<?> || value instanceof Object[];
            default -> false;
        };
    }

    private StripeJdbcException needsId() {
        String object = table.object().object();
        return StripeJdbcException.unsupported(table.qualifiedName() + " can only be read by id: add WHERE id = '...'"
                + " (or id IN (...)); Stripe has no list endpoint for " + object);
    }

    private StripeJdbcException needsRequiredFilter(String field) {
        String object = table.object().object();
        return StripeJdbcException.unsupported(table.qualifiedName() + " can only be listed for one " + field
                + ": add WHERE " + field + " = '...' (or " + field + " IN (...)); Stripe lists " + object
                + " only per " + field);
    }

    private StripeJdbcException needsRequiredParameters(List<String> missing) {
        StringBuilder example = new StringBuilder();
        for (String field : missing) {
            example.append(example.length() == 0 ? "WHERE " : " AND ")
                    .append(field)
                    .append(" = ")
                    .append(
                            !isTimeParameter(field)
                                    ? "'...'"
                                    : field.startsWith("end") ? "'2025-01-02 00:00'" : "'2025-01-01 00:00'");
        }
        return StripeJdbcException.unsupported(table.qualifiedName() + " needs " + String.join(", ", missing)
                + ": Stripe lists " + table.object().object() + " only with "
                + (missing.size() == 1 ? "that parameter" : "those parameters") + "; add " + example);
    }
}
