package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.testkit.Rows;

/**
 * The child tables of nested list endpoints ({@code invoice_line_items} from {@code GET /v1/invoices/{invoice}/lines}
 * ...) on the emulator, asserting rows and the exact requests: IMPORT FOREIGN SCHEMA of each, a scan keyed by
 * {@code =} (one list walk, the key in the path), by {@code IN} (one walk per key), by a keyed join, and the unkeyed
 * walk over the parent list (its request count), which EXPLAIN names; a table whose parent cannot be listed needs
 * its key before any request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChildTablesJdbcTest {
    private StripeEmulator emulator;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        emulator = StripeEmulator.builder().seed(5).customers(30).start();
        connection = DriverManager.getConnection(
                "jdbc:stripe:mem:children-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl()
                        + "&requests_per_second=0&scan_parallelism=1",
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

    /** The child tables whose only required parameter is the parent key (the others: ComputedChildTablesJdbcTest). */
    static Stream<StripeObject> children() {
        return StripeObjects.all().stream()
                .filter(o -> o.parent() != null && o.requiredParameters().isEmpty());
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return Rows.text(connection, sql);
    }

    private String explain(String sql) throws SQLException {
        return rows("explain " + sql).stream().map(r -> r.get(0)).collect(Collectors.joining("\n"));
    }

    /** The requests made since the last call, as {@code GET /v1/invoices/in_1/lines?limit=100}. */
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

    /** The ids of the parent objects the emulator holds, in list order (none when it holds no such parents). */
    private List<String> parentIds(StripeObject child) {
        if (StripeObjects.byObject(child.parent().parentPath()).isEmpty()) {
            return List.of();
        }
        return emulator.objects(child.parent().parentPath()).stream()
                .map(o -> o.get("id").stringValue())
                .toList();
    }

    /** How many children the emulator's parent holds in the field the path names. */
    private int childCount(StripeObject child, String parentId) {
        String field = child.object().substring(child.object().lastIndexOf('/') + 1);
        Json list = emulator.object(child.parent().parentPath(), parentId)
                .map(o -> o.get(field))
                .orElse(null);
        Json data = list == null ? null : list.get("data");
        return data == null ? 0 : data.size();
    }

    private static String childPath(StripeObject child, String parentId) {
        return "/v1/" + child.parent().childPath(child.object(), parentId);
    }

    /** The query of a child list's first page: {@code ?limit=100}, nothing where the endpoint is not paged. */
    private static String firstPage(StripeObject child) {
        return child.listParameter("limit").isPresent() ? "?limit=100" : "";
    }

    @ParameterizedTest
    @MethodSource("children")
    void importsWithItsParentKey(StripeObject child) throws SQLException {
        String schema = "child_" + child.tableName();
        try (Statement s = connection.createStatement()) {
            s.execute("create schema " + schema);
            s.execute("import foreign schema stripe limit to (" + child.tableName() + ") from server stripe_server"
                    + " into " + schema);
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, schema, child.tableName(), "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME"));
            }
        }
        assertTrue(columns.contains(child.parent().column()), columns.toString());
        assertEquals("attrs", columns.get(columns.size() - 1));
        // Its parent key references the parent table, when both are in the schema.
        assertEquals(List.of(), requests());
    }

    @ParameterizedTest
    @MethodSource("children")
    void keyedByEqualityIsOneWalkWithTheKeyInThePath(StripeObject child) throws SQLException {
        List<String> parents = parentIds(child);
        String parent = parents.isEmpty() ? "x_1" : parents.get(0);
        String key = child.parent().column();
        List<List<String>> rows =
                rows("select " + key + " from stripe." + child.tableName() + " where " + key + " = '" + parent + "'");
        assertEquals(List.of("GET " + childPath(child, parent) + firstPage(child)), requests());
        assertEquals(parents.isEmpty() ? 0 : childCount(child, parent), rows.size());
        assertTrue(rows.stream().allMatch(r -> r.get(0).equals(parent)), rows.toString());
    }

    @ParameterizedTest
    @MethodSource("children")
    void keyedByInIsOneWalkPerKey(StripeObject child) throws SQLException {
        List<String> parents = parentIds(child);
        List<String> keys = parents.size() >= 2 ? parents.subList(0, 2) : List.of("x_1", "x_2");
        String key = child.parent().column();
        List<List<String>> rows = rows("select " + key + " from stripe." + child.tableName() + " where " + key
                + " in ('" + keys.get(0) + "', '" + keys.get(1) + "', '../x')");
        assertEquals(
                List.of(
                        "GET " + childPath(child, keys.get(0)) + firstPage(child),
                        "GET " + childPath(child, keys.get(1)) + firstPage(child)),
                requests(),
                "no request for a key that cannot be an id");
        int expected = parents.size() >= 2 ? childCount(child, keys.get(0)) + childCount(child, keys.get(1)) : 0;
        assertEquals(expected, rows.size());
    }

    @ParameterizedTest
    @MethodSource("children")
    void withoutAKeyWalksTheParentListThenEachParentsList(StripeObject child) throws SQLException {
        String sql = "select * from stripe." + child.tableName();
        if (!child.parent().walkable()) {
            SQLException e = assertThrows(SQLException.class, () -> rows(sql));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().contains(child.parent().column()), e.getMessage());
            assertEquals(List.of(), requests());
            return;
        }
        String plan = explain(sql);
        assertTrue(plan.contains("Request: GET /v1/" + child.parent().parentPath() + "?limit=100"), plan);
        assertTrue(plan.contains("no " + child.parent().column() + " key: walks the"), plan);
        requests();
        List<String> parents = parentIds(child);
        int expectedRows = 0;
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < Math.max(1, parents.size()); i++) {
            if (i % 100 == 0) {
                expected.add("GET /v1/" + child.parent().parentPath() + "?limit=100"
                        + (i == 0 ? "" : "&starting_after=" + parents.get(i - 1)));
            }
            if (i < parents.size()) {
                expected.add("GET " + childPath(child, parents.get(i)) + firstPage(child));
                expectedRows += childCount(child, parents.get(i));
            }
        }
        assertEquals(expectedRows, rows(sql).size());
        assertEquals(expected, requests());
    }

    @Test
    void invoiceLinesAreThePagedListNotTheEmbeddedFirstPage() throws SQLException {
        List<String> invoices = emulator.objects("invoices").stream()
                .filter(o -> o.get("lines").get("data").size() >= 2)
                .map(o -> o.get("id").stringValue())
                .toList();
        assertFalse(invoices.isEmpty());
        String invoice = invoices.get(0);
        Json lines =
                emulator.object("invoices", invoice).orElseThrow().get("lines").get("data");
        List<String> expectedIds =
                lines.elements().stream().map(l -> l.get("id").stringValue()).toList();
        List<List<String>> rows = rows(
                "select id, invoice, amount from stripe.invoice_line_items where invoice = '" + invoice + "' limit 1");
        assertEquals(
                List.of(List.of(
                        expectedIds.get(0), invoice, lines.get(0).get("amount").asText())),
                rows);
        assertEquals(List.of("GET /v1/invoices/" + invoice + "/lines?limit=1"), requests());
        // All of them, one page at a time when the page is small: the server's paging is followed.
        assertEquals(
                expectedIds,
                rows("select id from stripe.invoice_line_items where invoice = '" + invoice + "'").stream()
                        .map(r -> r.get(0))
                        .toList());
    }

    @Test
    void aJoinFromFewInvoicesFetchesEachOnesLines() throws SQLException {
        List<String> invoices = rows("select id from stripe.invoices limit 3").stream()
                .map(r -> r.get(0))
                .toList();
        requests();
        String sql = "select i.id, l.id from (select * from stripe.invoices limit 3) i"
                + " join stripe.invoice_line_items l on l.invoice = i.id";
        List<List<String>> joined = rows(sql);
        List<String> expected = new ArrayList<>(List.of("GET /v1/invoices?limit=3"));
        int lines = 0;
        for (String invoice : invoices) {
            expected.add("GET /v1/invoices/" + invoice + "/lines?limit=100");
            lines += emulator.object("invoices", invoice)
                    .orElseThrow()
                    .get("lines")
                    .get("data")
                    .size();
        }
        assertEquals(expected, requests());
        assertEquals(lines, joined.size());
        String plan = explain(sql);
        assertTrue(plan.contains("Keyed Join: (l.invoice = i.id)"), plan);
        assertTrue(plan.contains("Request: GET /v1/invoices/<each element of $1>/lines?limit=100"), plan);
    }

    @Test
    void theEmulatorRejectsUnknownParametersAndUnknownParents() throws IOException, InterruptedException {
        String invoice = emulator.objects("invoices").get(0).get("id").stringValue();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unknown = http.send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "invoices/" + invoice + "/lines?status=x"))
                        .header("Authorization", "Bearer " + emulator.apiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("Received unknown parameter: status"), unknown.body());
        HttpResponse<String> missing = http.send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "invoices/in_missing/lines"))
                        .header("Authorization", "Bearer " + emulator.apiKey())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }
}
