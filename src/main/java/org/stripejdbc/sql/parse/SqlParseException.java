package org.stripejdbc.sql.parse;

import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * A front-end error that points at a place in the SQL text, as Postgres does with {@code Position}.
 *
 * <p>The message reads like the Postgres one, followed by the position:
 * <pre>
 *   syntax error at or near "frm"
 *     Position: 10
 * </pre>
 * When the text has several lines the position also names line and column ({@code Position: 25 (line 2,
 * column 5)}). {@link #position()} is 1-based and counts characters of the text given to
 * {@link SqlFrontEnd#parse} or {@link SqlFrontEnd#parseScript} (the whole script, not the one statement).
 * String literals are never echoed in messages (they may hold secrets): a fault at a literal shows as
 * {@code '...'}.
 */
public final class SqlParseException extends StripeJdbcException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final int position;
    private final int line;
    private final int column;

    SqlParseException(SqlState sqlState, String reason, int position, int line, int column, boolean showLine) {
        super(sqlState, format(reason, position, line, column, showLine));
        this.reason = reason;
        this.position = position;
        this.line = line;
        this.column = column;
    }

    /** The message without the position ({@code syntax error at or near "frm"}). */
    public String reason() {
        return reason;
    }

    /** 1-based character position in the SQL text, as Postgres reports it. */
    public int position() {
        return position;
    }

    /** 1-based line of {@link #position()}. */
    public int line() {
        return line;
    }

    /** 1-based column of {@link #position()} within its line. */
    public int column() {
        return column;
    }

    private static String format(String reason, int position, int line, int column, boolean showLine) {
        String where = "\n  Position: " + position;
        return showLine ? reason + where + " (line " + line + ", column " + column + ")" : reason + where;
    }
}
