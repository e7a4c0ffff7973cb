package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Subqueries and joins that read only what the answer needs, through JDBC on the emulator (1,000 customers, scans
 * sequential so that every request is predictable): a correlated EXISTS or NOT EXISTS reads both tables once instead
 * of a request per customer, an IN subquery of ids reads the subquery, then only those customers, and a join from
 * a few rows looks their keys up. Each asserts the exact request counts and that the rows are the emulator's truth,
 * also when the emulator ignores the list filters (a pushed plan never changes a result).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubqueryJoinJdbcTest {
    private EmulatorDatabase database;
    private Connection connection;
    private int customerPages;
    private int chargePages;

    @BeforeAll
    void start() throws SQLException {
        // search=off: these tests count the list pages a subquery reads (charges where status = 'failed' would search).
        database = EmulatorDatabase.start(
                StripeEmulator.builder().seed(13).customers(1_000), "&scan_parallelism=1&search=off");
        connection = database.connect();
        customerPages = database.listPages("customers");
        chargePages = database.listPages("charges");
    }

    @AfterAll
    void stop() throws SQLException {
        connection.close();
        database.close();
    }

    @BeforeEach
    void clearLog() {
        database.clearRequests();
        database.emulator().setIgnoreListFilters(false);
    }

    private List<String> column(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private List<String> sortedColumn(String sql) throws SQLException {
        List<String> out = column(sql);
        Collections.sort(out);
        return out;
    }

    /** The requests since the last call, as {@code GET /v1/charges?limit=100}; the log cleared. */
    private List<String> requests() {
        List<String> out =
                database.requests().stream().map(RecordedRequest::describe).toList();
        database.clearRequests();
        return out;
    }

    private static long count(List<String> requests, String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).count();
    }

    private List<Json> charges() {
        return database.emulator().objects("charges");
    }

    private static String text(Json object, String field) {
        Json value = object.get(field);
        return value == null ? null : value.stringValue();
    }

    /** The customers with a charge of {@code status} (any status when null), sorted. */
    private Set<String> customersWithCharge(String status) {
        Set<String> out = new HashSet<>();
        for (Json charge : charges()) {
            if (text(charge, "customer") != null && (status == null || status.equals(text(charge, "status")))) {
                out.add(text(charge, "customer"));
            }
        }
        return out;
    }

    private List<String> customerIds() {
        return database.emulator().objects("customers").stream()
                .map(c -> text(c, "id"))
                .toList();
    }

    @Test
    void existsReadsBothTablesOnceInsteadOfARequestPerCustomer() throws SQLException {
        String sql = "select count(*) from stripe.customers c where exists "
                + "(select 1 from stripe.charges ch where ch.customer = c.id and ch.status = 'failed')";
        List<String> count = column(sql);
        assertEquals(List.of(Integer.toString(customersWithCharge("failed").size())), count);
        List<String> made = requests();
        assertEquals(customerPages, count(made, "GET /v1/customers?"), made.toString());
        assertEquals(chargePages, count(made, "GET /v1/charges?limit=100"), made.toString());
        assertEquals(customerPages + chargePages, made.size(), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(count, column(sql));
    }

    @Test
    void notExistsReadsBothTablesOnce() throws SQLException {
        String sql = "select c.id from stripe.customers c where not exists "
                + "(select 1 from stripe.charges ch where ch.customer = c.id)";
        Set<String> with = customersWithCharge(null);
        List<String> expected =
                customerIds().stream().filter(id -> !with.contains(id)).sorted().toList();
        assertEquals(expected, sortedColumn(sql));
        List<String> made = requests();
        assertEquals(customerPages + chargePages, made.size(), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, sortedColumn(sql));
    }

    @Test
    void notInReadsBothTablesOnce() throws SQLException {
        String sql = "select c.id from stripe.customers c where c.id not in"
                + " (select customer from stripe.charges where customer is not null)";
        Set<String> with = customersWithCharge(null);
        List<String> expected =
                customerIds().stream().filter(id -> !with.contains(id)).sorted().toList();
        assertEquals(expected, sortedColumn(sql));
        assertEquals(customerPages + chargePages, requests().size());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, sortedColumn(sql));
    }

    @Test
    void anExistsOverAFewCustomersLooksThemUp() throws SQLException {
        List<String> three = customerIds().subList(0, 3);
        String sql = "select c.id from stripe.customers c where c.id in ('" + String.join("', '", three) + "')"
                + " and exists (select 1 from stripe.charges ch where ch.customer = c.id)";
        Set<String> with = customersWithCharge(null);
        List<String> expected = three.stream().filter(with::contains).sorted().toList();
        assertEquals(expected, sortedColumn(sql));
        List<String> made = requests();
        assertEquals(3, count(made, "GET /v1/customers/"), made.toString());
        for (String id : three) {
            assertTrue(made.contains("GET /v1/charges?customer=" + id + "&limit=100"), made.toString());
        }
        assertEquals(6, made.size(), made.toString());
    }

    @Test
    void anInSubqueryOfIdsReadsTheSubqueryThenOnlyThoseCustomers() throws SQLException {
        String sql = "select id from stripe.customers where id in "
                + "(select customer from stripe.charges where status = 'failed')";
        List<String> expected = customersWithCharge("failed").stream().sorted().toList();
        assertEquals(expected, sortedColumn(sql));
        List<String> made = requests();
        assertEquals(chargePages, count(made, "GET /v1/charges?"), made.toString());
        // The failed charges' customers: retrieved one by one, or found by scanning the customers if that needs
        // fewer requests; never more than the cheaper of the two, plus the one page that showed it.
        long customers = made.size() - chargePages;
        assertTrue(customers <= Math.min(expected.size(), customerPages) + 1, made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, sortedColumn(sql));
    }

    @Test
    void aJoinFromOneEmailLooksItsChargesUp() throws SQLException {
        Json someone = database.emulator().objects("customers").stream()
                .filter(c -> customersWithCharge(null).contains(text(c, "id")))
                .findFirst()
                .orElseThrow();
        String email = text(someone, "email");
        String sql = "select ch.id from stripe.customers c join stripe.charges ch on ch.customer = c.id"
                + " where c.email = '" + email + "'";
        Set<String> ids = new HashSet<>();
        for (Json customer : database.emulator().objects("customers")) {
            if (email.equals(text(customer, "email"))) {
                ids.add(text(customer, "id"));
            }
        }
        List<String> expected = charges().stream()
                .filter(ch -> ids.contains(text(ch, "customer")))
                .map(ch -> text(ch, "id"))
                .sorted()
                .toList();
        assertEquals(expected, sortedColumn(sql));
        List<String> made = requests();
        assertEquals("GET /v1/customers?email=" + email + "&limit=100", made.get(0));
        assertEquals(1 + ids.size(), made.size(), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, sortedColumn(sql));
    }

    /** Each customer's charge count (none: 0), as {@code id=count}, sorted by id. */
    private List<String> chargeCounts(List<String> ids) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (Json charge : charges()) {
            String customer = text(charge, "customer");
            if (customer != null) {
                counts.merge(customer, 1, Integer::sum);
            }
        }
        return ids.stream()
                .sorted()
                .map(id -> id + "=" + counts.getOrDefault(id, 0))
                .toList();
    }

    private List<String> pairs(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void aCorrelatedScalarSubqueryReadsItsTableOnce() throws SQLException {
        String sql = "select c.id, (select count(*) from stripe.charges ch where ch.customer = c.id)"
                + " from stripe.customers c";
        List<String> expected = chargeCounts(customerIds());
        assertEquals(expected, pairs(sql));
        List<String> made = requests();
        assertEquals(customerPages + chargePages, made.size(), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, pairs(sql));
    }

    @Test
    void aCorrelatedScalarSubqueryOverAFewRowsLooksThemUp() throws SQLException {
        List<String> three = customerIds().subList(10, 13);
        String sql = "select c.id, (select count(*) from stripe.charges ch where ch.customer = c.id)"
                + " from stripe.customers c where c.id in ('" + String.join("', '", three) + "')";
        assertEquals(chargeCounts(three), pairs(sql));
        List<String> made = requests();
        assertEquals(3, count(made, "GET /v1/customers/"), made.toString());
        assertEquals(3, count(made, "GET /v1/charges?customer="), made.toString());
        assertEquals(6, made.size(), made.toString());
        // The newest charge of each, read in order from the rows fetched ahead.
        String newest = "select c.id, (select max(ch.created) from stripe.charges ch where ch.customer = c.id)"
                + " from stripe.customers c where c.id in ('" + String.join("', '", three) + "')";
        List<String> values = pairs(newest);
        assertEquals(3, values.size());
        assertEquals(6, requests().size());
        String plan = String.join("\n", column("explain " + sql));
        assertTrue(plan.contains("Prefetch for a correlated subquery ((ch.customer = c.id))"), plan);
    }

    @Test
    void explainShowsTheSubqueryAndItsRequests() throws SQLException {
        String plan = String.join(
                "\n",
                column("explain select count(*) from stripe.customers c where exists "
                        + "(select 1 from stripe.charges ch where ch.customer = c.id and ch.status = 'failed')"));
        assertTrue(plan.contains("Semi Join: EXISTS (SELECT ...); keys: (ch.customer = c.id)"), plan);
        assertTrue(plan.contains("Request: GET /v1/charges?limit=100"), plan);
        assertTrue(
                plan.contains("Request: GET /v1/charges?customer=<each element of $1>&limit=100")
                        || plan.contains("Request: GET /v1/charges?customer=$1&limit=100"),
                plan);
        assertTrue(!plan.contains("Filter: EXISTS"), plan);
        String in = String.join(
                "\n",
                column("explain select id from stripe.customers where id in "
                        + "(select customer from stripe.charges where status = 'failed')"));
        assertTrue(in.contains("Pushed (checked again on every row): (customers.id = ANY ($1))"), in);
        assertTrue(in.contains("InitPlan $1 (the values of a subquery, read once before this scan):"), in);
        assertTrue(in.contains("Scan: stripe.charges"), in);
        assertTrue(requests().isEmpty());
    }
}
