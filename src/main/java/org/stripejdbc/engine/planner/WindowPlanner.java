package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.AggregateCall;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.SortKey;
import org.stripejdbc.engine.operator.WindowCall;
import org.stripejdbc.engine.operator.WindowNode;
import org.stripejdbc.engine.planner.SelectPlanner.Output;
import org.stripejdbc.engine.planner.SelectPlanner.Stage;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.types.SqlType;

/**
 * Plans the window functions of one SELECT block: each distinct {@code f(...) over (...)} of the select list and
 * ORDER BY is compiled once (ranking and offset functions, or an aggregate used as a window function) and computed by
 * one {@link WindowNode}, which appends a column per call; the select list then reads those columns.
 *
 * <p>Example: {@code select id, sum(amount) over (partition by customer order by created) from stripe.charges}
 * computes the running sum per customer as the column after the input's; {@code row_number() over ()} is bigint,
 * {@code lag(amount, 2)} has the type of {@code amount}.
 */
final class WindowPlanner {
    private final FunctionRegistry functions;

    WindowPlanner(FunctionRegistry functions) {
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    /**
     * The window operator over {@code node} computing each distinct window call of the select list and ORDER BY
     * (appended as columns), and a compiler reading those columns in place of the calls.
     */
    Stage plan(List<Output> outputs, List<Expr> orderExpressions, ExpressionCompiler compiler, PlanNode node) {
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
            SqlType element = call.aggregate() == null ? null : call.aggregate().elementType();
            slots.put(normalized, new ExpressionCompiler.Slot(columns.size(), call.type(), call.name(), element));
            compiledCalls.add(call);
            columns.add(ResultColumn.of(call.name(), call.type()).withElementType(element));
        }
        PlanNode windowed = new WindowNode(node, compiledCalls, columns);
        return new Stage(windowed, compiler.withComputed(slots));
    }

    private void collectWindows(Expr e, List<Expr> out) {
        if (e instanceof Expr.FunctionCall f && f.over() != null) {
            for (Expr child : ExprTrees.children(e)) {
                if (ExprTrees.containsWindow(child)) {
                    throw new StripeJdbcException(
                            SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "window function calls cannot be nested");
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
        String description = ExprPrinter.print(call);
        if (functions.isAggregate(name) || call.star()) {
            Expr.FunctionCall plain = new Expr.FunctionCall(
                    name, call.arguments(), false, call.star(), call.filter(), call.orderBy(), null);
            AggregateCall aggregate = AggregatePlanner.compileCall(plain, compiler);
            return new WindowCall(
                    name,
                    List.of(),
                    partition,
                    orderValues,
                    orderKeys,
                    frame,
                    aggregate.resultType(),
                    aggregate,
                    description);
        }
        if (!functions.isWindowFunction(name)) {
            throw new StripeJdbcException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "OVER specified, but " + name + " is not a window function nor an aggregate function");
        }
        if (call.filter() != null) {
            throw StripeJdbcException.unsupported("FILTER is not implemented for non-aggregate window functions");
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(compiler.compileValue(argument));
        }
        SqlType type = windowType(name, arguments);
        return new WindowCall(
                name,
                coerceWindowArguments(name, arguments),
                partition,
                orderValues,
                orderKeys,
                frame,
                type,
                null,
                description);
    }

    private static SqlType windowType(String name, List<CompiledExpression> arguments) {
        List<SqlType> types = arguments.stream().map(CompiledExpression::type).toList();
        switch (name) {
            case "row_number":
            case "rank":
            case "dense_rank":
                requireArguments(name, types, 0, 0);
                return SqlType.BIGINT;
            case "percent_rank":
            case "cume_dist":
                requireArguments(name, types, 0, 0);
                return SqlType.DOUBLE;
            case "ntile":
                requireArguments(name, types, 1, 1);
                return SqlType.INTEGER;
            case "lag":
            case "lead":
                requireArguments(name, types, 1, 3);
                return types.get(0);
            case "first_value":
            case "last_value":
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
            case "lag":
            case "lead":
                if (out.size() > 1) {
                    out.set(1, integerArgument(name, out.get(1)));
                }
                if (out.size() > 2) {
                    SqlType type = out.get(0).type();
                    if (!TypeRules.implicitlyCastable(out.get(2).type(), type)) {
                        throw FunctionRegistry.undefined(
                                name,
                                arguments.stream().map(CompiledExpression::type).toList());
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
        if (argument.type() != SqlType.INTEGER
                && argument.type() != SqlType.SMALLINT
                && argument.type() != SqlType.UNKNOWN) {
            throw FunctionRegistry.undefined(name, List.of(argument.type()));
        }
        return Coercion.coerce(argument, SqlType.INTEGER);
    }
}
