package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stripe_action} on the endpoints that address no object or two, on the wire: one request and one row for
 * the constant form (no id: {@code create_preview}; two ids: {@code verify_source}), the GET ones with their
 * parameters in the query string and no Idempotency-Key, the POST ones with a key; the argument count checked
 * against the action; parameters checked before any request; the dangerous ones behind
 * {@code allow_dangerous_writes} (on the server for the objects without a table); a read-only connection running
 * the reads and the preview but refusing the writes; EXPLAIN as a dry run; a secret that {@code apps/secrets find}
 * answers reaches the row and no log.
 */
class ObjectlessActionsJdbcTest {
    private static final String KEY = "sk_test_objectless_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("read_timeout", "2"); // a request the test did not expect fails fast
        connection = MockStripe.connect(server, KEY, "objectless", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private List<String[]> rows(String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new String[] {rs.getString("id"), rs.getString("action"), rs.getString("result")});
            }
        }
        return out;
    }

    private SQLException fails(String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
            }
        });
    }

    private List<String> explain(String sql) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        return plan;
    }

    @Test
    void anInvoicePreviewIsOnePostWithAKeyAndItsAnswerIsTheRow() throws Exception {
        MockStripe.enqueue(
                server,
                200,
                "{\"id\":\"upcoming_in_1\",\"object\":\"invoice\",\"customer\":\"cus_1\",\"total\":4200,"
                        + "\"status\":\"draft\"}");
        List<String[]> result = rows("select * from stripe_action('invoices', 'create_preview', "
                + "'{\"customer\": \"cus_1\", \"subscription_details\": {\"items\": [{\"price\": \"price_1\", "
                + "\"quantity\": 2}]}}'::jsonb)");
        assertEquals(1, result.size());
        assertEquals("upcoming_in_1", result.get(0)[0], "the answer's id: the preview addresses no object");
        assertEquals("create_preview", result.get(0)[1]);
        assertTrue(result.get(0)[2].contains("\"total\": 4200"), result.get(0)[2]);
        RecordedRequest post = MockStripe.take(server);
        assertEquals("POST", post.getMethod());
        assertEquals("/v1/invoices/create_preview", post.getTarget());
        assertEquals(
                "customer=cus_1&subscription_details[items][0][price]=price_1"
                        + "&subscription_details[items][0][quantity]=2",
                post.getBody().utf8());
        assertNotNull(post.getHeaders().get("Idempotency-Key"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aCreditNotePreviewIsAGetWithItsParametersInTheQueryStringAndNoKey() throws Exception {
        MockStripe.enqueue(
                server, 200, "{\"id\":\"cnprv_1\",\"object\":\"credit_note\",\"amount\":500,\"invoice\":\"in_1\"}");
        List<String[]> result = rows(
                "select * from stripe_action('credit_notes', 'preview', '{\"invoice\": \"in_1\", \"amount\": 500}')");
        assertEquals("cnprv_1", result.get(0)[0]);
        RecordedRequest get = MockStripe.take(server);
        assertEquals("GET", get.getMethod());
        assertEquals("/v1/credit_notes/preview?invoice=in_1&amount=500", get.getTarget());
        assertNull(get.getHeaders().get("Idempotency-Key"));
        assertEquals(0, get.getBodySize());
    }

    @Test
    void theCurrentAccountTakesNoIdAndNoParameters() throws Exception {
        MockStripe.enqueue(server, 200, "{\"id\":\"acct_1\",\"object\":\"account\",\"country\":\"US\"}");
        List<String[]> result = rows("select * from stripe_action('accounts', 'retrieve_current')");
        assertEquals("acct_1", result.get(0)[0]);
        assertEquals("retrieve_current", result.get(0)[1]);
        RecordedRequest get = MockStripe.take(server);
        assertEquals("GET /v1/account", get.getMethod() + " " + get.getTarget());
    }

    @Test
    void verifyingASourceAddressesTheCustomerAndTheSourceAndPerRowToo() throws Exception {
        MockStripe.enqueue(server, 200, "{\"id\":\"ba_1\",\"object\":\"bank_account\",\"status\":\"verified\"}");
        List<String[]> result = rows("select * from stripe_action('customers', 'verify_source', 'cus_1', 'ba_1', "
                + "'{\"amounts\": [32, 45]}')");
        assertEquals("ba_1", result.get(0)[0], "the row's id is the object acted on: the source");
        RecordedRequest post = MockStripe.take(server);
        assertEquals("POST", post.getMethod());
        assertEquals("/v1/customers/cus_1/sources/ba_1/verify", post.getTarget());
        assertEquals("amounts[0]=32&amounts[1]=45", post.getBody().utf8());
        assertNotNull(post.getHeaders().get("Idempotency-Key"));

        // Per row of a table: the customer's id from the row, the source's id computed from it.
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"data\":[{\"id\":\"cus_2\",\"object\":\"customer\",\"email\":\"a@b.c\","
                        + "\"created\":1700000000,\"metadata\":{\"bank\":\"ba_2\"}}],\"has_more\":false}");
        MockStripe.enqueue(server, 200, "{\"id\":\"ba_2\",\"object\":\"bank_account\",\"status\":\"verified\"}");
        List<String[]> perRow =
                rows("select stripe_action('customers', 'verify_source', id, attrs->'metadata'->>'bank')"
                        + " from stripe.customers where email = 'a@b.c'");
        assertEquals("ba_2", perRow.get(0)[0]);
        assertEquals(
                "/v1/customers?email=a%40b.c&limit=100", MockStripe.take(server).getTarget());
        assertEquals(
                "/v1/customers/cus_2/sources/ba_2/verify",
                MockStripe.take(server).getTarget());
    }

    @Test
    void theArgumentsMustMatchTheAction() {
        SQLException extraId = fails("select * from stripe_action('invoices', 'create_preview', 'cus_1', '{}')");
        assertEquals("42883", extraId.getSQLState());
        assertEquals(
                "function stripe_action with 4 arguments does not match the action create_preview of "
                        + "stripe.invoices: it addresses no object (POST /v1/invoices/create_preview), so it takes no "
                        + "id, called as stripe_action('stripe.invoices', 'create_preview' [, parameters jsonb])",
                extraId.getMessage());
        SQLException oneId = fails("select * from stripe_action('customers', 'verify_source', 'ba_1')");
        assertEquals("42883", oneId.getSQLState());
        assertTrue(
                oneId.getMessage()
                        .contains("so it takes both ids, called as stripe_action('stripe.customers', "
                                + "'verify_source', parent_id text, id text [, parameters jsonb])"),
                oneId.getMessage());
        SQLException noId = fails("select * from stripe_action('invoices', 'void')");
        assertEquals("42883", noId.getSQLState());
        SQLException tooMany = fails("select * from stripe_action('a', 'b', 'c', 'd', 'e', 'f')");
        assertEquals("42883", tooMany.getSQLState());
        SQLException nullParent = fails("select * from stripe_action('customers', 'verify_source', null, 'ba_1')");
        assertEquals("22004", nullParent.getSQLState());
        assertTrue(nullParent.getMessage().contains("the parent id is NULL"), nullParent.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theParametersAreCheckedBeforeAnyRequest() {
        SQLException missing = fails("select * from stripe_action('credit_notes', 'preview', '{\"amount\": 500}')");
        assertEquals("22023", missing.getSQLState());
        assertTrue(
                missing.getMessage().contains("GET /v1/credit_notes/preview requires the parameter \"invoice\""),
                missing.getMessage());
        SQLException unknown =
                fails("select * from stripe_action('tax_associations', 'find', '{\"payment_intent\": \"pi_1\", "
                        + "\"colour\": \"red\"}')");
        assertEquals("22023", unknown.getSQLState());
        assertTrue(
                unknown.getMessage()
                        .contains("\"colour\" is not a parameter of GET /v1/tax/associations/find (it accepts "
                                + "expand, payment_intent); nothing was sent"),
                unknown.getMessage());
        SQLException value = fails("select * from stripe_action('credit_notes', 'preview', "
                + "'{\"invoice\": \"in_1\", \"reason\": \"bored\"}')");
        assertEquals("22023", value.getSQLState());
        assertTrue(
                value.getMessage().contains("'bored' is not a value of the parameter \"reason\""), value.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theDangerousOnesNeedTheOptInOfTheTableOrOfTheServerWithoutATable() throws Exception {
        SQLException report = fails("select * from stripe_action('payment_records', 'report_payment', "
                + "'{\"amount_requested\": {\"currency\": \"usd\", \"value\": 1000}, \"initiated_at\": 1700000000, "
                + "\"payment_method_details\": {\"type\": \"custom\"}}')");
        assertEquals("42501", report.getSQLState());
        assertTrue(
                report.getMessage()
                        .contains("ALTER FOREIGN TABLE stripe.payment_records OPTIONS (ADD allow_dangerous_writes "
                                + "'true')"),
                report.getMessage());
        String reversal = "select * from stripe_action('tax_transactions', 'create_reversal', '{\"mode\": \"full\", "
                + "\"original_transaction\": \"tax_1\", \"reference\": \"refund-7\"}')";
        SQLException refused = fails(reversal);
        assertEquals("42501", refused.getSQLState());
        assertTrue(
                refused.getMessage()
                        .startsWith("stripe_action create_reversal on stripe.tax_transactions reverses a tax "
                                + "transaction"),
                refused.getMessage());
        assertTrue(
                refused.getMessage()
                        .contains("the server stripe_server (stripe.tax_transactions has no table, so its server "
                                + "holds the option) does not have the option allow_dangerous_writes 'true'. To "
                                + "allow it: ALTER SERVER stripe_server OPTIONS (ADD allow_dangerous_writes 'true')"),
                refused.getMessage());
        SQLException helper = fails("select * from stripe_action('issuing_transactions', 'create_force_capture', "
                + "'{\"amount\": 1000, \"card\": \"ic_1\"}')");
        assertEquals("42501", helper.getSQLState());
        assertEquals(0, server.getRequestCount());

        try (Statement s = connection.createStatement()) {
            s.execute("alter server stripe_server options (add allow_dangerous_writes 'true')");
        }
        MockStripe.enqueue(server, 200, "{\"id\":\"tax_2\",\"object\":\"tax.transaction\",\"type\":\"reversal\"}");
        List<String[]> result = rows(reversal);
        assertEquals("tax_2", result.get(0)[0]);
        RecordedRequest post = MockStripe.take(server);
        assertEquals("POST /v1/tax/transactions/create_reversal", post.getMethod() + " " + post.getTarget());
        assertEquals(
                "mode=full&original_transaction=tax_1&reference=refund-7",
                post.getBody().utf8());
        assertNotNull(post.getHeaders().get("Idempotency-Key"));
    }

    @Test
    void aNameThatIsNeitherATableNorAnObjectWithoutOneIsUndefined() {
        SQLException e = fails("select * from stripe_action('tax_nope', 'find', '{}')");
        assertEquals("42P01", e.getSQLState());
        SQLException noSchema = fails("select * from stripe_action('nowhere.tax_associations', 'find', "
                + "'{\"payment_intent\": \"pi_1\"}')");
        assertEquals("42P01", noSchema.getSQLState());
        assertTrue(noSchema.getMessage().contains("schema nowhere has foreign tables"), noSchema.getMessage());
    }

    @Test
    void aReadOnlyConnectionRunsTheReadsAndThePreviewAndRefusesTheWrites() throws Exception {
        connection.setReadOnly(true);
        MockStripe.enqueue(server, 200, "{\"id\":\"upcoming_in_2\",\"object\":\"invoice\"}");
        assertEquals(
                1,
                rows("select * from stripe_action('invoices', 'create_preview', '{\"customer\": \"cus_1\"}')")
                        .size());
        MockStripe.enqueue(server, 200, "{\"id\":\"taxa_1\",\"object\":\"tax.association\"}");
        assertEquals(
                1,
                rows("select * from stripe_action('tax_associations', 'find', '{\"payment_intent\": \"pi_1\"}')")
                        .size());
        assertEquals("/v1/invoices/create_preview", MockStripe.take(server).getTarget());
        assertEquals(
                "/v1/tax/associations/find?payment_intent=pi_1",
                MockStripe.take(server).getTarget());
        SQLException verify = fails("select * from stripe_action('customers', 'verify_source', 'cus_1', 'ba_1')");
        assertEquals("25006", verify.getSQLState());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void explainIsADryRunOfTheOneRequest() throws Exception {
        List<String> plan = explain(
                "select * from stripe_action('credit_notes', 'preview', '{\"invoice\": \"in_1\", \"amount\": 500}')");
        assertEquals("Action preview on stripe.credit_notes (dry run: nothing was sent)", plan.get(0));
        assertEquals(
                "  Endpoint: GET /v1/credit_notes/preview (it changes nothing: a read-only connection may run it)",
                plan.get(1));
        assertEquals("  Action requests: 1:", plan.get(4));
        assertEquals("    GET /v1/credit_notes/preview?invoice=in_1&amount=500", plan.get(5));
        assertEquals("  Read: none (the action addresses no object)", plan.get(6));
        List<String> verify = explain("select * from stripe_action('customers', 'verify_source', 'cus_1', 'ba_1')");
        assertEquals("  Action requests: 1, each with its own Idempotency-Key:", verify.get(4));
        assertEquals("    POST /v1/customers/cus_1/sources/ba_1/verify", verify.get(5));
        assertEquals("  Read: none (the ids are given)", verify.get(6));
        List<String> refused = explain("select * from stripe_action('apps_secrets', 'delete', "
                + "'{\"name\": \"api_token\", \"scope\": {\"type\": \"account\"}}')");
        assertTrue(
                refused.get(3).startsWith("  Refused: stripe_action delete on stripe.apps_secrets deletes the secret"),
                refused.toString());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aFoundSecretIsInTheRowAndInNoLog() throws Exception {
        String payload = "whsec_payload_never_logged_42";
        Logger logger = Logger.getLogger("org.stripejdbc");
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
        Properties properties = new Properties();
        properties.setProperty("api_key", KEY);
        properties.setProperty("api_url", server.url("/v1/").toString());
        properties.setProperty("max_retries", "1");
        properties.setProperty("requests_per_second", "0");
        properties.setProperty("read_timeout", "5");
        server.enqueue(new MockResponse.Builder()
                .code(503)
                .addHeader("Content-Type", "application/json")
                .addHeader("Retry-After", "0")
                .body("{\"error\":{\"type\":\"api_error\",\"message\":\"busy\"}}")
                .build());
        MockStripe.enqueue(
                server,
                200,
                "{\"id\":\"appsecret_1\",\"object\":\"apps.secret\",\"name\":\"api_token\",\"payload\":\"" + payload
                        + "\"}");
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:secrets-" + UUID.randomUUID(), properties);
                PreparedStatement ps = c.prepareStatement("select * from stripe_action('apps_secrets', 'find', ?)")) {
            ps.setString(1, "{\"name\": \"api_token\", \"scope\": {\"type\": \"account\"}, \"expand\": [\"payload\"]}");
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("appsecret_1", rs.getString("id"));
                assertTrue(rs.getString("result").contains(payload));
                assertFalse(rs.next());
            }
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        RecordedRequest attempt = MockStripe.take(server);
        assertEquals("/v1/apps/secrets/find?name=api_token&scope[type]=account&expand[0]=payload", attempt.getTarget());
        assertEquals(attempt.getTarget(), MockStripe.take(server).getTarget());
        assertFalse(logged.isEmpty(), "the retry was logged");
        assertTrue(logged.stream().noneMatch(line -> line.contains(payload)), logged.toString());
    }

    @Test
    void aSecretNotFoundIsAWarningAndNoRow() throws Exception {
        MockStripe.enqueue(
                server,
                404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":"
                        + "\"No such secret: 'gone'\"}}");
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select * from stripe_action('apps_secrets', 'find', "
                        + "'{\"name\": \"gone\", \"scope\": {\"type\": \"account\"}}')")) {
            assertFalse(rs.next());
            SQLWarning warning = s.getWarnings();
            assertNotNull(warning);
            assertEquals(
                    "GET /v1/apps/secrets/find answered 404 (nothing was found); find gave no row",
                    warning.getMessage());
        }
    }
}
