package org.stripejdbc.engine.function;

import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;

/**
 * {@code to_char(timestamp, format)} with the common template patterns: {@code YYYY YYY YY Y IYYY MM Mon MON mon
 * Month MONTH month DD DDD D ID Dy DY dy Day DAY day HH HH12 HH24 MI SS MS US AM PM am pm Q WW W IW RM rm J CC TZ
 * OF} (the numeric ones in any case: {@code dd}, {@code yyyy}),
 * the {@code FM} prefix, the {@code TH}/{@code th} ordinal suffix, double-quoted literal text and backslash
 * escapes. Names are English and padded to 9 characters unless {@code FM} is given, as in Postgres.
 *
 * <p>Examples, as Postgres gives them, for 2023-11-14 22:13:20: {@code 'YYYY-MM-DD HH24:MI:SS'} is
 * {@code 2023-11-14 22:13:20}; {@code 'FMMonth DDth, YYYY'} is {@code November 14th, 2023}; {@code 'Dy HH12 AM'} is
 * {@code Tue 10 PM}; {@code '"Q"Q'} is {@code Q4}.
 */
final class DateTimeFormat {
    private DateTimeFormat() {}

    /** {@code to_char(t, format)}; {@code withZone} for a timestamptz (in UTC), whose {@code TZ} is {@code UTC}. */
    static String format(LocalDateTime t, String format, boolean withZone) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            boolean fillMode = false;
            if (format.startsWith("FM", i) || format.startsWith("fm", i)) {
                fillMode = true;
                i += 2;
                if (i >= format.length()) {
                    break;
                }
            }
            char c = format.charAt(i);
            if (c == '"') {
                int end = format.indexOf('"', i + 1);
                end = end < 0 ? format.length() : end;
                out.append(format, i + 1, end);
                i = end + 1;
                continue;
            }
            if (c == '\\' && i + 1 < format.length()) {
                out.append(format.charAt(i + 1));
                i += 2;
                continue;
            }
            String matched = null;
            for (String pattern : TO_CHAR_PATTERNS) {
                if (format.startsWith(pattern, i)) {
                    matched = pattern;
                    break;
                }
            }
            if (matched == null) {
                for (String pattern : ANY_CASE_PATTERNS) {
                    if (format.regionMatches(true, i, pattern, 0, pattern.length())) {
                        matched = pattern;
                        break;
                    }
                }
            }
            if (matched == null) {
                out.append(c);
                i++;
                continue;
            }
            String field = toCharField(matched, t, fillMode, withZone);
            i += matched.length();
            if ((format.startsWith("TH", i) || format.startsWith("th", i))
                    && !field.isBlank()
                    && field.strip().chars().allMatch(Character::isDigit)) {
                // The ordinal suffix of a number: DDth is 01st, 02nd, 03rd, 11th; TH gives it in upper case.
                String suffix = ordinalSuffix(Long.parseLong(field.strip()));
                field += format.charAt(i) == 'T' ? suffix.toUpperCase(Locale.ROOT) : suffix;
                i += 2;
            }
            out.append(field);
        }
        return out.toString();
    }

    private static String ordinalSuffix(long number) {
        long lastTwo = number % 100;
        if (lastTwo >= 11 && lastTwo <= 13) {
            return "th";
        }
        switch ((int) (number % 10)) {
            case 1:
                return "st";
            case 2:
                return "nd";
            case 3:
                return "rd";
            default:
                return "th";
        }
    }

    private static final List<String> TO_CHAR_PATTERNS = List.of(
            "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "AM", "PM", "am", "pm", "A.M.", "P.M.", "a.m.", "p.m.",
            "IYYY", "YYYY", "YYY", "YY", "Y", "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "DDD", "DD", "DAY",
            "Day", "day", "DY", "Dy", "dy", "D", "ID", "IW", "WW", "W", "Q", "RM", "rm", "J", "CC", "TZ", "tz", "OF");

    /** The numeric patterns, which Postgres reads in any case ({@code dd}, {@code yyyy}, {@code hh24}). */
    private static final List<String> ANY_CASE_PATTERNS = List.of(
            "HH24", "HH12", "HH", "MI", "SS", "MS", "US", "IYYY", "YYYY", "YYY", "YY", "Y", "MM", "DDD", "DD", "D",
            "ID", "IW", "WW", "W", "Q", "J", "CC");

    private static final String[] ROMAN_MONTHS = {
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"
    };

    private static String toCharField(String pattern, LocalDateTime t, boolean fillMode, boolean withZone) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        boolean morning = t.getHour() < 12;
        switch (pattern) {
            case "HH24":
                return number(t.getHour(), 2, fillMode);
            case "HH12":
            case "HH":
                return number(hour12, 2, fillMode);
            case "MI":
                return number(t.getMinute(), 2, fillMode);
            case "SS":
                return number(t.getSecond(), 2, fillMode);
            case "MS":
                return number(t.getNano() / 1_000_000, 3, fillMode);
            case "US":
                return number(t.getNano() / 1000, 6, fillMode);
            case "AM":
            case "PM":
                return morning ? "AM" : "PM";
            case "am":
            case "pm":
                return morning ? "am" : "pm";
            case "A.M.":
            case "P.M.":
                return morning ? "A.M." : "P.M.";
            case "a.m.":
            case "p.m.":
                return morning ? "a.m." : "p.m.";
            case "IYYY":
                return number(t.get(IsoFields.WEEK_BASED_YEAR), 4, fillMode);
            case "YYYY":
                return number(t.getYear(), 4, fillMode);
            case "YYY":
                return number(t.getYear() % 1000, 3, fillMode);
            case "YY":
                return number(t.getYear() % 100, 2, fillMode);
            case "Y":
                return number(t.getYear() % 10, 1, fillMode);
            case "MONTH":
                return name(
                        t.getMonth()
                                .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                .toUpperCase(Locale.ROOT),
                        fillMode);
            case "Month":
                return name(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), fillMode);
            case "month":
                return name(
                        t.getMonth()
                                .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                .toLowerCase(Locale.ROOT),
                        fillMode);
            case "MON":
                return t.getMonth()
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toUpperCase(Locale.ROOT);
            case "Mon":
                return t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "mon":
                return t.getMonth()
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT);
            case "MM":
                return number(t.getMonthValue(), 2, fillMode);
            case "DDD":
                return number(t.getDayOfYear(), 3, fillMode);
            case "DD":
                return number(t.getDayOfMonth(), 2, fillMode);
            case "DAY":
                return name(
                        t.getDayOfWeek()
                                .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                .toUpperCase(Locale.ROOT),
                        fillMode);
            case "Day":
                return name(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), fillMode);
            case "day":
                return name(
                        t.getDayOfWeek()
                                .getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                                .toLowerCase(Locale.ROOT),
                        fillMode);
            case "DY":
                return t.getDayOfWeek()
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toUpperCase(Locale.ROOT);
            case "Dy":
                return t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
            case "dy":
                return t.getDayOfWeek()
                        .getDisplayName(TextStyle.SHORT, Locale.ENGLISH)
                        .toLowerCase(Locale.ROOT);
            case "D":
                return Integer.toString(t.getDayOfWeek().getValue() % 7 + 1);
            case "ID":
                return Integer.toString(t.getDayOfWeek().getValue());
            case "IW":
                return number(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fillMode);
            case "WW":
                return number((t.getDayOfYear() - 1) / 7 + 1, 2, fillMode);
            case "Q":
                return Integer.toString((t.getMonthValue() - 1) / 3 + 1);
            case "W":
                return Integer.toString((t.getDayOfMonth() - 1) / 7 + 1);
            case "J":
                return Long.toString(t.toLocalDate().getLong(java.time.temporal.JulianFields.JULIAN_DAY));
            case "CC": {
                int year = t.getYear();
                return number(year > 0 ? (year + 99) / 100 : -((99 - year) / 100), 2, fillMode);
            }
            case "RM":
            case "rm": {
                // Roman month, padded to 4 characters unless FM: May is "V   ".
                String roman = ROMAN_MONTHS[t.getMonthValue() - 1];
                roman = pattern.equals("rm") ? roman.toLowerCase(Locale.ROOT) : roman;
                return fillMode ? roman : String.format("%-4s", roman);
            }
            case "TZ":
                return withZone ? "UTC" : "";
            case "tz":
                return withZone ? "utc" : "";
            case "OF":
                return withZone ? "+00" : "";
            default:
                return pattern;
        }
    }

    private static String number(int value, int width, boolean fillMode) {
        String digits = Integer.toString(Math.abs(value));
        if (!fillMode && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        return value < 0 ? "-" + digits : digits;
    }

    private static String name(String value, boolean fillMode) {
        if (fillMode || value.length() >= 9) {
            return value;
        }
        return value + " ".repeat(9 - value.length());
    }
}
