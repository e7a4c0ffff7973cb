package org.stripejdbc.stripe;

import java.util.concurrent.TimeUnit;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;

/**
 * Waits for a number of nanoseconds: the retry backoff and the rate limiter sleep through this interface so
 * that tests inject a fake that records the delays and advances a fake clock instead of sleeping.
 *
 * <p>Example: {@code sleeper.sleep(Duration.ofSeconds(3).toNanos(), control)} sleeps three seconds in steps of
 * at most {@link #STEP_NANOS}, calling {@code control.checkCancelled()} before each step, so a cancelled
 * statement stops waiting within 100 ms.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real sleeper ({@link Thread#sleep}). */
    Sleeper SYSTEM = TimeUnit.NANOSECONDS::sleep;

    /** The longest single sleep between two cancellation checks: 100 ms. */
    long STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Sleeps {@code nanos} nanoseconds (nothing when {@code nanos <= 0}). */
    void sleep(long nanos) throws InterruptedException;

    /**
     * Sleeps {@code nanos} nanoseconds in steps of at most {@link #STEP_NANOS}, polling
     * {@code control.checkCancelled()} before every step and once more at the end. An interrupt restores the
     * thread's interrupt flag and throws {@code 57014 query_canceled}.
     */
    default void sleep(long nanos, QueryControl control) {
        long remaining = nanos;
        try {
            while (remaining > 0) {
                control.checkCancelled();
                long step = Math.min(remaining, STEP_NANOS);
                sleep(step);
                remaining -= step;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StripeJdbcException(
                    SqlState.QUERY_CANCELED, "canceling statement due to interrupt while waiting to call Stripe", e);
        }
        control.checkCancelled();
    }
}
