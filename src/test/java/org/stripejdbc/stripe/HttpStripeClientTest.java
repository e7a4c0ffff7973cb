package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.runtime.StatementControl;
import org.stripejdbc.vault.Secret;

class HttpStripeClientTest {
    private static final String KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dcXYZ";
    private static final String CUSTOMER =
            "{\"id\":\"cus_1\",\"object\":\"customer\",\"email\":\"a@b.c\",\"balance\":0}";

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

    private HttpStripeClient client(UnaryOperator<StripeClientConfig.Builder> customize) {
        StripeClientConfig.Builder builder = StripeClientConfig.builder(Secret.of(KEY))
                .apiUrl(server.url("/v1").toString())
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .requestsPerSecond(0.0)
                .sleeper(time)
                .nanoTime(time)
                .jitter(() -> 0.0);
        client = new HttpStripeClient(customize.apply(builder).build());
        return client;
    }

    private HttpStripeClient client() {
        return client(b -> b);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_" + code)
                .body(body)
                .build();
    }

    private static String error(String type, String code, String message, String param) {
        return "{\"error\":{\"type\":\"" + type + "\",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\",\"param\":\"" + param + "\",\"doc_url\":\"https://stripe.com/docs/error-codes/" + code + "\"}}";
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "expected a request");
        return request;
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    // ------------------------------------------------------------------------------------- headers and queries

