package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void anUnlimitedLimiterLearnsARateFromA429AndForgetsItOnceRecovered() {
        RateLimiter limiter = new RateLimiter(0, time);
        // 40 requests a second for two seconds: 25 ms apart.
        for (int i = 0; i < 80; i++) {
            assertEquals(0, acquire(limiter));
            time.advanceMillis(25);
        }
        limiter.onRateLimited();
        assertFalse(limiter.unlimited());
        assertEquals(20, limiter.currentRate(), 1e-9);
        // The bucket was emptied: one request waits 1/20 s.
        assertEquals(50, acquire(limiter));
        // Recovery: 5% of the learned 40/s per second.
        time.advanceMillis(4_950);
        assertEquals(30, limiter.currentRate(), 1e-9);
        time.advanceMillis(5_000);
        assertTrue(limiter.unlimited());
        assertEquals(0, acquire(limiter));
        assertEquals("RateLimiter[unlimited]", limiter.toString());
    }

    @Test
    void a429RightAfterStartLimitsAtHalfTheBurstRate() {
        RateLimiter limiter = new RateLimiter(0, time);
        for (int i = 0; i < 10; i++) {
            acquire(limiter);
        }
        time.advanceMillis(500);
        limiter.onRateLimited();
        // 10 requests in half a second: 20/s seen, 10/s now.
        assertEquals(10, limiter.currentRate(), 1e-9);
        limiter.onRateLimited();
        assertEquals(5, limiter.currentRate(), 1e-9);
    }

    @Test
    void aFullBucketOfHalfASecondThenOneRequestPerInterval() {
        RateLimiter limiter = new RateLimiter(4, time);
        assertEquals(0, acquire(limiter));
        assertEquals(0, acquire(limiter));
        assertEquals(250, acquire(limiter));
        assertEquals(250, acquire(limiter));
        assertEquals(List.of(250L, 250L), time.delaysMillis());
    }

    @Test
    void idleTimeRefillsUpToHalfASecondOfRequests() {
        RateLimiter limiter = new RateLimiter(8, time);
        for (int i = 0; i < 4; i++) {
            acquire(limiter);
        }
        time.advanceMillis(60_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, acquire(limiter));
        }
        assertEquals(125, acquire(limiter));
    }

    @Test
    void aServerBucketOfOneSecondDoesNotRunDryWhenTheBurstArrivesLate() {
        // The emulator's budget (and Stripe's): a bucket of one second's worth, full. The client sends at the same
        // rate. Its burst (the requests that did not wait) arrives 300 ms late, as when new connections are still
        // being opened, while the requests after it arrive at once; every request gets up to 20 ms of jitter.
        double rate = 100;
        RateLimiter limiter = new RateLimiter(rate, time);
        Random random = new Random(5);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long waited = limiter.acquire(time, QueryControl.NONE);
            long delay = (waited == 0 && i < rate ? 300_000_000L : 0) + (long) (random.nextDouble() * 20_000_000L);
            arrivals.add(time.getAsLong() + delay);
        }
        Collections.sort(arrivals);
        double tokens = rate;
        long last = arrivals.get(0) - 1_000_000_000L;
        for (long arrival : arrivals) {
            tokens = Math.min(rate, tokens + (arrival - last) / 1e9 * rate);
            last = arrival;
            assertTrue(tokens >= 1, "the server would answer 429");
            tokens -= 1;
        }
    }

    @Test
    void slowRatesStillAllowOneRequest() {
        RateLimiter limiter = new RateLimiter(0.5, time);
        assertEquals(0, acquire(limiter));
        assertEquals(2000, acquire(limiter));
    }

    @Test
    void a429HalvesTheRateWhichRecoversSlowly() {
        RateLimiter limiter = new RateLimiter(10, time);
        limiter.onRateLimited();
        assertEquals(5, limiter.currentRate(), 1e-9);
        // The bucket was emptied: the next request waits for one token at 5/s.
        assertEquals(200, acquire(limiter));
        assertEquals(5.1, limiter.currentRate(), 1e-9);
        time.advanceMillis(4_000);
        assertEquals(7.1, limiter.currentRate(), 1e-9);
        time.advanceMillis(60_000);
        assertEquals(10, limiter.currentRate(), 1e-9);
    }

    @Test
    void repeated429sHaveAFloor() {
        RateLimiter limiter = new RateLimiter(25, time);
        for (int i = 0; i < 20; i++) {
            limiter.onRateLimited();
        }
        assertEquals(RateLimiter.MINIMUM_REQUESTS_PER_SECOND, limiter.currentRate(), 1e-9);
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
        // The bucket of a lowered rate holds at most half a second of the new rate.
        for (int i = 0; i < 5; i++) {
            assertEquals(0, acquire(down));
        }
        assertEquals(100, acquire(down));
    }

    @Test
    void waitingCallersAreServedInOrder() {
        RateLimiter limiter = new RateLimiter(8, time);
        // A sleeper that returns at once, as if each caller were a different thread still waiting.
        Sleeper concurrentCallers = new Sleeper() {
            @Override
            public void sleep(long nanos) {}

            @Override
            public void sleep(long nanos, QueryControl control) {}
        };
        for (int i = 0; i < 4; i++) {
            assertEquals(0, limiter.acquire(concurrentCallers, QueryControl.NONE));
        }
        // The clock has not moved: each next caller reserves the next slot, 125 ms after the one before.
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waits.add(limiter.acquire(concurrentCallers, QueryControl.NONE) / 1_000_000L);
        }
        assertEquals(List.of(125L, 250L, 375L, 500L), waits);
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
