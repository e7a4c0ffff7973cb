package org.stripejdbc.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults the emulator injects, changeable while it runs: a fixed latency per request, a ratio of requests
 * answered 500/503, a ratio of connections closed without answer, and list endpoints that ignore their filters.
 *
 * <p>Decisions are deterministic with the seed: the n-th decision of each kind depends only on the seed and n,
 * so a single client sees the same faults on every run. Example: with seed 7 and error rate 0.25, about one
 * request in four is answered {@code 500 api_error} or {@code 503 api_error} (both with
 * {@code Stripe-Should-Retry: true}), always the same ones.
 */
final class FaultInjector {
    private static final long ERROR_STREAM = 0x5EED_E440_0000_0001L;
    private static final long DROP_STREAM = 0x5EED_D409_0000_0002L;

    private final long seed;
    private final AtomicLong errorDecisions = new AtomicLong();
    private final AtomicLong dropDecisions = new AtomicLong();
    private volatile Duration latency;
    private volatile double errorRate;
    private volatile double dropConnectionRate;
    private volatile boolean ignoreListFilters;

    FaultInjector(long seed, Duration latency, double errorRate, double dropConnectionRate) {
        this.seed = seed;
        setLatency(latency);
        setErrorRate(errorRate);
        setDropConnectionRate(dropConnectionRate);
    }

    Duration latency() {
        return latency;
    }

    void setLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    double errorRate() {
        return errorRate;
    }

    void setErrorRate(double errorRate) {
        this.errorRate = checkRatio("errorRate", errorRate);
    }

    double dropConnectionRate() {
        return dropConnectionRate;
    }

    void setDropConnectionRate(double dropConnectionRate) {
        this.dropConnectionRate = checkRatio("dropConnectionRate", dropConnectionRate);
    }

    /**
     * Whether list endpoints accept their filter parameters ({@code email}, {@code customer}, {@code status},
     * {@code created[gte]}...) but do not apply them, answering every object in list order: a server that a client
     * must never trust to filter for it.
     */
    boolean ignoreListFilters() {
        return ignoreListFilters;
    }

    void setIgnoreListFilters(boolean ignoreListFilters) {
        this.ignoreListFilters = ignoreListFilters;
    }

    static double checkRatio(String name, double ratio) {
        if (!(ratio >= 0d && ratio <= 1d)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1: " + ratio);
        }
        return ratio;
    }

    /** Whether this request's connection is to be closed without answer. */
    boolean dropConnection() {
        double rate = dropConnectionRate;
        if (rate <= 0d) {
            return false;
        }
        return unit(mix(seed ^ DROP_STREAM, dropDecisions.getAndIncrement())) < rate;
    }

    /** The injected server error for this request, if any: 500 or 503. */
    Optional<ApiError> serverError() {
        double rate = errorRate;
        if (rate <= 0d) {
            return Optional.empty();
        }
        long bits = mix(seed ^ ERROR_STREAM, errorDecisions.getAndIncrement());
        if (unit(bits) >= rate) {
            return Optional.empty();
        }
        return Optional.of((bits & 1L) == 0 ? ApiError.internalError() : ApiError.serviceUnavailable());
    }

    /** SplitMix64 finalizer of (stream, n): a well-spread 64-bit value. */
    static long mix(long stream, long n) {
        long z = stream + (n + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a double in [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }
}
