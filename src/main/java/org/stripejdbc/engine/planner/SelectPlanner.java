package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.ArrayValuedExpression;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ConstantExpression;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.expression.SubqueryPlanner;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.AggregateNode;
import org.stripejdbc.engine.operator.DistinctNode;
import org.stripejdbc.engine.operator.FilterNode;
import org.stripejdbc.engine.operator.KeyedPrefetch;
import org.stripejdbc.engine.operator.LimitNode;
import org.stripejdbc.engine.operator.OneTimeFilterNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.PrefetchNode;
import org.stripejdbc.engine.operator.ProjectNode;
import org.stripejdbc.engine.operator.ProjectSetNode;
import org.stripejdbc.engine.operator.RowBudget;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SetReturningCall;
import org.stripejdbc.engine.operator.SortKey;
import org.stripejdbc.engine.operator.SortNode;
import org.stripejdbc.engine.operator.SubPlan;
import org.stripejdbc.engine.operator.ValuesNode;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Plans one SELECT block, in Postgres' logical order: FROM and WHERE (with pushdown, see {@link FromPlanner}),
 * GROUP BY and aggregates, HAVING ({@link AggregatePlanner}), window functions ({@link WindowPlanner}), set-returning
 * functions in the select list, the select list, DISTINCT / DISTINCT ON, ORDER BY, LIMIT/OFFSET.
 *
 * <p>LIMIT pushdown: when the block reads a single table, every WHERE conjunct was pushed exactly (the scan has no
 * residual) and nothing groups, aggregates, windows, deduplicates or sorts, the scan is told LIMIT + OFFSET (capped
 * by maxRows at top level) as its row budget. In every other case the scan is opened without a budget and the
 * operators above stop pulling rows as soon as they have what they need.
 *
 * <p>Ordered reads: when the single table's source delivers its rows in an order ({@link
 * org.stripejdbc.engine.ScanOrder}, a Stripe list newest first) that answers the block's {@code ORDER BY ... LIMIT}
 * or its {@code max()}, the scan is read in that order and only as far as the answer needs ({@link
 * ScanOrderPlanner}): {@code order by created desc limit 5} reads five rows (the scan is told the budget when nothing
 * else filters or sorts), {@code max(created)} one.
 */
