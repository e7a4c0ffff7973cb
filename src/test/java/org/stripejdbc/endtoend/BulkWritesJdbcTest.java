package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * The multi-page DELETE, and UPDATE, end to end on the emulator (which, as Stripe, refuses a
 * {@code starting_after} naming a deleted object), with its default parallel scans: every matching row is written,
 * and in the request log every read comes before the first write. Also the dry run ({@code EXPLAIN}), which reads
 * the same pages and writes nothing. The same writes against the emulator ignoring every list filter change the same
 * rows.
 */
class BulkWritesJdbcTest {
    private EmulatorDatabase database;
    private Connection connection;

    @BeforeEach
    void start() throws SQLException {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(21).customers(300), "&max_retries=0");
        connection = database.connect();
        database.clearRequests();
    }

    @AfterEach
    void stop() throws SQLException {
        connection.close();
        database.close();
    }

    /** The ids of the emulator's customers whose name contains {@code part} (as LIKE '%part%'). */
    private Set<String> customersNamed(String part) {
        Set<String> ids = new HashSet<>();
        for (Json customer : database.emulator().objects("customers")) {
            Json name = customer.get("name");
            if (name != null && !name.isNull() && name.asText().contains(part)) {
                ids.add(customer.get("id").asText());
            }
        }
        return ids;
    }

    /** Asserts every read precedes the first write, and returns the written ids in order. */
    private List<String> writesAfterAllReads(String method) {
        List<RecordedRequest> log = database.requests();
        int firstWrite = -1;
        List<String> written = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            RecordedRequest request = log.get(i);
            if (request.method().equals("GET")) {
                assertEquals(-1, firstWrite, "a read after the first write: " + request.describe());
                assertEquals("/v1/customers", request.path());
                assertEquals(200, request.status(), request.describe());
            } else {
                assertEquals(method, request.method(), request.describe());
                assertEquals(200, request.status(), request.describe());
                firstWrite = firstWrite < 0 ? i : firstWrite;
                written.add(request.path().substring("/v1/customers/".length()));
            }
        }
        return written;
    }

    @ParameterizedTest(name = "server ignores filters: {0}")
    @ValueSource(booleans = {false, true})
    void aDeleteMatchingRowsOnEveryPageDeletesThemAll(boolean ignoreFilters) throws Exception {
        database.emulator().setIgnoreListFilters(ignoreFilters);
        Set<String> matching = customersNamed("a");
        assertTrue(matching.size() > 200 && matching.size() < 300, "sample data: " + matching.size());
        try (Statement s = connection.createStatement()) {
            assertEquals(matching.size(), s.executeUpdate("delete from stripe.customers where name like '%a%'"));
        }
        List<String> deleted = writesAfterAllReads("DELETE");
        assertEquals(matching.size(), deleted.size());
        assertEquals(matching, new HashSet<>(deleted));
        assertEquals(Set.of(), customersNamed("a"));
        assertEquals(300 - matching.size(), database.emulator().count("customers"));
        assertTrue(database.requests(r -> r.method().equals("GET")).size() >= 3, "several pages were read");
    }

    @ParameterizedTest(name = "server ignores filters: {0}")
    @ValueSource(booleans = {false, true})
    void anUpdateMatchingRowsOnEveryPageUpdatesThemAll(boolean ignoreFilters) throws Exception {
        database.emulator().setIgnoreListFilters(ignoreFilters);
        Set<String> matching = customersNamed("e");
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    matching.size(),
                    s.executeUpdate(
                            "update stripe.customers set description = 'bulk ' || upper(name) where name like '%e%'"));
        }
        List<String> updated = writesAfterAllReads("POST");
        assertEquals(matching, new HashSet<>(updated));
        assertEquals(matching.size(), updated.size());
        for (Json customer : database.emulator().objects("customers")) {
            String id = customer.get("id").asText();
            Json description = customer.get("description");
            if (matching.contains(id)) {
                assertEquals(
                        "bulk " + customer.get("name").asText().toUpperCase(Locale.ROOT), description.asText(), id);
            } else {
                assertTrue(description == null
                        || description.isNull()
                        || !description.asText().startsWith("bulk "));
            }
        }
        for (RecordedRequest post : database.requests(r -> r.method().equals("POST"))) {
            assertTrue(post.formParameter("description").startsWith("bulk "), post.describe());
            assertEquals(1, post.formParameters().size(), post.describe());
        }
    }

    @Test
    void explainReadsTheSamePagesAndWritesNothing() throws Exception {
        Set<String> matching = customersNamed("a");
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain delete from stripe.customers where name like '%a%'")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        assertEquals("Delete on stripe.customers (dry run: the rows were read, nothing was written)", lines.get(0));
        assertEquals("  Rows to delete: " + matching.size(), lines.get(2));
        assertEquals("  Write requests: " + matching.size() + ", one per row, in this order:", lines.get(3));
        assertEquals(
                20,
                lines.stream()
                        .filter(line -> line.startsWith("    DELETE /v1/customers/"))
                        .count());
        assertEquals(
                "    ... and " + (matching.size() - 20) + " more (EXPLAIN VERBOSE lists every request)", lines.get(24));
        assertEquals(List.of(), database.requests(r -> !r.method().equals("GET")));
        assertEquals(300, database.emulator().count("customers"));
    }
}
