package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer playing Stripe for the end-to-end tests: connections to it, canned answers, recorded requests. */
final class MockStripe {
    private MockStripe() {}

    /**
     * A connection on a fresh in-memory catalog whose zero-config server points at {@code server}, with no
     * retries and no client-side rate limit (so answers map one to one onto requests).
     */
    static Connection connect(MockWebServer server, String key, String catalogPrefix) throws SQLException {
        return connect(server, key, catalogPrefix, new Properties());
    }

    /** {@link #connect(MockWebServer, String, String)} with further connection properties. */
    static Connection connect(MockWebServer server, String key, String catalogPrefix, Properties extra)
            throws SQLException {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.setProperty("api_key", key);
        properties.setProperty("api_url", server.url("/v1/").toString());
        properties.setProperty("max_retries", "0");
        properties.setProperty("requests_per_second", "0");
        return DriverManager.getConnection("jdbc:stripe:mem:" + catalogPrefix + "-" + UUID.randomUUID(), properties);
    }

    /** Queues a JSON answer with a {@code Request-Id} of {@code req_<code>}. */
    static void enqueue(MockWebServer server, int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_" + code)
                .body(body)
                .build());
    }

    /** The next recorded request (fails after 5 s without one). */
    static RecordedRequest take(MockWebServer server) throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "expected a request");
        return request;
    }
}
