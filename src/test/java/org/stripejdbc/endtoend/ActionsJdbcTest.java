package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stripe_action} on the wire: the exact requests (the read first, then one POST per row with its own
 * Idempotency-Key, which a retry reuses), the result rows, Stripe's error half-way (with what was applied), the
 * refusals that send nothing (unknown table, action or parameter, a dangerous action without the opt-in, safe
 * updates, the row cap, a read-only connection, the function used inside a query), and EXPLAIN as a dry run.
 */
class ActionsJdbcTest {
    private static final String KEY = "sk_test_actions_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("read_timeout", "2"); // a request the test did not expect fails fast
        connection = MockStripe.connect(server, KEY, "actions", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String invoice(String id, String status) {
        return "{\"id\":\"" + id + "\",\"object\":\"invoice\",\"customer\":\"cus_1\",\"status\":\"" + status
                + "\",\"created\":1700000000,\"livemode\":false,\"metadata\":{}}";
    }

    private static String list(String... objects) {
        return "{\"object\":\"list\",\"data\":[" + String.join(",", objects) + "],\"has_more\":false}";
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

    @Test
    void eachRowIsOnePostWithItsOwnIdempotencyKeyAfterTheWholeRead() throws Exception {
        MockStripe.enqueue(server, 200, list(invoice("in_1", "draft"), invoice("in_2", "draft")));
        MockStripe.enqueue(server, 200, invoice("in_1", "open"));
        MockStripe.enqueue(server, 200, invoice("in_2", "open"));
        List<String[]> result = rows("select stripe_action('invoices', 'finalize', id, '{\"auto_advance\": false}') "
                + "from stripe.invoices where customer = 'cus_1' and status = 'draft'");
        assertEquals(2, result.size());
        assertEquals("in_1", result.get(0)[0]);
        assertEquals("finalize", result.get(0)[1]);
        assertTrue(result.get(0)[2].contains("\"status\": \"open\""), result.get(0)[2]);
        assertEquals("in_2", result.get(1)[0]);

        RecordedRequest read = MockStripe.take(server);
        assertEquals("GET", read.getMethod());
        assertEquals("/v1/invoices?customer=cus_1&status=draft&limit=100", read.getTarget());
        RecordedRequest first = MockStripe.take(server);
        assertEquals("POST", first.getMethod());
        assertEquals("/v1/invoices/in_1/finalize", first.getTarget());
        assertEquals("auto_advance=false", first.getBody().utf8());
        RecordedRequest second = MockStripe.take(server);
        assertEquals("/v1/invoices/in_2/finalize", second.getTarget());
        assertNotNull(first.getHeaders().get("Idempotency-Key"));
        assertNotEquals(
                first.getHeaders().get("Idempotency-Key"), second.getHeaders().get("Idempotency-Key"));
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aRetriedRequestReusesItsKey() throws Exception {
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
        MockStripe.enqueue(server, 200, invoice("in_1", "void"));
        try (Connection c = DriverManager.getConnection("jdbc:stripe:mem:actions-" + UUID.randomUUID(), properties);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select * from stripe_action('invoices', 'void', 'in_1')")) {
            assertTrue(rs.next());
            assertEquals("in_1", rs.getString("id"));
            assertFalse(rs.next());
        }
        RecordedRequest attempt = MockStripe.take(server);
        RecordedRequest retry = MockStripe.take(server);
        assertEquals("/v1/invoices/in_1/void", attempt.getTarget());
        assertEquals("/v1/invoices/in_1/void", retry.getTarget());
        assertNotNull(attempt.getHeaders().get("Idempotency-Key"));
        assertEquals(
                attempt.getHeaders().get("Idempotency-Key"), retry.getHeaders().get("Idempotency-Key"));
    }

    @Test
    void stripesErrorHalfWayStopsAndSaysWhatWasApplied() throws Exception {
        MockStripe.enqueue(
                server, 200, list(invoice("in_1", "open"), invoice("in_2", "paid"), invoice("in_3", "open")));
        MockStripe.enqueue(server, 200, invoice("in_1", "void"));
        MockStripe.enqueue(
                server,
                400,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invoice_not_editable\",\"message\":"
                        + "\"You can only void open invoices.\"}}");
        SQLException e =
                fails("select stripe_action('invoices', 'void', id) from stripe.invoices where customer = 'cus_1'");
        assertTrue(
                e.getMessage()
                        .startsWith("stripe_action void on stripe.invoices failed at row 2 of 3 after 1 row was "
                                + "applied (in_1): "),
                e.getMessage());
        assertTrue(e.getMessage().contains("You can only void open invoices."), e.getMessage());
        assertTrue(e.getMessage().contains("invoice_not_editable"), e.getMessage());
        assertTrue(e.getMessage().contains("req_400"), e.getMessage());
        assertEquals(3, server.getRequestCount(), "the third row was not sent");
    }

    @Test
    void aSubscriptionIsCanceledByItsDeleteWithTheParametersInTheQueryAndNoKey() throws Exception {
        MockStripe.enqueue(server, 200, "{\"id\":\"sub_1\",\"object\":\"subscription\",\"status\":\"canceled\"}");
        List<String[]> result =
                rows("select * from stripe_action('subscriptions', 'cancel', 'sub_1', '{\"invoice_now\": true}')");
        assertEquals("sub_1", result.get(0)[0]);
        RecordedRequest delete = MockStripe.take(server);
        assertEquals("DELETE", delete.getMethod());
        assertEquals("/v1/subscriptions/sub_1?invoice_now=true", delete.getTarget());
        assertNull(delete.getHeaders().get("Idempotency-Key"));
    }

    @Test
    void theIdIsOnePathSegment() throws Exception {
        MockStripe.enqueue(server, 200, invoice("in/../x", "void"));
        assertEquals(
                1,
                rows("select * from stripe_action('invoices', 'void', 'in/../x?y')")
                        .size());
        assertEquals(
                "/v1/invoices/in%2F..%2Fx%3Fy/void", MockStripe.take(server).getTarget());
    }

    /** A select list over the rows of {@code from stripe_action(...)} reads their columns, as over any function. */
    @Test
    void aSelectListReadsTheResultRowsColumns() throws Exception {
        MockStripe.enqueue(server, 200, invoice("in_1", "void"));
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select a.id as invoice, a.result->>'status' as status, upper(action) "
                        + "from stripe_action('invoices', 'void', 'in_1') a")) {
            assertEquals(3, rs.getMetaData().getColumnCount());
            assertEquals("invoice", rs.getMetaData().getColumnLabel(1));
            assertEquals("status", rs.getMetaData().getColumnLabel(2));
            assertTrue(rs.next());
            assertEquals("in_1", rs.getString(1));
            assertEquals("void", rs.getString(2));
            assertEquals("VOID", rs.getString(3));
            assertFalse(rs.next());
        }
        assertEquals("/v1/invoices/in_1/void", MockStripe.take(server).getTarget());
        assertEquals(1, server.getRequestCount());

        SQLException unknown = fails("select total from stripe_action('invoices', 'void', 'in_1')");
        assertEquals("42703", unknown.getSQLState(), unknown.getMessage());
        SQLException aliases = fails("select x from stripe_action('invoices', 'void', 'in_1') a(x, y, z)");
        assertEquals("0A000", aliases.getSQLState(), aliases.getMessage());
        SQLException twice = fails(
                "select stripe_action('invoices', 'void', 'in_2') from stripe_action('invoices', " + "'void', 'in_1')");
        assertEquals("0A000", twice.getSQLState(), twice.getMessage());
        assertEquals(1, server.getRequestCount(), "a refused statement sends nothing");
    }

    @Test
    void anObjectStripeDoesNotFindIsAWarningAndNoRow() throws Exception {
        MockStripe.enqueue(
                server,
                404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"message\":"
                        + "\"No such invoice: 'in_gone'\"}}");
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select * from stripe_action('invoices', 'void', 'in_gone')")) {
            assertFalse(rs.next());
            SQLWarning warning = s.getWarnings();
            assertNotNull(warning);
            assertEquals("invoices in_gone was not found; void not applied", warning.getMessage());
        }
    }

