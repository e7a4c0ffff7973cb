package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.DOUBLE;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.REAL;
import static org.stripejdbc.types.SqlType.SMALLINT;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.stripejdbc.engine.value.Arithmetic;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

/**
 * Numeric functions. Rounding follows the argument type as in Postgres: {@code round(2.5)} (numeric) is 3 and
 * {@code round(-2.5)} is -3 (half away from zero), {@code round(2.5::float8)} is 2 (half to even);
 * {@code round(5)} resolves to {@code round(double precision)} like Postgres. {@code sqrt}, {@code exp}, {@code ln},
 * {@code log} and {@code power} of numeric arguments compute in decimal ({@link NumericMath}), of others in double
 * precision, as overload resolution picks them ({@code sqrt(2)} is double precision, {@code sqrt(2.0)} numeric).
 */
final class MathFunctions {
    private MathFunctions() {}

    static void register(FunctionRegistry.Builder b) {
        b.add(
                "to_number",
                List.of(SqlType.TEXT, SqlType.TEXT),
                NUMERIC,
                (a, e) -> toNumber((String) a[0], (String) a[1]));
        b.add(
                "abs",
                List.of(SMALLINT),
                SMALLINT,
                (a, e) -> Arithmetic.boxIntegral(Math.abs((long) (Short) a[0]), SMALLINT));
        b.add(
                "abs",
                List.of(INTEGER),
                INTEGER,
                (a, e) -> Arithmetic.boxIntegral(Math.abs((long) (Integer) a[0]), INTEGER));
        b.add("abs", List.of(BIGINT), BIGINT, (a, e) -> {
            long v = (Long) a[0];
            if (v == Long.MIN_VALUE) {
                throw Casts.outOfRange(BIGINT);
            }
            return Math.abs(v);
        });
        b.add("abs", List.of(NUMERIC), NUMERIC, (a, e) -> ((BigDecimal) a[0]).abs());
        b.add("abs", List.of(REAL), REAL, (a, e) -> Math.abs((Float) a[0]));
        b.add("abs", List.of(DOUBLE), DOUBLE, (a, e) -> Math.abs((Double) a[0]));

        b.add("round", List.of(DOUBLE), DOUBLE, (a, e) -> Math.rint((Double) a[0]));
        b.add("round", List.of(NUMERIC), NUMERIC, (a, e) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.HALF_UP));
        b.add(
                "round",
                List.of(NUMERIC, INTEGER),
                NUMERIC,
                (a, e) -> scaled((BigDecimal) a[0], (Integer) a[1], RoundingMode.HALF_UP));
        for (String name : List.of("ceil", "ceiling")) {
            b.add(name, List.of(DOUBLE), DOUBLE, (a, e) -> Math.ceil((Double) a[0]));
            b.add(name, List.of(NUMERIC), NUMERIC, (a, e) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING));
        }
        b.add("floor", List.of(DOUBLE), DOUBLE, (a, e) -> Math.floor((Double) a[0]));
        b.add("floor", List.of(NUMERIC), NUMERIC, (a, e) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR));
        b.add("trunc", List.of(DOUBLE), DOUBLE, (a, e) -> {
            double v = (Double) a[0];
            return v < 0 ? Math.ceil(v) : Math.floor(v);
        });
        b.add("trunc", List.of(NUMERIC), NUMERIC, (a, e) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.DOWN));
        b.add(
                "trunc",
                List.of(NUMERIC, INTEGER),
                NUMERIC,
                (a, e) -> scaled((BigDecimal) a[0], (Integer) a[1], RoundingMode.DOWN));
        b.add("sign", List.of(DOUBLE), DOUBLE, (a, e) -> Math.signum((Double) a[0]));
        b.add("sign", List.of(NUMERIC), NUMERIC, (a, e) -> BigDecimal.valueOf(((BigDecimal) a[0]).signum()));
        for (SqlType integral : List.of(SMALLINT, INTEGER, BIGINT)) {
            b.add(
                    "mod",
                    List.of(integral, integral),
                    integral,
                    (a, e) -> Arithmetic.integral(
                            Arithmetic.Operation.MODULO,
                            ((Number) a[0]).longValue(),
                            ((Number) a[1]).longValue(),
                            integral));
        }
        b.add(
                "mod",
                List.of(NUMERIC, NUMERIC),
                NUMERIC,
                (a, e) -> Arithmetic.numeric(Arithmetic.Operation.MODULO, (BigDecimal) a[0], (BigDecimal) a[1]));
        b.add("div", List.of(NUMERIC, NUMERIC), NUMERIC, (a, e) -> {
            BigDecimal divisor = (BigDecimal) a[1];
            if (divisor.signum() == 0) {
                throw Arithmetic.divisionByZero();
            }
            return ((BigDecimal) a[0]).divideToIntegralValue(divisor).setScale(0, RoundingMode.DOWN);
        });
        for (String name : List.of("power", "pow", "^")) {
            b.add(name, List.of(DOUBLE, DOUBLE), DOUBLE, (a, e) -> power((Double) a[0], (Double) a[1]));
        }
        b.add("sqrt", List.of(DOUBLE), DOUBLE, (a, e) -> {
            double v = (Double) a[0];
            if (v < 0) {
                throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take square root of a negative number");
            }
            return Math.sqrt(v);
        });
        // "^" is the operator form of power, as the parser gives it (no function can have that name).
        for (String name : List.of("power", "pow", "^")) {
            b.add(
                    name,
                    List.of(NUMERIC, NUMERIC),
                    NUMERIC,
                    (a, e) -> NumericMath.power((BigDecimal) a[0], (BigDecimal) a[1]));
        }
        b.add("sqrt", List.of(NUMERIC), NUMERIC, (a, e) -> NumericMath.sqrt((BigDecimal) a[0]));
        b.add("exp", List.of(NUMERIC), NUMERIC, (a, e) -> NumericMath.exp((BigDecimal) a[0]));
        b.add("ln", List.of(NUMERIC), NUMERIC, (a, e) -> NumericMath.ln((BigDecimal) a[0]));
        b.add("log", List.of(NUMERIC), NUMERIC, (a, e) -> NumericMath.log10((BigDecimal) a[0]));
        b.add("log10", List.of(NUMERIC), NUMERIC, (a, e) -> NumericMath.log10((BigDecimal) a[0]));
        b.add(
                "log",
                List.of(NUMERIC, NUMERIC),
                NUMERIC,
                (a, e) -> NumericMath.log((BigDecimal) a[0], (BigDecimal) a[1]));
        b.add("cbrt", List.of(DOUBLE), DOUBLE, (a, e) -> Math.cbrt((Double) a[0]));
        b.add("exp", List.of(DOUBLE), DOUBLE, (a, e) -> Math.exp((Double) a[0]));
        b.add("ln", List.of(DOUBLE), DOUBLE, (a, e) -> logarithm((Double) a[0], false));
        b.add("log", List.of(DOUBLE), DOUBLE, (a, e) -> logarithm((Double) a[0], true));
        b.add("log10", List.of(DOUBLE), DOUBLE, (a, e) -> logarithm((Double) a[0], true));
        b.add("pi", List.of(), DOUBLE, (a, e) -> Math.PI);
        b.add("random", List.of(), DOUBLE, (a, e) -> ThreadLocalRandom.current().nextDouble());
    }

    private static BigDecimal scaled(BigDecimal value, int scale, RoundingMode mode) {
        BigDecimal result = value.setScale(Math.max(scale, -1000), mode);
        return result.scale() < 0 ? result.setScale(0) : result;
    }

    private static double power(double base, double exponent) {
        if (base == 0 && exponent < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "zero raised to a negative power is undefined");
        }
        if (base < 0 && exponent != Math.rint(exponent)) {
            throw new StripeJdbcException(
                    SqlState.DATA_EXCEPTION, "a negative number raised to a non-integer power yields a complex result");
        }
        double result = Math.pow(base, exponent);
        if (Double.isInfinite(result)) {
            throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return result;
    }

    private static double logarithm(double value, boolean base10) {
        if (value == 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take logarithm of zero");
        }
        if (value < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take logarithm of a negative number");
        }
        return base10 ? Math.log10(value) : Math.log(value);
    }

    /**
     * {@code to_number(text, format)}: the digits of the text, its decimal point where the template has {@code D}
     * or {@code .}, negative with a {@code -} or angle brackets ({@code PR}); group separators and other characters are
     * skipped, and the fraction keeps as many digits as the template has after its decimal point.
     * {@code to_number('12,345.6', '99G999D9')} is {@code 12345.6}; {@code to_number('-1.239', '9.99')} is
     * {@code -1.23}.
     */
    static BigDecimal toNumber(String text, String format) {
        String template = format.toUpperCase(java.util.Locale.ROOT);
        int point = Math.max(template.indexOf('D'), template.indexOf('.'));
        int decimals = 0;
        if (point >= 0) {
            for (int i = point + 1; i < template.length(); i++) {
                char c = template.charAt(i);
                if (c == '9' || c == '0') {
                    decimals++;
                }
            }
        }
        StringBuilder digits = new StringBuilder();
        boolean negative = false;
        boolean inFraction = false;
        int fractionDigits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c)) {
                if (!inFraction) {
                    digits.append(c);
                } else if (fractionDigits < decimals) {
                    digits.append(c);
                    fractionDigits++;
                }
            } else if (c == '.' && point >= 0 && !inFraction) {
                inFraction = true;
            } else if (c == '-' || c == '<') {
                negative = true;
            }
        }
        if (digits.length() == 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type numeric: \" \"");
        }
        BigDecimal value = new BigDecimal(new java.math.BigInteger(digits.toString()), fractionDigits);
        if (point >= 0) {
            value = value.setScale(decimals, RoundingMode.UNNECESSARY);
        }
        return negative ? value.negate() : value;
    }
}
