package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Search routing on the emulator's search endpoints: a search answers exactly what the list answers (every condition
 * is checked again on every row), in {@code ⌈rows / 100⌉} search requests; the emulator's indexing lag makes a new
 * customer invisible to search for a minute, which read-your-writes covers for writes made through this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchEmulatorJdbcTest {
    private EmulatorDatabase database;

    @BeforeAll
    void start() {
        database = EmulatorDatabase.start(
                StripeEmulator.builder().seed(16).customers(2_000).searchIndexingLag(Duration.ofSeconds(60)),
                "&scan_parallelism=1");
    }

    @AfterAll
    void stop() {
        database.close();
    }

    @BeforeEach
    void clear() {
        database.clearRequests();
    }

    private Connection connect(String extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        return DriverManager.getConnection(database.url() + extra, properties);
    }

    private static List<String> ids(Connection connection, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (RecordedRequest request : database.requests()) {
            paths.add(request.method() + " " + request.path());
        }
        database.clearRequests();
        return paths;
    }

    /** A metadata key and value some customer of the sample data has, as a condition. */
    private String metadataCondition() {
        for (Json customer : database.emulator().objects("customers")) {
            Json metadata = customer.get("metadata");
            if (metadata != null && metadata.isObject() && !metadata.members().isEmpty()) {
                Map.Entry<String, Json> first =
                        metadata.members().entrySet().iterator().next();
                if (first.getValue().stringValue() != null
                        && !first.getKey().contains("'")
                        && !first.getValue().stringValue().contains("'")) {
                    return "attrs->'metadata'->>'" + first.getKey() + "' = '"
                            + first.getValue().stringValue() + "'";
                }
            }
        }
        return "attrs->'metadata'->>'plan' = 'gold'";
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "name like '%son%'",
                "name ilike '%SON%'",
                "email like '%@example.%' and name like '%an%'",
                "name like '%son%' or name like '%Smith%'",
                "created >= '2025-01-01' and name like '%son%'",
                "METADATA",
            })
    void aSearchAnswersWhatTheListAnswers(String condition) throws SQLException {
        String where = condition.equals("METADATA") ? metadataCondition() : condition;
        String sql = "select id from stripe.customers where " + where + " order by id";
        List<String> listed;
        try (Connection connection = connect("&search=off")) {
            listed = ids(connection, sql);
        }
        List<String> listRequests = paths();
        assertTrue(listRequests.stream().allMatch(path -> path.equals("GET /v1/customers")), listRequests.toString());
        List<String> searched;
        try (Connection connection = connect("&search=always")) {
            searched = ids(connection, sql);
        }
        assertEquals(listed, searched, where);
        List<String> made = paths();
        assertTrue(made.size() < listRequests.size(), where + ": " + made);
        assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/customers/search")), made.toString());
    }

    /** Each search page holds 100 of the objects the query matches: {@code ⌈matches / 100⌉} requests. */
    @Test
    void aLikeReadsOneRequestPerHundredMatches() throws SQLException {
        List<String> matches;
        try (Connection connection = connect("&search_after_write=0")) {
            matches = ids(connection, "select id from stripe.customers where name like '%son%'");
        }
        List<String> made = paths();
        assertFalse(matches.isEmpty());
        assertEquals(Math.max(1, (matches.size() + 99) / 100), made.size(), made.toString());
        assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/customers/search")), made.toString());
    }

    /** With filters ignored the emulator's search answers every object: the result must not widen. */
    @Test
    void aSearchAnsweringEveryObjectNeverWidensTheResult() throws SQLException {
        String sql = "select id from stripe.customers where name like '%son%' order by id";
        List<String> expected;
        try (Connection connection = connect("&search=off")) {
            expected = ids(connection, sql);
        }
        paths();
        database.emulator().setIgnoreListFilters(true);
        try (Connection connection = connect("&search=always")) {
            assertEquals(expected, ids(connection, sql));
        } finally {
            database.emulator().setIgnoreListFilters(false);
        }
        List<String> made = paths();
        assertEquals(Math.max(1, (database.emulator().count("customers") + 99) / 100), made.size(), made.toString());
        assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/customers/search")), made.toString());
    }

    @Test
    void chargesByAmountAndStatusMatchTheList() throws SQLException {
        String sql = "select id from stripe.charges where amount > 5000 and status <> 'failed' order by id";
        List<String> listed;
        try (Connection connection = connect("&search=off")) {
            listed = ids(connection, sql);
        }
        paths();
        try (Connection connection = connect("&search_after_write=0")) {
            assertEquals(listed, ids(connection, sql));
        }
        List<String> made = paths();
        assertFalse(listed.isEmpty());
        assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/charges/search")), made.toString());
    }

    /**
     * A customer created through this JVM is listed by the next reads (read-your-writes); a connection that searches
     * anyway does not see it until the index has caught up (the lag other writers' changes have).
     */
    @Test
    void aNewCustomerIsReadThroughTheListWhileSearchLagsBehind() throws SQLException {
        String sql = "select name from stripe.customers where name like '%Searchlag%'";
        try (Connection connection = connect("")) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate(
                        "insert into stripe.customers (email, name)" + " values ('lag@example.com', 'Zed Searchlag')");
            }
            paths();
            assertEquals(List.of("Zed Searchlag"), ids(connection, sql));
            List<String> made = paths();
            assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/customers")), made.toString());
        }
        try (Connection connection = connect("&search_after_write=0")) {
            assertEquals(List.of(), ids(connection, sql), "the index has not caught up with the new customer yet");
            assertEquals(List.of("GET /v1/customers/search"), paths());
        }
    }

    /**
     * Read-your-writes counts the actions that change their object, not a preview: after {@code create_preview} (a
     * POST that writes nothing) invoices are still searched; after {@code finalize} they are listed for a minute.
     */
    @Test
    void anInvoicePreviewLeavesSearchOnWhileAFinalizeListsInvoices() throws SQLException {
        String sql = "select id from stripe.invoices where attrs->>'number' like '%ZZZQ%'";
        try (Connection connection = connect("")) {
            String customer = ids(
                            connection,
                            "select customer from stripe.subscriptions where status = 'active' "
                                    + "order by customer limit 1")
                    .get(0);
            ids(
                    connection,
                    "select * from stripe_action('invoices', 'create_preview', '{\"customer\": \"" + customer
                            + "\"}')");
            paths();
            assertEquals(List.of(), ids(connection, sql));
            assertEquals(List.of("GET /v1/invoices/search"), paths());

            String draft = ids(connection, "select id from stripe.invoices where status = 'draft' order by id limit 1")
                    .get(0);
            ids(connection, "select * from stripe_action('invoices', 'finalize', '" + draft + "')");
            paths();
            assertEquals(List.of(), ids(connection, sql));
            List<String> made = paths();
            assertTrue(made.stream().allMatch(path -> path.equals("GET /v1/invoices")), made.toString());
        }
    }

    /**
     * The rows an UPDATE changes are read from the list in every search mode: with search = always and the index a
     * minute behind, a search would miss the customer just created, and the UPDATE would change fewer rows than
     * its WHERE says. EXPLAIN says why search is not used.
     */
    @Test
    void aWriteReadsItsTargetsFromTheListEvenWhenSearchIsAlways() throws SQLException {
        String where = " where name like '%Writelag%'";
        try (Connection connection = connect("&search=always&search_after_write=0");
                Statement statement = connection.createStatement()) {
            String id;
            try (ResultSet rs = statement.executeQuery("insert into stripe.customers (email, name)"
                    + " values ('writelag@example.com', 'Wanda Writelag') returning id")) {
                assertTrue(rs.next());
                id = rs.getString(1);
            }
            assertEquals(List.of(), ids(connection, "select id from stripe.customers" + where), "search lags");
            paths();

            StringBuilder plan = new StringBuilder();
            try (ResultSet rs =
                    statement.executeQuery("explain update stripe.customers set description = 'found'" + where)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertTrue(
                    plan.toString().contains("Search: not used (the rows a write changes are read from the list"),
                    plan.toString());
            paths();

            assertEquals(1, statement.executeUpdate("update stripe.customers set description = 'found'" + where));
            List<String> made = paths();
            assertEquals("POST /v1/customers/" + id, made.get(made.size() - 1));
            assertTrue(
                    made.subList(0, made.size() - 1).stream().allMatch(path -> path.equals("GET /v1/customers")),
                    made.toString());
        }
    }
}
