package org.stripejdbc.engine.function;

import java.util.Locale;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ReservedWords;
import org.stripejdbc.types.PostgresText;

/**
 * {@code format(formatstr, args...)} as in Postgres: {@code %s} (the value's text, NULL as empty), {@code %I} (an
 * identifier, double-quoted when needed), {@code %L} (a literal, quoted, NULL as {@code NULL}) and {@code %%}; each
 * with an optional argument position {@code n$}, the flag {@code -} (left-justify) and a width (a number,
 * {@code *} or {@code *n$}, taken from the arguments).
 *
 * <p>Examples: {@code format('%s-%s %I %L', 'a', 2, 'x y', 'it''s')} is {@code a-2 "x y" 'it''s'};
 * {@code format('%-5s|%3s|%1$s', 'ab', 'c')} is {@code ab   |  c|ab}.
 */
final class TextFormat {
    private TextFormat() {}

    /** {@code arguments[0]} is the format string (not NULL); the rest are the values, of any type. */
    static String format(Object[] arguments) {
        String template = (String) arguments[0];
        StringBuilder out = new StringBuilder();
        int next = 1;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= template.length()) {
                throw invalid("unterminated format() type specifier");
            }
            if (template.charAt(i) == '%') {
                out.append('%');
                i++;
                continue;
            }
            int[] cursor = {i};
            Integer position = argumentPosition(template, cursor);
            boolean left = false;
            while (cursor[0] < template.length() && template.charAt(cursor[0]) == '-') {
                left = true;
                cursor[0]++;
            }
            Integer width = null;
            if (cursor[0] < template.length() && template.charAt(cursor[0]) == '*') {
                cursor[0]++;
                Integer widthPosition = argumentPosition(template, cursor);
                int index = widthPosition != null ? widthPosition : next++;
                Object value = argument(arguments, index);
                next = index + 1;
                if (value != null) {
                    width = value instanceof Number n ? n.intValue() : Integer.parseInt(PostgresText.format(value));
                    if (width < 0) {
                        left = true;
                        width = -width;
                    }
                }
            } else {
                int start = cursor[0];
                while (cursor[0] < template.length() && Character.isDigit(template.charAt(cursor[0]))) {
                    cursor[0]++;
                }
                if (cursor[0] > start) {
                    width = Integer.parseInt(template.substring(start, cursor[0]));
                }
            }
            if (cursor[0] >= template.length()) {
                throw invalid("unterminated format() type specifier");
            }
            char type = template.charAt(cursor[0]++);
            i = cursor[0];
            int index = position != null ? position : next;
            next = index + 1;
            Object value = argument(arguments, index);
            String text = switch (type) {
                case 's' -> value == null ? "" : PostgresText.format(value);
                case 'I' -> {
                    if (value == null) {
                        throw new StripeJdbcException(
                                SqlState.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    yield quoteIdentifier(PostgresText.format(value));
                }
                case 'L' -> value == null ? "NULL" : quoteLiteral(PostgresText.format(value));
                default -> throw invalid("unrecognized format() type specifier \"" + type + "\"");
            };
            if (width != null && text.codePointCount(0, text.length()) < width) {
                String padding = " ".repeat(width - text.codePointCount(0, text.length()));
                text = left ? text + padding : padding + text;
            }
            out.append(text);
        }
        return out.toString();
    }

    /** An {@code n$} at the cursor (moved past it), or null. */
    private static Integer argumentPosition(String template, int[] cursor) {
        int j = cursor[0];
        while (j < template.length() && Character.isDigit(template.charAt(j))) {
            j++;
        }
        if (j > cursor[0] && j < template.length() && template.charAt(j) == '$') {
            int position = Integer.parseInt(template.substring(cursor[0], j));
            if (position == 0) {
                throw invalid("format specifies argument 0, but arguments are numbered from 1");
            }
            cursor[0] = j + 1;
            return position;
        }
        return null;
    }

    private static Object argument(Object[] arguments, int index) {
        if (index >= arguments.length) {
            throw invalid("too few arguments for format()");
        }
        return arguments[index];
    }

    /** quote_ident: as is when a lower-case, non-reserved identifier; else double-quoted, quotes doubled. */
    static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty()
                && name.matches("[a-z_][a-z0-9_]*")
                && !ReservedWords.cannotBeName(name.toLowerCase(Locale.ROOT));
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** quote_literal: single-quoted, quotes doubled; with a backslash, an E'' string with backslashes doubled. */
    static String quoteLiteral(String value) {
        String quoted = "'" + value.replace("'", "''").replace("\\", "\\\\") + "'";
        return value.indexOf('\\') >= 0 ? "E" + quoted : quoted;
    }

    private static StripeJdbcException invalid(String message) {
        return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
