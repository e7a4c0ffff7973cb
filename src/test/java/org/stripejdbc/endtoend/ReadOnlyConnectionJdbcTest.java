package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * {@code Connection.setReadOnly(true)} (DBeaver's read-only connections, HikariCP's {@code readOnly}, Spring's
 * read-only transactions) is enforced: every writing statement fails with SQLSTATE 25006 before any request.
 */
class ReadOnlyConnectionJdbcTest {
    private static EmulatorDatabase database;

    @BeforeAll
    static void start() {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(9).customers(8));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void writesAreRefusedWhileReadOnly() throws SQLException {
        try (Connection connection = database.connect()) {
            String id =
                    database.emulator().objects("customers").get(0).get("id").asText();
            try (PreparedStatement preparedBefore =
                    connection.prepareStatement("update stripe.customers set description = 'x' where id = ?")) {
                connection.setReadOnly(true);
                database.clearRequests();
                preparedBefore.setString(1, id);
                assertEquals(
                        "25006",
                        assertThrows(SQLException.class, preparedBefore::executeUpdate)
                                .getSQLState());
            }
            for (String write : List.of(
                    "insert into stripe.customers (email) values ('ro@example.com')",
                    "insert into stripe.customers (email) values ('ro@example.com') returning id",
                    "delete from stripe.customers where id = '" + id + "'",
                    "create schema other",
                    "import foreign schema stripe from server stripe_server into other",
                    "insert into vault.secrets (name, secret) values ('k', 'sk_test_123')",
                    "select vault.create_secret('sk_test_123', 'k')")) {
                try (Statement statement = connection.createStatement()) {
                    SQLException e = assertThrows(SQLException.class, () -> statement.execute(write), write);
                    assertEquals("25006", e.getSQLState(), write + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rs =
                            statement.executeQuery("select email from stripe.customers where id = '" + id + "'")) {
                assertTrue(rs.next(), "reads still work");
            }
            assertEquals(
                    List.of("GET"),
                    database.requests().stream().map(r -> r.method()).distinct().toList());

            connection.setReadOnly(false);
            try (Statement statement = connection.createStatement()) {
                assertEquals(
                        1, statement.executeUpdate("insert into stripe.customers (email) values ('rw@example.com')"));
            }
        }
    }
}
