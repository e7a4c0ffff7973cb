package org.stripejdbc.emulator;

import java.util.Objects;

/**
 * The requests-per-second budget: a token bucket holding at most one second's worth of requests, refilled
 * continuously by the emulator's monotonic clock. A request that finds the bucket empty is answered 429.
 * A budget of 0 means unlimited.
 *
 * <p>Example: with 3 requests per second and a clock that does not move, requests 1-3 pass and request 4 is
 * refused; after the clock moves 1/3 s one more request passes.
 */
final class RequestBudget {
    private final EmulatorClock clock;
    private int requestsPerSecond;
    private double tokens;
    private long lastRefill;

    RequestBudget(EmulatorClock clock, int requestsPerSecond) {
        this.clock = Objects.requireNonNull(clock, "clock");
        setRequestsPerSecond(requestsPerSecond);
    }

    /** Changes the budget and refills the bucket. */
    synchronized void setRequestsPerSecond(int requestsPerSecond) {
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("requestsPerSecond must not be negative: " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.tokens = requestsPerSecond;
        this.lastRefill = clock.nanoTime();
    }

    synchronized int requestsPerSecond() {
        return requestsPerSecond;
    }

    /** Takes one request from the budget; false when it is exhausted. */
    synchronized boolean tryAcquire() {
        if (requestsPerSecond == 0) {
            return true;
        }
        long now = clock.nanoTime();
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(requestsPerSecond, tokens + elapsed * (double) requestsPerSecond / 1_000_000_000d);
            lastRefill = now;
        }
        if (tokens >= 1d) {
            tokens -= 1d;
            return true;
        }
        return false;
    }
}
