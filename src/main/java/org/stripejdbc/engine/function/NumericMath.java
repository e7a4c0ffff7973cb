package org.stripejdbc.engine.function;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * {@code sqrt}, {@code exp}, {@code ln}, {@code log} and {@code power} of {@code numeric} values as Postgres computes
 * them: in exact decimal arithmetic, rounded half away from zero to the result scale Postgres chooses (at least 16
 * significant digits, and at least the scale of the arguments).
 *
 * <p>Examples: {@code sqrt(2.0)} is {@code 1.414213562373095}; {@code sqrt(16.0)} is {@code 4.000000000000000};
 * {@code exp(1.0)} is {@code 2.7182818284590452}; {@code ln(10.0)} is {@code 2.3025850929940457};
 * {@code power(1.05, 12)} is {@code 1.7958563260221292}; {@code power(2.0, 0.5)} is {@code 1.4142135623730950};
 * {@code power(1.1, 1000)} is {@code 246993291800582633412408838508522147770973.3} (PostgreSQL 15 and later).
 */
final class NumericMath {
    /** Postgres' NUMERIC_MIN_SIG_DIGITS. */
    private static final int MIN_SIGNIFICANT_DIGITS = 16;
    /** Postgres' NUMERIC_MAX_DISPLAY_SCALE. */
    private static final int MAX_DISPLAY_SCALE = 1000;
    /** Extra digits carried by intermediate results. */
    private static final int GUARD_DIGITS = 12;

    private NumericMath() {}

