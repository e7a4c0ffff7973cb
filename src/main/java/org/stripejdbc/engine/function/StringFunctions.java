package org.stripejdbc.engine.function;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.PostgresText;

/**
 * Text functions with Postgres semantics, counting characters (code points), not UTF-16 units.
 *
 * <p>Examples: {@code substring('hello', 0, 3)} is {@code he}; {@code split_part('a,b,c', ',', -1)} is {@code c};
 * {@code initcap('hello wORLD')} is {@code Hello World}; {@code concat('a', null, 1, true)} is {@code a1t}
 * (concat uses each value's output text, {@code ||} its {@code ::text} cast).
 */
final class StringFunctions {
    private StringFunctions() {}

    static void register(FunctionRegistry.Builder b) {
        b.add("lower", List.of(TEXT), TEXT, (a, e) -> mapCase((String) a[0], false));
        b.add("upper", List.of(TEXT), TEXT, (a, e) -> mapCase((String) a[0], true));
        for (String name : List.of("length", "char_length", "character_length")) {
            b.add(name, List.of(TEXT), INTEGER, (a, e) -> codePoints((String) a[0]));
        }
        b.add(
                "octet_length",
                List.of(TEXT),
                INTEGER,
                (a, e) -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length);
        for (String name : List.of("substring", "substr")) {
            b.add(name, List.of(TEXT, INTEGER), TEXT, (a, e) -> substring((String) a[0], (Integer) a[1], null));
            b.add(
                    name,
                    List.of(TEXT, INTEGER, INTEGER),
                    TEXT,
                    (a, e) -> substring((String) a[0], (Integer) a[1], (Integer) a[2]));
        }
        b.add("substring", List.of(TEXT, TEXT), TEXT, (a, e) -> regexSubstring((String) a[0], (String) a[1]));
        b.add("position", List.of(TEXT, TEXT), INTEGER, (a, e) -> position((String) a[1], (String) a[0]));
        b.add("strpos", List.of(TEXT, TEXT), INTEGER, (a, e) -> position((String) a[0], (String) a[1]));
        b.add(
                "replace",
                List.of(TEXT, TEXT, TEXT),
                TEXT,
                (a, e) -> replace((String) a[0], (String) a[1], (String) a[2]));
        for (String name : List.of("btrim", "trim")) {
            b.add(name, List.of(TEXT), TEXT, (a, e) -> trim((String) a[0], " ", true, true));
            b.add(name, List.of(TEXT, TEXT), TEXT, (a, e) -> trim((String) a[0], (String) a[1], true, true));
        }
        b.add("ltrim", List.of(TEXT), TEXT, (a, e) -> trim((String) a[0], " ", true, false));
        b.add("ltrim", List.of(TEXT, TEXT), TEXT, (a, e) -> trim((String) a[0], (String) a[1], true, false));
        b.add("rtrim", List.of(TEXT), TEXT, (a, e) -> trim((String) a[0], " ", false, true));
        b.add("rtrim", List.of(TEXT, TEXT), TEXT, (a, e) -> trim((String) a[0], (String) a[1], false, true));
        b.add(
                "split_part",
                List.of(TEXT, TEXT, INTEGER),
                TEXT,
                (a, e) -> splitPart((String) a[0], (String) a[1], (Integer) a[2]));
        b.add("initcap", List.of(TEXT), TEXT, (a, e) -> initcap((String) a[0]));
        b.add("left", List.of(TEXT, INTEGER), TEXT, (a, e) -> left((String) a[0], (Integer) a[1]));
        b.add("right", List.of(TEXT, INTEGER), TEXT, (a, e) -> right((String) a[0], (Integer) a[1]));
        b.add(
                "reverse",
                List.of(TEXT),
                TEXT,
                (a, e) -> new StringBuilder((String) a[0]).reverse().toString());
        b.add("repeat", List.of(TEXT, INTEGER), TEXT, (a, e) -> repeat((String) a[0], (Integer) a[1]));
        b.add("lpad", List.of(TEXT, INTEGER), TEXT, (a, e) -> pad((String) a[0], (Integer) a[1], " ", true));
        b.add(
                "lpad",
                List.of(TEXT, INTEGER, TEXT),
                TEXT,
                (a, e) -> pad((String) a[0], (Integer) a[1], (String) a[2], true));
        b.add("rpad", List.of(TEXT, INTEGER), TEXT, (a, e) -> pad((String) a[0], (Integer) a[1], " ", false));
        b.add(
                "rpad",
                List.of(TEXT, INTEGER, TEXT),
                TEXT,
                (a, e) -> pad((String) a[0], (Integer) a[1], (String) a[2], false));
        b.add(
                "overlay",
                List.of(TEXT, TEXT, INTEGER),
                TEXT,
                (a, e) -> overlay((String) a[0], (String) a[1], (Integer) a[2], codePoints((String) a[1])));
        b.add(
                "overlay",
                List.of(TEXT, TEXT, INTEGER, INTEGER),
                TEXT,
                (a, e) -> overlay((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3]));
        b.add("starts_with", List.of(TEXT, TEXT), BOOLEAN, (a, e) -> ((String) a[0]).startsWith((String) a[1]));
        b.add(
                "ascii",
                List.of(TEXT),
                INTEGER,
                (a, e) -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0));
        b.add("chr", List.of(INTEGER), TEXT, (a, e) -> chr((Integer) a[0]));
        b.add(
                "regexp_replace",
                List.of(TEXT, TEXT, TEXT),
                TEXT,
                (a, e) -> regexpReplace((String) a[0], (String) a[1], (String) a[2], ""));
        b.add(
                "regexp_replace",
                List.of(TEXT, TEXT, TEXT, TEXT),
                TEXT,
                (a, e) -> regexpReplace((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
        b.add("regexp_match", List.of(TEXT, TEXT), ARRAY, (a, e) -> regexpMatch((String) a[0], (String) a[1], ""));
        b.add(
                "regexp_match",
                List.of(TEXT, TEXT, TEXT),
                ARRAY,
                (a, e) -> regexpMatch((String) a[0], (String) a[1], (String) a[2]));
        b.add("string_to_array", List.of(TEXT, TEXT), ARRAY, (a, e) -> stringToArray((String) a[0], (String) a[1]));
        b.add(new FunctionRegistry.Overload("concat", List.of(), UNKNOWN, TEXT, false, (a, e) -> concat(a, 0, "")));
        b.add(new FunctionRegistry.Overload(
                "concat_ws",
                List.of(TEXT),
                UNKNOWN,
                TEXT,
                false,
                (a, e) -> a[0] == null ? null : concat(a, 1, (String) a[0])));
        b.add(new FunctionRegistry.Overload(
                "array_to_string",
                List.of(ARRAY, TEXT),
                null,
                TEXT,
                false,
                (a, e) -> a[0] == null || a[1] == null ? null : arrayToString((List<?>) a[0], (String) a[1], null)));
        b.add(new FunctionRegistry.Overload(
                "array_to_string",
                List.of(ARRAY, TEXT, TEXT),
                null,
                TEXT,
                false,
                (a, e) -> a[0] == null || a[1] == null
                        ? null
                        : arrayToString((List<?>) a[0], (String) a[1], (String) a[2])));
        b.add(
                "array_length",
                List.of(ARRAY, INTEGER),
                INTEGER,
                (a, e) -> ((Integer) a[1]) == 1 && !((List<?>) a[0]).isEmpty() ? ((List<?>) a[0]).size() : null);
        b.add("cardinality", List.of(ARRAY), INTEGER, (a, e) -> cardinality((List<?>) a[0]));
        b.add("to_hex", List.of(INTEGER), TEXT, (a, e) -> Integer.toHexString((Integer) a[0]));
        b.add("to_hex", List.of(BIGINT), TEXT, (a, e) -> Long.toHexString((Long) a[0]));
        b.add("md5", List.of(TEXT), TEXT, (a, e) -> md5((String) a[0]));
        b.add(new FunctionRegistry.Overload(
                "format", List.of(TEXT), UNKNOWN, TEXT, false, (a, e) -> a[0] == null ? null : TextFormat.format(a)));
        b.add(
                "regexp_substr",
                List.of(TEXT, TEXT),
                TEXT,
                (a, e) -> regexpSubstr((String) a[0], (String) a[1], 1, 1, ""));
        b.add(
                "regexp_substr",
                List.of(TEXT, TEXT, INTEGER),
                TEXT,
                (a, e) -> regexpSubstr((String) a[0], (String) a[1], (Integer) a[2], 1, ""));
        b.add(
                "regexp_substr",
                List.of(TEXT, TEXT, INTEGER, INTEGER),
                TEXT,
                (a, e) -> regexpSubstr((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3], ""));
        b.add(
                "regexp_substr",
                List.of(TEXT, TEXT, INTEGER, INTEGER, TEXT),
                TEXT,
                (a, e) -> regexpSubstr((String) a[0], (String) a[1], (Integer) a[2], (Integer) a[3], (String) a[4]));
    }

    /** {@code md5(text)}: the MD5 digest of the UTF-8 bytes, as 32 lower-case hex digits. */
    static String md5(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    /**
     * {@code regexp_substr(s, pattern, start, n, flags)} (PostgreSQL 15): the {@code n}th match at or after character
     * {@code start}, or NULL; {@code regexp_substr('a1b22c', '[0-9]+', 1, 2)} is {@code 22}.
     */
    static String regexpSubstr(String s, String pattern, int start, int n, String flags) {
        if (start < 1) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"start\": " + start);
        }
        if (n < 1) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        if (flags.indexOf('g') >= 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "regexp_substr() does not support the \"global\" option");
        }
        if (start > codePoints(s)) {
            return null;
        }
        Matcher m = Patterns.regex(pattern, flags.indexOf('i') >= 0).matcher(s);
        int from = s.offsetByCodePoints(0, start - 1);
        int found = 0;
        while (from <= s.length() && m.find(from)) {
            if (++found == n) {
                return m.group();
            }
            from = m.end() > m.start() ? m.end() : m.end() + 1;
        }
        return null;
    }