    @Test
    void listSendsStripeHeadersAndFormEncodedQuery() throws Exception {
        String page = "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":true,\"data\":[" + CUSTOMER
                + ",{\"id\":\"cus_2\",\"amount\":12.50,\"nested\":{\"a\":[1,2]}}]}";
        server.enqueue(json(200, page));
        HttpStripeClient stripe = client(b -> b.apiVersion("2024-06-20").stripeAccount("acct_default"));

        StripePage result = stripe.list(
                "customers",
                List.of(
                        Map.entry("email", "a@b.c"),
                        Map.entry("limit", "100"),
                        Map.entry("created[gt]", "1700000000"),
                        Map.entry("description", "hello world & more")),
                new RequestOptions("acct_override", QueryControl.NONE));

        assertEquals(2, result.data().size());
        assertTrue(result.hasMore());
        assertEquals("cus_2", result.lastId());
        assertEquals(page.length(), result.bytes());
        assertEquals("a@b.c", result.data().get(0).get("email").stringValue());
        // Numbers are read exactly, as jsonb keeps them (12.50 stays 12.50).
        assertEquals(
                0,
                new BigDecimal("12.50")
                        .compareTo(result.data().get(1).get("amount").numberValue()));
        assertEquals("12.50", result.data().get(1).get("amount").toString());
        assertEquals(
                Json.parse("{\"amount\":12.50}").get("amount"),
                result.data().get(1).get("amount"));
        assertEquals("{\"a\": [1, 2]}", result.data().get(1).get("nested").toString());

        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals(
                "/v1/customers?email=a%40b.c&limit=100&created[gt]=1700000000&description=hello+world+%26+more",
                request.getTarget());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals("2024-06-20", request.getHeaders().get("Stripe-Version"));
        assertEquals("acct_override", request.getHeaders().get("Stripe-Account"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
        assertEquals("gzip", request.getHeaders().get("Accept-Encoding"));
        assertTrue(
                request.getHeaders().get("User-Agent").matches("stripe-jdbc/\\S+ \\(Java \\S+\\)"),
                request.getHeaders().get("User-Agent"));
        assertNull(request.getHeaders().get("Idempotency-Key"));
        assertEquals(1, stripe.statistics().requests());
        assertEquals(page.length(), stripe.statistics().bytesReceived());
    }

    @Test
    void defaultAccountIsSentAndNoVersionHeaderWithoutApiVersion() throws Exception {
        server.enqueue(json(200, "{\"data\":[],\"has_more\":false}"));
        StripePage page = client(b -> b.stripeAccount("acct_default"))
                .list("checkout/sessions", List.of(), RequestOptions.DEFAULT);

        assertTrue(page.data().isEmpty());
        assertFalse(page.hasMore());
        assertNull(page.lastId());
        RecordedRequest request = take();
        assertEquals("/v1/checkout/sessions", request.getTarget());
        assertEquals("acct_default", request.getHeaders().get("Stripe-Account"));
        assertNull(request.getHeaders().get("Stripe-Version"));
    }

    @Test
    void noAccountHeaderWhenNoneConfigured() throws Exception {
        server.enqueue(json(200, "{\"data\":[]}"));
        client().list("customers", null, null);
        assertNull(take().getHeaders().get("Stripe-Account"));
    }

    @Test
    void listWithoutDataArrayIsAnInvalidResponse() {
        server.enqueue(json(200, "{\"object\":\"list\",\"has_more\":false}"));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class, () -> client().list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(SqlState.FDW_ERROR, e.sqlState());
        assertEquals("invalid response: the list response has no \"data\" array on GET /v1/customers", e.getMessage());
    }

    @Test
    void malformedJsonOnSuccessIsAParseFailureAndNotRetried() {
        server.enqueue(json(200, "{\"data\":[{\"id\":"));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class, () -> client().list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(e.getMessage().startsWith("parse JSON response failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" on GET /v1/customers"), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void htmlOnSuccessIsAParseFailure() {
        server.enqueue(
                new MockResponse.Builder().code(200).body("<html>hello</html>").build());
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> client().get("balance", RequestOptions.DEFAULT));
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(e.getMessage().startsWith("parse JSON response failed: "), e.getMessage());
    }

    // ------------------------------------------------------------------------------------- retrieve, get, write

    @Test
    void retrieveReturnsTheObject() throws Exception {
        server.enqueue(json(200, CUSTOMER));
        Optional<Json> customer = client().retrieve("customers", "cus_1", RequestOptions.DEFAULT);
        assertEquals("cus_1", customer.orElseThrow().get("id").stringValue());
        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals("/v1/customers/cus_1", request.getTarget());
    }

    @Test
    void retrieveOf404IsEmpty() throws Exception {
        server.enqueue(
                json(404, error("invalid_request_error", "resource_missing", "No such customer: 'cus_x'", "id")));
        HttpStripeClient stripe = client();
        assertEquals(Optional.empty(), stripe.retrieve("customers", "cus_x", RequestOptions.DEFAULT));
        assertEquals("/v1/customers/cus_x", take().getTarget());
        assertEquals(0, stripe.statistics().failures());
        assertEquals(1, stripe.statistics().calls());
    }

    @Test
    void getOfASingleton() throws Exception {
        server.enqueue(json(200, "{\"object\":\"balance\",\"available\":[{\"amount\":1,\"currency\":\"usd\"}]}"));
        Json balance = client().get("balance", RequestOptions.DEFAULT);
        assertEquals("balance", balance.get("object").stringValue());
        assertEquals("/v1/balance", take().getTarget());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "../balance | /v1/customers/..%2Fbalance",
                "a/b        | /v1/customers/a%2Fb",
                "x?y=1      | /v1/customers/x%3Fy%3D1",
                "%2F        | /v1/customers/%252F",
                "'cus 1'    | /v1/customers/cus%201",
                "..         | /v1/customers/%2E%2E",
                ".          | /v1/customers/%2E",
                "#top       | /v1/customers/%23top",
                "a;b        | /v1/customers/a%3Bb",
                "ü          | /v1/customers/%C3%BC",
            })
    void idsStayOnePathSegment(String id, String expectedTarget) throws Exception {
        server.enqueue(json(200, CUSTOMER));
        client().retrieve("customers", id, RequestOptions.DEFAULT);
        assertEquals(expectedTarget, take().getTarget());
    }

    @Test
    void emptyIdOrBadPathNeverReachesTheServer() {
        HttpStripeClient stripe = client();
        StripeJdbcException empty =
                assertThrows(StripeJdbcException.class, () -> stripe.retrieve("customers", "", RequestOptions.DEFAULT));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, empty.sqlState());
        assertThrows(StripeJdbcException.class, () -> stripe.delete("customers", null, RequestOptions.DEFAULT));
        assertThrows(
                StripeJdbcException.class,
                () -> stripe.update("customers", null, List.of(), "k", RequestOptions.DEFAULT));
        StripeJdbcException path = assertThrows(
                StripeJdbcException.class, () -> stripe.list("../charges", List.of(), RequestOptions.DEFAULT));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, path.sqlState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void createPostsTheFormWithTheIdempotencyKey() throws Exception {
        server.enqueue(json(200, CUSTOMER));
        List<Map.Entry<String, String>> form = FormEncoder.flatten(Json.parse(
                "{\"email\":\"a+b@c.d\",\"metadata\":{\"k\":\"v w\"},\"items\":[{\"price\":\"p_1\"}],\"name\":null}"));

        Json created = client().create("customers", form, "idem-1", RequestOptions.DEFAULT);

        assertEquals("cus_1", created.get("id").stringValue());
        RecordedRequest request = take();
        assertEquals("POST", request.getMethod());
        assertEquals("/v1/customers", request.getTarget());
        assertEquals("idem-1", request.getHeaders().get("Idempotency-Key"));
        assertEquals("application/x-www-form-urlencoded", request.getHeaders().get("Content-Type"));
        assertEquals("email=a%2Bb%40c.d&metadata[k]=v+w&items[0][price]=p_1&name=", body(request));
    }

    @Test
    void createWithoutKeyGetsAGeneratedUuid() throws Exception {
        server.enqueue(json(200, CUSTOMER));
        client().create("customers", List.of(), null, RequestOptions.DEFAULT);
        RecordedRequest request = take();
        assertTrue(request.getHeaders()
                .get("Idempotency-Key")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertEquals("", body(request));
        assertEquals("0", request.getHeaders().get("Content-Length"));
    }

    @Test
    void updatePostsToTheObjectAnd404IsEmpty() throws Exception {
        server.enqueue(json(200, "{\"id\":\"cus_1\",\"description\":\"hello fdw\"}"));
        server.enqueue(json(404, error("invalid_request_error", "resource_missing", "No such customer", "id")));
        HttpStripeClient stripe = client();

        Optional<Json> updated = stripe.update(
                "customers", "cus_1", List.of(Map.entry("description", "hello fdw")), "idem-u", RequestOptions.DEFAULT);
        Optional<Json> missing = stripe.update("customers", "cus_x", List.of(), "idem-v", RequestOptions.DEFAULT);

        assertEquals("hello fdw", updated.orElseThrow().get("description").stringValue());
        assertEquals(Optional.empty(), missing);
        RecordedRequest first = take();
        assertEquals("POST", first.getMethod());
        assertEquals("/v1/customers/cus_1", first.getTarget());
        assertEquals("description=hello+fdw", body(first));
        assertEquals("idem-u", first.getHeaders().get("Idempotency-Key"));
        assertEquals("/v1/customers/cus_x", take().getTarget());
    }

    @Test
    void deleteSendsDeleteAnd404IsEmpty() throws Exception {
        server.enqueue(json(200, "{\"id\":\"cus_1\",\"object\":\"customer\",\"deleted\":true}"));
        server.enqueue(json(404, error("invalid_request_error", "resource_missing", "No such customer", "id")));
        HttpStripeClient stripe = client();

        assertEquals(
                Boolean.TRUE,
                stripe.delete("customers", "cus_1", RequestOptions.DEFAULT)
                        .orElseThrow()
                        .get("deleted")
                        .booleanValue());
        assertEquals(Optional.empty(), stripe.delete("customers", "cus_2", RequestOptions.DEFAULT));
        RecordedRequest request = take();
        assertEquals("DELETE", request.getMethod());
        assertEquals("/v1/customers/cus_1", request.getTarget());
        assertNull(request.getHeaders().get("Idempotency-Key"));
    }

    // ------------------------------------------------------------------------------------------------- errors

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "400 | invalid_request_error | parameter_unknown   | Received unknown parameter: foo | foo    | 22023",
                "401 | invalid_request_error | api_key_invalid     | Invalid API Key provided: " + KEY
                        + " | key | 28000",
                "402 | card_error            | card_declined       | Your card was declined.         | card   | 22000",
                "403 | invalid_request_error | secret_key_required | This API call cannot be made.   | scope  | 42501",
                "404 | invalid_request_error | resource_missing    | No such balance                 | id     | 42704",
                "409 | idempotency_error     | lock_timeout        | Conflict on the object.         | id     | 40001",
                "429 | invalid_request_error | rate_limit          | Too many requests.              | limit  | 08000",
                "500 | api_error             | internal            | Something went wrong.           | none   | 08006",
            })
    void errorResponsesBecomeStripeApiExceptions(
            int status, String type, String code, String message, String param, String sqlState) {
        server.enqueue(json(status, error(type, code, message, param)));
        StripeApiException e = assertThrows(
                StripeApiException.class, () -> client(b -> b.maxRetries(0)).get("balance", RequestOptions.DEFAULT));

        assertEquals(sqlState, e.sqlState().code());
        assertEquals(status, e.httpStatus());
        assertEquals(type, e.type());
        assertEquals(code, e.code());
        assertEquals(param, e.param());
        assertEquals("req_" + status, e.requestId());
        assertEquals("GET", e.method());
        assertEquals("/v1/balance", e.path());
        assertEquals("https://stripe.com/docs/error-codes/" + code, e.docUrl());
        String expectedMessage = message.replace(KEY, "sk_test_...cXYZ");
        assertEquals(expectedMessage, e.stripeMessage());
        assertEquals(
                "Stripe API error " + status + " (" + type + ", code " + code + ", param " + param + "): "
                        + expectedMessage + " [request-id req_" + status + "] on GET /v1/balance",
                e.getMessage());
        assertFalse(e.getMessage().contains(KEY));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void declineCodeIsKept() {
        server.enqueue(json(
                402,
                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                        + "\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient "
                        + "funds.\"}}"));
        StripeApiException e = assertThrows(
                StripeApiException.class,
                () -> client().create("payment_intents", List.of(), "k", RequestOptions.DEFAULT));
        assertEquals("insufficient_funds", e.declineCode());
        assertEquals(SqlState.DATA_EXCEPTION, e.sqlState());
        assertEquals(
                "Stripe API error 402 (card_error, code card_declined, decline_code insufficient_funds): "
                        + "Your card has insufficient funds. [request-id req_402] on POST /v1/payment_intents",
                e.getMessage());
    }

    @Test
    void nonJsonErrorBodyGivesARedactedExcerpt() {
        server.enqueue(new MockResponse.Builder()
                .code(403)
                .body("<html>\n  <body>Forbidden for " + KEY + "</body>\n</html>")
                .build());
        StripeApiException e =
                assertThrows(StripeApiException.class, () -> client().get("balance", RequestOptions.DEFAULT));
        assertEquals(
                "Stripe API error 403: <html> <body>Forbidden for sk_test_...cXYZ</body> </html> on GET /v1/balance",
                e.getMessage());
        assertNull(e.type());
        assertNull(e.requestId());
    }

    @Test
    void emulatorKeysAreRedactedToo() {
        server.enqueue(json(400, error("invalid_request_error", "x", "bad key emu_secret_value_123", "p")));
        client = new HttpStripeClient(StripeClientConfig.builder(Secret.of("emu_secret_value_123"))
                .apiUrl(server.url("/v1/").toString())
                .sleeper(time)
                .nanoTime(time)
                .build());
        StripeApiException e =
                assertThrows(StripeApiException.class, () -> client.get("balance", RequestOptions.DEFAULT));
        assertFalse(e.getMessage().contains("emu_secret_value_123"), e.getMessage());
        assertTrue(e.getMessage().contains("bad key ****"), e.getMessage());
    }

    @Test
    void listOf404IsAnError() {
        server.enqueue(
                json(404, error("invalid_request_error", "resource_missing", "Unrecognized request URL", "url")));
        StripeApiException e = assertThrows(
                StripeApiException.class,
                () -> client().list("nothing_here", List.of(Map.entry("limit", "1")), RequestOptions.DEFAULT));
        assertEquals(SqlState.UNDEFINED_OBJECT, e.sqlState());
        assertEquals("/v1/nothing_here", e.path());
        assertFalse(e.getMessage().contains("limit=1"), "no query string in messages");
    }

    // ------------------------------------------------------------------------------------------------ retries

    @Test
    void retriesA500ThenSucceeds() throws Exception {
        server.enqueue(json(500, error("api_error", "internal", "boom", "x")));
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe = client();

        assertTrue(stripe.retrieve("customers", "cus_1", RequestOptions.DEFAULT).isPresent());

        assertEquals(List.of(500L), time.delaysMillis());
        assertEquals(2, server.getRequestCount());
        assertEquals(
                new StripeClientStatistics.Snapshot(
                        1, 2, 1, 0, stripe.statistics().bytesReceived(), 0, 0),
                stripe.statistics().snapshot());
        assertEquals(
                error("api_error", "internal", "boom", "x").length() + CUSTOMER.length(),
                stripe.statistics().bytesReceived());
    }

    @Test
    void retryAfterSetsTheDelayAndA429SlowsTheRateLimiter() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "3")
                .body(error("invalid_request_error", "rate_limit", "Too many requests", "x"))
                .build());
        server.enqueue(json(200, CUSTOMER));
        RateLimiter limiter = new RateLimiter(10, time);
        client = new HttpStripeClient(
                StripeClientConfig.builder(Secret.of(KEY))
                        .apiUrl(server.url("/v1").toString())
                        .sleeper(time)
                        .nanoTime(time)
                        .jitter(() -> 0.0)
                        .build(),
                limiter);

