package org.stripejdbc.fdw.modify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Tables.values;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.stripe.HttpStripeClient;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeApiException;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripeClientConfig;
import org.stripejdbc.stripe.StripePage;
import org.stripejdbc.testkit.Await;
import org.stripejdbc.testkit.Tables;
import org.stripejdbc.vault.Secret;

class StripeModifierTest {
    private static final String KEY = "sk_test_4eC39HqLyjWDarjtT1zdp7dcXYZ";
    private static final ExecutionContext CONTEXT = ExecutionContext.simple();

    @StartStop
    final MockWebServer server = new MockWebServer();

    private final List<Long> sleeps = new ArrayList<>();
    private final AtomicInteger keyCounter = new AtomicInteger();
    private final IdempotencyKeys keys = () -> "key-" + keyCounter.incrementAndGet();
    private final ForeignTableDefinition customers = Tables.customers();
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
                .sleeper(sleeps::add)
                .nanoTime(() -> 0L)
                .jitter(() -> 0.0);
        client = new HttpStripeClient(customize.apply(builder).build());
        return client;
    }

    private StripeModifier modifier(ForeignTableDefinition table, UnaryOperator<StripeClientConfig.Builder> config) {
        return new StripeModifier(table, client(config), keys);
    }

    private StripeModifier modifier(ForeignTableDefinition table) {
        return modifier(table, b -> b);
    }

    private StripeModifier customers() {
        return modifier(customers);
    }

    private void respond(int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_" + code)
                .body(body)
                .build());
    }

    private void respondCustomer(String id) {
        respond(200, customer(id));
    }

    private static String customer(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + id
                + "@test.com\",\"name\":\"test name\","
                + "\"description\":null,\"created\":1700000000,\"livemode\":false,\"balance\":0,"
                + "\"metadata\":{\"a\":\"b\"}}";
    }

    private static String error(String type, String message, String param) {
        return "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\",\"param\":\"" + param + "\"}}";
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(request, "expected a request");
        return request;
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    /** The form body decoded into {@code k=v} pairs, in order. */
    private static List<String> pairs(RecordedRequest request) {
        List<String> out = new ArrayList<>();
        String raw = body(request);
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&", -1)) {
            int equals = pair.indexOf('=');
            out.add(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8) + "="
                    + URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private void assertRequest(
            RecordedRequest request, String method, String target, List<String> pairs, String idempotencyKey) {
        assertEquals(method, request.getMethod());
        assertEquals(target, request.getTarget());
        assertEquals(pairs, pairs(request));
        assertEquals(idempotencyKey, request.getHeaders().get("Idempotency-Key"));
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        if (method.equals("POST")) {
            assertTrue(
                    request.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"),
                    request.getHeaders().get("Content-Type"));
        }
    }

    // ------------------------------------------------------------------------------------- the doc's four statements

    @Test
    void docInsertPostsTheNamedColumnsWithoutNulls() throws Exception {
        respondCustomer("cus_123");

        ModifyResult result = customers()
                .insert(List.of(values("email", "test@test.com", "name", "test name", "description", null)), CONTEXT);

        RecordedRequest request = take();
        assertRequest(request, "POST", "/v1/customers", List.of("email=test@test.com", "name=test name"), "key-1");
        assertEquals("email=test%40test.com&name=test+name", body(request));
        assertEquals(1, result.affected());
        assertEquals(List.of("cus_123"), result.ids());
        assertEquals(List.of("inserted customers cus_123"), result.warnings());
        assertEquals(Json.parse(customer("cus_123")), result.objects().get(0));
    }

    @Test
    void docUpdateOfDescriptionById() throws Exception {
        respondCustomer("cus_xxx");

        ModifyResult result = customers().update(List.of("cus_xxx"), values("description", "hello fdw"), CONTEXT);

        assertRequest(take(), "POST", "/v1/customers/cus_xxx", List.of("description=hello fdw"), "key-1");
        assertEquals(1, result.affected());
        assertEquals(List.of("cus_xxx"), result.ids());
        assertEquals(List.of("updated customers cus_xxx"), result.warnings());
    }

    @Test
    void docUpdateOfAttrsWithAFlatMetadataKey() throws Exception {
        respondCustomer("cus_xxx");

        customers().update(List.of("cus_xxx"), values("attrs", "{\"metadata[foo]\": \"bar\"}"), CONTEXT);

        RecordedRequest request = take();
        assertRequest(request, "POST", "/v1/customers/cus_xxx", List.of("metadata[foo]=bar"), "key-1");
        assertEquals("metadata[foo]=bar", body(request));
    }

    @Test
    void docDeleteById() throws Exception {
        respond(200, "{\"id\":\"cus_xxx\",\"object\":\"customer\",\"deleted\":true}");

        ModifyResult result = customers().delete(List.of("cus_xxx"), CONTEXT);

        RecordedRequest request = take();
        assertRequest(request, "DELETE", "/v1/customers/cus_xxx", List.of(), null);
        assertEquals(1, result.affected());
        assertEquals(List.of("cus_xxx"), result.ids());
        assertEquals(List.of("deleted customers cus_xxx"), result.warnings());
        // RETURNING on a DELETE shapes Stripe's deletion stub: the id, and the stub as attrs.
        Object[] row = result.rows(customers).get(0);
        assertEquals("cus_xxx", row[0]);
        assertNull(row[1]);
        assertEquals(Json.parse("{\"id\":\"cus_xxx\",\"object\":\"customer\",\"deleted\":true}"), row[9]);
    }

    // ------------------------------------------------------------------------------------- several rows

    @Test
    void multiRowInsertSendsOneRequestPerRowInOrderWithDistinctKeys() throws Exception {
        respondCustomer("cus_1");
        respondCustomer("cus_2");
        respondCustomer("cus_3");

        ModifyResult result = customers()
                .insert(
                        List.of(
                                values("email", "a@test.com"),
                                values("email", "b@test.com", "name", "B"),
                                values("name", "C", "email", null)),
                        CONTEXT);

        assertRequest(take(), "POST", "/v1/customers", List.of("email=a@test.com"), "key-1");
        assertRequest(take(), "POST", "/v1/customers", List.of("email=b@test.com", "name=B"), "key-2");
        assertRequest(take(), "POST", "/v1/customers", List.of("name=C"), "key-3");
        assertEquals(3, result.affected());
        assertEquals(List.of("cus_1", "cus_2", "cus_3"), result.ids());
        assertEquals(
                List.of("inserted customers cus_1", "inserted customers cus_2", "inserted customers cus_3"),
                result.warnings());
        assertEquals(3, result.objects().size());
    }

    @Test
    void randomKeysDifferPerRow() throws Exception {
        respondCustomer("cus_1");
        respondCustomer("cus_2");
        new StripeModifier(customers, client(b -> b))
                .insert(List.of(values("name", "a"), values("name", "b")), CONTEXT);
        String first = take().getHeaders().get("Idempotency-Key");
        String second = take().getHeaders().get("Idempotency-Key");
        assertTrue(first.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void nestedAttrsAndSpecialCharactersOnTheWire() throws Exception {
        respondCustomer("cus_1");

        customers()
                .insert(
                        List.of(values(
                                "name",
                                "Zoë & Søn = 1+1 [a]",
                                "attrs",
                                "{\"metadata\":{\"order id\":\"#42 & more\",\"emoji\":\"☕\"},"
                                        + "\"invoice_settings\":{\"custom_fields\":[{\"name\":\"VAT\",\"value\":\"FR "
                                        + "12\"}]},"
                                        + "\"preferred_locales\":[\"fr\",\"en\"]}")),
                        CONTEXT);

        RecordedRequest request = take();
        assertEquals(
                List.of(
                        "name=Zoë & Søn = 1+1 [a]",
                        "metadata[order id]=#42 & more",
                        "metadata[emoji]=☕",
                        "invoice_settings[custom_fields][0][name]=VAT",
                        "invoice_settings[custom_fields][0][value]=FR 12",
                        "preferred_locales[0]=fr",
                        "preferred_locales[1]=en"),
                pairs(request));
        assertEquals(
                "name=Zo%C3%AB+%26+S%C3%B8n+%3D+1%2B1+%5Ba%5D&metadata[order+id]=%2342+%26+more"
                        + "&metadata[emoji]=%E2%98%95&invoice_settings[custom_fields][0][name]=VAT"
                        + "&invoice_settings[custom_fields][0][value]=FR+12"
                        + "&preferred_locales[0]=fr&preferred_locales[1]=en",
                body(request));
    }

    @Test
    void timestampsBooleansAndJsonColumnsOnTheWire() throws Exception {
        respond(200, "{\"id\":\"sub_1\",\"object\":\"subscription\"}");
        respond(200, "{\"id\":\"sub_1\",\"object\":\"subscription\"}");
        StripeModifier modifier = modifier(Tables.define(
                "subscriptions",
                "subscriptions",
                "id text, trial_end timestamp, cancel_at_period_end bool, days_until_due bigint, metadata jsonb, "
                        + "description text"));

        modifier.insert(
                List.of(values(
                        "trial_end",
                        LocalDateTime.of(2023, 11, 14, 22, 13, 20),
                        "cancel_at_period_end",
                        true,
                        "days_until_due",
                        1500L,
                        "metadata",
                        "{\"plan\":\"gold\"}")),
                CONTEXT);
        modifier.update(
                List.of("sub_1"),
                values("cancel_at_period_end", false, "metadata", null, "description", null),
                CONTEXT);

        assertEquals(
                List.of(
                        "trial_end=1700000000",
                        "cancel_at_period_end=true",
                        "days_until_due=1500",
                        "metadata[plan]=gold"),
                pairs(take()));
        RecordedRequest update = take();
        assertEquals(List.of("cancel_at_period_end=false", "metadata=", "description="), pairs(update));
        assertEquals("cancel_at_period_end=false&metadata=&description=", body(update));
    }

    @Test
    void updateOfTheRowidIsRefusedBeforeAnyRequest() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> customers().update(List.of("cus_1"), values("id", "cus_other", "name", "n"), CONTEXT));

        assertEquals(SqlState.GENERATED_ALWAYS, e.sqlState());
        assertEquals(
                "UPDATE of stripe.customers: cannot assign to column \"id\": it is the rowid_column of "
                        + "stripe.customers, and a Stripe object's id cannot be changed",
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void fieldsStripeComputesOrSetsOnlyAtCreationAreRefusedBeforeAnyRequest() {
        StripeModifier modifier = customers();
        StripeJdbcException created = assertThrows(
                StripeJdbcException.class,
                () -> modifier.insert(
                        List.of(
                                values("email", "a@b.c"),
                                values("created", LocalDateTime.of(2023, 11, 14, 22, 13, 20))),
                        CONTEXT));
        assertEquals(SqlState.GENERATED_ALWAYS, created.sqlState());
        assertEquals(
                "INSERT into stripe.customers, row 2 of 2: cannot assign to column \"created\": Stripe computes "
                        + "customers.created itself, so no request can set it",
                created.getMessage());
        // A NULL is omitted on INSERT, even for a read-only column (insert ... values with every column).
        assertEquals(
                List.of(),
                modifier.planInsert(List.of(values("created", null, "livemode", null)))
                        .get(0)
                        .body());

        StripeJdbcException livemode = assertThrows(
                StripeJdbcException.class, () -> modifier.update(List.of("cus_1"), values("livemode", null), CONTEXT));
        assertEquals(
                "UPDATE of stripe.customers: cannot assign to column \"livemode\": Stripe computes "
                        + "customers.livemode itself, so no request can set it",
                livemode.getMessage());
        StripeJdbcException attrs = assertThrows(
                StripeJdbcException.class,
                () -> modifier.update(
                        List.of("cus_1"), values("attrs", "{\"metadata\":{\"a\":\"b\"},\"created\":1}"), CONTEXT));
        assertEquals(SqlState.GENERATED_ALWAYS, attrs.sqlState());
        assertTrue(attrs.getMessage().contains("cannot assign to attrs key \"created\""), attrs.getMessage());

        StripeModifier charges =
                modifier(Tables.define("charges", "charges", "id text, amount bigint, description text, attrs jsonb"));
        StripeJdbcException amount = assertThrows(
                StripeJdbcException.class, () -> charges.update(List.of("ch_1"), values("amount", 5L), CONTEXT));
        assertEquals(
                "UPDATE of stripe.charges: cannot assign to column \"amount\": Stripe sets charges.amount only "
                        + "when the object is created, and an update cannot change it",
                amount.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anUpdateThatWouldSendNothingIsRefusedBeforeAnyRequest() {
        StripeModifier modifier = customers();
        for (Object attrs : new Object[] {null, "{}", "null"}) {
            StripeJdbcException e = assertThrows(
                    StripeJdbcException.class,
                    () -> modifier.update(List.of("cus_1"), values("attrs", attrs), CONTEXT));
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
            assertTrue(
                    e.getMessage()
                            .startsWith("UPDATE of stripe.customers: the SET list gives no Stripe parameter "
                                    + "(attrs sent nothing), so the request would change nothing; it is not sent."),
                    e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void dangerousWritesNeedTheTableOption() throws Exception {
        ForeignTableDefinition charges = Tables.define(
                "charges",
                "charges",
                "id text, amount bigint, currency text, customer text, description text, attrs jsonb");
        StripeModifier refusing = modifier(charges);
        ModifyRefusedException insert = assertThrows(
                ModifyRefusedException.class,
                () -> refusing.insert(
                        List.of(values("amount", 500L, "currency", "usd", "customer", "cus_1")), CONTEXT));
        assertEquals(SqlState.INSUFFICIENT_PRIVILEGE, insert.sqlState());
        assertEquals(
                "INSERT into stripe.charges creates a real charge: it moves money from the customer's payment "
                        + "method. Refused before any request: the foreign table stripe.charges does not have the "
                        + "option "
                        + "allow_dangerous_writes 'true'. To allow it: ALTER FOREIGN TABLE stripe.charges OPTIONS (ADD "
                        + "allow_dangerous_writes 'true') (SET instead of ADD when the option is there already)",
                insert.getMessage());

        // Description and metadata of a charge stay writable; DELETE of charges is not a dangerous write.
        respond(200, "{\"id\":\"ch_1\",\"object\":\"charge\"}");
        refusing.update(List.of("ch_1"), values("description", "x", "attrs", "{\"metadata\":{\"k\":\"v\"}}"), CONTEXT);
        assertRequest(take(), "POST", "/v1/charges/ch_1", List.of("description=x", "metadata[k]=v"), "key-1");

        ForeignTableDefinition accounts = Tables.define("accounts", "accounts", "id text, email text, attrs jsonb");
        StripeModifier accountsModifier = modifier(accounts);
        ModifyRefusedException delete =
                assertThrows(ModifyRefusedException.class, () -> accountsModifier.delete(List.of("acct_1"), CONTEXT));
        assertTrue(
                delete.getMessage()
                        .startsWith("DELETE from stripe.accounts deletes a connected account. Refused "
                                + "before any request"),
                delete.getMessage());
        ModifyRefusedException email = assertThrows(
                ModifyRefusedException.class,
                () -> accountsModifier.update(List.of("acct_1"), values("email", "x@y.z"), CONTEXT));
        assertTrue(
                email.getMessage()
                        .startsWith("UPDATE of stripe.accounts setting \"email\" can change a connected "
                                + "account's bank account"),
                email.getMessage());
        assertTrue(email.getMessage().contains("(without it, an UPDATE may set only description and metadata)"));
        ModifyRefusedException viaAttrs = assertThrows(
                ModifyRefusedException.class,
                () -> accountsModifier.update(
                        List.of("acct_1"),
                        values("attrs", "{\"metadata\":{\"a\":\"b\"},\"external_account\":\"btok_1\"}"),
                        CONTEXT));
        assertTrue(
                viaAttrs.getMessage().startsWith("UPDATE of stripe.accounts setting \"external_account\""),
                viaAttrs.getMessage());
        assertEquals(1, server.getRequestCount());

        respond(200, "{\"id\":\"ch_2\",\"object\":\"charge\"}");
        StripeModifier allowing = new StripeModifier(charges, client, keys, true);
        assertEquals(
                List.of("ch_2"),
                allowing.insert(List.of(values("amount", 500L, "currency", "usd")), CONTEXT)
                        .ids());
        assertRequest(take(), "POST", "/v1/charges", List.of("amount=500", "currency=usd"), "key-2");
    }

    @Test
    void updateOfSeveralIdsReusesTheBodyWithAKeyPerRow() throws Exception {
        respondCustomer("cus_1");
        respondCustomer("cus_2");

        ModifyResult result = customers().update(List.of("cus_1", "cus_2"), values("name", "n"), CONTEXT);

        assertRequest(take(), "POST", "/v1/customers/cus_1", List.of("name=n"), "key-1");
        assertRequest(take(), "POST", "/v1/customers/cus_2", List.of("name=n"), "key-2");
        assertEquals(2, result.affected());
    }

    @Test
    void idsAreOnePathSegment() throws Exception {
        respond(404, error("invalid_request_error", "No such customer", "id"));
        customers().delete(List.of("../balance"), CONTEXT);
        assertEquals("/v1/customers/..%2Fbalance", take().getTarget());
    }

    // ------------------------------------------------------------------------------------- exactly once

    @Test
    void aPostRetriedAfterA500KeepsItsIdempotencyKey() throws Exception {
        respond(500, error("api_error", "Something went wrong", "x"));
        respondCustomer("cus_1");
        respondCustomer("cus_2");

        ModifyResult result =
                customers().insert(List.of(values("email", "a@test.com"), values("email", "b@test.com")), CONTEXT);

        RecordedRequest first = take();
        RecordedRequest retry = take();
        RecordedRequest second = take();
        assertRequest(first, "POST", "/v1/customers", List.of("email=a@test.com"), "key-1");
        assertRequest(retry, "POST", "/v1/customers", List.of("email=a@test.com"), "key-1");
        assertRequest(second, "POST", "/v1/customers", List.of("email=b@test.com"), "key-2");
        assertEquals(2, result.affected());
        assertEquals(List.of("cus_1", "cus_2"), result.ids());
        // One backoff of the initial 500 ms (jitter 0), waited through the injected sleeper in 100 ms steps.
        assertEquals(
                Duration.ofMillis(500).toNanos(),
                sleeps.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aPostRetriedAfterADroppedConnectionKeepsItsIdempotencyKey() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(200)
                .body(customer("cus_1"))
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        respondCustomer("cus_1");
        respondCustomer("cus_2");
        StripeModifier modifier = modifier(customers, b -> b);

        ModifyResult result = modifier.update(List.of("cus_1", "cus_2"), values("name", "n"), CONTEXT);

        RecordedRequest dropped = take();
        RecordedRequest retry = take();
        RecordedRequest next = take();
        assertRequest(dropped, "POST", "/v1/customers/cus_1", List.of("name=n"), "key-1");
        assertRequest(retry, "POST", "/v1/customers/cus_1", List.of("name=n"), "key-1");
        assertRequest(next, "POST", "/v1/customers/cus_2", List.of("name=n"), "key-2");
        assertEquals(2, result.affected());
        assertEquals(2, keyCounter.get(), "one key per row, none per retry");
    }

    // ------------------------------------------------------------------------------------- 404

    @Test
    void notFoundOnUpdateOrDeleteIsNotAffected() throws Exception {
        respond(404, error("invalid_request_error", "No such customer: 'cus_gone'", "id"));
        respond(404, error("invalid_request_error", "No such customer: 'cus_gone'", "id"));
        StripeModifier modifier = customers();

        ModifyResult updated = modifier.update(List.of("cus_gone"), values("name", "n"), CONTEXT);
        ModifyResult deleted = modifier.delete(List.of("cus_gone"), CONTEXT);

        assertEquals(0, updated.affected());
        assertEquals(List.of(), updated.ids());
        assertEquals(List.of(), updated.objects());
        assertEquals(List.of("customers cus_gone was not found; not updated"), updated.warnings());
        assertEquals(0, deleted.affected());
        assertEquals(List.of("customers cus_gone was not found; not deleted"), deleted.warnings());
        assertEquals(2, server.getRequestCount(), "a 404 is not retried");
    }

    @Test
    void notFoundInTheMiddleSkipsOnlyThatRow() throws Exception {
        respondCustomer("cus_1");
        respond(404, error("invalid_request_error", "No such customer: 'cus_gone'", "id"));
        respondCustomer("cus_3");

        ModifyResult result = customers().update(List.of("cus_1", "cus_gone", "cus_3"), values("name", "n"), CONTEXT);

        assertEquals(2, result.affected());
        assertEquals(List.of("cus_1", "cus_3"), result.ids());
        assertEquals(2, result.objects().size());
        assertEquals(
                List.of(
                        "updated customers cus_1",
                        "customers cus_gone was not found; not updated",
                        "updated customers cus_3"),
                result.warnings());
        assertEquals(3, server.getRequestCount());
    }

    // ------------------------------------------------------------------------------------- partial failure

    @Test
    void failureHalfWayReportsTheAppliedRows() throws Exception {
        respondCustomer("cus_1");
        respondCustomer("cus_2");
        respond(400, error("invalid_request_error", "Invalid email address: x", "email"));
        List<Map<String, Object>> rows = List.of(
                values("email", "a@test.com"),
                values("email", "b@test.com"),
                values("email", "x"),
                values("email", "d@test.com"),
                values("email", "e@test.com"));
        StripeModifier modifier = customers();

        PartialModifyException e = assertThrows(PartialModifyException.class, () -> modifier.insert(rows, CONTEXT));

        assertEquals(
                "INSERT into stripe.customers failed at row 3 of 5 after 2 rows were applied (cus_1, cus_2): "
                        + "Stripe API error 400 (invalid_request_error, param email): Invalid email address: x "
                        + "[request-id req_400] on POST /v1/customers",
                e.getMessage());
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        StripeApiException cause = assertInstanceOf(StripeApiException.class, e.getCause());
        assertEquals("req_400", cause.requestId());
        assertEquals("email", cause.param());
        assertEquals(2, e.appliedCount());
        assertEquals(List.of("cus_1", "cus_2"), e.appliedIds());
        assertEquals(3, e.failedRow());
        assertEquals(5, e.totalRows());
        assertEquals(ModifyOperation.INSERT, e.operation());
        assertEquals("stripe.customers", e.table());
        assertFalse(e.outcomeUnknown());
        assertEquals(3, server.getRequestCount(), "rows 4 and 5 were never sent");
    }

    @Test
    void failureAtTheFirstRowSaysNothingWasApplied() {
        respond(
                402,
                "{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"message\":\"Your card was "
                        + "declined.\"}}");
        PartialModifyException e = assertThrows(
                PartialModifyException.class, () -> customers().update(List.of("cus_1"), values("name", "n"), CONTEXT));
        assertEquals(
                "UPDATE of stripe.customers failed at row 1 of 1, no rows were applied: Stripe API error 402 "
                        + "(card_error, code card_declined): Your card was declined. [request-id req_402] on POST "
                        + "/v1/customers/cus_1",
                e.getMessage());
        assertEquals(SqlState.DATA_EXCEPTION, e.sqlState());
        assertEquals(0, e.appliedCount());
    }

    @Test
    void aServerErrorAfterTheRetriesLeavesTheRowsOutcomeUnknown() throws Exception {
        respondCustomer("cus_1");
        respond(503, error("api_error", "Service unavailable", "x"));
        respond(503, error("api_error", "Service unavailable", "x"));
        StripeModifier modifier = modifier(customers, b -> b.maxRetries(1));

        PartialModifyException e = assertThrows(
                PartialModifyException.class,
                () -> modifier.update(List.of("cus_1", "cus_2", "cus_3"), values("name", "n"), CONTEXT));

        assertTrue(e.outcomeUnknown());
        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        assertTrue(
                e.getMessage()
                        .startsWith("UPDATE of stripe.customers failed at row 2 of 3 after 1 row was "
                                + "applied (cus_1); row 2 may have been applied too (its outcome is "
                                + "unknown): Stripe API error 503"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(" after 2 attempts"), e.getMessage());
        take();
        assertEquals("key-2", take().getHeaders().get("Idempotency-Key"));
        assertEquals("key-2", take().getHeaders().get("Idempotency-Key"));
    }

    @Test
    void aReadTimeoutLeavesTheRowsOutcomeUnknown() {
        server.enqueue(new MockResponse.Builder()
                .body(customer("cus_1"))
                .onResponseStart(SocketEffect.Stall.INSTANCE)
                .build());
        StripeModifier modifier = modifier(customers, b -> b.readTimeout(Duration.ofMillis(200)));

        PartialModifyException e =
                assertThrows(PartialModifyException.class, () -> modifier.delete(List.of("cus_1"), CONTEXT));

        assertTrue(e.outcomeUnknown());
        assertEquals(SqlState.CONNECTION_FAILURE, e.sqlState());
        assertTrue(
                e.getMessage()
                        .startsWith("DELETE from stripe.customers failed at row 1 of 1, no rows were "
                                + "applied; row 1 may have been applied too (its outcome is unknown): Stripe did not "
                                + "answer DELETE "
                                + "/v1/customers/cus_1 within 0.2 s (1 attempt, read_timeout 0.2 s)"),
                e.getMessage());
        // The message's "(1 attempt" says the client did not retry. The server may record the one request after the
        // client has given up (its thread is late on a loaded machine), so wait for it instead of reading the count.
        Await.until("the DELETE reaches the server", () -> server.getRequestCount() >= 1);
        assertEquals(1, server.getRequestCount(), "a read timeout is not retried");
    }

    @Test
    void cancellationIsCheckedBetweenRows() {
        respondCustomer("cus_1");
        QueryControl cancelAfterFirstRow = () -> {
            // The client polls too; the statement is cancelled once the first row's request has been answered.
            if (server.getRequestCount() >= 1) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        ExecutionContext context =
                new ExecutionContext(List.of(), Instant.now(), 0, cancelAfterFirstRow, ScanListener.NONE);

        PartialModifyException e = assertThrows(
                PartialModifyException.class, () -> customers().delete(List.of("cus_1", "cus_2", "cus_3"), context));

        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        assertEquals(
                "DELETE from stripe.customers failed at row 2 of 3 after 1 row was applied (cus_1): canceling "
                        + "statement due to user request",
                e.getMessage());
        assertEquals(1, server.getRequestCount());
    }

    // ------------------------------------------------------------------------------------- checks before requests

    @Test
    void aTableWithoutRowidColumnIsRejectedBeforeAnyRequest() {
        ForeignTableDefinition noRowid = Tables.define("customers", "customers", "id text, email text", null, null);
        StripeModifier modifier = modifier(noRowid);

        StripeJdbcException insert = assertThrows(
                StripeJdbcException.class, () -> modifier.insert(List.of(values("email", "a@b.c")), CONTEXT));
        assertEquals(SqlState.FDW_OPTION_NAME_NOT_FOUND, insert.sqlState());
        assertEquals(
                "option 'rowid_column' is required for INSERT into stripe.customers: the foreign table has no "
                        + "rowid_column option (set it to the column holding the object id, usually 'id', with ALTER "
                        + "FOREIGN "
                        + "TABLE stripe.customers OPTIONS (ADD rowid_column 'id'))",
                insert.getMessage());
        assertFalse(insert instanceof PartialModifyException);
        assertEquals(
                SqlState.FDW_OPTION_NAME_NOT_FOUND,
                assertThrows(
                                StripeJdbcException.class,
                                () -> modifier.update(List.of("cus_1"), values("email", "a@b.c"), CONTEXT))
                        .sqlState());
        assertEquals(
                SqlState.FDW_OPTION_NAME_NOT_FOUND,
                assertThrows(StripeJdbcException.class, () -> modifier.delete(List.of("cus_1"), CONTEXT))
                        .sqlState());
        assertTrue(assertThrows(StripeJdbcException.class, () -> modifier.checkModifiable("delete"))
                .getMessage()
                .startsWith("option 'rowid_column' is required for DELETE from stripe.customers"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aRowidColumnThatIsNotDeclaredIsRejected() {
        StripeModifier modifier = modifier(Tables.define("customers", "customers", "email text"));
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> modifier.checkModifiable("UPDATE"));
        assertEquals(SqlState.UNDEFINED_COLUMN, e.sqlState());
        assertEquals(
                "rowid_column attribute \"id\" does not exist in foreign table stripe.customers (UPDATE of "
                        + "stripe.customers)",
                e.getMessage());
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED,
                assertThrows(StripeJdbcException.class, () -> modifier.checkModifiable("MERGE"))
                        .sqlState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aValueErrorInAnyListRowFailsBeforeTheFirstRequest() {
        StripeModifier modifier = customers();
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> modifier.insert(List.of(values("email", "a@b.c"), values("attrs", "{broken")), CONTEXT));
        assertFalse(e instanceof PartialModifyException);
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(
                e.getMessage()
                        .startsWith("INSERT into stripe.customers, row 2 of 2, column \"attrs\": invalid "
                                + "input syntax for type json"),
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aNullOrEmptyIdInAListFailsBeforeTheFirstRequest() {
        StripeModifier modifier = customers();
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> modifier.delete(Arrays.asList("cus_1", null), CONTEXT));
        assertEquals(SqlState.NULL_VALUE_NOT_ALLOWED, e.sqlState());
        assertEquals(
                "DELETE from stripe.customers, row 2: the rowid_column \"id\" is NULL, so the row cannot be "
                        + "addressed in Stripe",
                e.getMessage());
        assertEquals(
                SqlState.NULL_VALUE_NOT_ALLOWED,
                assertThrows(
                                StripeJdbcException.class,
                                () -> modifier.update(List.of(""), values("name", "n"), CONTEXT))
                        .sqlState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anUndeclaredColumnInAnyRowFailsBeforeTheFirstRequest() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> customers().insert(List.of(values("email", "a@b.c"), values("emial", "b@c.d")), CONTEXT));
        assertFalse(e instanceof PartialModifyException);
        assertEquals(SqlState.UNDEFINED_COLUMN, e.sqlState());
        assertEquals(
                "INSERT into stripe.customers, row 2 of 2: column \"emial\" of relation stripe.customers does "
                        + "not exist",
                e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aMissingIdempotencyKeyIsAnInternalError() {
        StripeModifier modifier = new StripeModifier(customers, client(b -> b), () -> null);
        PartialModifyException e = assertThrows(
                PartialModifyException.class, () -> modifier.insert(List.of(values("name", "n")), CONTEXT));
        assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
        assertEquals(0, server.getRequestCount());
    }

    // ------------------------------------------------------------------------------------- streaming

    @Test
    void plannedRequestsAreSentInOrderAndNoObjectIsKeptWithoutReturning() throws Exception {
        respond(200, "{\"id\":\"cus_1\",\"object\":\"customer\",\"deleted\":true}");
        respond(200, "{\"id\":\"cus_2\",\"object\":\"customer\",\"deleted\":true}");
        StripeModifier modifier = customers();

        List<WriteRequest> planned = modifier.planDelete(List.of("cus_1", "cus_2"));
        assertEquals(0, server.getRequestCount(), "planning sends nothing");
        assertEquals(
                List.of("DELETE /v1/customers/cus_1", "DELETE /v1/customers/cus_2"),
                planned.stream().map(r -> r.describe("customers")).toList());
        ModifyResult result = modifier.apply(planned, CONTEXT, Returning.NONE);

        assertEquals(2, result.affected());
        assertEquals(List.of("cus_1", "cus_2"), result.ids());
        assertEquals(List.of(), result.objects());
        assertEquals("/v1/customers/cus_1", take().getTarget());
        assertEquals("/v1/customers/cus_2", take().getTarget());
    }

    @Test
    void aPlannedUpdateDescribesItsWireForm() {
        StripeModifier modifier = customers();
        List<WriteRequest> planned = modifier.planUpdates(
                List.of("cus 1", "cus_2"),
                List.of(values("description", "a b&c"), values("attrs", "{\"metadata\":{\"k\":\"v\"}}")));
        assertEquals(
                List.of("POST /v1/customers/cus%201  description=a+b%26c", "POST /v1/customers/cus_2  metadata[k]=v"),
                planned.stream().map(r -> r.describe("customers")).toList());
        assertEquals(
                "POST /v1/customers  email=a%40b.c",
                modifier.planInsert(List.of(values("email", "a@b.c"))).get(0).describe("customers"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void warningsStopAfterTheCapWithACountOfTheRest() {
        int rows = StripeModifier.MAX_ROW_WARNINGS + 3;
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            ids.add("cus_" + i);
        }
        // A hand-written client: a hundred loopback round trips would only slow the test down.
        String missing = "cus_" + rows;
        List<String> deleted = new ArrayList<>();
        StripeClient fake = new DeleteOnlyClient(id -> {
            deleted.add(id);
            return id.equals(missing)
                    ? Optional.empty()
                    : Optional.of(Json.parse("{\"id\":\"" + id + "\",\"deleted\":true}"));
        });

        StripeModifier modifier = new StripeModifier(customers, fake, keys);
        ModifyResult result = modifier.apply(modifier.planDelete(ids), CONTEXT, Returning.NONE);

        assertEquals(ids, deleted);
        assertEquals(rows - 1, result.affected());
        assertEquals(StripeModifier.MAX_ROW_WARNINGS + 1, result.warnings().size());
        assertEquals("deleted customers cus_1", result.warnings().get(0));
        assertEquals("deleted customers cus_100", result.warnings().get(StripeModifier.MAX_ROW_WARNINGS - 1));
        assertEquals(
                "and 2 more customers deleted, 1 more customers not found (one line per row stops after 100 " + "rows)",
                result.warnings().get(StripeModifier.MAX_ROW_WARNINGS));
    }

    /** A client that only deletes, through {@code onDelete}. */
    private record DeleteOnlyClient(Function<String, Optional<Json>> onDelete) implements StripeClient {
        @Override
        public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
            throw new AssertionError("list");
        }

        @Override
        public Optional<Json> retrieve(String path, String id, RequestOptions options) {
            throw new AssertionError("retrieve");
        }

        @Override
        public Json get(String path, RequestOptions options) {
            throw new AssertionError("get");
        }

        @Override
        public Json create(
                String path, List<Map.Entry<String, String>> form, String idempotencyKey, RequestOptions options) {
            throw new AssertionError("create");
        }

        @Override
        public Optional<Json> update(
                String path,
                String id,
                List<Map.Entry<String, String>> form,
                String idempotencyKey,
                RequestOptions options) {
            throw new AssertionError("update");
        }

        @Override
        public Optional<Json> delete(String path, String id, RequestOptions options) {
            assertEquals("customers", path);
            return onDelete.apply(id);
        }

        @Override
        public void close() {}
    }

    // ------------------------------------------------------------------------------------- RETURNING and options

    @Test
    void returningRowsAreTypedLikeSelect() throws Exception {
        respondCustomer("cus_1");

        ModifyResult result = customers().insert(List.of(values("email", "cus_1@test.com")), CONTEXT);

        List<Object[]> rows = result.rows(customers);
        assertEquals(1, rows.size());
        Object[] row = rows.get(0);
        // id, email, name, description, created, livemode, balance, metadata, "items[0][price]", attrs
        assertArrayEquals(
                new Object[] {
                    "cus_1",
                    "cus_1@test.com",
                    "test name",
                    null,
                    LocalDateTime.of(2023, 11, 14, 22, 13, 20),
                    false,
                    0L,
                    Json.parse("{\"a\":\"b\"}"),
                    null,
                    Json.parse(customer("cus_1"))
                },
                row);
    }

    @Test
    void returningChecksDeclaredTypesLikeSelect() {
        StripeModifier modifier = modifier(Tables.define("customers", "customers", "id text, created uuid"));
        StripeJdbcException e = assertThrows(StripeJdbcException.class, modifier::checkReturning);
        assertEquals(SqlState.DATATYPE_MISMATCH, e.sqlState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void objectPathAndStripeAccountComeFromTheTable() throws Exception {
        respond(200, "{\"id\":\"cs_1\",\"object\":\"checkout.session\"}");
        ForeignTableDefinition sessions = Tables.define(
                "checkout_sessions",
                "checkout/sessions",
                "id text, customer text, attrs jsonb",
                "id",
                "acct_connected");

        ModifyResult result = modifier(sessions)
                .insert(
                        List.of(values(
                                "customer",
                                "cus_1",
                                "attrs",
                                "{\"mode\":\"payment\",\"line_items\":[{\"price\":\"price_1\",\"quantity\":1}]}")),
                        CONTEXT);

        RecordedRequest request = take();
        assertRequest(
                request,
                "POST",
                "/v1/checkout/sessions",
                List.of("customer=cus_1", "mode=payment", "line_items[0][price]=price_1", "line_items[0][quantity]=1"),
                "key-1");
        assertEquals("acct_connected", request.getHeaders().get("Stripe-Account"));
        assertEquals(List.of("inserted checkout/sessions cs_1"), result.warnings());
    }

    @Test
    void aCreatedObjectWithoutAnIdStillCounts() {
        respond(200, "{\"object\":\"something\"}");
        ModifyResult result = customers().insert(List.of(values("name", "n")), CONTEXT);
        assertEquals(1, result.affected());
        assertEquals(List.of(), result.ids());
        assertEquals(List.of("inserted customers"), result.warnings());
    }

    @Test
    void anEmptyInsertRowIsPostedWithAnEmptyBodyAsUpstream() throws Exception {
        respondCustomer("cus_1");
        customers().insert(List.of(values()), CONTEXT);
        RecordedRequest request = take();
        assertRequest(request, "POST", "/v1/customers", List.of(), "key-1");
        assertEquals("", body(request));
    }

    @Test
    void noRowsMeansNoRequest() {
        StripeModifier modifier = customers();
        assertEquals(0, modifier.update(List.of(), values("name", "n"), CONTEXT).affected());
        assertEquals(0, modifier.delete(List.<String>of(), CONTEXT).affected());
        assertEquals(0, modifier.insert(List.<Map<String, Object>>of(), CONTEXT).affected());
        assertEquals(0, server.getRequestCount());
    }
}
