package org.stripejdbc.serve;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.stripejdbc.error.SqlState;

/**
 * Avatica's {@link JdbcMeta} (one driver connection per remote connection) over one stripe-jdbc URL, with the
 * server in charge of the connection properties.
 * <ul>
 *   <li>Security: a remote client's connection properties are dropped except {@value #CLIENT_PROPERTY_SCHEMA}.
 *       Stock {@code JdbcMeta} lets them override the server's, so a client could swap the {@code api_url}
 *       (sending the served key elsewhere), the key itself or the vault key. The thin client also sends its own
 *       {@code url}, {@code serialization}, {@code avatica_user} and {@code avatica_password}, which the
 *       driver must not see.</li>
 *   <li>With {@code readOnly}, every connection is made read-only before a client sees it, and a client's
 *       {@code setReadOnly(false)} fails with SQLSTATE 25006. Without it a client's {@code setReadOnly} works
 *       both ways.</li>
 *   <li>{@link #closeAllConnections()} closes what clients left open when the server stops.</li>
 * </ul>
 * <pre>
 *   thin client properties {schema=billing, password=x, api_url=http://elsewhere/}
 *   →  driver connection: jdbc:stripe:mem:serve?api_url=http://127.0.0.1:PORT/v1/  with {password=served key, schema=billing}
 * </pre>
 */
final class ServedJdbcMeta extends JdbcMeta {
    static final String CLIENT_PROPERTY_SCHEMA = "schema";
    private static final Set<String> CLIENT_PROPERTIES = Set.of(CLIENT_PROPERTY_SCHEMA);

    private final boolean readOnly;
    private final Set<String> openConnections = ConcurrentHashMap.newKeySet();

    ServedJdbcMeta(String url, Properties serverProperties, boolean readOnly) throws SQLException {
        super(Objects.requireNonNull(url, "url"), copy(Objects.requireNonNull(serverProperties, "serverProperties")));
        this.readOnly = readOnly;
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    /** The client properties the driver gets: only the allowed names, and never an empty value. */
    static Map<String, String> allowedClientProperties(Map<String, String> clientProperties) {
        Map<String, String> allowed = new HashMap<>();
        if (clientProperties != null) {
            clientProperties.forEach((name, value) -> {
                if (name != null && value != null && !value.isEmpty() && CLIENT_PROPERTIES.contains(name)) {
                    allowed.put(name, value);
                }
            });
        }
        return allowed;
    }

    @Override
    public void openConnection(ConnectionHandle handle, Map<String, String> clientProperties) {
        super.openConnection(handle, allowedClientProperties(clientProperties));
        openConnections.add(handle.id);
    }

    @Override
    protected Connection createConnection(String url, Properties info) throws SQLException {
        Connection connection = super.createConnection(url, info);
        try {
            // Set explicitly either way: a fresh driver connection reports isReadOnly() = true (Avatica's default
            // for an unset value), so JdbcMeta would see a client's setReadOnly(true) as no change and skip it.
            connection.setReadOnly(readOnly);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    protected void apply(Connection connection, ConnectionProperties properties) throws SQLException {
        if (readOnly && Boolean.FALSE.equals(properties.isReadOnly())) {
            throw new SQLException("this server only serves read-only connections (started with --read-only)",
                    SqlState.READ_ONLY_SQL_TRANSACTION.code());
        }
        super.apply(connection, properties);
    }

    @Override
    public void closeConnection(ConnectionHandle handle) {
        openConnections.remove(handle.id);
        super.closeConnection(handle);
    }

    /** Closes every connection a client opened and did not close (the server is stopping). */
    void closeAllConnections() {
        for (String id : List.copyOf(openConnections)) {
            try {
                closeConnection(new ConnectionHandle(id));
            } catch (RuntimeException e) {
                // Best effort at shutdown: one failing close must not keep the others open.
                openConnections.remove(id);
            }
        }
    }

    /** How many client connections are open (for tests and the shutdown message). */
    int openConnectionCount() {
        return openConnections.size();
    }
}
