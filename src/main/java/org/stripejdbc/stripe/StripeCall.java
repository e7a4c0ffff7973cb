package org.stripejdbc.stripe;

import java.io.IOException;
import java.net.URI;

/**
 * One logical call of {@link HttpStripeClient}, the same on every attempt: what to send, how to read a 2xx body, and
 * what a 404 means ({@code whenNotFound}; null makes a 404 an error). Example: a retrieve of {@code cus_1} is
 * {@code new StripeCall<>("GET", .../v1/customers/cus_1, null, null, readObject, Optional.empty())}: a 404 is an empty
 * result, not an error.
 *
 * @param body           the form body of a POST, or null
 * @param idempotencyKey the {@code Idempotency-Key} of a POST (every retry sends the same), or null
 */
record StripeCall<T>(String method, URI uri, byte[] body, String idempotencyKey, BodyReader<T> reader, T whenNotFound) {

    /** Reads a 2xx body. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(LimitedInputStream in) throws IOException;
    }

    /** {@code GET /v1/customers/cus_1}: the method and the raw path, as messages name the call. */
    String requestLine() {
        return method + " " + uri.getRawPath();
    }

    /** Whether the call changes something in Stripe (POST, DELETE). */
    boolean writes() {
        return !method.equals("GET");
    }
}
