package org.stripejdbc.stripe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * The result of one HTTP attempt of a {@link StripeCall}: a value, an HTTP error answer, or a network failure; and
 * what a failure means once no attempt is left ({@link #toException}). Examples: a 402 with Stripe's error body is
 * an {@link HttpFailure} that becomes a {@link StripeApiException} (SQLSTATE 22000, Stripe's message, code and
 * request id); a refused connection is a {@link NetworkFailure} that becomes {@code 08001 Stripe request failed on
 * GET /v1/customers: Connection refused (ConnectException)}.
 */
sealed interface AttemptOutcome<T> {

    record Success<T>(T value) implements AttemptOutcome<T> {}

    record HttpFailure<T>(
            int status, StripeError error, String requestId, String excerpt, boolean retryable, Duration retryAfter)
            implements AttemptOutcome<T> {}

    record NetworkFailure<T>(IOException error, boolean retryable) implements AttemptOutcome<T> {}

    /** Whether a failed attempt may nevertheless have been applied: sent, and no answer that says it was not. */
    static boolean mayHaveReachedStripe(AttemptOutcome<?> outcome) {
        if (outcome instanceof HttpFailure<?> failure) {
            return failure.status() >= 500 || failure.status() == 409 || failure.status() == 408;
        }
        return !connectFailure(((NetworkFailure<?>) outcome).error());
    }

    /** A failure to reach Stripe at all: the request was never sent. */
    static boolean connectFailure(IOException error) {
        return error instanceof ConnectException
                || error instanceof ConnectTimeoutException
                || error instanceof UnknownHostException
                || error instanceof NoRouteToHostException;
    }

    /** The error the caller sees for a failed call, after {@code attempts} attempts. Security: the key is masked. */
    static <T> StripeJdbcException toException(
            StripeCall<T> call,
            AttemptOutcome<T> outcome,
            int attempts,
            AnswerBudget budget,
            StripeClientConfig config) {
        if (outcome instanceof HttpFailure<T> failure) {
            return new StripeApiException(
                    failure.status(),
                    failure.error(),
                    failure.requestId(),
                    call.method(),
                    call.uri().getRawPath(),
                    failure.excerpt(),
                    attempts);
        }
        IOException error = ((NetworkFailure<T>) outcome).error();
        if (RetryPolicy.readTimeout(error)) {
            // The attempt waited for what was left of read_timeout and Stripe said nothing: the call has waited at
            // least read_timeout in all (more with the backoff between attempts).
            long waited = Math.max(budget.elapsedNanos(), config.readTimeout().toNanos());
            return new StripeJdbcException(
                    SqlState.CONNECTION_FAILURE,
                    "Stripe did not answer " + call.requestLine()
                            + " within " + AnswerBudget.describe(waited) + " (" + attempts
                            + (attempts == 1 ? " attempt" : " attempts") + ", read_timeout "
                            + AnswerBudget.describe(config.readTimeout().toNanos()) + ")",
                    error);
        }
        boolean connect = connectFailure(error);
        String cause = error.getMessage() == null
                ? error.getClass().getSimpleName()
                : error.getMessage() + " (" + error.getClass().getSimpleName() + ")";
        String message = "Stripe request failed on " + call.requestLine() + ": "
                + Redactor.redactShapes(cause, config.apiKey())
                + (attempts > 1 ? " after " + attempts + " attempts" : "");
        return new StripeJdbcException(
                connect ? SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION : SqlState.CONNECTION_FAILURE,
                message,
                error);
    }
}