    /** {@code sqrt(numeric)}. */
    static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take square root of a negative number");
        }
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(Math.max(scale(x), 0));
        }
        // sweight = (weight + 1) * DEC_DIGITS / 2 - 1, weight counted in base-10000 digits.
        int resultScale = clamp(Math.max(MIN_SIGNIFICANT_DIGITS - (2 * weight(x) + 1), scale(x)));
        MathContext context = new MathContext(digitsBeforePoint(x) / 2 + 2 + resultScale + GUARD_DIGITS);
        return x.sqrt(context).setScale(resultScale, RoundingMode.HALF_UP);
    }

    /** {@code exp(numeric)}. */
    static BigDecimal exp(BigDecimal x) {
        double weight = x.doubleValue() * 0.434294481903252;
        weight = Math.max(-MAX_DISPLAY_SCALE * 2, Math.min(MAX_DISPLAY_SCALE * 2, weight));
        int resultScale = clamp(Math.max(MIN_SIGNIFICANT_DIGITS - (int) weight, scale(x)));
        int digits = Math.max((int) Math.ceil(weight) + 1, 1) + resultScale + GUARD_DIGITS;
        if (weight > 100_000) {
            throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        return expWithDigits(x, Math.max(digits, 20)).setScale(resultScale, RoundingMode.HALF_UP);
    }

    /** {@code ln(numeric)}. */
    static BigDecimal ln(BigDecimal x) {
        requirePositive(x);
        int resultScale = clamp(Math.max(MIN_SIGNIFICANT_DIGITS - estimateLnWeight(x), scale(x)));
        int digits = Math.max(estimateLnWeight(x) + 1, 1) + resultScale + GUARD_DIGITS;
        return lnWithDigits(x, digits).setScale(resultScale, RoundingMode.HALF_UP);
    }

    /** {@code log(numeric)}: the base-10 logarithm. */
    static BigDecimal log10(BigDecimal x) {
        return log(BigDecimal.TEN, x);
    }

    /** {@code log(base numeric, x numeric)}. */
    static BigDecimal log(BigDecimal base, BigDecimal x) {
        requirePositive(base);
        requirePositive(x);
        if (base.compareTo(BigDecimal.ONE) == 0) {
            throw new StripeJdbcException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        int resultWeight = estimateLnWeight(x) - estimateLnWeight(base);
        int resultScale = clamp(Math.max(Math.max(MIN_SIGNIFICANT_DIGITS - resultWeight, scale(base)), scale(x)));
        int digits = Math.max(resultWeight + 1, 1) + resultScale + GUARD_DIGITS + Math.max(0, -estimateLnWeight(base));
        MathContext context = new MathContext(digits + GUARD_DIGITS);
        BigDecimal quotient =
                lnWithDigits(x, digits + GUARD_DIGITS).divide(lnWithDigits(base, digits + GUARD_DIGITS), context);
        return quotient.setScale(resultScale, RoundingMode.HALF_UP);
    }

    /** {@code power(numeric, numeric)} (and {@code ^} between numerics). */
    static BigDecimal power(BigDecimal base, BigDecimal exponent) {
        if (base.signum() == 0 && exponent.signum() < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "zero raised to a negative power is undefined");
        }
        boolean integral =
                exponent.signum() == 0 || exponent.stripTrailingZeros().scale() <= 0;
        if (base.signum() < 0 && !integral) {
            throw new StripeJdbcException(
                    SqlState.DATA_EXCEPTION, "a negative number raised to a non-integer power yields a complex result");
        }
        if (integral && exponent.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            int n = exponent.intValueExact();
            // PostgreSQL 15 and later (power_var_int): 16 significant digits of the result, from its estimated
            // decimal weight, and at least the scale of either argument; 14 kept 16 decimals whatever the weight.
            double weight = base.signum() == 0 ? 0 : n * decimalLog(base.abs());
            if (weight > 100_000) {
                throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
            }
            if (weight + 1 < -MAX_DISPLAY_SCALE) {
                return BigDecimal.ZERO.setScale(MAX_DISPLAY_SCALE); // underflows to zero, as Postgres answers
            }
            int resultScale =
                    clamp(Math.max(Math.max(MIN_SIGNIFICANT_DIGITS - (int) weight, scale(base)), scale(exponent)));
            if (n == 0) {
                return BigDecimal.ONE.setScale(resultScale);
            }
            if (base.signum() == 0) {
                return BigDecimal.ZERO.setScale(resultScale);
            }
            int digits = Math.max((int) Math.ceil(weight) + 1, 1) + resultScale + GUARD_DIGITS;
            BigDecimal magnitude;
            if ((long) base.precision() * Math.abs(n) <= 20_000) {
                magnitude = base.pow(Math.abs(n)); // exact
            } else {
                magnitude = base.pow(Math.abs(n), new MathContext(digits + GUARD_DIGITS));
            }
            BigDecimal result =
                    n > 0 ? magnitude : BigDecimal.ONE.divide(magnitude, new MathContext(digits + GUARD_DIGITS));
            return result.setScale(resultScale, RoundingMode.HALF_UP);
        }
        if (base.signum() == 0) {
            return BigDecimal.ZERO.setScale(
                    clamp(Math.max(MIN_SIGNIFICANT_DIGITS, Math.max(scale(base), scale(exponent)))));
        }
        double weight = Math.log(base.doubleValue()) * exponent.doubleValue() * 0.434294481903252;
        if (Math.abs(weight) > 100_000) {
            throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        int resultScale =
                clamp(Math.max(Math.max(MIN_SIGNIFICANT_DIGITS - (int) weight, scale(base)), scale(exponent)));
        int digits = Math.max((int) Math.ceil(weight) + 1, 1) + resultScale + GUARD_DIGITS;
        int lnDigits = digits + Math.max(0, digitsBeforePoint(exponent)) + GUARD_DIGITS;
        BigDecimal product = lnWithDigits(base, lnDigits).multiply(exponent);
        return expWithDigits(product, digits).setScale(resultScale, RoundingMode.HALF_UP);
    }

    // ---------------------------------------------------------------- scales as Postgres picks them

    /** log10 of a positive value of any size (a double would overflow past 1e308): exponent plus mantissa. */
    private static double decimalLog(BigDecimal positive) {
        int exponent = decimalExponent(positive);
        return exponent + Math.log10(positive.movePointLeft(exponent).doubleValue());
    }

    private static int clamp(int scale) {
        return Math.max(0, Math.min(MAX_DISPLAY_SCALE, scale));
    }

    /** The display scale of a numeric value (a negative BigDecimal scale, as in 1E+3, is scale 0). */
    private static int scale(BigDecimal x) {
        return Math.max(x.scale(), 0);
    }

    /** The decimal exponent of the leading digit: 1234.5 gives 3, 0.05 gives -2. */
    private static int decimalExponent(BigDecimal x) {
        return x.precision() - x.scale() - 1;
    }

    /** Postgres' weight: the position of the leading base-10000 digit (1234.5 gives 0, 12345 gives 1, 0.05 gives -1).
     * */
    private static int weight(BigDecimal x) {
        return Math.floorDiv(decimalExponent(x), 4);
    }

    private static int digitsBeforePoint(BigDecimal x) {
        return Math.max(decimalExponent(x) + 1, 0);
    }

    /** Postgres' estimate_ln_dweight: the decimal weight of ln(x), from the leading digits of x. */
    private static int estimateLnWeight(BigDecimal x) {
        if (x.signum() <= 0) {
            return 0;
        }
        if (x.compareTo(new BigDecimal("0.9")) >= 0 && x.compareTo(new BigDecimal("1.1")) <= 0) {
            BigDecimal difference = x.subtract(BigDecimal.ONE);
            return difference.signum() == 0 ? 0 : decimalExponent(difference.abs());
        }
        int weight = weight(x);
        // The leading base-10000 digit, and the next one when the value has more digits.
        BigDecimal scaled = x.movePointLeft(4 * weight);
        long digits = scaled.setScale(0, RoundingMode.DOWN).longValueExact();
        int decimalWeight = weight * 4;
        if (scaled.subtract(BigDecimal.valueOf(digits)).signum() != 0) {
            digits = scaled.movePointRight(4).setScale(0, RoundingMode.DOWN).longValueExact();
            decimalWeight -= 4;
        }
        double lnValue = Math.log((double) digits) + decimalWeight * 2.302585092994046;
        return (int) Math.log10(Math.abs(lnValue));
    }

    private static void requirePositive(BigDecimal x) {
        if (x.signum() == 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take logarithm of zero");
        }
        if (x.signum() < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "cannot take logarithm of a negative number");
        }
    }

    // ---------------------------------------------------------------- series

    /** e^x to {@code digits} significant digits (a few more than needed; the caller rounds). */
    private static BigDecimal expWithDigits(BigDecimal x, int digits) {
        if (x.signum() == 0) {
            return BigDecimal.ONE;
        }
        // e^x = (e^(x / 2^k))^(2^k) with |x / 2^k| < 2^-8; each squaring costs a little relative precision.
        int k = Math.max(0, (int) Math.ceil(Math.log(Math.abs(x.doubleValue()) + 1) / Math.log(2)) + 8);
        MathContext context = new MathContext(digits + k / 3 + GUARD_DIGITS);
        BigDecimal reduced = x.divide(BigDecimal.valueOf(2).pow(k), context);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(context.getPrecision() + 2);
        for (int n = 1; n < 10_000; n++) {
            term = term.multiply(reduced, context).divide(BigDecimal.valueOf(n), context);
            sum = sum.add(term, context);
            if (term.abs().compareTo(epsilon) < 0) {
                break;
            }
        }
        for (int i = 0; i < k; i++) {
            sum = sum.multiply(sum, context);
        }
        return sum.round(new MathContext(digits + GUARD_DIGITS));
    }

    /**
     * ln x (x &gt; 0) with an absolute error below 10^-(digits - 3): x = m * 10^e with 1 &lt;= m &lt; 10, then ln m
     * by square roots and the series 2 atanh((y - 1) / (y + 1)), plus e ln 10.
     */
    private static BigDecimal lnWithDigits(BigDecimal x, int digits) {
        MathContext context = new MathContext(digits + GUARD_DIGITS);
        if (x.compareTo(BigDecimal.ONE) == 0) {
            return BigDecimal.ZERO;
        }
        if (x.compareTo(new BigDecimal("0.5")) > 0 && x.compareTo(new BigDecimal("2")) < 0) {
            return lnNearOne(x, context);
        }
        int exponent = decimalExponent(x);
        BigDecimal mantissa = x.movePointLeft(exponent);
        BigDecimal lnMantissa = lnNearOne(mantissa, context);
        if (exponent == 0) {
            return lnMantissa;
        }
        BigDecimal ln10 = lnNearOne(BigDecimal.TEN, context);
        return lnMantissa.add(ln10.multiply(BigDecimal.valueOf(exponent), context), context);
    }

    private static BigDecimal lnNearOne(BigDecimal y, MathContext context) {
        int halvings = 0;
        BigDecimal value = y;
        BigDecimal close = new BigDecimal("0.01");
        MathContext working = new MathContext(context.getPrecision() + 10);
        while (value.subtract(BigDecimal.ONE).abs().compareTo(close) > 0 && halvings < 64) {
            value = value.sqrt(working);
            halvings++;
        }
        BigDecimal z = value.subtract(BigDecimal.ONE).divide(value.add(BigDecimal.ONE), working);
        BigDecimal zSquared = z.multiply(z, working);
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal power = z;
        BigDecimal epsilon = BigDecimal.ONE.movePointLeft(working.getPrecision() + 2);
        for (int n = 1; n < 100_000; n += 2) {
            BigDecimal term = power.divide(BigDecimal.valueOf(n), working);
            sum = sum.add(term, working);
            if (term.abs().compareTo(epsilon) < 0) {
                break;
            }
            power = power.multiply(zSquared, working);
        }
        return sum.multiply(BigDecimal.valueOf(2).pow(halvings + 1), working).round(context);
    }
}
