package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Result set values as pgjdbc gives them, in any JVM zone: a {@code timestamp} is {@code Timestamp.valueOf} of its
 * wall clock, a {@code timestamptz} its exact instant; numbers never wrap around and text holding a number converts;
 * every misuse (bad column, scrolling, updating, a closed result set) is an SQLException with a SQLSTATE.
 * The class also runs under America/New_York and Asia/Kolkata as default zone ({@code mvn verify}).
 */
class StripeResultSetTest {
    /** Zones with a negative, a half-hour, a +13/+14 and a half-hour-DST offset. */
    private static final List<String> ZONES =
            List.of("UTC", "America/New_York", "Asia/Kolkata", "Pacific/Apia", "Australia/Lord_Howe");

    private static final List<LocalDateTime> WALL_CLOCKS = List.of(
            LocalDateTime.of(1900, 1, 1, 0, 0),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1_000),
            LocalDateTime.of(2023, 11, 14, 22, 13, 20),
            LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_789),
            LocalDateTime.of(2024, 3, 10, 2, 30), // a gap in New York
            LocalDateTime.of(2024, 11, 3, 1, 30), // an overlap in New York
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
            SQLException bad = assertThrows(SQLDataException.class, () -> rs.getTimestamp("bad"));
            assertEquals("22007", bad.getSQLState());
            assertEquals("invalid input syntax for type timestamp: \"nope\"", bad.getMessage());
            SQLException number = assertThrows(SQLDataException.class, () -> rs.getTimestamp("n"));
            assertEquals("cannot convert column 5 (n, integer) to java.sql.Timestamp", number.getMessage());
        }
    }

    @Test
    void textCarriedValuesArePrintedWhenReadAndStayTheSameWithinTheRow() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:result-set-lazy");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select '{\"name\":\"Zoë\",\"id\":\"cus_1\",\"n\":[1,2.50]}'::jsonb as j,"
                                + " '{\"b\":1,\"a\":2}'::json as js, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u,"
                                + " interval '1 day 2 hours' as i, null::jsonb as missing")) {
            assertTrue(rs.next());
            Object jsonb = rs.getObject("j");
            assertEquals("{\"n\": [1, 2.50], \"id\": \"cus_1\", \"name\": \"Zoë\"}", jsonb);
            assertSame(jsonb, rs.getObject("j"));
            assertSame(jsonb, rs.getString("j"));
            assertSame(jsonb, rs.getObject("j", String.class));
            assertEquals("{\"b\":1,\"a\":2}", rs.getObject("js"));
            assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", rs.getObject("u"));
            assertEquals("1 day 02:00:00", rs.getString("i"));
            assertEquals(
                    "{\"n\": [1, 2.50], \"id\": \"cus_1\", \"name\": \"Zoë\"}",
                    new String(rs.getBytes("j"), StandardCharsets.UTF_8));
            assertNull(rs.getObject("missing"));
            assertTrue(rs.wasNull());
            assertFalse(rs.next());
        }
    }

    @Test
    void aTimestamptzIsItsInstantInEveryZoneAndATimestampItsWallClock() throws Exception {
        TimeZone saved = TimeZone.getDefault();
        try {
            for (String zone : ZONES) {
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                readTimestamps(zone);
            }
        } finally {
            TimeZone.setDefault(saved);
        }
        readTimestamps("default " + saved.getID()); // the zone the surefire execution runs in
    }

    private static void readTimestamps(String zone) throws SQLException {
        Instant noon = Instant.parse("2025-01-01T12:00:00Z");
        Instant lateEvening = Instant.parse("2025-01-01T23:30:00Z");
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:result-set-zones");
                Statement statement = connection.createStatement()) {
            Instant before = Instant.now().minusMillis(1);
            try (ResultSet rs = statement.executeQuery("select timestamptz '2025-01-01 12:00:00+00' as tz,"
                    + " to_timestamp(1735732800) as epoch, now() as now, timestamp '2025-01-01 12:00:00' as wall,"
                    + " timestamptz '2025-07-01 12:00:00.25+02' as fraction, timestamptz '2025-01-01 23:30:00+00' as "
                    + "late,"
                    + " null::timestamptz as missing")) {
                Instant after = Instant.now().plusMillis(1);
                assertTrue(rs.next());
                assertEquals(noon.toEpochMilli(), rs.getTimestamp("tz").getTime(), zone);
                assertEquals(noon.toEpochMilli(), rs.getTimestamp("epoch").getTime(), zone);
                assertEquals(noon.toEpochMilli(), ((Timestamp) rs.getObject("tz")).getTime(), zone);
                Calendar newYork = Calendar.getInstance(TimeZone.getTimeZone("America/New_York"));
                assertEquals(noon.toEpochMilli(), rs.getTimestamp("tz", newYork).getTime(), "no calendar moves it");
                assertEquals("2025-01-01 12:00:00+00", rs.getString("tz"), zone);
                assertEquals("2025-01-01 12:00:00+00", rs.getString("epoch"), zone);
                assertEquals("2025-07-01 10:00:00.25+00", rs.getString("fraction"), zone);
                assertEquals(
                        OffsetDateTime.of(2025, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC),
                        rs.getObject("tz", OffsetDateTime.class));
                assertEquals(noon, rs.getObject("epoch", Instant.class));
                Instant now = rs.getTimestamp("now").toInstant();
                assertTrue(
                        !now.isBefore(before) && !now.isAfter(after),
                        zone + ": now() " + now + " is not between " + before + " and " + after);
                assertEquals(
                        lateEvening.atZone(ZoneId.systemDefault()).toLocalDate(),
                        rs.getDate("late").toLocalDate(),
                        zone + ": the instant's date where the JVM is");

                LocalDateTime wall = LocalDateTime.of(2025, 1, 1, 12, 0);
                assertEquals(Timestamp.valueOf(wall), rs.getTimestamp("wall"), zone);
                assertEquals("2025-01-01 12:00:00", rs.getString("wall"), zone);
                assertEquals(wall, rs.getObject("wall", LocalDateTime.class));
                assertEquals(
                        noon.toEpochMilli(),
                        rs.getTimestamp("wall", Calendar.getInstance(TimeZone.getTimeZone("UTC")))
                                .getTime(),
                        "a UTC calendar reads the wall clock as UTC");

                assertNull(rs.getTimestamp("missing"));
                assertNull(rs.getString("missing"));
                assertNull(rs.getObject("missing", OffsetDateTime.class));
            }
        }
    }

    @Test
    void numbersNeverWrapAndTextHoldingANumberConverts() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:result-set-numbers");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select 3000000000::bigint as big, '12' as t, ' 7 ' as padded,"
                        + " '2.9' as fraction_text, 'x' as bad, 2.7::numeric as num, -2.7::float8 as dbl, 40000 as i,"
                        + " true as b, 'on' as yes, null::bigint as nothing, 'NaN'::float8 as nan, '1e3' as sci")) {
            assertTrue(rs.next());
            assertEquals(3_000_000_000L, rs.getLong("big"));
            assertEquals(new BigDecimal(3_000_000_000L), rs.getBigDecimal("big"));
            assertFails(
                    "22003",
                    "cannot convert column 1 (big, bigint) to int: 3000000000 is out of range",
                    () -> rs.getInt("big"));
            assertFails(
                    "22003",
                    "cannot convert column 1 (big, bigint) to int: 3000000000 is out of range",
                    () -> rs.getObject(1, Integer.class));
            assertFails(
                    "22003",
                    "cannot convert column 8 (i, integer) to short: 40000 is out of range",
                    () -> rs.getShort("i"));
            assertFails(
                    "22003",
                    "cannot convert column 8 (i, integer) to byte: 40000 is out of range",
                    () -> rs.getByte("i"));

            assertEquals(12L, rs.getLong("t"));
            assertEquals(12, rs.getInt("t"));
            assertEquals(Long.valueOf(12), rs.getObject("t", Long.class));
            assertEquals(new BigDecimal("12"), rs.getBigDecimal("t"));
            assertEquals(12.0, rs.getDouble("t"));
            assertEquals(7, rs.getInt("padded"));
            assertEquals(2, rs.getInt("fraction_text"), "truncated toward zero, as pgjdbc");
            assertEquals(1000, rs.getInt("sci"));
            assertFails(
                    "22P02",
                    "cannot convert column 5 (bad, text) to long: invalid input syntax for type bigint: " + "\"x\"",
                    () -> rs.getLong("bad"));
            assertFails(
                    "22P02",
                    "cannot convert column 5 (bad, text) to int: invalid input syntax for type integer: " + "\"x\"",
                    () -> rs.getInt(5));
            assertFails(
                    "22P02",
                    "cannot convert column 5 (bad, text) to java.math.BigDecimal: invalid input syntax "
                            + "for type numeric: \"x\"",
                    () -> rs.getBigDecimal("bad"));
            assertFails(
                    "22P02",
                    "cannot convert column 5 (bad, text) to double: invalid input syntax for type "
                            + "double precision: \"x\"",
                    () -> rs.getDouble("bad"));

            assertEquals(2, rs.getInt("num"));
            assertEquals(-2, rs.getLong("dbl"));
            assertFails(
                    "22003",
                    "cannot convert column 12 (nan, float8) to long: NaN is out of range",
                    () -> rs.getLong("nan"));

            assertTrue(rs.getBoolean("b"));
            assertTrue(rs.getBoolean("yes"));
            assertFails(
                    "22P02",
                    "cannot convert column 8 (i, integer) to boolean: invalid input syntax for type "
                            + "boolean: \"40000\"",
                    () -> rs.getBoolean("i"));
            assertFails(
                    "22P02",
                    "cannot convert column 9 (b, bool) to long: invalid input syntax for type bigint: " + "\"t\"",
                    () -> rs.getLong("b"));

            assertEquals(0, rs.getInt("nothing"));
            assertTrue(rs.wasNull());
            assertNull(rs.getObject("nothing", Integer.class));
            assertNull(rs.getBigDecimal("nothing"));
        }
    }

    @Test
    void misuseIsAnSqlExceptionWithASqlState() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:stripe:mem:result-set-misuse");
                Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery("select 'a' as id, 2 as n");
            assertTrue(rs.next());
            assertFails("22023", "The column index is out of range: 99, number of columns: 2.", () -> rs.getString(99));
            assertFails("22023", "The column index is out of range: 0, number of columns: 2.", () -> rs.getLong(0));
            assertFails("22023", "The column index is out of range: 3, number of columns: 2.", () -> rs.getObject(3));
            assertFails(
                    "22023", "The column index is out of range: 3, number of columns: 2.", () -> rs.getTimestamp(3));
            assertFails(
                    "22023",
                    "The column index is out of range: 9, number of columns: 2.",
                    () -> rs.getMetaData().getColumnType(9));
            assertFails("42703", "The column name nope was not found in this ResultSet.", () -> rs.getString("nope"));
            assertFails("42703", "The column name nope was not found in this ResultSet.", () -> rs.getBytes("nope"));

            assertEquals(ResultSet.TYPE_FORWARD_ONLY, rs.getType());
            assertEquals(ResultSet.CONCUR_READ_ONLY, rs.getConcurrency());
            String forwardOnly = "Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.";
            assertFails("24000", forwardOnly, rs::last);
            assertFails("24000", forwardOnly, rs::first);
            assertFails("24000", forwardOnly, rs::previous);
            assertFails("24000", forwardOnly, () -> rs.absolute(1));
            assertFails("24000", forwardOnly, () -> rs.relative(-1));
            assertFails("24000", forwardOnly, rs::beforeFirst);
            assertFails("24000", forwardOnly, () -> rs.setFetchDirection(ResultSet.FETCH_REVERSE));
            assertFails("22023", "Invalid fetch direction constant: 42.", () -> rs.setFetchDirection(42));
            assertTrue(rs.isLast(), "the only row is the last");
            String readOnly = "ResultSets with concurrency CONCUR_READ_ONLY cannot be updated.";
            assertFails("24000", readOnly, () -> rs.updateString(1, "b"));
            assertFails("24000", readOnly, () -> rs.updateLong("n", 3));
            assertFails("24000", readOnly, rs::updateRow);
            assertFails("24000", readOnly, rs::moveToInsertRow);
            assertFails("24000", readOnly, rs::deleteRow);
            assertEquals(
                    "0A000",
                    assertThrows(SQLException.class, () -> rs.getBlob(1)).getSQLState());
            assertEquals(
                    "0A000",
                    assertThrows(SQLException.class, () -> rs.getClob("id")).getSQLState());
            assertEquals("a", new String(rs.getBytes("id"), StandardCharsets.UTF_8));
            assertEquals("a", new BufferedReader(rs.getCharacterStream(1)).readLine());

            rs.close();
            assertFails("55000", "This ResultSet is closed.", () -> rs.getString(1));
            assertFails("55000", "This ResultSet is closed.", rs::next);
        }
    }

    private static void assertFails(String state, String message, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(state, e.getSQLState(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
