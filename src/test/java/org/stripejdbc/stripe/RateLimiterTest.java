package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.vault.Secret;

class RateLimiterTest {
    private final FakeTime time = new FakeTime();

    private long acquire(RateLimiter limiter) {
        return limiter.acquire(time, QueryControl.NONE) / 1_000_000L;
    }

    @Test
    void unlimitedNeverWaits() {
        RateLimiter limiter = new RateLimiter(0, time);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, acquire(limiter));
        }
        assertTrue(limiter.unlimited());
        assertEquals(0, limiter.currentRate());
        assertTrue(time.delaysMillis().isEmpty());
    }

    @Test
    void anUnlimitedLimiterLearnsARateFromA429AndForgetsItAfterTenSeconds() {
        RateLimiter limiter = new RateLimiter(0, time);
        // 40 requests a second for two seconds: 25 ms apart.
        for (int i = 0; i < 80; i++) {
            time.advanceMillis(25);
            assertEquals(0, acquire(limiter));
        }
        limiter.onRateLimited(null);
        assertFalse(limiter.unlimited());
        // 40 sent in the last second: 80% of that.
        assertEquals(32, limiter.currentRate(), 1e-9);
        // The last second already holds 40 requests: the next one waits until 9 of them are a second old.
        assertEquals(225 + RateLimiter.MARGIN.toMillis(), acquire(limiter));
        limiter.onRateLimited(null);
        assertEquals(25.6, limiter.currentRate(), 1e-9);
        time.advanceMillis(9_999);
        assertFalse(limiter.unlimited());
        time.advanceMillis(1);
        assertTrue(limiter.unlimited());
        assertEquals(0, acquire(limiter));
        assertEquals("RateLimiter[unlimited]", limiter.toString());
    }

    @Test
    void aFullWindowThenOneRequestEachTimeTheOldestIsASecondOld() {
        RateLimiter limiter = new RateLimiter(4, time);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, acquire(limiter));
        }
        long window = 1_000 + RateLimiter.MARGIN.toMillis();
        assertEquals(window, acquire(limiter));
        assertEquals(0, acquire(limiter), "the second of the first four is as old as the first");
        time.advanceMillis(100);
        assertEquals(0, acquire(limiter));
        assertEquals(0, acquire(limiter));
        assertEquals(window - 100, acquire(limiter));
        assertEquals(List.of(window, window - 100), time.delaysMillis());
    }

    @Test
    void idleTimeNeverAllowsMoreThanTheRateInAWindow() {
        RateLimiter limiter = new RateLimiter(8, time);
        for (int i = 0; i < 4; i++) {
            acquire(limiter);
        }
        time.advanceMillis(60_000);
        for (int i = 0; i < 8; i++) {
            assertEquals(0, acquire(limiter));
        }
        assertEquals(1_000 + RateLimiter.MARGIN.toMillis(), acquire(limiter));
    }

    /**
     * Walkers that each send a request, wait for its answer (40 to 60 ms) and send the next, sometimes pausing:
     * whatever their number and the rate, no window of one second of the fake clock holds more requests than the
     * rate, also across a 429 (which slows the rate down) and a lowered rate.
     */
    @Test
    void noWindowOfOneSecondEverHoldsMoreThanTheRate() {
        Random random = new Random(3);
        for (int rate : new int[] {1, 4, 25, 100}) {
            for (int walkers : new int[] {1, 3, 8, 16}) {
                FakeTime clock = new FakeTime();
                RateLimiter limiter = new RateLimiter(rate, clock);
                List<Long> sends = concurrentWalkers(clock, limiter, walkers, 40 * rate + 50, random, requests -> {
                    if (requests == 10 * rate) {
                        limiter.onRateLimited(null);
                    }
                });
                assertWindowsHoldAtMost(rate, sends, "rate " + rate + ", " + walkers + " walkers");
            }
        }
    }

    private static void assertWindowsHoldAtMost(int rate, List<Long> sends, String what) {
        List<Long> sorted = new ArrayList<>(sends);
        Collections.sort(sorted);
        for (int i = 0; i + rate < sorted.size(); i++) {
            long span = sorted.get(i + rate) - sorted.get(i);
            assertTrue(
                    span >= 1_000_000_000L + RateLimiter.MARGIN.toNanos(),
                    what + ": requests " + i + " and " + (i + rate) + " only " + span + " ns apart");
        }
    }

    /**
     * Simulates {@code walkers} threads on the fake clock: each asks for a permit when its previous answer arrived;
     * the permit's wait is not slept (other walkers act meanwhile) but moves that walker's send time. Returns the
     * send times of {@code requests} requests; {@code afterEach} sees the running count.
     */
    private static List<Long> concurrentWalkers(
            FakeTime clock,
            RateLimiter limiter,
            int walkers,
            int requests,
            Random random,
            java.util.function.IntConsumer afterEach) {
        Sleeper noSleep = nanos -> {};
        java.util.PriorityQueue<Long> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < walkers; i++) {
            ready.add(clock.getAsLong());
        }
        List<Long> sends = new ArrayList<>();
        while (sends.size() < requests) {
            long at = ready.poll();
            if (at > clock.getAsLong()) {
                clock.advanceNanos(at - clock.getAsLong());
            }
            long wait = limiter.acquire(noSleep, QueryControl.NONE);
            long sent = clock.getAsLong() + wait;
            sends.add(sent);
            afterEach.accept(sends.size());
            long answer = 40_000_000L + random.nextInt(20_000_000);
            long pause = random.nextInt(50) == 0 ? random.nextInt(2_000_000_000) : 0;
            ready.add(sent + answer + pause);
        }
        return sends;
    }

    @Test
    void aServerThatCountsEverySlidingSecondNeverRefusesAndAFullBucketNeither() {
        // The arrival jitter the margin absorbs: every request reaches the server up to 9 ms after it left.
        int rate = 100;
        FakeTime clock = new FakeTime();
        RateLimiter limiter = new RateLimiter(rate, clock);
        Random random = new Random(5);
        List<Long> arrivals = new ArrayList<>();
        for (long sent : concurrentWalkers(clock, limiter, 8, 2_000, random, n -> {})) {
            arrivals.add(sent + random.nextInt(9_000_000));
        }
        Collections.sort(arrivals);
        for (int i = 0; i + rate < arrivals.size(); i++) {
            assertTrue(arrivals.get(i + rate) - arrivals.get(i) > 1_000_000_000L, "the strict server would answer 429");
        }
        double tokens = rate;
        long last = arrivals.get(0);
        for (long arrival : arrivals) {
            tokens = Math.min(rate, tokens + (arrival - last) / 1e9 * rate);
            last = arrival;
            assertTrue(tokens >= 1, "the bucket server would answer 429");
            tokens -= 1;
        }
    }

    @Test
    void aRequestWhoseThreadWakesUpLateCountsFromWhenItLeft() {
        RateLimiter limiter = new RateLimiter(2, time);
        assertEquals(0, acquire(limiter));
        assertEquals(0, acquire(limiter));
        long window = 1_000 + RateLimiter.MARGIN.toMillis();
        // The third waits a window; its thread wakes up 300 ms late (a busy machine) and sends then.
        Sleeper late = new Sleeper() {
            @Override
            public void sleep(long nanos) {
                time.sleep(nanos);
            }

            @Override
            public void sleep(long nanos, QueryControl control) {
                time.sleep(nanos + 300_000_000L);
            }
        };
        assertEquals(window, limiter.acquire(late, QueryControl.NONE) / 1_000_000L);
        assertEquals(0, acquire(limiter), "the second of the window leaves with it");
        // The fifth counts a window from when the third really left, not from when it was due: a server would
        // otherwise see three requests within one second.
        assertEquals(window, acquire(limiter));
    }

    @Test
    void slowRatesStillAllowOneRequest() {
        RateLimiter limiter = new RateLimiter(0.5, time);
        assertEquals(0, acquire(limiter));
        assertEquals(2000 + RateLimiter.MARGIN.toMillis(), acquire(limiter));
    }

    @Test
    void a429WaitsOutRetryAfterThenResumesCloseToTheRate() {
        RateLimiter limiter = new RateLimiter(100, time);
        for (int i = 0; i < 100; i++) {
            acquire(limiter);
            time.advanceMillis(10);
        }
        limiter.onRateLimited(Duration.ofSeconds(3));
        assertEquals(80, limiter.currentRate(), 1e-9);
        // Every request waits for the Retry-After, during which the rate recovers by 5% of 100/s per second.
        assertEquals(3_000, acquire(limiter));
        assertEquals(95, limiter.currentRate(), 1e-9);
        for (int i = 1; i < 95; i++) {
            assertEquals(0, acquire(limiter), "request " + i);
        }
        assertEquals(1_000 + RateLimiter.MARGIN.toMillis(), acquire(limiter), "the window holds 95");
        assertEquals(100, limiter.currentRate(), 1e-9);
    }

    @Test
    void a429WithoutRetryAfterPausesUntilTheSlowerWindowHasRoom() {
        RateLimiter limiter = new RateLimiter(10, time);
        for (int i = 0; i < 10; i++) {
            acquire(limiter);
            time.advanceMillis(100);
        }
        limiter.onRateLimited(null);
        // 8 per second now: the last second holds 9 of the 10 requests, the next waits until 2 of them are old.
        assertEquals(8, limiter.currentRate(), 1e-9);
        assertEquals(200 + RateLimiter.MARGIN.toMillis(), acquire(limiter));
    }

    @Test
    void repeated429sHaveAFloor() {
        RateLimiter limiter = new RateLimiter(25, time);
        for (int i = 0; i < 20; i++) {
            limiter.onRateLimited(null);
        }
        assertEquals(25 * RateLimiter.MINIMUM_SHARE, limiter.currentRate(), 1e-9);
    }

    @Test
    void cancellationInterruptsTheWait() {
        RateLimiter limiter = new RateLimiter(1, time);
        acquire(limiter);
        QueryControl cancelled = () -> {
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        };
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> limiter.acquire(time, cancelled));
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
    }

    @Test
    void defaultRatesByKeyPrefix() {
        assertEquals(100, RateLimiter.defaultRequestsPerSecond(Secret.of("sk_live_abc")));
        assertEquals(100, RateLimiter.defaultRequestsPerSecond(Secret.of("rk_live_abc")));
        assertEquals(25, RateLimiter.defaultRequestsPerSecond(Secret.of("sk_test_abc")));
        assertEquals(25, RateLimiter.defaultRequestsPerSecond(Secret.of("rk_test_abc")));
        assertEquals(0, RateLimiter.defaultRequestsPerSecond(Secret.of("emulator-key")));
    }

    @Test
    void sharedPerKeyAndClockWhateverTheRate() {
        RateLimiter a = RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, time);
        assertSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, time));
        assertSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 10, time));
        assertSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), (Double) null, time));
        assertNotSame(a, RateLimiter.shared(Secret.of("sk_test_shared_2"), 25, time));
        assertNotSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, new FakeTime()));
    }

    @Test
    void anUnconfiguredKeyGetsItsPrefixDefaultAndAConfiguredRateReplacesIt() {
        RateLimiter limiter = RateLimiter.shared(Secret.of("sk_test_default_1"), (Double) null, time);
        assertEquals(RateLimiter.TEST_REQUESTS_PER_SECOND, limiter.baseRate());
        RateLimiter.shared(Secret.of("sk_test_default_1"), 60.0, time);
        assertEquals(60, limiter.baseRate());
        assertEquals(60, limiter.currentRate());
        // Later unconfigured clients of the key change nothing.
        RateLimiter.shared(Secret.of("sk_test_default_1"), (Double) null, time);
        assertEquals(60, limiter.baseRate());
        assertEquals(
                RateLimiter.LIVE_REQUESTS_PER_SECOND,
                RateLimiter.shared(Secret.of("sk_live_default_1"), (Double) null, time)
                        .baseRate());
    }

    @Test
    void theLowestConfiguredRateOfAKeyAppliesInAnyOrder() {
        RateLimiter up = RateLimiter.shared(Secret.of("sk_test_lowest_1"), 10.0, time);
        RateLimiter.shared(Secret.of("sk_test_lowest_1"), 50.0, time);
        RateLimiter.shared(Secret.of("sk_test_lowest_1"), 0.0, time);
        assertEquals(10, up.baseRate());
        RateLimiter down = RateLimiter.shared(Secret.of("sk_test_lowest_2"), 0.0, time);
        assertTrue(down.unlimited());
        RateLimiter.shared(Secret.of("sk_test_lowest_2"), 50.0, time);
        RateLimiter.shared(Secret.of("sk_test_lowest_2"), 10.0, time);
        assertEquals(10, down.baseRate());
        // A lowered rate: 10 requests in a second, then one more once the first is a second old.
        for (int i = 0; i < 10; i++) {
            assertEquals(0, acquire(down));
        }
        assertEquals(1_000 + RateLimiter.MARGIN.toMillis(), acquire(down));
    }

    @Test
    void waitingCallersAreServedInOrder() {
        RateLimiter limiter = new RateLimiter(2, time);
        // A sleeper that returns at once, as if each caller were a different thread still waiting.
        Sleeper concurrentCallers = new Sleeper() {
            @Override
            public void sleep(long nanos) {}

            @Override
            public void sleep(long nanos, QueryControl control) {}
        };
        for (int i = 0; i < 2; i++) {
            assertEquals(0, limiter.acquire(concurrentCallers, QueryControl.NONE));
        }
        // The clock has not moved: each next caller reserves the next free send time, two per second.
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(limiter.acquire(concurrentCallers, QueryControl.NONE) / 1_000_000L);
        }
        long window = 1_000 + RateLimiter.MARGIN.toMillis();
        assertEquals(List.of(window, window, 2 * window, 2 * window), waits);
    }

    @Test
    void toStringShowsRatesOnly() {
        assertEquals(
                "RateLimiter[base=25.00/s, current=25.00/s]",
                RateLimiter.shared(Secret.of("sk_test_secret_abcdef"), 25, time).toString());
        assertEquals("RateLimiter[unlimited]", new RateLimiter(0, time).toString());
    }

    @Test
    void invalidRates() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, time));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, time));
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(Double.POSITIVE_INFINITY, time));
    }
}
