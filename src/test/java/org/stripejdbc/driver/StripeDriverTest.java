package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.config.ConnectionProperty;

/** The JDBC layer over a fake engine: plumbing, laziness, types, errors, metadata. */
class StripeDriverTest {
    private FakeSession session;
    private Connection connection;

    @BeforeEach
    void connect() throws SQLException {
        session = new FakeSession();
        connection = new StripeDriver(FakeSession.factory(session))
                .connect("jdbc:stripe:mem:test?api_key=sk_test_1234567890abcdef&schema=stripe", new Properties());
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void rowsAreFetchedLazilyOnePageAtATime() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(200);
            ResultSet rs = statement.executeQuery("rows 1000");
            assertEquals(1, session.rowsPulled.get(), "executeQuery reads the first row only");
            assertTrue(rs.next());
            assertEquals("cus_1", rs.getString(1));
            int count = 1;
            while (rs.next()) {
                count++;
            }
            assertEquals(1000, count);
        }
    }

    @Test
    void aStatementCanBeExecutedAgainWithoutClosingItsResultSet() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (int round = 0; round < 3; round++) {
                ResultSet rs = statement.executeQuery("rows 5");
                int count = 0;
                while (rs.next()) {
                    count++;
                }
                assertEquals(5, count, "round " + round);
            }
            ResultSet unread = statement.executeQuery("rows 5");
            ResultSet next = statement.executeQuery("rows 3");
            assertTrue(unread.isClosed());
            int count = 0;
            while (next.next()) {
                count++;
            }
            assertEquals(3, count);
        }
    }

    @Test
    void closingTheResultSetStopsTheScan() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery("rows 100000");
            assertTrue(rs.next());
            rs.close();
            assertEquals(1, session.rowsPulled.get());
        }
    }

    @Test
    void theEngineIsAskedForARowOnlyWhenTheCallerAsksForIt() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(200);
            try (ResultSet rs = statement.executeQuery("rows 1000")) {
                for (int i = 1; i <= 250; i++) {
                    assertTrue(rs.next());
                    assertEquals("cus_" + i, rs.getString(1));
                    assertEquals(i, session.rowsPulled.get(), "rows pulled after reading row " + i);
                }
            }
            assertEquals(250, session.rowsPulled.get(), "closing pulls nothing more");
        }
        try (PreparedStatement prepared = connection.prepareStatement("rows 3")) {
            ResultSet rs = prepared.executeQuery();
            for (int i = 1; i <= 3; i++) {
                assertTrue(rs.next());
                assertFalse(rs.isAfterLast());
            }
            assertFalse(rs.next(), "the true end is still seen");
            assertTrue(rs.isAfterLast());
            assertFalse(rs.next(), "and stays the end");
        }
    }

    @Test
    void maxRowsCapsTheResultAndReachesTheEngine() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(7);
            ResultSet rs = statement.executeQuery("rows 1000");
            int count = 0;
            while (rs.next()) {
                count++;
            }
            assertEquals(7, count);
            assertEquals(7, session.contexts.get(0).maxRows());
            assertEquals(7, session.rowsPulled.get(), "no row is pulled past maxRows");
        }
        try (PreparedStatement prepared = connection.prepareStatement("rows 1000")) {
            prepared.setMaxRows(3);
            ResultSet rs = prepared.executeQuery();
            int count = 0;
            while (rs.next()) {
                count++;
            }
            assertEquals(3, count);
        }
    }

    @Test
    void avaticaSettingsAreReadOnceYetTheDefaultZoneIsFollowed() throws SQLException {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            StripeConnection plain = (StripeConnection) connection;
            assertEquals("America/New_York", plain.getTimeZone().getID());
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            assertEquals("Asia/Tokyo", plain.getTimeZone().getID(), "no zone property: the default at each call");
            assertTrue(plain.config() == plain.config());
            try (Statement statement = connection.createStatement()) {
                assertEquals(100, statement.getFetchSize());
            }
            Properties info = new Properties();
            info.setProperty("timeZone", "UTC");
            info.setProperty("fetch_size", "250");
            try (Connection c = new StripeDriver(FakeSession.factory(new FakeSession()))
                            .connect("jdbc:stripe:mem:tz2", info);
                    Statement statement = c.createStatement()) {
                assertEquals("UTC", ((StripeConnection) c).getTimeZone().getID());
                assertEquals(250, statement.getFetchSize());
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void typedGettersFollowPostgres() throws SQLException {
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
            try (Connection c = new StripeDriver(FakeSession.factory(new FakeSession()))
                            .connect("jdbc:stripe:mem:tz", new Properties());
                    Statement statement = c.createStatement()) {
                ResultSet rs = statement.executeQuery("rows 1");
                assertTrue(rs.next());
                assertEquals("cus_1", rs.getObject(1));
                assertEquals(1L, rs.getLong(2));
                assertEquals(1L, rs.getObject("n"));
                assertEquals("2023-11-15 22:13:20", rs.getString("created"));
                assertEquals(
                        LocalDateTime.of(2023, 11, 15, 22, 13, 20),
                        rs.getTimestamp(3).toLocalDateTime());
                assertEquals(LocalDateTime.of(2023, 11, 15, 22, 13, 20), rs.getObject(3, LocalDateTime.class));
                assertEquals(
                        OffsetDateTime.of(2023, 11, 15, 22, 13, 20, 0, ZoneOffset.UTC),
                        rs.getObject(3, OffsetDateTime.class));
                assertEquals(Instant.parse("2023-11-15T22:13:20Z"), rs.getObject(3, Instant.class));
                assertEquals(LocalDate.of(2023, 11, 15), rs.getObject(3, LocalDate.class));
                assertEquals(
                        Instant.parse("2023-11-15T22:13:20Z").toEpochMilli(),
                        rs.getTimestamp(3, Calendar.getInstance(TimeZone.getTimeZone("UTC")))
                                .getTime());
                assertFalse(rs.getBoolean("paid"));
                assertEquals(Boolean.FALSE, rs.getObject(4, Boolean.class));
                assertEquals("{\"n\": 1, \"id\": \"cus_1\"}", rs.getString("attrs"));
                assertEquals(new BigDecimal("1.50"), rs.getBigDecimal("amount"));
                assertEquals(new BigDecimal("1.50"), rs.getObject(6, BigDecimal.class));
                assertEquals(1L, rs.getObject(2, Long.class));
                assertEquals(1, rs.getObject(2, Integer.class));
                assertEquals("1", rs.getObject(2, String.class));

                ResultSetMetaData md = rs.getMetaData();
                assertEquals(6, md.getColumnCount());
                assertEquals("id", md.getColumnLabel(1));
                assertEquals(Types.VARCHAR, md.getColumnType(1));
                assertEquals("text", md.getColumnTypeName(1));
                assertEquals(Types.BIGINT, md.getColumnType(2));
                assertEquals(Types.TIMESTAMP, md.getColumnType(3));
                assertEquals(Types.BOOLEAN, md.getColumnType(4));
                assertEquals(Types.OTHER, md.getColumnType(5));
                assertEquals("jsonb", md.getColumnTypeName(5));
                assertEquals(Types.NUMERIC, md.getColumnType(6));
                assertEquals("customers", md.getTableName(1));
                assertEquals("stripe", md.getSchemaName(1));
            }
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void engineErrorsKeepTheirSqlStateEverywhere() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> statement.executeQuery("selec 1"));
            assertInstanceOf(SQLSyntaxErrorException.class, e);
            assertEquals("42601", e.getSQLState());
            assertEquals("syntax error at or near \"selec\"", e.getMessage());

            SQLException e2 = assertThrows(SQLException.class, () -> connection.prepareStatement("selec 1"));
            assertEquals("42601", e2.getSQLState());

            ResultSet rs = statement.executeQuery("fail-on-row 150");
            SQLException e3 = assertThrows(SQLException.class, () -> {
                while (rs.next()) {
                    rs.getString(1);
                }
            });
            assertInstanceOf(SQLDataException.class, e3);
            assertEquals("22012", e3.getSQLState());
            assertTrue(e3.getMessage().contains("division by zero at row 150"));
        }
    }

    @Test
    void parametersArriveAsEngineValues() throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement("param ?, ?")) {
            assertEquals(2, prepared.getParameterMetaData().getParameterCount());
            prepared.setString(1, "cus_1");
            prepared.setLong(2, 42L);
            ResultSet rs = prepared.executeQuery();
            assertTrue(rs.next());
            assertEquals("String:cus_1", rs.getString(1));
            assertEquals("Long:42", rs.getString(2));

            prepared.setTimestamp(1, Timestamp.valueOf(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
            prepared.setObject(2, LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            rs = prepared.executeQuery();
            assertTrue(rs.next());
            // setTimestamp as pgjdbc sends it: the wall clock with the JVM zone's offset there; a LocalDateTime is
            // a wall clock. Both are text typed by where they are used.
            String offset = ZoneId.systemDefault()
                    .getRules()
                    .getOffset(LocalDateTime.of(2024, 1, 2, 3, 4, 5))
                    .getId()
                    .replace("Z", "+00:00");
            assertEquals("String:2024-01-02 03:04:05" + offset, rs.getString(1));
            assertEquals("String:2024-01-02 03:04:05", rs.getString(2));

            prepared.setObject(1, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
            prepared.setInt(2, 7);
            rs = prepared.executeQuery();
            assertTrue(rs.next());
            assertEquals("String:2024-01-02 01:04:05+00", rs.getString(1), "an instant");
            assertEquals("Integer:7", rs.getString(2));

            prepared.setBigDecimal(1, new BigDecimal("1.5"));
            prepared.setBoolean(2, true);
            rs = prepared.executeQuery();
            assertTrue(rs.next());
            assertEquals("BigDecimal:1.5", rs.getString(1));
            assertEquals("Boolean:true", rs.getString(2));
        }
    }

    @Test
    void aMissingParameterIsReportedByNumber() throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement("param ?, ?")) {
            prepared.setString(1, "x");
            SQLException e = assertThrows(SQLException.class, prepared::executeQuery);
            assertEquals("22023", e.getSQLState());
            assertTrue(e.getMessage().contains("parameter 2"), e.getMessage());
        }
    }

    @Test
    void updateCountsGeneratedKeysAndWarnings() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertEquals(2, statement.executeUpdate("insert 2", Statement.RETURN_GENERATED_KEYS));
            ResultSet keys = statement.getGeneratedKeys();
            List<String> ids = new ArrayList<>();
            while (keys.next()) {
                ids.add(keys.getString("id"));
            }
            assertEquals(List.of("cus_1", "cus_2"), ids);
            SQLWarning warning = statement.getWarnings();
            assertEquals("inserted customers cus_1", warning.getMessage());
            assertEquals("inserted customers cus_2", warning.getNextWarning().getMessage());
            assertFalse(statement.execute("insert 1"));
            assertEquals(1, statement.getUpdateCount());
        }
        try (PreparedStatement prepared = connection.prepareStatement("insert 3", Statement.RETURN_GENERATED_KEYS)) {
            assertEquals(3, prepared.executeUpdate());
            ResultSet keys = prepared.getGeneratedKeys();
            assertTrue(keys.next());
            assertEquals("cus_1", keys.getString(1));
        }
    }

    @Test
    void batchesReportCountsAndFailures() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("insert 1");
            statement.addBatch("insert 2");
            assertArrayEquals(new int[] {1, 2}, statement.executeBatch());
            statement.addBatch("insert 1");
            statement.addBatch("bogus");
            statement.addBatch("insert 1");
            SQLException e = assertThrows(SQLException.class, statement::executeBatch);
            BatchUpdateException batch = findBatch(e);
            assertArrayEquals(new int[] {1}, batch.getUpdateCounts());
            assertEquals("42601", batch.getSQLState());
        }
    }

    private static BatchUpdateException findBatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchUpdateException b) {
                return b;
            }
        }
        throw new AssertionError("no BatchUpdateException in " + e);
    }

    @Test
    void cancelStopsAScan() throws Exception {
        try (Statement statement = connection.createStatement()) {
            ResultSet rs = statement.executeQuery("slow");
            assertTrue(rs.next());
            statement.cancel();
            SQLException e = assertThrows(SQLException.class, () -> {
                while (rs.next()) {
                    rs.getString(1);
                }
            });
            assertEquals("57014", e.getSQLState());
            assertInstanceOf(SQLTimeoutException.class, e);
            assertTrue(e.getMessage().contains("user request"), e.getMessage());
        }
    }

    @Test
    void queryTimeoutStopsAScanOnTheInjectedClock() throws Exception {
        AtomicLong now = new AtomicLong();
        FakeSession fake = new FakeSession();
        try (Connection c = new StripeDriver(FakeSession.factory(fake), now::get)
                        .connect("jdbc:stripe:mem:timeout", new Properties());
                Statement statement = c.createStatement()) {
            statement.setQueryTimeout(5);
            ResultSet rs = statement.executeQuery("slow");
            assertTrue(rs.next());
            now.addAndGet(6_000_000_000L);
            SQLException e = assertThrows(SQLException.class, () -> {
                for (int i = 0; i < 1_000; i++) {
                    rs.next();
                }
            });
            assertEquals("57014", e.getSQLState());
            assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
            assertTrue(fake.rowsPulled.get() < 300, "pulled " + fake.rowsPulled.get());
        }
    }

    @Test
    void metadataComesFromTheEngine() throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        assertEquals("jdbc:stripe:mem:test?schema=stripe", md.getURL());
        assertTrue(md.storesLowerCaseIdentifiers());
        assertEquals("\"", md.getIdentifierQuoteString());

        ResultSet schemas = md.getSchemas();
        List<String> names = new ArrayList<>();
        while (schemas.next()) {
            names.add(schemas.getString("TABLE_SCHEM"));
        }
        assertEquals(List.of("public", "stripe"), names);

        ResultSet tables = md.getTables(null, "stripe", "cust%", null);
        assertTrue(tables.next());
        assertEquals("customers", tables.getString("TABLE_NAME"));
        assertEquals("FOREIGN TABLE", tables.getString("TABLE_TYPE"));
        assertEquals("Customers", tables.getString("REMARKS"));
        assertFalse(tables.next());

        ResultSet columns = md.getColumns(null, "stripe", "customers", "%");
        assertTrue(columns.next());
        assertEquals("id", columns.getString("COLUMN_NAME"));
        assertEquals(Types.VARCHAR, columns.getInt("DATA_TYPE"));
        assertEquals(1, columns.getInt("ORDINAL_POSITION"));
        assertTrue(columns.next());
        assertEquals(Types.TIMESTAMP, columns.getInt("DATA_TYPE"));
        assertTrue(columns.next());
        assertEquals("attrs", columns.getString("COLUMN_NAME"));
        assertEquals(Types.OTHER, columns.getInt("DATA_TYPE"));
        assertEquals("jsonb", columns.getString("TYPE_NAME"));
        assertEquals("all fields", columns.getString("REMARKS"));
        assertFalse(columns.next());

        ResultSet keys = md.getPrimaryKeys(null, "stripe", "customers");
        assertTrue(keys.next());
        assertEquals("id", keys.getString("COLUMN_NAME"));
        assertEquals(1, keys.getShort("KEY_SEQ"));
        assertFalse(keys.next());

        assertFalse(md.getImportedKeys(null, "stripe", "customers").next());
        assertFalse(md.getIndexInfo(null, "stripe", "customers", false, true).next());
        ResultSet types = md.getTypeInfo();
        List<String> typeNames = new ArrayList<>();
        while (types.next()) {
            typeNames.add(types.getString("TYPE_NAME"));
        }
        assertTrue(
                typeNames.containsAll(List.of("text", "bigint", "bool", "timestamp", "jsonb", "numeric")),
                typeNames.toString());
        ResultSet tableTypes = md.getTableTypes();
        assertTrue(tableTypes.next());
        assertEquals("FOREIGN TABLE", tableTypes.getString(1));
    }

    @Test
    void poolsAndToolsCanToggleConnectionSettings() throws SQLException {
        assertTrue(connection.isValid(1));
        assertFalse(connection.isReadOnly(), "a new connection is writable");
        assertFalse(connection.getMetaData().isReadOnly());
        connection.setAutoCommit(false);
        connection.commit();
        connection.rollback();
        connection.setAutoCommit(true);
        connection.setReadOnly(true);
        assertTrue(connection.isReadOnly());
        assertTrue(session.readOnly, "read-only reaches the session, which enforces it");
        assertTrue(connection.getMetaData().isReadOnly());
        connection.setReadOnly(false);
        assertFalse(session.readOnly);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        assertEquals("stripe", connection.getSchema());
        connection.setSchema("public");
        assertEquals("public", session.currentSchema());
        connection.close();
        assertTrue(session.closed);
        assertFalse(connection.isValid(1));
    }

    @Test
    void propertyInfoListsEveryDeclaredPropertyWithoutSecrets() throws SQLException {
        DriverPropertyInfo[] info = new StripeDriver(FakeSession.factory(session))
                .getPropertyInfo("jdbc:stripe:mem:x?api_key=sk_test_secretvalue123456", new Properties());
        assertEquals(ConnectionProperty.values().length, info.length);
        for (DriverPropertyInfo p : info) {
            if (p.name.equals("api_key")) {
                assertNull(p.value);
            }
            assertTrue(p.description != null && !p.description.isEmpty());
        }
    }

    @Test
    void urlsAreParsedWithPropertiesWinning() {
        Properties info = new Properties();
        info.setProperty("schema", "other");
        JdbcUrl url = JdbcUrl.parse("jdbc:stripe:file:/tmp/x?schema=stripe&api%5Fkey=sk_test_a%2Bb", info);
        assertEquals("file:/tmp/x", url.catalogSpec());
        assertEquals("other", url.properties().get("schema"));
        assertEquals("sk_test_a+b", url.properties().get("api_key"));
        assertEquals("jdbc:stripe:file:/tmp/x?schema=other", url.display());
        assertEquals("", JdbcUrl.parse("jdbc:stripe:", null).catalogSpec());
        assertEquals("mem:demo", JdbcUrl.parse("jdbc:stripe:mem:demo", null).catalogSpec());
        assertFalse(JdbcUrl.accepts("jdbc:postgresql://x"));
    }
}
