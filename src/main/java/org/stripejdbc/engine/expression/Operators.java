package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.JSONB;
import static org.stripejdbc.types.SqlType.SMALLINT;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.JsonFunctions;
import org.stripejdbc.engine.function.Patterns;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Type resolution and implementation of the binary operators other than AND/OR, following Postgres: the operand
 * types pick the operator ({@code int + int} is integer, {@code bigint + numeric} numeric, {@code timestamp +
 * interval} timestamp, {@code jsonb || jsonb} jsonb, {@code text || anything} text); an unknown literal takes the
 * other operand's type first ({@code now() - '1 day'} is a timestamptz subtraction, which fails on the text
 * {@code 1 day}, exactly as in Postgres); a combination with no operator is
 * {@code 42883 operator does not exist: text > integer}. Arithmetic ({@code + - * / %} and unary minus) is in
 * {@link ArithmeticOperators}.
 */
public final class Operators {
    private Operators() {}

    static StripeJdbcException undefined(String symbol, SqlType left, SqlType right) {
        return new StripeJdbcException(
                SqlState.UNDEFINED_FUNCTION,
                "operator does not exist: " + TypeRules.displayName(left) + " " + symbol + " "
                        + TypeRules.displayName(right));
    }

    static StripeJdbcException notUnique(String symbol, SqlType left, SqlType right) {
        return new StripeJdbcException(
                SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                "operator is not unique: " + TypeRules.displayName(left) + " " + symbol + " "
                        + TypeRules.displayName(right));
    }

    static CompiledExpression binary(BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        if (op.isComparison()) {
            return comparison(op, left, right);
        }
        switch (op) {
            case IS_DISTINCT_FROM:
            case IS_NOT_DISTINCT_FROM:
                return distinctFrom(op == BinaryOperator.IS_DISTINCT_FROM, left, right);
            case PLUS:
            case MINUS:
            case MULTIPLY:
            case DIVIDE:
            case MODULO:
                return ArithmeticOperators.arithmetic(op, left, right);
            case CONCAT:
                return concat(left, right);
            case JSON_GET:
            case JSON_GET_TEXT:
            case JSON_PATH:
            case JSON_PATH_TEXT:
            case JSON_CONTAINS:
            case JSON_CONTAINED_BY:
            case JSON_HAS_KEY:
            case JSON_HAS_ANY_KEY:
            case JSON_HAS_ALL_KEYS:
                return json(op, left, right);
            case REGEX_MATCH:
            case REGEX_MATCH_INSENSITIVE:
            case REGEX_NOT_MATCH:
            case REGEX_NOT_MATCH_INSENSITIVE:
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
            case EQUALS:
                return comparison == 0;
            case NOT_EQUALS:
                return comparison != 0;
            case LESS:
                return comparison < 0;
            case LESS_OR_EQUAL:
                return comparison <= 0;
            case GREATER:
                return comparison > 0;
            case GREATER_OR_EQUAL:
                return comparison >= 0;
            default:
                throw new IllegalArgumentException(op.name());
        }
    }

    private static CompiledExpression distinctFrom(
            boolean distinct, CompiledExpression left, CompiledExpression right) {
        SqlType type =
                comparisonType(distinct ? "IS DISTINCT FROM" : "IS NOT DISTINCT FROM", left.type(), right.type());
        CompiledExpression l = Coercion.comparand(left, type);
        CompiledExpression r = Coercion.comparand(right, type);
        return OperatorExpression.of(BOOLEAN, distinct ? "is distinct from" : "is not distinct from", (row, env) -> {
            return distinct != ValueComparator.notDistinct(l.evaluate(row, env), r.evaluate(row, env));
        });
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
            return new ArrayValuedExpression(
                    OperatorExpression.of(ARRAY, "||", (row, env) -> {
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
                    }),
                    element);
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
        return OperatorExpression.binary(
                TEXT, "||", l, r, (a, b) -> PostgresText.castToText(a, lType) + PostgresText.castToText(b, rType));
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
                return OperatorExpression.binary(
                        BOOLEAN,
                        symbol,
                        l,
                        r,
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
                return OperatorExpression.binary(
                        BOOLEAN, symbol, l, r, (a, b) -> JsonFunctions.hasKeys((Json) a, (List<?>) b, all));
            }
        }
    }

    private static CompiledExpression arrayContainment(
            BinaryOperator op, CompiledExpression left, CompiledExpression right) {
        CompiledExpression l =
                Coercion.convert(left, ARRAY, ArrayValuedExpression.elementTypeOf(right), Coercion.Context.IMPLICIT);
        CompiledExpression r =
                Coercion.convert(right, ARRAY, ArrayValuedExpression.elementTypeOf(l), Coercion.Context.IMPLICIT);
        if (l.type() != ARRAY || r.type() != ARRAY) {
            throw undefined(op.symbol(), left.type(), right.type());
        }
        boolean contains = op == BinaryOperator.JSON_CONTAINS;
        return OperatorExpression.binary(
                BOOLEAN,
                op.symbol(),
                l,
                r,
                (a, b) -> contains ? arrayContains((List<?>) a, (List<?>) b) : arrayContains((List<?>) b, (List<?>) a));
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
        boolean insensitive =
                op == BinaryOperator.REGEX_MATCH_INSENSITIVE || op == BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE;
        boolean negated = op == BinaryOperator.REGEX_NOT_MATCH || op == BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE;
        return OperatorExpression.binary(
                BOOLEAN,
                op.symbol(),
                l,
                r,
                (a, b) -> Patterns.regex((String) b, insensitive)
                                .matcher((String) a)
                                .find()
                        != negated);
    }
}
