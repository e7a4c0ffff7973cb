package org.stripejdbc.driver;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Converts engine errors into {@link SQLException}s at the JDBC boundary: the SQLSTATE is kept and the
 * subclass follows its class, so that tools translating by subclass (Spring's
 * {@code SQLExceptionSubclassTranslator}) and by state agree.
 * <pre>
 *   08xxx → SQLTransientConnectionException (08006, 08000) / SQLNonTransientConnectionException (08001, 08003)
 *   0A000 → SQLFeatureNotSupportedException      22xxx → SQLDataException
 *   23xxx → SQLIntegrityConstraintViolationException   28xxx → SQLInvalidAuthorizationSpecException
 *   40xxx → SQLTransactionRollbackException      42xxx → SQLSyntaxErrorException
 *   57014 → SQLTimeoutException                  anything else → SQLException
 * </pre>
 */
final class SqlExceptions {
    private SqlExceptions() {}

    static SQLException toSqlException(StripeJdbcException e) {
        return create(e.getMessage(), e.sqlState().code(), e);
    }

    static SQLException create(String message, String state, Throwable cause) {
        String cls = state == null || state.length() < 2 ? "" : state.substring(0, 2);
        SQLException out;
        switch (cls) {
            case "08":
                out = "08001".equals(state) || "08003".equals(state)
                        ? new SQLNonTransientConnectionException(message, state, cause)
                        : new SQLTransientConnectionException(message, state, cause);
                break;
            case "0A":
                out = new SQLFeatureNotSupportedException(message, state, cause);
                break;
            case "22":
                out = new SQLDataException(message, state, cause);
                break;
            case "23":
                out = new SQLIntegrityConstraintViolationException(message, state, cause);
                break;
            case "28":
                out = new SQLInvalidAuthorizationSpecException(message, state, cause);
                break;
            case "40":
                out = new SQLTransactionRollbackException(message, state, cause);
                break;
            case "42":
                out = new SQLSyntaxErrorException(message, state, cause);
                break;
            case "57":
                out = SqlState.QUERY_CANCELED.code().equals(state)
                        ? new SQLTimeoutException(message, state, cause)
                        : new SQLException(message, state, cause);
                break;
            default:
                out = new SQLException(message, state, cause);
        }
        return out;
    }

    /**
     * Avatica wraps exceptions thrown from the Meta in a plain {@code SQLException("Error while ...")} without
     * SQLSTATE. This finds our exception in the cause chain and returns the proper one; anything else becomes
     * an internal error (XX000) that still carries the original message.
     */
    static SQLException translate(Throwable e) {
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            return sql;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchFailure failure) {
                return failure.batch;
            }
            if (t instanceof StripeJdbcException sje) {
                return toSqlException(sje);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (e instanceof SQLException sql) {
            return sql;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return create("internal error: " + message, SqlState.INTERNAL_ERROR.code(), e);
    }

    /** A JDBC action that may throw. */
    interface SqlAction<T> {
        T run() throws SQLException;
    }

    /** Runs {@code action}, translating any failure with {@link #translate(Throwable)}. */
    static <T> T call(SqlAction<T> action) throws SQLException {
        try {
            return action.run();
        } catch (SQLException e) {
            SQLException translated = translate(e);
            if (translated != e && e.getNextException() != null) {
                translated.setNextException(e.getNextException());
            }
            throw translated;
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }
}