final class SelectPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;
    private final Scope outer;
    private final boolean topLevel;
    private final Scope.Correlation correlation = new Scope.Correlation();

    /** One output column: its expression (null for a star-expanded column) and label. */
    record Output(Expr expression, Scope.Column starColumn, String name) {}

    /**
     * A stage of the block's plan (aggregation, window functions, set-returning functions in the select list): the
     * operator it adds and the compiler that reads that operator's output.
     */
    record Stage(PlanNode node, ExpressionCompiler compiler) {}

    SelectPlanner(QueryPlanner planner, FunctionRegistry functions, Scope outer, boolean topLevel) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.outer = outer;
        this.topLevel = topLevel;
    }

    QueryPlanner.Planned plan(Query.Select select) {
        List<Expr> where = ExprTrees.conjuncts(select.where());
        for (Expr e : where) {
            if (ExprTrees.containsAggregate(e, functions::isAggregate)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
            }
            if (AggregatePlanner.containsGroupingCall(e)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR, "grouping operations are not allowed in WHERE");
            }
            if (ExprTrees.containsWindow(e)) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "window functions are not allowed in WHERE");
            }
        }
        // ---------------------------------------------------------------- FROM, WHERE
        PlanNode node;
        Scope scope;
        List<FromTree.Conjunct> remaining;
        List<FromTree.Conjunct> oneTime;
        if (select.from() == null) {
            node = ValuesNode.singleEmptyRow();
            scope = Scope.empty(outer, correlation);
            remaining = new ArrayList<>();
            oneTime = new ArrayList<>();
            for (Expr e : where) {
                (ExprTrees.containsSubquery(e) ? remaining : oneTime).add(new FromTree.Conjunct(e, scope, 0));
            }
        } else {
            FromPlanner.Planned from =
                    new FromPlanner(planner, functions, outer, correlation).plan(select.from(), where);
            node = from.node();
            scope = from.scope();
            remaining = from.remaining();
            oneTime = from.oneTime();
        }
        if (select.from() != null) {
            // EXISTS, NOT EXISTS, IN and NOT IN subqueries become semi and anti joins where they can.
            SubqueryJoinPlanner subqueryJoins = new SubqueryJoinPlanner(planner, functions);
            for (Iterator<FromTree.Conjunct> it = remaining.iterator(); it.hasNext(); ) {
                PlanNode joined = subqueryJoins.plan(node, scope, it.next().expression());
                if (joined != null) {
                    node = joined;
                    it.remove();
                }
            }
        }
        SubqueryPlanner subqueries = planner::planSubquery;
        ExpressionCompiler input = new ExpressionCompiler(functions, scope, subqueries, "WHERE");
        ScanNode loneScan = node instanceof ScanNode scan ? scan : null;
        CompiledExpression remainingCondition = null;
        String remainingText = null;
        List<SubPlan> whereSubPlans = List.of();
        if (!remaining.isEmpty()) {
            List<Expr> conditions = new ArrayList<>();
            for (FromTree.Conjunct c : remaining) {
                conditions.add(c.expression());
            }
            Expr condition = ExprTrees.and(conditions);
            remainingCondition = input.compilePredicate(condition);
            remainingText = ExprPrinter.print(condition);
            whereSubPlans = planner.takeSubPlans(scope);
        }

        List<Output> outputs = expandSelectList(select, scope);
        List<Expr> orderExpressions = new ArrayList<>();
        for (OrderItem item : select.orderBy()) {
            orderExpressions.add(item.expression());
        }
        boolean aggregated = select.grouped()
                || select.having() != null
                || outputs.stream()
                        .anyMatch(o -> o.expression() != null
                                && (ExprTrees.containsAggregate(o.expression(), functions::isAggregate)
                                        || AggregatePlanner.containsGroupingCall(o.expression())))
                || orderExpressions.stream()
                        .anyMatch(e -> ExprTrees.containsAggregate(e, functions::isAggregate)
                                || AggregatePlanner.containsGroupingCall(e));
        boolean windowed =
                outputs.stream().anyMatch(o -> o.expression() != null && ExprTrees.containsWindow(o.expression()))
                        || orderExpressions.stream().anyMatch(ExprTrees::containsWindow);
        if (select.having() != null && ExprTrees.containsWindow(select.having())) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "window functions are not allowed in HAVING");
        }

        // ---------------------------------------------------------------- LIMIT pushdown into a lone scan
        boolean setReturning = outputs.stream()
                .anyMatch(o -> o.expression() != null && ExprTrees.any(o.expression(), this::isSetReturningCall));
        boolean reorders = aggregated
                || windowed
                || setReturning
                || select.distinct()
                || !select.distinctOn().isEmpty()
                || !select.orderBy().isEmpty();
        RowBudget budget = planner.budget(select.limit(), select.offset(), outer, correlation, topLevel);
        // A scan whose rows all reach the LIMIT unchanged is told the LIMIT; one whose source's order answers the
        // ORDER BY or max() is read in that order, and only as far as the answer needs (ScanOrderPlanner).
        ScanOrderPlanner.OrderAnswer readInOrder = ScanOrderPlanner.OrderAnswer.NONE;
        boolean firstRowOnly = false;
        if (loneScan != null) {
            boolean exact = !loneScan.hasResidual() && remainingCondition == null;
            boolean limited = select.limit() != null || select.offset() != null || topLevel;
            ScanOrderPlanner order = new ScanOrderPlanner(functions);
            if (exact && !reorders && limited) {
                node = loneScan.withBudget(budget);
            } else if (!aggregated
                    && !windowed
                    && !setReturning
                    && !select.distinct()
                    && select.distinctOn().isEmpty()
                    && (readInOrder = order.orderBy(select, outputs, scope, loneScan))
                            != ScanOrderPlanner.OrderAnswer.NONE) {
                // A whole ORDER BY answered streams in order (read ahead as any scan) unless a LIMIT stops it at a
                // row it cannot foresee (rows a local filter drops, a top-N on the first key): then its pages are
                // only read when needed.
                boolean whole = readInOrder == ScanOrderPlanner.OrderAnswer.WHOLE;
                boolean pushed = exact && whole && limited;
                node = loneScan.inOrder(pushed ? budget : null, whole && (pushed || select.limit() == null));
            } else if (aggregated
                    && !windowed
                    && !setReturning
                    && order.answersMaximum(select, outputExpressions(outputs), scope, loneScan)) {
                firstRowOnly = true;
                node = loneScan.inOrder(exact ? FIRST_ROW : null, false);
            }
        }
        if (remainingCondition != null) {
            node = prefetched(node, scope);
            node = new FilterNode(node, remainingCondition, remainingText, whereSubPlans);
        }
        if (firstRowOnly) {
            node = new LimitNode(node, FIRST_ROW);
        }
        if (!oneTime.isEmpty()) {
            List<Expr> conditions = new ArrayList<>();
            for (FromTree.Conjunct c : oneTime) {
                conditions.add(c.expression());
            }
            Expr condition = ExprTrees.and(conditions);
            node = new OneTimeFilterNode(node, input.compilePredicate(condition), ExprPrinter.print(condition));
        }

        // ---------------------------------------------------------------- GROUP BY, aggregates, HAVING
        ExpressionCompiler compiler = input.forClause("SELECT");
        if (aggregated) {
            Stage aggregation = new AggregatePlanner(planner, functions)
                    .plan(select, outputs, orderExpressions, scope, input, node);
            node = aggregation.node();
            compiler = aggregation.compiler();
            // Subqueries compiled into the aggregation read rows no prefetch could be placed under: per row.
            planner.takePrefetches(scope);
            if (node instanceof AggregateNode aggregate) {
                node = aggregate.withSubPlans(planner.takeSubPlans(scope));
            }
            if (select.having() != null) {
                node = having(select.having(), node, compiler.forClause("HAVING"));
            }
        }

        // ---------------------------------------------------------------- window functions
        if (windowed) {
            Stage window = new WindowPlanner(functions).plan(outputs, orderExpressions, compiler, node);
            node = window.node();
            compiler = window.compiler();
        }

        if (setReturning) {
            Stage set = setReturning(outputs, compiler, node);
            node = set.node();
            compiler = set.compiler();
        }

        // ---------------------------------------------------------------- select list and ORDER BY
        List<CompiledExpression> expressions = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        List<Expr> normalizedOutputs = new ArrayList<>();
        for (Output output : outputs) {
            CompiledExpression compiled;
            ResultColumn column;
            if (output.expression() == null) {
                Scope.Column c = output.starColumn();
                compiled = aggregated
                        ? compiler.compile(new Expr.ColumnRef(c.qualifier(), c.name()))
                        : new ColumnExpression(0, c.index(), c.type(), c.name());
                column = new ResultColumn(c.name(), c.type(), c.sourceSchema(), c.table(), c.elementType());
                normalizedOutputs.add(null);
            } else {
                compiled = compiler.compileValue(output.expression());
                column = resultColumn(output, compiled.type(), scope)
                        .withElementType(ArrayValuedExpression.knownElementType(compiled));
                normalizedOutputs.add(compiler.normalize(output.expression()));
            }
            expressions.add(compiled);
            columns.add(column);
        }
        int visible = columns.size();
        List<SortKey> sortKeys = new ArrayList<>();
        for (OrderItem item : select.orderBy()) {
            int column = orderColumn(
                    item.expression(), outputs, columns, normalizedOutputs, expressions, compiler, select.distinct());
            sortKeys.add(new SortKey(column, item.descending(), item.effectiveNullsFirst()));
        }
        List<Integer> distinctOn = new ArrayList<>();
        for (Expr e : select.distinctOn()) {
            distinctOn.add(orderColumn(e, outputs, columns, normalizedOutputs, expressions, compiler, false));
        }
        if (!distinctOn.isEmpty()) {
            checkDistinctOn(distinctOn, sortKeys);
            for (int column : distinctOn) {
                if (sortKeys.stream().noneMatch(k -> k.column() == column)) {
                    sortKeys.add(new SortKey(column, false, false));
                }
            }
        }
        List<SubPlan> projectSubPlans = new ArrayList<>(planner.takeSubPlans(scope));
        node = prefetched(node, scope);
        if (aggregated) {
            projectSubPlans.addAll(planner.takeSubPlans(compiler.scope()));
            node = prefetched(node, compiler.scope()); // for the groups: the subqueries read group keys
        }
        node = new ProjectNode(node, expressions, columns, projectSubPlans);
        if (select.distinct()) {
            int[] all = new int[visible];
            for (int i = 0; i < visible; i++) {
                all[i] = i;
            }
            node = new DistinctNode(node, all, "Unique");
        }
        if (!sortKeys.isEmpty() && readInOrder != ScanOrderPlanner.OrderAnswer.WHOLE) {
            boolean topN = distinctOn.isEmpty() && (select.limit() != null || select.offset() != null || topLevel);
            SortNode sort =
                    new SortNode(node, sortKeys, topN ? budget : null, SortNode.describe(node.columns(), sortKeys));
            node = readInOrder == ScanOrderPlanner.OrderAnswer.FIRST_KEY ? sort.withInputOrderedByFirstKey() : sort;
        }
        if (!distinctOn.isEmpty()) {
            int[] keys = distinctOn.stream().mapToInt(Integer::intValue).toArray();
            node = new DistinctNode(node, keys, "Unique On: " + ExprPrinter.printList(select.distinctOn()));
        }
        if (select.limit() != null || select.offset() != null) {
            node = new LimitNode(node, budget.withoutMaxRows());
        }
        if (columns.size() > visible) {
            List<CompiledExpression> keep = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                keep.add(new ColumnExpression(
                        0, i, columns.get(i).type(), columns.get(i).name()));
            }
            node = new ProjectNode(node, keep, columns.subList(0, visible));
        }
        return new QueryPlanner.Planned(node, correlation.referencesOuter());
    }

    /**
     * HAVING over the aggregate's rows: its AND-ed EXISTS, NOT EXISTS, IN and NOT IN subqueries become semi and anti
     * joins over the groups where they can ({@link SubqueryJoinPlanner}, the correlation reading group keys or
     * aggregate results), the rest a filter (its correlated scalar subqueries finding their rows fetched ahead for
     * the groups when they can). Example: {@code group by ch.customer having exists (select 1 from
     * stripe.customers c where c.id = ch.customer and ...)} is a semi join of the groups and the customers, which are
     * read once or looked up by the groups' keys, not retrieved once per group.
     */
    private PlanNode having(Expr having, PlanNode node, ExpressionCompiler compiler) {
        List<Expr> remaining = new ArrayList<>(ExprTrees.conjuncts(having));
        SubqueryJoinPlanner subqueryJoins = new SubqueryJoinPlanner(planner, functions);
        for (Iterator<Expr> it = remaining.iterator(); it.hasNext(); ) {
            PlanNode joined = subqueryJoins.plan(node, compiler, it.next());
            if (joined != null) {
                node = joined;
                it.remove();
            }
        }
        if (remaining.isEmpty()) {
            return node;
        }
        Expr condition = ExprTrees.and(remaining);
        CompiledExpression compiled = compiler.compilePredicate(condition);
        List<SubPlan> subPlans = planner.takeSubPlans(compiler.scope());
        node = prefetched(node, compiler.scope());
        return new FilterNode(node, compiled, ExprPrinter.print(condition), subPlans);
    }

    /**
     * {@code node} under a {@link PrefetchNode} when correlated subqueries compiled since the last call (in the
     * WHERE clause, or the select list) can find their rows fetched ahead for its rows, named by {@code scope}.
     */
    private PlanNode prefetched(PlanNode node, Scope scope) {
        List<KeyedPrefetch> prefetches = planner.takePrefetches(scope);
        return prefetches.isEmpty() ? node : new PrefetchNode(node, prefetches);
    }

    /** The row budget of one row: the first row of a scan read in order holds its max() (see above). */
    private static final RowBudget FIRST_ROW = new RowBudget(
            new ConstantExpression(1L, SqlType.BIGINT), null, 1, false, "1 (the first row in order holds the max)");

    private static List<Expr> outputExpressions(List<Output> outputs) {
        List<Expr> out = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression() != null) {
                out.add(output.expression());
            }
        }
        return out;
    }

    private List<Output> expandSelectList(Query.Select select, Scope scope) {
        List<Output> outputs = new ArrayList<>();
        for (SelectItem item : select.items()) {
            if (item instanceof SelectItem.Star star) {
                List<Scope.Column> expanded;
                if (star.qualifier() == null) {
                    if (select.from() == null) {
                        throw StripeJdbcException.syntax("SELECT * with no tables specified is not valid");
                    }
                    expanded = scope.starColumns();
                } else {
                    expanded = scope.starColumns(star.qualifier());
                }
                for (Scope.Column c : expanded) {
                    outputs.add(new Output(null, c, c.name()));
                }
            } else {
                SelectItem.Column column = (SelectItem.Column) item;
                String name = column.alias() != null ? column.alias() : ColumnLabels.label(column.expression());
                outputs.add(new Output(column.expression(), null, name));
            }
        }
        return outputs;
    }

    private static ResultColumn resultColumn(Output output, SqlType type, Scope scope) {
        if (output.expression() instanceof Expr.ColumnRef ref) {
            Scope.Column c = scope.resolveLocal(ref);
            if (c != null) {
                return new ResultColumn(output.name(), type, c.sourceSchema(), c.table());
            }
        }
        return ResultColumn.of(output.name(), type);
    }

    /**
     * The output column an ORDER BY (or DISTINCT ON) item sorts on: a position, an output column name, or an
     * expression (matched against the select list, else appended as a hidden column).
     */
    private int orderColumn(
            Expr e,
            List<Output> outputs,
            List<ResultColumn> columns,
            List<Expr> normalizedOutputs,
            List<CompiledExpression> expressions,
            ExpressionCompiler compiler,
            boolean distinct) {
        Integer ordinal = QueryPlanner.ordinal(e);
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + ordinal + " is not in select list");
            }
            return ordinal - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            int found = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).name().equals(ref.name())) {
                    if (found >= 0 && !sameOutput(outputs, normalizedOutputs, found, i)) {
                        throw new StripeJdbcException(
                                SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + ref.name() + "\" is ambiguous");
                    }
                    if (found < 0) {
                        found = i;
                    }
                }
            }
            if (found >= 0) {
                return found;
            }
        }
        // Matched before it is compiled: an expression of the select list is not compiled again (its subqueries
        // would be planned, prefetched and shown twice).
        Expr normalized = compiler.normalize(e);
        for (int i = 0; i < outputs.size(); i++) {
            if (normalized.equals(normalizedOutputs.get(i))) {
                return i;
            }
            Output output = outputs.get(i);
            if (output.expression() == null
                    && normalized instanceof Expr.ColumnRef ref
                    && ref.qualifier().equals("#0." + output.starColumn().index())) {
                return i;
            }
        }
        for (int i = outputs.size(); i < normalizedOutputs.size(); i++) {
            if (normalized.equals(normalizedOutputs.get(i))) {
                return i;
            }
        }
        CompiledExpression compiled = compiler.compileValue(e);
        if (distinct) {
            throw new StripeJdbcException(
                    SqlState.INVALID_COLUMN_REFERENCE,
                    "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
        }
        expressions.add(compiled);
        columns.add(ResultColumn.of("?sort?", compiled.type()));
        normalizedOutputs.add(normalized);
        return columns.size() - 1;
    }

    private static boolean sameOutput(List<Output> outputs, List<Expr> normalized, int a, int b) {
        Expr x = normalized.get(a);
        Expr y = normalized.get(b);
        if (x != null && x.equals(y)) {
            return true;
        }
        Output p = outputs.get(a);
        Output q = outputs.get(b);
        return p.starColumn() != null
                && q.starColumn() != null
                && p.starColumn().index() == q.starColumn().index();
    }

    /** DISTINCT ON expressions must come first among the ORDER BY keys, as in Postgres. */
    private static void checkDistinctOn(List<Integer> distinctOn, List<SortKey> sortKeys) {
        java.util.Set<Integer> pending = new java.util.HashSet<>(distinctOn);
        for (SortKey key : sortKeys) {
            if (pending.isEmpty()) {
                return;
            }
            if (!pending.remove(key.column()) && !distinctOn.contains(key.column())) {
                throw new StripeJdbcException(
                        SqlState.INVALID_COLUMN_REFERENCE,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
            }
        }
    }

    // ---------------------------------------------------------------- set-returning functions in the select list

    private boolean isSetReturningCall(Expr e) {
        return e instanceof Expr.FunctionCall f && f.over() == null && functions.isSetReturning(f.name());
    }

    private void collectSetReturning(Expr e, List<Expr> out) {
        if (isSetReturningCall(e)) {
            for (Expr child : ExprTrees.children(e)) {
                if (ExprTrees.any(child, this::isSetReturningCall)) {
                    throw StripeJdbcException.unsupported("nested set-returning function calls in the select list");
                }
            }
            out.add(e);
            return;
        }
        if (e instanceof Expr.Case
                || e instanceof Expr.FunctionCall f && (f.name().equals("coalesce"))) {
            if (ExprTrees.any(e, this::isSetReturningCall)) {
                throw new StripeJdbcException(
                        SqlState.FEATURE_NOT_SUPPORTED, "set-returning functions are not allowed in CASE or COALESCE");
            }
        }
        for (Expr child : ExprTrees.children(e)) {
            collectSetReturning(child, out);
        }
    }

    /**
     * Set-returning functions in the select list ({@code select id, jsonb_array_elements(attrs->'lines'->'data')
     * from invoices}): each input row yields as many rows as its longest function result, the shorter ones padded
     * with NULLs, as in Postgres 10+.
     */
    private Stage setReturning(List<Output> outputs, ExpressionCompiler compiler, PlanNode node) {
        List<Expr> calls = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression() != null) {
                collectSetReturning(output.expression(), calls);
            }
        }
        Map<Expr, ExpressionCompiler.Slot> slots = new LinkedHashMap<>();
        List<SetReturningCall> compiled = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>(node.columns());
        for (Expr e : calls) {
            Expr normalized = compiler.normalize(e);
            if (slots.containsKey(normalized)) {
                continue;
            }
            SetReturningCall function = SetReturningCompiler.compile(
                    (Expr.FunctionCall) e, compiler.forClause("set-returning function arguments"));
            if (function.columns().size() != 1) {
                throw StripeJdbcException.unsupported("set-returning function " + function.name()
                        + "() returning several columns in the select list; use it in FROM");
            }
            ResultColumn column = function.columns().get(0);
            slots.put(normalized, new ExpressionCompiler.Slot(columns.size(), column.type(), function.name()));
            compiled.add(function);
            columns.add(ResultColumn.of(function.name(), column.type()));
        }
        return new Stage(new ProjectSetNode(node, compiled, columns), compiler.withComputed(slots));
    }
}
