package org.stripejdbc.engine.function;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * LIKE, SIMILAR TO and POSIX regular-expression patterns translated to {@link Pattern}s, with a small cache so a
 * constant pattern is compiled once.
 *
 * <p>LIKE: {@code %} any string, {@code _} one character, the escape character (default backslash, none when the
 * ESCAPE clause is empty) makes the next character literal; a pattern may not end with the escape character.
 * Example: {@code like("a\\_b%", "\\")} matches {@code a_bc} but not {@code axbc}.
 */
public final class Patterns {
    private static final int CACHE_SIZE = 256;
    private static final Map<String, Pattern> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private Patterns() {}

    /** The regex for a LIKE pattern; {@code escape} is null for the default backslash, "" for none. */
    public static Pattern like(String pattern, String escape, boolean caseInsensitive) {
        String key = "L" + (caseInsensitive ? "i" : "s") + (escape == null ? "\\" : escape) + "\u0000" + pattern;
        Pattern cached = cached(key);
        if (cached != null) {
            return cached;
        }
        int escapeChar = likeEscape(escape);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escapeChar >= 0 && c == escapeChar) {
                if (i >= pattern.length()) {
                    throw new StripeJdbcException(
                            SqlState.DATA_EXCEPTION, "LIKE pattern must not end with escape character");
                }
                int next = pattern.codePointAt(i);
                i += Character.charCount(next);
                regex.append(Pattern.quote(new String(Character.toChars(next))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(new String(Character.toChars(c))));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return store(key, Pattern.compile(regex.toString(), flags));
    }

    private static int likeEscape(String escape) {
        if (escape == null) {
            return '\\';
        }
        if (escape.isEmpty()) {
            return -1;
        }
        if (escape.codePointCount(0, escape.length()) != 1) {
            throw new StripeJdbcException(
                    SqlState.DATA_EXCEPTION,
                    "invalid escape string: \"" + escape + "\" (escape string must be empty or one character)");
        }
        return escape.codePointAt(0);
    }

    /** The regex for a SIMILAR TO pattern (SQL regular expression, matched against the whole string). */
    public static Pattern similar(String pattern) {
        String key = "S\u0000" + pattern;
        Pattern cached = cached(key);
        if (cached != null) {
            return cached;
        }
        StringBuilder regex = new StringBuilder();
        boolean inBracket = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (inBracket) {
                if (c == ']') {
                    inBracket = false;
                }
                regex.append(c);
            } else if (c == '[') {
                inBracket = true;
                regex.append(c);
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '.' || c == '^' || c == '$') {
                regex.append('\\').append(c);
            } else {
                regex.append(c);
            }
        }
        return store(key, compile(regex.toString(), Pattern.DOTALL, pattern));
    }

    /** A POSIX regular expression ({@code ~}, {@code ~*}, {@code regexp_replace}); invalid ones fail with 2201B. */
    public static Pattern regex(String pattern, boolean caseInsensitive) {
        String key = (caseInsensitive ? "Ri" : "Rs") + "\u0000" + pattern;
        Pattern cached = cached(key);
        if (cached != null) {
            return cached;
        }
        String translated = pattern.replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:digit:]", "\\p{Digit}")
                .replace("[:alnum:]", "\\p{Alnum}")
                .replace("[:upper:]", "\\p{Upper}")
                .replace("[:lower:]", "\\p{Lower}")
                .replace("[:space:]", "\\s")
                .replace("[:punct:]", "\\p{Punct}")
                .replace("[:xdigit:]", "\\p{XDigit}")
                .replace("\\m", "\\b(?=\\w)")
                .replace("\\M", "\\b(?<=\\w)")
                .replace("\\y", "\\b");
        int flags = caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        return store(key, compile(translated, flags, pattern));
    }

    private static Pattern compile(String regex, int flags, String original) {
        try {
            return Pattern.compile(regex, flags);
        } catch (PatternSyntaxException e) {
            throw new StripeJdbcException(
                    SqlState.INVALID_REGULAR_EXPRESSION,
                    "invalid regular expression: " + e.getDescription() + " in \"" + original + "\"");
        }
    }

    private static Pattern cached(String key) {
        synchronized (CACHE) {
            return CACHE.get(key);
        }
    }

    private static Pattern store(String key, Pattern pattern) {
        synchronized (CACHE) {
            CACHE.put(key, pattern);
        }
        return pattern;
    }
}
