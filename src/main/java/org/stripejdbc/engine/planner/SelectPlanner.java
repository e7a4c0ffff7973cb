package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ExprTrees;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.ExpressionPrinter;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.expression.SubqueryPlanner;
import org.stripejdbc.engine.function.AggregateFunctions;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.AggregateCall;
import org.stripejdbc.engine.operator.AggregateNode;
import org.stripejdbc.engine.operator.DistinctNode;
import org.stripejdbc.engine.operator.FilterNode;
import org.stripejdbc.engine.operator.LimitNode;
import org.stripejdbc.engine.operator.OneTimeFilterNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ProjectNode;
import org.stripejdbc.engine.operator.ProjectSetNode;
import org.stripejdbc.engine.operator.RowBudget;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.engine.operator.SetReturningCall;
import org.stripejdbc.engine.operator.SortKey;
import org.stripejdbc.engine.operator.SortNode;
import org.stripejdbc.engine.operator.ValuesNode;
import org.stripejdbc.engine.operator.WindowCall;
import org.stripejdbc.engine.operator.WindowNode;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Plans one SELECT block, in Postgres' logical order: FROM and WHERE (with pushdown, see {@link FromPlanner}),
 * GROUP BY and aggregates, HAVING, window functions, the select list, DISTINCT / DISTINCT ON, ORDER BY,
 * LIMIT/OFFSET.
 *
 * <p>LIMIT pushdown: when the block reads a single table, every WHERE conjunct was pushed exactly (the scan has no
 * residual) and nothing groups, aggregates, windows, deduplicates or sorts, the scan is told LIMIT + OFFSET (capped
 * by maxRows at top level) as its row budget. In every other case the scan is opened without a budget and the
 * operators above stop pulling rows as soon as they have what they need.
 */
