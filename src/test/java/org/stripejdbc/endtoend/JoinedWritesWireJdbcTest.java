package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.testkit.Rows;

/**
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} on the wire: the exact reads, then the writes in order with
 * their bodies and Idempotency-Keys, each target once; refusals send no write (safe updates: no request at all).
 * Four charges: ch_1 and ch_2 of cus_1 (20000, 15000), ch_3 of cus_2 (30000), ch_4 of cus_3 (500).
 */
class JoinedWritesWireJdbcTest {
    private static final String KEY = "sk_test_joined_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    /** Every request as {@code METHOD target body} (body decoded), with its Idempotency-Key. */
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private Connection connection;

    private static final Map<String, String> CHARGES = Map.of(
            "ch_1", charge("ch_1", "cus_1", 20000),
            "ch_2", charge("ch_2", "cus_1", 15000),
            "ch_3", charge("ch_3", "cus_2", 30000),
            "ch_4", charge("ch_4", "cus_3", 500));

    private static String charge(String id, String customer, long amount) {
        return "{\"id\":\"" + id + "\",\"object\":\"charge\",\"amount\":" + amount + ",\"currency\":\"usd\","
                + "\"customer\":\"" + customer + "\",\"created\":1700000000,\"status\":\"succeeded\"}";
    }

