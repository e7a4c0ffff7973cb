package org.stripejdbc.sql.parse;

import java.util.Objects;

/**
 * The SQL text handed to the front end, able to turn a UTF-16 offset into what Postgres reports: a 1-based
 * character position, and a 1-based line and column.
 *
 * <p>Example: in {@code "select\n  frm"} the offset of {@code frm} (9) is position 10, line 2, column 3.
 */
record SourceText(String sql) {

    SourceText {
        Objects.requireNonNull(sql, "sql");
    }

    /** The 1-based character (code point) position of {@code offset}, as in Postgres' {@code Position: n}. */
    int position(int offset) {
        int clamped = clamp(offset);
        return sql.codePointCount(0, clamped) + 1;
    }

    /** The 1-based line of {@code offset}. */
    int line(int offset) {
        int clamped = clamp(offset);
        int line = 1;
        for (int i = 0; i < clamped; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The 1-based column (in characters) of {@code offset} within its line. */
    int column(int offset) {
        int clamped = clamp(offset);
        int lineStart = sql.lastIndexOf('\n', clamped - 1) + 1;
        return sql.codePointCount(lineStart, clamped) + 1;
    }

    boolean isMultiLine() {
        return sql.indexOf('\n') >= 0;
    }

    private int clamp(int offset) {
        int clamped = Math.max(0, Math.min(offset, sql.length()));
        if (clamped > 0
                && clamped < sql.length()
                && Character.isLowSurrogate(sql.charAt(clamped))
                && Character.isHighSurrogate(sql.charAt(clamped - 1))) {
            clamped--;
        }
        return clamped;
    }
}
