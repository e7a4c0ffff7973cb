package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The serve mode end to end: the built-in emulator, the server on an ephemeral port bound to 127.0.0.1, and
 * Avatica's thin client ({@code org.apache.calcite.avatica.remote.Driver}, PROTOBUF) as a remote user sees it.
 */
class StripeServeTest {
    private static final int CUSTOMERS = 20;
    private static StripeServe server;

    @BeforeAll
    static void startServer() {
        server = StripeServe.start(
                ServeOptions.parse(new String[] {"--port", "0", "--customers", String.valueOf(CUSTOMERS)}, Map.of()));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(server.clientUrl());
    }

    private static List<String> ids(Connection c, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from stripe.customers order by id limit " + limit)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void printsAThinClientUrlForTheLoopbackPort() {
        assertTrue(server.port() > 0);
        assertEquals(
                "jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=PROTOBUF",
                server.clientUrl());
        assertTrue(
                server.description().startsWith("the built-in Stripe EMULATOR at http://127.0.0.1:"),
                server.description());
        assertTrue(server.description().contains("jdbc:stripe:mem:serve-"), server.description());
        assertFalse(server.description().contains("sk_test_"), "no key in " + server.description());
    }

    @Test
    void theThinClientIsAvaticasRemoteDriver() throws SQLException {
        assertEquals(
                "org.apache.calcite.avatica.remote.Driver",
                DriverManager.getDriver(server.clientUrl()).getClass().getName());
    }

