package org.stripejdbc.engine.planner;

import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.INTERVAL;
import static org.stripejdbc.types.SqlType.JSON;
import static org.stripejdbc.types.SqlType.JSONB;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.TIMESTAMP;
import static org.stripejdbc.types.SqlType.TIMESTAMPTZ;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.ArrayValuedExpression;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.function.SetReturningFunctions;
import org.stripejdbc.engine.operator.SetReturningCall;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * Compiles a call of a set-returning function, in FROM or in the select list: {@code jsonb_array_elements},
 * {@code jsonb_array_elements_text}, {@code jsonb_each}, {@code jsonb_each_text}, {@code jsonb_object_keys} (and the
 * {@code json_} twins), {@code generate_series} (integers, numerics, timestamps), {@code unnest} and those
 * {@link SetReturningFunctions#signature} describes ({@code regexp_matches}, {@code jsonb_path_query}...); any other
 * function in FROM yields one row holding its value. This class checks and converts the arguments and names the
 * columns; the rows come from {@link SetReturningFunctions}.
 *
 * <p>Column names follow Postgres: a function with a named OUT parameter keeps that name
 * ({@code jsonb_array_elements(x) as line} has the column {@code value}, and {@code line} also denotes it as a
 * whole-row reference); other scalar functions take the alias, or their own name.
 */
final class SetReturningCompiler {
    private SetReturningCompiler() {}

    static SetReturningCall compile(Expr.FunctionCall call, ExpressionCompiler compiler) {
        String name = call.name();
        if (call.distinct()
                || call.star()
                || call.filter() != null
                || !call.orderBy().isEmpty()
                || call.over() != null) {
            throw StripeJdbcException.unsupported("modifiers on function " + name + " in FROM");
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(compiler.compile(argument));
        }
        switch (name) {
            case "jsonb_array_elements":
            case "json_array_elements":
                return jsonFunction(
                        name,
                        arguments,
                        List.of(ResultColumn.of("value", jsonType(name))),
                        true,
                        SetReturningFunctions.elements(false));
            case "jsonb_array_elements_text":
            case "json_array_elements_text":
                return jsonFunction(
                        name,
                        arguments,
                        List.of(ResultColumn.of("value", TEXT)),
                        true,
                        SetReturningFunctions.elements(true));
            case "jsonb_each":
            case "json_each":
                return jsonFunction(
                        name,
                        arguments,
                        List.of(ResultColumn.of("key", TEXT), ResultColumn.of("value", jsonType(name))),
                        true,
                        SetReturningFunctions.each(name, false));
            case "jsonb_each_text":
            case "json_each_text":
                return jsonFunction(
                        name,
                        arguments,
                        List.of(ResultColumn.of("key", TEXT), ResultColumn.of("value", TEXT)),
                        true,
                        SetReturningFunctions.each(name, true));
            case "jsonb_object_keys":
            case "json_object_keys":
                return jsonFunction(
                        name,
                        arguments,
                        List.of(ResultColumn.of(name, TEXT)),
                        false,
                        SetReturningFunctions.objectKeys(name));
            case "generate_series":
                return generateSeries(arguments);
            case "unnest":
                return unnest(arguments);
            default:
                SetReturningFunctions.Signature signature = SetReturningFunctions.signature(name, arguments.size());
                return signature == null ? scalar(call, compiler) : generic(name, arguments, signature);
        }
    }

    /** A function whose parameters and column {@link SetReturningFunctions#signature} gives. */
    private static SetReturningCall generic(
            String name, List<CompiledExpression> arguments, SetReturningFunctions.Signature signature) {
        List<CompiledExpression> converted = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            SqlType parameter = signature.parameters().get(i);
            if (!TypeRules.implicitlyCastable(arguments.get(i).type(), parameter)) {
                throw FunctionRegistry.undefined(
                        name, arguments.stream().map(CompiledExpression::type).toList());
            }
            converted.add(Coercion.coerce(arguments.get(i), parameter));
        }
        return new SetReturningCall(
                name,
                converted,
                List.of(ResultColumn.of(signature.column(), signature.columnType())),
                false,
                signature.generator());
    }

    private static SqlType jsonType(String name) {
        return name.startsWith("jsonb") ? JSONB : JSON;
    }

    private static SetReturningCall jsonFunction(
            String name,
            List<CompiledExpression> arguments,
            List<ResultColumn> columns,
            boolean fixedNames,
            SetReturningFunctions.Generator generator) {
        SqlType type = jsonType(name);
        if (arguments.size() != 1
                || (!arguments.get(0).type().isJson() && arguments.get(0).type() != UNKNOWN)) {
            throw FunctionRegistry.undefined(
                    name, arguments.stream().map(CompiledExpression::type).toList());
        }
        CompiledExpression argument = Coercion.coerce(
                arguments.get(0),
                arguments.get(0).type() == UNKNOWN ? type : arguments.get(0).type());
        return new SetReturningCall(name, List.of(argument), columns, fixedNames, generator);
    }

    private static SetReturningCall generateSeries(List<CompiledExpression> arguments) {
        List<SqlType> types = arguments.stream().map(CompiledExpression::type).toList();
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw FunctionRegistry.undefined("generate_series", types);
        }
        SqlType first = types.get(0);
        boolean temporal = first == TIMESTAMP
                || first == TIMESTAMPTZ
                || first == SqlType.DATE
                || (arguments.size() == 3 && types.get(2) == INTERVAL);
        if (temporal) {
            if (arguments.size() != 3) {
                throw FunctionRegistry.undefined("generate_series", types);
            }
            SqlType type = first == TIMESTAMP && (types.get(1) == TIMESTAMP || types.get(1) == UNKNOWN)
                    ? TIMESTAMP
                    : TIMESTAMPTZ;
            for (int i = 0; i < 2; i++) {
                SqlType t = types.get(i);
                if (t != UNKNOWN && !TypeRules.implicitlyCastable(t, type)) {
                    throw FunctionRegistry.undefined("generate_series", types);
                }
            }
            if (types.get(2) != INTERVAL && types.get(2) != UNKNOWN) {
                throw FunctionRegistry.undefined("generate_series", types);
            }
            List<CompiledExpression> coerced = List.of(
                    Coercion.coerce(arguments.get(0), type),
                    Coercion.coerce(arguments.get(1), type),
                    Coercion.coerce(arguments.get(2), INTERVAL));
            return new SetReturningCall(
                    "generate_series",
                    coerced,
                    List.of(ResultColumn.of("generate_series", type)),
                    false,
                    SetReturningFunctions.timeSeries());
        }
        SqlType type = INTEGER;
        for (SqlType t : types) {
            if (t == UNKNOWN) {
                continue;
            }
            if (!t.isNumeric() || t == SqlType.REAL || t == SqlType.DOUBLE) {
                throw FunctionRegistry.undefined("generate_series", types);
            }
            if (t == NUMERIC || (t == BIGINT && type != NUMERIC)) {
                type = t;
            }
        }
        SqlType resultType = type;
        List<CompiledExpression> coerced = new ArrayList<>();
        for (CompiledExpression argument : arguments) {
            coerced.add(Coercion.coerce(argument, resultType));
        }
        return new SetReturningCall(
                "generate_series",
                coerced,
                List.of(ResultColumn.of("generate_series", resultType)),
                false,
                SetReturningFunctions.numberSeries(resultType));
    }

    private static SetReturningCall unnest(List<CompiledExpression> arguments) {
        if (arguments.size() != 1
                || (arguments.get(0).type() != SqlType.ARRAY && arguments.get(0).type() != UNKNOWN)) {
            throw FunctionRegistry.undefined(
                    "unnest", arguments.stream().map(CompiledExpression::type).toList());
        }
        CompiledExpression array = ArrayValuedExpression.knownElementType(arguments.get(0)) != null
                ? arguments.get(0)
                : Coercion.convert(arguments.get(0), SqlType.ARRAY, TEXT, Coercion.Context.IMPLICIT);
        SqlType element = ArrayValuedExpression.elementTypeOf(array);
        return new SetReturningCall(
                "unnest",
                List.of(array),
                List.of(ResultColumn.of("unnest", element)),
                false,
                SetReturningFunctions.unnest(element));
    }

    /** A function that is not set-returning, in FROM: one row with its value. */
    private static SetReturningCall scalar(Expr.FunctionCall call, ExpressionCompiler compiler) {
        CompiledExpression value = compiler.compileValue(call);
        return new SetReturningCall(
                call.name(),
                List.of(),
                List.of(ResultColumn.of(ColumnLabels.label(call), value.type())
                        .withElementType(ArrayValuedExpression.knownElementType(value))),
                false,
                (args, env) -> List.<Object[]>of(new Object[] {value.evaluate(new Object[0], env)})
                        .iterator());
    }
}
