package org.stripejdbc.engine.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * The type modifiers of a cast, applied as Postgres applies them: {@code ::numeric(10,2)} rounds to two decimals
 * (half away from zero) and fails with {@code 22003 numeric field overflow} when the integer part has more than
 * eight digits; {@code ::varchar(3)} truncates; {@code ::char(3)} truncates or pads with spaces;
 * {@code ::timestamp(0)} rounds the fractional seconds.
 */
final class TypeModifiers {
    private static final Pattern MODIFIERS =
            Pattern.compile("^\\s*([a-z ]+?)\\s*\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\)" + "(.*)$");

    private TypeModifiers() {}

    /** {@code expression} with the modifiers written in {@code typeName} applied (itself when there are none). */
    static CompiledExpression apply(CompiledExpression expression, String typeName) {
        if (typeName == null) {
            return expression;
        }
        Matcher m = MODIFIERS.matcher(typeName.toLowerCase(Locale.ROOT));
        if (!m.matches() || m.group(4).contains("[]")) {
            return expression;
        }
        String base = m.group(1).trim();
        int first = Integer.parseInt(m.group(2));
        Integer second = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        SqlType type = expression.type();
        switch (type) {
            case NUMERIC: {
                if (first < 1 || first > 1000) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE,
                            "NUMERIC precision " + first + " must be between 1 and 1000");
                }
                int scale = second == null ? 0 : second;
                return OperatorExpression.unary(
                        type, "numeric typmod", expression, v -> numeric((BigDecimal) v, first, scale));
            }
            case TEXT: {
                boolean blankPadded = base.equals("char") || base.equals("character") || base.equals("bpchar");
                if (first < 1) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE, "length for type " + base + " must be at least 1");
                }
                return OperatorExpression.unary(
                        type, "length typmod", expression, v -> text((String) v, first, blankPadded));
            }
            case TIMESTAMP:
            case TIMESTAMPTZ:
            case TIME: {
                int precision = Math.min(first, 6);
                return OperatorExpression.unary(type, "precision typmod", expression, v -> seconds(v, precision));
            }
            default:
                return expression;
        }
    }

    private static BigDecimal numeric(BigDecimal value, int precision, int scale) {
        BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
        int integerDigits = rounded.precision() - rounded.scale();
        if (rounded.signum() != 0 && integerDigits > precision - scale) {
            throw new StripeJdbcException(
                    SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    "numeric field overflow: a field with "
                            + "precision " + precision + ", scale " + scale
                            + " must round to an absolute value less than 10^"
                            + (precision - scale));
        }
        return rounded;
    }

    private static String text(String value, int length, boolean blankPadded) {
        int count = value.codePointCount(0, value.length());
        if (count > length) {
            return value.substring(0, value.offsetByCodePoints(0, length));
        }
        return blankPadded && count < length ? value + " ".repeat(length - count) : value;
    }

    private static Object seconds(Object value, int precision) {
        long unit = (long) Math.pow(10, 9 - precision);
        if (value instanceof LocalDateTime t) {
            return t.plusNanos(roundingNanos(t.getNano(), unit));
        }
        if (value instanceof OffsetDateTime t) {
            return t.plusNanos(roundingNanos(t.getNano(), unit));
        }
        if (value instanceof LocalTime t) {
            return t.plusNanos(roundingNanos(t.getNano(), unit));
        }
        return value;
    }

    /** The nanoseconds to add so that {@code nanos} rounds (half up) to a multiple of {@code unit}. */
    private static long roundingNanos(int nanos, long unit) {
        long remainder = nanos % unit;
        return remainder * 2 >= unit ? unit - remainder : -remainder;
    }
}
