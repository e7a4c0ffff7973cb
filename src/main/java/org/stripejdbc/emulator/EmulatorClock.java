package org.stripejdbc.emulator;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the emulator sees it: the wall clock (the {@code created} of objects made through the API, request
 * timestamps), a monotonic clock (the request budget) and sleeping (the injected latency). Tests pass a manual
 * implementation so that latency and rate limits are checked without sleeping.
 *
 * <p>Example: {@code StripeEmulator.builder().clock(manualClock).latency(Duration.ofMillis(250))} makes every
 * request call {@code manualClock.sleep(PT0.25S)} once, which a test can record instead of waiting.
 */
public interface EmulatorClock {

    /** The wall-clock time. */
    Instant now();

    /** A monotonic reading in nanoseconds (only differences matter). */
    long nanoTime();

    /** Waits for {@code duration} (never called with zero or negative durations). */
    void sleep(Duration duration) throws InterruptedException;

    /** The real clock: {@link Instant#now()}, {@link System#nanoTime()}, {@link Thread#sleep(long, int)}. */
    static EmulatorClock system() {
        return SystemClock.INSTANCE;
    }

    /** The real clock. */
    enum SystemClock implements EmulatorClock {
        INSTANCE;

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            long nanos = duration.toNanos();
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }
}
