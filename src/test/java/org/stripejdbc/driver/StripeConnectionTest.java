package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A connection says what it really provides: forward-only, read-only result sets (other kinds are downgraded with a
 * warning, and statements report the kind they have), no transactions (a rollback warns once that it undid nothing,
 * the isolation level stays TRANSACTION_NONE), and SQLSTATEs for misuse.
 */
class StripeConnectionTest {
    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        connection = DriverManager.getConnection("jdbc:stripe:mem:connection-test");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static List<String> messages(SQLWarning warning) {
        List<String> out = new ArrayList<>();
        for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
            out.add(w.getSQLState() + " " + w.getMessage());
        }
        return out;
    }

    @Test
    void scrollableOrUpdatableResultSetsAreDowngradedWithAWarning() throws SQLException {
        assertNull(connection.getWarnings());
        try (Statement statement =
                connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_UPDATABLE)) {
            assertEquals(
                    List.of("01000 Stripe results are read once, in order: the result set requested as "
                            + "TYPE_SCROLL_INSENSITIVE, CONCUR_UPDATABLE is TYPE_FORWARD_ONLY, CONCUR_READ_ONLY"),
                    messages(connection.getWarnings()));
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, statement.getResultSetType());
            assertEquals(ResultSet.CONCUR_READ_ONLY, statement.getResultSetConcurrency());
            try (ResultSet rs = statement.executeQuery("select 1 as n")) {
                assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
                assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
                assertTrue(rs.next());
                SQLException last = assertThrows(SQLException.class, rs::last);
                assertEquals("24000", last.getSQLState());
            }
        }
        connection.clearWarnings();
        try (PreparedStatement prepared =
                connection.prepareStatement("select 1", ResultSet.TYPE_SCROLL_SENSITIVE, ResultSet.CONCUR_READ_ONLY)) {
            assertEquals(ResultSet.TYPE_FORWARD_ONLY, prepared.getResultSetType());
            assertEquals(1, messages(connection.getWarnings()).size());
        }
        connection.clearWarnings();
        try (Statement plain = connection.createStatement(
                ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, ResultSet.HOLD_CURSORS_OVER_COMMIT)) {
            assertNull(connection.getWarnings(), "what is provided is accepted without a warning");
        }
        assertFails(
                "22023",
                "Unknown value for ResultSet type: 42.",
                () -> connection.createStatement(42, ResultSet.CONCUR_READ_ONLY));
    }

    @Test
    void aRollbackWarnsOncePerConnectionThatItUndidNothing() throws SQLException {
        assertTrue(connection.getAutoCommit());
        assertFails("25P01", "Cannot rollback when autoCommit is enabled.", connection::rollback);
        assertFails("25P01", "Cannot commit when autoCommit is enabled.", connection::commit);
        connection.setAutoCommit(false);
        connection.commit();
        assertNull(connection.getWarnings(), "a commit loses nothing");
        connection.rollback();
        String warning = "25P01 Stripe has no transactions: rollback() undid nothing, every statement took effect in "
                + "Stripe when it ran";
        assertEquals(List.of(warning), messages(connection.getWarnings()));
        connection.rollback();
        assertEquals(List.of(warning), messages(connection.getWarnings()), "one warning per connection");
        connection.clearWarnings();
        connection.rollback();
        assertNull(connection.getWarnings());
        assertFails("0A000", "Stripe has no transactions: savepoints are not supported", connection::setSavepoint);
    }

    @Test
    void theIsolationLevelIsWhatIsReallyProvided() throws SQLException {
        assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
        assertEquals(Connection.TRANSACTION_NONE, connection.getMetaData().getDefaultTransactionIsolation());
        assertFalse(connection.getMetaData().supportsTransactions());
        connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
        assertEquals(
                List.of("01000 Stripe has no transactions: isolation level SERIALIZABLE is not provided, every "
                        + "statement takes effect in Stripe when it runs (getTransactionIsolation() stays "
                        + "TRANSACTION_NONE)"),
                messages(connection.getWarnings()));
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertEquals(1, messages(connection.getWarnings()).size(), "one warning per connection");
        assertEquals(Connection.TRANSACTION_NONE, connection.getTransactionIsolation());
        assertFails(
                "22023", "Transaction isolation level 3 not supported.", () -> connection.setTransactionIsolation(3));
    }

    @Test
    void aSqlRollbackWarnsThatNothingWasUndone() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("begin");
            assertNull(statement.getWarnings());
            statement.execute("rollback");
            assertEquals(
                    List.of("00000 there is no transaction in progress: Stripe has no transactions, every "
                            + "statement took effect in Stripe when it ran"),
                    messages(statement.getWarnings()));
            statement.execute("commit");
            assertNull(statement.getWarnings());
        }
    }

    @Test
    void aClosedConnectionOrStatementHasASqlState() throws SQLException {
        Statement statement = connection.createStatement();
        statement.close();
        assertFails("55000", "This statement has been closed.", () -> statement.executeQuery("select 1"));
        assertFails(
                "0A000",
                "CallableStatement is not supported: call functions in a select with a " + "PreparedStatement",
                () -> connection.prepareCall("select 1"));
        connection.close();
        assertFails("08003", "This connection has been closed.", connection::createStatement);
        assertFails("08003", "This connection has been closed.", () -> connection.prepareStatement("select 1"));
        assertFails("08003", "This connection has been closed.", connection::getTransactionIsolation);
    }

    private static void assertFails(String state, String message, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(state, e.getSQLState(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
