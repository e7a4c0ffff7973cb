package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.BIGINT;
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
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.JsonFunctions;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * The arithmetic operators, typed as Postgres types them: {@code + - * / %} between numbers (the wider operand type
 * wins: {@code int + int} is integer, {@code bigint + numeric} numeric, anything with a float is double precision;
 * integer overflow is {@code 22003}), date and time arithmetic ({@code timestamp + interval} is a timestamp,
 * {@code date - date} an integer number of days, {@code timestamptz - timestamptz} an interval), interval scaling,
 * {@code jsonb - key}, and unary minus. An unknown literal takes its type from the other operand: {@code now() -
 * '1 day'} reads {@code '1 day'} as a timestamptz and fails on it, exactly as in Postgres.
 *
 * <p>Example: {@code 2147483647 + 1} fails with {@code 22003 integer out of range}; {@code 7 / 2} is {@code 3};
 * {@code 7 / 2.0} is {@code 3.5000000000000000}; {@code date '2024-03-01' - 1} is {@code 2024-02-29}.
 */
final class ArithmeticOperators {
    private ArithmeticOperators() {}

    /** The type an unknown operand takes next to {@code other}. */
    private static SqlType unknownPartner(BinaryOperator op, SqlType other, boolean unknownOnLeft) {
        String symbol = op.symbol();
        if (other == UNKNOWN) {
            throw Operators.notUnique(symbol, UNKNOWN, UNKNOWN);
        }
        if (other.isNumeric()) {
            return other;
        }
        switch (other) {
            case TIMESTAMP:
            case TIMESTAMPTZ:
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
                    throw unknownOnLeft
                            ? Operators.notUnique(symbol, UNKNOWN, DATE)
                            : Operators.notUnique(symbol, DATE, UNKNOWN);
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
        throw unknownOnLeft ? Operators.undefined(symbol, UNKNOWN, other) : Operators.undefined(symbol, other, UNKNOWN);
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
        if ((lt == TIMESTAMP || lt == TIMESTAMPTZ)
                && rt == INTERVAL
                && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(
                    lt, symbol, l, r, (a, b) -> plus(a, minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == INTERVAL && (rt == TIMESTAMP || rt == TIMESTAMPTZ) && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(rt, symbol, l, r, (a, b) -> plus(b, (Interval) a));
        }
        if (lt == DATE && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(
                    TIMESTAMP,
                    symbol,
                    l,
                    r,
                    (a, b) -> Arithmetic.plus(
                            ((LocalDate) a).atStartOfDay(), minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == INTERVAL && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(
                    TIMESTAMP, symbol, l, r, (a, b) -> Arithmetic.plus(((LocalDate) b).atStartOfDay(), (Interval) a));
        }
        if (lt == DATE
                && (rt == INTEGER || rt == SMALLINT)
                && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(
                    DATE,
                    symbol,
                    l,
                    r,
                    (a, b) -> Arithmetic.plusDays(
                            (LocalDate) a, minus ? -((Number) b).longValue() : ((Number) b).longValue()));
        }
        if ((lt == INTEGER || lt == SMALLINT) && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(
                    DATE, symbol, l, r, (a, b) -> Arithmetic.plusDays((LocalDate) b, ((Number) a).longValue()));
        }
        if (lt == DATE && rt == TIME && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r, (a, b) -> ((LocalDate) a).atTime((LocalTime) b));
        }
        if (lt == TIME && rt == DATE && op == BinaryOperator.PLUS) {
            return OperatorExpression.binary(TIMESTAMP, symbol, l, r, (a, b) -> ((LocalDate) b).atTime((LocalTime) a));
        }
        if (lt == DATE && rt == DATE && op == BinaryOperator.MINUS) {
            return OperatorExpression.binary(
                    INTEGER, symbol, l, r, (a, b) -> Arithmetic.difference((LocalDate) a, (LocalDate) b));
        }
        if (TypeRules.category(lt) == TypeRules.Category.DATETIME
                && lt != TIME
                && TypeRules.category(rt) == TypeRules.Category.DATETIME
                && rt != TIME
                && op == BinaryOperator.MINUS) {
            SqlType common = TypeRules.comparisonType(lt, rt);
            SqlType target = common == DATE ? TIMESTAMP : common;
            CompiledExpression a = Coercion.coerce(l, target);
            CompiledExpression b = Coercion.coerce(r, target);
            return OperatorExpression.binary(
                    INTERVAL,
                    symbol,
                    a,
                    b,
                    (x, y) -> x instanceof LocalDateTime t
                            ? Arithmetic.difference(t, (LocalDateTime) y)
                            : Arithmetic.difference((OffsetDateTime) x, (OffsetDateTime) y));
        }
        if (lt == TIME && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(
                    TIME,
                    symbol,
                    l,
                    r,
                    (a, b) -> Arithmetic.plus((LocalTime) a, minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == TIME && rt == TIME && op == BinaryOperator.MINUS) {
            return OperatorExpression.binary(
                    INTERVAL, symbol, l, r, (a, b) -> Arithmetic.difference((LocalTime) a, (LocalTime) b));
        }
        if (lt == INTERVAL && rt == INTERVAL && (op == BinaryOperator.PLUS || op == BinaryOperator.MINUS)) {
            boolean minus = op == BinaryOperator.MINUS;
            return OperatorExpression.binary(
                    INTERVAL,
                    symbol,
                    l,
                    r,
                    (a, b) -> Arithmetic.add((Interval) a, minus ? Arithmetic.negate((Interval) b) : (Interval) b));
        }
        if (lt == INTERVAL && rt.isNumeric() && (op == BinaryOperator.MULTIPLY || op == BinaryOperator.DIVIDE)) {
            boolean divide = op == BinaryOperator.DIVIDE;
            return OperatorExpression.binary(
                    INTERVAL,
                    symbol,
                    l,
                    r,
                    (a, b) -> divide
                            ? Arithmetic.divide((Interval) a, ((Number) b).doubleValue())
                            : Arithmetic.multiply((Interval) a, ((Number) b).doubleValue()));
        }
        if (lt.isNumeric() && rt == INTERVAL && op == BinaryOperator.MULTIPLY) {
            return OperatorExpression.binary(
                    INTERVAL, symbol, l, r, (a, b) -> Arithmetic.multiply((Interval) b, ((Number) a).doubleValue()));
        }
        if (lt == JSONB && op == BinaryOperator.MINUS && (rt == TEXT || rt == INTEGER || rt == SMALLINT)) {
            return OperatorExpression.binary(
                    JSONB,
                    symbol,
                    l,
                    r,
                    (a, b) -> b instanceof String key
                            ? JsonFunctions.remove((Json) a, key)
                            : JsonFunctions.remove((Json) a, ((Number) b).intValue()));
        }
        throw Operators.undefined(symbol, leftType, rightType);
    }

    private static Object plus(Object timestamp, Interval interval) {
        if (timestamp instanceof LocalDateTime t) {
            return Arithmetic.plus(t, interval);
        }
        return Arithmetic.plus((OffsetDateTime) timestamp, interval);
    }

    private static Arithmetic.Operation operation(BinaryOperator op) {
        switch (op) {
            case PLUS:
                return Arithmetic.Operation.ADD;
            case MINUS:
                return Arithmetic.Operation.SUBTRACT;
            case MULTIPLY:
                return Arithmetic.Operation.MULTIPLY;
            case DIVIDE:
                return Arithmetic.Operation.DIVIDE;
            default:
                return Arithmetic.Operation.MODULO;
        }
    }

    private static CompiledExpression numericArithmetic(
            Arithmetic.Operation operation, String symbol, CompiledExpression l, CompiledExpression r) {
        SqlType lt = l.type();
        SqlType rt = r.type();
        SqlType result;
        if (lt == REAL && rt == REAL) {
            result = REAL;
        } else if (lt == DOUBLE || rt == DOUBLE || lt == REAL || rt == REAL) {
            result = DOUBLE;
        } else {
            result = TypeRules.wider(lt, rt);
        }
        if (operation == Arithmetic.Operation.MODULO && (result == DOUBLE || result == REAL)) {
            throw Operators.undefined(symbol, lt, rt);
        }
        CompiledExpression a = Coercion.coerce(l, result);
        CompiledExpression b = Coercion.coerce(r, result);
        switch (result) {
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return OperatorExpression.binary(
                        result,
                        symbol,
                        a,
                        b,
                        (x, y) -> Arithmetic.integral(
                                operation, ((Number) x).longValue(), ((Number) y).longValue(), result));
            case NUMERIC:
                return OperatorExpression.binary(
                        NUMERIC, symbol, a, b, (x, y) -> Arithmetic.numeric(operation, (BigDecimal) x, (BigDecimal) y));
            case REAL:
                return OperatorExpression.binary(REAL, symbol, a, b, (x, y) -> {
                    double value = Arithmetic.floating(operation, (Float) x, (Float) y);
                    float f = (float) value;
                    if (Float.isInfinite(f) && !Double.isInfinite(value)) {
                        throw new StripeJdbcException(
                                SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                    }
                    return f;
                });
            default:
                return OperatorExpression.binary(
                        DOUBLE, symbol, a, b, (x, y) -> Arithmetic.floating(operation, (Double) x, (Double) y));
        }
    }

    /** Unary minus: numbers (overflow-checked) and intervals. */
    static CompiledExpression negate(CompiledExpression operand) {
        SqlType type = operand.type();
        if (type == UNKNOWN) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, "operator is not unique: - unknown");
        }
        switch (type) {
            case SMALLINT:
            case INTEGER:
            case BIGINT:
                return OperatorExpression.unary(
                        type,
                        "-",
                        operand,
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
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_FUNCTION, "operator does not exist: - " + TypeRules.displayName(type));
        }
    }
}
