package org.stripejdbc.stripe;

/**
 * Told how each logical call ended, for {@code EXPLAIN ANALYZE}: how many HTTP attempts it took (retries are the
 * attempts after the first), how many of them Stripe answered {@code 429}, and how long the call took in all
 * (rate-limit waits and backoff included). Called once per call, on the thread that made it, whether it succeeded
 * or failed.
 *
 * <p>Example: a page answered {@code 429} and then {@code 200} reports {@code attempts = 2, tooManyRequests = 1}.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (attempts, tooManyRequests, nanos) -> {};

    void callEnded(int attempts, int tooManyRequests, long nanos);
}
