package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * Search routing through JDBC on MockWebServer: the exact search requests, paging by {@code next_page}, a search
 * that answers more rows than the condition holds for (never a wider result), the {@code search} property and
 * table option, and read-your-writes after an INSERT. The tests that expect a search set
 * {@code search_after_write=0}: another test of the JVM may have written customers within the last minute.
 */
class SearchJdbcTest {
    private static final String KEY = "sk_test_search_0123456789abcdef";
    private static final String SON = "/v1/customers/search?query=name%7E%22son%22&limit=100";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connect(String... properties) throws SQLException {
        Properties extra = new Properties();
        extra.setProperty("scan_parallelism", "1");
        for (int i = 0; i < properties.length; i += 2) {
            extra.setProperty(properties[i], properties[i + 1]);
        }
        return MockStripe.connect(server, KEY, "search", extra);
    }

    private static String customer(String id, String name) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + id + "@example.com\",\"name\":\"" + name
                + "\",\"created\":1700000000,\"livemode\":false,\"metadata\":{\"plan\":\"gold\"}}";
    }

    private void enqueueSearch(boolean hasMore, String nextPage, String... customers) {
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"search_result\",\"url\":\"/v1/customers/search\",\"has_more\":" + hasMore
                        + ",\"next_page\":" + (nextPage == null ? "null" : "\"" + nextPage + "\"") + ",\"data\":["
                        + String.join(",", customers) + "]}");
    }

    private void enqueueList(String... customers) {
        MockStripe.enqueue(
                server,
                200,
                "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":false,\"data\":["
                        + String.join(",", customers) + "]}");
    }

    private static List<String> names(Connection connection, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private List<String> requests() throws InterruptedException {
        List<String> targets = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null) {
            targets.add(request.getMethod() + " " + request.getTarget());
        }
        return targets;
    }

    @Test
    void aLikeIsOneSearchAndTheExtraRowsItReturnsAreDropped() throws Exception {
        try (Connection connection = connect("search_after_write", "0")) {
            // Search is case-insensitive: SONY matches name~"son", but not name like '%son%'.
            enqueueSearch(
                    false,
                    null,
                    customer("cus_1", "Ann Anderson"),
                    customer("cus_2", "SONY Europe"),
                    customer("cus_3", "Mo Jackson"));
            assertEquals(
                    List.of("Ann Anderson", "Mo Jackson"),
                    names(connection, "select name from stripe.customers where name like '%son%' order by name"));
            assertEquals(List.of("GET " + SON), requests());
        }
    }

    @Test
    void pagesFollowNextPageOneAfterTheOther() throws Exception {
        try (Connection connection = connect("search_after_write", "0")) {
            enqueueSearch(true, "page_2", customer("cus_1", "Ann Anderson"));
            enqueueSearch(false, null, customer("cus_2", "Bo Wilson"));
            assertEquals(
                    List.of("Ann Anderson", "Bo Wilson"),
                    names(
                            connection,
                            "select name from stripe.customers where name like '%son%'"
                                    + " and attrs->'metadata'->>'plan' = 'gold'"));
            String query = "/v1/customers/search?query=name%7E%22son%22+AND+metadata%5B%27plan%27%5D%3A%27gold%27";
            assertEquals(List.of("GET " + query + "&limit=100", "GET " + query + "&limit=100&page=page_2"), requests());
        }
    }

    @Test
    void searchOffListsAndTheTableOptionOffWinsOverAlways() throws Exception {
        try (Connection connection = connect("search", "off")) {
            enqueueList(customer("cus_1", "Ann Anderson"), customer("cus_2", "Bo Smith"));
            assertEquals(
                    List.of("Ann Anderson"),
                    names(connection, "select name from stripe.customers where name like '%son%'"));
            assertEquals(List.of("GET /v1/customers?limit=100"), requests());
        }
        try (Connection connection = connect("search", "always")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter foreign table stripe.customers options (add search 'off')");
            }
            enqueueList(customer("cus_1", "Ann Anderson"));
            assertEquals(
                    List.of("Ann Anderson"),
                    names(connection, "select name from stripe.customers where name like '%son%'"));
            assertEquals(List.of("GET /v1/customers?limit=100"), requests());
            SQLException bad = assertThrows(SQLException.class, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("alter foreign table stripe.customers options (set search 'sometimes')");
                }
            });
            assertEquals("22023", bad.getSQLState());
            assertTrue(bad.getMessage().contains("use 'auto', 'off' or 'always'"), bad.getMessage());
        }
    }

    @Test
    void anUnknownSearchModeIsRefusedAtConnect() {
        SQLException bad = assertThrows(
                SQLException.class, () -> connect("search", "sometimes").close());
        assertEquals("22023", bad.getSQLState());
        assertTrue(bad.getMessage().contains("expected auto, off or always"), bad.getMessage());
    }

    /** After an INSERT through this JVM, customers are listed (the search index may not have it yet). */
    @Test
    void aWriteMakesTheNextReadsListUntilSearchAfterWriteHasPassed() throws Exception {
        try (Connection connection = connect()) {
            MockStripe.enqueue(server, 200, customer("cus_9", "New Hanson"));
            try (Statement statement = connection.createStatement()) {
                assertEquals(
                        1,
                        statement.executeUpdate(
                                "insert into stripe.customers (email, name) values ('n@example.com', 'New Hanson')"));
            }
            enqueueList(customer("cus_9", "New Hanson"));
            assertEquals(
                    List.of("New Hanson"),
                    names(connection, "select name from stripe.customers where name like '%son%'"));
            assertEquals(List.of("POST /v1/customers", "GET /v1/customers?limit=100"), requests());
            List<String> plan = names(connection, "explain select name from stripe.customers where name like '%son%'");
            assertTrue(
                    plan.stream()
                            .anyMatch(line -> line.strip()
                                    .startsWith("Search: not used (customers were written through this JVM ")),
                    plan.toString());
        }
        try (Connection connection = connect("search_after_write", "0")) {
            enqueueSearch(false, null, customer("cus_9", "New Hanson"));
            assertEquals(
                    List.of("New Hanson"),
                    names(connection, "select name from stripe.customers where name like '%son%'"));
            assertEquals(List.of("GET " + SON), requests());
        }
    }

    @Test
    void explainShowsTheSearchAndNoKey() throws Exception {
        try (Connection connection = connect("search_after_write", "0")) {
            List<String> plan =
                    names(connection, "explain select name from stripe.customers where name like '%son%'").stream()
                            .map(String::strip)
                            .toList();
            assertTrue(plan.contains("Request: GET " + SON), plan.toString());
            assertTrue(
                    plan.stream().anyMatch(line -> line.startsWith("Search: name~\"son\" (chosen: about 1 page")),
                    plan.toString());
            assertTrue(plan.stream().noneMatch(line -> line.contains(KEY)), plan.toString());
            assertNull(server.takeRequest(100, TimeUnit.MILLISECONDS), "EXPLAIN sends no request");
        }
    }
}
