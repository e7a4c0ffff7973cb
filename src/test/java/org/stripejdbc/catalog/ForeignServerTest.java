package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stripejdbc.catalog.CatalogFixtures.assertError;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.SealedSecret;

class ForeignServerTest {
    private static ForeignServer server(Map<String, String> options) {
        return new ForeignServer(UUID.randomUUID(), "s", "w", options, Map.of(), null);
    }

    @Test
    void clientSettingsWithUpstreamDefaults() {
        ForeignServer plain = server(Map.of());
        assertEquals("https://api.stripe.com/v1/", plain.apiUrl());
        assertEquals(10_485_760L, plain.maxResponseSize());
        assertFalse(plain.apiVersion().isPresent());
        assertFalse(plain.stripeAccount().isPresent());

        ForeignServer custom = server(Map.of(
                "api_url",
                "http://localhost:12111/v1",
                "max_response_size",
                "1024",
                "api_version",
                "2024-06-20",
                "stripe_account",
                "acct_1"));
        assertEquals("http://localhost:12111/v1/", custom.apiUrl());
        assertEquals(1024, custom.maxResponseSize());
        assertEquals("2024-06-20", custom.apiVersion().get());
        assertEquals("acct_1", custom.stripeAccount().get());
    }

    @Test
    void unparsableMaxResponseSizeUsesTheUpstreamText() {
        assertError(
                "22023",
                "option `max_response_size` cannot be parsed as usize: '-1' (server s)",
                () -> server(Map.of("max_response_size", "-1")).maxResponseSize());
    }

    @Test
    void sealedOptionsMustBeListedMasked() {
        SealedSecret sealed = new SealedSecret("c2VhbGVk", "aad", "sk_test_...wxyz");
        assertThrows(
                IllegalArgumentException.class,
                () -> new ForeignServer(
                        UUID.randomUUID(),
                        "s",
                        "w",
                        Map.of("api_key", "sk_test_51Hplainplainplainwxyz"),
                        Map.of("api_key", sealed),
                        null));
        ForeignServer server = new ForeignServer(
                UUID.randomUUID(), "s", "w", Map.of("api_key", "sk_test_...wxyz"), Map.of("api_key", sealed), null);
        assertEquals(sealed, server.apiKey().get());
        assertEquals("sk_test_...wxyz", server.option("api_key").get());
    }
}
