package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * {@code stripe_action} end to end on the emulator: the common actions change the object's state (invoices
 * finalize, pay, void, mark_uncollectible; subscriptions cancel and resume; payment intents capture, cancel,
 * confirm), one request per row with its own Idempotency-Key, the rows read to the end first; Stripe's refusal of
 * a state reaches the user with its message and request id; the generic actions check their parameters as the API.
 */
class ActionsEmulatorJdbcTest {
    private static StripeEmulator emulator;
    private static Connection connection;

    @BeforeAll
    static void start() throws SQLException {
        emulator = StripeEmulator.builder().customers(200).start();
        Properties p = new Properties();
        p.setProperty("password", emulator.apiKey());
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:actions-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
        try (Statement s = connection.createStatement()) {
            s.execute("alter foreign table stripe.invoices options (add allow_dangerous_writes 'true')");
            s.execute("alter foreign table stripe.payment_intents options (add allow_dangerous_writes 'true')");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    private static List<RecordedRequest> since(int mark) {
        List<RecordedRequest> log = emulator.requestLog();
        return new ArrayList<>(log.subList(mark, log.size()));
    }

    private static String one(String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static List<String[]> rows(String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertEquals("id", rs.getMetaData().getColumnLabel(1));
            assertEquals("action", rs.getMetaData().getColumnLabel(2));
            assertEquals("result", rs.getMetaData().getColumnLabel(3));
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }

    private static SQLException fails(String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Statement s = connection.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                rs.next();
            }
        });
    }

