package org.stripejdbc.emulator;

import java.util.Objects;

/**
 * The requests-per-second budget, counted when a request arrives, in one of two ways (a request beyond it is
 * answered 429; a budget of 0 means unlimited):
 * <ul>
 *   <li><b>token bucket</b> (the default): a bucket holding at most one second's worth of requests, refilled
 *       continuously by the emulator's monotonic clock. After an idle second a burst of the whole budget passes at
 *       once, and then one request each {@code 1/rate} seconds: some one-second windows hold up to twice the rate.
 *       Example: with 3 requests per second and a clock that does not move, requests 1-3 pass and request 4 is
 *       refused; after the clock moves 1/3 s one more request passes.</li>
 *   <li><b>sliding window</b> ({@link #setSlidingWindow}): the strict server, as Stripe describes its limits: no
 *       window of one second ever holds more requests than the rate. A request passes when the request
 *       {@code rate} places before it among those that passed arrived at least a second ago. Example: with 3
 *       requests per second, requests at 0, 0.1 and 0.2 s pass, one at 0.5 s is refused (and told to retry after
 *       1 s: the wait until the window has room, 0.5 s, in whole seconds up), one at 1.0 s passes, one at 1.05 s
 *       is refused until 1.1 s.</li>
 * </ul>
 */
final class RequestBudget {
    private static final long SECOND = 1_000_000_000L;

    private final EmulatorClock clock;
    private int requestsPerSecond;
    private boolean slidingWindow;
    private double tokens;
    private long lastRefill;
    /** Sliding window: the arrival times of the latest requests that passed, oldest first (a ring). */
    private long[] passed = new long[0];

    private int passedHead;
    private int passedCount;

    RequestBudget(EmulatorClock clock, int requestsPerSecond) {
        this.clock = Objects.requireNonNull(clock, "clock");
        setRequestsPerSecond(requestsPerSecond);
    }

    /** Changes the budget and empties what it counted: a full bucket, an empty window. */
    synchronized void setRequestsPerSecond(int requestsPerSecond) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must not be negative: " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.tokens = requestsPerSecond;
        this.lastRefill = clock.nanoTime();
        this.passed = new long[requestsPerSecond];
        this.passedHead = 0;
        this.passedCount = 0;
    }

    synchronized int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Counts as a sliding window (true) or a token bucket (false); empties what was counted. */
    synchronized void setSlidingWindow(boolean slidingWindow) {
        this.slidingWindow = slidingWindow;
        setRequestsPerSecond(requestsPerSecond);
    }

    synchronized boolean slidingWindow() {
        return slidingWindow;
    }

    /** Takes one request from the budget; false when it is exhausted. */
    synchronized boolean tryAcquire() {
        return acquire() == 0;
    }

    /**
     * Takes one request from the budget: 0 when it passes, else the nanoseconds until one would (at least 1).
     */
    synchronized long acquire() {
        if (requestsPerSecond == 0) {
            return 0;
        }
        long now = clock.nanoTime();
        return slidingWindow ? acquireInWindow(now) : acquireFromBucket(now);
    }

    private long acquireFromBucket(long now) {
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(requestsPerSecond, tokens + elapsed * (double) requestsPerSecond / SECOND);
            lastRefill = now;
        }
        if (tokens >= 1d) {
            tokens -= 1d;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1d - tokens) * SECOND / requestsPerSecond));
    }

    private long acquireInWindow(long now) {
        if (passedCount == passed.length) {
            long oldest = passed[passedHead];
            long age = now - oldest;
            if (age < SECOND) {
                return SECOND - age;
            }
            passed[passedHead] = now;
            passedHead = (passedHead + 1) % passed.length;
        } else {
            passed[(passedHead + passedCount) % passed.length] = now;
            passedCount++;
        }
        return 0;
    }
}
