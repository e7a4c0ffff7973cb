package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * UPDATE and DELETE over several pages against a fake that, as Stripe, rejects a {@code starting_after} naming a
 * deleted object: the statement reads every page first, then writes every matching row, in order. Before this, a
 * DELETE listed and deleted in one pass and failed half-way with {@code No such customer ... (param starting_after)}.
 */
@Tag("slow")
class CollectThenWriteJdbcTest {
    private static final String KEY = "sk_test_collect_0123456789abcdef";
    private static final String PAGE_1 = "GET /v1/customers?limit=100";
    private static final String PAGE_2 = "GET /v1/customers?limit=100&starting_after=cus_0100";
    private static final String PAGE_3 = "GET /v1/customers?limit=100&starting_after=cus_0200";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final FakeCustomerApi api = new FakeCustomerApi(250);
    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        server.setDispatcher(api);
        connection = connect(new Properties());
    }

    private Connection connect(Properties extra) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("scan_parallelism", "1"); // one walk, so the request order is exact
        properties.putAll(extra);
        return MockStripe.connect(server, KEY, "collect", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static List<String> writes(String method, List<String> ids, String path) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(method + " " + path + id);
        }
        return out;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> out = new ArrayList<>(first);
        out.addAll(second);
        return out;
    }

    @Test
    void theFakeRejectsTheCursorOfADeletedObjectAsStripeDoes() throws Exception {
        try (Statement s = connection.createStatement()) {
            assertEquals(1, s.executeUpdate("delete from stripe.customers where id = 'cus_0100'"));
        }
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(server.url("/v1/customers?limit=100&starting_after=cus_0100")
                                        .toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, page.statusCode());
        assertTrue(
                page.body().contains("No such customer: 'cus_0100'")
                        && page.body().contains("starting_after"),
                page.body());
    }

    @Test
    void aMultiPageDeleteReadsEveryPageThenDeletesEveryMatchingRow() throws Exception {
        List<String> anna = api.idsNamed("Anna");
        assertEquals(84, anna.size());
        try (Statement s = connection.createStatement()) {
            assertEquals(84, s.executeUpdate("delete from stripe.customers where name like 'Anna%'"));
        }
        assertEquals(concat(List.of(PAGE_1, PAGE_2, PAGE_3), writes("DELETE", anna, "/v1/customers/")), api.log());
        assertEquals(List.of(), api.idsNamed("Anna"));
        assertEquals(166, api.size());
    }

    @Test
    void aMultiPageUpdateReadsEveryPageThenUpdatesEveryMatchingRow() throws Exception {
        List<String> carla = api.idsNamed("Carla");
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    carla.size(),
                    s.executeUpdate("update stripe.customers set description = 'x' where name like 'Carla%'"));
        }
        assertEquals(concat(List.of(PAGE_1, PAGE_2, PAGE_3), writes("POST", carla, "/v1/customers/")), api.log());
        for (String id : carla) {
            assertEquals("x", api.description(id));
        }
        assertEquals(null, api.description(api.idsNamed("Bob").get(0)));
    }

    @Test
    void anUpdateWhoseSetReadsTheRowCollectsTheNewValuesFirst() throws Exception {
        List<String> bob = api.idsNamed("Bob");
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    bob.size(),
                    s.executeUpdate("update stripe.customers set description = upper(name) where name like 'Bob%'"));
        }
        assertEquals(concat(List.of(PAGE_1, PAGE_2, PAGE_3), writes("POST", bob, "/v1/customers/")), api.log());
        assertEquals("BOB 2", api.description("cus_0002"));
        assertEquals("BOB 248", api.description("cus_0248"));
    }

    @Test
    void aFailureWhileReadingWritesNothing() throws Exception {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                if (request.getTarget().contains("starting_after=cus_0200")) {
                    // Answered here, so the fake's log does not show it.
                    return new MockResponse.Builder()
                            .code(400)
                            .addHeader("Content-Type", "application/json")
                            .addHeader("Request-Id", "req_read")
                            .body("{\"error\":{\"type\":\"invalid_request_error\","
                                    + "\"message\":\"Something went wrong\"}}")
                            .build();
                }
                return api.dispatch(request);
            }
        });
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class, () -> s.executeUpdate("delete from stripe.customers where name like 'Anna%'"));
            assertEquals("22023", e.getSQLState());
            assertTrue(
                    e.getMessage()
                            .startsWith("DELETE from stripe.customers: reading the rows to delete failed, so "
                                    + "nothing was written: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Something went wrong"), e.getMessage());
        }
        assertEquals(List.of(PAGE_1, PAGE_2), api.log());
        assertEquals(250, api.size());
    }

    @Test
    void setMaxRowsLimitsResultSetsNotTheRowsWritten() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(10);
            assertEquals(84, s.executeUpdate("delete from stripe.customers where name like 'Anna%'"));
        }
        assertEquals(166, api.size());
    }

    @Test
    void aStatementOverTheRowCapIsRefusedAfterItsReadBeforeAnyWrite() throws Exception {
        Properties cap = new Properties();
        cap.setProperty("max_write_rows", "80");
        try (Connection capped = connect(cap);
                Statement s = capped.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class, () -> s.executeUpdate("delete from stripe.customers where name like 'Anna%'"));
            assertEquals("54000", e.getSQLState());
            assertEquals(
                    "DELETE from stripe.customers would delete 84 rows, more than max_write_rows (80); refused "
                            + "before any write. Narrow the statement, or raise the cap with SET "
                            + "stripe.max_write_rows = 84 "
                            + "(this session; 0 = no cap) or the connection property max_write_rows",
                    e.getMessage());
            assertEquals(List.of(PAGE_1, PAGE_2, PAGE_3), api.log());

            s.execute("set stripe.max_write_rows = 84");
            assertEquals(84, s.executeUpdate("delete from stripe.customers where name like 'Anna%'"));
        }
        assertEquals(166, api.size());
    }
}
