package org.stripejdbc.engine.function;

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

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.expression.ArrayValuedExpression;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.planner.ColumnLabels;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * Functions used as tables in FROM: {@code jsonb_array_elements}, {@code jsonb_array_elements_text},
 * {@code jsonb_each}, {@code jsonb_each_text}, {@code jsonb_object_keys} (and the {@code json_} twins),
 * {@code generate_series} (integers, numerics, timestamps) and {@code unnest}; any other function in FROM yields
 * one row holding its value. Rows are generated lazily.
 *
 * <p>Column names follow Postgres: a function with a named OUT parameter keeps that name
 * ({@code jsonb_array_elements(x) as line} has the column {@code value}, and {@code line} also denotes it as a
 * whole-row reference); other scalar functions take the alias, or their own name.
 */
public final class SetReturningFunctions {
    /** Produces the rows for evaluated, non-null arguments. */
    @FunctionalInterface
    public interface Generator {
        Iterator<Object[]> rows(Object[] arguments, Environment environment);
    }

    /**
     * A compiled function in FROM: its arguments, its columns, whether its single column is named by its OUT
     * parameter ({@code fixedNames}), and the generator.
     */
    public record Compiled(String name, List<CompiledExpression> arguments, List<ResultColumn> columns, boolean fixedNames,
                    Generator generator) {
        public Compiled {
            Objects.requireNonNull(name, "name");
            arguments = List.copyOf(arguments);
            columns = List.copyOf(columns);
            Objects.requireNonNull(generator, "generator");
        }
    }

    private SetReturningFunctions() {
    }

    public static Compiled compile(Expr.FunctionCall call, ExpressionCompiler compiler) {
        String name = call.name();
        if (call.distinct() || call.star() || call.filter() != null || !call.orderBy().isEmpty() || call.over() != null) {
            throw StripeJdbcException.unsupported("modifiers on function " + name + " in FROM");
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(compiler.compile(argument));
        }
        switch (name) {
            case "jsonb_array_elements": case "json_array_elements":
                return jsonFunction(name, arguments, List.of(ResultColumn.of("value", jsonType(name))), true,
                        (args, env) -> elements((Json) args[0], false));
            case "jsonb_array_elements_text": case "json_array_elements_text":
                return jsonFunction(name, arguments, List.of(ResultColumn.of("value", TEXT)), true,
                        (args, env) -> elements((Json) args[0], true));
            case "jsonb_each": case "json_each":
                return jsonFunction(name, arguments, List.of(ResultColumn.of("key", TEXT),
                        ResultColumn.of("value", jsonType(name))), true, (args, env) -> each(name, (Json) args[0], false));
            case "jsonb_each_text": case "json_each_text":
                return jsonFunction(name, arguments, List.of(ResultColumn.of("key", TEXT), ResultColumn.of("value", TEXT)),
                        true, (args, env) -> each(name, (Json) args[0], true));
            case "jsonb_object_keys": case "json_object_keys":
                return jsonFunction(name, arguments, List.of(ResultColumn.of(name, TEXT)), false,
                        (args, env) -> objectKeys(name, (Json) args[0]));
            case "generate_series":
                return generateSeries(arguments);
            case "unnest":
                return unnest(arguments);
            default:
                return scalar(call, compiler);
        }
    }

    private static SqlType jsonType(String name) {
        return name.startsWith("jsonb") ? JSONB : JSON;
    }

    private static Compiled jsonFunction(String name, List<CompiledExpression> arguments, List<ResultColumn> columns,
                                         boolean fixedNames, Generator generator) {
        SqlType type = jsonType(name);
        if (arguments.size() != 1 || (!arguments.get(0).type().isJson() && arguments.get(0).type() != UNKNOWN)) {
            throw FunctionRegistry.undefined(name, arguments.stream().map(CompiledExpression::type).toList());
        }
        CompiledExpression argument = Coercion.coerce(arguments.get(0), arguments.get(0).type() == UNKNOWN
                ? type : arguments.get(0).type());
        return new Compiled(name, List.of(argument), columns, fixedNames, generator);
    }

