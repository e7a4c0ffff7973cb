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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDBC cursor requests a Stripe page only when the caller asks for a row on it: reading the last row of a
 * page, then closing, never requests the next page (a client such as DBeaver reads its fetch size and stops).
 * The walks here are sequential ({@code scan_parallelism=1}), so every request is the caller's; the last test
 * shows that a parallel scan, too, starts no walker before row 101 is asked for.
 */
class CursorPagingJdbcTest {
    private static final String KEY = "sk_test_cursor_0123456789abcdef";
    private static final String PAGE_1 = "/v1/customers?limit=100";
    private static final String PAGE_2 = "/v1/customers?limit=100&starting_after=cus_100";
    private static final String PAGE_3 = "/v1/customers?limit=100&starting_after=cus_200";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        Properties sequential = new Properties();
        sequential.setProperty("scan_parallelism", "1");
        // These tests are about the list's pages: a LIKE would otherwise go to the search endpoint.
        sequential.setProperty("search", "off");
        connection = MockStripe.connect(server, KEY, "cursor", sequential);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String customer(int i) {
        return "{\"id\":\"cus_" + i + "\",\"object\":\"customer\",\"email\":\"c" + i + "@example.com\",\"name\":\"Name "
                + i + "\",\"created\":" + (1700000000 + i) + ",\"livemode\":false,\"metadata\":{}}";
    }