    @Test
    void theRefusalsSendNothing() {
        SQLException table = fails("select * from stripe_action('nope', 'void', 'in_1')");
        assertEquals("42P01", table.getSQLState());
        SQLException action = fails("select * from stripe_action('invoices', 'refund', 'in_1')");
        assertEquals("42883", action.getSQLState());
        assertTrue(
                action.getMessage()
                        .contains("has no action 'refund'; its actions are: add_lines, attach_payment, create_preview, "
                                + "finalize, "
                                + "mark_uncollectible, pay, remove_lines, send, update_lines, void"),
                action.getMessage());
        SQLException parameter =
                fails("select * from stripe_action('invoices', 'finalize', 'in_1', '{\"colour\": \"red\"}')");
        assertEquals("22023", parameter.getSQLState());
        assertTrue(
                parameter
                        .getMessage()
                        .contains("\"colour\" is not a parameter of POST /v1/invoices/{id}/finalize (it accepts "
                                + "auto_advance, expand)"),
                parameter.getMessage());
        SQLException required =
                fails("select * from stripe_action('customers', 'fund_cash_balance', 'cus_1', '{\"amount\": 5}')");
        assertEquals("22023", required.getSQLState());
        assertTrue(required.getMessage().contains("requires the parameter \"currency\""), required.getMessage());
        SQLException value = fails("select * from stripe_action('payment_intents', 'cancel', 'pi_1', "
                + "'{\"cancellation_reason\": \"bored\"}')");
        assertEquals("22023", value.getSQLState());
        assertTrue(value.getMessage().contains("'bored' is not a value of the parameter"), value.getMessage());
        SQLException notObject = fails("select * from stripe_action('invoices', 'finalize', 'in_1', '[1]')");
        assertEquals("22023", notObject.getSQLState());
        SQLException nullId = fails("select * from stripe_action('invoices', 'finalize', null)");
        assertEquals("22004", nullId.getSQLState());
        SQLException arguments = fails("select * from stripe_action('invoices', 'finalize')");
        assertEquals("42883", arguments.getSQLState());
        SQLException dynamic = fails("select stripe_action(lower('INVOICES'), 'finalize', 'in_1')");
        assertEquals("0A000", dynamic.getSQLState());
        SQLException inside = fails("select id, stripe_action('invoices', 'void', id) from stripe.invoices");
        assertEquals("0A000", inside.getSQLState());
        assertTrue(inside.getMessage().contains("must be the only item of the select list"), inside.getMessage());
        SQLException nested = fails("select * from stripe_action('invoices', 'void', 'in_1') where id = 'x'");
        assertEquals("0A000", nested.getSQLState());
        // Anywhere else it is no function of the query engine, so nothing can ever send it.
        SQLException subquery = fails("select * from (select stripe_action('invoices', 'void', 'in_1')) x");
        assertEquals("42883", subquery.getSQLState(), subquery.getMessage());
        SQLException union = fails("select stripe_action('invoices', 'void', 'in_1') union select null");
        assertEquals("42883", union.getSQLState(), union.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aDangerousActionNeedsTheOptIn() throws Exception {
        SQLException pay = fails("select * from stripe_action('invoices', 'pay', 'in_1')");
        assertEquals("42501", pay.getSQLState());
        assertTrue(pay.getMessage().contains("charges the customer"), pay.getMessage());
        assertTrue(pay.getMessage().contains("allow_dangerous_writes"), pay.getMessage());
        SQLException capture = fails("select stripe_action('payment_intents', 'capture', id) from "
                + "stripe.payment_intents where customer = 'cus_1'");
        assertEquals("42501", capture.getSQLState());
        assertEquals(0, server.getRequestCount(), "refused before the read");
        try (Statement s = connection.createStatement()) {
            s.execute("alter foreign table stripe.invoices options (add allow_dangerous_writes 'true')");
        }
        MockStripe.enqueue(server, 200, invoice("in_1", "paid"));
        assertEquals(
                1,
                rows("select * from stripe_action('invoices', 'pay', 'in_1')").size());
        assertEquals("/v1/invoices/in_1/pay", MockStripe.take(server).getTarget());
    }

    @Test
    void safeUpdatesRefuseAFromWithoutWhereAndTheCapIsCheckedAfterTheRead() throws Exception {
        SQLException all = fails("select stripe_action('invoices', 'void', id) from stripe.invoices");
        assertEquals("42501", all.getSQLState());
        assertTrue(all.getMessage().contains("safe updates"), all.getMessage());
        SQLException always = fails("select stripe_action('invoices', 'void', id) from stripe.invoices where 1 = 1");
        assertEquals("42501", always.getSQLState());
        assertEquals(0, server.getRequestCount());
        try (Statement s = connection.createStatement()) {
            s.execute("set stripe.max_write_rows = 1");
        }
        MockStripe.enqueue(server, 200, list(invoice("in_1", "open"), invoice("in_2", "open")));
        SQLException cap =
                fails("select stripe_action('invoices', 'void', id) from stripe.invoices where customer = 'cus_1'");
        assertEquals("54000", cap.getSQLState());
        assertTrue(cap.getMessage().contains("would send 2 requests"), cap.getMessage());
        assertEquals(1, server.getRequestCount(), "the read only");
        try (Statement s = connection.createStatement()) {
            s.execute("set stripe.max_write_rows = 0");
            s.execute("set stripe.safe_updates = off");
        }
        MockStripe.enqueue(server, 200, list(invoice("in_1", "open")));
        MockStripe.enqueue(server, 200, invoice("in_1", "void"));
        assertEquals(
                1,
                rows("select stripe_action('invoices', 'void', id) from stripe.invoices")
                        .size());
    }

    @Test
    void explainIsADryRunListingEachRequest() throws Exception {
        MockStripe.enqueue(server, 200, list(invoice("in_1", "draft"), invoice("in_2", "draft")));
        List<String> plan = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain select stripe_action('invoices', 'finalize', id, "
                        + "'{\"auto_advance\": true}') from stripe.invoices where status = 'draft'")) {
            while (rs.next()) {
                plan.add(rs.getString(1));
            }
        }
        assertEquals("Action finalize on stripe.invoices (dry run: the rows were read, nothing was sent)", plan.get(0));
        assertEquals("  Endpoint: POST /v1/invoices/{id}/finalize", plan.get(1));
        assertEquals("  Guards: safe_updates on, max_write_rows 1,000", plan.get(2));
        assertEquals("  Rows: 2", plan.get(3));
        assertEquals(
                "  Action requests: 2, one per row, in this order, each with its own Idempotency-Key:", plan.get(4));
        assertEquals("    POST /v1/invoices/in_1/finalize  auto_advance=true", plan.get(5));
        assertEquals("    POST /v1/invoices/in_2/finalize  auto_advance=true", plan.get(6));
        assertEquals("  Read: every row, to the end, before the first request:", plan.get(7));
        assertTrue(
                String.join("\n", plan).contains("Request: GET /v1/invoices?status=draft&limit=100"), plan.toString());
        assertEquals(1, server.getRequestCount(), "the read only");
        List<String> refused = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain select * from stripe_action('payouts', 'reverse', 'po_1')")) {
            while (rs.next()) {
                refused.add(rs.getString(1));
            }
        }
        assertTrue(refused.get(2).contains("allow_dangerous_writes off"), refused.toString());
        assertTrue(
                refused.get(3).startsWith("  Refused: stripe_action reverse on stripe.payouts "), refused.toString());
        assertEquals("  Read: none (the id is given)", refused.get(4));
        SQLException analyze = fails("explain analyze select * from stripe_action('invoices', 'void', 'in_1')");
        assertEquals("0A000", analyze.getSQLState());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void executeUpdateRunsTheActionThenFailsAsPgjdbcDoesForRows() throws Exception {
        MockStripe.enqueue(server, 200, invoice("in_1", "void"));
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("select * from stripe_action('invoices', 'void', 'in_1')"));
            assertEquals("0100E", e.getSQLState());
        }
        assertEquals("/v1/invoices/in_1/void", MockStripe.take(server).getTarget());
    }

    @Test
    void aReadOnlyConnectionRefusesActionsBeforeAnyRequest() throws Exception {
        connection.setReadOnly(true);
        SQLException e = fails("select * from stripe_action('invoices', 'void', 'in_1')");
        assertEquals("25006", e.getSQLState());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theIdAndParametersMayBeBoundAsStatementParameters() throws Exception {
        MockStripe.enqueue(server, 200, invoice("in_7", "open"));
        try (PreparedStatement p =
                connection.prepareStatement("select * from stripe_action('invoices', 'finalize', ?, ?)")) {
            p.setString(1, "in_7");
            p.setString(2, "{\"auto_advance\": true}");
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("in_7", rs.getString("id"));
            }
        }
        RecordedRequest post = MockStripe.take(server);
        assertEquals("/v1/invoices/in_7/finalize", post.getTarget());
        assertEquals("auto_advance=true", post.getBody().utf8());
    }
}
