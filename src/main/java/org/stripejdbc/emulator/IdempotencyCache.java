package org.stripejdbc.emulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stripe's idempotent requests for one account: the first POST with an {@code Idempotency-Key} runs and its
 * answer is kept; a later POST with the same key and the same method, path and parameters gets the same answer
 * again (with {@code Idempotent-Replayed: true}) and changes nothing; the same key with other parameters is
 * {@code 400 idempotency_error}; while the first is still running, {@code 409 idempotency_key_in_use}. Answers
 * with a 5xx status are not kept, so a retry after a server error runs again, as with Stripe.
 *
 * <p>The newest {@code capacity} keys are kept (Stripe keeps them 24 hours).
 */
final class IdempotencyCache {
    /** What a key currently stands for. */
    sealed interface Entry permits InFlight, Completed {
        String fingerprint();
    }

    /** The first request with this key is still running. */
    record InFlight(String fingerprint) implements Entry {}

    /** The first request with this key finished with {@code answer}. */
    record Completed(String fingerprint, HttpAnswer answer, String requestId) implements Entry {}

    private final Map<String, Entry> entries;

    IdempotencyCache(int capacity) {
        this.entries = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Registers a request with this key: empty when it is the first (the caller runs it and then calls
     * {@link #complete}), else what the key already stands for.
     */
    synchronized Optional<Entry> begin(String key, String fingerprint) {
        Objects.requireNonNull(key, "key");
        Entry existing = entries.get(key);
        if (existing != null) {
            return Optional.of(existing);
        }
        entries.put(key, new InFlight(fingerprint));
        return Optional.empty();
    }

    synchronized void complete(String key, String fingerprint, HttpAnswer answer, String requestId) {
        if (answer.status() >= 500) {
            entries.remove(key);
        } else {
            entries.put(key, new Completed(fingerprint, answer, requestId));
        }
    }
}
