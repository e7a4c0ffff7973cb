package org.stripejdbc.stripe;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.stripejdbc.vault.Secret;

/**
 * When each object type was last written through this JVM: the read-your-writes memory of search routing. Stripe's
 * search index lags writes by about a minute, so a scan that would search an object type written here within the
 * last {@code search_after_write} seconds lists it instead.
 *
 * <p>The object type is the first segment of a write's path: {@code create("customers")},
 * {@code update("customers", "cus_1")}, {@code create("payment_intents/pi_1/confirm")} all write
 * {@code customers} or {@code payment_intents}. A write counts when it is sent (it may apply even if its answer
 * never arrives). Example with a clock at 100 s: {@code record("customers")}; at 130 s
 * {@code writtenWithin("customers", 60 s)} is true, at 161 s false.
 *
 * <p>One instance per account this JVM talks to ({@link #forAccount}: the API key, by its hash, and the API's URL),
 * which every {@link HttpStripeClient} of that account records into: a write to one account does not keep another
 * (or another emulator) from searching. {@link #shared()} is the instance of clients that name no account (test
 * doubles); tests make their own with a fake clock. Thread-safe.
 */
public final class RecentWrites {
    private static final RecentWrites SHARED = new RecentWrites(StripeClientConfig.SYSTEM_NANO_TIME);
    private static final ConcurrentMap<String, RecentWrites> BY_ACCOUNT = new ConcurrentHashMap<>();

    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Long> lastWrite = new ConcurrentHashMap<>();

    /** An instance of its own, reading {@code nanoTime} (tests). */
    public RecentWrites(LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The instance of clients that name no account, on the system's monotonic clock. */
    public static RecentWrites shared() {
        return SHARED;
    }

    /**
     * The instance of the account {@code apiKey} reaches at {@code apiUrl} in this JVM, on the system's monotonic
     * clock, created on first use. Security: keyed by the key's SHA-256, never by the key.
     */
    public static RecentWrites forAccount(Secret apiKey, URI apiUrl) {
        String account = RateLimiter.hash(Objects.requireNonNull(apiKey, "apiKey")) + " " + apiUrl;
        return BY_ACCOUNT.computeIfAbsent(account, a -> new RecentWrites(StripeClientConfig.SYSTEM_NANO_TIME));
    }

    /** A write to {@code path} (its first segment is the object type) is being sent now. */
    public void record(String path) {
        lastWrite.put(objectType(path), nanoTime.getAsLong());
    }

    /** Whether {@code objectType} was written within {@code window} before now (a zero window: never). */
    public boolean writtenWithin(String objectType, Duration window) {
        Long at = lastWrite.get(objectType(objectType));
        return at != null && !window.isZero() && nanoTime.getAsLong() - at < window.toNanos();
    }

    /** The seconds since {@code objectType} was last written here, or -1 when it never was. */
    public long secondsSinceWrite(String objectType) {
        Long at = lastWrite.get(objectType(objectType));
        return at == null ? -1 : Duration.ofNanos(nanoTime.getAsLong() - at).toSeconds();
    }

    private static String objectType(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
