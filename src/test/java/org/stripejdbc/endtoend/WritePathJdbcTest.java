package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** INSERT, UPDATE, DELETE and RETURNING through JDBC: the exact requests and what JDBC reports. */
class WritePathJdbcTest {
    private static final String KEY = "sk_test_writepath_0123456789abcdef";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = MockStripe.connect(server, KEY, "write");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private void enqueue(int code, String body) {
        MockStripe.enqueue(server, code, body);
    }

    private static String customer(String id, String email) {
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"email\":\"" + email + "\",\"name\":null,"
                + "\"description\":null,\"created\":1700000000,\"metadata\":{}}";
    }

    private RecordedRequest take() throws InterruptedException {
        return MockStripe.take(server);
    }

    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "" : request.getBody().utf8();
    }

    @Test
    void multiRowInsertPostsEachRowWithItsOwnIdempotencyKey() throws Exception {
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(200, customer("cus_2", "d@e.f"));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    2,
                    s.executeUpdate(
                            "insert into stripe.customers (email, name, attrs) values "
                                    + "('a@b.c', 'A', '{\"metadata\":{\"plan\":\"gold\"}}'), ('d@e.f', null, null)",
                            Statement.RETURN_GENERATED_KEYS));
            ResultSet keys = s.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals("cus_1", keys.getString(1));
            assertTrue(keys.next());
            assertEquals("cus_2", keys.getString(1));
            assertEquals("inserted customers cus_1", s.getWarnings().getMessage());
            assertEquals(
                    "inserted customers cus_2", s.getWarnings().getNextWarning().getMessage());
            // The same chain on every call: tools (sqlline) print each warning object they have not seen.
            assertSame(s.getWarnings(), s.getWarnings());
            assertSame(s.getWarnings().getNextWarning(), s.getWarnings().getNextWarning());
        }
        RecordedRequest first = take();
        assertEquals("POST", first.getMethod());
        assertEquals("/v1/customers", first.getTarget());
        assertEquals(
                "email=a%40b.c&name=A&metadata[plan]=gold",
                body(first).replace("%5B", "[").replace("%5D", "]"));
        RecordedRequest second = take();
        assertEquals("email=d%40e.f", body(second));
        assertNotNull(first.getHeaders().get("Idempotency-Key"));
        assertNotEquals(
                first.getHeaders().get("Idempotency-Key"), second.getHeaders().get("Idempotency-Key"));
    }

    @Test
    void returningGivesTheApiAnswerAsRows() throws Exception {
        enqueue(200, customer("cus_9", "x@y.z"));
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("insert into stripe.customers (email) values ('x@y.z') "
                        + "returning id, email, created, attrs->>'object' as kind")) {
            assertTrue(rs.next());
            assertEquals("cus_9", rs.getString("id"));
            assertEquals("x@y.z", rs.getString("email"));
            assertEquals("2023-11-14 22:13:20", rs.getString("created"));
            assertEquals("customer", rs.getString("kind"));
        }
    }

    @Test
    void updateAndDeleteByIdMakeExactlyOneRequest() throws Exception {
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(200, "{\"id\":\"cus_1\",\"object\":\"customer\",\"deleted\":true}");
        try (PreparedStatement update =
                connection.prepareStatement("update stripe.customers set description = ?, name = null where id = ?")) {
            update.setString(1, "hello fdw");
            update.setString(2, "cus_1");
            assertEquals(1, update.executeUpdate());
        }
        RecordedRequest post = take();
        assertEquals("/v1/customers/cus_1", post.getTarget());
        assertEquals("description=hello+fdw&name=", body(post));
        try (Statement s = connection.createStatement()) {
            assertEquals(1, s.executeUpdate("delete from stripe.customers where id = 'cus_1'"));
        }
        RecordedRequest delete = take();
        assertEquals("DELETE", delete.getMethod());
        assertEquals("/v1/customers/cus_1", delete.getTarget());
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aMissingRowIsZeroRowsAffected() throws Exception {
        enqueue(
                404,
                "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                        + "\"message\":\"No such customer: 'cus_x'\"}}");
        try (Statement s = connection.createStatement()) {
            assertEquals(0, s.executeUpdate("delete from stripe.customers where id = 'cus_x'"));
        }
    }

    @Test
    void otherConditionsScanThenWriteEachMatchingRow() throws Exception {
        enqueue(
                200,
                "{\"object\":\"list\",\"data\":[" + customer("cus_1", "a@b.c") + "," + customer("cus_2", "a@b.c")
                        + "],\"has_more\":false}");
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(200, customer("cus_2", "a@b.c"));
        try (Statement s = connection.createStatement()) {
            assertEquals(2, s.executeUpdate("update stripe.customers set description = 'x' where email = 'a@b.c'"));
        }
        assertEquals("/v1/customers?email=a%40b.c&limit=100", take().getTarget());
        assertEquals("/v1/customers/cus_1", take().getTarget());
        assertEquals("/v1/customers/cus_2", take().getTarget());
    }

    @Test
    void insertSelectPostsOneRowPerSourceRow() throws Exception {
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(200, customer("cus_2", "a@b.c"));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    1,
                    s.executeUpdate("insert into stripe.customers (email, description) "
                            + "select email, 'copy of ' || id from stripe.customers where id = 'cus_1'"));
        }
        assertEquals("/v1/customers/cus_1", take().getTarget());
        RecordedRequest post = take();
        assertEquals("POST", post.getMethod());
        assertEquals("email=a%40b.c&description=copy+of+cus_1", body(post));
    }

    @Test
    void setExpressionsReadingTheRowAreComputedPerRow() throws Exception {
        enqueue(
                200,
                "{\"object\":\"list\",\"data\":[" + customer("cus_1", "a@b.c") + "," + customer("cus_2", "x@y.z")
                        + "],\"has_more\":false}");
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(200, customer("cus_2", "x@y.z"));
        try (Statement s = connection.createStatement()) {
            assertEquals(
                    2,
                    s.executeUpdate("update stripe.customers set description = upper(email) "
                            + "where created > '2023-01-01'"));
        }
        assertEquals("/v1/customers?created[gt]=1672531200&limit=100", take().getTarget());
        RecordedRequest first = take();
        assertEquals("/v1/customers/cus_1", first.getTarget());
        assertEquals("description=A%40B.C", body(first));
        assertEquals("description=X%40Y.Z", body(take()));
    }

    @Test
    void aRowReadingUpdateFailingHalfWaySaysWhichRowFailedAndWhatWasApplied() throws Exception {
        enqueue(
                200,
                "{\"object\":\"list\",\"data\":[" + customer("cus_1", "a@b.c") + "," + customer("cus_2", "x@y.z") + ","
                        + customer("cus_3", "q@r.s") + "],\"has_more\":false}");
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(
                400,
                "{\"error\":{\"type\":\"invalid_request_error\",\"param\":\"description\","
                        + "\"message\":\"Invalid description\"}}");
        try (Statement s = connection.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(
                            "update stripe.customers set description = upper(email) where created > '2023-01-01'"));
            assertEquals("22023", e.getSQLState());
            assertTrue(
                    e.getMessage()
                            .startsWith("UPDATE of stripe.customers failed at row 2 of 3 after 1 row was applied"
                                    + " (cus_1): "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Invalid description"), e.getMessage());
        }
        assertEquals("/v1/customers?created[gt]=1672531200&limit=100", take().getTarget());
        assertEquals("/v1/customers/cus_1", take().getTarget());
        assertEquals("/v1/customers/cus_2", take().getTarget());
        assertEquals(3, server.getRequestCount(), "no request for the third row");
    }

    @Test
    void batchesStopAtTheFailingRowAndSayWhatWasApplied() throws Exception {
        enqueue(200, customer("cus_1", "a@b.c"));
        enqueue(
                400,
                "{\"error\":{\"type\":\"invalid_request_error\",\"param\":\"email\",\"message\":\"Invalid email\"}}");
        try (PreparedStatement insert =
                connection.prepareStatement("insert into stripe.customers (email) values (?)")) {
            insert.setString(1, "a@b.c");
            insert.addBatch();
            insert.setString(1, "bad");
            insert.addBatch();
            insert.setString(1, "never@sent.com");
            insert.addBatch();
            BatchUpdateException e = assertThrows(BatchUpdateException.class, insert::executeBatch);
            assertArrayEquals(new int[] {1}, e.getUpdateCounts());
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains("Invalid email"), e.getMessage());
        }
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aTableWithoutRowidColumnRejectsWritesBeforeAnyRequest() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("create foreign table stripe.customers_ro (id text, email text) server stripe_server "
                    + "options (object 'customers')");
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("insert into stripe.customers_ro (email) values ('a@b.c')"));
            assertEquals("HV00J", e.getSQLState());
            assertTrue(e.getMessage().contains("rowid_column"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }
}
