package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.Secret;

/** The read-your-writes memory of search routing: per object type, per account, on an injected clock. */
class RecentWritesTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @StartStop
    final MockWebServer first = new MockWebServer();

    @StartStop
    final MockWebServer second = new MockWebServer();

    @Test
    void aWriteCountsForItsObjectTypeWithinTheWindow() {
        AtomicLong nanos = new AtomicLong(100_000_000_000L);
        RecentWrites writes = new RecentWrites(nanos::get);
        writes.record("payment_intents/pi_1/confirm");
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertTrue(writes.writtenWithin("payment_intents", MINUTE));
        assertFalse(writes.writtenWithin("customers", MINUTE));
        assertFalse(writes.writtenWithin("payment_intents", Duration.ZERO));
        assertEquals(30, writes.secondsSinceWrite("payment_intents"));
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        assertFalse(writes.writtenWithin("payment_intents", MINUTE));
        assertEquals(-1, writes.secondsSinceWrite("customers"));
    }

    @Test
    void everyAccountHasItsOwnMemory() {
        Secret key = Secret.of("sk_test_recentA4eC39HqLyjWDarjtT1zdp7dc");
        Secret other = Secret.of("sk_test_recentB4eC39HqLyjWDarjtT1zdp7dc");
        URI api = URI.create("http://127.0.0.1:1/v1");
        assertSame(RecentWrites.forAccount(key, api), RecentWrites.forAccount(key, api));
        assertNotSame(RecentWrites.forAccount(key, api), RecentWrites.forAccount(other, api));
        assertNotSame(
                RecentWrites.forAccount(key, api), RecentWrites.forAccount(key, URI.create("http://127.0.0.1:2/v1")));
        assertNotSame(RecentWrites.shared(), RecentWrites.forAccount(key, api));
    }

    @Test
    void aClientRecordsItsWritesInItsAccountOnlyAndLeavesActionsToTheirRunner() {
        Secret key = Secret.of("sk_test_recentC4eC39HqLyjWDarjtT1zdp7dc");
        first.enqueue(json("{\"id\":\"cus_1\",\"object\":\"customer\"}"));
        first.enqueue(json("{\"id\":\"in_1\",\"object\":\"invoice\"}"));
        try (HttpStripeClient writer = client(key, first);
                HttpStripeClient elsewhere = client(key, second)) {
            writer.create("customers", List.of(Map.entry("email", "a@b.c")), "key-1", null);
            writer.action("POST", "invoices/{}/finalize", "in_1", List.of(), "key-2", null);

            assertTrue(writer.recentWrites().writtenWithin("customers", MINUTE));
            // whether an action writes is the action's to say (a POST preview writes nothing): its runner records it
            assertFalse(writer.recentWrites().writtenWithin("invoices", MINUTE));
            assertFalse(elsewhere.recentWrites().writtenWithin("customers", MINUTE), "another account searches on");
            assertFalse(RecentWrites.shared().writtenWithin("invoices", MINUTE));
        }
        assertEquals(2, first.getRequestCount());
        assertEquals(0, second.getRequestCount());
    }

    private static HttpStripeClient client(Secret key, MockWebServer server) {
        return new HttpStripeClient(StripeClientConfig.builder(key)
                .apiUrl(server.url("/v1").toString())
                .readTimeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build());
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }
}
