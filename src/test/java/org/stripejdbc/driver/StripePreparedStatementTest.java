package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What a prepared statement binds, over the fake engine that echoes each parameter as {@code Class:value}: every
 * setter either binds a value the engine understands (converted for an explicit target type as pgjdbc converts it,
 * without wrapping around) or fails at once with an SQLException and a SQLSTATE naming the parameter. Avatica
 * alone throws {@code RuntimeException("not implemented")} for {@code Types.OTHER}, and ignores several setters.
 */
class StripePreparedStatementTest {
    private Connection connection;
    private PreparedStatement prepared;

    @BeforeEach
    void connect() throws SQLException {
        connection = new StripeDriver(FakeSession.factory(new FakeSession()))
                .connect("jdbc:stripe:mem:prepared", new Properties());
        prepared = connection.prepareStatement("param ?, ?");
        prepared.setString(2, "second");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    /** What the engine received as parameter 1. */
    private String bound() throws SQLException {
        try (ResultSet rs = prepared.executeQuery()) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void typesOtherBindsTextThatItsContextTypesAsPgjdbcUsersBindJsonb() throws SQLException {
        prepared.setObject(1, "{\"a\": 1}", Types.OTHER);
        assertEquals("String:{\"a\": 1}", bound());
        prepared.setObject(1, 5, Types.OTHER);
        assertEquals("Integer:5", bound());
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        prepared.setObject(1, id, Types.OTHER);
        assertEquals("String:" + id, bound());
        prepared.setObject(1, "x", JDBCType.OTHER);
        assertEquals("String:x", bound());
        prepared.setObject(1, null, Types.OTHER);
        assertNull(bound());
    }

    @Test
    void explicitTargetTypesConvertLikePgjdbcAndNeverWrap() throws SQLException {
        prepared.setObject(1, "12", Types.INTEGER);
        assertEquals("Integer:12", bound());
        prepared.setObject(1, 12.9, Types.BIGINT);
        assertEquals("Long:12", bound(), "a fraction is truncated toward zero, as pgjdbc");
        prepared.setObject(1, new BigDecimal("2.345"), Types.NUMERIC, 2);
        assertEquals("BigDecimal:2.35", bound());
        prepared.setObject(1, 7, Types.VARCHAR);
        assertEquals("String:7", bound());
        prepared.setObject(1, "on", Types.BOOLEAN);
        assertEquals("Boolean:true", bound());
        prepared.setObject(1, "2.5", Types.DOUBLE);
        assertEquals("Double:2.5", bound());
        prepared.setObject(1, "2024-01-02", Types.DATE);
        assertEquals("LocalDate:2024-01-02", bound());
        prepared.setObject(1, "2024-01-02 03:04:05", JDBCType.TIMESTAMP);
        assertEquals("String:2024-01-02 03:04:05", bound(), "a wall clock, typed by its context");
        prepared.setObject(1, "2024-01-02 03:04:05+02", Types.TIMESTAMP_WITH_TIMEZONE);
        assertEquals("String:2024-01-02 01:04:05+00", bound(), "an instant, typed by its context");
        prepared.setObject(1, OffsetDateTime.parse("2024-01-02T03:04:05+02:00"));
        assertEquals("String:2024-01-02 01:04:05+00", bound());
        prepared.setObject(1, LocalDateTime.parse("2024-01-02T03:04:05"));
        assertEquals("String:2024-01-02 03:04:05", bound());

        assertFails(
                "22003",
                "parameter 1 (Types.INTEGER): 3000000000 is out of range",
                () -> prepared.setObject(1, 3_000_000_000L, Types.INTEGER));
        assertFails(
                "22003",
                "parameter 1 (Types.SMALLINT): 40000 is out of range",
                () -> prepared.setObject(1, "40000", Types.SMALLINT));
        assertFails(
                "22P02",
                "parameter 1 (Types.BIGINT): invalid input syntax for type bigint: \"x\"",
                () -> prepared.setObject(1, "x", Types.BIGINT));
        assertFails(
                "22P02",
                "parameter 1 (Types.BOOLEAN): invalid input syntax for type boolean: \"maybe\"",
                () -> prepared.setObject(1, "maybe", Types.BOOLEAN));
        assertFails(
                "22007",
                "parameter 1 (Types.DATE): invalid input syntax for type date: \"soon\"",
                () -> prepared.setObject(1, "soon", Types.DATE));
        assertFails(
                "22000",
                "parameter 1: cannot convert a java.util.UUID to Types.INTEGER",
                () -> prepared.setObject(1, UUID.randomUUID(), Types.INTEGER));
        assertFails(
                "0A000", "parameter 1: Types.STRUCT is not supported", () -> prepared.setObject(1, "x", Types.STRUCT));
        assertFails("07006", "parameter 1: Unsupported Types value: 12345", () -> prepared.setObject(1, "x", 12345));
    }

    @Test
    void streamsAreReadAsTextAndBinaryIsRefusedAtOnce() throws SQLException {
        prepared.setCharacterStream(1, new StringReader("hello"), 3);
        assertEquals("String:hel", bound());
        prepared.setClob(1, new StringReader("a clob"));
        assertEquals("String:a clob", bound());
        prepared.setAsciiStream(1, new ByteArrayInputStream("ascii".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("String:ascii", bound());
        prepared.setNString(1, "n");
        assertEquals("String:n", bound());
        prepared.setNull(1, Types.VARCHAR, "text");
        assertNull(bound(), "the type name hint binds NULL (Avatica alone left the parameter unset)");

        String binary = "parameter 1: binary values are not supported (Stripe has no bytea columns); bind text with "
                + "setString";
        assertFails("0A000", binary, () -> prepared.setBytes(1, new byte[] {1}));
        assertFails("0A000", binary, () -> prepared.setBinaryStream(1, new ByteArrayInputStream(new byte[] {1})));
        assertFails("0A000", binary, () -> prepared.setBlob(1, new ByteArrayInputStream(new byte[] {1})));
        assertFails(
                "0A000",
                "parameter 1: URL values (bind url.toString() with setString) are not supported",
                () -> prepared.setURL(1, new URL("https://example.com")));
        assertFails("0A000", "parameter 1: ROWID values are not supported", () -> prepared.setRowId(1, null));
    }

    @Test
    void aBadParameterNumberOrAClosedStatementHasASqlState() throws SQLException {
        String outOfRange = "The parameter index is out of range: 3, number of parameters: 2.";
        assertFails("22023", outOfRange, () -> prepared.setString(3, "x"));
        assertFails(
                "22023",
                "The parameter index is out of range: 0, number of parameters: 2.",
                () -> prepared.setLong(0, 1));
        assertFails("22023", outOfRange, () -> prepared.setObject(3, "x", Types.OTHER));
        assertFails("22023", outOfRange, () -> prepared.setCharacterStream(3, new StringReader("x")));
        assertFails("22023", outOfRange, () -> prepared.getParameterMetaData().getParameterType(3));
        prepared.close();
        assertFails("55000", "This statement has been closed.", () -> prepared.setString(1, "x"));
        assertFails("55000", "This statement has been closed.", prepared::executeQuery);
    }

    @Test
    void jsonBoundAsTypesOtherReachesAJsonbContext() throws SQLException {
        try (Connection real = DriverManager.getConnection("jdbc:stripe:mem:prepared-jsonb");
                PreparedStatement statement =
                        real.prepareStatement("select ?::jsonb ->> 'a' as a, ?::jsonb @> '{\"b\": [1]}' as contains")) {
            statement.setObject(1, "{\"a\": \"one\"}", Types.OTHER);
            statement.setObject(2, "{\"b\": [1, 2]}", Types.OTHER);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("one", rs.getString("a"));
                assertTrue(rs.getBoolean("contains"));
            }
        }
    }

    @Test
    void setTimestampIsTheInstantForTimestamptzAndTheWallClockForTimestampInAnyZone() throws SQLException {
        // As pgjdbc: the JVM's wall clock with its offset, typed by the context. The zone runs of the build repeat
        // this under America/New_York and Asia/Kolkata.
        Instant noon = Instant.parse("2025-01-01T12:00:00Z");
        Timestamp timestamp = Timestamp.from(noon);
        try (Connection real = DriverManager.getConnection("jdbc:stripe:mem:prepared-timestamp");
                PreparedStatement statement = real.prepareStatement("select ?::timestamptz = timestamptz"
                        + " '2025-01-01 12:00:00+00', ?::timestamp, (?::timestamptz)::text")) {
            statement.setTimestamp(1, timestamp);
            statement.setTimestamp(2, timestamp);
            statement.setTimestamp(3, timestamp);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                assertTrue(
                        rs.getBoolean(1),
                        "the instant, in " + TimeZone.getDefault().getID());
                assertEquals(timestamp.toLocalDateTime(), rs.getObject(2, LocalDateTime.class));
                assertEquals("2025-01-01 12:00:00+00", rs.getString(3));
                assertEquals(noon, rs.getTimestamp(3).toInstant());
            }
        }
    }

    @Test
    void numericParametersFollowPostgresPromotionAsTheirLiteralsDo() throws SQLException {
        try (Connection real = DriverManager.getConnection("jdbc:stripe:mem:prepared-numeric")) {
            String greater = "select count(*) from generate_series(999, 1002) as n where n > ?";
            assertEquals(2, count(real, "select count(*) from generate_series(999, 1002) as n where n > 1000.5"));
            assertEquals(2, count(real, greater, new BigDecimal("1000.5")));
            assertEquals(2, count(real, greater, 1000.5));
            assertEquals(2, count(real, greater, 1000.5f));
            assertEquals(2, count(real, greater, new BigDecimal("1000")));
            assertEquals(2, count(real, greater, 1000L));
            assertEquals(2, count(real, greater, "1000"));
            String equal = "select count(*) from generate_series(999, 1002) as n where n = ?";
            assertEquals(1, count(real, equal, new BigDecimal("1000.0")));
            assertEquals(0, count(real, equal, new BigDecimal("1000.5")));
            assertEquals(
                    2,
                    count(
                            real,
                            "select count(*) from generate_series(999, 1002) as n where n between ? and ?",
                            999.5,
                            new BigDecimal("1001.5")));
            assertEquals(
                    1,
                    count(
                            real,
                            "select count(*) from generate_series(999, 1002) as n where n in (?, ?)",
                            new BigDecimal("1000.5"),
                            1001));
            assertEquals(
                    1,
                    count(
                            real,
                            "select count(*) from generate_series(999, 1002) as n where ? < n and n < ?",
                            1000.5,
                            1002.0));
            SQLException text = assertThrows(SQLException.class, () -> count(real, greater, "1000.5"));
            assertEquals("22P02", text.getSQLState(), "text is read as the context's type, as Postgres reads it");
            SQLException product = assertThrows(
                    SQLException.class,
                    () -> count(real, "select count(*) from generate_series(999, 1002) as n where n * ? > 0", 1.5));
            assertEquals("22P02", product.getSQLState(), "an integer result cannot hold 1.5: refused, never rounded");
        }
    }

    private static long count(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof BigDecimal d) {
                    statement.setBigDecimal(i + 1, d);
                } else if (parameters[i] instanceof Double d) {
                    statement.setDouble(i + 1, d);
                } else if (parameters[i] instanceof Float f) {
                    statement.setFloat(i + 1, f);
                } else {
                    statement.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private static void assertFails(String state, String message, Executable action) {
        SQLException e = assertThrows(SQLException.class, action);
        assertEquals(state, e.getSQLState(), e.getMessage());
        assertEquals(message, e.getMessage());
    }
}