    @Test
    void runsAQueryWithTheDriversTypes() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) as n from stripe.customers")) {
                assertTrue(rs.next());
                assertEquals(CUSTOMERS, rs.getLong("n"));
                assertFalse(rs.next());
            }
            try (ResultSet rs =
                    s.executeQuery("select id, email, created, attrs from stripe.customers order by id limit 3")) {
                assertEquals(Types.TIMESTAMP, rs.getMetaData().getColumnType(3));
                assertEquals("jsonb", rs.getMetaData().getColumnTypeName(4));
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertTrue(rs.getString("id").startsWith("cus_"), rs.getString("id"));
                    LocalDateTime created = rs.getTimestamp("created").toLocalDateTime();
                    assertTrue(created.getYear() >= 2020 && created.getYear() <= 2025, created.toString());
                    assertTrue(
                            rs.getString("attrs").contains("\"object\":\"customer\"")
                                    || rs.getString("attrs").contains("\"object\": \"customer\""),
                            rs.getString("attrs"));
                }
                assertEquals(3, rows);
            }
        }
    }

    @Test
    void readsALargerResultInSeveralFrames() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.setFetchSize(7);
            int rows = 0;
            try (ResultSet rs = s.executeQuery("select id from stripe.customers")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertEquals(CUSTOMERS, rows);
        }
    }

    @Test
    void runsAPreparedStatementWithAParameter() throws SQLException {
        try (Connection c = connect()) {
            List<String> ids = ids(c, 2);
            try (PreparedStatement p = c.prepareStatement("select id, email from stripe.customers where id = ?")) {
                for (String id : ids) {
                    p.setString(1, id);
                    try (ResultSet rs = p.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(id, rs.getString("id"));
                        assertFalse(rs.next());
                    }
                }
                p.setString(1, "cus_none");
                try (ResultSet rs = p.executeQuery()) {
                    assertFalse(rs.next());
                }
            }
        }
    }

    @Test
    void answersGetTablesAndGetColumns() throws SQLException {
        try (Connection c = connect()) {
            DatabaseMetaData metaData = c.getMetaData();
            try (ResultSet rs = metaData.getTables(null, "stripe", "customers", null)) {
                assertTrue(rs.next());
                assertEquals("stripe", rs.getString("TABLE_SCHEM"));
                assertEquals("customers", rs.getString("TABLE_NAME"));
                assertEquals("FOREIGN TABLE", rs.getString("TABLE_TYPE"));
                assertFalse(rs.next());
            }
            int tables = 0;
            try (ResultSet rs = metaData.getTables(null, "stripe", "%", null)) {
                while (rs.next()) {
                    tables++;
                }
            }
            assertTrue(tables >= 20, "every Stripe object is imported: " + tables);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = metaData.getColumns(null, "stripe", "customers", "%")) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
                }
            }
            assertTrue(columns.contains("id text"), columns.toString());
            assertTrue(columns.contains("email text"), columns.toString());
            assertTrue(columns.contains("created timestamp"), columns.toString());
            assertTrue(columns.contains("attrs jsonb"), columns.toString());
        }
    }

    @Test
    void errorsKeepTheDriversSqlStateAndMessage() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("select * from stripe.nope"));
            assertEquals("42P01", missing.getSQLState());
            assertTrue(missing.getMessage().contains("relation \"stripe.nope\" does not exist"), missing.getMessage());
            SQLException syntax = assertThrows(SQLException.class, () -> s.executeQuery("selec 1"));
            assertEquals("42601", syntax.getSQLState(), syntax.getMessage());
            SQLException prepared = assertThrows(
                    SQLException.class, () -> c.prepareStatement("select nope from stripe.customers where id = ?"));
            assertEquals("42703", prepared.getSQLState(), prepared.getMessage());
            // The connection survives its errors.
            try (ResultSet rs = s.executeQuery("select 1 as one")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
    }

    @Test
    void writesGoThroughToTheEmulator() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            String id;
            try (ResultSet rs = s.executeQuery(
                    "insert into stripe.customers (email, name) values ('remote@example.com', 'Remote') returning "
                            + "id")) {
                assertTrue(rs.next());
                id = rs.getString(1);
            }
            assertTrue(id.startsWith("cus_"), id);
            try (PreparedStatement p = c.prepareStatement("select email from stripe.customers where id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals("remote@example.com", rs.getString(1));
                }
            }
            assertEquals(1, s.executeUpdate("delete from stripe.customers where id = '" + id + "'"));
        }
    }

    @Test
    void aClientMakesItsConnectionReadOnly() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertFalse(c.isReadOnly(), "a served connection starts writable");
            c.setReadOnly(true);
            assertTrue(c.isReadOnly());
            SQLException write = assertThrows(
                    SQLException.class, () -> s.executeUpdate("delete from stripe.customers where id = 'cus_x'"));
            assertEquals("25006", write.getSQLState(), write.getMessage());
            c.setReadOnly(false);
            assertEquals(0, s.executeUpdate("delete from stripe.customers where id = 'cus_none'"));
        }
    }

    @Test
    void theLoginPasswordIsNotTheKeyButSetSchemaReachesTheDriver() throws SQLException {
        // The thin client forwards the login pair (it is not Avatica's own); stock JdbcMeta would hand the password
        // to the driver as the API key. The driver's routing properties are refused (ServedTrustTest).
        Properties login = new Properties();
        login.setProperty("user", "analyst");
        login.setProperty("password", "sk_test_not_the_served_key_1234");
        try (Connection c = DriverManager.getConnection(server.clientUrl(), login);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from customers")) {
            assertTrue(rs.next());
            assertEquals(CUSTOMERS, rs.getLong(1), "the served key was used");
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            c.setSchema("public");
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select count(*) from customers"));
            assertEquals("42P01", e.getSQLState(), "setSchema(public) reached the driver: " + e.getMessage());
            c.setSchema("stripe");
            try (ResultSet rs = s.executeQuery("select count(*) from customers")) {
                assertTrue(rs.next());
                assertEquals(CUSTOMERS, rs.getLong(1));
            }
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReopenedWithTransparentReconnection() throws SQLException {
        try (Connection plain = connect();
                Connection reconnecting =
                        DriverManager.getConnection(server.clientUrl() + ";transparent_reconnection=true")) {
            plain.createStatement().executeQuery("select 1").close();
            reconnecting.createStatement().executeQuery("select 1").close();
            server.meta().closeAllConnections(); // as the server's 10-minute idle expiry would
            // Avatica's client reports a missing connection unchecked (AvaticaClientRuntimeException).
            RuntimeException gone = assertThrows(
                    RuntimeException.class,
                    () -> plain.createStatement().executeQuery("select 1").close());
            assertTrue(gone.toString().contains("NoSuchConnectionException"), gone.toString());
            try (Statement s = reconnecting.createStatement();
                    ResultSet rs = s.executeQuery("select 1")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void servesJsonSerializationToo() throws SQLException {
        try (StripeServe json = StripeServe.start(ServeOptions.parse(
                new String[] {"--port", "0", "--customers", "3", "--serialization", "json"}, Map.of()))) {
            assertTrue(json.clientUrl().endsWith(";serialization=JSON"), json.clientUrl());
            try (Connection c = DriverManager.getConnection(json.clientUrl());
                    PreparedStatement p =
                            c.prepareStatement("select count(*) from stripe.customers where email <> ?")) {
                p.setString(1, "nobody@example.com");
                try (ResultSet rs = p.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(3, rs.getLong(1));
                }
            }
        }
    }

    @Test
    void readOnlyServersRefuseWrites() throws SQLException {
        try (StripeServe readOnly = StripeServe.start(
                        ServeOptions.parse(new String[] {"--port", "0", "--customers", "3", "--read-only"}, Map.of()));
                Connection c = DriverManager.getConnection(readOnly.clientUrl());
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select count(*) from stripe.customers")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
            }
            SQLException write = assertThrows(
                    SQLException.class, () -> s.executeUpdate("delete from stripe.customers where id = 'cus_x'"));
            assertEquals("25006", write.getSQLState(), write.getMessage());
            SQLException unlock = assertThrows(SQLException.class, () -> {
                c.setReadOnly(false);
                s.executeQuery("select 1").close();
            });
            assertEquals("25006", unlock.getSQLState(), unlock.getMessage());
        }
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        InetAddress other = NetworkAddresses.firstNonLoopbackAddress();
        Assumptions.assumeTrue(other != null, "this machine has no other address");
        try (Socket socket = new Socket()) {
            assertThrows(
                    IOException.class,
                    () -> socket.connect(new InetSocketAddress(other, server.port()), 2000),
                    "port " + server.port() + " answered on " + other);
        }
    }

    @Test
    void aTakenPortFailsTheStartAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ServeOptions options = ServeOptions.parse(
                    new String[] {"--port", String.valueOf(taken.getLocalPort()), "--customers", "2"}, Map.of());
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> StripeServe.start(options));
            assertEquals(SqlState.IO_ERROR, e.sqlState());
            assertTrue(
                    e.getMessage().startsWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                    e.getMessage());
        }
    }

    @Test
    void aBadUrlFailsTheStartBeforeListening() {
        ServeOptions options = ServeOptions.parse(
                new String[] {
                    "--port", "0", "--url", "jdbc:stripe:file:/dev/null/catalog?api_key=sk_test_secret_value_9999"
                },
                Map.of());
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> StripeServe.start(options));
        assertTrue(e.getMessage().startsWith("cannot serve jdbc:stripe:file:/dev/null/catalog?...: "), e.getMessage());
        assertFalse(e.getMessage().contains("sk_test_secret"), e.getMessage());
    }

    @Test
    void theBannerPutsTheUrlAloneOnStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StripeServe.printBanner(
                server,
                ServeOptions.defaults(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(server.clientUrl() + System.lineSeparator(), out.toString(StandardCharsets.UTF_8));
        String banner = err.toString(StandardCharsets.UTF_8);
        assertTrue(banner.contains("serving the built-in Stripe EMULATOR"), banner);
        assertTrue(banner.contains("no authentication: this machine only"), banner);
        assertFalse(banner.contains("sk_test_"), banner);
        assertFalse(banner.contains("unencrypted"), "no warning on loopback: " + banner);
        ByteArrayOutputStream exposedErr = new ByteArrayOutputStream();
        ServeOptions exposed = ServeOptions.parse(
                new String[] {"--host", "0.0.0.0", "--user", "analyst"},
                Map.of("STRIPE_SERVE_PASSWORD", "correct horse battery"));
        StripeServe.printBanner(
                server,
                exposed,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(exposedErr, true, StandardCharsets.UTF_8));
        String exposedBanner = exposedErr.toString(StandardCharsets.UTF_8);
        assertTrue(exposedBanner.contains("HTTP BASIC as analyst"), exposedBanner);
        assertTrue(exposedBanner.contains("sends the password unencrypted"), exposedBanner);
        assertFalse(exposedBanner.contains("horse"), exposedBanner);
    }

    @Test
    void closeIsIdempotentAndStopsListening() throws Exception {
        StripeServe other =
                StripeServe.start(ServeOptions.parse(new String[] {"--port", "0", "--customers", "2"}, Map.of()));
        int port = other.port();
        Connection leftOpen = DriverManager.getConnection(other.clientUrl());
        assertNotNull(leftOpen.getMetaData().getURL());
        other.close();
        other.close();
        other.join();
        try (Socket socket = new Socket()) {
            assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress("127.0.0.1", port), 2000));
        }
        assertThrows(SQLException.class, leftOpen::close, "the server is gone");
    }
}
