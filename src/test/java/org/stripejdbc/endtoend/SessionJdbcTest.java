package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.stripe.objects.StripeObjects;

/** Zero-config, session settings, EXPLAIN and error hygiene through DriverManager on the emulator. */
class SessionJdbcTest {
    private static StripeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder().customers(30).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "anyone");
        p.setProperty("password", emulator.apiKey());
        return DriverManager.getConnection(
                "jdbc:stripe:mem:session-" + UUID.randomUUID() + "?api_url=" + emulator.baseUrl(), p);
    }

    private static List<String> column(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(1));
        }
        return out;
    }

    @Test
    void zeroConfigImportsEveryObjectWithTheKeyInTheVault() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            ResultSet rs = c.getMetaData().getTables(null, "stripe", "%", null);
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
            assertEquals(StripeObjects.all().size(), tables.size(), tables.toString());
            assertTrue(tables.contains("billing_meters") && tables.contains("checkout_sessions"));
            assertEquals(List.of("stripe"), column(s.executeQuery("select name from vault.secrets")));
            assertEquals(
                    "30",
                    column(s.executeQuery("select count(*) from customers")).get(0));
        }
    }

    @Test
    void sessionSettingsAndFunctionsToolsAskFor() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            assertEquals(List.of("stripe"), column(s.executeQuery("select current_schema()")));
            assertTrue(column(s.executeQuery("select version()")).get(0).contains("stripe-jdbc"));
            s.execute("set search_path to public");
            assertEquals(List.of("public"), column(s.executeQuery("show search_path")));
            assertThrows(SQLException.class, () -> s.executeQuery("select * from customers"));
            c.setSchema("stripe");
            assertEquals("stripe", c.getSchema());
            assertEquals(
                    1,
                    column(s.executeQuery("select id from customers limit 1")).size());
            s.execute("set application_name = 'dbeaver'");
            assertEquals(List.of("dbeaver"), column(s.executeQuery("show application_name")));
            s.execute("begin");
            s.execute("commit");
        }
    }

    @Test
    void explainShowsTheLimitThatIsSent() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            String plan = String.join("\n", column(s.executeQuery("explain select id from stripe.customers limit 5")));
            assertTrue(plan.contains("GET /v1/customers?limit=5"), plan);
            String filtered = String.join(
                    "\n",
                    column(s.executeQuery("explain select id from stripe.customers where name like 'A%' limit 5")));
            assertTrue(filtered.contains("limit=100"), filtered);
            assertTrue(filtered.contains("Local filter"), filtered);
        }
    }

    @Test
    void badValuesAreRejectedBeforeAnyRequest() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            emulator.clearRequestLog();
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate("insert into stripe.products (name, active) values ('x', 'maybe')"));
            assertEquals("22P02", e.getSQLState(), e.getMessage());
            assertTrue(emulator.requestLog().isEmpty());
        }
    }

    /** Whatever the text, the caller gets an SQLException with a SQLSTATE, never another exception. */
    @Test
    void garbageInIsAnSqlExceptionOut() throws SQLException {
        String corpus = "select id, attrs->>'x' from stripe.customers where created > '2024-01-01' and "
                + "email in ('a', 'b') order by 1 desc limit 3; insert into stripe.customers (email) values ('x') "
                + "returning *; create foreign table t (id text) server s options (object 'x'); "
                + "update vault.secrets set secret = 'y' where name = 'z'";
        Random random = new Random(7);
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            emulator.setRequestsPerSecond(0);
            for (int i = 0; i < 300; i++) {
                int from = random.nextInt(corpus.length());
                int to = Math.min(corpus.length(), from + 1 + random.nextInt(80));
                StringBuilder sql = new StringBuilder(corpus.substring(from, to));
                if (sql.length() > 0 && random.nextBoolean()) {
                    sql.setCharAt(random.nextInt(sql.length()), "();',\"*-/".charAt(random.nextInt(9)));
                }
                try {
                    if (s.execute(sql.toString())) {
                        s.getResultSet().close();
                    }
                } catch (SQLException e) {
                    assertTrue(e.getSQLState() != null && e.getSQLState().length() == 5, sql + " -> " + e);
                    assertFalse(e.getSQLState().equals("XX000"), sql + " -> internal error " + e.getMessage());
                }
            }
        }
    }
}