        assertTrue(client.retrieve("customers", "cus_1", RequestOptions.DEFAULT).isPresent());

        assertEquals(List.of(3000L), time.delaysMillis());
        assertEquals(1, client.statistics().retries());
        // Slowed to 8/s, then recovered by 5% of 10/s per second during the 3 s wait.
        assertEquals(9.5, limiter.currentRate(), 1e-9);
    }

    @Test
    void retryAfterIsCappedAt60Seconds() {
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Retry-After", "3600")
                .body("")
                .build());
        server.enqueue(json(200, CUSTOMER));
        client().get("balance", RequestOptions.DEFAULT);
        assertEquals(List.of(60_000L), time.delaysMillis());
    }

    @Test
    void stripeShouldRetryFalseStopsEvenOn500() {
        server.enqueue(new MockResponse.Builder()
                .code(500)
                .addHeader("Stripe-Should-Retry", "false")
                .body(error("api_error", "x", "do not retry", "y"))
                .build());
        StripeApiException e =
                assertThrows(StripeApiException.class, () -> client().get("balance", RequestOptions.DEFAULT));
        assertEquals(500, e.httpStatus());
        assertEquals(1, server.getRequestCount());
        assertTrue(time.delaysMillis().isEmpty());
    }

    @Test
    void stripeShouldRetryTrueRetriesEvenA400() {
        server.enqueue(new MockResponse.Builder()
                .code(400)
                .addHeader("Stripe-Should-Retry", "true")
                .body(error("invalid_request_error", "x", "try again", "y"))
                .build());
        server.enqueue(json(200, CUSTOMER));
        client().get("customers/cus_1", RequestOptions.DEFAULT);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void budgetExhaustedThrowsTheLastError() {
        for (int i = 1; i <= 4; i++) {
            server.enqueue(new MockResponse.Builder()
                    .code(502)
                    .addHeader("Request-Id", "req_" + i)
                    .body(error("api_error", "bad_gateway", "attempt " + i, "x"))
                    .build());
        }
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe = client();

        StripeApiException e =
                assertThrows(StripeApiException.class, () -> stripe.get("balance", RequestOptions.DEFAULT));

        assertEquals("req_4", e.requestId());
        assertEquals("attempt 4", e.stripeMessage());
        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        assertTrue(e.getMessage().endsWith("on GET /v1/balance after 4 attempts"), e.getMessage());
        assertEquals(4, server.getRequestCount());
        // jitter 0 → half of 0.5/1/2 s, never below the initial 0.5 s
        assertEquals(List.of(500L, 500L, 1000L), time.delaysMillis());
        assertEquals(
                new StripeClientStatistics.Snapshot(
                        1, 4, 3, 1, stripe.statistics().bytesReceived(), 0, 0),
                stripe.statistics().snapshot());
    }

    @Test
    void postRetriedAfter500KeepsTheIdempotencyKey() throws Exception {
        server.enqueue(json(500, error("api_error", "x", "boom", "y")));
        server.enqueue(json(200, CUSTOMER));
        client().create("customers", List.of(Map.entry("email", "a@b.c")), null, RequestOptions.DEFAULT);

        RecordedRequest first = take();
        RecordedRequest second = take();
        assertNotNull(first.getHeaders().get("Idempotency-Key"));
        assertEquals(
                first.getHeaders().get("Idempotency-Key"), second.getHeaders().get("Idempotency-Key"));
        assertEquals("email=a%40b.c", body(second));
    }

    @Test
    void postRetriedAfterADroppedConnectionKeepsTheIdempotencyKey() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(CUSTOMER)
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe = client();

        Optional<Json> updated = stripe.update(
                "customers", "cus_1", List.of(Map.entry("name", "n")), "idem-dropped", RequestOptions.DEFAULT);

        assertEquals("cus_1", updated.orElseThrow().get("id").stringValue());
        RecordedRequest first = take();
        RecordedRequest second = take();
        assertEquals("idem-dropped", first.getHeaders().get("Idempotency-Key"));
        assertEquals("idem-dropped", second.getHeaders().get("Idempotency-Key"));
        assertEquals("name=n", body(second));
        assertEquals(1, stripe.statistics().retries());
    }

    @Test
    void aReadTimeoutIsNotRetriedAndSaysHowLongItWaited() {
        server.enqueue(new MockResponse.Builder()
                .body(CUSTOMER)
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(json(200, CUSTOMER));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.readTimeout(Duration.ofMillis(200)).maxRetries(3))
                        .get("balance", RequestOptions.DEFAULT));
        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        assertEquals(
                "Stripe did not answer GET /v1/balance within 0.2 s (1 attempt, read_timeout 0.2 s)", e.getMessage());
        assertInstanceOf(SocketTimeoutException.class, e.getCause());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), time.delaysMillis());
    }

    @Test
    void aPostThatTimesOutIsNotRetriedEither() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body(CUSTOMER)
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        server.enqueue(json(200, CUSTOMER));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.readTimeout(Duration.ofMillis(200)))
                        .create(
                                "customers",
                                List.of(Map.entry("email", "a@b.c")),
                                "idem-silent",
                                RequestOptions.DEFAULT));
        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        assertTrue(e.getMessage().startsWith("Stripe did not answer POST /v1/customers within "), e.getMessage());
        assertEquals("idem-silent", take().getHeaders().get("Idempotency-Key"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void retriesShareOneAnswerBudget() {
        // Attempt 1 takes 4.8 s of the 5 s read_timeout (on the fake clock) and gets a 500; attempt 2 may wait only
        // the 0.2 s left, so a silent server ends the call after about 0.2 s of real time, not after another 5 s.
        server.setDispatcher(new Dispatcher() {
            private final AtomicInteger calls = new AtomicInteger();

            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (calls.incrementAndGet() == 1) {
                    time.advanceMillis(4_800);
                    return json(500, error("api_error", "x", "boom", "y"));
                }
                return new MockResponse.Builder()
                        .body(CUSTOMER)
                        .onResponseStart(SocketEffect.Stall.INSTANCE)
                        .build();
            }
        });
        long started = System.nanoTime();
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> client().get("balance", RequestOptions.DEFAULT));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        // 4.8 s in attempt 1, the 0.5 s backoff (fake), at least 0.2 s in attempt 2 (real, not on the fake clock).
        assertEquals(
                "Stripe did not answer GET /v1/balance within 5.3 s (2 attempts, read_timeout 5.0 s)", e.getMessage());
        assertEquals(2, server.getRequestCount());
        assertEquals(List.of(500L), time.delaysMillis());
        assertTrue(tookMillis < 4_000, "took " + tookMillis + " ms; without the shared budget it waits 5 s more");
    }

    @Test
    void noRetryOnceTheAnswerBudgetIsSpent() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                time.advanceMillis(5_000);
                return json(503, error("api_error", "x", "busy", "y"));
            }
        });
        StripeApiException e =
                assertThrows(StripeApiException.class, () -> client().get("balance", RequestOptions.DEFAULT));
        assertEquals(503, e.httpStatus());
        assertEquals(1, server.getRequestCount());
        assertEquals(List.of(), time.delaysMillis());
    }

    @Test
    void cancelAbortsTheExchangeInFlight() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body(CUSTOMER)
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        StatementControl control = new StatementControl(new AtomicBoolean(), System::nanoTime, 0);
        HttpStripeClient stripe = client(b -> b.readTimeout(Duration.ofSeconds(60)));
        Thread canceller = cancelWhenRequested(control);

        long started = System.nanoTime();
        RequestCancelledException e = assertThrows(
                RequestCancelledException.class, () -> stripe.get("balance", new RequestOptions(null, control)));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        canceller.join(5_000);

        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertEquals("canceling statement due to user request (GET /v1/balance was in flight)", e.getMessage());
        assertFalse(e.outcomeUnknown(), "a GET changes nothing");
        assertEquals(1, server.getRequestCount(), "an aborted request is not retried");
        assertTrue(tookMillis < 10_000, "took " + tookMillis + " ms; the read timeout is 60 s");
    }

    @Test
    void aPostAbortedInFlightHasAnUnknownOutcome() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .body(CUSTOMER)
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        StatementControl control = new StatementControl(new AtomicBoolean(), System::nanoTime, 0);
        HttpStripeClient stripe = client(b -> b.readTimeout(Duration.ofSeconds(60)));
        Thread canceller = cancelWhenRequested(control);

        RequestCancelledException e = assertThrows(
                RequestCancelledException.class,
                () -> stripe.create(
                        "customers",
                        List.of(Map.entry("email", "a@b.c")),
                        "idem-1",
                        new RequestOptions(null, control)));
        canceller.join(5_000);

        assertEquals("canceling statement due to user request (POST /v1/customers was in flight)", e.getMessage());
        assertTrue(e.outcomeUnknown(), "the POST was sent: Stripe may have applied it");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aPostCancelledWhileWaitingToRetryAnUncertainAttemptHasAnUnknownOutcome() {
        server.enqueue(json(500, error("api_error", "x", "boom", "y")));
        AtomicInteger sleeps = new AtomicInteger();
        StatementControl control = new StatementControl(new AtomicBoolean(), System::nanoTime, 0);
        HttpStripeClient stripe = client(b -> b.sleeper(nanos -> {
            if (sleeps.incrementAndGet() == 2) {
                control.cancel();
            }
        }));

        RequestCancelledException e = assertThrows(
                RequestCancelledException.class,
                () -> stripe.create(
                        "customers",
                        List.of(Map.entry("email", "a@b.c")),
                        "idem-1",
                        new RequestOptions(null, control)));

        assertEquals("canceling statement due to user request (while retrying POST /v1/customers)", e.getMessage());
        assertTrue(e.outcomeUnknown(), "the 500 leaves the first attempt's outcome unknown");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aStoppedControlAbortsTheRequestBeforeItIsSent() {
        // The control stops between the last cancellation check and the exchange: registering aborts at once.
        StatementControl control = new StatementControl(new AtomicBoolean(), System::nanoTime, 0);
        QueryControl stopsOnRegistration = new QueryControl() {
            @Override
            public void checkCancelled() {
                control.checkCancelled();
            }

            @Override
            public Registration onCancel(Runnable abort) {
                control.cancel();
                return control.onCancel(abort);
            }
        };
        RequestCancelledException e = assertThrows(
                RequestCancelledException.class,
                () -> client().create(
                                "customers",
                                List.of(Map.entry("email", "a@b.c")),
                                "idem-1",
                                new RequestOptions(null, stopsOnRegistration)));
        assertEquals("canceling statement due to user request (before POST /v1/customers was sent)", e.getMessage());
        assertFalse(e.outcomeUnknown(), "nothing was sent");
        assertEquals(0, server.getRequestCount());
    }

    /** A thread that cancels {@code control} as soon as the server has received a request. */
    private Thread cancelWhenRequested(StatementControl control) {
        Thread canceller = new Thread(
                () -> {
                    try {
                        if (server.takeRequest(10, TimeUnit.SECONDS) != null) {
                            control.cancel();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "canceller");
        canceller.setDaemon(true);
        canceller.start();
        return canceller;
    }

    @Test
    void droppedConnectionIsRetried() {
        server.enqueue(new MockResponse.Builder()
                .body(CUSTOMER)
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        server.enqueue(json(200, CUSTOMER));
        assertEquals(
                "cus_1",
                client().get("customers/cus_1", RequestOptions.DEFAULT)
                        .get("id")
                        .stringValue());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void connectionRefusedIsRetriedThenAConnectError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int closedPort = port;
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.apiUrl("http://127.0.0.1:" + closedPort + "/v1")
                                .maxRetries(2))
                        .get("balance", RequestOptions.DEFAULT));
        assertEquals(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, e.sqlState());
        assertTrue(e.getMessage().startsWith("Stripe request failed on GET /v1/balance: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" after 3 attempts"), e.getMessage());
        assertEquals(List.of(500L, 500L), time.delaysMillis());
        assertEquals(3, client.statistics().requests());
    }

    @Test
    void cancellationStopsRetries() {
        server.enqueue(json(500, error("api_error", "x", "boom", "y")));
        server.enqueue(json(200, CUSTOMER));
        AtomicInteger checks = new AtomicInteger();
        QueryControl cancelAfterFirstAttempt = () -> {
            if (checks.incrementAndGet() > 2) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        HttpStripeClient stripe = client();

        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> stripe.get("balance", new RequestOptions(null, cancelAfterFirstAttempt)));

        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertEquals(1, server.getRequestCount());
        assertEquals(1, stripe.statistics().failures());
    }

    @Test
    void cancelledBeforeTheFirstAttemptSendsNothing() {
        QueryControl cancelled = () -> {
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to statement timeout");
        };
        assertThrows(StripeJdbcException.class, () -> client().get("balance", new RequestOptions(null, cancelled)));
        assertEquals(0, server.getRequestCount());
    }

    // ----------------------------------------------------------------------------- size limit, gzip, limiter

    @Test
    void responseLargerThanTheLimitByContentLength() {
        String big = "{\"data\":[],\"pad\":\"" + "x".repeat(980) + "\"}";
        server.enqueue(json(200, big));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.maxResponseSize(100)).list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState());
        assertEquals(
                "response too large (" + big.length() + " bytes). Maximum allowed: 100 bytes on GET /v1/customers",
                e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void chunkedResponseLargerThanTheLimitIsStoppedWhileStreaming() {
        String big = "{\"data\":[" + (CUSTOMER + ",").repeat(2) + CUSTOMER + "]}";
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 16).build());
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.maxResponseSize(150)).list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(
                "response too large (" + big.length() + " bytes). Maximum allowed: 150 bytes on GET /v1/customers",
                e.getMessage());
    }

    @Test
    void hugeStreamedResponseIsCutWithoutReadingItAll() {
        String huge = "{\"data\":[" + (CUSTOMER + ",").repeat(200) + CUSTOMER + "]}";
        server.enqueue(
                new MockResponse.Builder().code(200).chunkedBody(huge, 64).build());
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.maxResponseSize(200)).list("customers", List.of(), RequestOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("response too large (more than 4"), e.getMessage());
        assertTrue(e.getMessage().contains("Maximum allowed: 200 bytes"), e.getMessage());
    }

    @Test
    void gzipResponsesAreDecoded() throws Exception {
        String page = "{\"data\":[" + CUSTOMER + "],\"has_more\":false}";
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip(page)))
                .build());
        StripePage result = client().list("customers", List.of(), RequestOptions.DEFAULT);
        assertEquals("cus_1", result.lastId());
        assertEquals(page.length(), result.bytes());
        assertEquals("gzip", take().getHeaders().get("Accept-Encoding"));
    }

    @Test
    void gzipBombIsLimitedAfterDecompression() {
        String page = "{\"data\":[],\"pad\":\"" + " ".repeat(100_000) + "\"}";
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip(page)))
                .build());
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> client(b -> b.maxResponseSize(1000)).list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState());
    }

    @Test
    void theRateLimiterSpacesRequests() {
        server.enqueue(json(200, CUSTOMER));
        server.enqueue(json(200, CUSTOMER));
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe = client(b -> b.requestsPerSecond(1.0));
        for (int i = 0; i < 3; i++) {
            stripe.get("balance", RequestOptions.DEFAULT);
        }
        // One request per second, counted when sent, with the limiter's margin for arrival jitter.
        long window = 1_000L + RateLimiter.MARGIN.toMillis();
        assertEquals(List.of(window, window), time.delaysMillis());
        assertEquals(2 * window * 1_000_000L, stripe.statistics().rateLimitedNanos());
    }

    @Test
    void clientsOfTheSameKeyShareTheRateLimiter() {
        HttpStripeClient first = client(b -> b.requestsPerSecond(null));
        try (HttpStripeClient second = new HttpStripeClient(first.config())) {
            assertTrue(first.rateLimiter() == second.rateLimiter());
            assertEquals(
                    RateLimiter.TEST_REQUESTS_PER_SECOND, second.rateLimiter().baseRate());
        }
    }

    @Test
    void closedClientRefusesCalls() {
        HttpStripeClient stripe = client();
        stripe.close();
        stripe.close();
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> stripe.get("balance", RequestOptions.DEFAULT));
        assertEquals(SqlState.CONNECTION_EXCEPTION, e.sqlState());
    }

    @Test
    void toStringMasksTheKey() {
        HttpStripeClient stripe = client();
        assertFalse(stripe.toString().contains(KEY));
        assertFalse(stripe.config().toString().contains(KEY));
        assertTrue(stripe.toString().contains("sk_test_...cXYZ"));
    }

    @Test
    void invalidIdempotencyKeyOrAccountIsRejectedBeforeSending() {
        HttpStripeClient stripe = client();
        assertThrows(
                StripeJdbcException.class,
                () -> stripe.create("customers", List.of(), "bad\r\nX-Injected: 1", RequestOptions.DEFAULT));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> stripe.get("balance", new RequestOptions("acct\n1", QueryControl.NONE)));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void statisticsCountBytesSent() {
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe = client();
        stripe.create("customers", List.of(Map.entry("email", "x")), "k", RequestOptions.DEFAULT);
        assertEquals("email=x".length(), stripe.statistics().bytesSent());
        assertInstanceOf(String.class, stripe.statistics().toString());
    }

    @Test
    void eachHeaderIsSentOnce() throws Exception {
        server.enqueue(json(200, CUSTOMER));
        client().create("customers", List.of(), "k", RequestOptions.DEFAULT);
        RecordedRequest request = take();
        for (String name : List.of(
                "Authorization", "Accept", "Accept-Encoding", "User-Agent", "Idempotency-Key", "Content-Type")) {
            assertEquals(1, request.getHeaders().values(name).size(), name);
        }
    }

    @Test
    void connectionsGoBackToThePoolAfterEveryKindOfResponse() throws Exception {
        server.enqueue(json(200, CUSTOMER));
        server.enqueue(json(404, error("invalid_request_error", "resource_missing", "No such customer", "id")));
        server.enqueue(json(400, error("invalid_request_error", "parameter_unknown", "Unknown", "x")));
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Encoding", "gzip")
                .body(new Buffer().write(gzip("{\"data\":[],\"has_more\":false}")))
                .build());
        server.enqueue(json(200, CUSTOMER));
        // One connection and a short lease timeout: a leaked connection would make the next call fail.
        HttpStripeClient stripe = client(b -> b.maxConnectionsPerRoute(1).readTimeout(Duration.ofSeconds(1)));

        stripe.retrieve("customers", "cus_1", RequestOptions.DEFAULT);
        stripe.retrieve("customers", "cus_x", RequestOptions.DEFAULT);
        assertThrows(StripeApiException.class, () -> stripe.get("balance", RequestOptions.DEFAULT));
        stripe.list("customers", List.of(), RequestOptions.DEFAULT);
        stripe.retrieve("customers", "cus_1", RequestOptions.DEFAULT);

        for (int i = 0; i < 5; i++) {
            RecordedRequest request = take();
            assertEquals(0, request.getConnectionIndex(), "request " + i + " reused the first connection");
            assertEquals(i, request.getExchangeIndex());
        }
    }

    @Test
    void aDroppedTooLargeResponseDoesNotLeakItsConnection() {
        String big = "{\"data\":[" + (CUSTOMER + ",").repeat(200) + CUSTOMER + "]}";
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody(big, 64).build());
        server.enqueue(json(200, CUSTOMER));
        HttpStripeClient stripe =
                client(b -> b.maxConnectionsPerRoute(1).maxResponseSize(300).readTimeout(Duration.ofSeconds(1)));
        assertThrows(StripeJdbcException.class, () -> stripe.list("customers", List.of(), RequestOptions.DEFAULT));
        assertEquals(
                "cus_1",
                stripe.get("customers/cus_1", RequestOptions.DEFAULT).get("id").stringValue());
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return bytes.toByteArray();
    }
}