final class SelectPlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;
    private final Scope outer;
    private final boolean topLevel;
    private final Scope.Correlation correlation = new Scope.Correlation();

    /** One output column: its expression (null for a star-expanded column) and label. */
    private record Output(Expr expression, Scope.Column starColumn, String name) {}

    SelectPlanner(QueryPlanner planner, FunctionRegistry functions, Scope outer, boolean topLevel) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.outer = outer;
        this.topLevel = topLevel;
    }

    QueryPlanner.Planned plan(Query.Select select) {
        List<Expr> where = ExprTrees.conjuncts(select.where());
        for (Expr e : where) {
            if (ExprTrees.containsAggregate(e, functions)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in WHERE");
            }
            if (ExprTrees.containsWindow(e)) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                        "window functions are not allowed in WHERE");
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
            FromPlanner.Planned from = new FromPlanner(planner, functions, outer, correlation).plan(select.from(), where);
            node = from.node();
            scope = from.scope();
            remaining = from.remaining();
            oneTime = from.oneTime();
        }
        SubqueryPlanner subqueries = planner::planSubquery;
        ExpressionCompiler input = new ExpressionCompiler(functions, scope, subqueries, "WHERE");
        if (!remaining.isEmpty()) {
            List<Expr> conditions = new ArrayList<>();
            for (FromTree.Conjunct c : remaining) {
                conditions.add(c.expression());
            }
            Expr condition = ExprTrees.and(conditions);
            node = new FilterNode(node, input.compilePredicate(condition), ExpressionPrinter.print(condition));
        }

        List<Output> outputs = expandSelectList(select, scope);
        List<Expr> orderExpressions = new ArrayList<>();
        for (OrderItem item : select.orderBy()) {
            orderExpressions.add(item.expression());
        }
        boolean aggregated = !select.groupBy().isEmpty() || select.having() != null
                || outputs.stream().anyMatch(o -> o.expression() != null
                        && ExprTrees.containsAggregate(o.expression(), functions))
                || orderExpressions.stream().anyMatch(e -> ExprTrees.containsAggregate(e, functions));
        boolean windowed = outputs.stream().anyMatch(o -> o.expression() != null && ExprTrees.containsWindow(o.expression()))
                || orderExpressions.stream().anyMatch(ExprTrees::containsWindow);
        if (select.having() != null && ExprTrees.containsWindow(select.having())) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "window functions are not allowed in HAVING");
        }

        // ---------------------------------------------------------------- LIMIT pushdown into a lone scan
        boolean setReturning = outputs.stream().anyMatch(o -> o.expression() != null
                && ExprTrees.any(o.expression(), this::isSetReturningCall));
        boolean reorders = aggregated || windowed || setReturning || select.distinct()
                || !select.distinctOn().isEmpty() || !select.orderBy().isEmpty();
        RowBudget budget = planner.budget(select.limit(), select.offset(), outer, correlation, topLevel);
        if (node instanceof ScanNode scan && !scan.hasResidual() && !reorders
                && (select.limit() != null || select.offset() != null || topLevel)) {
            node = scan.withBudget(budget);
        }
        if (!oneTime.isEmpty()) {
            List<Expr> conditions = new ArrayList<>();
            for (FromTree.Conjunct c : oneTime) {
                conditions.add(c.expression());
            }
            Expr condition = ExprTrees.and(conditions);
            node = new OneTimeFilterNode(node, input.compilePredicate(condition), ExpressionPrinter.print(condition));
        }

        // ---------------------------------------------------------------- GROUP BY, aggregates, HAVING
        ExpressionCompiler compiler = input.forClause("SELECT");
        if (aggregated) {
            AggregationPlan aggregation = aggregate(select, outputs, orderExpressions, scope, input, node);
            node = aggregation.node;
            compiler = aggregation.compiler;
            if (select.having() != null) {
                CompiledExpression having = compiler.forClause("HAVING").compilePredicate(select.having());
                node = new FilterNode(node, having, ExpressionPrinter.print(select.having()));
            }
        }

        // ---------------------------------------------------------------- window functions
        if (windowed) {
            WindowPlan window = windows(outputs, orderExpressions, compiler, node);
            node = window.node;
            compiler = window.compiler;
        }

        if (setReturning) {
            SetPlan set = setReturning(outputs, compiler, node);
            node = set.node;
            compiler = set.compiler;
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
                column = new ResultColumn(c.name(), c.type(), c.sourceSchema(), c.table());
                normalizedOutputs.add(null);
            } else {
                compiled = compiler.compileValue(output.expression());
                column = resultColumn(output, compiled.type(), scope);
                normalizedOutputs.add(compiler.normalize(output.expression()));
            }
            expressions.add(compiled);
            columns.add(column);
        }
        int visible = columns.size();
        List<SortKey> sortKeys = new ArrayList<>();
        for (OrderItem item : select.orderBy()) {
            int column = orderColumn(item.expression(), outputs, columns, normalizedOutputs, expressions, compiler,
                    select.distinct());
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
        node = new ProjectNode(node, expressions, columns);
        if (select.distinct()) {
            int[] all = new int[visible];
            for (int i = 0; i < visible; i++) {
                all[i] = i;
            }
            node = new DistinctNode(node, all, "Unique");
        }
        if (!sortKeys.isEmpty()) {
            boolean topN = distinctOn.isEmpty() && (select.limit() != null || select.offset() != null || topLevel);
            node = new SortNode(node, sortKeys, topN ? budget : null, SortNode.describe(node.columns(), sortKeys));
        }
        if (!distinctOn.isEmpty()) {
            int[] keys = distinctOn.stream().mapToInt(Integer::intValue).toArray();
            node = new DistinctNode(node, keys, "Unique On: " + ExpressionPrinter.print(select.distinctOn()));
        }
        if (select.limit() != null || select.offset() != null) {
            node = new LimitNode(node, budget.withoutMaxRows());
        }
        if (columns.size() > visible) {
            List<CompiledExpression> keep = new ArrayList<>();
            for (int i = 0; i < visible; i++) {
                keep.add(new ColumnExpression(0, i, columns.get(i).type(), columns.get(i).name()));
            }
            node = new ProjectNode(node, keep, columns.subList(0, visible));
        }
        return new QueryPlanner.Planned(node, correlation.referencesOuter());
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
    private int orderColumn(Expr e, List<Output> outputs, List<ResultColumn> columns, List<Expr> normalizedOutputs,
                            List<CompiledExpression> expressions, ExpressionCompiler compiler, boolean distinct) {
        Integer ordinal = QueryPlanner.ordinal(e);
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
                        "ORDER BY position " + ordinal + " is not in select list");
            }
            return ordinal - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            int found = -1;
            for (int i = 0; i < outputs.size(); i++) {
                if (outputs.get(i).name().equals(ref.name())) {
                    if (found >= 0 && !sameOutput(outputs, normalizedOutputs, found, i)) {
                        throw new StripeJdbcException(SqlState.AMBIGUOUS_COLUMN,
                                "ORDER BY \"" + ref.name() + "\" is ambiguous");
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
        CompiledExpression compiled = compiler.compileValue(e);
        Expr normalized = compiler.normalize(e);
        for (int i = 0; i < outputs.size(); i++) {
            if (normalized.equals(normalizedOutputs.get(i))) {
                return i;
            }
            Output output = outputs.get(i);
            if (output.expression() == null && normalized instanceof Expr.ColumnRef ref
                    && ref.qualifier().equals("#0." + output.starColumn().index())) {
                return i;
            }
        }
        for (int i = outputs.size(); i < normalizedOutputs.size(); i++) {
            if (normalized.equals(normalizedOutputs.get(i))) {
                return i;
            }
        }
        if (distinct) {
            throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
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
        return p.starColumn() != null && q.starColumn() != null && p.starColumn().index() == q.starColumn().index();
    }

    /** DISTINCT ON expressions must come first among the ORDER BY keys, as in Postgres. */
    private static void checkDistinctOn(List<Integer> distinctOn, List<SortKey> sortKeys) {
        java.util.Set<Integer> pending = new java.util.HashSet<>(distinctOn);
        for (SortKey key : sortKeys) {
            if (pending.isEmpty()) {
                return;
            }
            if (!pending.remove(key.column()) && !distinctOn.contains(key.column())) {
                throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
                        "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
            }
        }
    }

    // ---------------------------------------------------------------- aggregation

    private record AggregationPlan(PlanNode node, ExpressionCompiler compiler) {}

    private AggregationPlan aggregate(Query.Select select, List<Output> outputs, List<Expr> orderExpressions,
                                      Scope scope, ExpressionCompiler input, PlanNode node) {
        ExpressionCompiler groupCompiler = input.forClause("GROUP BY");
        Map<Expr, ExpressionCompiler.Slot> keySlots = new LinkedHashMap<>();
        List<CompiledExpression> keys = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        Map<Integer, Integer> groupedColumns = new HashMap<>();
        List<String> keyDescriptions = new ArrayList<>();
        for (Expr written : select.groupBy()) {
            Expr key = groupKey(written, outputs, scope);
            if (ExprTrees.containsAggregate(key, functions)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
            }
            if (ExprTrees.containsWindow(key)) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                        "window functions are not allowed in GROUP BY");
            }
            Expr normalized = groupCompiler.normalize(key);
            if (keySlots.containsKey(normalized)) {
                continue;
            }
            CompiledExpression compiled = groupCompiler.compileValue(key);
            int index = keys.size();
            String name = ColumnLabels.label(key);
            keySlots.put(normalized, new ExpressionCompiler.Slot(index, compiled.type(), name));
            keys.add(compiled);
            columns.add(ResultColumn.of(name, compiled.type()));
            keyDescriptions.add(ExpressionPrinter.print(key));
            if (compiled instanceof ColumnExpression column && column.depth() == 0) {
                groupedColumns.put(column.index(), index);
            }
        }
        List<Expr> calls = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression() != null) {
                collectAggregates(output.expression(), calls);
            }
        }
        if (select.having() != null) {
            collectAggregates(select.having(), calls);
        }
        for (Expr e : orderExpressions) {
            collectAggregates(e, calls);
        }
        Map<Expr, ExpressionCompiler.Slot> aggregateSlots = new LinkedHashMap<>();
        List<AggregateCall> aggregates = new ArrayList<>();
        ExpressionCompiler argumentCompiler = input.forClause("aggregate function calls");
        for (Expr call : calls) {
            Expr normalized = argumentCompiler.normalize(call);
            if (aggregateSlots.containsKey(normalized)) {
                continue;
            }
            AggregateCall aggregate = compileAggregate((Expr.FunctionCall) call, argumentCompiler);
            int index = keys.size() + aggregates.size();
            String name = ColumnLabels.label(call);
            aggregateSlots.put(normalized, new ExpressionCompiler.Slot(index, aggregate.resultType(), name));
            aggregates.add(aggregate);
            columns.add(ResultColumn.of(name, aggregate.resultType()));
        }
        String description = String.join(", ", keyDescriptions);
        PlanNode aggregated = new AggregateNode(node, keys, aggregates, columns, description);
        ExpressionCompiler.Grouping grouping = new ExpressionCompiler.Grouping(scope, keySlots, aggregateSlots);
        ExpressionCompiler compiler = new ExpressionCompiler(functions, scope.grouped(groupedColumns),
                planner::planSubquery, "SELECT", grouping, null);
        return new AggregationPlan(aggregated, compiler);
    }

    /** A GROUP BY item: a position or an output alias stands for that select-list expression (input names first). */
    private static Expr groupKey(Expr written, List<Output> outputs, Scope scope) {
        Integer ordinal = QueryPlanner.ordinal(written);
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
                        "GROUP BY position " + ordinal + " is not in select list");
            }
            Output output = outputs.get(ordinal - 1);
            return output.expression() != null ? output.expression()
                    : new Expr.ColumnRef(output.starColumn().qualifier(), output.starColumn().name());
        }
        if (written instanceof Expr.ColumnRef ref && ref.qualifier() == null && scope.resolveLocal(ref) == null) {
            for (Output output : outputs) {
                if (output.expression() != null && output.name().equals(ref.name())) {
                    return output.expression();
                }
            }
        }
        return written;
    }

    private void collectAggregates(Expr e, List<Expr> out) {
        if (e instanceof Expr.FunctionCall f && f.over() == null && (functions.isAggregate(f.name()) || f.star())) {
            for (Expr child : ExprTrees.children(e)) {
                if (ExprTrees.containsAggregate(child, functions)) {
                    throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate function calls cannot be nested");
                }
            }
            out.add(e);
            return;
        }
        for (Expr child : ExprTrees.children(e)) {
            collectAggregates(child, out);
        }
    }

    private AggregateCall compileAggregate(Expr.FunctionCall call, ExpressionCompiler compiler) {
        for (Expr argument : call.arguments()) {
            if (ExprTrees.containsWindow(argument)) {
                throw new StripeJdbcException(SqlState.GROUPING_ERROR,
                        "aggregate function calls cannot contain window function calls");
            }
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            CompiledExpression compiled = compiler.compile(argument);
            arguments.add(compiled);
            types.add(compiled.type());
        }
        AggregateFunctions.Definition definition = AggregateFunctions.resolve(call.name(), types, call.star());
        List<CompiledExpression> coerced = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            SqlType target = definition.argumentTypes().get(i);
            CompiledExpression argument = arguments.get(i);
            if (argument.type() != target && argument.type() != SqlType.UNKNOWN
                    && !TypeRules.implicitlyCastable(argument.type(), target)) {
                throw FunctionRegistry.undefined(call.name(), types);
            }
            coerced.add(Coercion.coerce(argument, target));
        }
        CompiledExpression filter = call.filter() == null ? null
                : compiler.forClause("FILTER").compilePredicate(call.filter());
        List<CompiledExpression> orderValues = new ArrayList<>();
        List<SortKey> orderKeys = new ArrayList<>();
        for (OrderItem item : call.orderBy()) {
            CompiledExpression value = compiler.compileValue(item.expression());
            if (call.distinct() && !call.arguments().contains(item.expression())) {
                throw new StripeJdbcException(SqlState.INVALID_COLUMN_REFERENCE,
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
            }
            orderKeys.add(new SortKey(orderValues.size(), item.descending(), item.effectiveNullsFirst()));
            orderValues.add(value);
        }
        return new AggregateCall(ExpressionPrinter.print(call), coerced, filter, call.distinct(), orderValues, orderKeys,
                definition.resultType(), definition.elementType(), definition.factory());
    }

    // ---------------------------------------------------------------- windows

    private record WindowPlan(PlanNode node, ExpressionCompiler compiler) {}

    private WindowPlan windows(List<Output> outputs, List<Expr> orderExpressions, ExpressionCompiler compiler,
                               PlanNode node) {
        List<Expr> calls = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression() != null) {
                collectWindows(output.expression(), calls);
            }
        }
        for (Expr e : orderExpressions) {
            collectWindows(e, calls);
        }
        Map<Expr, ExpressionCompiler.Slot> slots = new LinkedHashMap<>();
        List<WindowCall> compiledCalls = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>(node.columns());
        ExpressionCompiler windowCompiler = compiler.forClause("window definitions");
        for (Expr e : calls) {
            Expr normalized = windowCompiler.normalize(e);
            if (slots.containsKey(normalized)) {
                continue;
            }
            WindowCall call = compileWindow((Expr.FunctionCall) e, windowCompiler);
            slots.put(normalized, new ExpressionCompiler.Slot(columns.size(), call.type(), call.name()));
            compiledCalls.add(call);
            columns.add(ResultColumn.of(call.name(), call.type()));
        }
        PlanNode windowed = new WindowNode(node, compiledCalls, columns);
        return new WindowPlan(windowed, compiler.withComputed(slots));
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
        if (e instanceof Expr.Case || e instanceof Expr.FunctionCall f && (f.name().equals("coalesce"))) {
            if (ExprTrees.any(e, this::isSetReturningCall)) {
                throw new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED,
                        "set-returning functions are not allowed in CASE or COALESCE");
            }
        }
        for (Expr child : ExprTrees.children(e)) {
            collectSetReturning(child, out);
        }
    }

    private record SetPlan(PlanNode node, ExpressionCompiler compiler) {}

    /**
     * Set-returning functions in the select list ({@code select id, jsonb_array_elements(attrs->'lines'->'data')
     * from invoices}): each input row yields as many rows as its longest function result, the shorter ones padded
     * with NULLs, as in Postgres 10+.
     */
    private SetPlan setReturning(List<Output> outputs, ExpressionCompiler compiler, PlanNode node) {
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
            SetReturningCall function = SetReturningCompiler.compile((Expr.FunctionCall) e,
                    compiler.forClause("set-returning function arguments"));
            if (function.columns().size() != 1) {
                throw StripeJdbcException.unsupported("set-returning function " + function.name()
                        + "() returning several columns in the select list; use it in FROM");
            }
            ResultColumn column = function.columns().get(0);
            slots.put(normalized, new ExpressionCompiler.Slot(columns.size(), column.type(), function.name()));
            compiled.add(function);
            columns.add(ResultColumn.of(function.name(), column.type()));
        }
        return new SetPlan(new ProjectSetNode(node, compiled, columns), compiler.withComputed(slots));
    }

    private void collectWindows(Expr e, List<Expr> out) {
        if (e instanceof Expr.FunctionCall f && f.over() != null) {
            for (Expr child : ExprTrees.children(e)) {
                if (ExprTrees.containsWindow(child)) {
                    throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                            "window function calls cannot be nested");
                }
            }
            out.add(e);
            return;
        }
        for (Expr child : ExprTrees.children(e)) {
            collectWindows(child, out);
        }
    }

    private WindowCall compileWindow(Expr.FunctionCall call, ExpressionCompiler compiler) {
        String name = call.name();
        Expr.WindowSpec spec = call.over();
        WindowCall.Frame frame = WindowCall.Frame.parse(spec.frame());
        if (frame == null) {
            throw StripeJdbcException.unsupported("window frame \"" + spec.frame() + "\"");
        }
        if (call.distinct()) {
            throw StripeJdbcException.unsupported("DISTINCT is not implemented for window functions");
        }
        List<CompiledExpression> partition = new ArrayList<>();
        for (Expr e : spec.partitionBy()) {
            partition.add(compiler.compileValue(e));
        }
        List<CompiledExpression> orderValues = new ArrayList<>();
        List<SortKey> orderKeys = new ArrayList<>();
        for (OrderItem item : spec.orderBy()) {
            orderKeys.add(new SortKey(orderValues.size(), item.descending(), item.effectiveNullsFirst()));
            orderValues.add(compiler.compileValue(item.expression()));
        }
        String description = ExpressionPrinter.print(call);
        if (functions.isAggregate(name) || call.star()) {
            Expr.FunctionCall plain = new Expr.FunctionCall(name, call.arguments(), false, call.star(), call.filter(),
                    call.orderBy(), null);
            AggregateCall aggregate = compileAggregate(plain, compiler);
            return new WindowCall(name, List.of(), partition, orderValues, orderKeys, frame, aggregate.resultType(),
                    aggregate, description);
        }
        if (!functions.isWindowFunction(name)) {
            throw new StripeJdbcException(SqlState.WRONG_OBJECT_TYPE, "OVER specified, but " + name
                    + " is not a window function nor an aggregate function");
        }
        if (call.filter() != null) {
            throw StripeJdbcException.unsupported("FILTER is not implemented for non-aggregate window functions");
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(compiler.compileValue(argument));
        }
        SqlType type = windowType(name, arguments);
        return new WindowCall(name, coerceWindowArguments(name, arguments), partition, orderValues, orderKeys, frame,
                type, null, description);
    }

    private static SqlType windowType(String name, List<CompiledExpression> arguments) {
        List<SqlType> types = arguments.stream().map(CompiledExpression::type).toList();
        switch (name) {
            case "row_number": case "rank": case "dense_rank":
                requireArguments(name, types, 0, 0);
                return SqlType.BIGINT;
            case "percent_rank": case "cume_dist":
                requireArguments(name, types, 0, 0);
                return SqlType.DOUBLE;
            case "ntile":
                requireArguments(name, types, 1, 1);
                return SqlType.INTEGER;
            case "lag": case "lead":
                requireArguments(name, types, 1, 3);
                return types.get(0);
            case "first_value": case "last_value":
                requireArguments(name, types, 1, 1);
                return types.get(0);
            case "nth_value":
                requireArguments(name, types, 2, 2);
                return types.get(0);
            default:
                throw FunctionRegistry.undefined(name, types);
        }
    }

    private static void requireArguments(String name, List<SqlType> types, int min, int max) {
        if (types.size() < min || types.size() > max) {
            throw FunctionRegistry.undefined(name, types);
        }
    }

    private static List<CompiledExpression> coerceWindowArguments(String name, List<CompiledExpression> arguments) {
        List<CompiledExpression> out = new ArrayList<>(arguments);
        switch (name) {
            case "ntile":
                out.set(0, integerArgument(name, out.get(0)));
                break;
            case "lag": case "lead":
                if (out.size() > 1) {
                    out.set(1, integerArgument(name, out.get(1)));
                }
                if (out.size() > 2) {
                    SqlType type = out.get(0).type();
                    if (!TypeRules.implicitlyCastable(out.get(2).type(), type)) {
                        throw FunctionRegistry.undefined(name, arguments.stream().map(CompiledExpression::type).toList());
                    }
                    out.set(2, Coercion.coerce(out.get(2), type));
                }
                break;
            case "nth_value":
                out.set(1, integerArgument(name, out.get(1)));
                break;
            default:
                break;
        }
        return out;
    }

    private static CompiledExpression integerArgument(String name, CompiledExpression argument) {
        if (argument.type() != SqlType.INTEGER && argument.type() != SqlType.SMALLINT
                && argument.type() != SqlType.UNKNOWN) {
            throw FunctionRegistry.undefined(name, List.of(argument.type()));
        }
        return Coercion.coerce(argument, SqlType.INTEGER);
    }
}
