package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.DATE;
import static org.stripejdbc.types.SqlType.DOUBLE;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.INTERVAL;
import static org.stripejdbc.types.SqlType.JSONB;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.REAL;
import static org.stripejdbc.types.SqlType.SMALLINT;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.TIME;
import static org.stripejdbc.types.SqlType.TIMESTAMP;
import static org.stripejdbc.types.SqlType.TIMESTAMPTZ;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.JsonFunctions;
import org.stripejdbc.engine.function.Patterns;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Type resolution and implementation of the binary operators other than AND/OR, following Postgres: the operand
 * types pick the operator ({@code int + int} is integer, {@code bigint + numeric} numeric, {@code timestamp +
 * interval} timestamp, {@code jsonb || jsonb} jsonb, {@code text || anything} text); an unknown literal takes the
 * other operand's type first ({@code now() - '1 day'} is a timestamptz subtraction, which fails on the text
 * {@code 1 day}, exactly as in Postgres); a combination with no operator is
 * {@code 42883 operator does not exist: text > integer}.
 */
public final class Operators {
    private Operators() {
    }

    static StripeJdbcException undefined(String symbol, SqlType left, SqlType right) {
        return new StripeJdbcException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: "
                + TypeRules.displayName(left) + " " + symbol + " " + TypeRules.displayName(right));
    }

    static StripeJdbcException notUnique(String symbol, SqlType left, SqlType right) {
        return new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "operator is not unique: "
                + TypeRules.displayName(left) + " " + symbol + " " + TypeRules.displayName(right));
    }

    static CompiledExpression binary(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        switch (op) {
            case EQUALS: case NOT_EQUALS: case LESS: case LESS_OR_EQUAL: case GREATER: case GREATER_OR_EQUAL:
                return comparison(op, left, right);
            case IS_DISTINCT_FROM: case IS_NOT_DISTINCT_FROM:
                return distinctFrom(op == BinaryOperator.IS_DISTINCT_FROM, left, right);
            case PLUS: case MINUS: case MULTIPLY: case DIVIDE: case MODULO:
                return arithmetic(op, left, right);
            case CONCAT:
                return concat(left, right);
            case JSON_GET: case JSON_GET_TEXT: case JSON_PATH: case JSON_PATH_TEXT: case JSON_CONTAINS:
            case JSON_CONTAINED_BY: case JSON_HAS_KEY: case JSON_HAS_ANY_KEY: case JSON_HAS_ALL_KEYS:
                return json(op, left, right);
            case REGEX_MATCH: case REGEX_MATCH_INSENSITIVE: case REGEX_NOT_MATCH: case REGEX_NOT_MATCH_INSENSITIVE:
                return regex(op, left, right);
            default:
                throw new IllegalArgumentException("not a value operator: " + op);
        }
    }

    // ---------------------------------------------------------------- comparisons

    /** The type both sides are compared as, or the 42883 error. */
    public static SqlType comparisonType(String symbol, SqlType left, SqlType right) {
        SqlType type = TypeRules.comparisonType(left, right);
        if (type == null) {
            throw undefined(symbol, left, right);
        }
        return type;
    }

    static CompiledExpression comparison(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        SqlType type = comparisonType(op.symbol(), left.type(), right.type());
        CompiledExpression l = Coercion.comparand(left, type);
        CompiledExpression r = Coercion.comparand(right, type);
        return OperatorExpression.binary(BOOLEAN, op.symbol(), l, r, (a, b) -> test(op, ValueComparator.compare(a, b)));
    }

    static boolean test(BinaryOperator op, int comparison) {
        switch (op) {
            case EQUALS: return comparison == 0;
            case NOT_EQUALS: return comparison != 0;
            case LESS: return comparison < 0;
            case LESS_OR_EQUAL: return comparison <= 0;
            case GREATER: return comparison > 0;
            case GREATER_OR_EQUAL: return comparison >= 0;
            default: throw new IllegalArgumentException(op.name());
        }
    }

    private static CompiledExpression distinctFrom(boolean distinct, CompiledExpression left, CompiledExpression right) {
        SqlType type = comparisonType(distinct ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM", left.type(), right.type());
        CompiledExpression l = Coercion.comparand(left, type);
        CompiledExpression r = Coercion.comparand(right, type);
        return OperatorExpression.of(BOOLEAN, distinct ? "is distinct from" : "is not distinct from", (row, env) -> {
            Object a = l.evaluate(row, env);
            Object b = r.evaluate(row, env);
            boolean same = a == null || b == null ? a == b : ValueComparator.compare(a, b) == 0;
            return distinct != same;
        });
    }

    // ---------------------------------------------------------------- arithmetic

    private static int numericRank(SqlType type) {
        switch (type) {
            case SMALLINT: return 1;
            case INTEGER: return 2;
            case BIGINT: return 3;
            case NUMERIC: return 4;
            default: return -1;
        }
    }

    /** The type an unknown operand takes next to {@code other}. */
    private static SqlType unknownPartner(BinaryOperator op, SqlType other, boolean unknownOnLeft) {
        String symbol = op.symbol();
        if (other == UNKNOWN) {
            throw notUnique(symbol, UNKNOWN, UNKNOWN);
        }
        if (other.isNumeric()) {
            return other;
        }
        switch (other) {
            case TIMESTAMP: case TIMESTAMPTZ:
                if (op == BinaryOperator.PLUS) {
                    return INTERVAL;
                }
                if (op == BinaryOperator.MINUS) {
                    return other; // Postgres first tries "same type": now() - '1 day' parses '1 day' as timestamptz
                }
                break;
            case DATE:
                if (op == BinaryOperator.MINUS) {
                    return DATE;
                }
                if (op == BinaryOperator.PLUS) {
                    throw unknownOnLeft ? notUnique(symbol, UNKNOWN, DATE) : notUnique(symbol, DATE, UNKNOWN);
                }
                break;
            case TIME:
                if (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS) {
                    return INTERVAL;
                }
                break;
            case INTERVAL:
                if (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS) {
                    return INTERVAL;
                }
                if (op == BinaryOperator.MULTIPLY || op == BinaryOperator.DIVIDE) {
                    return DOUBLE;
                }
                break;
            case JSONB:
                if (op == BinaryOperator.MINUS && !unknownOnLeft) {
                    return TEXT;
                }
                break;
            default:
                break;
        }
        throw unknownOnLeft ? undefined(symbol, UNKNOWN, other) : undefined(symbol, other, UNKNOWN);
    }

    static CompiledExpression arithmetic(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        if (lt == UNKNOWN) {
            lt = unknownPartner(op, rt, true);
        }
        if (rt == UNKNOWN) {
            rt = unknownPartner(op, lt, false);
        }
        CompiledExpression l = Coercion.coerce(left, lt);
        CompiledExpression r = Coercion.coerce(right, rt);
        String symbol = op.symbol();
        Arithmetic.Operation operation = operation(op);

        if (lt.isNumeric() && rt.isNumeric()) {
            return numericArithmetic(operation, symbol, l, r);
        }
        SqlType leftType = lt;
        SqlType rightType = rt;
        // date/time arithmetic
        if ((lt == TIMESTAMP || lt == TIMESTAMPTZ) && rt == INTERVAL
                && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(lt, symbol, l, r, (a, b) -> plus(a, minus ? Arithmetic.negate((Interval) b)
                    : (Interval) b));
        }
        if (lt == INTERVAL && (rt == TIMESTAMP || rt == TIMESTAMPTZ) && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(rt, symbol, l, r, (a, b) -> plus(b, (Interval) a));
        }
        if (lt == DATE && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r, (a, b) -> Arithmetic.plus(
                    ((LocalDate) a).atStartOfDay(), minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == INTERVAL && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r,
                    (a, b) -> Arithmetic.plus(((LocalDate) b).atStartOfDay(), (Interval) a));
        }
        if (lt == DATE && (rt == INTEGER || rt == SMALLINT)
                && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(DATE, symbol, l, r,
                    (a, b) -> Arithmetic.plusDays((LocalDate) a, minus ? -((Number) b).longValue() : ((Number) b).longValue()));
        }
        if ((lt == INTEGER || lt == SMALLINT) && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(DATE, symbol, l, r, (a, b) -> Arithmetic.plusDays((LocalDate) b, ((Number) a).longValue()));
        }
        if (lt == DATE && rt == TIME && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r, (a, b) -> ((LocalDate) a).atTime((LocalTime) b));
        }
        if (lt == TIME && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r, (a, b) -> ((LocalDate) b).atTime((LocalTime) a));
        }
        if (lt == DATE && rt == DATE && op == BinaryOperator.MINUS) {
            return OperatorExpression.binary(INTEGER, symbol, l, r,
                    (a, b) -> Arithmetic.difference((LocalDate) a, (LocalDate) b));
        }
        if (TypeRules.category(lt) == TypeRules.Category.DATETIME && lt != TIME
                && TypeRules.category(rt) == TypeRules.Category.DATETIME && rt != TIME && op == BinaryOperator.MINUS) {
            SqlType common = TypeRules.comparisonType(lt, rt);
            SqlType target = common == DATE ? TIMESTAMP : common;
            CompiledExpression a = Coercion.coerce(l, target);
            CompiledExpression b = Coercion.coerce(r, target);
            return OperatorExpression.binary(INTERVAL, symbol, a, b, (x, y) -> x instanceof LocalDateTime t
                    ? Arithmetic.difference(t, (LocalDateTime) y)
                    : Arithmetic.difference((OffsetDateTime) x, (OffsetDateTime) y));
        }
        if (lt == TIME && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(TIME, symbol, l, r, (a, b) -> Arithmetic.plus((LocalTime) a,
                    minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == TIME && rt == TIME && op == BinaryOperator.MINUS) {
            return OperatorExpression.binary(INTERVAL, symbol, l, r,
                    (a, b) -> Arithmetic.difference((LocalTime) a, (LocalTime) b));
        }
        if (lt == INTERVAL && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(INTERVAL, symbol, l, r, (a, b) -> Arithmetic.add((Interval) a,
                    minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == INTERVAL && rt.isNumeric() && (op == BinaryOperator.MULTIPLY || op == BinaryOperator.DIVIDE)) {
            boolean divide = op == BinaryOperator.DIVIDE;
            return OperatorExpression.binary(INTERVAL, symbol, l, r, (a, b) -> divide
                    ? Arithmetic.divide((Interval) a, ((Number) b).doubleValue())
                    : Arithmetic.multiply((Interval) a, ((Number) b).doubleValue()));
        }
        if (lt.isNumeric() && rt == INTERVAL && op == BinaryOperator.MULTIPLY) {
            return OperatorExpression.binary(INTERVAL, symbol, l, r,
                    (a, b) -> Arithmetic.multiply((Interval) b, ((Number) a).doubleValue()));
        }
        if (lt == JSONB && op == BinaryOperator.MINUS && (rt == TEXT || rt == INTEGER || rt == SMALLINT)) {
            return OperatorExpression.binary(JSONB, symbol, l, r, (a, b) -> b instanceof String key
                    ? JsonFunctions.remove((Json) a, key) : JsonFunctions.remove((Json) a, ((Number) b).intValue()));
        }
        throw undefined(symbol, leftType, rightType);
    }

    private static Object plus(Object timestamp, Interval interval) {
        if (timestamp instanceof LocalDateTime t) {
            return Arithmetic.plus(t, interval);
        }
        return Arithmetic.plus((OffsetDateTime) timestamp, interval);
    }

    private static Arithmetic.Operation operation(BinaryOperator op) {
        switch (op) {
            case PLUS: return Arithmetic.Operation.ADD;
            case MINUS: return Arithmetic.Operation.SUBTRACT;
            case MULTIPLY: return Arithmetic.Operation.MULTIPLY;
            case DIVIDE: return Arithmetic.Operation.DIVIDE;
            default: return Arithmetic.Operation.MODULO;
        }
    }

    private static CompiledExpression numericArithmetic(Arithmetic.Operation operation, String symbol,
                                                        CompiledExpression l, CompiledExpression r) {
        SqlType lt = l.type();
        SqlType rt = r.type();
        SqlType result;
        if (lt == REAL && rt == REAL) {
            result = REAL;
        } else if (lt == DOUBLE || rt == DOUBLE || lt == REAL || rt == REAL) {
            result = DOUBLE;
        } else {
            result = numericRank(lt) >= numericRank(rt) ? lt : rt;
        }
        if (operation == Arithmetic.Operation.MODULO && (result == DOUBLE || result == REAL)) {
            throw undefined(symbol, lt, rt);
        }
        CompiledExpression a = Coercion.coerce(l, result);
        CompiledExpression b = Coercion.coerce(r, result);
        switch (result) {
            case SMALLINT: case INTEGER: case BIGINT:
                return OperatorExpression.binary(result, symbol, a, b, (x, y) -> Arithmetic.integral(operation,
                        ((Number) x).longValue(), ((Number) y).longValue(), result));
            case NUMERIC:
                return OperatorExpression.binary(NUMERIC, symbol, a, b,
                        (x, y) -> Arithmetic.numeric(operation, (BigDecimal) x, (BigDecimal) y));
            case REAL:
                return OperatorExpression.binary(REAL, symbol, a, b, (x, y) -> {
                    double value = Arithmetic.floating(operation, (Float) x, (Float) y);
                    float f = (float) value;
                    if (Float.isInfinite(f) && !Double.isInfinite(value)) {
                        throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                    }
                    return f;
                });
            default:
                return OperatorExpression.binary(DOUBLE, symbol, a, b,
                        (x, y) -> Arithmetic.floating(operation, (Double) x, (Double) y));
        }
    }

    /** Unary minus: numbers (overflow-checked) and intervals. */
    static CompiledExpression negate(CompiledExpression operand) {
        SqlType type = operand.type();
        if (type == UNKNOWN) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "operator is not unique: - unknown");
        }
        switch (type) {
            case SMALLINT: case INTEGER: case BIGINT:
                return OperatorExpression.unary(type, "-", operand,
                        v -> Arithmetic.integral(Arithmetic.Operation.SUBTRACT, 0, ((Number) v).longValue(), type));
            case NUMERIC:
                return OperatorExpression.unary(type, "-", operand, v -> ((BigDecimal) v).negate());
            case REAL:
                return OperatorExpression.unary(type, "-", operand, v -> -(Float) v);
            case DOUBLE:
                return OperatorExpression.unary(type, "-", operand, v -> -(Double) v);
            case INTERVAL:
                return OperatorExpression.unary(type, "-", operand, v -> Arithmetic.negate((Interval) v));
            default:
                throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION,
                        "operator does not exist: - " + TypeRules.displayName(type));
        }
    }

    // ---------------------------------------------------------------- concatenation

    static CompiledExpression concat(CompiledExpression left, CompiledExpression right) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        if ((lt == JSONB && (rt == JSONB || rt == UNKNOWN)) || (rt == JSONB && lt == UNKNOWN)) {
            CompiledExpression l = Coercion.coerce(left, JSONB);
            CompiledExpression r = Coercion.coerce(right, JSONB);
            return OperatorExpression.binary(JSONB, "||", l, r, (a, b) -> JsonFunctions.concat((Json) a, (Json) b));
        }
        if (lt == ARRAY || rt == ARRAY) {
            CompiledExpression l = lt == UNKNOWN ? Coercion.coerce(left, ARRAY) : left;
            CompiledExpression r = rt == UNKNOWN ? Coercion.coerce(right, ARRAY) : right;
            SqlType element = ArrayValuedExpression.elementTypeOf(l.type() == ARRAY ? l : r);
            boolean leftArray = l.type() == ARRAY;
            boolean rightArray = r.type() == ARRAY;
            return new ArrayValuedExpression(OperatorExpression.of(ARRAY, "||", (row, env) -> {
                Object a = l.evaluate(row, env);
                Object b = r.evaluate(row, env);
                List<Object> out = new ArrayList<>();
                if (leftArray) {
                    if (a != null) {
                        out.addAll((List<?>) a);
                    }
                } else {
                    out.add(a);
                }
                if (rightArray) {
                    if (b != null) {
                        out.addAll((List<?>) b);
                    }
                } else {
                    out.add(b);
                }
                return leftArray && rightArray && a == null && b == null ? null : out;
            }), element);
        }
        boolean leftText = lt == TEXT || lt == UNKNOWN;
        boolean rightText = rt == TEXT || rt == UNKNOWN;
        if (!leftText && !rightText) {
            throw undefined("||", lt, rt);
        }
        CompiledExpression l = Coercion.resolveUnknown(left);
        CompiledExpression r = Coercion.resolveUnknown(right);
        SqlType lType = l.type();
        SqlType rType = r.type();
        return OperatorExpression.binary(TEXT, "||", l, r, (a, b) -> PostgresText.castToText(a, lType)
                + PostgresText.castToText(b, rType));
    }

    // ---------------------------------------------------------------- json

    private static CompiledExpression json(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        String symbol = op.symbol();
        SqlType lt = left.type();
        SqlType rt = right.type();
        boolean containment = op == BinaryOperator.JSON_CONTAINS || op == BinaryOperator.JSON_CONTAINED_BY;
        if (containment && (lt == ARRAY || rt == ARRAY)) {
            return arrayContainment(op, left, right);
        }
        if (lt == UNKNOWN) {
            if (containment && rt == JSONB) {
                lt = JSONB;
            } else {
                throw notUnique(symbol, UNKNOWN, rt);
            }
        }
        if (!lt.isJson()) {
            throw undefined(symbol, lt, rt);
        }
        CompiledExpression l = Coercion.coerce(left, lt);
        SqlType resultJson = lt;
        switch (op) {
            case JSON_GET:
            case JSON_GET_TEXT: {
                boolean asText = op == BinaryOperator.JSON_GET_TEXT;
                SqlType result = asText ? TEXT : resultJson;
                if (rt == TEXT || rt == UNKNOWN) {
                    CompiledExpression r = Coercion.coerce(right, TEXT);
                    return OperatorExpression.binary(result, symbol, l, r, (a, b) -> {
                        Json value = ((Json) a).get((String) b);
                        return asText ? JsonFunctions.text(value) : value;
                    });
                }
                if (rt == INTEGER || rt == SMALLINT) {
                    return OperatorExpression.binary(result, symbol, l, right, (a, b) -> {
                        Json value = ((Json) a).get(((Number) b).intValue());
                        return asText ? JsonFunctions.text(value) : value;
                    });
                }
                throw undefined(symbol, lt, rt);
            }
            case JSON_PATH:
            case JSON_PATH_TEXT: {
                if (rt != ARRAY && rt != UNKNOWN) {
                    throw undefined(symbol, lt, rt);
                }
                boolean asText = op == BinaryOperator.JSON_PATH_TEXT;
                CompiledExpression r = Coercion.convert(right, ARRAY, TEXT, Coercion.Context.IMPLICIT);
                return OperatorExpression.binary(asText ? TEXT : resultJson, symbol, l, r, (a, b) -> {
                    Json value = JsonFunctions.path((Json) a, (List<?>) b);
                    return asText ? JsonFunctions.text(value) : value;
                });
            }
            case JSON_CONTAINS:
            case JSON_CONTAINED_BY: {
                if (lt != JSONB || (rt != JSONB && rt != UNKNOWN)) {
                    throw undefined(symbol, lt, rt);
                }
                CompiledExpression r = Coercion.coerce(right, JSONB);
                boolean contains = op == BinaryOperator.JSON_CONTAINS;
                return OperatorExpression.binary(BOOLEAN, symbol, l, r,
                        (a, b) -> contains ? ((Json) a).contains((Json) b) : ((Json) b).contains((Json) a));
            }
            case JSON_HAS_KEY: {
                if (lt != JSONB || (rt != TEXT && rt != UNKNOWN)) {
                    throw undefined(symbol, lt, rt);
                }
                CompiledExpression r = Coercion.coerce(right, TEXT);
                return OperatorExpression.binary(BOOLEAN, symbol, l, r, (a, b) -> ((Json) a).hasKey((String) b));
            }
            default: {
                if (lt != JSONB || (rt != ARRAY && rt != UNKNOWN)) {
                    throw undefined(symbol, lt, rt);
                }
                boolean all = op == BinaryOperator.JSON_HAS_ALL_KEYS;
                CompiledExpression r = Coercion.convert(right, ARRAY, TEXT, Coercion.Context.IMPLICIT);
                return OperatorExpression.binary(BOOLEAN, symbol, l, r,
                        (a, b) -> JsonFunctions.hasKeys((Json) a, (List<?>) b, all));
            }
        }
    }

    private static CompiledExpression arrayContainment(BinaryOperator op, CompiledExpression left,
                                                       CompiledExpression right) {
        CompiledExpression l = Coercion.convert(left, ARRAY, ArrayValuedExpression.elementTypeOf(right),
                Coercion.Context.IMPLICIT);
        CompiledExpression r = Coercion.convert(right, ARRAY, ArrayValuedExpression.elementTypeOf(l),
                Coercion.Context.IMPLICIT);
        if (l.type() != ARRAY || r.type() != ARRAY) {
            throw undefined(op.symbol(), left.type(), right.type());
        }
        boolean contains = op == BinaryOperator.JSON_CONTAINS;
        return OperatorExpression.binary(BOOLEAN, op.symbol(), l, r, (a, b) -> contains
                ? arrayContains((List<?>) a, (List<?>) b) : arrayContains((List<?>) b, (List<?>) a));
    }

    private static boolean arrayContains(List<?> container, List<?> contained) {
        java.util.Set<Object> values = new java.util.HashSet<>();
        for (Object element : container) {
            values.add(ValueComparator.normalize(element));
        }
        for (Object element : contained) {
            if (element == null || !values.contains(ValueComparator.normalize(element))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- regular expressions

    private static CompiledExpression regex(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        SqlType lt = left.type();
        SqlType rt = right.type();
        if ((lt != TEXT && lt != UNKNOWN) || (rt != TEXT && rt != UNKNOWN)) {
            throw undefined(op.symbol(), lt, rt);
        }
        CompiledExpression l = Coercion.coerce(left, TEXT);
        CompiledExpression r = Coercion.coerce(right, TEXT);
        boolean insensitive = op == BinaryOperator.REGEX_MATCH_INSENSITIVE || op == BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE;
        boolean negated = op == BinaryOperator.REGEX_NOT_MATCH || op == BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE;
        return OperatorExpression.binary(BOOLEAN, op.symbol(), l, r,
                (a, b) -> Patterns.regex((String) b, insensitive).matcher((String) a).find() != negated);
    }
}
