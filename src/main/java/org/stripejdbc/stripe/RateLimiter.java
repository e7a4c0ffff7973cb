package org.stripejdbc.stripe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
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
 * The client-side pacing that keeps the driver under Stripe's rate limits: one per API key in this JVM
 * ({@link #shared}), used by every client and connection of that key, hence by every walker of a parallel scan.
 *
 * <p><b>A sliding window.</b> With a rate of {@code r} requests per second, no window of one second ever holds
 * more than {@code r} requests, counted when they are sent: the limiter keeps the send times of the last {@code r}
 * requests, and a request may go once the one {@code r} places before it is a second (plus {@link #MARGIN}) old.
 * There is no burst above the rate, so a server that counts strictly (at most {@code r} requests in any sliding
 * second) is never exceeded, and a token-bucket server (Stripe's, the emulator's default) neither. The margin
 * covers requests that reach the server a little closer together than they left. Callers are served in order: a
 * caller reserves the next send time and sleeps until then. Example with 4 requests/s and a fake clock that does
 * not move: the first four {@link #acquire} calls return at once, the fifth waits 1.05 s, the sixth too.
 *
 * <p>A rate below 1 allows one request per {@code 1/r} seconds; a rate that is not a whole number allows the
 * whole number below it per second (learned rates, see below; configured rates are whole numbers).
 *
 * <p><b>After a {@code 429}</b> ({@link #onRateLimited}): every request of the key waits until the
 * {@code Retry-After} the server gave has passed, and the rate drops to {@value #SLOWDOWN} of what it was (not below
 * a quarter of the base rate), then climbs back to the base rate by 5% of it per second without another
 * {@code 429}. The drop itself is a pause: with 100 requests in the last second and a rate of 80, the next request
 * waits until 21 of them are a second old. A {@code 429} is not expected when the key is used by this JVM alone,
 * as pacing keeps under the rate; it means the account's budget is shared (by another process, the production
 * systems) or the server counts differently.
 *
 * <p>A base rate of 0 means unlimited: {@link #acquire} does not wait, until a {@code 429} arrives. Then the limiter
 * limits at {@value #SLOWDOWN} of the requests it sent in the last second (at least {@value #MINIMUM_LEARNED_RATE}/s),
 * lower again after each further {@code 429}, and is unlimited again after {@value #FORGET_SECONDS} seconds without
 * one. Example: 40 requests in the last second, then a {@code 429}: 32/s, unlimited ten seconds later.
 *
 * <p>Sharing ({@link #shared}): the first client of a key creates its limiter, with the configured rate or else
 * the default for the key's prefix; later clients of the key use the same limiter. A configured rate replaces the
 * default; when connections configure different rates for one key, the lowest applies, whatever their order.
 *
 * <p><b>Search has a budget of its own</b> ({@link #sharedSearch}): Stripe allows about
 * {@value #SEARCH_REQUESTS_PER_SECOND} search requests per second, counted apart from the other reads, so each key
 * has a second limiter for its search requests, with the same strict pacing and the same sharing by every
 * connection of the JVM ({@code search_requests_per_second}). Example: 20 searches in the last second make the 21st
 * search wait, while a list request of the same key goes at once.
 */
public final class RateLimiter {
    /** Default rate for live keys ({@code sk_live_}, {@code rk_live_}): Stripe allows 100 requests/s in live mode. */
    public static final double LIVE_REQUESTS_PER_SECOND = 100;
    /** Default rate for test keys ({@code sk_test_}, {@code rk_test_}): Stripe allows 25 requests/s in test mode. */
    public static final double TEST_REQUESTS_PER_SECOND = 25;
    /** Default rate of a key's search requests, whatever the key: Stripe allows about 20 search reads/s. */
    public static final double SEARCH_REQUESTS_PER_SECOND = 20;
    /**
     * Added to the window: a request waits until the one {@code r} places before it is this much more than a second
     * old, so that requests arriving at the server up to this much closer together than they left stay within its
     * window (network jitter, a busy server that counts one request later than the next: on a loaded 2-core
     * machine the emulator's strict window saw 20 ms and more). A thread that wakes up late does not use it up: its
     * request counts from when it really left. It costs a twentieth of the rate.
     */
    static final Duration MARGIN = Duration.ofMillis(50);
    /** What a {@code 429} multiplies the rate in effect by. */
    static final double SLOWDOWN = 0.8;
    /** The lowest share of the base rate that {@code 429}s can push a configured limiter to. */
    static final double MINIMUM_SHARE = 0.25;
    /** Share of the base rate regained per second without a {@code 429}. */
    static final double RECOVERY_PER_SECOND = 0.05;
    /** The lowest rate an unlimited limiter learns from {@code 429}s. */
    static final double MINIMUM_LEARNED_RATE = 0.5;
    /** Seconds without a {@code 429} after which an unlimited limiter is unlimited again. */
    static final int FORGET_SECONDS = 10;
    /** Send times kept when unlimited: enough to tell the rate of the last second up to this many requests. */
    static final int UNLIMITED_LOG = 4_096;

    private static final ConcurrentMap<SharingKey, RateLimiter> SHARED = new ConcurrentHashMap<>();
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    /** The budgets a key's requests are counted in. */
    private enum Budget {
        REQUESTS,
        SEARCH
    }

    /** Security: identifies a key by its SHA-256 hash, never by the key itself. */
    private record SharingKey(String keyHash, Budget budget, LongSupplier nanoTime) {
        // LongSupplier compares by identity: limiters with different clocks (tests) are never shared.
    }

    private final LongSupplier nanoTime;
    private double baseRate;
    private boolean configured;
    /** The share of the base rate in effect (1 unless recovering from a {@code 429}). */
    private double share = 1;
    /** With base 0 after a 429: the rate limited to; 0 when not limiting. */
    private double learnedRate;

    private long lastUpdate;
    private long lastRateLimited;
    /** No request is sent before this time (a {@code Retry-After}). */
    private long pausedUntil;
    /** The send times of the latest requests, oldest first: those a window may still hold. */
    private long[] sends;

    private int sendsHead;
    private int sendsCount;
    /** How many requests were ever recorded: the ticket of the latest is {@code recorded - 1}. */
    private long recorded;

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
        this.lastUpdate = nanoTime.getAsLong();
        this.pausedUntil = lastUpdate;
        this.sends = new long[logSize(requestsPerSecond)];
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
        return shared(apiKey, Budget.REQUESTS, configuredRate, nanoTime);
    }

    /**
     * The limiter of {@code apiKey}'s search requests in this JVM (for this clock), apart from its other requests:
     * {@code configuredRate}, else {@value #SEARCH_REQUESTS_PER_SECOND}/s; shared and configured as {@link #shared}.
     */
    public static RateLimiter sharedSearch(Secret apiKey, Double configuredRate, LongSupplier nanoTime) {
        return shared(apiKey, Budget.SEARCH, configuredRate, nanoTime);
    }

    private static RateLimiter shared(Secret apiKey, Budget budget, Double configuredRate, LongSupplier nanoTime) {
        Objects.requireNonNull(apiKey, "apiKey");
        if (configuredRate != null) {
            checkRate(configuredRate);
        }
        SharingKey key = new SharingKey(hash(apiKey), budget, Objects.requireNonNull(nanoTime, "nanoTime"));
        double defaultRate = budget == Budget.SEARCH ? SEARCH_REQUESTS_PER_SECOND : defaultRequestsPerSecond(apiKey);
        RateLimiter limiter = SHARED.computeIfAbsent(key, k -> {
            RateLimiter created = new RateLimiter(configuredRate != null ? configuredRate : defaultRate, k.nanoTime());
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
        update(nanoTime.getAsLong());
        return currentRateNow() == 0;
    }

    /** The configured rate in requests per second (0 = unlimited). */
    public synchronized double baseRate() {
        return baseRate;
    }

    /** The rate in effect now, after {@code 429}s and their recovery (0 = unlimited). */
    public synchronized double currentRate() {
        update(nanoTime.getAsLong());
        return currentRateNow();
    }

    /**
     * Takes one request permit, waiting through {@code sleeper} (polling {@code control}) until it is due; the
     * request counts as sent at that moment, or when the sleep ended if that was later.
     *
     * @return the nanoseconds waited (0 when the request may go at once)
     */
    public long acquire(Sleeper sleeper, QueryControl control) {
        long wait;
        long ticket;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            update(now);
            long due = Math.max(now, pausedUntil);
            double rate = currentRateNow();
            if (rate > 0) {
                int permits = permitsPerWindow(rate);
                if (sendsCount >= permits) {
                    due = Math.max(due, sendBack(permits) + windowNanos(rate) + MARGIN.toNanos());
                }
            }
            if (sendsCount > 0) {
                // First come, first served: never before a request that reserved its time earlier.
                due = Math.max(due, sendBack(1));
            }
            record(due);
            ticket = recorded - 1;
            wait = due - now;
        }
        if (wait > 0) {
            sleeper.sleep(wait, control);
            sentAt(ticket, nanoTime.getAsLong());
        }
        return Math.max(0, wait);
    }

    /**
     * The request of {@code ticket} leaves at {@code now}, later than reserved when its thread woke up late (a busy
     * machine): it counts from then, so that the request a window after it waits for the real time. The requests
     * reserved after it count as no earlier (the send times stay in order).
     */
    private synchronized void sentAt(long ticket, long now) {
        long back = recorded - ticket;
        for (long b = back; b >= 1 && b <= sendsCount; b--) {
            int index = Math.floorMod(sendsHead + sendsCount - (int) b, sends.length);
            if (sends[index] >= now) {
                break;
            }
            sends[index] = now;
        }
    }

    /**
     * A {@code 429} was received: every request waits until {@code retryAfter} (null when the server gave none) has
     * passed, and the rate drops to {@value #SLOWDOWN} of what it was (see the class comment). An unlimited limiter
     * starts limiting at {@value #SLOWDOWN} of the rate it sent at in the last second.
     */
    public synchronized void onRateLimited(Duration retryAfter) {
        long now = nanoTime.getAsLong();
        update(now);
        lastRateLimited = now;
        if (retryAfter != null && !retryAfter.isNegative()) {
            pausedUntil = Math.max(pausedUntil, now + retryAfter.toNanos());
        }
        if (baseRate > 0) {
            share = Math.max(MINIMUM_SHARE, share * SLOWDOWN);
            return;
        }
        double rate = learnedRate > 0 ? learnedRate : sentWithin(now, SECOND);
        learnedRate = Math.max(MINIMUM_LEARNED_RATE, rate * SLOWDOWN);
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
        update(nanoTime.getAsLong());
        baseRate = requestsPerSecond;
        learnedRate = 0;
        share = 1;
        int size = logSize(requestsPerSecond);
        if (size != sends.length) {
            long[] resized = new long[size];
            int keep = Math.min(sendsCount, size);
            for (int i = 0; i < keep; i++) {
                resized[i] = sendBack(keep - i);
            }
            sends = resized;
            sendsHead = 0;
            sendsCount = keep;
        }
    }

    /** Recovery from {@code 429}s, as time passes. */
    private void update(long now) {
        long elapsed = now - lastUpdate;
        if (elapsed <= 0) {
            return;
        }
        lastUpdate = now;
        if (share < 1) {
            share = Math.min(1, share + RECOVERY_PER_SECOND * elapsed / (double) SECOND);
        }
        if (learnedRate > 0 && now - lastRateLimited >= FORGET_SECONDS * SECOND) {
            learnedRate = 0;
        }
    }

    private double currentRateNow() {
        return baseRate > 0 ? baseRate * share : learnedRate;
    }

    /** Requests a window may hold: the whole number of the rate, at least one. */
    private static int permitsPerWindow(double rate) {
        return rate >= 1 ? (int) Math.min(Integer.MAX_VALUE, Math.floor(rate)) : 1;
    }

    /** One second, or for a rate below one request per second, the time one request takes. */
    private static long windowNanos(double rate) {
        return rate >= 1 ? SECOND : (long) Math.ceil(SECOND / rate);
    }

    private static int logSize(double rate) {
        return rate > 0 ? Math.max(UNLIMITED_LOG, permitsPerWindow(rate)) : UNLIMITED_LOG;
    }

    /** The send time {@code back} places back (1 = the latest). */
    private long sendBack(int back) {
        return sends[Math.floorMod(sendsHead + sendsCount - back, sends.length)];
    }

    private void record(long sendTime) {
        recorded++;
        if (sendsCount == sends.length) {
            sends[sendsHead] = sendTime;
            sendsHead = (sendsHead + 1) % sends.length;
        } else {
            sends[(sendsHead + sendsCount) % sends.length] = sendTime;
            sendsCount++;
        }
    }

    /** How many requests were sent in the {@code window} before {@code now}. */
    private int sentWithin(long now, long window) {
        int count = 0;
        for (int back = 1; back <= sendsCount && sendBack(back) > now - window; back++) {
            count++;
        }
        return count;
    }

    private static void checkRate(double requestsPerSecond) {
        if (!(requestsPerSecond >= 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be 0 or positive: " + requestsPerSecond);
        }
    }

    /** Security: the SHA-256 of a key (hex), by which per-key state of this JVM is found; never the key. */
    static String hash(Secret apiKey) {
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
        update(nanoTime.getAsLong());
        return currentRateNow() == 0
                ? "RateLimiter[unlimited]"
                : String.format(Locale.ROOT, "RateLimiter[base=%.2f/s, current=%.2f/s]", baseRate, currentRateNow());
    }
}