    /** {@code cardinality}: the number of elements over every dimension ({@code {{1,2},{3,4}}} has 4). */
    static int cardinality(List<?> array) {
        int count = 0;
        for (Object element : array) {
            count += element instanceof List<?> inner ? cardinality(inner) : 1;
        }
        return count;
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    /** SQL {@code substring(s from start for count)}: characters at positions {@code start .. start+count-1}. */
    static String substring(String s, int start, Integer count) {
        if (count != null && count < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "negative substring length not allowed");
        }
        int length = codePoints(s);
        long first = Math.max(start, 1);
        long end = count == null ? (long) length + 1 : Math.min((long) start + count, (long) length + 1);
        if (first > length || end <= first) {
            return "";
        }
        int from = s.offsetByCodePoints(0, (int) first - 1);
        int to = s.offsetByCodePoints(0, (int) end - 1);
        return s.substring(from, to);
    }

    /** {@code overlay(s placing r from start for count)}. */
    private static String overlay(String s, String replacement, int start, int count) {
        if (start < 1 || count < 0) {
            throw new StripeJdbcException(SqlState.DATA_EXCEPTION, "negative substring length not allowed");
        }
        return substring(s, 1, start - 1)
                + replacement
                + substring(s, (int) Math.min(Integer.MAX_VALUE, (long) start + count), null);
    }

