package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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

    @Test
    void aSlidingWindowPassesARequestOnceTheOneRatePlacesBeforeItIsASecondOld() {
        RequestBudget budget = new RequestBudget(clock, 3);
        budget.setSlidingWindow(true);
        assertTrue(budget.slidingWindow());
        assertEquals(0, budget.acquire());
        clock.advance(Duration.ofMillis(100));
        assertEquals(0, budget.acquire());
        clock.advance(Duration.ofMillis(100));
        assertEquals(0, budget.acquire());
        clock.advance(Duration.ofMillis(300));
        // At 0.5 s the window since 0 s holds three: the next may pass at 1.0 s.
        assertEquals(Duration.ofMillis(500).toNanos(), budget.acquire());
        clock.advance(Duration.ofMillis(500));
        assertEquals(0, budget.acquire(), "at 1.0 s the request of 0 s is a second old");
        clock.advance(Duration.ofMillis(50));
        assertEquals(Duration.ofMillis(50).toNanos(), budget.acquire(), "until the one of 0.1 s is");
        // Unlike the bucket, a long idle time allows no more than the rate at once.
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertTrue(budget.tryAcquire());
        }
        assertFalse(budget.tryAcquire());
    }

    @Test
    void aTokenBucketLetsTwiceTheRateThroughOneSecondAndASlidingWindowNever() {
        // Requests every 5 ms, for 3 s, against 100 per second.
        for (boolean sliding : new boolean[] {false, true}) {
            ManualClock time = new ManualClock(Instant.EPOCH);
            RequestBudget budget = new RequestBudget(time, 100);
            budget.setSlidingWindow(sliding);
            List<Long> passed = new ArrayList<>();
            Random random = new Random(3);
            for (int i = 0; i < 600; i++) {
                time.advance(Duration.ofNanos(1_000_000 + random.nextInt(8_000_000)));
                if (budget.tryAcquire()) {
                    passed.add(time.nanoTime());
                }
            }
            int most = 0;
            for (int i = 0; i < passed.size(); i++) {
                int inWindow = 0;
                for (int j = i; j < passed.size() && passed.get(j) - passed.get(i) < 1_000_000_000L; j++) {
                    inWindow++;
                }
                most = Math.max(most, inWindow);
            }
            if (sliding) {
                assertEquals(100, most, "the most requests one second of the sliding window held");
            } else {
                assertTrue(most > 150, most + ": the bucket's first second holds the burst and the refill");
            }
        }
    }

    @Test
    void changingTheKindOrTheRateEmptiesTheWindow() {
        RequestBudget budget = new RequestBudget(clock, 2);
        budget.setSlidingWindow(true);
        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
        budget.setRequestsPerSecond(2);
        assertTrue(budget.tryAcquire());
        budget.setSlidingWindow(false);
        assertFalse(budget.slidingWindow());
        assertTrue(budget.tryAcquire());
        assertTrue(budget.tryAcquire());
        assertFalse(budget.tryAcquire());
    }
}
