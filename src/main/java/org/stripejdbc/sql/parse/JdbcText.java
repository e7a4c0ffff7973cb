package org.stripejdbc.sql.parse;

import java.util.Locale;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * What a JDBC driver does to SQL text before parsing it, as pgjdbc does: JDBC escapes, and in a plain
 * {@code Statement} the question mark as an operator.
 *
 * <p>Escapes, outside strings, quoted identifiers and comments: {@code {d '2024-01-02'}} is
 * {@code date '2024-01-02'}, {@code {t '03:04:05'}} {@code time '03:04:05'}, {@code {ts '2024-01-02 03:04:05'}}
 * {@code timestamp '2024-01-02 03:04:05'}, {@code {fn ucase(name)}} {@code upper(name)} (the JDBC names
 * {@code ucase}, {@code lcase}, {@code curdate}, {@code curtime}, {@code ifnull}, {@code database}, {@code user} and
 * {@code char_length} map to Postgres'; any other function keeps its name), {@code {oj a left join b on ...}} its
 * join, {@code {escape '\'}} {@code escape '\'} and {@code {limit 5}} {@code limit 5}. Other braces are left as they
 * are.
 *
 * <p>Question marks: in a plain statement there are no parameters, so a {@code ?} is the jsonb key-exists operator
 * ({@code attrs ? 'email'}); it is doubled to the {@code ??} a prepared statement writes. {@code ?|} and {@code ?&}
 * are operators either way.
 */
public final class JdbcText {
    private static final Map<String, String> FUNCTIONS = Map.of(
            "ucase", "upper",
            "lcase", "lower",
            "curdate", "current_date",
            "curtime", "localtime",
            "ifnull", "coalesce",
            "database", "current_database",
            "user", "current_user",
            "char_length", "char_length");

    /** Postgres' SQL value functions, written without parentheses. */
    private static final java.util.Set<String> WITHOUT_PARENTHESES =
            java.util.Set.of("current_date", "localtime", "current_user");

    private JdbcText() {}

    /** {@code sql} with its JDBC escapes translated. */
    public static String escapes(String sql) {
        if (sql.indexOf('{') < 0) {
            return sql;
        }
        return new Scanner(sql, true, false).run();
    }

    /** {@code sql} as a plain statement means it: escapes translated when asked, every parameter mark doubled. */
    public static String plainStatement(String sql, boolean escapeProcessing) {
        if (sql.indexOf('?') < 0 && (!escapeProcessing || sql.indexOf('{') < 0)) {
            return sql;
        }
        return new Scanner(sql, escapeProcessing, true).run();
    }

    /** One pass over the text, copying strings, quoted identifiers and comments unchanged. */
    private static final class Scanner {
        private final String sql;
        private final boolean escapes;
        private final boolean questionMarks;
        private final StringBuilder out;
        private int i;

        Scanner(String sql, boolean escapes, boolean questionMarks) {
            this.sql = sql;
            this.escapes = escapes;
            this.questionMarks = questionMarks;
            this.out = new StringBuilder(sql.length() + 16);
        }

        String run() {
            int depth = 0;
            java.util.ArrayDeque<String> closers = new java.util.ArrayDeque<>();
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\'') {
                    boolean escaped = i > 0
                            && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
                            && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)));
                    copyQuoted('\'', escaped);
                } else if (c == '"') {
                    copyQuoted('"', false);
                } else if (c == '-' && sql.startsWith("--", i)) {
                    int end = sql.indexOf('\n', i);
                    copyTo(end < 0 ? sql.length() : end);
                } else if (c == '/' && sql.startsWith("/*", i)) {
                    copyComment();
                } else if (c == '$' && dollarTag() != null) {
                    String tag = dollarTag();
                    int end = sql.indexOf(tag, i + tag.length());
                    copyTo(end < 0 ? sql.length() : end + tag.length());
                } else if (c == '?' && questionMarks) {
                    char next = i + 1 < sql.length() ? sql.charAt(i + 1) : ' ';
                    if (next == '?' || next == '|' || next == '&') {
                        out.append(c).append(next);
                        i += 2;
                    } else {
                        out.append("??");
                        i++;
                    }
                } else if (c == '{' && escapes && escapeKeyword() != null) {
                    String keyword = escapeKeyword();
                    i += 1;
                    while (Character.isWhitespace(sql.charAt(i))) {
                        i++;
                    }
                    i += keyword.length();
                    closers.push(keyword);
                    depth++;
                    switch (keyword) {
                        case "d" -> out.append("date");
                        case "t" -> out.append("time");
                        case "ts" -> out.append("timestamp");
                        case "escape" -> out.append("escape");
                        case "limit" -> out.append("limit");
                        case "fn" -> function();
                        default -> {
                            // oj: the join itself
                        }
                    }
                } else if (c == '}' && depth > 0) {
                    depth--;
                    closers.pop();
                    i++;
                } else {
                    out.append(c);
                    i++;
                }
            }
            if (depth > 0) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR, "unterminated JDBC escape {" + closers.peek() + " ...: missing }");
            }
            return out.toString();
        }

        /** {@code fn name}: the name mapped, the rest copied by the main loop. */
        private void function() {
            while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                i++;
            }
            String name = sql.substring(start, i);
            String mapped = FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
            out.append(' ').append(mapped == null ? name : mapped);
            int save = i;
            while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
                i++;
            }
            // Postgres writes current_date and friends without parentheses: {fn curdate()} is current_date.
            if (mapped != null && WITHOUT_PARENTHESES.contains(mapped) && sql.startsWith("()", i)) {
                i += 2;
            } else {
                i = save;
            }
        }

        /** The escape keyword after the {@code {} at the cursor, or null when this brace is no escape. */
        private String escapeKeyword() {
            int j = i + 1;
            while (j < sql.length() && Character.isWhitespace(sql.charAt(j))) {
                j++;
            }
            int start = j;
            while (j < sql.length() && Character.isLetter(sql.charAt(j))) {
                j++;
            }
            String word = sql.substring(start, j).toLowerCase(Locale.ROOT);
            boolean separated = j < sql.length() && (Character.isWhitespace(sql.charAt(j)) || sql.charAt(j) == '\'');
            return separated
                            && Map.of("d", 1, "t", 1, "ts", 1, "fn", 1, "oj", 1, "escape", 1, "limit", 1)
                                    .containsKey(word)
                    ? sql.substring(start, j).toLowerCase(Locale.ROOT)
                    : null;
        }

        private String dollarTag() {
            int j = i + 1;
            while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                j++;
            }
            if (j < sql.length() && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
                if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) {
                    return null;
                }
                return sql.substring(i, j + 1);
            }
            return null;
        }

        private void copyQuoted(char quote, boolean backslashes) {
            int j = i + 1;
            while (j < sql.length()) {
                char c = sql.charAt(j);
                if (backslashes && c == '\\') {
                    j += 2;
                } else if (c == quote) {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                        j += 2;
                    } else {
                        j++;
                        break;
                    }
                } else {
                    j++;
                }
            }
            copyTo(Math.min(j, sql.length()));
        }

        private void copyComment() {
            int level = 0;
            int j = i;
            while (j < sql.length()) {
                if (sql.startsWith("/*", j)) {
                    level++;
                    j += 2;
                } else if (sql.startsWith("*/", j)) {
                    level--;
                    j += 2;
                    if (level == 0) {
                        break;
                    }
                } else {
                    j++;
                }
            }
            copyTo(j);
        }

        private void copyTo(int end) {
            out.append(sql, i, end);
            i = end;
        }
    }
}