    private void enqueuePage(int from, int to, boolean hasMore) {
        StringBuilder data = new StringBuilder();
        for (int i = from; i <= to; i++) {
            data.append(i > from ? "," : "").append(customer(i));
        }
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"data\":[" + data + "],\"has_more\":" + hasMore + ",\"url\":\"/v1/customers\"}");
    }

    /** Reads exactly {@code count} rows (each must exist) and returns their ids. */
    private static List<String> read(ResultSet rs, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertTrue(rs.next(), "row " + (i + 1));
            ids.add(rs.getString("id"));
        }
        return ids;
    }

    private static List<String> ids(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            ids.add("cus_" + i);
        }
        return ids;
    }

    private List<String> requests() throws InterruptedException {
        List<String> targets = new ArrayList<>();
        int count = server.getRequestCount();
        for (int i = 0; i < count; i++) {
            targets.add(MockStripe.take(server).getTarget());
        }
        return targets;
    }

    @Test
    void readingAllRowsOfTheFirstPageRequestsOnlyThatPage() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, false);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertEquals(ids(1, 100), read(rs, 100));
            assertEquals(1, server.getRequestCount(), "row 100 is on page 1");
        }
        assertEquals(List.of(PAGE_1), requests());
    }

    @Test
    void rowOneHundredAndOneRequestsTheSecondPage() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, false);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            List<String> read = read(rs, 101);
            assertEquals(ids(1, 101), read);
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests());
    }

    @Test
    void isLastReadsTheNextRowOnlyWhenAsked() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 150, false);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertFalse(rs.isLast(), "before the first row");
            assertEquals(ids(1, 99), read(rs, 99));
            assertFalse(rs.isLast(), "row 100 is still on page 1");
            assertEquals(1, server.getRequestCount());
            assertEquals(ids(100, 100), read(rs, 1));
            assertEquals(1, server.getRequestCount(), "next() alone never reads ahead");
            assertFalse(rs.isLast(), "row 101 follows, on page 2");
            assertEquals(2, server.getRequestCount(), "isLast() on row 100 asks for page 2");
            assertEquals("cus_100", rs.getString("id"), "the row read ahead is not the current one");
            assertEquals(ids(101, 150), read(rs, 50));
            assertTrue(rs.isLast());
            assertTrue(rs.isLast(), "asking again reads nothing more");
            assertFalse(rs.next());
            assertFalse(rs.isLast(), "after the last row");
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests());
    }

    @Test
    void isLastOfAnEmptyResultIsFalse() throws Exception {
        MockStripe.enqueue(
                server, 200, "{\"object\":\"list\",\"data\":[],\"has_more\":false,\"url\":\"/v1/customers\"}");
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertFalse(rs.isLast());
            assertFalse(rs.next());
            assertFalse(rs.isLast());
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select 1 union all select 2")) {
            assertTrue(rs.next());
            assertFalse(rs.isLast());
            assertTrue(rs.next());
            assertTrue(rs.isLast());
        }
    }

    @Test
    void aFetchSizeOfTwoHundredReadOverThreePagesRequestsTwo() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, true);
        enqueuePage(201, 300, false);
        try (Statement s = connection.createStatement()) {
            s.setFetchSize(200);
            try (ResultSet rs = s.executeQuery("select id from stripe.customers")) {
                assertEquals(ids(1, 200), read(rs, 200));
            }
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests());
    }

    @Test
    void aPreparedStatementReadsNoFurtherThanAsked() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, false);
        try (PreparedStatement p = connection.prepareStatement("select id from stripe.customers where name like ?")) {
            p.setFetchSize(200);
            p.setString(1, "Name %");
            try (ResultSet rs = p.executeQuery()) {
                assertEquals(ids(1, 100), read(rs, 100));
            }
        }
        assertEquals(List.of(PAGE_1), requests());
    }

    @Test
    void maxRowsOfOneHundredIsOneRequest() throws Exception {
        enqueuePage(1, 100, true);
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(100);
            try (ResultSet rs = s.executeQuery("select id from stripe.customers")) {
                assertEquals(ids(1, 100), read(rs, 100));
                assertFalse(rs.next(), "maxRows ends the result");
                assertTrue(rs.isAfterLast());
            }
        }
        assertEquals(List.of(PAGE_1), requests());
    }

    @Test
    void aLimitIsUnaffected() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 150, true);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers limit 150")) {
            assertEquals(ids(1, 150), read(rs, 150));
            assertFalse(rs.next());
        }
        assertEquals(List.of(PAGE_1, "/v1/customers?limit=50&starting_after=cus_100"), requests());
    }

    @Test
    void theTrueEndIsSeenAfterTheLastPage() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 120, false);
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertEquals(ids(1, 120), read(rs, 120));
            assertFalse(rs.isAfterLast());
            assertFalse(rs.next());
            assertTrue(rs.isAfterLast());
            assertFalse(rs.next());
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests());
    }

    @Test
    void aFailingNextPageKeepsItsSqlState() throws Exception {
        enqueuePage(1, 100, true);
        MockStripe.enqueue(
                server, 401, "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"Invalid API Key\"}}");
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertEquals(ids(1, 100), read(rs, 100));
            SQLException e = assertThrows(SQLException.class, rs::next);
            assertEquals("28000", e.getSQLState(), e.getMessage());
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests());
    }

    @Test
    void aParallelScanRequestsNothingBeyondTheFirstPageUntilRowOneHundredAndOneIsAsked() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, false);
        try (Connection parallel = MockStripe.connect(server, KEY, "cursor-parallel");
                Statement s = parallel.createStatement()) {
            s.setFetchSize(200);
            try (ResultSet rs = s.executeQuery("select id from stripe.customers")) {
                assertEquals(ids(1, 100), read(rs, 100));
            }
        }
        assertEquals(List.of(PAGE_1), requests());
    }

    @Test
    void anIdeReadingTwoHundredRowsWithParallelScansOnMakesTwoRequests() throws Exception {
        enqueuePage(1, 100, true);
        enqueuePage(101, 200, true);
        enqueuePage(201, 300, false);
        try (Connection parallel = MockStripe.connect(server, KEY, "cursor-parallel-ide");
                Statement s = parallel.createStatement()) {
            s.setFetchSize(200);
            try (ResultSet rs = s.executeQuery("select id from stripe.customers")) {
                assertEquals(ids(1, 200), read(rs, 200));
            }
        }
        assertEquals(List.of(PAGE_1, PAGE_2), requests(), "no slice walker before the reader wants page 3");
    }

    @Test
    void aReaderGoingOnGetsEveryPageOnceInOrderWithTheLaterOnesReadAhead() throws Exception {
        for (int page = 0; page < 5; page++) {
            enqueuePage(page * 100 + 1, page * 100 + 100, page < 4);
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers")) {
            assertEquals(ids(1, 500), read(rs, 500));
            assertFalse(rs.next());
        }
        assertEquals(
                List.of(
                        PAGE_1,
                        PAGE_2,
                        PAGE_3,
                        "/v1/customers?limit=100&starting_after=cus_300",
                        "/v1/customers?limit=100&starting_after=cus_400"),
                requests());
    }
}
