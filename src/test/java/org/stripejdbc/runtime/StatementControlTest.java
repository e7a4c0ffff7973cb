package org.stripejdbc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class StatementControlTest {
    private final AtomicBoolean flag = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(1_000);

    private static void assertStops(StatementControl control, String message) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, control::checkCancelled);
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aRunningControlPassesItsChecks() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        control.checkCancelled();
        assertNull(control.reason());
    }

    @Test
    void cancelAbortsEveryRegisteredPieceOfWorkOnce() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        control.onCancel(first::incrementAndGet);
        control.onCancel(second::incrementAndGet);
        control.onCancel(finished::incrementAndGet).close();

        control.cancel();
        control.cancel();

        assertEquals(1, first.get());
        assertEquals(1, second.get());
        assertEquals(0, finished.get(), "work that ended before the cancel is not aborted");
        assertTrue(flag.get(), "the statement's cancel flag is set too");
        assertEquals(StatementControl.Reason.USER, control.reason());
        assertStops(control, "canceling statement due to user request");
    }

    @Test
    void registeringOnAStoppedControlAbortsAtOnce() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        control.close();
        AtomicInteger aborted = new AtomicInteger();
        control.onCancel(aborted::incrementAndGet);
        assertEquals(1, aborted.get());
        assertStops(control, "canceling statement because it was closed");
    }

    @Test
    void aFlagSetElsewhereIsNoticedByTheNextCheckOrRegistration() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        flag.set(true);
        AtomicInteger aborted = new AtomicInteger();
        control.onCancel(aborted::incrementAndGet);
        assertEquals(1, aborted.get());
        assertStops(control, "canceling statement due to user request");
    }

    @Test
    void theFirstReasonStays() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        control.cancel();
        control.close();
        assertEquals(StatementControl.Reason.USER, control.reason());
        assertStops(control, "canceling statement due to user request");
    }

    @Test
    void theTimeoutIsMeasuredOnTheInjectedClock() {
        StatementControl control = new StatementControl(flag, now::get, TimeUnit.SECONDS.toNanos(5));
        now.addAndGet(TimeUnit.SECONDS.toNanos(5) - 1);
        control.checkCancelled();
        now.addAndGet(1);
        assertStops(control, "canceling statement due to statement timeout");
        assertEquals(StatementControl.Reason.TIMEOUT, control.reason());
        control.close();
    }

    @Test
    void theTimerAbortsBlockedWorkAtTheDeadline() throws InterruptedException {
        StatementControl control = new StatementControl(flag, System::nanoTime, TimeUnit.MILLISECONDS.toNanos(50));
        CountDownLatch aborted = new CountDownLatch(1);
        control.onCancel(aborted::countDown);
        // Nothing polls the control: only its timer can end the wait.
        assertTrue(aborted.await(10, TimeUnit.SECONDS), "the timer did not abort the work");
        assertEquals(StatementControl.Reason.TIMEOUT, control.reason());
    }

    @Test
    void theTimerWaitsForTheInjectedClockToPassTheDeadline() throws InterruptedException {
        StatementControl control = new StatementControl(flag, now::get, TimeUnit.MILLISECONDS.toNanos(20));
        CountDownLatch aborted = new CountDownLatch(1);
        control.onCancel(aborted::countDown);
        assertNull(control.reason());
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(20));
        assertTrue(aborted.await(10, TimeUnit.SECONDS), "the timer did not notice the injected clock's deadline");
        assertEquals(StatementControl.Reason.TIMEOUT, control.reason());
    }

    @Test
    void aFailingAbortDoesNotStopTheOthers() {
        StatementControl control = new StatementControl(flag, now::get, 0);
        AtomicInteger aborted = new AtomicInteger();
        control.onCancel(() -> {
            throw new IllegalStateException("already released");
        });
        control.onCancel(aborted::incrementAndGet);
        control.cancel();
        assertEquals(1, aborted.get());
    }
}
