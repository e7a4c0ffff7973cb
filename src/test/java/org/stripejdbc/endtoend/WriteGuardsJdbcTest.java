package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write guards through JDBC, each refusing before any request (asserted on the server's request count), how to
 * opt in to each, and {@code EXPLAIN} of a write as a dry run that never writes.
 */
class WriteGuardsJdbcTest {
    private static final String KEY = "sk_test_guards_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = MockStripe.connect(server, KEY, "guards");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String customer(String id, String name) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + id + "@example.com\",\"name\":\"" + name
                + "\",\"description\":null,\"created\":1700000000,\"metadata\":{}}";
    }

    private void enqueueCustomers() {
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"data\":[" + customer("cus_1", "A") + "," + customer("cus_2", "B") + ","
                        + customer("cus_3", "A") + "],\"has_more\":false}");
    }

    private SQLException fails(String sql) {
        return assertThrows(
                SQLException.class,
                () -> {
                    try (Statement s = connection.createStatement()) {
                        s.execute(sql);
                    }
                },
                sql);
    }

    private String show(String setting) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("show " + setting)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    private List<String> requests() throws InterruptedException {
        List<String> out = new ArrayList<>();
        while (server.getRequestCount() > out.size()) {
            RecordedRequest request = MockStripe.take(server);
            out.add(request.getMethod() + " " + request.getTarget());
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ safe updates

    @Test
    void updateAndDeleteThatRestrictNoRowAreRefusedBeforeAnyRequest() {
        SQLException products = fails("update stripe.products set description = 'x'");
        assertEquals("42501", products.getSQLState());
        assertEquals(
                "UPDATE of stripe.products has no WHERE clause, so it would update every object of "
                        + "stripe.products in the Stripe account; refused by safe updates before any request. Add a "
                        + "WHERE "
                        + "clause, or turn safe updates off with SET stripe.safe_updates = off (this session) or the "
                        + "connection property safe_updates=false",
                products.getMessage());
        for (String sql : List.of(
                "delete from stripe.customers",
                "update stripe.customers set description = upper(email)",
                "update stripe.customers set description = 'x' where true",
                "delete from stripe.customers c where 1 = 1",
                "delete from stripe.customers where 'a' = lower('A')")) {
            SQLException e = fails(sql);
            assertEquals("42501", e.getSQLState(), sql);
            assertTrue(e.getMessage().contains("refused by safe updates before any request"), e.getMessage());
        }
        assertTrue(fails("delete from stripe.customers where true")
                .getMessage()
                .startsWith("DELETE from "
                        + "stripe.customers has a WHERE clause that is true for every row (it references no column "
                        + "of the "
                        + "table)"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aConstantFalseWhereMatchesNoRowAndIsNotRefused() throws Exception {
        try (Statement s = connection.createStatement()) {
            assertEquals(0, s.executeUpdate("delete from stripe.customers where 1 = 2"));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void safeUpdatesCanBeTurnedOffForASessionOrByTheConnectionProperty() throws Exception {
        assertEquals("on", show("stripe.safe_updates"));
        assertEquals("1000", show("stripe.max_write_rows"));
        try (Statement s = connection.createStatement()) {
            s.execute("set stripe.safe_updates = off");
            assertEquals("off", show("stripe.safe_updates"));
            enqueueCustomers();
            for (int i = 0; i < 3; i++) {
                MockStripe.enqueue(server, 200, customer("cus_" + (i + 1), "A"));
            }
            assertEquals(3, s.executeUpdate("update stripe.customers set description = 'x'"));
            assertEquals(
                    List.of(
                            "GET /v1/customers?limit=100",
                            "POST /v1/customers/cus_1",
                            "POST /v1/customers/cus_2",
                            "POST /v1/customers/cus_3"),
                    requests());

            s.execute("reset stripe.safe_updates");
            assertEquals("on", show("stripe.safe_updates"));
            assertEquals("42501", fails("delete from stripe.customers").getSQLState());

            SQLException bad = fails("set stripe.safe_updates = maybe");
            assertEquals("22023", bad.getSQLState());
            assertEquals(
                    "invalid value for parameter \"stripe.safe_updates\": \"maybe\" (expected on or off)",
                    bad.getMessage());
            assertEquals("22023", fails("set stripe.max_write_rows = -1").getSQLState());
            assertEquals("22023", fails("set stripe.max_write_rows = many").getSQLState());
            s.execute("set stripe.max_write_rows to 0");
            assertEquals("0", show("stripe.max_write_rows"));
            s.execute("reset all");
            assertEquals("1000", show("stripe.max_write_rows"));
        }
        Properties off = new Properties();
        off.setProperty("safe_updates", "false");
        off.setProperty("max_write_rows", "5");
        try (Connection other = MockStripe.connect(server, KEY, "guards-off", off);
                Statement s = other.createStatement();
                ResultSet rs = s.executeQuery("show stripe.safe_updates")) {
            assertTrue(rs.next());
            assertEquals("off", rs.getString(1));
            try (ResultSet cap = s.executeQuery("show stripe.max_write_rows")) {
                assertTrue(cap.next());
                assertEquals("5", cap.getString(1));
            }
        }
        Properties bad = new Properties();
        bad.setProperty("max_write_rows", "lots");
        assertEquals(
                "22023",
                assertThrows(SQLException.class, () -> MockStripe.connect(server, KEY, "guards-bad", bad))
                        .getSQLState());
    }

    // ------------------------------------------------------------------------------------------ dangerous writes

    @Test
    void writesThatMoveMoneyOrDestroyAnAccountNeedTheTableOption() throws Exception {
        SQLException charge =
                fails("insert into stripe.charges (amount, currency, customer) values (500, 'usd', " + "'cus_1')");
        assertEquals("42501", charge.getSQLState());
        assertEquals(
                "INSERT into stripe.charges creates a real charge: it moves money from the customer's payment "
                        + "method. Refused before any request: the foreign table stripe.charges does not have the "
                        + "option "
                        + "allow_dangerous_writes 'true'. To allow it: ALTER FOREIGN TABLE stripe.charges OPTIONS (ADD "
                        + "allow_dangerous_writes 'true') (SET instead of ADD when the option is there already)",
                charge.getMessage());
        for (String sql : List.of(
                "insert into stripe.payouts (amount, currency) values (100, 'usd')",
                "insert into stripe.transfers (amount, currency, destination) values (100, 'usd', 'acct_1')",
                "insert into stripe.refunds (attrs) values ('{\"charge\": \"ch_1\"}')",
                "insert into stripe.topups (amount, currency) values (100, 'usd')",
                "insert into stripe.payment_intents (amount, currency, attrs) values (100, 'usd', '{\"confirm\": "
                        + "true}')",
                "insert into stripe.charges (amount, currency) select 100, 'usd'",
                "delete from stripe.accounts where id = 'acct_1'",
                "delete from stripe.accounts where email = 'a@b.c'",
                "update stripe.accounts set email = 'x@y.z' where id = 'acct_1'",
                "update stripe.accounts set attrs = '{\"external_account\": \"btok_1\"}' where id = 'acct_1'")) {
            SQLException e = fails(sql);
            assertEquals("42501", e.getSQLState(), sql);
            assertTrue(e.getMessage().contains("allow_dangerous_writes"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());

        // Description and metadata stay writable without the option.
        MockStripe.enqueue(server, 200, "{\"id\":\"ch_1\",\"object\":\"charge\"}");
        MockStripe.enqueue(server, 200, "{\"id\":\"acct_1\",\"object\":\"account\"}");
        try (Statement s = connection.createStatement()) {
            assertEquals(1, s.executeUpdate("update stripe.charges set description = 'refund soon' where id = 'ch_1'"));
            assertEquals(
                    1,
                    s.executeUpdate("update stripe.accounts set attrs = '{\"metadata\": {\"tier\": \"gold\"}}' "
                            + "where id = 'acct_1'"));
        }
        assertEquals(List.of("POST /v1/charges/ch_1", "POST /v1/accounts/acct_1"), requests());

        try (Statement s = connection.createStatement()) {
            SQLException typo = fails("alter foreign table stripe.charges options (add allow_dangerous_writes 'ture')");
            assertEquals("22023", typo.getSQLState());
            assertTrue(typo.getMessage().contains("allow_dangerous_writes"), typo.getMessage());
            s.execute("alter foreign table stripe.charges options (add allow_dangerous_writes 'true')");
            MockStripe.enqueue(server, 200, "{\"id\":\"ch_2\",\"object\":\"charge\"}");
            assertEquals(
                    1,
                    s.executeUpdate("insert into stripe.charges (amount, currency, customer) "
                            + "values (500, 'usd', 'cus_1')"));
            RecordedRequest post = MockStripe.take(server);
            assertEquals("POST /v1/charges", post.getMethod() + " " + post.getTarget());
            assertEquals(
                    "amount=500&currency=usd&customer=cus_1", post.getBody().utf8());
            s.execute("alter foreign table stripe.charges options (set allow_dangerous_writes 'false')");
            assertEquals(
                    "42501",
                    fails("insert into stripe.charges (amount) values (1)").getSQLState());
        }
    }

    // ------------------------------------------------------------------------------------------ read-only columns

    @Test
    void columnsTheApiCannotChangeAreRefusedBeforeAnyRequest() throws Exception {
        SQLException id = fails("update stripe.customers set id = 'x' where id = 'cus_1'");
        assertEquals("428C9", id.getSQLState());
        assertEquals(
                "UPDATE of stripe.customers: cannot assign to column \"id\": it is the rowid_column of "
                        + "stripe.customers, and a Stripe object's id cannot be changed",
                id.getMessage());
        assertEquals(
                "428C9",
                assertThrows(
                                SQLException.class,
                                () -> connection.prepareStatement("update stripe.customers set id = ? where id = ?"))
                        .getSQLState());
        SQLException created = fails("update stripe.customers set created = now() where email = 'a@b.c'");
        assertEquals("428C9", created.getSQLState());
        assertEquals(
                "UPDATE of stripe.customers: cannot assign to column \"created\": Stripe computes "
                        + "customers.created itself, so no request can set it",
                created.getMessage());
        assertEquals(
                "428C9",
                fails("update stripe.charges set amount = 1 where id = 'ch_1'").getSQLState());
        assertEquals(
                "428C9",
                fails("update stripe.subscriptions set status = 'canceled' where id = 'sub_1'")
                        .getSQLState());
        assertEquals(
                "428C9",
                fails("update stripe.customers set attrs = '{\"livemode\": true}' where id = 'cus_1'")
                        .getSQLState());
        assertEquals(
                "428C9",
                fails("insert into stripe.customers (email, created) values ('a@b.c', now())")
                        .getSQLState());
        SQLException empty = fails("update stripe.customers set attrs = '{}' where id = 'cus_1'");
        assertEquals("22023", empty.getSQLState());
        assertTrue(empty.getMessage().contains("would change nothing; it is not sent"), empty.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    // ------------------------------------------------------------------------------------------ EXPLAIN

    @Test
    void explainOfAnUpdateReadsTheRowsAndListsTheRequestsWithoutSendingThem() throws Exception {
        enqueueCustomers();
        List<String> plan = explain("update stripe.customers set description = 'x y' where name = 'A'");
        assertEquals(
                List.of(
                        "Update on stripe.customers (dry run: the rows were read, nothing was written)",
                        "  Guards: safe_updates on, max_write_rows 1,000",
                        "  Rows to update: 2",
                        "  Write requests: 2, one per row, in this order, each with its own Idempotency-Key:",
                        "    POST /v1/customers/cus_1  description=x+y",
                        "    POST /v1/customers/cus_3  description=x+y"),
                plan.subList(0, 6));
        assertEquals(
                List.of(
                        "  Read: every row, to the end, before the first write:",
                        "  ->  Project: id",
                        "        ->  Scan: stripe.customers",
                        "              Foreign Scan on stripe.customers",
                        "                Request: GET /v1/customers?limit=100"),
                plan.subList(6, 11));
        assertEquals("                Local filter: (customers.name = 'A')", plan.get(plan.size() - 1));
        assertEquals(List.of("GET /v1/customers?limit=100"), requests());
    }

    @Test
    void theSqlReferenceExampleIsWhatExplainPrints() throws Exception {
        // The answer must hold the pushed condition: the scan checks every row it gets against it.
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"data\":["
                        + customer("cus_NffrFeUfNV2Hib", "Jenny")
                                .replace("cus_NffrFeUfNV2Hib@example.com", "jenny.rosen@example.com")
                        + "],\"has_more\":false}");
        List<String> plan =
                explain("update stripe.customers set description = 'vip' " + "where email = 'jenny.rosen@example.com'");
        assertEquals(
                List.of(
                        "Update on stripe.customers (dry run: the rows were read, nothing was written)",
                        "  Guards: safe_updates on, max_write_rows 1,000",
                        "  Rows to update: 1",
                        "  Write requests: 1, one per row, in this order, each with its own Idempotency-Key:",
                        "    POST /v1/customers/cus_NffrFeUfNV2Hib  description=vip",
                        "  Read: every row, to the end, before the first write:",
                        "  ->  Project: id",
                        "        ->  Scan: stripe.customers",
                        "              Foreign Scan on stripe.customers",
                        "                Request: GET /v1/customers?email=jenny.rosen%40example.com&limit=100"),
                plan.subList(0, 10));
        assertEquals(List.of("GET /v1/customers?email=jenny.rosen%40example.com&limit=100"), requests());
    }

    @Test
    void explainOfADeleteByIdMakesNoRequestAtAll() throws Exception {
        assertEquals(
                List.of(
                        "Delete on stripe.customers (dry run: nothing was read or written)",
                        "  Guards: safe_updates on, max_write_rows 1,000",
                        "  Rows to delete: 1",
                        "  Write requests: 1, one per row, in this order:",
                        "    DELETE /v1/customers/cus_1",
                        "  Read: none (WHERE id = constant addresses the row directly; a 404 counts as 0 rows)"),
                explain("delete from stripe.customers where id = 'cus_1'"));
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void explainShowsTheGuardThatWouldRefuseAndDoesNotRead() throws Exception {
        List<String> noWhere = explain("delete from stripe.customers");
        assertEquals("Delete on stripe.customers (dry run: nothing was read or written)", noWhere.get(0));
        assertTrue(
                noWhere.get(2).startsWith("  Refused: DELETE from stripe.customers has no WHERE clause"),
                noWhere.get(2));
        assertEquals(
                List.of("  Read: not run (refused before any request):", "  ->  Project: id"), noWhere.subList(3, 5));
        List<String> charge = explain("insert into stripe.charges (amount, currency) values (1, 'usd')");
        assertEquals(
                List.of(
                        "Insert on stripe.charges (dry run: nothing was read or written)",
                        "  Guards: safe_updates on, max_write_rows 1,000, allow_dangerous_writes off"),
                charge.subList(0, 2));
        assertTrue(charge.get(2).startsWith("  Refused: INSERT into stripe.charges creates a real charge"));
        assertEquals(0, server.getRequestCount());

        try (Statement s = connection.createStatement()) {
            s.execute("set stripe.max_write_rows = 1");
        }
        enqueueCustomers();
        List<String> capped = explain("delete from stripe.customers where name = 'A'");
        assertEquals(
                List.of(
                        "Delete on stripe.customers (dry run: the rows were read, nothing was written)",
                        "  Guards: safe_updates on, max_write_rows 1",
                        "  Rows to delete: 2",
                        "  Refused: DELETE from stripe.customers would delete 2 rows, more than max_write_rows (1); "
                                + "refused "
                                + "before any write. Narrow the statement, or raise the cap with SET "
                                + "stripe.max_write_rows = 2 "
                                + "(this session; 0 = no cap) or the connection property max_write_rows",
                        "  Ids read: cus_1 ... and 1 more"),
                capped.subList(0, 5));
        assertEquals(List.of("GET /v1/customers?limit=100"), requests());
    }

    @Test
    void explainAnalyzeOfAWriteIsRefusedAndSecretsAreMasked() throws Exception {
        SQLException analyze = fails("explain analyze delete from stripe.customers where id = 'cus_1'");
        assertEquals("0A000", analyze.getSQLState());
        assertTrue(analyze.getMessage().startsWith("EXPLAIN ANALYZE of DELETE would write to Stripe"));
        List<String> plan = explain("insert into stripe.customers (email, description) values ('a@b.c', "
                + "'key sk_live_51AbCdEfGhIjKlMnOp1234')");
        assertEquals("    POST /v1/customers  email=a%40b.c&description=key+sk_live_...1234", plan.get(4));
        assertFalse(String.join("\n", plan).contains("AbCdEf"));
        // A dry run writes nothing, so it runs on a read-only connection.
        connection.setReadOnly(true);
        assertEquals(
                "    DELETE /v1/customers/cus_9",
                explain("delete from stripe.customers where id = 'cus_9'").get(4));
        assertEquals(0, server.getRequestCount());
    }
}
