package org.stripejdbc.error;

import java.util.Objects;

/**
 * The one exception type the engine throws. It carries a {@link SqlState} and a message that names the
 * statement part, object or value at fault; the JDBC layer turns it into a {@code java.sql.SQLException}
 * with the same SQLSTATE and message. Messages must never contain secrets (run untrusted text through
 * {@code org.stripejdbc.vault.Redactor} before putting it in a message).
 *
 * <p>Unchecked on purpose: it travels through row iterators and lambdas.
 */
public class StripeJdbcException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final SqlState sqlState;

    public StripeJdbcException(SqlState sqlState, String message) {
        this(sqlState, message, null);
    }

    public StripeJdbcException(SqlState sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    public SqlState sqlState() {
        return sqlState;
    }

    /** Convenience for {@code 42601 syntax error}. */
    public static StripeJdbcException syntax(String message) {
        return new StripeJdbcException(SqlState.SYNTAX_ERROR, message);
    }

    /** Convenience for {@code 0A000 feature not supported}; the message names the construct. */
    public static StripeJdbcException unsupported(String message) {
        return new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED, message);
    }
}
