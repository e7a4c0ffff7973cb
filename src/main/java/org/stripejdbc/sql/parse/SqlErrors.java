package org.stripejdbc.sql.parse;

import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * Builds the front end's errors, worded as Postgres words them.
 *
 * <p>Security: SQL text may carry API keys and vault secrets. A string literal is never echoed (it shows as
 * {@code '...'}), and any other echoed text goes through {@link Redactor#redactShapes(String)} ({@code sk_test_51Hx...}
 * →
 * {@code sk_test_...wxyz}, {@code password=x} → {@code password=****}).
 */
final class SqlErrors {
    private static final int MAX_ECHO = 60;

    private SqlErrors() {}

    /** {@code syntax error at or near "tok"}, or {@code syntax error at end of input}, pointing at {@code token}. */
    static SqlParseException syntaxErrorAt(SourceText source, Token token) {
        if (token.type() == TokenType.END && token.text().isEmpty()) {
            return at(source, token.start(), SqlState.SYNTAX_ERROR, "syntax error at end of input");
        }
        return at(source, token.start(), SqlState.SYNTAX_ERROR, "syntax error at or near \"" + display(token) + "\"");
    }

    /** An error of {@code state} whose message is {@code reason}, pointing at UTF-16 offset {@code offset}. */
    static SqlParseException at(SourceText source, int offset, SqlState state, String reason) {
        return new SqlParseException(
                state,
                reason,
                source.position(offset),
                source.line(offset),
                source.column(offset),
                source.isMultiLine());
    }

    /** 0A000 naming the construct, e.g. {@code unsupported("CREATE TABLE", "only foreign tables exist")}. */
    static StripeJdbcException unsupported(String construct, String detail) {
        String message = construct + " is not supported";
        return StripeJdbcException.unsupported(detail == null ? message : message + ": " + detail);
    }

    /** The token as shown in a message: strings elided, keys masked, long text shortened. */
    static String display(Token token) {
        if (token.type() == TokenType.STRING) {
            return "'...'";
        }
        return mask(token.text());
    }

    /**
     * The start of unterminated text (a quoted identifier or comment running to the end) as shown in a
     * message: its first line, cut before any string quote so no literal that follows can be echoed, and
     * short. Security: the rest of the statement may hold secrets.
     */
    static String excerpt(String text) {
        int end = text.length();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\'') {
                end = i;
                break;
            }
        }
        String excerpt = text.substring(0, Math.min(end, 30));
        return mask(excerpt) + (excerpt.length() < text.length() ? "..." : "");
    }

    /** Masks secrets ({@link Redactor#redactShapes(String)}) and shortens very long text. */
    static String mask(String text) {
        String masked = Redactor.redactShapes(text);
        if (masked.length() > MAX_ECHO) {
            masked = masked.substring(0, MAX_ECHO) + "...";
        }
        return masked;
    }
}
