package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Subqueries over the groups of a GROUP BY (in HAVING, the select list and ORDER BY), through JDBC on the emulator
 * (300 customers, scans sequential so that every request is predictable): a correlated EXISTS, NOT EXISTS, IN or NOT
 * IN in HAVING is a semi or anti join of the groups and the subquery's table, read once or looked up by the groups'
 * keys, and a correlated scalar subquery finds its rows fetched ahead for the groups, instead of requests once per
 * group. Each asserts the exact requests, the rows (the emulator's truth, also when the emulator ignores the list
 * filters) and what EXPLAIN shows; a subquery still run per row shows its plan and requests as a SubPlan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HavingSubqueryJdbcTest {
    private EmulatorDatabase database;
    private Connection connection;
    private int customerPages;
    private int chargePages;

    @BeforeAll
    void start() throws SQLException {
        database = EmulatorDatabase.start(
                StripeEmulator.builder().seed(29).customers(300), "&scan_parallelism=1&search=off");
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

    private List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int width = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(String.valueOf(rs.getString(1)));
                for (int i = 2; i <= width; i++) {
                    row.append('=').append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private List<String> sortedRows(String sql) throws SQLException {
        List<String> out = rows(sql);
        Collections.sort(out);
        return out;
    }

    private String plan(String sql) throws SQLException {
        database.clearRequests();
        String plan = String.join("\n", rows("explain " + sql));
        assertTrue(requests().isEmpty(), "EXPLAIN makes no request");
        return plan;
    }

    /** The requests since the last call, as {@code GET /v1/charges?limit=100}; the log cleared. */
    private List<String> requests() {
        List<String> out =
                database.requests().stream().map(RecordedRequest::describe).toList();
        database.clearRequests();
        return out;
    }

    private static String text(Json object, String field) {
        Json value = object.get(field);
        return value == null ? null : value.stringValue();
    }

    /** Each customer's charge count (customers with a charge only), by customer id. */
    private Map<String, Integer> chargeCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Json charge : database.emulator().objects("charges")) {
            String customer = text(charge, "customer");
            if (customer != null) {
                counts.merge(customer, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Customer emails by id. */
    private Map<String, String> emails() {
        Map<String, String> out = new HashMap<>();
        for (Json customer : database.emulator().objects("customers")) {
            out.put(text(customer, "id"), text(customer, "email"));
        }
        return out;
    }

    private List<String> groups(java.util.function.BiPredicate<String, Integer> keep) {
        List<String> out = new ArrayList<>();
        chargeCounts().forEach((customer, count) -> {
            if (keep.test(customer, count)) {
                out.add(customer + "=" + count);
            }
        });
        Collections.sort(out);
        return out;
    }

    private static final String EXISTS_BY_EMAIL = "select ch.customer, count(*) from stripe.charges ch"
            + " where ch.customer is not null group by ch.customer having exists"
            + " (select 1 from stripe.customers c where c.id = ch.customer and c.email like '%example.com')";

    @Test
    void havingExistsIsASemiJoinOfTheGroupsNotARetrievePerGroup() throws SQLException {
        Map<String, String> emails = emails();
        List<String> expected = groups((customer, count) ->
                emails.get(customer) != null && emails.get(customer).endsWith("example.com"));
        assertFalse(expected.isEmpty());
        assertEquals(expected, sortedRows(EXISTS_BY_EMAIL));
        List<String> made = requests();
        assertEquals(
                chargePages,
                made.stream().filter(r -> r.startsWith("GET /v1/charges?")).count(),
                made.toString());
        // The customers: read once (their pages are fewer than the groups' keys), not retrieved per group.
        assertEquals(
                customerPages,
                made.stream().filter(r -> r.startsWith("GET /v1/customers?")).count(),
                made.toString());
        assertEquals(chargePages + customerPages, made.size(), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, sortedRows(EXISTS_BY_EMAIL));

        String plan = plan(EXISTS_BY_EMAIL);
        assertTrue(plan.contains("Semi Join: EXISTS (SELECT ...); keys: (c.id = ch.customer)"), plan);
        assertFalse(plan.contains("Filter: EXISTS"), plan);
        assertFalse(plan.contains("SubPlan"), plan);
    }

    @Test
    void havingNotInDropsTheNullGroupAndReadsBothTablesOnce() throws SQLException {
        String sql = "select ch.customer, count(*) from stripe.charges ch group by ch.customer having ch.customer"
                + " not in (select c.id from stripe.customers c where c.email like '%example.com')";
        Map<String, String> emails = emails();
        // The charges without a customer make a NULL group: NULL NOT IN (...) is unknown, so it is dropped.
        List<String> expected = groups((customer, count) ->
                emails.get(customer) == null || !emails.get(customer).endsWith("example.com"));
        assertFalse(expected.isEmpty());
        assertEquals(expected, sortedRows(sql));
        assertEquals(chargePages + customerPages, requests().size());
        assertTrue(plan(sql).contains("Anti Join (NULL-aware, NOT IN): (ch.customer NOT IN (SELECT ...))"), plan(sql));
    }

    @Test
    void havingNotExistsKeepsTheGroupsWithoutAMatch() throws SQLException {
        String sql = "select ch.customer, count(*) from stripe.charges ch group by ch.customer having not exists"
                + " (select 1 from stripe.customers c where c.id = ch.customer and c.email like '%example.com')";
        Map<String, String> emails = emails();
        List<String> expected = new ArrayList<>(groups((customer, count) ->
                emails.get(customer) == null || !emails.get(customer).endsWith("example.com")));
        long withoutCustomer = database.emulator().objects("charges").stream()
                .filter(ch -> text(ch, "customer") == null)
                .count();
        if (withoutCustomer > 0) {
            expected.add("null=" + withoutCustomer);
            Collections.sort(expected);
        }
        assertEquals(expected, sortedRows(sql));
        assertEquals(chargePages + customerPages, requests().size());
    }

    @Test
    void aScalarSubqueryOverTheGroupsFindsItsRowsFetchedAhead() throws SQLException {
        String sql = "select ch.customer, count(*), (select c.email from stripe.customers c where c.id = ch.customer)"
                + " from stripe.charges ch where ch.customer is not null group by ch.customer"
                + " order by (select c.email from stripe.customers c where c.id = ch.customer), ch.customer";
        Map<String, String> emails = emails();
        List<String> expected = new ArrayList<>();
        chargeCounts().forEach((customer, count) -> expected.add(customer + "=" + count + "=" + emails.get(customer)));
        List<String> rows = rows(sql);
        assertEquals(expected, rows.stream().sorted().toList());
        List<String> emailOrder =
                rows.stream().map(r -> r.substring(r.lastIndexOf('=') + 1)).toList();
        // ORDER BY the subquery: emails ascending, the groups without one (NULL) last.
        List<String> sorted = new ArrayList<>(emailOrder);
        sorted.sort(
                java.util.Comparator.comparing((String e) -> e.equals("null")).thenComparing(e -> e));
        assertTrue(sorted.equals(emailOrder), "not in email order");
        // One walk of the charges, one of the customers (the ORDER BY is the select list's subquery, planned once):
        // never a retrieve per group.
        List<String> made = requests();
        assertEquals(chargePages + customerPages, made.size(), made.toString());
        assertEquals(
                customerPages,
                made.stream().filter(r -> r.startsWith("GET /v1/customers?")).count());
        String plan = plan(sql);
        assertTrue(plan.contains("Prefetch for a correlated subquery ((c.id = ch.customer))"), plan);
        assertTrue(plan.contains("SubPlan 1 (per row of HashAggregate: ch.customer)"), plan);
        assertFalse(plan.contains("SubPlan 2"), plan);
        assertTrue(
                plan.contains("Requests: none per outer row: its rows are fetched ahead for each batch of outer rows"
                        + " (Prefetch below; a row whose key it did not fetch: 1 per outer row"
                        + " (GET /v1/customers/$1; 404 → no row))"),
                plan);
    }

    @Test
    void aScalarSubqueryInHavingFindsItsRowsFetchedAhead() throws SQLException {
        String sql = "select ch.customer, count(*) from stripe.charges ch where ch.customer is not null"
                + " group by ch.customer having (select count(*) from stripe.charges x where x.customer = ch.customer)"
                + " >= 2";
        List<String> expected = groups((customer, count) -> count >= 2);
        assertEquals(expected, sortedRows(sql));
        List<String> made = requests();
        assertEquals(2 * chargePages, made.size(), made.toString());
    }

    @Test
    void explainShowsASubqueryStillRunPerGroupWithItsRequests() throws SQLException {
        // An EXISTS under OR is not a join: it runs per group, and EXPLAIN says so with its plan and requests.
        String sql = "select ch.customer, count(*) from stripe.charges ch group by ch.customer having count(*) > 2"
                + " or exists (select 1 from stripe.refunds r where r.charge = ch.customer)";
        String plan = plan(sql);
        assertTrue(plan.contains("Filter: ((count(*) > 2) OR EXISTS (SELECT ...))"), plan);
        assertTrue(plan.contains("  SubPlan 1 (per row of HashAggregate: ch.customer)\n"), plan);
        assertTrue(plan.contains("    Requests: "), plan);
        assertTrue(plan.contains("per outer row (GET /v1/refunds?charge=$1&limit=100"), plan);
        assertTrue(plan.contains("    ->  Scan: stripe.refunds r"), plan);
    }

    @Test
    void anExistsInAnInnerJoinsOnIsASemiJoin() throws SQLException {
        String sql = "select c.id, ch.id from stripe.customers c join stripe.charges ch on ch.customer = c.id"
                + " and exists (select 1 from stripe.refunds r where r.charge = ch.id)";
        java.util.Set<String> refunded = new java.util.HashSet<>();
        for (Json refund : database.emulator().objects("refunds")) {
            refunded.add(text(refund, "charge"));
        }
        java.util.Set<String> customers = emails().keySet();
        List<String> expected = new ArrayList<>();
        for (Json charge : database.emulator().objects("charges")) {
            if (customers.contains(text(charge, "customer")) && refunded.contains(text(charge, "id"))) {
                expected.add(text(charge, "customer") + "=" + text(charge, "id"));
            }
        }
        Collections.sort(expected);
        assertFalse(expected.isEmpty());
        assertEquals(expected, sortedRows(sql));
        // Customers, charges and refunds each read once: no refunds request per joined row.
        assertEquals(
                customerPages + chargePages + database.listPages("refunds"),
                requests().size());
        String plan = plan(sql);
        assertTrue(plan.contains("Semi Join: EXISTS (SELECT ...); keys: (r.charge = ch.id)"), plan);
        assertFalse(plan.contains("SubPlan"), plan);
    }

    @Test
    void explainShowsASubqueryOfAnOuterJoinsConditionRunPerJoinedRow() throws SQLException {
        String sql = "select c.id, ch.id from stripe.customers c left join stripe.charges ch on ch.customer = c.id"
                + " and exists (select 1 from stripe.refunds r where r.charge = ch.id)";
        String plan = plan(sql);
        assertTrue(plan.contains("SubPlan 1 (per row of the joined rows)"), plan);
        assertTrue(plan.contains("Requests: unbounded per outer row (GET /v1/refunds?charge=$1&limit=100"), plan);
    }
}
