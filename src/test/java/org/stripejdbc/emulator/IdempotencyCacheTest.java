package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyCacheTest {
    private static final HttpAnswer OK = new HttpAnswer(200, new byte[] {'{', '}'}, Map.of());

    @Test
    void tracksKeysFromFirstUseToCompletion() {
        IdempotencyCache cache = new IdempotencyCache(10);
        assertTrue(cache.begin("k", "POST /v1/customers").isEmpty());
        assertInstanceOf(
                IdempotencyCache.InFlight.class,
                cache.begin("k", "POST /v1/customers").orElseThrow());
        cache.complete("k", "POST /v1/customers", OK, "req_1");
        IdempotencyCache.Completed done = assertInstanceOf(
                IdempotencyCache.Completed.class, cache.begin("k", "other").orElseThrow());
        assertEquals("POST /v1/customers", done.fingerprint());
        assertEquals("req_1", done.requestId());
    }

    @Test
    void forgetsServerErrorsAndTheOldestKeys() {
        IdempotencyCache cache = new IdempotencyCache(2);
        cache.begin("failed", "f");
        cache.complete("failed", "f", new HttpAnswer(500, new byte[0], Map.of()), "req_1");
        assertTrue(cache.begin("failed", "f").isEmpty(), "a 5xx answer is not kept");
        cache.begin("a", "a");
        cache.begin("b", "b");
        assertTrue(cache.begin("failed", "f").isEmpty(), "the oldest key was evicted");
    }
}
