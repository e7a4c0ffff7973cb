package org.stripejdbc.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting, in a test, for something another thread does: the condition is checked until it holds, for at most a
 * bound, and the test fails with what it waited for when the bound passes. No assertion waits a fixed time and
 * hopes: a test asserts after the event it waited for, so it is as fast as the code under test and fails, instead
 * of passing without proving anything, when the event never comes.
 *
 * <p>Example: {@code Await.until("a walker waits for a slot", () -> walker.getState() == Thread.State.WAITING);}
 */
public final class Await {
    /** The bound of {@link #until(String, BooleanSupplier)}: generous, it is only reached when something is wrong. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private Await() {}

    /** Waits until {@code condition} holds, at most {@link #DEFAULT_TIMEOUT}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition);
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}; fails with {@code what} when it does not
     * (checked every millisecond or so, and once more at the end).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(() -> what, timeout, condition);
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}; the message is built only when the wait fails. */
    public static void until(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                if (condition.getAsBoolean()) {
                    return;
                }
                throw new AssertionError("still waiting after " + timeout.toMillis() + " ms for: " + what.get());
            }
            pause();
        }
    }

    /** Waits until {@code thread} is parked waiting (on a monitor's wait, a lock or a queue), not running. */
    public static void waiting(Thread thread) {
        until(
                () -> thread.getName() + " waiting, but it is " + thread.getState(),
                DEFAULT_TIMEOUT,
                () -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING);
    }

    /** Waits until {@code thread} has ended. */
    public static void ended(Thread thread) {
        until(
                () -> thread.getName() + " to end, but it is " + thread.getState(),
                DEFAULT_TIMEOUT,
                () -> !thread.isAlive());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
