package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
        limiter.onRateLimited();
        assertEquals(0, acquire(limiter));
        assertTrue(limiter.unlimited());
        assertTrue(time.delaysMillis().isEmpty());
    }

    @Test
    void aFullBucketThenOneRequestPerInterval() {
        RateLimiter limiter = new RateLimiter(2, time);
        assertEquals(0, acquire(limiter));
        assertEquals(0, acquire(limiter));
        assertEquals(500, acquire(limiter));
        assertEquals(500, acquire(limiter));
        assertEquals(List.of(500L, 500L), time.delaysMillis());
    }

    @Test
    void idleTimeRefillsUpToOneSecondOfRequests() {
        RateLimiter limiter = new RateLimiter(4, time);
        for (int i = 0; i < 4; i++) {
            acquire(limiter);
        }
        time.advanceMillis(60_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, acquire(limiter));
        }
        assertEquals(250, acquire(limiter));
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
    void sharedPerKeyRateAndClock() {
        RateLimiter a = RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, time);
        assertSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, time));
        assertNotSame(a, RateLimiter.shared(Secret.of("sk_test_shared_2"), 25, time));
        assertNotSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 10, time));
        assertNotSame(a, RateLimiter.shared(Secret.of("sk_test_shared_1"), 25, new FakeTime()));
    }

    @Test
    void toStringShowsRatesOnly() {
        assertEquals("RateLimiter[base=25.00/s, current=25.00/s]",
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