    private static Iterator<Object[]> elements(Json json, boolean asText) {
        if (!json.isArray()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, json.isObject()
                    ? "cannot extract elements from an object" : "cannot extract elements from a scalar");
        }
        Iterator<Json> elements = json.elements().iterator();
        return map(elements, element -> new Object[] {asText ? element.asText() : element});
    }

    private static Iterator<Object[]> each(String name, Json json, boolean asText) {
        if (!json.isObject()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + name + " on a non-object");
        }
        Iterator<Map.Entry<String, Json>> members = json.members().entrySet().iterator();
        return map(members, member -> new Object[] {member.getKey(),
                asText ? member.getValue().asText() : member.getValue()});
    }

    private static Iterator<Object[]> objectKeys(String name, Json json) {
        if (!json.isObject()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "cannot call " + name + " on "
                    + (json.isArray() ? "an array" : "a scalar"));
        }
        return map(json.keys().iterator(), key -> new Object[] {key});
    }

    private static <T> Iterator<Object[]> map(Iterator<T> source, java.util.function.Function<T, Object[]> mapper) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public Object[] next() {
                return mapper.apply(source.next());
            }
        };
    }

    private static Compiled generateSeries(List<CompiledExpression> arguments) {
        List<SqlType> types = arguments.stream().map(CompiledExpression::type).toList();
        if (arguments.size() < 2 || arguments.size() > 3) {
            throw FunctionRegistry.undefined("generate_series", types);
        }
        SqlType first = types.get(0);
        boolean temporal = first == TIMESTAMP || first == TIMESTAMPTZ || first == SqlType.DATE
                || (arguments.size() == 3 && types.get(2) == INTERVAL);
        if (temporal) {
            if (arguments.size() != 3) {
                throw FunctionRegistry.undefined("generate_series", types);
            }
            SqlType type = first == TIMESTAMP && (types.get(1) == TIMESTAMP || types.get(1) == UNKNOWN)
                    ? TIMESTAMP : TIMESTAMPTZ;
            for (int i = 0; i < 2; i++) {
                SqlType t = types.get(i);
                if (t != UNKNOWN && !TypeRules.implicitlyCastable(t, type)) {
                    throw FunctionRegistry.undefined("generate_series", types);
                }
            }
            if (types.get(2) != INTERVAL && types.get(2) != UNKNOWN) {
                throw FunctionRegistry.undefined("generate_series", types);
            }
            List<CompiledExpression> coerced = List.of(Coercion.coerce(arguments.get(0), type),
                    Coercion.coerce(arguments.get(1), type), Coercion.coerce(arguments.get(2), INTERVAL));
            return new Compiled("generate_series", coerced, List.of(ResultColumn.of("generate_series", type)), false,
                    (args, env) -> timeSeries(args[0], args[1], (Interval) args[2]));
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
        return new Compiled("generate_series", coerced, List.of(ResultColumn.of("generate_series", resultType)), false,
                (args, env) -> numberSeries(args, resultType));
    }

    private static Iterator<Object[]> numberSeries(Object[] args, SqlType type) {
        if (type == NUMERIC) {
            BigDecimal start = (BigDecimal) args[0];
            BigDecimal stop = (BigDecimal) args[1];
            BigDecimal step = args.length > 2 ? (BigDecimal) args[2] : BigDecimal.ONE;
            if (step.signum() == 0) {
                throw stepZero();
            }
            return new Iterator<>() {
                private BigDecimal next = start;

                @Override
                public boolean hasNext() {
                    return step.signum() > 0 ? next.compareTo(stop) <= 0 : next.compareTo(stop) >= 0;
                }

                @Override
                public Object[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    BigDecimal value = next;
                    next = next.add(step);
                    return new Object[] {value};
                }
            };
        }
        long start = ((Number) args[0]).longValue();
        long stop = ((Number) args[1]).longValue();
        long step = args.length > 2 ? ((Number) args[2]).longValue() : 1;
        if (step == 0) {
            throw stepZero();
        }
        return new Iterator<>() {
            private long next = start;
            private boolean done = step > 0 ? start > stop : start < stop;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object[] next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                long value = next;
                try {
                    next = Math.addExact(next, step);
                    done = step > 0 ? next > stop : next < stop;
                } catch (ArithmeticException e) {
                    done = true;
                }
                return new Object[] {Arithmetic.boxIntegral(value, type)};
            }
        };
    }

    private static Iterator<Object[]> timeSeries(Object start, Object stop, Interval step) {
        if (step.months() == 0 && step.days() == 0 && step.micros() == 0) {
            throw stepZero();
        }
        boolean forward = ValueComparator.intervalSpan(step).signum() > 0;
        return new Iterator<>() {
            private Object next = start;

            @Override
            public boolean hasNext() {
                int c = ValueComparator.compare(next, stop);
                return forward ? c <= 0 : c >= 0;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object value = next;
                next = value instanceof LocalDateTime t ? Arithmetic.plus(t, step)
                        : Arithmetic.plus((OffsetDateTime) value, step);
                return new Object[] {value};
            }
        };
    }

    private static StripeJdbcException stepZero() {
        return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    private static Compiled unnest(List<CompiledExpression> arguments) {
        if (arguments.size() != 1 || (arguments.get(0).type() != SqlType.ARRAY && arguments.get(0).type() != UNKNOWN)) {
            throw FunctionRegistry.undefined("unnest", arguments.stream().map(CompiledExpression::type).toList());
        }
        CompiledExpression array = Coercion.convert(arguments.get(0), SqlType.ARRAY, TEXT, Coercion.Context.IMPLICIT);
        SqlType element = ArrayValuedExpression.elementTypeOf(array);
        return new Compiled("unnest", List.of(array), List.of(ResultColumn.of("unnest", element)), false,
                (args, env) -> {
                    List<Object> flat = new ArrayList<>();
                    flatten((List<?>) args[0], flat);
                    return map(flat.iterator(), value -> new Object[] {value == null ? null
                            : Casts.convert(value, Casts.runtimeType(value), element, env.statementTime())});
                });
    }

    private static void flatten(List<?> list, List<Object> out) {
        for (Object element : list) {
            if (element instanceof List<?> inner) {
                flatten(inner, out);
            } else {
                out.add(element);
            }
        }
    }

    /** A function that is not set-returning, in FROM: one row with its value. */
    private static Compiled scalar(Expr.FunctionCall call, ExpressionCompiler compiler) {
        CompiledExpression value = compiler.compileValue(call);
        return new Compiled(call.name(), List.of(), List.of(ResultColumn.of(ColumnLabels.label(call), value.type())),
                false, (args, env) -> List.<Object[]>of(new Object[] {value.evaluate(new Object[0], env)}).iterator());
    }
}
