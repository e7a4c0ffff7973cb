package org.stripejdbc.stripe;

import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * {@code 57014 query_canceled} raised by the Stripe client: the statement was cancelled, timed out or closed while
 * one of its requests was in flight or being retried. {@link #outcomeUnknown()} says whether that request may have
 * changed something in Stripe: a write (POST, DELETE) that was aborted after it was sent, or whose earlier attempt
 * failed in a way that leaves its effect unknown. The data-modifying statements report it
 * ({@code row 3 may have been applied too (its outcome is unknown)}).
 *
 * <p>Example message: {@code canceling statement due to user request (POST /v1/customers was in flight)}.
 */
public final class RequestCancelledException extends StripeJdbcException {
    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    RequestCancelledException(String message, boolean outcomeUnknown, Throwable cause) {
        super(SqlState.QUERY_CANCELED, message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /** Whether the cancelled request may nevertheless have been applied by Stripe. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
