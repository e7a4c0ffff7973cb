package org.stripejdbc.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.vault.Secret;

/**
 * A client-side token bucket that keeps the driver under Stripe's rate limits: one per API key in this JVM
 * ({@link #shared}), used by every client and connection of that key, hence by every walker of a parallel scan;
 * and adaptive: a {@code 429} halves the rate, which then recovers by 5% of the base rate per second without another
 * {@code 429}.
 *
 * <p>The bucket holds up to half a second's worth of requests (at least one); a request takes a token or reserves
 * the next one and waits until it is due, so waiting callers are served in order without spinning. Example with
 * 4 requests/s and a fake clock: the first two {@link #acquire} calls return at once, the third waits 250 ms;
 * after {@link #onRateLimited()} the rate is 2 requests/s and the bucket is empty.
 *
 * <p>Why half a second: a server budget such as the emulator's is a bucket of one second's worth. A client whose
 * own burst is as large is still refused when its requests arrive bunched (the burst delayed by new connections
 * being opened while later requests arrive at once, network jitter); with half the burst, requests may arrive up to
 * half a second out of step before the server's bucket runs dry, so parallel walkers at the server's rate see no
 * {@code 429}.
 *
 * <p>A base rate of 0 means unlimited: {@link #acquire} does not wait, until a {@code 429} arrives. Then the limiter
 * limits at half the rate it saw in the last second (at least 0.5/s), recovers by 5% of that rate per second, and is
 * unlimited again once fully recovered. Example: 40 requests in the last second, then a {@code 429} → 20/s, 30/s
 * five seconds later, unlimited after ten.
 *
 * <p>Sharing ({@link #shared}): the first client of a key creates its limiter, with the configured rate or else
 * the default for the key's prefix; later clients of the key use the same bucket. A configured rate replaces the
 * default; when connections configure different rates for one key, the lowest applies, whatever their order.
 */
public final class RateLimiter {
    /** Default rate for live keys ({@code sk_live_}, {@code rk_live_}): Stripe allows 100 requests/s in live mode. */
    public static final double LIVE_REQUESTS_PER_SECOND = 100;
    /** Default rate for test keys ({@code sk_test_}, {@code rk_test_}): Stripe allows 25 requests/s in test mode. */
    public static final double TEST_REQUESTS_PER_SECOND = 25;
    /** The lowest rate a run of {@code 429}s can push the limiter to. */
    static final double MINIMUM_REQUESTS_PER_SECOND = 0.5;
    /** The bucket holds this many seconds' worth of requests (at least one request). */
    static final double BURST_SECONDS = 0.5;
    /** Share of the base rate regained per second after a {@code 429}. */
    static final double RECOVERY_PER_SECOND = 0.05;

    private static final ConcurrentMap<SharingKey, RateLimiter> SHARED = new ConcurrentHashMap<>();
    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Security: identifies a key by its SHA-256 hash, never by the key itself. */
    private record SharingKey(String keyHash, LongSupplier nanoTime) {
        // LongSupplier compares by identity: limiters with different clocks (tests) are never shared.
    }

    private final LongSupplier nanoTime;
    private double baseRate;
    private boolean configured;
    private double rate;
    private double tokens;
    private long lastRefill;
    /** With base 0 after a 429: the rate to recover to before being unlimited again; 0 when not limiting. */
    private double learnedRate;

    private long windowStart;
    private int windowRequests;
    private double previousWindowRate;

    /**
     * A private limiter (not shared); {@code requestsPerSecond} 0 means unlimited.
     *
     * @param requestsPerSecond the base rate
     * @param nanoTime          monotonic clock in nanoseconds
     */
    public RateLimiter(double requestsPerSecond, LongSupplier nanoTime) {
        checkRate(requestsPerSecond);
        this.baseRate = requestsPerSecond;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.rate = requestsPerSecond;
        this.tokens = capacity(requestsPerSecond);
        this.lastRefill = nanoTime.getAsLong();
        this.windowStart = lastRefill;
    }

    /**
     * The limiter of {@code apiKey} in this JVM (for this clock), whose rate {@code requestsPerSecond} configures:
     * the same as {@link #shared(Secret, Double, LongSupplier) shared(apiKey, (Double) requestsPerSecond, nanoTime)}.
     */
    public static RateLimiter shared(Secret apiKey, double requestsPerSecond, LongSupplier nanoTime) {
        return shared(apiKey, Double.valueOf(requestsPerSecond), nanoTime);
    }

