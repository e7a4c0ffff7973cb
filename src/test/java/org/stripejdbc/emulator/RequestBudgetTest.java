package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {
    private final ManualClock clock = new ManualClock(Instant.EPOCH);

    @Test
    void allowsOneSecondsWorthAndRefillsContinuously() {
        RequestBudget budget = new RequestBudget(clock, 4);
        for (int i = 0; i < 4; i++) {
            assertTrue(budget.tryAcquire());
        }
        assertFalse(budget.tryAcquire());
        clock.advance(Duration.ofMillis(249));
        assertFalse(budget.tryAcquire());
        clock.advance(Duration.ofMillis(1));
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 4; i++) {
            assertTrue(budget.tryAcquire());
        }
        assertFalse(budget.tryAcquire(), "the bucket never holds more than one second");
    }

    @Test
    void zeroMeansUnlimitedAndChangesRefill() {
        RequestBudget budget = new RequestBudget(clock, 0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(budget.tryAcquire());
        }
        budget.setRequestsPerSecond(1);
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
        assertThrows(IllegalArgumentException.class, () -> budget.setRequestsPerSecond(-1));
    }
}