    private static String regexSubstring(String s, String pattern) {
        Matcher m = Patterns.regex(pattern, false).matcher(s);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    private static int position(String haystack, String needle) {
        int index = haystack.indexOf(needle);
        return index < 0 ? 0 : haystack.codePointCount(0, index) + 1;
    }

    private static String replace(String s, String from, String to) {
        return from.isEmpty() ? s : s.replace(from, to);
    }

    static String trim(String s, String characters, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        if (leading) {
            while (start < end && characters.indexOf(s.codePointAt(start)) >= 0) {
                start += Character.charCount(s.codePointAt(start));
            }
        }
        if (trailing) {
            while (end > start && characters.indexOf(s.codePointBefore(end)) >= 0) {
                end -= Character.charCount(s.codePointBefore(end));
            }
        }
        return s.substring(start, end);
    }

    private static String splitPart(String s, String delimiter, int field) {
        if (field == 0) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        List<String> parts = new ArrayList<>();
        if (delimiter.isEmpty()) {
            parts.add(s);
        } else {
            int from = 0;
            while (true) {
                int at = s.indexOf(delimiter, from);
                if (at < 0) {
                    parts.add(s.substring(from));
                    break;
                }
                parts.add(s.substring(from, at));
                from = at + delimiter.length();
            }
        }
        if (s.isEmpty()) {
            return "";
        }
        int index = field > 0 ? field - 1 : parts.size() + field;
        return index >= 0 && index < parts.size() ? parts.get(index) : "";
    }

    private static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(inWord ? Character.toLowerCase(c) : Character.toUpperCase(c));
                inWord = true;
            } else {
                out.appendCodePoint(c);
                inWord = false;
            }
        }
        return out.toString();
    }

    private static String left(String s, int n) {
        int length = codePoints(s);
        int count = n >= 0 ? Math.min(n, length) : Math.max(length + n, 0);
        return s.substring(0, s.offsetByCodePoints(0, count));
    }

    private static String right(String s, int n) {
        int length = codePoints(s);
        int count = n >= 0 ? Math.min(n, length) : Math.max(length + n, 0);
        return s.substring(s.offsetByCodePoints(0, length - count));
    }

    private static String repeat(String s, int n) {
        if (n <= 0) {
            return "";
        }
        if ((long) s.length() * n > 100_000_000L) {
            throw new StripeJdbcException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        return s.repeat(n);
    }

    private static String pad(String s, int length, String fill, boolean leftSide) {
        int current = codePoints(s);
        if (length <= 0) {
            return "";
        }
        if (current >= length) {
            return s.substring(0, s.offsetByCodePoints(0, length));
        }
        if (fill.isEmpty()) {
            return s;
        }
        if (length > 10_000_000) {
            throw new StripeJdbcException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
        }
        StringBuilder padding = new StringBuilder();
        int[] fillPoints = fill.codePoints().toArray();
        for (int i = 0; i < length - current; i++) {
            padding.appendCodePoint(fillPoints[i % fillPoints.length]);
        }
        return leftSide ? padding + s : s + padding;
    }

    private static String chr(int code) {
        if (code <= 0 || code > Character.MAX_CODE_POINT) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars(code));
    }

    private static String regexpReplace(String s, String pattern, String replacement, String flags) {
        boolean global = flags.indexOf('g') >= 0;
        boolean insensitive = flags.indexOf('i') >= 0;
        Matcher m = Patterns.regex(pattern, insensitive).matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            appendReplacement(out, m, replacement);
            last = m.end();
            if (!global) {
                break;
            }
        }
        out.append(s.substring(last));
        return out.toString();
    }

    /** Postgres replacement text: {@code \1}..{@code \9} groups, {@code \&} the whole match, {@code \\} a backslash. */
    private static void appendReplacement(StringBuilder out, Matcher m, String replacement) {
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(i + 1);
                if (next >= '1' && next <= '9') {
                    int group = next - '0';
                    if (group <= m.groupCount() && m.group(group) != null) {
                        out.append(m.group(group));
                    }
                    i++;
                    continue;
                }
                if (next == '&') {
                    out.append(m.group());
                    i++;
                    continue;
                }
                if (next == '\\') {
                    out.append('\\');
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
    }

    private static List<Object> regexpMatch(String s, String pattern, String flags) {
        Matcher m = Patterns.regex(pattern, flags.indexOf('i') >= 0).matcher(s);
        if (!m.find()) {
            return null;
        }
        List<Object> groups = new ArrayList<>();
        if (m.groupCount() == 0) {
            groups.add(m.group());
        } else {
            for (int g = 1; g <= m.groupCount(); g++) {
                groups.add(m.group(g));
            }
        }
        return groups;
    }

    private static List<Object> stringToArray(String s, String delimiter) {
        List<Object> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        if (delimiter.isEmpty()) {
            out.add(s);
            return out;
        }
        for (String part : s.split(Pattern.quote(delimiter), -1)) {
            out.add(part);
        }
        return out;
    }

    private static String concat(Object[] values, int from, String separator) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = from; i < values.length; i++) {
            if (values[i] == null) {
                continue;
            }
            if (!first) {
                out.append(separator);
            }
            out.append(PostgresText.format(values[i]));
            first = false;
        }
        return out.toString();
    }

    private static String arrayToString(List<?> list, String delimiter, String nullText) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object element : flatten(list)) {
            if (element == null && nullText == null) {
                continue;
            }
            if (!first) {
                out.append(delimiter);
            }
            out.append(element == null ? nullText : PostgresText.format(element));
            first = false;
        }
        return out.toString();
    }

    private static List<Object> flatten(List<?> list) {
        List<Object> out = new ArrayList<>();
        for (Object element : list) {
            if (element instanceof List<?> inner) {
                out.addAll(flatten(inner));
            } else {
                out.add(element);
            }
        }
        return out;
    }

    /**
     * Upper or lower case, one code point at a time, as Postgres does under a UTF-8 locale: {@code upper('ß')} stays
     * {@code ß} (Java's String.toUpperCase would give {@code SS}), and no letter changes the length.
     */
    static String mapCase(String text, boolean upper) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .forEach(c -> out.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
        return out.toString();
    }
}
