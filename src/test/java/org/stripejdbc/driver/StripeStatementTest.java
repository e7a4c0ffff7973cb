package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Statements against the emulator, the way pgjdbc behaves against PostgreSQL: several statements in one text each
 * give their result in order ({@code getMoreResults}), {@code executeQuery}/{@code executeUpdate} refuse texts whose
 * results do not fit them, and generated keys give every row written, with the columns asked for.
 */
class StripeStatementTest {
    private static StripeEmulator emulator;
    private static String url;
    private Connection connection;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().seed(7).customers(6).start();
        url = "jdbc:stripe:mem:statement-test?api_url=" + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8)
                + "&requests_per_second=0&max_retries=0";
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection(url, "stripe", emulator.apiKey());
        emulator.clearRequestLog();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String customer(int index) {
        return emulator.objects("customers").get(index).get("id").asText();
    }

    private static String description(String id) {
        Json description = emulator.object("customers", id).orElseThrow().get("description");
        return description == null || description.isNull() ? null : description.asText();
    }

    /** Method and path of the writes made since the log was cleared, in order. */
    private static List<String> writes() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : emulator.requestLog()) {
            if (!r.method().equals("GET")) {
                out.add(r.method() + " " + r.path());
            }
        }
        return out;
    }

    @Test
    void severalStatementsGiveTheirResultsInOrder() throws SQLException {
        String a = customer(0);
        String b = customer(1);
        try (Statement statement = connection.createStatement()) {
            assertFalse(statement.execute("update stripe.customers set description = 'first' where id = '" + a + "';"
                    + " select id, description from stripe.customers where id = '" + a + "';"
                    + " update stripe.customers set description = 'second' where id in ('" + a + "', '" + b + "');"
                    + " select 1 as one"));
            assertEquals(
                    List.of("POST /v1/customers/" + a, "POST /v1/customers/" + a, "POST /v1/customers/" + b),
                    writes(),
                    "every statement ran before execute returned");
            assertEquals(1, statement.getUpdateCount());
            assertNull(statement.getResultSet());

            assertTrue(statement.getMoreResults());
            assertEquals(-1, statement.getUpdateCount());
            try (ResultSet rs = statement.getResultSet()) {
                assertTrue(rs.next());
                assertEquals(a, rs.getString("id"));
                assertEquals("first", rs.getString("description"), "read before the next statement ran");
                assertFalse(rs.next());
            }

            assertFalse(statement.getMoreResults());
            assertEquals(2, statement.getUpdateCount());
            assertTrue(statement.getMoreResults());
            ResultSet one = statement.getResultSet();
            assertTrue(one.next());
            assertEquals(1, one.getInt("one"));

            assertFalse(statement.getMoreResults());
            assertEquals(-1, statement.getUpdateCount(), "no more results");
            assertTrue(one.isClosed(), "moving on closes the current result set");
            assertFalse(statement.getMoreResults());
        }
        assertEquals("second", description(a));
        assertEquals("second", description(b));
    }

    @Test
    void queriesAloneAndPreparedTextsWithoutParameters() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertTrue(statement.execute("select 1 as n; select 2 as n"));
            ResultSet first = statement.getResultSet();
            assertTrue(first.next());
            assertEquals(1, first.getInt(1));
            assertTrue(statement.getMoreResults(Statement.KEEP_CURRENT_RESULT));
            ResultSet second = statement.getResultSet();
            assertTrue(second.next());
            assertEquals(2, second.getInt(1));
            assertFalse(first.isClosed(), "KEEP_CURRENT_RESULT keeps it open");
            assertFalse(statement.getMoreResults(Statement.CLOSE_ALL_RESULTS));
            assertTrue(first.isClosed());
            assertTrue(second.isClosed());
            assertEquals(-1, statement.getUpdateCount());
        }
        try (PreparedStatement prepared = connection.prepareStatement("select 'a' as x; select 'b' as x")) {
            for (int run = 0; run < 2; run++) {
                assertTrue(prepared.execute());
                ResultSet rs = prepared.getResultSet();
                assertTrue(rs.next());
                assertEquals("a", rs.getString(1));
                assertTrue(prepared.getMoreResults());
                rs = prepared.getResultSet();
                assertTrue(rs.next());
                assertEquals("b", rs.getString(1));
                assertFalse(prepared.getMoreResults());
            }
        }
        assertFails(
                "42601",
                "cannot insert multiple commands into a prepared statement",
                () -> connection.prepareStatement("select ?; select ?"));
        assertTrue(writes().isEmpty());
    }

    @Test
    void executeQueryAndExecuteUpdateRefuseResultsThatDoNotFit() throws SQLException {
        String a = customer(2);
        try (Statement statement = connection.createStatement()) {
            assertFails(
                    "0100E",
                    "Multiple ResultSets were returned by the query.",
                    () -> statement.executeQuery("select 1; select 2"));
            assertFails(
                    "02000",
                    "No results were returned by the query.",
                    () -> statement.executeQuery("set search_path = stripe"));
            assertFails(
                    "0100E",
                    "A result was returned when none was expected.",
                    () -> statement.executeUpdate("select 1"));
            assertFails(
                    "0100E",
                    "A result was returned when none was expected.",
                    () -> statement.executeUpdate(
                            "update stripe.customers set description = 'ran' where id = '" + a + "'; select 1"));
            assertEquals("ran", description(a), "the statements ran, as with pgjdbc");
            assertEquals(
                    1,
                    statement.executeUpdate("update stripe.customers set description = 'x' where id = '" + a
                            + "'; update stripe.customers set description = 'y' where id = '" + a + "'"));
            assertFalse(statement.getMoreResults());
            assertEquals(1, statement.getUpdateCount(), "the second statement's count");
            assertEquals("y", description(a));
        }
        try (PreparedStatement prepared =
                connection.prepareStatement("update stripe.customers set description = ?" + " where id = ?")) {
            prepared.setString(1, "z");
            prepared.setString(2, a);
            assertFails("02000", "No results were returned by the query.", prepared::executeQuery);
            assertEquals("z", description(a));
        }
    }

    @Test
    void aFailingStatementStopsTheTextAndSaysWhatTookEffect() throws SQLException {
        String a = customer(3);
        try (Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> statement.execute("update stripe.customers set description = 'done' where id = '" + a + "';"
                            + " select * from stripe.nope; update stripe.customers set description = 'never'"
                            + " where id = '" + a + "'"));
            assertEquals("42P01", e.getSQLState());
            assertEquals(
                    "relation \"stripe.nope\" does not exist (statement 2 of 3; the statement before it took "
                            + "effect)",
                    e.getMessage());
        }
        assertEquals("done", description(a));
        assertEquals(List.of("POST /v1/customers/" + a), writes());
    }

    @Test
    void aBatchWithGeneratedKeysGivesOneKeyPerRow() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into stripe.customers (email) values (?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, "batch" + i + "@example.com");
                insert.addBatch();
            }
            assertArrayEquals(new int[] {1, 1, 1}, insert.executeBatch());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getString("id"));
                }
            }
        }
        assertEquals(3, ids.size(), ids.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    "batch" + i + "@example.com",
                    emulator.object("customers", ids.get(i))
                            .orElseThrow()
                            .get("email")
                            .asText());
        }
        assertEquals(List.of("POST /v1/customers", "POST /v1/customers", "POST /v1/customers"), writes());

        try (Statement statement = connection.createStatement()) {
            assertEquals(
                    3,
                    statement.executeUpdate(
                            "insert into stripe.customers (email) values ('m1@example.com'),"
                                    + " ('m2@example.com'), ('m3@example.com')",
                            Statement.RETURN_GENERATED_KEYS));
            ResultSet keys = statement.getGeneratedKeys();
            int n = 0;
            while (keys.next()) {
                n++;
            }
            assertEquals(3, n);
        }
    }

    @Test
    void generatedKeysByNameReturnThoseColumnsOfEveryRow() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into stripe.customers (email) values (?)", new String[] {"id", "created"})) {
            insert.setString(1, "named0@example.com");
            insert.addBatch();
            insert.setString(1, "named1@example.com");
            insert.addBatch();
            assertArrayEquals(new int[] {1, 1}, insert.executeBatch());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                assertEquals(2, keys.getMetaData().getColumnCount());
                assertEquals("created", keys.getMetaData().getColumnLabel(2));
                assertEquals(Types.TIMESTAMP, keys.getMetaData().getColumnType(2));
                for (int i = 0; i < 2; i++) {
                    assertTrue(keys.next());
                    Json created =
                            emulator.object("customers", keys.getString("id")).orElseThrow();
                    assertEquals(
                            "named" + i + "@example.com", created.get("email").asText());
                    assertEquals(
                            Instant.ofEpochSecond(created.get("created").longValue()),
                            keys.getObject("created", OffsetDateTime.class).toInstant());
                }
                assertFalse(keys.next());
            }
            insert.setString(1, "named2@example.com");
            assertEquals(1, insert.executeUpdate());
            ResultSet keys = insert.getGeneratedKeys();
            assertTrue(keys.next());
            assertTrue(keys.getString("id").startsWith("cus_"));
            assertFalse(keys.next(), "only the last execution's keys");
        }
        String a = customer(4);
        try (Statement statement = connection.createStatement()) {
            assertEquals(
                    1,
                    statement.executeUpdate(
                            "update stripe.customers set description = 'keyed' where id = '" + a + "'",
                            new String[] {"id", "description"}));
            ResultSet keys = statement.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals(a, keys.getString(1));
            assertEquals("keyed", keys.getString(2));
            assertFalse(statement.execute(
                    "insert into stripe.customers (email) values ('own@example.com')" + " returning email",
                    new String[] {"id"}));
            assertEquals(1, statement.getUpdateCount());
            keys = statement.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals("own@example.com", keys.getString(1), "its own RETURNING list is kept, as pgjdbc");
            try (ResultSet rs = statement.executeQuery("select 1 as n")) {
                assertTrue(rs.next());
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select 2 as n", new String[] {"id"});
                ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next(), "a query asked for keys is a query");
            assertEquals(2, rs.getInt(1));
        }
        assertFails(
                "0A000",
                "Returning autogenerated keys by column index is not supported: name the columns "
                        + "(new String[] {\"id\"}) or use RETURN_GENERATED_KEYS.",
                () -> connection.prepareStatement(
                        "insert into stripe.customers (email) values ('x@y.z')", new int[] {1}));
        assertFails(
                "42703",
                "column \"nope\" does not exist",
                () -> connection.prepareStatement(
                        "insert into stripe.customers (email) values ('x@y.z')", new String[] {"nope"}));
    }

    @Test
    void jsonBoundAsTypesOtherIsWrittenAsJsonb() throws SQLException {
        String a = customer(5);
        try (PreparedStatement update =
                connection.prepareStatement("update stripe.customers set attrs = ? where id = ?")) {
            update.setObject(1, "{\"metadata\": {\"plan\": \"gold\"}}", Types.OTHER);
            update.setString(2, a);
            assertEquals(1, update.executeUpdate());
        }
        assertEquals(
                "gold",
                emulator.object("customers", a)
                        .orElseThrow()
                        .get("metadata")
                        .get("plan")
                        .asText());
        RecordedRequest post = emulator.requestLog().stream()
                .filter(r -> r.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertEquals("/v1/customers/" + a, post.path());
        assertEquals(List.of(Map.entry("metadata[plan]", "gold")), post.formParameters());
    }

    private static void assertFails(String state, String message, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(state, e.getSQLState(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
