package org.stripejdbc.engine.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * Postgres arithmetic on runtime values: integer operators that fail with {@code 22003 integer out of range}
 * instead of wrapping, integer division truncating toward zero ({@code 7 / 2 = 3}), numeric division with
 * Postgres' result scale ({@code 1::numeric / 3 = 0.33333333333333333333}), {@code 22012 division by zero},
 * and date/time arithmetic ({@code timestamp + interval}, {@code date - date}, {@code interval * 2}).
 */
public final class Arithmetic {
    public static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final int NUMERIC_MIN_SIG_DIGITS = 16;
    private static final int NUMERIC_MAX_DISPLAY_SCALE = 1000;

    private Arithmetic() {}

    public static StripeJdbcException divisionByZero() {
        return new StripeJdbcException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    // ---------------------------------------------------------------- integers

    public static Object integral(Operation op, long a, long b, SqlType type) {
        long result;
        try {
            switch (op) {
                case ADD:
                    result = Math.addExact(a, b);
                    break;
                case SUBTRACT:
                    result = Math.subtractExact(a, b);
                    break;
                case MULTIPLY:
                    result = Math.multiplyExact(a, b);
                    break;
                case DIVIDE:
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    if (a == Long.MIN_VALUE && b == -1) {
                        throw Casts.outOfRange(type);
                    }
                    result = a / b;
                    break;
                case MODULO:
                    if (b == 0) {
                        throw divisionByZero();
                    }
                    result = b == -1 ? 0 : a % b;
                    break;
                default:
                    throw new IllegalArgumentException(op.name());
            }
        } catch (ArithmeticException e) {
            throw Casts.outOfRange(type);
        }
        return boxIntegral(result, type);
    }

    public static Object boxIntegral(long value, SqlType type) {
        switch (type) {
            case SMALLINT:
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    throw Casts.outOfRange(type);
                }
                return (short) value;
            case INTEGER:
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw Casts.outOfRange(type);
                }
                return (int) value;
            default:
                return value;
        }
    }

    /** The five arithmetic operations. */
    public enum Operation {
        ADD,
        SUBTRACT,
        MULTIPLY,
        DIVIDE,
        MODULO
    }

    // ---------------------------------------------------------------- numeric

    public static BigDecimal numeric(Operation op, BigDecimal a, BigDecimal b) {
        switch (op) {
            case ADD:
                return a.add(b);
            case SUBTRACT:
                return a.subtract(b);
            case MULTIPLY:
                return a.multiply(b);
            case DIVIDE:
                return divide(a, b);
            case MODULO:
                if (b.signum() == 0) {
                    throw divisionByZero();
                }
                return a.remainder(b);
            default:
                throw new IllegalArgumentException(op.name());
        }
    }

    /** Postgres numeric division: the result scale of {@code select_div_scale}, rounded half away from zero. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            throw divisionByZero();
        }
        return a.divide(b, divisionScale(a, b), RoundingMode.HALF_UP);
    }

    static int divisionScale(BigDecimal a, BigDecimal b) {
        int weight1 = 0;
        int first1 = 0;
        if (a.signum() != 0) {
            weight1 = baseWeight(a);
            first1 = firstBaseDigit(a, weight1);
        }
        int weight2 = 0;
        int first2 = 0;
        if (b.signum() != 0) {
            weight2 = baseWeight(b);
            first2 = firstBaseDigit(b, weight2);
        }
        int quotientWeight = weight1 - weight2;
        if (first1 <= first2) {
            quotientWeight--;
        }
        int scale = NUMERIC_MIN_SIG_DIGITS - quotientWeight * 4;
        scale = Math.max(scale, Math.max(a.scale(), 0));
        scale = Math.max(scale, Math.max(b.scale(), 0));
        return Math.min(Math.max(scale, 0), NUMERIC_MAX_DISPLAY_SCALE);
    }

    /** The weight of the leading base-10000 digit, as Postgres stores numerics. */
    private static int baseWeight(BigDecimal value) {
        int exponent = value.precision() - value.scale() - 1;
        return Math.floorDiv(exponent, 4);
    }

    private static int firstBaseDigit(BigDecimal value, int weight) {
        return value.abs()
                .movePointLeft(4 * weight)
                .setScale(0, RoundingMode.DOWN)
                .intValue();
    }

    // ---------------------------------------------------------------- floating point

    public static double floating(Operation op, double a, double b) {
        double result;
        switch (op) {
            case ADD:
                result = a + b;
                break;
            case SUBTRACT:
                result = a - b;
                break;
            case MULTIPLY:
                result = a * b;
                break;
            case DIVIDE:
                if (b == 0) {
                    throw divisionByZero();
                }
                result = a / b;
                break;
            default:
                throw new IllegalArgumentException(op.name());
        }
        if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
            throw new StripeJdbcException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return result;
    }

    // ---------------------------------------------------------------- date and time

    /** {@code timestamp + interval}: months first (clamping the day to the month's end), then days, then time. */
    public static LocalDateTime plus(LocalDateTime t, Interval i) {
        try {
            return t.plusMonths(i.months()).plusDays(i.days()).plus(i.micros(), ChronoUnit.MICROS);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw timestampOutOfRange();
        }
    }

    public static OffsetDateTime plus(OffsetDateTime t, Interval i) {
        try {
            return t.plusMonths(i.months()).plusDays(i.days()).plus(i.micros(), ChronoUnit.MICROS);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw timestampOutOfRange();
        }
    }

    public static LocalDate plusDays(LocalDate date, long days) {
        try {
            return date.plusDays(days);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new StripeJdbcException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
    }

    static StripeJdbcException timestampOutOfRange() {
        return new StripeJdbcException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
    }

    public static LocalTime plus(LocalTime t, Interval i) {
        return t.plus(Math.floorMod(i.micros(), MICROS_PER_DAY), ChronoUnit.MICROS);
    }

    public static Interval negate(Interval i) {
        try {
            return new Interval(Math.negateExact(i.months()), Math.negateExact(i.days()), Math.negateExact(i.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    public static Interval add(Interval a, Interval b) {
        try {
            return new Interval(
                    Math.addExact(a.months(), b.months()),
                    Math.addExact(a.days(), b.days()),
                    Math.addExact(a.micros(), b.micros()));
        } catch (ArithmeticException e) {
            throw intervalOutOfRange();
        }
    }

    static StripeJdbcException intervalOutOfRange() {
        return new StripeJdbcException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
    }

    /** {@code timestamp - timestamp}: days and time, as Postgres' justified result ({@code 2 days 10:00:00}). */
    public static Interval difference(LocalDateTime a, LocalDateTime b) {
        long micros = ChronoUnit.MICROS.between(b, a);
        return new Interval(0, (int) (micros / MICROS_PER_DAY), micros % MICROS_PER_DAY);
    }

    public static Interval difference(OffsetDateTime a, OffsetDateTime b) {
        long micros = ChronoUnit.MICROS.between(b, a);
        return new Interval(0, (int) (micros / MICROS_PER_DAY), micros % MICROS_PER_DAY);
    }

    public static Interval difference(LocalTime a, LocalTime b) {
        return new Interval(0, 0, ChronoUnit.MICROS.between(b, a));
    }

    /** {@code date - date}: whole days, an integer. */
    public static int difference(LocalDate a, LocalDate b) {
        long days = ChronoUnit.DAYS.between(b, a);
        return (int) days;
    }

    /** {@code interval * factor}, spilling fractional months into days and fractional days into time. */
    public static Interval multiply(Interval span, double factor) {
        if (Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw intervalOutOfRange();
        }
        double monthsDouble = span.months() * factor;
        double daysDouble = span.days() * factor;
        if (Math.abs(monthsDouble) > Integer.MAX_VALUE || Math.abs(daysDouble) > Integer.MAX_VALUE) {
            throw intervalOutOfRange();
        }
        int months = (int) monthsDouble;
        int days = (int) daysDouble;
        double monthRemainderDays = round6((span.months() * factor - months) * 30);
        double secondRemainder =
                round6((span.days() * factor - days + monthRemainderDays - (int) monthRemainderDays) * 86400);
        if (Math.abs(secondRemainder) >= 86400) {
            days += (int) (secondRemainder / 86400);
            secondRemainder -= (int) (secondRemainder / 86400) * 86400;
        }
        days += (int) monthRemainderDays;
        double micros = Math.rint(span.micros() * factor + secondRemainder * 1_000_000);
        if (Math.abs(micros) > 9.2e18) {
            throw intervalOutOfRange();
        }
        return new Interval(months, days, (long) micros);
    }

    public static Interval divide(Interval span, double divisor) {
        if (divisor == 0) {
            throw divisionByZero();
        }
        return multiply(span, 1.0 / divisor);
    }

    private static double round6(double value) {
        return Math.rint(value * 1_000_000) / 1_000_000;
    }
}
