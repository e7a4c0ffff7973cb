package org.stripejdbc.stripe;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How long one logical request may wait for Stripe, shared by all its attempts: {@code read_timeout} in all. Each
 * attempt gets what is left as its response timeout, and once it is used up no further attempt is made, so a silent
 * API fails after about {@code read_timeout} (plus the backoff between attempts, which is not counted), not after
 * {@code read_timeout} times the attempts.
 *
 * <p>Example with read_timeout 80 s: attempt 1 gets a 500 after 2 s, the client backs off 0.5 s, attempt 2 may wait
 * 78 s; if Stripe stays silent the call fails at about 80.5 s with
 * {@code Stripe did not answer GET /v1/customers within 80.5 s (2 attempts, read_timeout 80 s)}.
 *
 * <p>Time is read from the client's injected monotonic clock ({@link StripeClientConfig#nanoTime()}). Not
 * thread-safe: one per call.
 */
final class AnswerBudget {
    /** Less than this left is too short for another attempt. */
    static final long MIN_ATTEMPT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final long limitNanos;
    private final LongSupplier clock;
    private final long started;
    private long spentNanos;
    private long attemptStarted;

    AnswerBudget(Duration limit, LongSupplier clock) {
        this.limitNanos = Objects.requireNonNull(limit, "limit").toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.started = clock.getAsLong();
    }

    /** The response timeout of the next attempt: what is left of the budget, in milliseconds (at least 1). */
    long attemptTimeoutMillis() {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos() + 999_999));
    }

    void attemptStarted() {
        attemptStarted = clock.getAsLong();
    }

    void attemptEnded() {
        spentNanos += Math.max(0, clock.getAsLong() - attemptStarted);
    }

    /** Whether too little is left for another attempt. */
    boolean exhausted() {
        return remainingNanos() < MIN_ATTEMPT_NANOS;
    }

    long remainingNanos() {
        return limitNanos - spentNanos;
    }

    /** The time since the call started, backoff and rate-limit waits included. */
    long elapsedNanos() {
        return Math.max(0, clock.getAsLong() - started);
    }

    /**
     * A duration as people read it: whole seconds from 10 s on, tenths below. Examples: 80 s, 80 s (for 80.4 s),
     * 2.5 s, 0.2 s.
     */
    static String describe(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds >= 10) {
            return Math.round(seconds) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
