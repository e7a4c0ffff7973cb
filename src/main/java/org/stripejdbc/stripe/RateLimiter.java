package org.stripejdbc.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.vault.Secret;

/**
 * A client-side token bucket that keeps the driver under Stripe's rate limits, shared by every client that uses
 * the same API key in this JVM ({@link #shared}), and adaptive: a {@code 429} halves the rate, which then
 * recovers by 5% of the base rate per second without another {@code 429}.
 *
 * <p>The bucket holds up to one second's worth of requests (at least one); a request takes a token or reserves
 * the next one and waits until it is due, so waiting callers are served in order without spinning. Example with
 * 2 requests/s and a fake clock: the first two {@link #acquire} calls return at once, the third waits 500 ms;
 * after {@link #onRateLimited()} the rate is 1 request/s and the bucket is empty.
 *
 * <p>A rate of 0 means unlimited: {@link #acquire} never waits and {@code 429}s change nothing (the retry backoff
 * still applies).
 */
public final class RateLimiter {
    /** Default rate for live keys ({@code sk_live_}, {@code rk_live_}): Stripe allows 100 requests/s in live mode. */
    public static final double LIVE_REQUESTS_PER_SECOND = 100;
    /** Default rate for test keys ({@code sk_test_}, {@code rk_test_}): Stripe allows 25 requests/s in test mode. */
    public static final double TEST_REQUESTS_PER_SECOND = 25;
    /** The lowest rate a run of {@code 429}s can push the limiter to. */
    static final double MINIMUM_REQUESTS_PER_SECOND = 0.5;
    /** Share of the base rate regained per second after a {@code 429}. */
    static final double RECOVERY_PER_SECOND = 0.05;

    private static final ConcurrentMap<SharingKey, RateLimiter> SHARED = new ConcurrentHashMap<>();
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Security: identifies a key by its SHA-256 hash, never by the key itself. */
    private record SharingKey(String keyHash, double requestsPerSecond, LongSupplier nanoTime) {
        // LongSupplier compares by identity: limiters with different clocks (tests) are never shared.
    }

    private final double baseRate;
    private final LongSupplier nanoTime;
    private double rate;
    private double tokens;
    private long lastRefill;

    /**
     * A private limiter (not shared); {@code requestsPerSecond} 0 means unlimited.
     *
     * @param requestsPerSecond the base rate
     * @param nanoTime          monotonic clock in nanoseconds
     */
    public RateLimiter(double requestsPerSecond, LongSupplier nanoTime) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 or positive: " + requestsPerSecond);
        }
        this.baseRate = requestsPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.rate = requestsPerSecond;
        this.tokens = capacity(requestsPerSecond);
        this.lastRefill = nanoTime.getAsLong();
    }

    /**
     * The limiter shared by all clients of this JVM that use {@code apiKey} with the same rate and clock. The
     * registry is keyed by a SHA-256 hash of the key.
     */
    public static RateLimiter shared(Secret apiKey, double requestsPerSecond, LongSupplier nanoTime) {
        SharingKey key = new SharingKey(hash(apiKey), requestsPerSecond, nanoTime);
        return SHARED.computeIfAbsent(key, k -> new RateLimiter(k.requestsPerSecond(), k.nanoTime()));
    }

    /**
     * The default rate for a key: {@value #LIVE_REQUESTS_PER_SECOND}/s for {@code sk_live_}/{@code rk_live_},
     * {@value #TEST_REQUESTS_PER_SECOND}/s for {@code sk_test_}/{@code rk_test_}, and 0 (unlimited) for anything else,
     * such as emulator keys.
     */
    public static double defaultRequestsPerSecond(Secret apiKey) {
        String key = apiKey.reveal();
        if (key.startsWith("sk_live_") || key.startsWith("rk_live_")) {
            return LIVE_REQUESTS_PER_SECOND;
        }
        if (key.startsWith("sk_test_") || key.startsWith("rk_test_")) {
            return TEST_REQUESTS_PER_SECOND;
        }
        return 0;
    }

    /** True when this limiter never waits. */
    public boolean unlimited() {
        return baseRate == 0;
    }

    /** The configured rate in requests per second (0 = unlimited). */
    public double baseRate() {
        return baseRate;
    }

    /** The rate in effect now, after {@code 429} penalties and their recovery. */
    public synchronized double currentRate() {
        refill(nanoTime.getAsLong());
        return rate;
    }

    /**
     * Takes one request permit, waiting through {@code sleeper} (polling {@code control}) until it is due.
     *
     * @return the nanoseconds waited (0 when a token was available)
     */
    public long acquire(Sleeper sleeper, QueryControl control) {
        if (unlimited()) {
            return 0;
        }
        long wait;
        synchronized (this) {
            refill(nanoTime.getAsLong());
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * NANOS_PER_SECOND);
        }
        if (wait > 0) {
            sleeper.sleep(wait, control);
        }
        return wait;
    }

    /** A {@code 429} was received: halve the current rate (not below 0.5/s) and empty the bucket. */
    public void onRateLimited() {
        if (unlimited()) {
            return;
        }
        synchronized (this) {
            refill(nanoTime.getAsLong());
            rate = Math.max(Math.min(MINIMUM_REQUESTS_PER_SECOND, baseRate), rate / 2);
            tokens = Math.min(tokens, 0);
        }
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            return;
        }
        double seconds = elapsed / NANOS_PER_SECOND;
        // Tokens accrue at the rate that was in effect during the interval, then the rate recovers.
        tokens = Math.min(capacity(rate), tokens + seconds * rate);
        if (rate < baseRate) {
            rate = Math.min(baseRate, rate + baseRate * RECOVERY_PER_SECOND * seconds);
        }
        lastRefill = now;
    }

    private static double capacity(double rate) {
        return Math.max(1, rate);
    }

    private static String hash(Secret apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public synchronized String toString() {
        return unlimited() ? "RateLimiter[unlimited]"
                : String.format(java.util.Locale.ROOT, "RateLimiter[base=%.2f/s, current=%.2f/s]", baseRate, rate);
    }
}
