package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Running the same text again reuses its parse, its plan and its table's client (no decryption per statement),
 * yet every change to the catalog shows at once: a new vault key, a new server URL, a new search_path.
 */
class RepeatedStatementJdbcTest {
    private static final String KEY = "sk_test_repeated_0123456789abcdef";
    private static final String OTHER_KEY = "sk_test_rotated_0123456789abcdefgh";
    private static final String BY_ID = "select id, email from stripe.customers where id = 'cus_7'";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    @StartStop
    private final MockWebServer otherServer = new MockWebServer();

    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = MockStripe.connect(server, KEY, "repeated");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static String customer(int i) {
        return "{\"id\":\"cus_" + i + "\",\"object\":\"customer\",\"email\":\"c" + i + "@example.com\",\"created\":"
                + (1700000000 + i) + ",\"metadata\":{}}";
    }

    private String email(String sql) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString("email");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static void assertRetrieve(RecordedRequest request, String key) {
        assertEquals("/v1/customers/cus_7", request.getTarget());
        assertEquals("Bearer " + key, request.getHeaders().get("Authorization"));
    }

    @Test
    void aRepeatedQueryFollowsVaultAndServerChanges() throws Exception {
        for (int i = 0; i < 3; i++) {
            MockStripe.enqueue(server, 200, customer(7));
            assertEquals("c7@example.com", email(BY_ID));
            assertRetrieve(MockStripe.take(server), KEY);
        }
        execute("update vault.secrets set secret = '" + OTHER_KEY + "' where name = 'stripe'");
        MockStripe.enqueue(server, 200, customer(7));
        assertEquals("c7@example.com", email(BY_ID));
        assertRetrieve(MockStripe.take(server), OTHER_KEY);

        execute("alter server stripe_server options (set api_url '" + otherServer.url("/v1/") + "')");
        MockStripe.enqueue(otherServer, 200, customer(7));
        assertEquals("c7@example.com", email(BY_ID));
        assertRetrieve(MockStripe.take(otherServer), OTHER_KEY);
        assertEquals(4, server.getRequestCount());
        assertEquals(1, otherServer.getRequestCount());
    }

    @Test
    void aRepeatedUnqualifiedQueryFollowsTheSearchPath() throws Exception {
        String unqualified = "select id, email from customers where id = 'cus_7'";
        MockStripe.enqueue(server, 200, customer(7));
        assertEquals("c7@example.com", email(unqualified));
        execute("set search_path = public");
        SQLException e = assertThrows(SQLException.class, () -> email(unqualified));
        assertEquals("42P01", e.getSQLState(), e.getMessage());
        connection.setSchema("stripe");
        MockStripe.enqueue(server, 200, customer(7));
        assertEquals("c7@example.com", email(unqualified));
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void aDroppedTableFailsTheNextRun() throws Exception {
        MockStripe.enqueue(server, 200, customer(7));
        assertEquals("c7@example.com", email(BY_ID));
        execute("drop foreign table stripe.customers");
        SQLException e = assertThrows(SQLException.class, () -> email(BY_ID));
        assertEquals("42P01", e.getSQLState(), e.getMessage());
        assertEquals(1, server.getRequestCount());
    }
}
