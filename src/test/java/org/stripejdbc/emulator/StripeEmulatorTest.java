package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.emulator.EmulatorClient.pair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** The emulator as a server: life cycle, loopback binding, authentication, faults and the request log. */
class StripeEmulatorTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

    private static StripeEmulator.Builder tiny() {
        return StripeEmulator.builder().sizes(DataSizes.tiny());
    }

    @Test
    void setsNoDelayBeforeTheServerIsCreated() {
        assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    }

    @Test
    void bindsLoopbackOnly() throws Exception {
        StripeJdbcException refused = assertThrows(
                StripeJdbcException.class, () -> StripeEmulator.builder().bindAddress("0.0.0.0"));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, refused.sqlState());
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().bindAddress("::1"));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().bindAddress("localhost"));
        try (StripeEmulator emulator = tiny().bindAddress("127.0.0.1").start()) {
            assertTrue(emulator.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/v1/"), emulator.baseUrl());
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        try (Socket socket = new Socket()) {
                            assertThrows(
                                    IOException.class,
                                    () -> socket.connect(new InetSocketAddress(address, emulator.port()), 2_000),
                                    address.toString());
                        }
                    }
                }
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 2_000);
                assertTrue(socket.isConnected());
            }
        }
    }

    @Test
    void hasALifeCycle() {
        StripeEmulator emulator = tiny().build();
        assertFalse(emulator.isRunning());
        assertThrows(StripeJdbcException.class, emulator::port);
        assertSame(emulator, emulator.start());
        int port = emulator.port();
        assertSame(emulator, emulator.start());
        assertEquals(port, emulator.port());
        emulator.close();
        assertFalse(emulator.isRunning());
        assertThrows(StripeJdbcException.class, emulator::start);
        emulator.close();
    }

    @Test
    void validatesItsSettings() {
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().port(-1));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().port(70_000));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().errorRate(1.5));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().dropConnectionRate(Double.NaN));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().threads(0));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().requestsPerSecond(-2));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().latency(Duration.ofMillis(-1)));
        assertThrows(StripeJdbcException.class, () -> StripeEmulator.builder().customers(-1));
        StripeJdbcException liveKey = assertThrows(
                StripeJdbcException.class, () -> StripeEmulator.builder().apiKey("sk_live_1234567890abcdefghij"));
        assertFalse(liveKey.getMessage().contains("1234567890abcdefghij"), liveKey.getMessage());
        try (StripeEmulator emulator = tiny().build()) {
            assertThrows(StripeJdbcException.class, () -> emulator.setErrorRate(-0.1));
            assertThrows(StripeJdbcException.class, () -> emulator.setLatency(null));
            assertThrows(StripeJdbcException.class, () -> emulator.setRequestsPerSecond(-1));
            assertThrows(StripeJdbcException.class, () -> emulator.objects("pricing"));
        }
    }

    @Test
    void authenticatesLikeStripe() {
        try (StripeEmulator emulator = tiny().start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            assertEquals(200, client.get("customers").status());
            assertEquals(
                    200,
                    client.withAuthorization("Bearer sk_test_anything")
                            .get("customers")
                            .status());
            String basic = Base64.getEncoder().encodeToString("sk_test_basic:".getBytes(StandardCharsets.UTF_8));
            assertEquals(
                    200,
                    client.withAuthorization("Basic " + basic).get("customers").status());

            EmulatorClient.Answer missing = client.withAuthorization(null).get("customers");
            assertEquals(401, missing.status());
            assertTrue(missing.error().path("message").asText().startsWith("You did not provide an API key."));
            assertEquals("invalid_request_error", missing.error().path("type").asText());
            assertTrue(missing.header("Request-Id").startsWith("req_"));

            String secret = "sk_live_51Hsecretsecretsecretsecret9876";
            EmulatorClient.Answer live =
                    client.withAuthorization("Bearer " + secret).get("customers");
            assertEquals(401, live.status());
            assertEquals(
                    "Invalid API Key provided: sk_live_...9876",
                    live.error().path("message").asText());
            assertFalse(live.body().toString().contains("secretsecret"));
            assertEquals(
                    401,
                    client.withAuthorization("Bearer sk_test_").get("customers").status());
            assertEquals(
                    401,
                    client.withAuthorization("Token sk_test_abc")
                            .get("customers")
                            .status());
        }
        try (StripeEmulator emulator =
                tiny().apiKey("sk_test_only_this_one_key").start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            assertEquals("sk_test_only_this_one_key", emulator.apiKey());
            assertEquals(200, client.get("customers").status());
            assertEquals(
                    401,
                    client.withAuthorization("Bearer sk_test_another_key_123")
                            .get("customers")
                            .status());
        }
    }

    @Test
    void addsLatencyThroughTheClock() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator emulator =
                tiny().clock(clock).latency(Duration.ofMillis(250)).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            client.get("customers");
            client.get("customers/cus_nope");
            assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(250)), clock.sleeps());
            emulator.setLatency(Duration.ZERO);
            client.get("customers");
            assertEquals(2, clock.sleeps().size());
            emulator.setLatency(Duration.ofSeconds(2));
            assertEquals(Duration.ofSeconds(2), emulator.latency());
            client.get("balance");
            assertEquals(Duration.ofSeconds(2), clock.sleeps().get(2));
        }
    }

    @Test
    void answers429BeyondTheRequestBudget() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator emulator = tiny().clock(clock).requestsPerSecond(3).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("customers").status());
            }
            EmulatorClient.Answer limited = client.get("customers");
            assertEquals(429, limited.status());
            assertEquals("rate_limit", limited.error().path("code").asText());
            assertEquals("invalid_request_error", limited.error().path("type").asText());
            assertTrue(limited.error().path("message").asText().startsWith("Request rate limit exceeded."));
            assertEquals("true", limited.header("Stripe-Should-Retry"));
            clock.advance(Duration.ofMillis(334));
            assertEquals(200, client.get("customers").status());
            assertEquals(429, client.get("customers").status());
            clock.advance(Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("customers").status(), "a full second's budget, not ten");
            }
            assertEquals(429, client.get("customers").status());
            emulator.setRequestsPerSecond(0);
            for (int i = 0; i < 10; i++) {
                assertEquals(200, client.get("customers").status());
            }
            assertEquals(0, emulator.requestsPerSecond());
        }
    }

    @Test
    void aSlidingWindowBudgetIsStrictAndSaysWhenToComeBack() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator emulator = tiny().clock(clock)
                .requestsPerSecond(3)
                .slidingWindowBudget(true)
                .start()) {
            assertTrue(emulator.slidingWindowBudget());
            EmulatorClient client = new EmulatorClient(emulator);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("customers").status());
                clock.advance(Duration.ofMillis(100));
            }
            // At 0.3 s: the window since 0 s is full until 1.0 s, 0.7 s away: Retry-After 1 (whole seconds, up).
            EmulatorClient.Answer limited = client.get("customers");
            assertEquals(429, limited.status());
            assertEquals("rate_limit", limited.error().path("code").asText());
            assertEquals("1", limited.header("Retry-After"));
            assertEquals("true", limited.header("Stripe-Should-Retry"));
            clock.advance(Duration.ofMillis(700));
            assertEquals(200, client.get("customers").status(), "at 1.0 s the first request is a second old");
            assertEquals(429, client.get("customers").status(), "the one of 0.1 s is not");
            // Back to the bucket: its 429s say no Retry-After, as Stripe's.
            emulator.setSlidingWindowBudget(false);
            assertFalse(emulator.slidingWindowBudget());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, client.get("customers").status());
            }
            EmulatorClient.Answer bucket = client.get("customers");
            assertEquals(429, bucket.status());
            assertEquals(null, bucket.header("Retry-After"));
        }
    }

    @Test
    void theBudgetIsNotSpentByRequestsWithoutAValidKey() {
        ManualClock clock = new ManualClock(NOW);
        try (StripeEmulator emulator = tiny().clock(clock)
                .requestsPerSecond(1)
                .slidingWindowBudget(true)
                .start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            assertEquals(
                    401,
                    client.withAuthorization("Bearer sk_live_wrong")
                            .get("customers")
                            .status());
            assertEquals(200, client.get("customers").status());
            assertEquals(429, client.get("customers").status());
        }
    }

    private static List<Integer> statuses(StripeEmulator emulator, int requests) {
        EmulatorClient client = new EmulatorClient(emulator);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            EmulatorClient.Answer answer = client.get("customers?limit=1");
            statuses.add(answer.status());
            if (answer.status() >= 500) {
                assertEquals("api_error", answer.error().path("type").asText());
                assertEquals("true", answer.header("Stripe-Should-Retry"));
                assertTrue(answer.header("Request-Id").startsWith("req_"));
            }
        }
        return statuses;
    }

    @Test
    void injectsServerErrorsDeterministically() {
        List<Integer> first;
        try (StripeEmulator emulator = tiny().seed(9).errorRate(0.3).start()) {
            first = statuses(emulator, 60);
        }
        try (StripeEmulator emulator = tiny().seed(9).errorRate(0.3).start()) {
            assertEquals(first, statuses(emulator, 60), "the same seed gives the same faults");
        }
        assertTrue(first.contains(200) && first.contains(500) && first.contains(503), first.toString());
        long errors = first.stream().filter(s -> s >= 500).count();
        assertTrue(errors >= 6 && errors <= 36, "about 30% errors: " + errors);
        try (StripeEmulator emulator = tiny().seed(10).errorRate(0.3).start()) {
            assertNotEquals(first, statuses(emulator, 60), "another seed gives other faults");
        }
        try (StripeEmulator emulator = tiny().errorRate(1).start()) {
            assertTrue(statuses(emulator, 5).stream().allMatch(s -> s >= 500));
            emulator.setErrorRate(0);
            assertTrue(statuses(emulator, 5).stream().allMatch(s -> s == 200));
        }
    }

    @Test
    void dropsConnectionsWithoutAnswer() {
        try (StripeEmulator emulator = tiny().dropConnectionRate(1).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            assertThrows(UncheckedIOException.class, () -> client.get("customers"));
            List<RecordedRequest> log = emulator.requestLog();
            assertFalse(log.isEmpty());
            assertTrue(log.stream().allMatch(RecordedRequest::dropped), log.toString());
            emulator.setDropConnectionRate(0);
            assertEquals(200, client.get("customers").status());
            assertEquals(0.0, emulator.dropConnectionRate());
        }
        try (StripeEmulator emulator = tiny().seed(3).dropConnectionRate(0.5).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            int dropped = 0;
            int answered = 0;
            for (int i = 0; i < 20; i++) {
                try {
                    client.get("customers?limit=1");
                    answered++;
                } catch (UncheckedIOException e) {
                    dropped++;
                }
            }
            assertTrue(dropped > 0 && answered > 0, dropped + " dropped, " + answered + " answered");
        }
    }

    @Test
    void recordsRequestsWithoutSecrets() {
        ManualClock clock = new ManualClock(NOW);
        String key = "sk_test_51SuperSecretKeyMaterial0042";
        try (StripeEmulator emulator = tiny().clock(clock).apiKey(key).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            EmulatorClient.Answer listed = client.get("customers?email=a%40b.c&limit=100", "Stripe-Account", "");
            EmulatorClient.Answer created = client.post(
                    "customers",
                    List.of(pair("metadata[k]", "v w"), pair("email", "x@y.z")),
                    "Idempotency-Key",
                    "idem-1");
            client.withAuthorization("Bearer sk_test_wrongwrongwrongwrong7777").get("balance");

            List<RecordedRequest> log = emulator.requestLog();
            assertEquals(3, log.size());
            RecordedRequest get = log.get(0);
            assertEquals("GET", get.method());
            assertEquals("/v1/customers", get.path());
            assertEquals(List.of(Map.entry("email", "a@b.c"), Map.entry("limit", "100")), get.queryParameters());
            assertEquals("a@b.c", get.queryParameter("email"));
            assertEquals("GET /v1/customers?email=a@b.c&limit=100", get.describe());
            assertEquals(200, get.status());
            assertEquals(NOW, get.timestamp());
            assertEquals(listed.header("Request-Id"), get.requestId());
            assertEquals(List.of(), get.formParameters());
            assertEquals("Bearer sk_test_...0042", get.header("Authorization"));

            RecordedRequest post = log.get(1);
            assertEquals("POST", post.method());
            assertEquals(List.of(Map.entry("metadata[k]", "v w"), Map.entry("email", "x@y.z")), post.formParameters());
            assertEquals("idem-1", post.header("idempotency-key"));
            assertEquals("application/x-www-form-urlencoded", post.header("Content-Type"));
            assertEquals(created.header("Request-Id"), post.requestId());

            RecordedRequest refused = log.get(2);
            assertEquals(401, refused.status());
            assertEquals("Bearer sk_test_...7777", refused.header("authorization"));
            for (RecordedRequest request : log) {
                assertFalse(request.toString().contains("SuperSecretKeyMaterial"), request.toString());
                assertFalse(request.toString().contains("wrongwrongwrong"), request.toString());
            }
            emulator.clearRequestLog();
            assertEquals(List.of(), emulator.requestLog());
        }
    }

    @Test
    void keepsOnlyTheNewestRequests() {
        try (StripeEmulator emulator = tiny().requestLogCapacity(3).start()) {
            EmulatorClient client = new EmulatorClient(emulator);
            for (int i = 1; i <= 5; i++) {
                client.get("customers?limit=" + i);
            }
            assertEquals(
                    List.of("3", "4", "5"),
                    emulator.requestLog().stream()
                            .map(r -> r.queryParameter("limit"))
                            .toList());
        }
    }

    @Test
    void exposesItsDataForTests() {
        try (StripeEmulator emulator = tiny().seed(77).build()) {
            assertEquals(12, emulator.count("customers"));
            assertEquals(12, emulator.objects("customers").size());
            assertEquals(1, emulator.objects("balance").size());
            String id = emulator.objects("tokens").get(0).get("id").stringValue();
            assertEquals(
                    id, emulator.object("tokens", id).orElseThrow().get("id").stringValue());
            assertTrue(emulator.object("customers", "cus_nope").isEmpty());
            assertEquals(DataSizes.tiny(), emulator.sizes());
            assertEquals(77, emulator.seed());
            assertEquals(StripeEmulator.DEFAULT_DATA_END, emulator.dataEndTime());
            assertEquals(2, emulator.connectedAccountIds().size());
            assertTrue(emulator.accountId().startsWith("acct_"));
            assertEquals(StripeEmulator.DEFAULT_API_KEY, emulator.apiKey());
        }
    }

    @Test
    void answersWithTheDataEndTimeItWasGiven() {
        Instant end = Instant.parse("2030-01-01T00:00:00Z");
        try (StripeEmulator emulator = tiny().dataEndTime(end).start()) {
            long newest = new EmulatorClient(emulator)
                    .get("customers?limit=1")
                    .body()
                    .path("data")
                    .get(0)
                    .path("created")
                    .asLong();
            assertTrue(newest <= end.getEpochSecond() && newest > end.getEpochSecond() - Timeline.TWO_YEARS);
        }
    }
}
