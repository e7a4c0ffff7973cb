package org.stripejdbc.engine.function;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * {@code to_date(text, format)} and {@code to_timestamp(text, format)}: reads a date and time from text with the
 * template patterns {@code YYYY YYY YY Y MM DD DDD Mon MON mon Month MONTH month HH HH12 HH24 MI SS MS US AM PM am
 * pm}, the {@code FM} prefix (ignored), double-quoted literal text (skipped), and any other template character,
 * which skips one character of the input. As in Postgres, blanks in the input before a field are skipped, a field
 * reads at most its width in digits, and a missing field is 1 for month and day, 0 for the time of day.
 *
 * <p>Examples: {@code to_date('2024-03-05', 'YYYY-MM-DD')} is {@code 2024-03-05}; {@code to_date('05 Mar 2024',
 * 'DD Mon YYYY')} too; {@code to_timestamp('2024-03-05 14:07', 'YYYY-MM-DD HH24:MI')} is
 * {@code 2024-03-05 14:07:00+00}. Other patterns ({@code TZ}, {@code IYYY}, {@code WW}, {@code Q}...) are 0A000.
 */
final class DateTimeParse {
    private static final List<String> PATTERNS = List.of(
            "YYYY", "YYY", "YY", "Y", "MONTH", "MON", "MM", "DDD", "DD", "HH24", "HH12", "HH", "MI", "SS", "MS", "US",
            "AM", "PM", "A.M.", "P.M.");
    private static final List<String> MONTHS = List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");

    private DateTimeParse() {}

    static LocalDate toDate(String input, String format) {
        return parse(input, format).toLocalDate();
    }

    static LocalDateTime toTimestamp(String input, String format) {
        return parse(input, format);
    }

    private static LocalDateTime parse(String input, String format) {
        int year = 1;
        int month = 1;
        int day = 1;
        Integer dayOfYear = null;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int micros = 0;
        Boolean pm = null;
        boolean twelveHour = false;
        int in = 0;
        int f = 0;
        while (f < format.length()) {
            if (format.regionMatches(true, f, "FM", 0, 2)) {
                f += 2;
                continue;
            }
            char fc = format.charAt(f);
            if (fc == '"') {
                int end = format.indexOf('"', f + 1);
                int length = (end < 0 ? format.length() : end) - f - 1;
                in = Math.min(input.length(), in + length);
                f = end < 0 ? format.length() : end + 1;
                continue;
            }
            String pattern = pattern(format, f);
            if (pattern == null) {
                if (Character.isLetter(fc)) {
                    throw StripeJdbcException.unsupported(
                            "the template pattern at \"" + format.substring(f) + "\" is not supported by to_date");
                }
                f++;
                if (in < input.length()
                        && (fc == ' '
                                ? Character.isWhitespace(input.charAt(in))
                                : !Character.isLetterOrDigit(input.charAt(in)))) {
                    in++;
                }
                continue;
            }
            f += pattern.length();
            while (in < input.length() && input.charAt(in) == ' ') {
                in++;
            }
            switch (pattern) {
                case "MONTH", "MON" -> {
                    int found = -1;
                    for (int m = 0; m < 12 && found < 0; m++) {
                        String name = MONTHS.get(m);
                        if (pattern.equals("MONTH") && input.regionMatches(true, in, name, 0, name.length())) {
                            found = m;
                            in += name.length();
                        } else if (pattern.equals("MON") && input.regionMatches(true, in, name, 0, 3)) {
                            found = m;
                            in += 3;
                        }
                    }
                    if (found < 0) {
                        throw invalidValue(input, in, pattern);
                    }
                    month = found + 1;
                }
                case "AM", "PM", "A.M.", "P.M." -> {
                    boolean dotted = pattern.length() == 4;
                    String am = dotted ? "a.m." : "am";
                    String pmText = dotted ? "p.m." : "pm";
                    if (input.regionMatches(true, in, am, 0, am.length())) {
                        pm = false;
                    } else if (input.regionMatches(true, in, pmText, 0, pmText.length())) {
                        pm = true;
                    } else {
                        throw invalidValue(input, in, pattern);
                    }
                    in += am.length();
                }
                default -> {
                    int width = width(pattern);
                    boolean negative = pattern.startsWith("Y") && in < input.length() && input.charAt(in) == '-';
                    int start = negative ? in + 1 : in;
                    int end = start;
                    while (end < input.length() && end - start < width && Character.isDigit(input.charAt(end))) {
                        end++;
                    }
                    if (end == start) {
                        throw invalidValue(input, in, pattern);
                    }
                    int value = Integer.parseInt(input.substring(start, end));
                    in = end;
                    switch (pattern) {
                        case "YYYY" -> year = negative ? -value : value;
                        case "YYY" -> year = end - start < 3 ? value : (value < 100 ? 2000 + value : 1000 + value);
                        case "YY" -> year = end - start < 2 ? value : (value < 70 ? 2000 + value : 1900 + value);
                        case "Y" -> year = 2000 + value;
                        case "MM" -> month = value;
                        case "DD" -> day = value;
                        case "DDD" -> dayOfYear = value;
                        case "HH", "HH12" -> {
                            hour = value;
                            twelveHour = true;
                        }
                        case "HH24" -> hour = value;
                        case "MI" -> minute = value;
                        case "SS" -> second = value;
                        case "MS" -> micros = value * (int) Math.pow(10, 3 - (end - start)) * 1000;
                        default -> micros = value * (int) Math.pow(10, 6 - (end - start));
                    }
                }
            }
        }
        if (twelveHour || pm != null) {
            if (hour < 1 || hour > 12) {
                throw new StripeJdbcException(
                        SqlState.INVALID_DATETIME_FORMAT, "hour \"" + hour + "\" is invalid for the 12-hour clock");
            }
            hour = hour % 12 + (Boolean.TRUE.equals(pm) ? 12 : 0);
        }
        try {
            LocalDate date = dayOfYear != null ? LocalDate.ofYearDay(year, dayOfYear) : LocalDate.of(year, month, day);
            return LocalDateTime.of(date, LocalTime.of(hour, minute, second, micros * 1000));
        } catch (DateTimeException e) {
            throw new StripeJdbcException(
                    SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + input + "\"");
        }
    }

    private static String pattern(String format, int at) {
        for (String pattern : PATTERNS) {
            if (format.regionMatches(true, at, pattern, 0, pattern.length())) {
                return pattern;
            }
        }
        return null;
    }

    private static int width(String pattern) {
        return switch (pattern) {
            case "YYYY" -> 4;
            case "YYY", "DDD", "MS" -> 3;
            case "Y" -> 1;
            case "US" -> 6;
            default -> 2;
        };
    }

    private static StripeJdbcException invalidValue(String input, int at, String pattern) {
        String rest = input.substring(Math.min(at, input.length()));
        return new StripeJdbcException(
                SqlState.INVALID_DATETIME_FORMAT,
                "invalid value \"" + rest + "\" for \"" + pattern.toUpperCase(Locale.ROOT) + "\"");
    }
}
