package org.stripejdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.types.PostgresText;

/**
 * Reading a value as a Java number or boolean the way pgjdbc does, without ever wrapping around: text that holds
 * a number converts ({@code getLong} of {@code '12'} is 12), a fraction is truncated toward zero ({@code getInt} of
 * {@code 2.7} is 2), and the rest fails with a reason that the result set completes with the column's name.
 * <pre>
 *   toLong(3000000000, INT)       Failure 22003  3000000000 is out of range
 *   parseLong("x", INT)           Failure 22P02  invalid input syntax for type integer: "x"
 *   parseBoolean("on")            true           (t, true, yes, on, 1 / f, false, no, off, 0, any case)
 * </pre>
 */
final class NumberReads {
    private NumberReads() {}

    /** A Java integral target: its name in messages, the Postgres type its text would be, and its range. */
    enum Integral {
        BYTE("byte", "smallint", Byte.MIN_VALUE, Byte.MAX_VALUE),
        SHORT("short", "smallint", Short.MIN_VALUE, Short.MAX_VALUE),
        INT("int", "integer", Integer.MIN_VALUE, Integer.MAX_VALUE),
        LONG("long", "bigint", Long.MIN_VALUE, Long.MAX_VALUE);

        final String javaName;
        final String postgresName;
        final long min;
        final long max;

        Integral(String javaName, String postgresName, long min, long max) {
            this.javaName = javaName;
            this.postgresName = postgresName;
            this.min = min;
            this.max = max;
        }

        boolean fits(long value) {
            return value >= min && value <= max;
        }
    }

    /** Why a value could not be read: its SQLSTATE and the reason. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final SqlState state;

        Failure(SqlState state, String reason) {
            super(reason, null, false, false);
            this.state = state;
        }
    }

    static Failure outOfRange(Object value) {
        return new Failure(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, value + " is out of range");
    }

    static Failure invalidText(String type, String text) {
        return new Failure(
                SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type " + type + ": \"" + text + "\"");
    }

    static long checked(long value, Integral target) throws Failure {
        if (!target.fits(value)) {
            throw outOfRange(value);
        }
        return value;
    }

    /** A decimal truncated toward zero, as pgjdbc does; out of the target's range fails. */
    static long toLong(BigDecimal value, Integral target) throws Failure {
        BigInteger whole = value.toBigInteger();
        if (whole.bitLength() > 63 || !target.fits(whole.longValue())) {
            throw outOfRange(value.toPlainString());
        }
        return whole.longValue();
    }

    static long toLong(double value, Integral target) throws Failure {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw outOfRange(doubleText(value));
        }
        return toLong(new BigDecimal(value), target);
    }

    /** Integer or decimal text (surrounding blanks ignored); anything else is 22P02. */
    static long parseLong(String text, Integral target) throws Failure {
        String s = text.trim();
        try {
            return checked(Long.parseLong(s), target);
        } catch (NumberFormatException e) {
            return toLong(parseBigDecimal(text, target.postgresName), target);
        }
    }

    static BigDecimal parseBigDecimal(String text, String type) throws Failure {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw invalidText(type, text);
        }
    }

    /** Decimal text, or {@code NaN}, {@code Infinity}, {@code -Infinity} (any case, as Postgres prints them). */
    static double parseDouble(String text) throws Failure {
        String s = text.trim();
        Double special = PostgresText.specialDouble(s);
        if (special != null) {
            return special;
        }
        try {
            return parseBigDecimal(s, "double precision").doubleValue();
        } catch (Failure e) {
            throw invalidText("double precision", text);
        }
    }

    static BigDecimal toBigDecimal(double value) throws Failure {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw outOfRange(doubleText(value));
        }
        return BigDecimal.valueOf(value);
    }

    /** Postgres' boolean spellings (and pgjdbc's 1 and 0). */
    static boolean parseBoolean(String text) throws Failure {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "t":
            case "true":
            case "y":
            case "yes":
            case "on":
            case "1":
                return true;
            case "f":
            case "false":
            case "n":
            case "no":
            case "off":
            case "0":
                return false;
            default:
                throw invalidText("boolean", text);
        }
    }

    /** 1 is true, 0 is false, as pgjdbc reads a number as a boolean; any other number fails. */
    static boolean toBoolean(BigDecimal value) throws Failure {
        if (value.compareTo(BigDecimal.ONE) == 0) {
            return true;
        }
        if (value.signum() == 0) {
            return false;
        }
        throw new Failure(
                SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type boolean: \"" + value.toPlainString() + "\"");
    }

    /** How Postgres prints the special doubles. */
    private static String doubleText(double value) {
        return Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
    }
}
