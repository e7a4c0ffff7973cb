package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * {@code where id in (...)} with many ids, through JDBC on the emulator: retrieves by id or a scan of the list,
 * whichever needs fewer requests ({@code engine.LookupOrScan}), asserting the exact requests and that the rows are
 * those the ids name, also when the emulator ignores the list's filters.
 *
 * <p>1,500 customers: 15 pages of 100, newest first as the emulator lists them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupOrScanJdbcTest {
    private EmulatorDatabase database;
    private Connection connection;
    private List<String> customers;

    @BeforeAll
    void start() throws SQLException {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(11).customers(1_500), "&scan_parallelism=1");
        connection = database.connect();
        customers = database.emulator().objects("customers").stream()
                .map(c -> c.get("id").stringValue())
                .toList();
        assertEquals(1_500, customers.size());
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

    private List<String> ids(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        Collections.sort(out);
        return out;
    }

    /** The requests since the last call, as {@code GET /v1/customers?limit=100}; the log cleared. */
    private List<String> requests() {
        List<String> out =
                database.requests().stream().map(RecordedRequest::describe).toList();
        database.clearRequests();
        return out;
    }

    private static String in(List<String> ids) {
        return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    private static List<String> sorted(List<String> ids) {
        List<String> out = new ArrayList<>(ids);
        Collections.sort(out);
        return out;
    }

    private static long lists(List<String> requests) {
        return requests.stream().filter(r -> r.startsWith("GET /v1/customers?")).count();
    }

    private static long retrieves(List<String> requests) {
        return requests.stream().filter(r -> r.startsWith("GET /v1/customers/")).count();
    }

    @Test
    void idsSpreadOverTheTableAreFoundByOneScan() throws SQLException {
        List<String> wanted = new ArrayList<>(customers);
        Collections.shuffle(wanted, new Random(3));
        wanted = wanted.subList(0, 1_000);
        assertEquals(sorted(wanted), ids("select id from stripe.customers where id in " + in(wanted)));
        List<String> made = requests();
        // Every page holds about 66 of them: the scan reads the whole list, one request per page, no retrieve.
        assertEquals(15, made.size(), made.toString());
        assertEquals(15, lists(made));
        assertEquals("GET /v1/customers?limit=100", made.get(0));
    }

    @Test
    void theScanStopsOnceEveryIdIsFound() throws SQLException {
        List<String> newest = customers.subList(0, 300);
        assertEquals(sorted(newest), ids("select id from stripe.customers where id in " + in(newest)));
        assertEquals(3, lists(requests()));
    }

    @Test
    void idsTheFirstPageDoesNotHoldAreRetrieved() throws SQLException {
        List<String> oldest = customers.subList(1_450, 1_500);
        assertEquals(sorted(oldest), ids("select id from stripe.customers where id in " + in(oldest)));
        List<String> made = requests();
        assertEquals(List.of("GET /v1/customers?limit=100"), made.subList(0, 1));
        assertEquals(50, retrieves(made));
        assertEquals(51, made.size());
    }

    @Test
    void upToTenIdsAreAlwaysRetrieved() throws SQLException {
        List<String> ten = customers.subList(0, 10);
        assertEquals(sorted(ten), ids("select id from stripe.customers where id in " + in(ten)));
        List<String> made = requests();
        assertEquals(10, retrieves(made));
        assertEquals(10, made.size());
        // A LIMIT of at most ten rows counts as ten ids.
        assertEquals(
                5,
                ids("select id from stripe.customers where id in " + in(customers) + " limit 5")
                        .size());
        made = requests();
        assertEquals(5, retrieves(made), made.toString());
        assertEquals(5, made.size());
    }

    @Test
    void aServerIgnoringTheListFiltersCostsPagesNeverRows() throws SQLException {
        Json someone = database.emulator().objects("customers").get(120);
        String email = someone.get("email").stringValue();
        List<String> newest = customers.subList(0, 300);
        String sql = "select id from stripe.customers where id in " + in(newest) + " and email = '" + email + "'";
        List<String> expected = ids(sql);
        // The scan pushes the email too: one page of that email's customers, which resolves the ids it holds
        // and proves, by ending, that the others are not that email's.
        assertEquals(List.of("GET /v1/customers?email=" + email + "&limit=100"), requests());
        List<String> truth = database.emulator().objects("customers").subList(0, 300).stream()
                .filter(c -> email.equals(c.get("email").stringValue()))
                .map(c -> c.get("id").stringValue())
                .sorted()
                .toList();
        assertEquals(truth, expected);
        assertTrue(expected.contains(someone.get("id").stringValue()));
        database.emulator().setIgnoreListFilters(true);
        assertEquals(expected, ids(sql));
        assertEquals(3, lists(requests()));
    }

    /** The ids of the emulator's charges of {@code customers}, sorted. */
    private List<String> chargesOf(List<String> customers) {
        return database.emulator().objects("charges").stream()
                .filter(c -> customers.contains(c.get("customer").stringValue()))
                .map(c -> c.get("id").stringValue())
                .sorted()
                .toList();
    }

    private int chargePages() {
        return (database.emulator().count("charges") + 99) / 100;
    }

    @Test
    void manyValuesOfAPushedFieldAreOneScanWhenTheListIsShorter() throws SQLException {
        List<String> some = customers.subList(0, chargePages() + 5);
        String sql = "select id from stripe.charges where customer in " + in(some);
        assertEquals(chargesOf(some), ids(sql));
        List<String> made = requests();
        assertEquals(chargePages(), made.size(), made.toString());
        assertTrue(made.stream().allMatch(r -> r.startsWith("GET /v1/charges?limit=100")), made.toString());
        database.emulator().setIgnoreListFilters(true);
        assertEquals(chargesOf(some), ids(sql));
    }

    @Test
    void aListLongerThanTheValuesGivesWayToTheirWalks() throws SQLException {
        assertTrue(chargePages() > 12, "the test needs more pages of charges than values");
        List<String> some = customers.subList(100, 112);
        String sql = "select id from stripe.charges where customer in " + in(some);
        assertEquals(chargesOf(some), ids(sql));
        List<String> made = requests();
        // 12 pages of the scan (as many as values), then one walk per customer, skipping what the scan returned.
        assertEquals(
                12,
                made.stream()
                        .filter(r -> r.startsWith("GET /v1/charges?limit=100"))
                        .count());
        List<String> walks = made.subList(12, made.size());
        for (String customer : some) {
            assertTrue(walks.contains("GET /v1/charges?customer=" + customer + "&limit=100"), walks.toString());
        }
        assertEquals(12, walks.size(), walks.toString()); // each has fewer than 100 charges
        database.emulator().setIgnoreListFilters(true);
        assertEquals(chargesOf(some), ids(sql));
    }

    @Test
    void explainNamesTheScanTheRetrievesMayBecome() throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(
                        "explain select id from stripe.customers where id in " + in(customers.subList(0, 20)))) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        String plan = String.join("\n", lines);
        assertTrue(plan.contains("Requests: 20 (one per distinct id"), plan);
        assertTrue(
                plan.contains("Or a scan: GET /v1/customers?limit=100 (whichever needs fewer requests: pages read"
                        + " while each holds at least one of the ids; the ids not found by then are retrieved)"),
                plan);
        assertTrue(requests().isEmpty());
    }
}
