package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
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
 * The read path end to end: SQL through DriverManager, the exact requests Stripe receives (MockWebServer),
 * and the rows that come back.
 */
class ReadPathJdbcTest {
    private static final String KEY = "sk_test_readpath_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        Properties listOnly = new Properties();
        // These tests are about the list endpoints: conditions a list cannot take would otherwise be searched.
        listOnly.setProperty("search", "off");
        connection = MockStripe.connect(server, KEY, "read", listOnly);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private void enqueue(int code, String body) {
        MockStripe.enqueue(server, code, body);
    }

    private static String customer(int i) {
        return "{\"id\":\"cus_" + i + "\",\"object\":\"customer\",\"email\":\"c" + i + "@example.com\",\"name\":\"Name "
                + i + "\",\"description\":null,\"created\":" + (1700000000 + i)
                + ",\"livemode\":false,\"metadata\":{}}";
    }

    private static String page(int from, int to, boolean hasMore) {
        StringBuilder data = new StringBuilder();
        for (int i = from; i <= to; i++) {
            data.append(i > from ? "," : "").append(customer(i));
        }
        return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + hasMore + ",\"url\":\"/v1/customers\"}";
    }

    private RecordedRequest take() throws InterruptedException {
        return MockStripe.take(server);
    }

    private List<String> ids(ResultSet rs) throws SQLException {
        List<String> ids = new ArrayList<>();
        while (rs.next()) {
            ids.add(rs.getString("id"));
        }
        return ids;
    }

