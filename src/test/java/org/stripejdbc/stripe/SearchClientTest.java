package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.Secret;

/** The search call of {@link HttpStripeClient}: its exact requests, its pages, and its own rate limiter. */
class SearchClientTest {
    private static final String KEY = "sk_test_search4eC39HqLyjWDarjtT1zdp7dc";

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final FakeTime time = new FakeTime();
    private HttpStripeClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "expected a request");
        return request;
    }

    private HttpStripeClient client(RateLimiter list, RateLimiter search) {
        StripeClientConfig config = StripeClientConfig.builder(Secret.of(KEY))
                .apiUrl(server.url("/v1").toString())
                .readTimeout(Duration.ofSeconds(5))
                .sleeper(time)
                .nanoTime(time)
                .jitter(() -> 0.0)
                .build();
        client = new HttpStripeClient(config, list, search);
        return client;
    }

    @Test
    void searchSendsQueryLimitAndPageAndReadsNextPage() throws InterruptedException {
        client(new RateLimiter(0, time), new RateLimiter(0, time));
        server.enqueue(json("{\"object\":\"search_result\",\"url\":\"/v1/customers/search\",\"has_more\":true,"
                + "\"next_page\":\"pg_2\",\"data\":[{\"id\":\"cus_1\",\"object\":\"customer\"}]}"));
        server.enqueue(json("{\"object\":\"search_result\",\"has_more\":false,\"next_page\":null,"
                + "\"data\":[{\"id\":\"cus_2\",\"object\":\"customer\"}]}"));

        SearchPage first = client.search("customers", "name~\"son\" AND metadata['k']:'v'", 100, null, null);
        SearchPage second = client.search("customers", "name~\"son\" AND metadata['k']:'v'", 100, "pg_2", null);

        assertEquals("cus_1", first.data().get(0).get("id").stringValue());
        assertTrue(first.hasMore());
        assertEquals("pg_2", first.nextPage());
        assertEquals("cus_2", second.data().get(0).get("id").stringValue());
        assertNull(second.nextPage());
        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals(
                "/v1/customers/search?query=name%7E%22son%22+AND+metadata%5B%27k%27%5D%3A%27v%27&limit=100",
                request.getTarget());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals(
                "/v1/customers/search?query=name%7E%22son%22+AND+metadata%5B%27k%27%5D%3A%27v%27&limit=100&page=pg_2",
                take().getTarget());
    }

    /** Search requests wait on their own limiter: a full search second delays the next search, never a list. */
    @Test
    void searchHasItsOwnRateLimiter() throws InterruptedException {
        RateLimiter list = new RateLimiter(2, time);
        RateLimiter search = new RateLimiter(1, time);
        client(list, search);
        String empty = "{\"object\":\"search_result\",\"has_more\":false,\"next_page\":null,\"data\":[]}";
        String emptyList = "{\"object\":\"list\",\"has_more\":false,\"data\":[]}";
        server.enqueue(json(empty));
        server.enqueue(json(emptyList));
        server.enqueue(json(emptyList));
        server.enqueue(json(empty));

        client.search("customers", "email:\"a@b.c\"", 10, null, null);
        client.list("customers", List.of(), null);
        client.list("customers", List.of(), null);
        assertEquals(List.of(), time.delaysMillis(), "two lists fit the list budget although a search was sent");
        client.search("customers", "email:\"a@b.c\"", 10, null, null);
        assertEquals(List.of(1050L), time.delaysMillis(), "the second search waits for the search budget only");
        for (int i = 0; i < 4; i++) {
            take();
        }
    }

    @Test
    void theSharedSearchLimiterIsThe20PerSecondOneOfTheKeyApartFromItsListLimiter() {
        AtomicLong time = new AtomicLong();
        java.util.function.LongSupplier clock = time::get;
        Secret key = Secret.of("sk_live_sharedsearchlimiter");
        RateLimiter search = RateLimiter.sharedSearch(key, null, clock);
        assertEquals(RateLimiter.SEARCH_REQUESTS_PER_SECOND, search.baseRate());
        assertSame(search, RateLimiter.sharedSearch(Secret.of("sk_live_sharedsearchlimiter"), null, clock));
        RateLimiter list = RateLimiter.shared(key, null, clock);
        assertNotSame(search, list);
        assertEquals(RateLimiter.LIVE_REQUESTS_PER_SECOND, list.baseRate());
        RateLimiter.sharedSearch(key, 5.0, clock);
        assertEquals(5, search.baseRate(), "a configured rate applies to the key's search limiter");
        assertEquals(RateLimiter.LIVE_REQUESTS_PER_SECOND, list.baseRate(), "and leaves its list limiter alone");
    }

    @Test
    void theConfiguredSearchRateReachesTheClientsSearchLimiter() {
        StripeClientConfig config = StripeClientConfig.builder(Secret.of("sk_test_searchrateconfigured0123"))
                .apiUrl(server.url("/v1").toString())
                .searchRequestsPerSecond(7.0)
                .build();
        client = new HttpStripeClient(config);
        assertEquals(7, client.searchRateLimiter().baseRate());
        assertEquals(RateLimiter.TEST_REQUESTS_PER_SECOND, client.rateLimiter().baseRate());
    }

    @Test
    void writesAreRecordedForReadYourWrites() throws InterruptedException {
        client(new RateLimiter(0, time), new RateLimiter(0, time));
        server.enqueue(json("{\"id\":\"prod_1\",\"object\":\"product\"}"));
        client.create("products", List.of(), "key-1", null);
        assertTrue(client.recentWrites().writtenWithin("products", Duration.ofSeconds(60)));
        take();
    }
}
