package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Connection properties are checked when the connection opens, through DriverManager (no Stripe needed). */
class ConnectionPropertiesJdbcTest {

    private static String url(String query) {
        return "jdbc:stripe:mem:props-" + UUID.randomUUID() + "?" + query;
    }

    @Test
    void aMisspeltPropertyGetsAWarningNamingTheClosestOne() throws SQLException {
        try (Connection c = DriverManager.getConnection(url("read_timout=30"))) {
            SQLWarning w = c.getWarnings();
            assertEquals("unknown connection property read_timout ignored: did you mean read_timeout?", w.getMessage());
            assertEquals("01000", w.getSQLState());
            assertNull(w.getNextWarning());
        }
    }

    @Test
    void anInvalidValueFailsAtConnectNotAtTheFirstQuery() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url("read_timeout=abc")));
        assertEquals("22023", e.getSQLState());
        assertEquals("invalid value for connection property read_timeout: \"abc\" (expected seconds)", e.getMessage());
        Properties p = new Properties();
        p.setProperty("progress", "sometimes");
        e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url(""), p));
        assertEquals("22023", e.getSQLState());
    }

    @Test
    void unknownNamesAndAvaticasOwnAreAcceptedWithoutWarning() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "spark");
        p.setProperty("numPartitions", "4");
        p.setProperty("timeZone", "UTC");
        p.setProperty("fetchSize", "50");
        try (Connection c = DriverManager.getConnection(url("schema=stripe"), p)) {
            assertNull(c.getWarnings());
        }
    }
}
