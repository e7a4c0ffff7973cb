package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.ArrayValuedExpression;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.AggregateFunctions;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.AggregateCall;
import org.stripejdbc.engine.operator.AggregateNode;
import org.stripejdbc.engine.operator.GroupingSets;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.SortKey;
import org.stripejdbc.engine.planner.SelectPlanner.Output;
import org.stripejdbc.engine.planner.SelectPlanner.Stage;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Plans GROUP BY and the aggregate calls of one SELECT block: the grouping keys (a position or an output alias
 * stands for that select-list expression), each distinct aggregate call once, and the grouped view in which the
 * select list, HAVING and ORDER BY are compiled (a column that is neither grouped nor aggregated is
 * {@code 42803}).
 *
 * <p>Example: {@code select customer, count(*), sum(amount) from stripe.charges group by 1 having count(*) > 2}
 * aggregates on the key {@code customer} with the calls {@code count(*)} and {@code sum(amount)} (output columns 0,
 * 1 and 2); HAVING's {@code count(*)} reads column 1 rather than computing it again.
 *
 * <p>Grouping sets ({@link Query.Select#groupingSets()}): the keys are every expression of every set, and the
 * {@link GroupingSets} say which keys each set groups by. A {@code grouping(a, b)} call in the select list, HAVING or
 * ORDER BY becomes a column of the aggregate (its value per set); its arguments must be grouping keys (42803).
 * {@code select currency, status, count(*), grouping(currency, status) from stripe.charges group by rollup
 * (currency, status)} aggregates on the keys {@code currency, status} in the sets {@code (currency, status),
 * (currency), ()}.
 */
final class AggregatePlanner {
    private final QueryPlanner planner;
    private final FunctionRegistry functions;

    AggregatePlanner(QueryPlanner planner, FunctionRegistry functions) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    /**
     * The aggregation of {@code select} over {@code node} (its FROM and WHERE): the aggregate operator (grouping keys
     * first, then one column per distinct aggregate call) and the compiler of the grouped view, in which the select
     * list, HAVING and ORDER BY read those columns.
     */
    Stage plan(
            Query.Select select,
            List<Output> outputs,
            List<Expr> orderExpressions,
            Scope scope,
            ExpressionCompiler input,
            PlanNode node) {
        ExpressionCompiler groupCompiler = input.forClause("GROUP BY");
        Map<Expr, ExpressionCompiler.Slot> keySlots = new LinkedHashMap<>();
        List<CompiledExpression> keys = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        Map<Integer, Integer> groupedColumns = new HashMap<>();
        List<String> keyDescriptions = new ArrayList<>();
        for (Expr written : select.groupBy()) {
            Expr key = groupKey(written, outputs, scope);
            if (ExprTrees.containsAggregate(key, functions::isAggregate)) {
                throw new StripeJdbcException(
                        SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
            }
            if (ExprTrees.containsWindow(key)) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "window functions are not allowed in GROUP BY");
            }
            Expr normalized = groupCompiler.normalize(key);
            if (keySlots.containsKey(normalized)) {
                continue;
            }
            CompiledExpression compiled = groupCompiler.compileValue(key);
            int index = keys.size();
            String name = ColumnLabels.label(key);
            SqlType keyElement = ArrayValuedExpression.knownElementType(compiled);
            keySlots.put(normalized, new ExpressionCompiler.Slot(index, compiled.type(), name, keyElement));
            keys.add(compiled);
            columns.add(ResultColumn.of(name, compiled.type()).withElementType(keyElement));
            keyDescriptions.add(ExprPrinter.print(key));
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
            AggregateCall aggregate = compileCall((Expr.FunctionCall) call, argumentCompiler);
            int index = keys.size() + aggregates.size();
            String name = ColumnLabels.label(call);
            aggregateSlots.put(
                    normalized,
                    new ExpressionCompiler.Slot(index, aggregate.resultType(), name, aggregate.elementType()));
            aggregates.add(aggregate);
            columns.add(ResultColumn.of(name, aggregate.resultType()).withElementType(aggregate.elementType()));
        }
        // grouping(a, b): one column per distinct call, its value fixed by the grouping set of the row.
        List<Expr> groupingCalls = new ArrayList<>();
        for (Output output : outputs) {
            if (output.expression() != null) {
                collectGroupingCalls(output.expression(), groupingCalls);
            }
        }
        if (select.having() != null) {
            collectGroupingCalls(select.having(), groupingCalls);
        }
        for (Expr e : orderExpressions) {
            collectGroupingCalls(e, groupingCalls);
        }
        Map<Expr, ExpressionCompiler.Slot> groupingSlots = new LinkedHashMap<>();
        List<List<Integer>> callArguments = new ArrayList<>();
        for (Expr call : groupingCalls) {
            Expr normalized = groupCompiler.normalize(call);
            if (groupingSlots.containsKey(normalized)) {
                continue;
            }
            callArguments.add(groupingArguments((Expr.FunctionCall) call, groupCompiler, keySlots));
            int index = keys.size() + aggregates.size() + groupingSlots.size();
            groupingSlots.put(normalized, new ExpressionCompiler.Slot(index, SqlType.INTEGER, "grouping"));
            columns.add(ResultColumn.of("grouping", SqlType.INTEGER));
        }
        GroupingSets sets;
        String description;
        if (select.groupingSets().isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                all.add(i);
            }
            sets = new GroupingSets(keys.size(), List.of(all), callArguments);
            description = String.join(", ", keyDescriptions);
        } else {
            List<List<Integer>> setKeys = new ArrayList<>();
            List<String> setDescriptions = new ArrayList<>();
            for (List<Expr> set : select.groupingSets()) {
                List<Integer> indexes = new ArrayList<>();
                for (Expr written : set) {
                    Expr key = groupKey(written, outputs, scope);
                    indexes.add(keySlots.get(groupCompiler.normalize(key)).index());
                }
                setKeys.add(indexes);
                setDescriptions.add("(" + ExprPrinter.printList(set) + ")");
            }
            sets = new GroupingSets(keys.size(), setKeys, callArguments);
            description = "grouping sets " + String.join(", ", setDescriptions);
        }
        PlanNode aggregated = new AggregateNode(node, keys, aggregates, sets, columns, description);
        ExpressionCompiler.Grouping grouping = new ExpressionCompiler.Grouping(scope, keySlots, aggregateSlots);
        ExpressionCompiler compiler = new ExpressionCompiler(
                functions,
                scope.grouped(groupedColumns),
                planner::planSubquery,
                "SELECT",
                grouping,
                groupingSlots.isEmpty() ? null : groupingSlots);
        return new Stage(aggregated, compiler);
    }

    /** Whether {@code e} is a call of {@code grouping(...)}, which reads the grouping set of a row. */
    static boolean isGroupingCall(Expr e) {
        return e instanceof Expr.FunctionCall f && f.over() == null && f.name().equals("grouping");
    }

    /** Whether {@code e} calls {@code grouping(...)} outside its subqueries. */
    static boolean containsGroupingCall(Expr e) {
        return ExprTrees.any(e, AggregatePlanner::isGroupingCall);
    }

    private static void collectGroupingCalls(Expr e, List<Expr> out) {
        if (isGroupingCall(e)) {
            out.add(e);
            return;
        }
        for (Expr child : ExprTrees.children(e)) {
            collectGroupingCalls(child, out);
        }
    }

    /** The key index of each argument of {@code grouping(...)}: each must be a grouping expression (42803). */
    private static List<Integer> groupingArguments(
            Expr.FunctionCall call, ExpressionCompiler compiler, Map<Expr, ExpressionCompiler.Slot> keySlots) {
        if (call.star()
                || call.distinct()
                || call.filter() != null
                || !call.orderBy().isEmpty()) {
            throw StripeJdbcException.syntax("syntax error in GROUPING: it takes grouping expressions only");
        }
        if (call.arguments().size() > MAX_GROUPING_ARGUMENTS) {
            throw new StripeJdbcException(
                    SqlState.TOO_MANY_ARGUMENTS,
                    "GROUPING must have fewer than " + (MAX_GROUPING_ARGUMENTS + 1) + " arguments");
        }
        List<Integer> indexes = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            ExpressionCompiler.Slot slot = keySlots.get(compiler.normalize(argument));
            if (slot == null) {
                throw new StripeJdbcException(
                        SqlState.GROUPING_ERROR,
                        "arguments to GROUPING must be grouping expressions of the associated query level");
            }
            indexes.add(slot.index());
        }
        return indexes;
    }

    /** Postgres' limit: the result is a bit per argument in an integer. */
    private static final int MAX_GROUPING_ARGUMENTS = 31;

    /** A GROUP BY item: a position or an output alias stands for that select-list expression (input names first). */
    private static Expr groupKey(Expr written, List<Output> outputs, Scope scope) {
        Integer ordinal = QueryPlanner.ordinal(written);
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > outputs.size()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + ordinal + " is not in select list");
            }
            Output output = outputs.get(ordinal - 1);
            return output.expression() != null
                    ? output.expression()
                    : new Expr.ColumnRef(
                            output.starColumn().qualifier(), output.starColumn().name());
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
                if (ExprTrees.containsAggregate(child, functions::isAggregate)) {
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

    /**
     * One aggregate call compiled with its arguments, FILTER and ORDER BY ({@code string_agg(distinct name, ', ' order
     * by name) filter (where active)}); window functions use it for an aggregate with OVER.
     */
    static AggregateCall compileCall(Expr.FunctionCall call, ExpressionCompiler compiler) {
        for (Expr argument : call.arguments()) {
            if (ExprTrees.containsWindow(argument)) {
                throw new StripeJdbcException(
                        SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls");
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
            if (argument.type() != target
                    && argument.type() != SqlType.UNKNOWN
                    && !TypeRules.implicitlyCastable(argument.type(), target)) {
                throw FunctionRegistry.undefined(call.name(), types);
            }
            coerced.add(Coercion.coerce(argument, target));
        }
        CompiledExpression filter =
                call.filter() == null ? null : compiler.forClause("FILTER").compilePredicate(call.filter());
        List<CompiledExpression> orderValues = new ArrayList<>();
        List<SortKey> orderKeys = new ArrayList<>();
        for (OrderItem item : call.orderBy()) {
            CompiledExpression value = compiler.compileValue(item.expression());
            if (call.distinct() && !call.arguments().contains(item.expression())) {
                throw new StripeJdbcException(
                        SqlState.INVALID_COLUMN_REFERENCE,
                        "in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list");
            }
            orderKeys.add(new SortKey(orderValues.size(), item.descending(), item.effectiveNullsFirst()));
            orderValues.add(value);
        }
        return new AggregateCall(
                ExprPrinter.print(call),
                coerced,
                filter,
                call.distinct(),
                orderValues,
                orderKeys,
                definition.resultType(),
                resultElement(definition, arguments),
                definition.factory());
    }

    /**
     * The element type of an aggregate's array result: the definition's, or for an array argument
     * ({@code array_agg(tags)}, {@code max(tags)}) the element type of that argument.
     */
    private static SqlType resultElement(AggregateFunctions.Definition definition, List<CompiledExpression> arguments) {
        if (definition.resultType() != SqlType.ARRAY) {
            return null;
        }
        if (!arguments.isEmpty() && arguments.get(0).type() == SqlType.ARRAY) {
            return ArrayValuedExpression.elementTypeOf(arguments.get(0));
        }
        return definition.elementType();
    }
}