    private static String customer(String id, String description) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + id + "@example.com\","
                + "\"description\":" + (description == null ? "null" : "\"" + description + "\"")
                + ",\"created\":1700000000,\"metadata\":{}}";
    }

    @BeforeEach
    void connect() throws SQLException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null
                        ? ""
                        : URLDecoder.decode(request.getBody().utf8(), StandardCharsets.UTF_8);
                log.add((request.getMethod() + " " + request.getTarget() + " " + body).trim());
                String key = request.getHeaders().get("Idempotency-Key");
                if (key != null) {
                    keys.add(key);
                }
                List<String> path = request.getUrl().pathSegments();
                if (path.get(1).equals("charges")) {
                    if (path.size() == 3) {
                        return answer(CHARGES.get(path.get(2)));
                    }
                    return answer("{\"object\":\"list\",\"has_more\":false,\"data\":[" + CHARGES.get("ch_1") + ","
                            + CHARGES.get("ch_2") + "," + CHARGES.get("ch_3") + "," + CHARGES.get("ch_4") + "]}");
                }
                String id = path.get(2);
                return switch (request.getMethod()) {
                    case "DELETE" -> answer("{\"id\":\"" + id + "\",\"object\":\"customer\",\"deleted\":true}");
                    case "POST" -> answer(customer(id, body.replace("description=", "")));
                    default -> answer(customer(id, null));
                };
            }
        });
        Properties properties = new Properties();
        properties.setProperty("scan_parallelism", "1");
        // The wire asserted here is the list's: ch.amount > 10000 would otherwise go to /v1/charges/search.
        properties.setProperty("search", "off");
        connection = MockStripe.connect(server, KEY, "joined-wire", properties);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static MockResponse answer(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_1")
                .body(body)
                .build();
    }

    private List<List<String>> rows(String sql) throws SQLException {
        return Rows.text(connection, sql);
    }

    @Test
    void oneChargeRetrievesItThenItsCustomerThenPostsOnce() throws SQLException {
        assertEquals(
                List.of(List.of("cus_2", "vip 30000", "30000", "usd")),
                rows("update stripe.customers c set description = 'vip ' || ch.amount from stripe.charges ch "
                        + "where ch.customer = c.id and ch.id = 'ch_3' returning c.id, c.description, ch.amount, "
                        + "ch.currency"));
        assertEquals(
                List.of(
                        "GET /v1/charges/ch_3",
                        "GET /v1/customers/cus_2",
                        "POST /v1/customers/cus_2 description=vip 30000"),
                log);
        assertEquals(1, keys.size());
    }

    @Test
    void aPreparedJoinedUpdateBindsItsParametersInSetAndWhere() throws SQLException {
        try (PreparedStatement p = connection.prepareStatement("update stripe.customers c set description = ? || "
                + "ch.currency from stripe.charges ch where ch.customer = c.id and ch.id = ?")) {
            p.setString(1, "paid in ");
            p.setString(2, "ch_3");
            assertEquals(1, p.executeUpdate());
            p.setString(1, "again in ");
            p.setString(2, "ch_4");
            assertEquals(1, p.executeUpdate());
        }
        assertEquals(
                List.of(
                        "GET /v1/charges/ch_3",
                        "GET /v1/customers/cus_2",
                        "POST /v1/customers/cus_2 description=paid in usd",
                        "GET /v1/charges/ch_4",
                        "GET /v1/customers/cus_3",
                        "POST /v1/customers/cus_3 description=again in usd"),
                log);
    }

    @Test
    void bigChargesReadEveryPageAndTheirCustomersThenWriteEachCustomerOnceInJoinOrder() throws SQLException {
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    2,
                    s.executeUpdate("update stripe.customers c set description = 'big' from stripe.charges ch "
                            + "where ch.customer = c.id and ch.amount > 10000"));
            assertEquals("updated customers cus_1", s.getWarnings().getMessage());
        }
        assertEquals("GET /v1/charges?limit=100", log.get(0));
        // The customers by key (two retrieves, in parallel: any order), never a list of every customer.
        assertEquals(
                new TreeSet<>(List.of("GET /v1/customers/cus_1", "GET /v1/customers/cus_2")),
                new TreeSet<>(log.subList(1, 3)));
        assertEquals(
                List.of("POST /v1/customers/cus_1 description=big", "POST /v1/customers/cus_2 description=big"),
                log.subList(3, log.size()));
        assertEquals(2, new HashSet<>(keys).size());
    }

    @Test
    void deleteUsingDeletesEachTargetOnceAndReturnsItsFirstJoinRow() throws SQLException {
        assertEquals(
                List.of(List.of("cus_1", "ch_1", "20000"), List.of("cus_2", "ch_3", "30000")),
                rows("delete from stripe.customers c using stripe.charges ch "
                        + "where ch.customer = c.id and ch.amount > 10000 returning c.id, ch.id, ch.amount"));
        assertEquals(List.of("DELETE /v1/customers/cus_1", "DELETE /v1/customers/cus_2"), log.subList(3, log.size()));
        assertEquals(List.of(), keys);
    }

    @Test
    void aTargetWhoseMatchesDisagreeIsRefusedAfterTheReadAndNothingIsWritten() {
        SQLException e = assertThrows(
                SQLException.class,
                () -> rows("update stripe.customers c set description = ch.id from stripe.charges ch "
                        + "where ch.customer = c.id and ch.amount > 10000 returning c.id"));
        assertEquals("21000", e.getSQLState());
        assertTrue(e.getMessage().contains("the row cus_1 joins at least 2 rows of FROM"), e.getMessage());
        assertTrue(e.getMessage().contains("\"description\""), e.getMessage());
        assertNotNull(log.get(0));
        assertTrue(log.stream().allMatch(r -> r.startsWith("GET ")), log.toString());
        assertEquals(List.of(), keys);
    }

    @Test
    void safeUpdatesRefuseACrossProductBeforeAnyRequestAndEXPLAINNeverWrites() throws SQLException {
        SQLException e = assertThrows(
                SQLException.class,
                () -> rows("delete from stripe.customers c using stripe.charges ch where ch.amount > 10000 "
                        + "returning c.id"));
        assertEquals("42501", e.getSQLState());
        SQLException analyze = assertThrows(
                SQLException.class,
                () -> rows("explain analyze update stripe.customers c set description = 'big' "
                        + "from stripe.charges ch where ch.customer = c.id"));
        assertEquals("0A000", analyze.getSQLState());
        assertEquals(List.of(), log);

        List<String> plan = new ArrayList<>();
        for (List<String> row : rows("explain update stripe.customers c set description = 'big' "
                + "from stripe.charges ch where ch.customer = c.id and ch.amount > 10000")) {
            plan.add(row.get(0));
        }
        assertEquals(
                List.of(
                        "Update on stripe.customers (dry run: the rows were read, nothing was written)",
                        "  Guards: safe_updates on, max_write_rows 1,000",
                        "  Rows to update: 2",
                        "  Join rows read: 3, target rows: 2 (each written once): cus_1, cus_2",
                        "  Write requests: 2, one per row, in this order, each with its own Idempotency-Key:",
                        "    POST /v1/customers/cus_1  description=big",
                        "    POST /v1/customers/cus_2  description=big",
                        "  Read: every row, to the end, before the first write:"),
                plan.subList(0, 8));
        assertTrue(String.join("\n", plan).contains("Keyed Join: (ch.customer = c.id)"), plan.toString());
        assertTrue(log.stream().allMatch(r -> r.startsWith("GET ")), log.toString());
        assertNotEquals(0, log.size());
    }
}
