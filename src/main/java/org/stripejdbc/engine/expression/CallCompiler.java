package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.DateTimeFunctions;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.function.JsonFunctions;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.SqlType;

/**
 * The part of the {@link ExpressionCompiler} that compiles calls: scalar functions (overload resolution in the
 * {@link FunctionRegistry}, arguments coerced to the chosen overload's parameter types) and the special forms written
 * like them: {@code COALESCE}, {@code NULLIF}, {@code GREATEST}/{@code LEAST}, {@code pg_typeof}, {@code CASE},
 * {@code ARRAY[...]} and {@code ARRAY(subquery)}, {@code EXTRACT}, and subscripts of arrays and jsonb. Aggregate,
 * window and set-returning calls are refused here (the planner computes them below and the compiler reads their
 * columns).
 *
 * <p>Example: {@code coalesce(description, 1)} fails with {@code 42804 COALESCE types text and integer cannot be
 * matched}; {@code round(5)} picks {@code round(double precision)}; {@code lower(1)} fails with
 * {@code 42883 function lower(integer) does not exist}.
 */
final class CallCompiler {
    private final ExpressionCompiler compiler;

    CallCompiler(ExpressionCompiler compiler) {
        this.compiler = compiler;
    }

    CompiledExpression function(Expr.FunctionCall f) {
        String name = f.name();
        if (f.over() != null) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "window functions are not allowed in " + compiler.clause());
        }
        if (compiler.functions().isWindowFunction(name)) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "window function " + name + " requires an OVER clause");
        }
        if (compiler.isAggregateCall(f)) {
            throw new StripeJdbcException(
                    SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + compiler.clause());
        }
        if (f.distinct() || !f.orderBy().isEmpty() || f.filter() != null || f.star()) {
            String what = f.distinct() ? "DISTINCT" : f.filter() != null ? "FILTER" : f.star() ? "*" : "ORDER BY";
            throw new StripeJdbcException(
                    SqlState.WRONG_OBJECT_TYPE, what + " specified, but " + name + " is not an aggregate function");
        }
        if (compiler.functions().isSetReturning(name)) {
            throw StripeJdbcException.unsupported("set-returning function " + name + "() in " + compiler.clause()
                    + "; use it in FROM, e.g. from t, " + name + "(...) as x");
        }
        Expr.FunctionCall rowObject = wholeRowAsObject(f);
        if (rowObject != null) {
            return compiler.compile(rowObject);
        }
        switch (name) {
            case "array":
                if (f.arguments().size() == 1 && f.arguments().get(0) instanceof Expr.ScalarSubquery s) {
                    // ARRAY(subquery), as the parser gives it: the subquery's values as one array.
                    SubqueryPlanner.Subquery planned = compiler.planSubquery(s.subquery());
                    ExpressionCompiler.requireOneColumn(planned);
                    return new ArrayValuedExpression(
                            SubqueryExpressions.array(planned, planned.correlated()),
                            planned.columns().get(0).type());
                }
                break;
            case "coalesce":
                return coalesce(f);
            case "nullif":
                return nullif(f);
            case "greatest":
            case "least":
                return extremum(f, name.equals("greatest"));
            case "grouping":
                // A grouping(...) the aggregate planner gave a column is read before this; any other is misplaced.
                throw new StripeJdbcException(
                        SqlState.GROUPING_ERROR,
                        "grouping operations are not allowed in " + compiler.clause()
                                + ", or their arguments are not grouping expressions of the query level");
            case "pg_typeof": {
                if (f.arguments().size() != 1) {
                    throw FunctionRegistry.undefined(name, argumentTypes(f.arguments()));
                }
                String typeName = TypeRules.displayName(
                        compiler.compile(f.arguments().get(0)).type());
                return new ConstantExpression(typeName, TEXT);
            }
            default:
                break;
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        boolean known =
                compiler.functions().exists(name) || SqlType.fromName(name).isPresent();
        for (Expr argument : f.arguments()) {
            CompiledExpression compiled;
            try {
                compiled = compiler.compile(argument);
            } catch (Scope.UngroupedColumnException e) {
                if (known || !(argument instanceof Expr.ColumnRef)) {
                    throw e;
                }
                // Postgres resolves functions before it checks grouping: an unknown function is 42883 first.
                types.add(e.type());
                continue;
            }
            arguments.add(compiled);
            types.add(compiled.type());
        }
        if (arguments.size() < types.size()) {
            throw FunctionRegistry.undefined(name, types);
        }
        if (!compiler.functions().exists(name)) {
            Optional<SqlType> castType = SqlType.fromName(name);
            if (castType.isPresent() && arguments.size() == 1 && castType.get() != ARRAY) {
                return Coercion.convert(arguments.get(0), castType.get(), null, Coercion.Context.EXPLICIT);
            }
            throw FunctionRegistry.undefined(name, types);
        }
        FunctionRegistry.Overload overload = compiler.functions().resolve(name, types);
        boolean polymorphic = FunctionRegistry.isElementPolymorphic(name);
        SqlType common = polymorphic ? commonElement(overload, arguments) : TEXT;
        List<CompiledExpression> coerced = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            SqlType parameter = overload.parameterType(i);
            CompiledExpression argument = arguments.get(i);
            if (parameter == UNKNOWN) {
                coerced.add(polymorphic ? element(name, types, argument, common) : Coercion.resolveUnknown(argument));
            } else if (parameter == ARRAY) {
                coerced.add(
                        ArrayValuedExpression.knownElementType(argument) == common
                                ? argument
                                : Coercion.convert(argument, ARRAY, common, Coercion.Context.IMPLICIT));
            } else {
                coerced.add(Coercion.coerce(argument, parameter));
            }
        }
        CompiledExpression call = overload.strict()
                ? OperatorExpression.strict(overload.returnType(), name, coerced, overload.implementation()::apply)
                : OperatorExpression.lenient(overload.returnType(), name, coerced, overload.implementation()::apply);
        return overload.returnType() == ARRAY
                ? new ArrayValuedExpression(call, FunctionRegistry.arrayResultElement(name, common))
                : call;
    }

    /**
     * The element type the arrays and the element of a polymorphic array function share, as Postgres resolves
     * {@code anyarray}/{@code anyelement}: the first array's known element type, else the first typed element
     * argument's type, else text ({@code array_append(array_agg(amount), 5)}: bigint).
     */
    private static SqlType commonElement(FunctionRegistry.Overload overload, List<CompiledExpression> arguments) {
        SqlType fromElement = null;
        for (int i = 0; i < arguments.size(); i++) {
            CompiledExpression argument = arguments.get(i);
            SqlType known = ArrayValuedExpression.knownElementType(argument);
            if (overload.parameterType(i) == ARRAY && known != null) {
                return known;
            }
            if (overload.parameterType(i) == UNKNOWN
                    && fromElement == null
                    && argument.type() != UNKNOWN
                    && argument.type() != ARRAY) {
                fromElement = argument.type();
            }
        }
        return fromElement == null ? TEXT : fromElement;
    }

    /** The element argument of a polymorphic array function, converted to the arrays' element type. */
    private static CompiledExpression element(
            String name, List<SqlType> types, CompiledExpression argument, SqlType common) {
        if (argument.type() == common) {
            return argument;
        }
        if (argument.type() != UNKNOWN && !TypeRules.implicitlyCastable(argument.type(), common)) {
            throw FunctionRegistry.undefined(name, types);
        }
        return Coercion.coerce(argument, common);
    }

    private List<SqlType> argumentTypes(List<Expr> arguments) {
        List<SqlType> types = new ArrayList<>();
        for (Expr argument : arguments) {
            types.add(compiler.compile(argument).type());
        }
        return types;
    }

    /** Compiles several expressions to their common type (CASE, COALESCE, GREATEST...). */
    private List<CompiledExpression> commonTyped(List<Expr> expressions, String construct) {
        List<CompiledExpression> compiled = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr e : expressions) {
            CompiledExpression c = compiler.compile(e);
            compiled.add(c);
            types.add(c.type());
        }
        SqlType common = TypeRules.commonType(types, construct);
        List<CompiledExpression> out = new ArrayList<>();
        for (CompiledExpression c : compiled) {
            out.add(Coercion.coerce(c, common));
        }
        return out;
    }

    private CompiledExpression coalesce(Expr.FunctionCall f) {
        if (f.arguments().isEmpty()) {
            throw FunctionRegistry.undefined("coalesce", List.of());
        }
        List<CompiledExpression> arguments = commonTyped(f.arguments(), "COALESCE");
        return OperatorExpression.of(arguments.get(0).type(), "coalesce", (row, env) -> {
            for (CompiledExpression argument : arguments) {
                Object value = argument.evaluate(row, env);
                if (value != null) {
                    return value;
                }
            }
            return null;
        });
    }

    private CompiledExpression nullif(Expr.FunctionCall f) {
        if (f.arguments().size() != 2) {
            throw FunctionRegistry.undefined("nullif", argumentTypes(f.arguments()));
        }
        CompiledExpression first = compiler.compile(f.arguments().get(0));
        CompiledExpression second = compiler.compile(f.arguments().get(1));
        if (first.type() == UNKNOWN && second.type() == UNKNOWN) {
            first = Coercion.resolveUnknown(first);
        }
        SqlType type = Operators.comparisonType("=", first.type(), second.type());
        CompiledExpression a = Coercion.coerce(first, type);
        CompiledExpression b = Coercion.coerce(second, type);
        // The result is the first argument of the implied "=": promoted to the comparison type (nullif(1, 2.2) is
        // numeric, nullif(null, 1) integer), except between integer types, which compare without promotion.
        CompiledExpression result = first.type().isInteger() && second.type().isInteger() ? first : a;
        return OperatorExpression.of(result.type(), "nullif", (row, env) -> {
            Object x = result.evaluate(row, env);
            if (x == null) {
                return null;
            }
            Object left = a.evaluate(row, env);
            Object right = b.evaluate(row, env);
            return right != null && ValueComparator.compare(left, right) == 0 ? null : x;
        });
    }

    private CompiledExpression extremum(Expr.FunctionCall f, boolean greatest) {
        String construct = greatest ? "GREATEST" : "LEAST";
        if (f.arguments().isEmpty()) {
            throw FunctionRegistry.undefined(f.name(), List.of());
        }
        List<CompiledExpression> arguments = commonTyped(f.arguments(), construct);
        return OperatorExpression.of(arguments.get(0).type(), f.name(), (row, env) -> {
            Object best = null;
            for (CompiledExpression argument : arguments) {
                Object value = argument.evaluate(row, env);
                if (value != null
                        && (best == null
                                || (greatest
                                        ? ValueComparator.compare(value, best) > 0
                                        : ValueComparator.compare(value, best) < 0))) {
                    best = value;
                }
            }
            return best;
        });
    }

    CompiledExpression caseExpression(Expr.Case c) {
        List<CompiledExpression> conditions = new ArrayList<>();
        if (c.operand() != null) {
            List<CompiledExpression> typed = new ArrayList<>();
            CompiledExpression operand = compiler.compile(c.operand());
            for (Expr.When when : c.whens()) {
                typed.add(Operators.comparison(BinaryOperator.EQUALS, operand, compiler.compile(when.condition())));
            }
            conditions.addAll(typed);
        } else {
            for (Expr.When when : c.whens()) {
                conditions.add(ExpressionCompiler.requireBoolean(compiler.compile(when.condition()), "CASE/WHEN"));
            }
        }
        List<Expr> results = new ArrayList<>();
        for (Expr.When when : c.whens()) {
            results.add(when.result());
        }
        if (c.elseResult() != null) {
            results.add(c.elseResult());
        }
        List<CompiledExpression> typedResults = commonTyped(results, "CASE");
        CompiledExpression otherwise = c.elseResult() == null ? null : typedResults.get(typedResults.size() - 1);
        SqlType type = typedResults.get(0).type();
        return OperatorExpression.of(type, "case", (row, env) -> {
            for (int i = 0; i < conditions.size(); i++) {
                if (Boolean.TRUE.equals(conditions.get(i).evaluate(row, env))) {
                    return typedResults.get(i).evaluate(row, env);
                }
            }
            return otherwise == null ? null : otherwise.evaluate(row, env);
        });
    }

    CompiledExpression arrayConstructor(Expr.ArrayConstructor a) {
        List<CompiledExpression> elements = a.elements().isEmpty() ? List.of() : commonTyped(a.elements(), "ARRAY");
        SqlType elementType = elements.isEmpty() ? TEXT : elements.get(0).type();
        return new ArrayValuedExpression(
                OperatorExpression.of(ARRAY, "array", (row, env) -> {
                    List<Object> out = new ArrayList<>(elements.size());
                    for (CompiledExpression element : elements) {
                        out.add(element.evaluate(row, env));
                    }
                    return out;
                }),
                elementType);
    }

    CompiledExpression extract(Expr.Extract x) {
        CompiledExpression source = compiler.compile(x.source());
        SqlType type = source.type() == UNKNOWN ? SqlType.TIMESTAMPTZ : source.type();
        if (type != SqlType.TIMESTAMP
                && type != SqlType.TIMESTAMPTZ
                && type != SqlType.DATE
                && type != SqlType.INTERVAL) {
            throw FunctionRegistry.undefined("extract", List.of(UNKNOWN, type));
        }
        CompiledExpression value = Coercion.coerce(source, type);
        String field = x.field();
        return OperatorExpression.unary(NUMERIC, "extract", value, v -> DateTimeFunctions.extract(field, v, type));
    }

    /**
     * {@code row_to_json(c)}, {@code to_json(c)} or {@code to_jsonb(c)} of a whole row ({@code c} a FROM item, not a
     * column): the object of its columns in order, as {@code json_build_object('id', c.id, ...)} (or the jsonb
     * form); null when the call is not of that shape.
     */
    private Expr.FunctionCall wholeRowAsObject(Expr.FunctionCall f) {
        if (!(f.name().equals("row_to_json")
                        || f.name().equals("to_json")
                        || f.name().equals("to_jsonb"))
                || f.arguments().size() != 1
                || !(f.arguments().get(0) instanceof Expr.ColumnRef ref)
                || ref.qualifier() != null) {
            return null;
        }
        Scope scope = compiler.scope();
        if (scope.resolveLocal(ref) != null || !scope.isRelation(ref.name())) {
            return null;
        }
        List<Scope.Column> columns = scope.starColumns(ref.name());
        List<Expr> arguments = new ArrayList<>();
        for (Scope.Column c : columns) {
            arguments.add(new Expr.Literal(c.name(), TEXT));
            arguments.add(new Expr.ColumnRef(ref.name(), c.name()));
        }
        return Expr.FunctionCall.of(
                f.name().equals("to_jsonb") ? "jsonb_build_object" : JsonFunctions.ROW_TO_JSON,
                arguments.toArray(new Expr[0]));
    }

    /**
     * {@code x[from:to]} of a one-dimensional array, as Postgres: bounds clamped to the array, a bound left out is
     * its end, an empty range is the empty array, a NULL bound gives NULL. {@code (array[1,2,3,4])[2:3]} is
     * {@code {2,3}}.
     */
    CompiledExpression slice(Expr.Slice s) {
        CompiledExpression value = compiler.compile(s.value());
        if (value.type() != ARRAY && value.type() != UNKNOWN) {
            throw new StripeJdbcException(
                    SqlState.DATATYPE_MISMATCH,
                    "cannot subscript type " + TypeRules.displayName(value.type())
                            + " because it does not support subscripting");
        }
        CompiledExpression array =
                value.type() == ARRAY ? value : Coercion.convert(value, ARRAY, TEXT, Coercion.Context.IMPLICIT);
        CompiledExpression from = s.from() == null ? null : sliceBound(s.from());
        CompiledExpression to = s.to() == null ? null : sliceBound(s.to());
        SqlType elementType = ArrayValuedExpression.elementTypeOf(array);
        CompiledExpression sliced = new CompiledExpression() {
            @Override
            public SqlType type() {
                return ARRAY;
            }

            @Override
            public Object evaluate(Object[] row, org.stripejdbc.engine.Environment environment) {
                List<?> list = (List<?>) array.evaluate(row, environment);
                Object low = from == null ? Long.valueOf(1) : from.evaluate(row, environment);
                Object high = to == null ? Long.valueOf(list == null ? 0 : list.size()) : to.evaluate(row, environment);
                if (list == null || low == null || high == null) {
                    return null;
                }
                long first = Math.max(((Number) low).longValue(), 1);
                long last = Math.min(((Number) high).longValue(), list.size());
                return first > last ? List.of() : new java.util.ArrayList<>(list.subList((int) first - 1, (int) last));
            }
        };
        return new ArrayValuedExpression(sliced, elementType);
    }

    private CompiledExpression sliceBound(Expr bound) {
        CompiledExpression index = compiler.compile(bound);
        if (!index.type().isInteger() && index.type() != UNKNOWN) {
            throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer");
        }
        return Coercion.coerce(index, index.type() == UNKNOWN ? INTEGER : index.type());
    }

    CompiledExpression subscript(Expr.Subscript s) {
        CompiledExpression value = compiler.compile(s.value());
        CompiledExpression index = compiler.compile(s.index());
        if (value.type() == SqlType.JSONB) {
            if (index.type() == TEXT || index.type() == UNKNOWN) {
                return OperatorExpression.binary(
                        SqlType.JSONB, "[]", value, Coercion.coerce(index, TEXT), (a, b) -> ((Json) a).get((String) b));
            }
            if (index.type() == INTEGER || index.type() == SqlType.SMALLINT || index.type() == SqlType.BIGINT) {
                return OperatorExpression.binary(
                        SqlType.JSONB, "[]", value, index, (a, b) -> ((Json) a).get((int) ((Number) b).longValue()));
            }
            throw new StripeJdbcException(
                    SqlState.DATATYPE_MISMATCH,
                    "subscript type " + TypeRules.displayName(index.type()) + " is not supported for jsonb");
        }
        if (value.type() != ARRAY) {
            throw new StripeJdbcException(
                    SqlState.DATATYPE_MISMATCH,
                    "cannot subscript type " + TypeRules.displayName(value.type())
                            + " because it does not support subscripting");
        }
        if (!index.type().isInteger() && index.type() != UNKNOWN) {
            throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer");
        }
        CompiledExpression i = Coercion.coerce(index, index.type() == UNKNOWN ? INTEGER : index.type());
        SqlType elementType = ArrayValuedExpression.elementTypeOf(value);
        return OperatorExpression.binary(elementType, "[]", value, i, (a, b) -> {
            List<?> list = (List<?>) a;
            long position = ((Number) b).longValue();
            if (position < 1 || position > list.size()) {
                return null;
            }
            Object element = list.get((int) position - 1);
            if (element == null || element instanceof List) {
                return null;
            }
            return Casts.convert(element, Casts.runtimeType(element), elementType, java.time.Instant.EPOCH);
        });
    }
}