    @Test
    void idLookupIsOneRetrieveEvenWithOtherConditions() throws Exception {
        enqueue(200, customer(7));
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id, email, created from stripe.customers where id = 'cus_7' "
                        + "and email like 'c%'")) {
            assertTrue(rs.next());
            assertEquals("cus_7", rs.getString(1));
            assertEquals("c7@example.com", rs.getString(2));
            assertEquals(LocalDateTime.of(2023, 11, 14, 22, 13, 27), rs.getObject(3, LocalDateTime.class));
            assertFalse(rs.next());
        }
        RecordedRequest request = take();
        assertEquals("GET", request.getMethod());
        assertEquals("/v1/customers/cus_7", request.getTarget());
        assertEquals("Bearer " + KEY, request.getHeaders().get("Authorization"));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aMissingIdIsNoRow() throws Exception {
        enqueue(
                404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\",\"param\":\"id\","
                        + "\"message\":\"No such customer: 'cus_nope'\"}}");
        try (PreparedStatement p = connection.prepareStatement("select * from stripe.customers where id = ?")) {
            p.setString(1, "cus_nope");
            assertEquals(List.of(), ids(p.executeQuery()));
        }
        assertEquals("/v1/customers/cus_nope", take().getTarget());
    }

    @Test
    void theJsonbKeyExistsOperatorIsWrittenTwiceAsInPgjdbc() throws Exception {
        enqueue(200, page(1, 2, false));
        try (PreparedStatement p = connection.prepareStatement(
                "select id, attrs ?? ? as has_key from stripe.customers where attrs ?? 'email'")) {
            assertEquals(1, p.getParameterMetaData().getParameterCount());
            p.setString(1, "description");
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("cus_1", rs.getString("id"));
                assertTrue(rs.getBoolean("has_key"), "a key holding null exists");
                assertTrue(rs.next());
                assertFalse(rs.next());
            }
        }
        assertEquals("/v1/customers?limit=100", take().getTarget());
        enqueue(200, page(1, 1, false));
        try (PreparedStatement p = connection.prepareStatement("select attrs ?? ? from stripe.customers")) {
            p.setString(1, "phone");
            try (ResultSet rs = p.executeQuery()) {
                assertTrue(rs.next());
                assertFalse(rs.getBoolean(1));
            }
        }
    }

    @Test
    void pushableEqualityBecomesAListParameter() throws Exception {
        enqueue(200, page(1, 1, false));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    List.of("cus_1"),
                    ids(s.executeQuery("select id from stripe.customers where email = 'c1@example.com'")));
        }
        assertEquals("/v1/customers?email=c1%40example.com&limit=100", take().getTarget());
    }

    @Test
    void aThreePageWalkFollowsStartingAfter() throws Exception {
        enqueue(200, page(1, 100, true));
        enqueue(200, page(101, 200, true));
        enqueue(200, page(201, 250, false));
        try (Statement s = connection.createStatement()) {
            List<String> ids = ids(s.executeQuery("select id from stripe.customers"));
            assertEquals(250, ids.size());
            assertEquals("cus_250", ids.get(249));
        }
        assertEquals("/v1/customers?limit=100", take().getTarget());
        assertEquals("/v1/customers?limit=100&starting_after=cus_100", take().getTarget());
        assertEquals("/v1/customers?limit=100&starting_after=cus_200", take().getTarget());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void theFirstRowArrivesBeforeTheSecondPageIsRequested() throws Exception {
        enqueue(200, page(1, 100, true));
        enqueue(200, page(101, 200, false));
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(200);
            ResultSet rs = s.executeQuery("select id from stripe.customers");
            assertTrue(rs.next());
            assertEquals("cus_1", rs.getString(1));
            assertEquals(1, server.getRequestCount(), "only the first page before reading on");
            for (int i = 2; i <= 99; i++) {
                assertTrue(rs.next());
            }
            assertEquals(1, server.getRequestCount());
            assertTrue(rs.next()); // row 100: the last of page 1, no look-ahead into page 2
            assertEquals("cus_100", rs.getString(1));
            assertEquals(1, server.getRequestCount());
            assertTrue(rs.next());
            assertEquals("cus_101", rs.getString(1));
            assertEquals(2, server.getRequestCount());
        }
    }

    @Test
    void aGuaranteedLimitAsksForExactlyThatMany() throws Exception {
        enqueue(200, page(1, 5, true));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    5,
                    ids(s.executeQuery("select * from stripe.customers limit 5"))
                            .size());
        }
        assertEquals("/v1/customers?limit=5", take().getTarget());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void maxRowsIsALimitToo() throws Exception {
        enqueue(200, page(1, 3, true));
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(3);
            assertEquals(
                    3, ids(s.executeQuery("select * from stripe.customers")).size());
        }
        assertEquals("/v1/customers?limit=3", take().getTarget());
    }

    @Test
    void aLimitAboveAResidualFilterPagesUntilSatisfied() throws Exception {
        enqueue(200, page(1, 100, true));
        enqueue(200, page(101, 200, false));
        try (Statement s = connection.createStatement()) {
            // only cus_150..cus_154 match: they are on the second page
            List<String> ids = ids(s.executeQuery("select id from stripe.customers "
                    + "where name in ('Name 150', 'Name 151', 'Name 152', 'Name 153', 'Name 154', "
                    + "'Name 155') limit 5"));
            assertEquals(List.of("cus_150", "cus_151", "cus_152", "cus_153", "cus_154"), ids);
        }
        assertEquals("/v1/customers?limit=100", take().getTarget());
        assertEquals("/v1/customers?limit=100&starting_after=cus_100", take().getTarget());
    }

    @Test
    void aLimitAboveAnOrderByTheListDoesNotAnswerReadsEverythingFirst() throws Exception {
        enqueue(200, page(1, 100, true));
        enqueue(200, page(101, 120, false));
        try (Statement s = connection.createStatement()) {
            List<String> ids = ids(s.executeQuery("select id from stripe.customers order by created limit 2"));
            assertEquals(List.of("cus_1", "cus_2"), ids);
        }
        assertEquals(2, server.getRequestCount());
        assertEquals("/v1/customers?limit=100", take().getTarget());
    }

    /** A page of customers {@code from} down to {@code to}, newest first as Stripe lists them. */
    private static String newestFirst(int from, int to, boolean hasMore) {
        StringBuilder data = new StringBuilder();
        for (int i = from; i >= to; i--) {
            data.append(i < from ? "," : "").append(customer(i));
        }
        return "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + hasMore + ",\"url\":\"/v1/customers\"}";
    }

    @Test
    void orderByCreatedDescWithALimitIsTheFirstRowsOfTheList() throws Exception {
        enqueue(200, newestFirst(120, 119, true));
        try (Statement s = connection.createStatement()) {
            List<String> ids = ids(s.executeQuery("select id from stripe.customers order by created desc limit 2"));
            assertEquals(List.of("cus_120", "cus_119"), ids);
        }
        assertEquals(1, server.getRequestCount());
        assertEquals("/v1/customers?limit=2", take().getTarget());
    }

    @Test
    void aListOutOfTheOrderStripePromisesFailsInsteadOfAnsweringWrongly() throws Exception {
        enqueue(200, page(1, 2, true)); // oldest first: not how Stripe lists
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> ids(s.executeQuery("select id from stripe.customers order by created desc limit 2")));
            assertEquals("HV000", e.getSQLState());
            assertTrue(
                    e.getMessage().contains("stripe.customers returned rows out of the order it promised"),
                    e.getMessage());
        }
        assertEquals("/v1/customers?limit=2", take().getTarget());
    }

    @Test
    void limitZeroSendsNothing() throws Exception {
        try (Statement s = connection.createStatement()) {
            assertEquals(List.of(), ids(s.executeQuery("select * from stripe.customers limit 0")));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void createdRangesArePushed() throws Exception {
        enqueue(200, page(1, 2, false));
        try (Statement s = connection.createStatement()) {
            ids(s.executeQuery("select id from stripe.customers where created >= '2023-11-14 22:13:21' "
                    + "and created < '2023-11-14 22:13:23'"));
        }
        assertEquals("/v1/customers?created[gte]=1700000001&created[lt]=1700000003&limit=100", take().getTarget());
    }

    @Test
    void idsArePathSegmentsThatCannotEscape() throws Exception {
        for (String id : List.of("../balance", "a/b", "x?y=1")) {
            enqueue(404, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"No such customer\"}}");
            try (PreparedStatement p = connection.prepareStatement("select id from stripe.customers where id = ?")) {
                p.setString(1, id);
                assertEquals(List.of(), ids(p.executeQuery()));
            }
            String target = take().getTarget();
            assertTrue(
                    target.startsWith("/v1/customers/")
                            && target.indexOf('/', "/v1/customers/".length()) < 0
                            && !target.contains("?"),
                    target);
        }
    }

    @Test
    void tokensNeedAnIdBeforeAnyRequest() {
        SQLException e = assertThrows(
                SQLException.class, () -> connection.createStatement().executeQuery("select * from stripe.tokens"));
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().contains("WHERE id"), e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void stripeErrorsKeepTheirMessageCodeAndRequestId() throws Exception {
        assertError(400, "invalid_request_error", "22023");
        assertError(401, "invalid_request_error", "28000");
        assertError(402, "card_error", "22000");
        assertError(429, "rate_limit_error", "08000");
        assertError(500, "api_error", "08006");
    }

    private void assertError(int code, String type, String sqlState) throws Exception {
        enqueue(
                code,
                "{\"error\":{\"type\":\"" + type + "\",\"code\":\"code_" + code + "\",\"message\":\"Message " + code
                        + "\"}}");
        SQLException e = assertThrows(
                SQLException.class,
                () -> ids(connection.createStatement().executeQuery("select id from stripe.customers")));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("Message " + code), e.getMessage());
        assertTrue(e.getMessage().contains("req_" + code), e.getMessage());
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        take();
    }

    @Test
    void explainShowsTheRequests() throws Exception {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("explain select id from stripe.customers where email = 'a@b.c'")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
            assertTrue(plan.toString().contains("GET /v1/customers?email=a%40b.c&limit=100"), plan.toString());
            assertFalse(plan.toString().contains(KEY));
        }
        assertEquals(0, server.getRequestCount());
    }
}
