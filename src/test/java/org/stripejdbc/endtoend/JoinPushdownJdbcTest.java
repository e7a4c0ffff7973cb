package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.testkit.Rows;

/**
 * Join pushdown through JDBC against the emulator, asserting the exact requests: a join whose other side is small
 * fetches the inner table per key (retrieves by id, list calls filtered by a pushable field), a table that cannot
 * be listed is fetched by the keys of the other side, anything else scans and hash-joins; the rows never depend on
 * the strategy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JoinPushdownJdbcTest {
    private StripeEmulator emulator;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(11).customers(40).start();
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:joins-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0",
                "stripe",
                emulator.apiKey());
    }

    @AfterAll
    void stop() throws SQLException {
        connection.close();
        emulator.close();
    }

    @BeforeEach
    void clearLog() {
        emulator.clearRequestLog();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return Rows.text(connection, sql);
    }

    private List<String> column(String sql) throws SQLException {
        return rows(sql).stream().map(row -> row.get(0)).collect(Collectors.toList());
    }

    private String explain(String sql) throws SQLException {
        return String.join("\n", column("explain " + sql));
    }

    /** The requests made since the last call, as {@code GET /v1/charges?customer=cus_1&limit=100}. */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest request : emulator.requestLog()) {
            String query = request.queryParameters().stream()
                    .map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining("&"));
            out.add(request.method() + " " + request.path() + (query.isEmpty() ? "" : "?" + query));
        }
        emulator.clearRequestLog();
        return out;
    }

    private static <T> List<T> sorted(List<T> rows, Comparator<T> order) {
        List<T> copy = new ArrayList<>(rows);
        copy.sort(order);
        return copy;
    }

    @Test
    void anInvoiceByIdRetrievesOnlyItsCustomer() throws SQLException {
        List<String> invoice = rows("select id, customer from stripe.invoices where customer is not null limit 1")
                .get(0);
        requests();
        String sql = "select i.id, c.id, c.email from stripe.invoices i join stripe.customers c on c.id = i.customer "
                + "where i.id = '" + invoice.get(0) + "'";
        List<List<String>> joined = rows(sql);
        assertEquals(1, joined.size());
        assertEquals(invoice.get(1), joined.get(0).get(1));
        assertEquals(List.of("GET /v1/invoices/" + invoice.get(0), "GET /v1/customers/" + invoice.get(1)), requests());
        String plan = explain(sql);
        assertTrue(plan.contains("Keyed Join: (c.id = i.customer)"), plan);
        assertTrue(plan.contains("Request: GET /v1/customers/<each element of $1>"), plan);
        // The same rows as a hash join over every customer (a key that is not a plain column is never pushed).
        String hashed = sql.replace("c.id = i.customer", "c.id || '' = i.customer");
        assertTrue(explain(hashed).contains("Hash Join"), explain(hashed));
        requests();
        assertEquals(joined, rows(hashed));
        // A hash join reads its right side first, then streams the left past it.
        assertEquals(List.of("GET /v1/customers?limit=100", "GET /v1/invoices/" + invoice.get(0)), requests());
    }

    @Test
    void fiveCustomersMakeFiveFilteredChargeLists() throws SQLException {
        List<String> customers = column("select id from stripe.customers limit 5");
        requests();
        String sql = "select c.id, ch.id, ch.amount from (select * from stripe.customers limit 5) c "
                + "join stripe.charges ch on ch.customer = c.id";
        List<List<String>> joined = rows(sql);
        List<String> expected = new ArrayList<>(List.of("GET /v1/customers?limit=5"));
        for (String customer : customers) {
            expected.add("GET /v1/charges?customer=" + customer + "&limit=100");
        }
        assertEquals(expected, requests());
        assertTrue(explain(sql).contains("Keyed Join: (ch.customer = c.id)"), explain(sql));
        String hashed = sql.replace("ch.customer = c.id", "ch.customer = c.id || ''");
        assertEquals(
                sorted(rows(hashed), Comparator.comparing(Object::toString)),
                sorted(joined, Comparator.comparing(Object::toString)));
    }

    @Test
    void aLeftJoinKeepsCustomersWithoutSubscriptions() throws SQLException {
        List<String> customers = column("select id from stripe.customers order by id limit 4");
        String list = customers.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        requests();
        String sql = "select c.id, s.id from stripe.customers c left join stripe.subscriptions s on s.customer = c.id "
                + "where c.id in (" + list + ")";
        List<List<String>> joined = rows(sql);
        List<String> made = requests();
        assertEquals(4 + 4, made.size(), made.toString());
        // Retrieves run up to 8 at once, so they arrive in any order.
        assertEquals(
                customers.stream().map(id -> "GET /v1/customers/" + id).toList(),
                made.subList(0, 4).stream().sorted().toList());
        for (String request : made.subList(4, 8)) {
            assertTrue(request.matches("GET /v1/subscriptions\\?customer=cus_\\w+&status=all&limit=100"), request);
        }
        assertEquals(
                customers,
                joined.stream().map(row -> row.get(0)).distinct().sorted().toList());
        assertTrue(explain(sql).contains("Keyed Join Left"), explain(sql));
    }

    @Test
    void setupAttemptsAreFetchedPerSetupIntent() throws SQLException {
        List<String> intents = column("select id from stripe.setup_intents");
        requests();
        String sql = "select si.id, sa.id from stripe.setup_intents si join stripe.setup_attempts sa "
                + "on sa.setup_intent = si.id";
        List<List<String>> joined = rows(sql);
        assertTrue(!joined.isEmpty());
        List<String> expected = new ArrayList<>(List.of("GET /v1/setup_intents?limit=100"));
        for (String intent : intents) {
            expected.add("GET /v1/setup_attempts?setup_intent=" + intent + "&limit=100");
        }
        assertEquals(expected, requests());
        assertTrue(explain(sql).contains("stripe.setup_attempts sa cannot be read without such a key"), explain(sql));
    }

    @Test
    void mandatesAreRetrievedByTheIdsTheirSetupIntentsName() throws SQLException {
        List<List<String>> joined = rows("select si.id, m.id from stripe.setup_intents si "
                + "join stripe.mandates m on m.id = si.attrs->>'mandate'");
        assertTrue(!joined.isEmpty());
        long retrieves = requests().stream()
                .filter(r -> r.startsWith("GET /v1/mandates/"))
                .count();
        assertEquals(joined.size(), retrieves);
    }

    @Test
    void largeSidesAreScannedOnceAndHashJoined() throws SQLException {
        String sql = "select count(*) from stripe.invoices i join stripe.customers c on c.id = i.customer";
        // Decided when it runs: the invoices show more than 10 distinct customers, so both are read once.
        assertTrue(explain(sql).contains("Hash or Keyed Join: (c.id = i.customer)"), explain(sql));
        requests();
        rows(sql);
        // The first page of invoices was read to count their customers, then the customers, then the rest.
        assertEquals(List.of("GET /v1/invoices?limit=100", "GET /v1/customers?limit=100"), requests());
        String full = "select count(*) from (select * from stripe.customers limit 2) c "
                + "full join stripe.charges ch on ch.customer = c.id";
        assertTrue(explain(full).contains("Hash Join Full"), explain(full));
    }
}
