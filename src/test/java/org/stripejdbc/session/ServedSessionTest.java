package org.stripejdbc.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stripejdbc.driver.StripeDriver;

/**
 * The served restriction in the engine itself, without the HTTP server: sessions of
 * {@link StripeEngine#served()} next to ordinary ones on the same catalog. The end-to-end proof through Avatica's
 * thin client is {@code serve.ServedTrustTest}; this covers what needs a local connection in between.
 */
class ServedSessionTest {
    private String url;

    @BeforeEach
    void catalog() throws SQLException {
        url = "jdbc:stripe:mem:served-session-" + UUID.randomUUID();
        Properties zeroConfig = new Properties();
        zeroConfig.setProperty("api_key", "sk_test_served_session_0001");
        zeroConfig.setProperty("api_url", "http://127.0.0.1:9/v1/"); // nothing here sends a request
        DriverManager.getConnection(url, zeroConfig).close();
    }

    private Connection served() throws SQLException {
        return new StripeDriver(StripeEngine.instance().served()).connect(url, new Properties());
    }

    @Test
    void aStatementPreparedBeforeTheOperatorAddedARoutingOptionIsRefusedWhenItRuns() throws SQLException {
        try (Connection local = DriverManager.getConnection(url);
                Connection served = served()) {
            local.createStatement()
                    .execute("create foreign table public.t (id text) server stripe_server"
                            + " options (object 'customers')");
            PreparedStatement drop = served.prepareStatement("drop foreign table public.t");
            local.createStatement().execute("alter foreign table public.t options (add stripe_account 'acct_1')");
            SQLException e = assertThrows(SQLException.class, drop::execute);
            assertEquals("42501", e.getSQLState());
            assertTrue(
                    e.getMessage()
                            .startsWith("served connections cannot drop foreign table public.t, which has"
                                    + " option stripe_account: "),
                    e.getMessage());
            local.createStatement().execute("alter foreign table public.t options (drop stripe_account)");
            drop.execute(); // without the option, the served client may drop its table
        }
    }

    @Test
    void aScriptIsCheckedWholeBeforeItsFirstStatementRuns() throws SQLException {
        try (Connection served = served();
                Statement s = served.createStatement()) {
            SQLException e = assertThrows(
                    SQLException.class,
                    () -> s.execute("create schema first; alter server stripe_server rename to other"));
            assertEquals("42501", e.getSQLState());
            s.execute("create schema first"); // it was not created by the refused script
        }
    }

    @Test
    void aTextOfSeveralStatementsIsRefusedBeforeAnyRuns() throws SQLException {
        // The remote protocol returns only a text's first result: the others would run without being reported.
        try (Connection served = served();
                Statement s = served.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("create schema one; select 1"));
            assertEquals("0A000", e.getSQLState());
            assertTrue(e.getMessage().startsWith("a served connection runs one statement per call"), e.getMessage());
            s.execute("create schema one"); // it was not created by the refused text
        }
    }

    @Test
    void theSameStatementsRunOnAnOrdinarySession() throws SQLException {
        try (Connection local = DriverManager.getConnection(url);
                Statement s = local.createStatement()) {
            s.execute("create schema first; alter server stripe_server rename to other");
            s.execute("alter server other options (set api_url 'http://127.0.0.1:10/v1/')");
            try (ResultSet rs = s.executeQuery("select decrypted_secret from vault.decrypted_secrets")) {
                assertTrue(rs.next());
                assertEquals("sk_test_served_session_0001", rs.getString(1));
            }
        }
    }
}
