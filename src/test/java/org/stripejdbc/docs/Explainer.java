package org.stripejdbc.docs;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Runs {@code EXPLAIN} on a zero-config in-memory catalog (no request is ever made: EXPLAIN only plans), so that
 * the generated docs show the requests the planner really builds.
 *
 * <p>Example: {@code explainer.requests("select * from stripe.customers where email = 'a@b.c'")} gives
 * {@code ["GET /v1/customers?email=a%40b.c&limit=100"]}; a statement the planner refuses gives its message as
 * {@code "error 0A000: stripe.tokens can only be read by id: ..."}.
 */
final class Explainer implements AutoCloseable {
    /** A documentation-only key: EXPLAIN never sends it anywhere (the URL is an unused loopback port). */
    private static final String KEY = "sk_test_documentation_only";

    private final Connection connection;

    Explainer() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("password", KEY);
        properties.setProperty("api_url", "http://127.0.0.1:9/v1/");
        // The same plan whatever other tests of the JVM wrote lately (search's read-your-writes would list instead).
        properties.setProperty("search_after_write", "0");
        this.connection = DriverManager.getConnection("jdbc:stripe:mem:docs-" + UUID.randomUUID(), properties);
    }

    /** The whole EXPLAIN output. */
    List<String> explain(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("explain " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    /** The {@code Request:} lines of the plan, or the planner's refusal as {@code error <SQLSTATE>: <message>}. */
    List<String> requests(String sql) {
        try {
            return explain(sql).stream()
                    .map(String::trim)
                    .filter(l -> l.startsWith("Request: "))
                    .map(l -> l.substring("Request: ".length()))
                    .toList();
        } catch (SQLException e) {
            return List.of("error " + e.getSQLState() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
