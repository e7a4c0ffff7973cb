package org.stripejdbc.stripe;

import java.io.IOException;
import java.util.Objects;
import org.stripejdbc.error.SqlState;

/**
 * A successful response whose body is not what the endpoint promises: not JSON ({@code parse JSON response
 * failed: ...}, 22P02) or JSON of the wrong shape ({@code invalid response: ...}, HV000). Never retried.
 */
final class InvalidResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    private final SqlState sqlState;

    private InvalidResponseException(SqlState sqlState, String message) {
        super(message);
        this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
    }

    static InvalidResponseException parseFailed(String detail) {
        return new InvalidResponseException(SqlState.INVALID_JSON_TEXT, "parse JSON response failed: " + detail);
    }

    static InvalidResponseException invalid(String detail) {
        return new InvalidResponseException(SqlState.FDW_ERROR, "invalid response: " + detail);
    }

    SqlState sqlState() {
        return sqlState;
    }
}
