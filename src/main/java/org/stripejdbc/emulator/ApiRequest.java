package org.stripejdbc.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request after transport and authentication, as the router sees it.
 *
 * @param method          upper-case HTTP method
 * @param rawPath         the path as sent, still percent-encoded
 * @param query           decoded query parameters, in order
 * @param form            decoded form body parameters, in order
 * @param requestId       the {@code Request-Id} of the answer
 * @param idempotencyKey  the {@code Idempotency-Key} header, or null
 * @param clockSecond     the emulator clock's current Unix second
 */
record ApiRequest(
        String method,
        String rawPath,
        List<Map.Entry<String, String>> query,
        List<Map.Entry<String, String>> form,
        String requestId,
        String idempotencyKey,
        long clockSecond,
        String apiVersion) {
    /** A request sent without {@code Stripe-Version} (the account's default version). */
    ApiRequest(
            String method,
            String rawPath,
            List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> form,
            String requestId,
            String idempotencyKey,
            long clockSecond) {
        this(method, rawPath, query, form, requestId, idempotencyKey, clockSecond, null);
    }

    ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = List.copyOf(query);
        form = List.copyOf(form);
        Objects.requireNonNull(requestId, "requestId");
    }

    /** Query and body parameters together (Stripe reads write parameters from both). */
    List<Map.Entry<String, String>> allParameters() {
        List<Map.Entry<String, String>> all = new ArrayList<>(query);
        all.addAll(form);
        return all;
    }
}
