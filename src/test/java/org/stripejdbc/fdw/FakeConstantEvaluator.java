package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * A small stand-in for the executor's evaluator: literals, parameters, casts of strings to timestamp,
 * {@code to_timestamp(n)}, {@code ARRAY[...]}. Strings coerce to timestamp/timestamptz/boolean targets; SQL
 * NULL evaluates to empty. Anything mentioning a column or a subquery is not constant; {@code lower(..)} and
 * other functions are constant but not evaluable (empty), like an evaluator that gives up.
 */
final class FakeConstantEvaluator implements ConstantEvaluator {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart()
            .appendLiteral(' ')
            .appendPattern("HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
            .toFormatter();

    int evaluations;

    @Override
    public boolean isConstant(Expr expression) {
        if (expression instanceof Expr.Literal || expression instanceof Expr.Parameter) {
            return true;
        }
        if (expression instanceof Expr.Cast cast) {
            return isConstant(cast.value());
        }
        if (expression instanceof Expr.FunctionCall call) {
            return call.arguments().stream().allMatch(this::isConstant);
        }
        if (expression instanceof Expr.ArrayConstructor array) {
            return array.elements().stream().allMatch(this::isConstant);
        }
        if (expression instanceof Expr.Unary unary) {
            return isConstant(unary.operand());
        }
        if (expression instanceof Expr.Binary binary) {
            return isConstant(binary.left()) && isConstant(binary.right());
        }
        return false;
    }

    @Override
    public Optional<Object> evaluate(Expr expression, SqlType targetType, ExecutionContext context) {
        evaluations++;
        Object value = value(expression, context);
        return Optional.ofNullable(value == null ? null : coerce(value, targetType));
    }

    private Object value(Expr expression, ExecutionContext context) {
        if (expression instanceof Expr.Literal literal) {
            return literal.value();
        }
        if (expression instanceof Expr.Parameter parameter) {
            return context.parameter(parameter.index());
        }
        if (expression instanceof Expr.Cast cast) {
            Object inner = value(cast.value(), context);
            return inner == null ? null : coerce(inner, cast.type());
        }
        if (expression instanceof Expr.FunctionCall call
                && call.name().equals("to_timestamp")
                && call.arguments().size() == 1) {
            Object seconds = value(call.arguments().get(0), context);
            if (seconds == null) {
                return null;
            }
            BigDecimal exact = new BigDecimal(seconds.toString());
            long whole = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
            int nanos =
                    exact.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return OffsetDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneOffset.UTC);
        }
        if (expression instanceof Expr.ArrayConstructor array) {
            List<Object> out = new ArrayList<>();
            for (Expr element : array.elements()) {
                out.add(value(element, context));
            }
            return out;
        }
        return null;
    }

    private static Object coerce(Object value, SqlType type) {
        if (type == null || type == SqlType.UNKNOWN) {
            return value;
        }
        if (value instanceof String text) {
            try {
                return switch (type) {
                    case TIMESTAMP -> LocalDateTime.parse(text, TIMESTAMP);
                    case TIMESTAMPTZ -> LocalDateTime.parse(text, TIMESTAMP).atOffset(ZoneOffset.UTC);
                    case BOOLEAN ->
                        switch (text) {
                            case "true", "t" -> Boolean.TRUE;
                            case "false", "f" -> Boolean.FALSE;
                            default ->
                                throw new StripeJdbcException(
                                        SqlState.INVALID_TEXT_REPRESENTATION,
                                        "invalid input syntax for type boolean: \"" + text + "\"");
                        };
                    default -> text;
                };
            } catch (DateTimeParseException e) {
                throw new StripeJdbcException(
                        SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type timestamp: \"" + text + "\"");
            }
        }
        if (value instanceof OffsetDateTime timestamp && type == SqlType.TIMESTAMP) {
            return timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (value instanceof LocalDateTime timestamp && type == SqlType.TIMESTAMPTZ) {
            return timestamp.atOffset(ZoneOffset.UTC);
        }
        return value;
    }

    /** The real compiler: the conditions a scan checks on its rows are ordinary SQL, evaluated as the executor would.
     * */
    @Override
    public CompiledExpression compileCondition(List<Expr> conjuncts, List<ResultColumn> columns) {
        return new Expressions().compileCondition(conjuncts, columns);
    }
}
