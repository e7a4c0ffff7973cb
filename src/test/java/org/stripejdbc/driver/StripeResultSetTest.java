package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/**
 * The timestamp a result set hands out is exactly {@code Timestamp.valueOf} of the wall clock, in any JVM zone; its
 * text keeps the fraction; text columns read as timestamps as pgjdbc reads them.
 */
class StripeResultSetTest {
    private static final List<LocalDateTime> WALL_CLOCKS = List.of(
            LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(2023, 11, 14, 22, 13, 20),
            LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_789),
            LocalDateTime.of(2024, 3, 10, 2, 30),   // a gap in New York
            LocalDateTime.of(2024, 11, 3, 1, 30),   // an overlap in New York
            LocalDateTime.of(2038, 1, 19, 3, 14, 8),
            LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000),
            LocalDateTime.of(1582, 10, 4, 12, 0)); // before the reform: the legacy calendar's answer

    @Test
    void aWallClockIsTimestampValueOfInEveryZone() {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : List.of("UTC", "Etc/UTC", "GMT", "America/New_York", "Asia/Kolkata", "Pacific/Apia")) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                for (LocalDateTime wallClock : WALL_CLOCKS) {
                    Timestamp expected = Timestamp.valueOf(wallClock);
                    Timestamp actual = StripeResultSet.inDefaultZone(wallClock);
                    assertEquals(expected, actual, zone + " " + wallClock);
                    assertEquals(expected.getTime(), actual.getTime(), zone + " " + wallClock);
                    assertEquals(expected.getNanos(), actual.getNanos(), zone + " " + wallClock);
                }
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void timestampsReadAsTextKeepTheirFractionAndTextReadsAsATimestamp() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:result-set-text");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select timestamp '2024-01-02 03:04:05.123456' as t,"
                     + " timestamp '2009-02-13 23:31:30' as whole, '2024-01-02 03:04:05.25' as text,"
                     + " 'nope' as bad, 5 as n, null::timestamp as missing")) {
            assertTrue(rs.next());
            assertEquals("2024-01-02 03:04:05.123", rs.getString(1));
            assertEquals("2024-01-02 03:04:05.123", rs.getString("t"));
            assertEquals("2009-02-13 23:31:30", rs.getString("whole"));
            assertNull(rs.getString("missing"));
            assertEquals(Timestamp.valueOf("2024-01-02 03:04:05.25"), rs.getTimestamp("text"));
            SQLException bad = assertThrows(SQLDataException.class,
                    () -> rs.getTimestamp("bad"));
            assertEquals("22007", bad.getSQLState());
            assertEquals("invalid input syntax for type timestamp: \"nope\"", bad.getMessage());
            SQLException number = assertThrows(SQLDataException.class, () -> rs.getTimestamp("n"));
            assertEquals("cannot convert column 5 (n, integer) to java.sql.Timestamp", number.getMessage());
        }
    }
}
