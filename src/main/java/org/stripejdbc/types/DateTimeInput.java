package org.stripejdbc.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Postgres text input of the date/time types, for a session whose time zone is UTC ({@link DateTimeOutput} writes
 * them).
 *
 * <p>Input accepts the ISO forms ({@code 2024-01-01}, {@code 2024-01-01 10:00}, {@code 2024-01-01T10:00:00.123Z},
 * {@code 2024-01-01 10:00:00+05:30}) and the special words {@code now}, {@code today}, {@code tomorrow},
 * {@code yesterday}, {@code epoch}. As in Postgres, a {@code timestamp without time zone} ignores a written zone
 * ({@code '2024-01-01 10:00+05'::timestamp} is {@code 2024-01-01 10:00:00}); a timestamptz applies it.
 * Bad text is a {@code 22007} error, an impossible field value ({@code 2024-13-01}) a {@code 22008} error.
 */
public final class DateTimeInput {
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4,})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:(?:\\s+|T)(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?)?"
                    + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?(\\s+BC)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME = Pattern.compile(
            "(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d+))?)?\\s*(Z|UTC|[+-]\\d{1,2}(?::?\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);

    private DateTimeInput() {}

    /** Parses {@code timestamp without time zone} text; a written zone is ignored, as Postgres does. */
    public static LocalDateTime parseTimestamp(String text, Instant now) {
        LocalDateTime special = special(text, now, "timestamp");
        if (special != null) {
            return special;
        }
        Parsed parsed = parseDateTime(text, "timestamp");
        return parsed.local;
    }

    /** Parses {@code timestamp with time zone} text; without a zone the session zone (UTC) applies. */
    public static OffsetDateTime parseTimestampTz(String text, Instant now) {
        LocalDateTime special = special(text, now, "timestamp with time zone");
        if (special != null) {
            return special.atOffset(ZoneOffset.UTC);
        }
        Parsed parsed = parseDateTime(text, "timestamp with time zone");
        ZoneOffset offset = parsed.offset == null ? ZoneOffset.UTC : parsed.offset;
        return parsed.local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * The instant of timestamp text that carries an offset ({@code 2025-01-01 07:00:00-05}), or null when it has none
     * (then it is a wall clock): how pgjdbc reads a text column as a {@code java.sql.Timestamp}.
     */
    public static OffsetDateTime parseInstantIfOffset(String text, Instant now) {
        if (special(text, now, "timestamp") != null) {
            return null;
        }
        Parsed parsed = parseDateTime(text, "timestamp");
        return parsed.offset == null ? null : parsed.local.atOffset(parsed.offset);
    }

    /** Parses {@code date} text; a time part is accepted and dropped, as Postgres does. */
    public static LocalDate parseDate(String text, Instant now) {
        LocalDateTime special = special(text, now, "date");
        if (special != null) {
            return special.toLocalDate();
        }
        return parseDateTime(text, "date").local.toLocalDate();
    }

    /** Parses {@code time} text ({@code 10:00}, {@code 10:00:00.5}). */
    public static LocalTime parseTime(String text) {
        String trimmed = text.trim();
        Matcher m = TIME.matcher(trimmed);
        if (!m.matches()) {
            if (DATE_TIME.matcher(trimmed).matches()) {
                return parseDateTime(trimmed, "time").local.toLocalTime();
            }
            throw invalid("time", text);
        }
        int hour = Integer.parseInt(m.group(1));
        int minute = Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        long micros = fractionMicros(m.group(4));
        if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute > 0 || second > 0 || micros > 0))) {
            throw outOfRange(text);
        }
        if (hour == 24) {
            return LocalTime.MAX.truncatedTo(ChronoUnit.MICROS);
        }
        return LocalTime.of(hour, minute, Math.min(second, 59)).plusNanos(micros * 1000);
    }

    private static LocalDateTime special(String text, Instant now, String typeName) {
        String word = text.trim().toLowerCase(Locale.ROOT);
        LocalDateTime current = LocalDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        switch (word) {
            case "now":
                return current;
            case "today":
                return current.toLocalDate().atStartOfDay();
            case "tomorrow":
                return current.toLocalDate().plusDays(1).atStartOfDay();
            case "yesterday":
                return current.toLocalDate().minusDays(1).atStartOfDay();
            case "epoch":
                return LocalDateTime.of(1970, 1, 1, 0, 0);
            case "infinity":
            case "-infinity":
                throw StripeJdbcException.unsupported(
                        "the special " + typeName + " value \"" + word + "\" is not supported");
            default:
                return null;
        }
    }

    private record Parsed(LocalDateTime local, ZoneOffset offset) {}

    private static Parsed parseDateTime(String text, String typeName) {
        Matcher m = DATE_TIME.matcher(text.trim());
        if (!m.matches()) {
            throw invalid(typeName, text);
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(9) != null) {
                year = 1 - year;
            }
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            long micros = fractionMicros(m.group(7));
            if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) {
                throw outOfRange(text);
            }
            boolean endOfDay = hour == 24;
            if (endOfDay && (minute > 0 || second > 0 || micros > 0)) {
                throw outOfRange(text);
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, endOfDay ? 0 : hour, minute, Math.min(second, 59))
                    .plusNanos(micros * 1000);
            if (endOfDay) {
                local = local.plusDays(1);
            }
            if (second == 60) {
                local = local.plusSeconds(1);
            }
            return new Parsed(local, zone(m.group(8), text));
        } catch (DateTimeException | NumberFormatException e) {
            throw outOfRange(text);
        }
    }

    private static ZoneOffset zone(String zone, String text) {
        if (zone == null) {
            return null;
        }
        String z = zone.toUpperCase(Locale.ROOT);
        if (z.equals("Z") || z.equals("UTC") || z.equals("GMT")) {
            return ZoneOffset.UTC;
        }
        int sign = z.charAt(0) == '-' ? -1 : 1;
        String digits = z.substring(1).replace(":", "");
        int hours;
        int minutes = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, digits.length() - 2));
            minutes = Integer.parseInt(digits.substring(digits.length() - 2));
        }
        if (hours > 15 || minutes > 59) {
            throw new StripeJdbcException(
                    SqlState.INVALID_DATETIME_FORMAT, "time zone displacement out of range: \"" + text + "\"");
        }
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    /** Fraction digits as microseconds, rounded half up at the sixth digit. */
    private static long fractionMicros(String digits) {
        if (digits == null || digits.isEmpty()) {
            return 0;
        }
        String padded = (digits + "000000").substring(0, 6);
        long micros = Long.parseLong(padded);
        if (digits.length() > 6 && digits.charAt(6) >= '5') {
            micros++;
        }
        return micros;
    }

    private static final Pattern INTERVAL_PART = Pattern.compile(
            "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*([a-z]+)|([+-]?\\d+):(\\d+)(?::(\\d+(?:\\.\\d*)?))?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO_INTERVAL = Pattern.compile(
            "P(?:(\\d+(?:\\.\\d+)?)Y)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)W)?(?:(\\d+(?:\\.\\d+)?)D)?"
                    + "(?:T(?:(\\d+(?:\\.\\d+)?)H)?(?:(\\d+(?:\\.\\d+)?)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?",
            Pattern.CASE_INSENSITIVE);

    /**
     * Parses interval text: {@code 30 days}, {@code 1 year 2 months}, {@code 1 day 02:00:00}, {@code -1 hour},
     * {@code 1.5 days}, {@code @ 1 day ago}, ISO 8601 {@code P1DT2H}, or a bare number of seconds.
     */
    public static Interval parseInterval(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            s = s.substring(1).trim();
        }
        boolean ago = false;
        if (s.endsWith(" ago") || s.equals("ago")) {
            ago = true;
            s = s.substring(0, s.length() - 3).trim();
        }
        if (s.isEmpty()) {
            throw invalid("interval", text);
        }
        IntervalBuilder builder = new IntervalBuilder();
        Matcher iso = ISO_INTERVAL.matcher(s.toUpperCase(Locale.ROOT));
        if (s.startsWith("p") && iso.matches()) {
            builder.add(iso.group(1), "year", text);
            builder.add(iso.group(2), "month", text);
            builder.add(iso.group(3), "week", text);
            builder.add(iso.group(4), "day", text);
            builder.add(iso.group(5), "hour", text);
            builder.add(iso.group(6), "minute", text);
            builder.add(iso.group(7), "second", text);
        } else if (s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            builder.add(s, "second", text);
        } else {
            Matcher m = INTERVAL_PART.matcher(s);
            int position = 0;
            while (position < s.length()) {
                while (position < s.length()
                        && (Character.isWhitespace(s.charAt(position)) || s.charAt(position) == ',')) {
                    position++;
                }
                if (position >= s.length()) {
                    break;
                }
                if (!m.find(position) || m.start() != position) {
                    throw invalid("interval", text);
                }
                if (m.group(1) != null) {
                    builder.add(m.group(1), m.group(2), text);
                } else {
                    builder.addClock(m.group(3), m.group(4), m.group(5));
                }
                position = m.end();
            }
        }
        Interval result = builder.build(text);
        if (ago) {
            return new Interval(-result.months(), -result.days(), -result.micros());
        }
        return result;
    }

    /** Accumulates interval fields, spilling fractions downwards the way Postgres does (1.5 days = 1 day 12:00). */
    private static final class IntervalBuilder {
        private double months;
        private double days;
        private double micros;

        void add(String number, String unit, String text) {
            if (number == null) {
                return;
            }
            double value = Double.parseDouble(number);
            switch (unitOf(unit, text)) {
                case "microsecond":
                    micros += value;
                    break;
                case "millisecond":
                    micros += value * 1000;
                    break;
                case "second":
                    micros += value * DateTimeOutput.MICROS_PER_SECOND;
                    break;
                case "minute":
                    micros += value * DateTimeOutput.MICROS_PER_MINUTE;
                    break;
                case "hour":
                    micros += value * DateTimeOutput.MICROS_PER_HOUR;
                    break;
                case "day":
                    spillDays(value);
                    break;
                case "week":
                    spillDays(value * 7);
                    break;
                case "month":
                    spillMonths(value);
                    break;
                case "year":
                    spillMonths(value * 12);
                    break;
                case "decade":
                    spillMonths(value * 120);
                    break;
                case "century":
                    spillMonths(value * 1200);
                    break;
                case "millennium":
                    spillMonths(value * 12000);
                    break;
                default:
                    throw invalid("interval", text);
            }
        }

        private void spillMonths(double value) {
            double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
            months += whole;
            spillDays((value - whole) * 30);
        }

        private void spillDays(double value) {
            double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
            days += whole;
            micros += (value - whole) * DateTimeOutput.MICROS_PER_DAY;
        }

        void addClock(String hours, String minutes, String seconds) {
            boolean negative = hours.startsWith("-");
            double total = Math.abs(Double.parseDouble(hours)) * DateTimeOutput.MICROS_PER_HOUR
                    + Double.parseDouble(minutes) * DateTimeOutput.MICROS_PER_MINUTE
                    + (seconds == null ? 0 : Double.parseDouble(seconds) * DateTimeOutput.MICROS_PER_SECOND);
            micros += negative ? -total : total;
        }

        Interval build(String text) {
            if (Math.abs(months) > Integer.MAX_VALUE
                    || Math.abs(days) > Integer.MAX_VALUE
                    || Math.abs(micros) > 9.2e18) {
                throw new StripeJdbcException(
                        SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range: \"" + text + "\"");
            }
            return new Interval((int) months, (int) days, Math.round(micros));
        }
    }

    private static String unitOf(String unit, String text) {
        switch (unit) {
            case "us":
            case "usec":
            case "usecs":
            case "microsecond":
            case "microseconds":
            case "useconds":
                return "microsecond";
            case "ms":
            case "msec":
            case "msecs":
            case "millisecond":
            case "milliseconds":
            case "mseconds":
                return "millisecond";
            case "s":
            case "sec":
            case "secs":
            case "second":
            case "seconds":
                return "second";
            case "m":
            case "min":
            case "mins":
            case "minute":
            case "minutes":
                return "minute";
            case "h":
            case "hr":
            case "hrs":
            case "hour":
            case "hours":
                return "hour";
            case "d":
            case "day":
            case "days":
                return "day";
            case "w":
            case "week":
            case "weeks":
                return "week";
            case "mon":
            case "mons":
            case "month":
            case "months":
                return "month";
            case "y":
            case "yr":
            case "yrs":
            case "year":
            case "years":
                return "year";
            case "decade":
            case "decades":
                return "decade";
            case "c":
            case "cent":
            case "century":
            case "centuries":
                return "century";
            case "millennium":
            case "millennia":
            case "millenniums":
                return "millennium";
            default:
                throw invalid("interval", text);
        }
    }

    private static StripeJdbcException invalid(String typeName, String text) {
        return new StripeJdbcException(
                SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    private static StripeJdbcException outOfRange(String text) {
        return new StripeJdbcException(
                SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }
}
