package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;

class SleeperTest {

    @Test
    void sleepsInStepsAndPollsTheControl() {
        List<Long> steps = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        Sleeper recording = steps::add;
        recording.sleep(250_000_000L, checks::incrementAndGet);
        assertEquals(List.of(100_000_000L, 100_000_000L, 50_000_000L), steps);
        assertEquals(4, checks.get());
    }

    @Test
    void cancellationStopsTheWait() {
        List<Long> steps = new ArrayList<>();
        AtomicInteger checks = new AtomicInteger();
        QueryControl cancelAfterTwoSteps = () -> {
            if (checks.incrementAndGet() > 2) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        Sleeper recording = steps::add;
        assertThrows(StripeJdbcException.class, () -> recording.sleep(60_000_000_000L, cancelAfterTwoSteps));
        assertEquals(2, steps.size());
    }

    @Test
    void interruptBecomesQueryCanceled() {
        Sleeper interrupted = nanos -> {
            throw new InterruptedException();
        };
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> interrupted.sleep(1_000_000L, QueryControl.NONE));
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertTrue(Thread.interrupted(), "the interrupt flag is restored");
    }

    @Test
    void zeroOrNegativeDoesNotSleep() {
        List<Long> steps = new ArrayList<>();
        Sleeper recording = steps::add;
        recording.sleep(0, QueryControl.NONE);
        recording.sleep(-5, QueryControl.NONE);
        assertTrue(steps.isEmpty());
    }
}
