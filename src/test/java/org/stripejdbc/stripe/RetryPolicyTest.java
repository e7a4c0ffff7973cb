package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);

    private static RetryPolicy policy(double jitter) {
        return new RetryPolicy(
                Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60), () -> jitter, CLOCK);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "409, -, true",
                "429, -, true",
                "500, -, true",
                "502, -, true",
                "503, -, true",
                "504, -, true",
                "599, -, true",
                "400, -, false",
                "401, -, false",
                "402, -, false",
                "403, -, false",
                "404, -, false",
                "500, false, false",
                "429, FALSE, false",
                "400, true, true",
                "404, ' true ', true",
                "500, maybe, true",
                "400, maybe, false",
            })
    void retryableStatuses(int status, String shouldRetry, boolean expected) {
        assertEquals(expected, RetryPolicy.retryableStatus(status, shouldRetry));
    }

    @Test
    void retryableNetworkErrors() {
        assertTrue(RetryPolicy.retryableNetworkError(new ConnectException("Connection refused")));
        // A read timeout used up the call's answer budget (read_timeout shared by its attempts): not retried.
        assertFalse(RetryPolicy.retryableNetworkError(new SocketTimeoutException("Read timed out")));
        assertTrue(RetryPolicy.retryableNetworkError(new ConnectTimeoutException("Connect timed out")));
        assertTrue(RetryPolicy.retryableNetworkError(new SocketException("Connection reset")));
        assertTrue(RetryPolicy.retryableNetworkError(new NoHttpResponseException("failed to respond")));
        assertTrue(RetryPolicy.retryableNetworkError(new IOException("Premature end of chunk coded message body")));
        assertFalse(RetryPolicy.retryableNetworkError(new UnknownHostException("api.stripe.invalid")));
        assertFalse(RetryPolicy.retryableNetworkError(new SSLHandshakeException("PKIX path building failed")));
        assertFalse(RetryPolicy.retryableNetworkError(new ClientProtocolException("protocol")));
    }

    @Test
    void exponentialBackoffWithJitterNeverBelowTheInitialDelay() {
        RetryPolicy low = policy(0.0);
        RetryPolicy high = policy(1.0);
        assertEquals(500, millis(low.delayNanos(1, null)));
        assertEquals(500, millis(high.delayNanos(1, null)));
        assertEquals(500, millis(low.delayNanos(2, null)));
        assertEquals(1000, millis(high.delayNanos(2, null)));
        assertEquals(1000, millis(low.delayNanos(3, null)));
        assertEquals(2000, millis(high.delayNanos(3, null)));
        assertEquals(1500, millis(policy(0.5).delayNanos(3, null)));
        assertEquals(8000, millis(high.delayNanos(10, null)), "capped at the maximum");
        assertEquals(4000, millis(low.delayNanos(30, null)));
    }

    @Test
    void retryAfterRaisesTheDelayUpToTheCap() {
        RetryPolicy policy = policy(0.0);
        assertEquals(3000, millis(policy.delayNanos(1, Duration.ofSeconds(3))));
        assertEquals(500, millis(policy.delayNanos(1, Duration.ofMillis(100))), "never below the backoff");
        assertEquals(60_000, millis(policy.delayNanos(1, Duration.ofHours(1))));
    }

    @Test
    void parsesRetryAfterSecondsAndDates() {
        RetryPolicy policy = policy(0.0);
        assertEquals(Duration.ofSeconds(3), policy.parseRetryAfter("3"));
        assertEquals(Duration.ofMillis(1500), policy.parseRetryAfter(" 1.5 "));
        assertEquals(Duration.ofSeconds(30), policy.parseRetryAfter("Fri, 02 Jan 2026 10:00:30 GMT"));
        assertEquals(Duration.ZERO, policy.parseRetryAfter("Fri, 02 Jan 2026 09:00:00 GMT"));
        assertNull(policy.parseRetryAfter(null));
        assertNull(policy.parseRetryAfter(""));
        assertNull(policy.parseRetryAfter("-1"));
        assertNull(policy.parseRetryAfter("soon"));
        assertEquals(Duration.ofDays(1), policy.parseRetryAfter("1e12"));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000L;
    }
}