    /**
     * The limiter of {@code apiKey} in this JVM (for this clock), created on first use. {@code configuredRate} null
     * means "not configured": a new limiter gets the default for the key's prefix and an existing one is left as
     * it is. A configured rate replaces the default, and the lowest of several configured rates applies (0 counts
     * as unlimited, the highest). The registry is keyed by a SHA-256 hash of the key.
     */
    public static RateLimiter shared(Secret apiKey, Double configuredRate, LongSupplier nanoTime) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (configuredRate != null) {
            checkRate(configuredRate);
        }
        SharingKey key = new SharingKey(hash(apiKey), Objects.requireNonNull(nanoTime, "nanoTime"));
        RateLimiter limiter = SHARED.computeIfAbsent(key, k -> {
            RateLimiter created = new RateLimiter(
                    configuredRate != null ? configuredRate : defaultRequestsPerSecond(apiKey), k.nanoTime());
            created.configured = configuredRate != null;
            return created;
        });
        if (configuredRate != null) {
            limiter.configure(configuredRate);
        }
        return limiter;
    }

    /**
     * The default rate for a key: {@value #LIVE_REQUESTS_PER_SECOND}/s for {@code sk_live_}/{@code rk_live_},
     * {@value #TEST_REQUESTS_PER_SECOND}/s for {@code sk_test_}/{@code rk_test_}, and 0 (unlimited) for anything else.
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

    /** True when this limiter does not wait now: base rate 0 and no {@code 429} being recovered from. */
    public synchronized boolean unlimited() {
        refill(nanoTime.getAsLong());
        return baseRate == 0 && learnedRate == 0;
    }

    /** The configured rate in requests per second (0 = unlimited). */
    public synchronized double baseRate() {
        return baseRate;
    }

    /** The rate in effect now, after {@code 429} penalties and their recovery (0 = unlimited). */
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
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            refill(now);
            countRequest(now);
            if (rate == 0) {
                return 0;
            }
            tokens -= 1;
            wait = tokens >= 0 ? 0 : (long) Math.ceil(-tokens / rate * NANOS_PER_SECOND);
        }
        if (wait > 0) {
            sleeper.sleep(wait, control);
        }
        return wait;
    }

    /**
     * A {@code 429} was received: halve the current rate (not below 0.5/s) and empty the bucket. An unlimited
     * limiter starts limiting at half the rate of the last second.
     */
    public synchronized void onRateLimited() {
        long now = nanoTime.getAsLong();
        refill(now);
        if (rate == 0) {
            double seen = Math.max(previousWindowRate, windowRequests / Math.max(0.1, seconds(now - windowStart)));
            learnedRate = Math.max(2 * MINIMUM_REQUESTS_PER_SECOND, seen);
            rate = learnedRate / 2;
            tokens = 0;
            return;
        }
        rate = Math.max(Math.min(MINIMUM_REQUESTS_PER_SECOND, recoveryTarget()), rate / 2);
        tokens = Math.min(tokens, 0);
    }

    /** Applies a configured rate: it replaces the prefix default, and the lowest configured rate wins. */
    private synchronized void configure(double requestsPerSecond) {
        boolean lower = requestsPerSecond != 0 && (baseRate == 0 || requestsPerSecond < baseRate);
        if (configured && !lower) {
            return;
        }
        configured = true;
        if (requestsPerSecond == baseRate) {
            return;
        }
        refill(nanoTime.getAsLong());
        boolean wasUnlimited = rate == 0;
        baseRate = requestsPerSecond;
        learnedRate = 0;
        rate = requestsPerSecond;
        // An unlimited bucket was never drawn from: the limited one starts full.
        tokens = wasUnlimited ? capacity(requestsPerSecond) : Math.min(tokens, capacity(requestsPerSecond));
    }

    /** The rate that recovery climbs back to: the base rate, or after a 429 on an unlimited limiter the learned one. */
    private double recoveryTarget() {
        return baseRate > 0 ? baseRate : learnedRate;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            return;
        }
        lastRefill = now;
        if (rate == 0) {
            return;
        }
        double seconds = seconds(elapsed);
        // Tokens accrue at the rate that was in effect during the interval, then the rate recovers.
        tokens = Math.min(capacity(rate), tokens + seconds * rate);
        double target = recoveryTarget();
        if (rate < target) {
            rate = Math.min(target, rate + target * RECOVERY_PER_SECOND * seconds);
        }
        if (baseRate == 0 && rate >= learnedRate) {
            // Recovered from a 429 while configured unlimited: unlimited again.
            learnedRate = 0;
            rate = 0;
        }
    }

    /** Counts requests per second (what an unlimited limiter falls back to after a 429). */
    private void countRequest(long now) {
        long elapsed = now - windowStart;
        if (elapsed >= NANOS_PER_SECOND) {
            previousWindowRate = elapsed >= 2 * NANOS_PER_SECOND ? 0 : windowRequests / seconds(elapsed);
            windowStart = now;
            windowRequests = 0;
        }
        windowRequests++;
    }

    private static double seconds(long nanos) {
        return nanos / NANOS_PER_SECOND;
    }

    private static double capacity(double rate) {
        return Math.max(1, rate * BURST_SECONDS);
    }

    private static void checkRate(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 or positive: " + requestsPerSecond);
        }
    }

    private static String hash(Secret apiKey) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(apiKey.reveal().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public synchronized String toString() {
        return baseRate == 0 && learnedRate == 0
                ? "RateLimiter[unlimited]"
                : String.format(Locale.ROOT, "RateLimiter[base=%.2f/s, current=%.2f/s]", baseRate, rate);
    }
}
