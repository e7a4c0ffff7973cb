package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

class StripeClientConfigTest {
    private static final Secret KEY = Secret.of("sk_live_51HabcdefghijklmnopWXYZ");

    @Test
    void defaults() {
        StripeClientConfig config = StripeClientConfig.builder(KEY).build();
        assertEquals(URI.create("https://api.stripe.com/v1/"), config.apiUrl());
        assertNull(config.apiVersion());
        assertNull(config.stripeAccount());
        assertEquals(Duration.ofSeconds(10), config.connectTimeout());
        assertEquals(Duration.ofSeconds(80), config.readTimeout());
        assertEquals(10_485_760L, config.maxResponseSize());
        assertEquals(3, config.maxRetries());
        assertEquals(Duration.ofMillis(500), config.initialRetryDelay());
        assertEquals(Duration.ofSeconds(8), config.maxRetryDelay());
        assertEquals(Duration.ofSeconds(60), config.maxRetryAfter());
        assertNull(config.requestsPerSecond());
        assertEquals(100, config.effectiveRequestsPerSecond());
        assertEquals(16, config.maxConnectionsPerRoute());
        assertTrue(config.userAgent().matches("stripe-jdbc/\\S+ \\(Java \\S+\\)"), config.userAgent());
        assertEquals(Sleeper.SYSTEM, config.sleeper());
        assertEquals(StripeClientConfig.SYSTEM_NANO_TIME, config.nanoTime());
    }

    @Test
    void configuredRateWins() {
        assertEquals(
                0,
                StripeClientConfig.builder(KEY).requestsPerSecond(0.0).build().effectiveRequestsPerSecond());
        assertEquals(
                7,
                StripeClientConfig.builder(KEY).requestsPerSecond(7.0).build().effectiveRequestsPerSecond());
    }

    @ParameterizedTest
    @CsvSource({
        "http://localhost:12111/v1, http://localhost:12111/v1/",
        "http://localhost:12111/v1/, http://localhost:12111/v1/",
        "https://api.stripe.com, https://api.stripe.com/",
        "HTTPS://api.stripe.com/v1, https://api.stripe.com/v1/",
        "' http://127.0.0.1:8080/stripe/v1 ', http://127.0.0.1:8080/stripe/v1/",
    })
    void apiUrlsGetATrailingSlash(String input, String expected) {
        assertEquals(URI.create(expected), StripeClientConfig.parseApiUrl(input));
        assertEquals(
                URI.create(expected),
                StripeClientConfig.builder(KEY).apiUrl(input).build().apiUrl());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "api.stripe.com/v1                  | parse url failed: relative URL without a base",
                "ftp://api.stripe.com/v1            | parse url failed: unsupported scheme 'ftp' (expected http or "
                        + "https)",
                "https://sk_live_secret@host/v1     | parse url failed: credentials in the URL are not allowed",
                "https://host/v1?key=sk_live_secret | parse url failed: the URL must not have a query or a fragment",
                "https://host/v1#x                  | parse url failed: the URL must not have a query or a fragment",
                "'https://host/v 1'                 | parse url failed: Illegal character in path at index 14",
                "''                                 | parse url failed: empty URL",
                "http:///v1                         | parse url failed: empty host",
            })
    void invalidApiUrls(String input, String message) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> StripeClientConfig.parseApiUrl(input));
        assertEquals(message, e.getMessage());
        assertEquals(SqlState.FDW_ERROR, e.sqlState());
        assertFalse(e.getMessage().contains("sk_live_secret"));
    }

    @Test
    void toStringMasksTheKey() {
        String text = StripeClientConfig.builder(KEY).build().toString();
        assertFalse(text.contains(KEY.reveal()), text);
        assertTrue(text.contains("apiKey=sk_live_...WXYZ"), text);
    }

    @Test
    void invalidKeysNeverAppearInTheMessage() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> StripeClientConfig.builder(Secret.of("sk_test_abc\r\ndef"))
                        .build());
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, e.sqlState());
        assertTrue(e.getMessage().startsWith("invalid api_key header: "));
        assertFalse(e.getMessage().contains("sk_test_abc"));
        assertThrows(
                StripeJdbcException.class,
                () -> StripeClientConfig.builder(Secret.of("")).build());
    }

    @Test
    void invalidValuesAreRejected() {
        assertInvalid(StripeClientConfig.builder(KEY).apiVersion("2024-06-20\nX: y"));
        assertInvalid(StripeClientConfig.builder(KEY).stripeAccount(""));
        assertInvalid(StripeClientConfig.builder(KEY).connectTimeout(Duration.ZERO));
        assertInvalid(StripeClientConfig.builder(KEY).readTimeout(Duration.ofSeconds(-1)));
        assertInvalid(StripeClientConfig.builder(KEY).maxResponseSize(0));
        assertInvalid(StripeClientConfig.builder(KEY).maxRetries(-1));
        assertInvalid(StripeClientConfig.builder(KEY).maxRetries(21));
        assertInvalid(StripeClientConfig.builder(KEY).requestsPerSecond(-1.0));
        assertInvalid(StripeClientConfig.builder(KEY).requestsPerSecond(Double.NaN));
        assertInvalid(StripeClientConfig.builder(KEY).maxConnectionsPerRoute(0));
        assertInvalid(StripeClientConfig.builder(KEY).userAgent("x\u0000"));
    }

    private static void assertInvalid(StripeClientConfig.Builder builder) {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, builder::build);
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
    }
}
