package org.stripejdbc.types;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Postgres text output of the date/time types, for a session whose time zone is UTC ({@link DateTimeInput} reads
 * the text back).
 *
 * <p>Output follows {@code DateStyle = ISO}: {@code 2023-11-14 22:13:20}, fractional seconds only when not zero
 * and without trailing zeros ({@code 2023-11-14 22:13:20.5}), {@code +00} after a timestamptz, and intervals in
 * the {@code postgres} interval style ({@code 1 year 2 mons 3 days 04:05:06}, {@code -1 days +02:00:00}).
 */
public final class DateTimeOutput {
    static final long MICROS_PER_SECOND = 1_000_000L;
    static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

    private DateTimeOutput() {}

    /** {@code 2023-11-14 22:13:20} (fraction only when non-zero). */
    public static String formatTimestamp(LocalDateTime value) {
        StringBuilder out = new StringBuilder(26);
        appendDate(out, value.toLocalDate(), false);
        out.append(' ');
        appendTime(out, value.toLocalTime());
        if (value.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    /** {@code 2023-11-14 22:13:20+00}: the instant at UTC, the session's time zone. */
    public static String formatTimestampTz(OffsetDateTime value) {
        LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        StringBuilder out = new StringBuilder(29);
        appendDate(out, utc.toLocalDate(), false);
        out.append(' ');
        appendTime(out, utc.toLocalTime());
        out.append("+00");
        if (utc.getYear() <= 0) {
            out.append(" BC");
        }
        return out.toString();
    }

    /** {@code 2023-11-14}. */
    public static String formatDate(LocalDate value) {
        StringBuilder out = new StringBuilder(13);
        appendDate(out, value, true);
        return out.toString();
    }

    /** {@code 22:13:20} or {@code 22:13:20.25}. */
    public static String formatTime(LocalTime value) {
        StringBuilder out = new StringBuilder(15);
        appendTime(out, value);
        return out.toString();
    }

    private static void appendDate(StringBuilder out, LocalDate date, boolean withEra) {
        int year = date.getYear();
        int shown = year <= 0 ? 1 - year : year;
        if (shown < 1000) {
            out.append(String.format(Locale.ROOT, "%04d", shown));
        } else {
            out.append(shown);
        }
        out.append('-');
        two(out, date.getMonthValue());
        out.append('-');
        two(out, date.getDayOfMonth());
        if (withEra && year <= 0) {
            out.append(" BC");
        }
    }

    private static void appendTime(StringBuilder out, LocalTime time) {
        two(out, time.getHour());
        out.append(':');
        two(out, time.getMinute());
        out.append(':');
        two(out, time.getSecond());
        appendFraction(out, time.getNano() / 1000);
    }

    private static void appendFraction(StringBuilder out, long micros) {
        if (micros == 0) {
            return;
        }
        String digits = String.format(Locale.ROOT, "%06d", micros);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        out.append('.').append(digits, 0, end);
    }

    private static void two(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }

    /**
     * The {@code postgres} interval style: {@code 1 year 2 mons 3 days 04:05:06}, {@code 00:00:00} for zero,
     * each field signed on its own ({@code -1 days +02:00:00}).
     */
    public static String formatInterval(Interval value) {
        StringBuilder out = new StringBuilder();
        boolean[] state = {true, false}; // isZero, isBefore
        int years = value.months() / 12;
        int months = value.months() % 12;
        addPart(out, years, "year", state);
        addPart(out, months, "mon", state);
        addPart(out, value.days(), "day", state);
        long micros = value.micros();
        if (state[0] || micros != 0) {
            boolean minus = micros < 0;
            long magnitude = Math.abs(micros);
            long hours = magnitude / MICROS_PER_HOUR;
            long minutes = (magnitude % MICROS_PER_HOUR) / MICROS_PER_MINUTE;
            long seconds = (magnitude % MICROS_PER_MINUTE) / MICROS_PER_SECOND;
            long fraction = magnitude % MICROS_PER_SECOND;
            if (!state[0]) {
                out.append(' ');
            }
            out.append(minus ? "-" : state[1] ? "+" : "");
            if (hours < 10) {
                out.append('0');
            }
            out.append(hours).append(':');
            two(out, (int) minutes);
            out.append(':');
            two(out, (int) seconds);
            appendFraction(out, fraction);
        }
        return out.toString();
    }

    private static void addPart(StringBuilder out, int value, String unit, boolean[] state) {
        if (value == 0) {
            return;
        }
        if (!state[0]) {
            out.append(' ');
        }
        if (state[1] && value > 0) {
            out.append('+');
        }
        out.append(value).append(' ').append(unit);
        if (value != 1) {
            out.append('s');
        }
        state[1] = value < 0;
        state[0] = false;
    }
}