    @Test
    void finalizingTheDraftInvoicesOfACustomerReadsThemAllThenPostsOncePerRowWithItsOwnKey() throws SQLException {
        String customer = one("select customer from stripe.invoices where status = 'draft' and customer is not null "
                + "group by customer order by count(*) desc, customer limit 1");
        assertNotNull(customer, "the sample data has draft invoices");
        List<String> drafts = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.invoices where status = 'draft' and customer = '"
                        + customer + "' order by id")) {
            while (rs.next()) {
                drafts.add(rs.getString(1));
            }
        }
        int mark = emulator.requestLog().size();
        List<String[]> result = rows("select stripe_action('invoices', 'finalize', id, '{\"auto_advance\": false}') "
                + "from stripe.invoices where status = 'draft' and customer = '" + customer + "' order by id");
        assertEquals(drafts.size(), result.size());
        List<RecordedRequest> requests = since(mark);
        assertEquals("GET", requests.get(0).method());
        assertEquals("/v1/invoices", requests.get(0).path());
        List<RecordedRequest> posts =
                requests.stream().filter(r -> r.method().equals("POST")).toList();
        assertEquals(drafts.size(), posts.size());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            RecordedRequest post = posts.get(i);
            assertEquals("/v1/invoices/" + drafts.get(i) + "/finalize", post.path());
            assertEquals("false", post.formParameters().get(0).getValue());
            String key = post.headers().get("idempotency-key");
            assertNotNull(key);
            assertFalse(keys.contains(key), "each row has its own key");
            keys.add(key);
            assertEquals(drafts.get(i), result.get(i)[0]);
            assertEquals("finalize", result.get(i)[1]);
            Json object = Json.parse(result.get(i)[2]);
            assertEquals("open", object.get("status").asText());
        }
        assertTrue(
                requests.indexOf(posts.get(0)) > 0
                        && requests.subList(requests.indexOf(posts.get(0)), requests.size()).stream()
                                .allMatch(r -> r.method().equals("POST")),
                "every read comes before the first action");
        assertEquals(
                "0",
                one("select count(*) from stripe.invoices where status = 'draft' and customer = '" + customer + "'"));
    }

    @Test
    void anInvoiceGoesThroughPayVoidAndMarkUncollectibleAsStripeAllows() throws SQLException {
        String open = one("select id from stripe.invoices where status = 'open' order by id limit 1");
        String other = one("select id from stripe.invoices where status = 'open' order by id offset 1 limit 1");
        String third = one("select id from stripe.invoices where status = 'open' order by id offset 2 limit 1");
        assertNotNull(third, "the sample data has open invoices");
        List<String[]> paid = rows("select * from stripe_action('invoices', 'pay', '" + open + "')");
        assertEquals("paid", Json.parse(paid.get(0)[2]).get("status").asText());
        assertEquals("paid", one("select status from stripe.invoices where id = '" + open + "'"));
        SQLException again = fails("select * from stripe_action('invoices', 'void', '" + open + "')");
        assertEquals(
                "You can only void invoices that are open or uncollectible; this one is paid.", stripeMessage(again));
        assertTrue(again.getMessage().contains("req_"), again.getMessage());
        assertTrue(
                again.getMessage().contains("stripe_action void on stripe.invoices failed at row 1 of 1"),
                again.getMessage());
        rows("select * from stripe_action('invoices', 'mark_uncollectible', '" + other + "')");
        assertEquals("uncollectible", one("select status from stripe.invoices where id = '" + other + "'"));
        rows("select * from stripe_action('stripe.invoices', 'void', '" + third + "')");
        assertEquals("void", one("select status from stripe.invoices where id = '" + third + "'"));
    }

    /** Stripe's message inside the driver's: after "Stripe API error 400 (...): ". */
    private static String stripeMessage(SQLException e) {
        String message = e.getMessage();
        int start = message.indexOf("): ", message.indexOf("Stripe API error")) + 3;
        int end = message.indexOf(" [request-id", start);
        return message.substring(start, end < 0 ? message.length() : end);
    }

    @Test
    void aSubscriptionIsCanceledByItsDeleteAndAPausedOneResumed() throws SQLException {
        String active = one("select id from stripe.subscriptions where status = 'active' order by id limit 1");
        int mark = emulator.requestLog().size();
        List<String[]> canceled = rows("select * from stripe_action('subscriptions', 'cancel', '" + active
                + "', '{\"invoice_now\": false, \"prorate\": false}')");
        assertEquals("canceled", Json.parse(canceled.get(0)[2]).get("status").asText());
        RecordedRequest delete = since(mark).get(0);
        assertEquals("DELETE", delete.method());
        assertEquals("/v1/subscriptions/" + active, delete.path());
        assertEquals("false", delete.queryParameters().get(0).getValue());
        assertEquals(null, delete.headers().get("idempotency-key"), "DELETE is idempotent: no key");
        String paused =
                one("select id from stripe.subscriptions where attrs->>'status' = 'paused' order by id limit 1");
        if (paused != null) {
            rows("select * from stripe_action('subscriptions', 'resume', '" + paused + "')");
            assertEquals(
                    "active", one("select attrs->>'status' from stripe.subscriptions where id = '" + paused + "'"));
        }
        SQLException notPaused = fails("select * from stripe_action('subscriptions', 'resume', '" + active + "')");
        assertTrue(
                notPaused.getMessage().contains("Only a paused subscription can be resumed"), notPaused.getMessage());
    }

    @Test
    void aPaymentIntentIsCapturedOrCanceledAsItsStatusAllows() throws SQLException {
        String toCapture = one("select id from stripe.payment_intents where attrs->>'status' = 'requires_capture' "
                + "order by id limit 1");
        assertNotNull(toCapture, "the sample data has payment intents to capture");
        List<String[]> captured =
                rows("select * from stripe_action('payment_intents', 'capture', '" + toCapture + "')");
        assertEquals("succeeded", Json.parse(captured.get(0)[2]).get("status").asText());
        SQLException cancel = fails("select * from stripe_action('payment_intents', 'cancel', '" + toCapture + "')");
        assertTrue(cancel.getMessage().contains("payment_intent_unexpected_state"), cancel.getMessage());
        String waiting = one("select id from stripe.payment_intents where attrs->>'status' = 'requires_payment_method' "
                + "order by id limit 1");
        rows("select * from stripe_action('payment_intents', 'cancel', '" + waiting
                + "', '{\"cancellation_reason\": \"abandoned\"}')");
        assertEquals(
                "canceled", one("select attrs->>'status' from stripe.payment_intents where id = '" + waiting + "'"));
    }

    @Test
    void aGenericActionChecksItsParametersAsTheApiAndAnswersTheObject() throws SQLException {
        String customer = one("select id from stripe.customers order by id limit 1");
        int mark = emulator.requestLog().size();
        List<String[]> funded = rows("select * from stripe_action('customers', 'fund_cash_balance', '" + customer
                + "', '{\"amount\": 500, \"currency\": \"usd\"}')");
        assertEquals(customer, funded.get(0)[0]);
        RecordedRequest post = since(mark).get(0);
        assertEquals("/v1/test_helpers/customers/" + customer + "/fund_cash_balance", post.path());
        assertNotEquals(null, post.headers().get("idempotency-key"));
    }

    @Test
    void aReadOnlyConnectionPreviewsTheNextInvoiceOfEachSubscriptionAndACreditNote() throws SQLException {
        String customer = one("select customer from stripe.subscriptions where status = 'active' "
                + "group by customer order by customer limit 1");
        assertNotNull(customer, "the sample data has active subscriptions");
        List<String> subscriptions = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.subscriptions where status = 'active' and "
                        + "customer = '" + customer + "' order by id")) {
            while (rs.next()) {
                subscriptions.add(rs.getString(1));
            }
        }
        String paid = one("select id from stripe.invoices where status = 'paid' and total > 100 order by id limit 1");
        connection.setReadOnly(true);
        try {
            int mark = emulator.requestLog().size();
            List<String[]> previews = rows("select stripe_action('invoices', 'create_preview', "
                    + "jsonb_build_object('subscription', id)) from stripe.subscriptions where status = 'active' and "
                    + "customer = '" + customer + "' order by id");
            assertEquals(subscriptions.size(), previews.size());
            List<RecordedRequest> requests = since(mark);
            assertEquals("/v1/subscriptions", requests.get(0).path());
            List<RecordedRequest> posts =
                    requests.stream().filter(r -> r.method().equals("POST")).toList();
            assertEquals(subscriptions.size(), posts.size());
            for (int i = 0; i < posts.size(); i++) {
                assertEquals("/v1/invoices/create_preview", posts.get(i).path());
                assertEquals(
                        List.of(java.util.Map.entry("subscription", subscriptions.get(i))),
                        posts.get(i).formParameters());
                assertNotNull(posts.get(i).headers().get("idempotency-key"));
                Json invoice = Json.parse(previews.get(i)[2]);
                assertEquals(customer, invoice.get("customer").asText());
                assertEquals(subscriptions.get(i), invoice.get("subscription").asText());
                assertEquals(invoice.get("id").asText(), previews.get(i)[0]);
            }

            mark = emulator.requestLog().size();
            List<String[]> note = rows("select * from stripe_action('credit_notes', 'preview', "
                    + "jsonb_build_object('invoice', '" + paid + "', 'amount', 100))");
            assertEquals("100", Json.parse(note.get(0)[2]).get("amount").asText());
            RecordedRequest get = since(mark).get(0);
            assertEquals("GET", get.method());
            assertEquals("/v1/credit_notes/preview", get.path());
            assertEquals(
                    List.of(java.util.Map.entry("invoice", paid), java.util.Map.entry("amount", "100")),
                    get.queryParameters());

            mark = emulator.requestLog().size();
            SQLException refused =
                    fails("select * from stripe_action('customers', 'verify_source', '" + customer + "', 'ba_1')");
            assertEquals("25006", refused.getSQLState());
            assertEquals(List.of(), since(mark));
        } finally {
            connection.setReadOnly(false);
        }
    }
}
