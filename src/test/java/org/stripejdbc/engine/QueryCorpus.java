package org.stripejdbc.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A file of SQL queries, each preceded by comment lines that say what it covers:
 * <pre>
 *   -- joins: LEFT JOIN keeps customers without subscriptions
 *   select c.id, s.id from stripe.customers c left join stripe.subscriptions s on s.customer = c.id
 *   order by c.id, s.id;
 * </pre>
 * A query ends with the line that ends with {@code ;}; blank lines and comments between queries are ignored, the
 * comment lines right before a query (joined with a space) are its description.
 *
 * @param entries the queries in file order
 */
record QueryCorpus(List<QueryCorpus.Entry> entries) {
    /**
     * One query of the corpus.
     *
     * @param line        the line its text starts on (1-based)
     * @param description its comment
     * @param sql         the query, without the final {@code ;}
     */
    record Entry(int line, String description, String sql) {
        Entry {
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(sql, "sql");
        }

        /** Whether the outermost query block ends with ORDER BY, so the row order is part of the result. */
        boolean ordered() {
            return hasTopLevelOrderBy(sql);
        }

        /** {@code line N: description} (for test names). */
        String title() {
            return "line " + line + ": " + description;
        }
    }

    QueryCorpus {
        entries = List.copyOf(entries);
    }

    /** Reads a corpus from a class-path resource. */
    static QueryCorpus load(String resource) throws IOException {
        try (InputStream in = QueryCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static QueryCorpus parse(String text) {
        List<Entry> entries = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (sql.length() == 0) {
                if (line.isEmpty()) {
                    comments.clear();
                    continue;
                }
                if (line.startsWith("--")) {
                    comments.add(line.substring(2).strip());
                    continue;
                }
                start = i + 1;
            }
            if (line.startsWith("--")) {
                continue;
            }
            sql.append(sql.length() == 0 ? "" : "\n").append(lines[i].stripTrailing());
            if (line.endsWith(";")) {
                String query = sql.toString().strip();
                query = query.substring(0, query.length() - 1).strip();
                if (comments.isEmpty()) {
                    throw new IllegalArgumentException("line " + start + ": a query without a comment");
                }
                entries.add(new Entry(start, String.join(" ", comments), query));
                sql.setLength(0);
                comments.clear();
            }
        }
        if (sql.length() > 0) {
            throw new IllegalArgumentException("line " + start + ": a query without a final ';'");
        }
        return new QueryCorpus(entries);
    }

    /** Whether {@code ORDER BY} occurs outside parentheses, string literals and quoted names. */
    static boolean hasTopLevelOrderBy(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        int depth = 0;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\'' || c == '"') {
                int end = lower.indexOf(c, i + 1);
                i = end < 0 ? lower.length() : end;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0
                    && lower.startsWith("order", i)
                    && (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)))) {
                int j = i + "order".length();
                while (j < lower.length() && Character.isWhitespace(lower.charAt(j))) {
                    j++;
                }
                if (j > i + "order".length() && lower.startsWith("by", j)) {
                    return true;
                }
            }
        }
        return false;
    }
}
