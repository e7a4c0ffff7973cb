package org.stripejdbc.types;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * Postgres text output of runtime values ({@code SELECT x::text}, the shell, JDBC {@code getString} of
 * OTHER columns). Examples: {@code true} → {@code true}; {@code LocalDateTime 2023-11-14T22:13:20} →
 * {@code 2023-11-14 22:13:20}; {@code OffsetDateTime} → {@code 2023-11-14 22:13:20+00}; {@code Interval(14, 3,
 * 4_000_000)} → {@code 1 year 2 mons 3 days 00:00:04}; a list → {@code {a,b}}.
 */
public final class ValueFormat {
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .toFormatter();

    private ValueFormat() {
    }

    /** The Postgres text form of {@code value}; null for SQL NULL. */
    public static String toText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Float f) {
            return formatDouble(f.doubleValue());
        }
        if (value instanceof LocalDateTime t) {
            return formatTimestamp(t);
        }
        if (value instanceof OffsetDateTime t) {
            return formatTimestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) + "+00";
        }
        if (value instanceof Interval i) {
            return formatInterval(i);
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("{");
            for (int k = 0; k < list.size(); k++) {
                if (k > 0) {
                    out.append(',');
                }
                Object element = list.get(k);
                out.append(element == null ? "NULL" : quoteArrayElement(toText(element)));
            }
            return out.append('}').toString();
        }
        return value.toString();
    }

    private static String quoteArrayElement(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("null") || s.chars().anyMatch(c -> c == ',' || c == '{' || c == '}'
                || c == '"' || c == '\\' || Character.isWhitespace(c))) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return s;
    }

    private static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            return new BigDecimal(s).stripTrailingZeros().toString().replace("E+", "e+").replace("E-", "e-");
        }
        return s;
    }

    /** {@code 2023-11-14 22:13:20}, with a fraction only when non-zero ({@code 22:13:20.5}). */
    public static String formatTimestamp(LocalDateTime t) {
        return TIMESTAMP.format(t);
    }

    /** Postgres' default {@code IntervalStyle = postgres} output. */
    public static String formatInterval(Interval interval) {
        StringBuilder out = new StringBuilder();
        int years = interval.months() / 12;
        int months = interval.months() % 12;
        appendUnit(out, years, "year", "years");
        appendUnit(out, months, "mon", "mons");
        appendUnit(out, interval.days(), "day", "days");
        long micros = interval.micros();
        if (micros != 0 || out.length() == 0) {
            if (out.length() > 0) {
                out.append(' ');
            }
            if (micros < 0) {
                out.append('-');
                micros = -micros;
            }
            long hours = micros / 3_600_000_000L;
            long minutes = (micros / 60_000_000L) % 60;
            long seconds = (micros / 1_000_000L) % 60;
            long fraction = micros % 1_000_000L;
            out.append(String.format("%02d:%02d:%02d", hours, minutes, seconds));
            if (fraction != 0) {
                String f = String.format("%06d", fraction);
                out.append('.').append(f.replaceAll("0+$", ""));
            }
        }
        return out.toString();
    }

    private static void appendUnit(StringBuilder out, int amount, String singular, String plural) {
        if (amount == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append(amount).append(' ').append(Math.abs(amount) == 1 ? singular : plural);
    }
}
