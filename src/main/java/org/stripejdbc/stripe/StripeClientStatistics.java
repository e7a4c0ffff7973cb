package org.stripejdbc.stripe;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one {@link HttpStripeClient}, safe to read while requests run. Tests and the benchmark read them;
 * {@link #snapshot()} gives a consistent-enough immutable copy for assertions and logs.
 *
 * <p>Example: a list call that got a {@code 500} and then a {@code 200} counts {@code calls=1, requests=2,
 * retries=1, failures=0}, and {@code bytesReceived} is the sum of both bodies.
 */
public final class StripeClientStatistics {
    private final LongAdder calls = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder rateLimitedNanos = new LongAdder();

    /** An immutable copy of the counters. */
    public record Snapshot(
            long calls,
            long requests,
            long retries,
            long failures,
            long bytesReceived,
            long bytesSent,
            long rateLimitedNanos) {}

    /** Logical API calls ({@code list}, {@code retrieve}, ...), each counted once however often it was retried. */
    public long calls() {
        return calls.sum();
    }

    /** HTTP requests sent, retries included. */
    public long requests() {
        return requests.sum();
    }

    /** HTTP requests that were retries of an earlier attempt. */
    public long retries() {
        return retries.sum();
    }

    /** Calls that ended with an exception (404 turned into "empty" is not a failure). */
    public long failures() {
        return failures.sum();
    }

    /** Response body bytes read (after decompression), error bodies included. */
    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** Request body bytes sent (form bodies). */
    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Time spent waiting for the client-side rate limiter, in nanoseconds. */
    public long rateLimitedNanos() {
        return rateLimitedNanos.sum();
    }

    public Snapshot snapshot() {
        return new Snapshot(
                calls(), requests(), retries(), failures(), bytesReceived(), bytesSent(), rateLimitedNanos());
    }

    void recordCall() {
        calls.increment();
    }

    void recordRequest(long bodyBytes) {
        requests.increment();
        bytesSent.add(bodyBytes);
    }

    void recordRetry() {
        retries.increment();
    }

    void recordFailure() {
        failures.increment();
    }

    void recordBytesReceived(long bytes) {
        bytesReceived.add(bytes);
    }

    void recordRateLimitWait(long nanos) {
        rateLimitedNanos.add(nanos);
    }

    @Override
    public String toString() {
        Snapshot s = snapshot();
        return "StripeClientStatistics[calls=" + s.calls() + ", requests=" + s.requests() + ", retries=" + s.retries()
                + ", failures=" + s.failures() + ", bytesReceived=" + s.bytesReceived() + ", bytesSent="
                + s.bytesSent() + ", rateLimitedNanos=" + s.rateLimitedNanos() + "]";
    }
}
