package org.stripejdbc.runtime;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The {@link QueryControl} of one execution of a JDBC statement: {@code Statement.cancel()}, the query timeout
 * ({@code setQueryTimeout}) and the end of the execution (its result set or statement closed) stop it, and
 * stopping it aborts at once every piece of work registered with {@link #onCancel(Runnable)} (the HTTP exchanges in
 * flight, including the pages read ahead on background threads).
 *
 * <p>Example: {@code setQueryTimeout(2)} on a statement whose request Stripe never answers. At 2 s the timer
 * {@linkplain #stop stops} the control with {@link Reason#TIMEOUT}, which aborts the exchange; the thread waiting
 * on the socket gets an I/O error, the client asks {@link #checkCancelled()} why, and the statement fails with
 * {@code 57014 canceling statement due to statement timeout} about 2 s after it started, not after the read timeout.
 * {@code Statement.cancel()} does the same through {@link #cancel()} with {@link Reason#USER}.
 *
 * <p>The timeout is measured on the injected monotonic clock (tests pass a fake one); the timer that wakes up a
 * blocked exchange fires at the deadline in real time and stops the control only once that clock agrees (it checks
 * again at least every second until then). Thread-safe: cancel, the timer and close come from other threads than
 * the one executing.
 */
public final class StatementControl implements QueryControl {

    /** Why a statement stopped, with the message it fails with (Postgres's wording where it has one). */
    public enum Reason {
        USER("canceling statement due to user request"),
        TIMEOUT("canceling statement due to statement timeout"),
        CLOSED("canceling statement because it was closed");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** The longest and the shortest the timer sleeps before asking the (possibly fake) clock again. */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long MIN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** One daemon thread for every statement of the JVM, there only while some statement has a timeout. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean cancelFlag;
    private final LongSupplier clock;
    private final boolean timed;
    private final long deadline;
    private final AtomicReference<Reason> stopped = new AtomicReference<>();
    private final Set<Abort> inFlight = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> timeout;

    /**
     * A running control. {@code cancelFlag} is the statement's cancel flag (a set flag means {@link Reason#USER} at
     * the next check); {@code timeoutNanos} counts from now on {@code nanoClock}, 0 for none.
     */
    public StatementControl(AtomicBoolean cancelFlag, LongSupplier nanoClock, long timeoutNanos) {
        this.cancelFlag = Objects.requireNonNull(cancelFlag, "cancelFlag");
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.timed = timeoutNanos > 0;
        this.deadline = timed ? clock.getAsLong() + timeoutNanos : 0;
        if (timed) {
            schedule(timeoutNanos);
        }
    }

    @Override
    public void checkCancelled() {
        Reason reason = poll();
        if (reason != null) {
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, reason.message());
        }
    }

    @Override
    public Registration onCancel(Runnable abort) {
        Abort registered = new Abort(Objects.requireNonNull(abort, "abort"));
        inFlight.add(registered);
        // Added before looking: a stop that raced with us either drained this entry or is seen here.
        if (poll() != null) {
            inFlight.remove(registered);
            registered.run();
        }
        return () -> inFlight.remove(registered);
    }

    /** {@code Statement.cancel()}: sets the flag and aborts the work in flight. */
    public void cancel() {
        cancelFlag.set(true);
        stop(Reason.USER);
    }

    /** The execution ended (its rows were closed or it returned a count): aborts whatever is still in flight. */
    public void close() {
        stop(Reason.CLOSED);
    }

    /** Why this control stopped, or null while it runs. */
    public Reason reason() {
        return poll();
    }

    /**
     * Stops the control for {@code reason} unless it already stopped, and then aborts every registered piece of
     * work; returns the reason it stopped for (the first one).
     */
    public Reason stop(Reason reason) {
        if (!stopped.compareAndSet(null, Objects.requireNonNull(reason, "reason"))) {
            return stopped.get();
        }
        ScheduledFuture<?> pending = timeout;
        if (pending != null) {
            pending.cancel(false);
        }
        for (Abort abort : inFlight) {
            inFlight.remove(abort);
            abort.run();
        }
        return reason;
    }

    /** The reason this control stopped, noticing a set cancel flag or a passed deadline first. */
    private Reason poll() {
        Reason reason = stopped.get();
        if (reason != null) {
            return reason;
        }
        if (cancelFlag.get()) {
            return stop(Reason.USER);
        }
        if (timed && clock.getAsLong() - deadline >= 0) {
            return stop(Reason.TIMEOUT);
        }
        return null;
    }

    private void schedule(long delayNanos) {
        timeout = TIMER.schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
        if (stopped.get() != null) {
            // Stopped while scheduling: don't leave the task behind.
            timeout.cancel(false);
        }
    }

    private void onTimer() {
        if (stopped.get() != null) {
            return;
        }
        long remaining = deadline - clock.getAsLong();
        if (remaining <= 0) {
            stop(Reason.TIMEOUT);
        } else {
            schedule(Math.max(MIN_RECHECK_NANOS, Math.min(remaining, RECHECK_NANOS)));
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "stripe-jdbc-query-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(30, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** An abort action that runs at most once, whoever gets to it first. */
    private static final class Abort implements Runnable {
        private final Runnable action;
        private final AtomicBoolean ran = new AtomicBoolean();

        Abort(Runnable action) {
            this.action = action;
        }

        @Override
        public void run() {
            if (ran.compareAndSet(false, true)) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // Aborting is best effort: the work's own thread still sees the stopped control at its next check.
                }
            }
        }
    }

    @Override
    public String toString() {
        Reason reason = stopped.get();
        return "StatementControl[" + (reason == null ? "running" : reason) + (timed ? ", timed" : "") + "]";
    }
}
