package org.stripejdbc.driver;

import java.sql.SQLException;
import org.stripejdbc.error.SqlState;

/**
 * The SQLExceptions the JDBC layer raises itself (misuse of the API rather than a failing statement), with the
 * SQLSTATEs and wording of pgjdbc so that tools and their users see what they know:
 * <pre>
 *   columnIndex(99, 8)     22023  The column index is out of range: 99, number of columns: 8.
 *   closed("ResultSet")    55000  This ResultSet is closed.
 *   closed("Connection")   08003  This connection has been closed.
 * </pre>
 */
final class JdbcErrors {
    private JdbcErrors() {}

    /** An exception of the subclass that fits {@code state} (see {@link SqlExceptions#create}). */
    static SQLException create(String message, SqlState state) {
        return SqlExceptions.create(message, state.code(), null);
    }

    static SQLException columnIndex(int index, int count) {
        return create(
                "The column index is out of range: " + index + ", number of columns: " + count + ".",
                SqlState.INVALID_PARAMETER_VALUE);
    }

    static SQLException parameterIndex(int index, int count) {
        return create(
                "The parameter index is out of range: " + index + ", number of parameters: " + count + ".",
                SqlState.INVALID_PARAMETER_VALUE);
    }

    /** Use of a closed object: {@code "ResultSet"}, {@code "Statement"} or {@code "Connection"}. */
    static SQLException closed(String what) {
        if (what.equals("Connection")) {
            return create("This connection has been closed.", SqlState.CONNECTION_DOES_NOT_EXIST);
        }
        if (what.equals("Statement")) {
            return create("This statement has been closed.", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE);
        }
        return create("This " + what + " is closed.", SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE);
    }
}
