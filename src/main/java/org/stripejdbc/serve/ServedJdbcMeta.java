package org.stripejdbc.serve;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.driver.StripeDriver;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.session.StripeEngine;

/**
 * Avatica's {@link JdbcMeta} (one driver connection per remote connection) over one stripe-jdbc URL, with the
 * server in charge of the connection properties.
 * <ul>
 *   <li>Security: every connection is a served session ({@link StripeEngine#served()}): it never reads decrypted
 *       secrets and never changes servers, the vault or the options that route requests (42501). The connections
 *       come from a driver instance of this class's own over that factory, not from {@code DriverManager}, so no
 *       property or URL a client could influence decides whether a session is restricted.</li>
 *   <li>Security: of a remote client's connection properties only {@value #CLIENT_PROPERTY_SCHEMA} reaches the
 *       driver. Any other stripe-jdbc property ({@code api_key}, {@code api_url}, {@code stripe_account},
 *       {@code api_version}, {@code vault_key}, timeouts, rate...) fails the connection with 42501: stock
 *       {@code JdbcMeta} would let it override the server's, sending the served key elsewhere. {@code user} and
 *       {@code password} (a tool's login form; the served key is always the server's) and properties the driver
 *       does not know (the thin client's own, such as {@code url} or {@code timeZone}) are ignored.</li>
 *   <li>With {@code readOnly}, every connection is made read-only before a client sees it, and a client's
 *       {@code setReadOnly(false)} fails with SQLSTATE 25006. Without it a client's {@code setReadOnly} works
 *       both ways.</li>
 *   <li>{@link #closeAllConnections()} closes what clients left open when the server stops.</li>
 * </ul>
 * <pre>
 *   thin client properties {schema=billing, user=me, password=x, timeZone=UTC}
 *   →  served driver connection: jdbc:stripe:mem:serve?api_url=http://127.0.0.1:PORT/v1/
 *      with {password=served key, schema=billing}
 *   thin client properties {api_url=http://elsewhere/v1/}  →  refused: 42501
 * </pre>
 */
final class ServedJdbcMeta extends JdbcMeta {
    static final String CLIENT_PROPERTY_SCHEMA = "schema";
    private static final Set<String> CLIENT_PROPERTIES = Set.of(CLIENT_PROPERTY_SCHEMA);

    /** The thin client's login pair: never the API key here, and never passed on. */
    private static final Set<String> IGNORED_LOGIN_PROPERTIES = Set.of("user", "password");

    private final boolean readOnly;
    private final StripeDriver servedDriver =
            new StripeDriver(StripeEngine.instance().served());
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

    /**
     * The client properties the driver gets: only the allowed names, and never an empty value. Security: a
     * non-empty stripe-jdbc property other than those (names compared as the driver does: any case, {@code -} for
     * {@code _}) is refused with an {@link SQLException} 42501 naming it (never its value).
     * <pre>
     *   {schema=billing, user=me, password=x, timeZone=UTC}  →  {schema=billing}
     *   {api_url=http://elsewhere/v1/}                         →  42501 served connections cannot set connection
     *     property api_url: ...
     * </pre>
     */
    static Map<String, String> allowedClientProperties(Map<String, String> clientProperties) throws SQLException {
        Map<String, String> allowed = new HashMap<>();
        if (clientProperties == null) {
            return allowed;
        }
        Map<String, String> given = new TreeMap<>(); // sorted: the same property is named every time
        clientProperties.forEach((name, value) -> {
            if (name != null && value != null && !value.isEmpty()) {
                given.put(name, value);
            }
        });
        for (Map.Entry<String, String> entry : given.entrySet()) {
            String name = entry.getKey();
            String value = entry.getValue();
            String key = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
            if (CLIENT_PROPERTIES.contains(key)) {
                allowed.put(key, value);
            } else if (!IGNORED_LOGIN_PROPERTIES.contains(key)
                    && ConnectionProperty.byKey(name).isPresent()) {
                throw new SQLException(
                        "served connections cannot set connection property " + key
                                + ": the server alone decides the catalog, the key, where requests go and with which "
                                + "account"
                                + " or version (clients choose only " + String.join(", ", CLIENT_PROPERTIES) + ")",
                        SqlState.INSUFFICIENT_PRIVILEGE.code());
            }
        }
        return allowed;
    }

    @Override
    public void openConnection(ConnectionHandle handle, Map<String, String> clientProperties) {
        Map<String, String> allowed;
        try {
            allowed = allowedClientProperties(clientProperties);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e); // SqlStatePreservingService sends the 42501 on
        }
        super.openConnection(handle, allowed);
        openConnections.add(handle.id);
    }

    @Override
    protected Connection createConnection(String url, Properties info) throws SQLException {
        // Security: the served driver, never DriverManager (whose stripe-jdbc driver opens unrestricted sessions).
        Connection connection = servedDriver.connect(url, info);
        if (connection == null) {
            throw new SQLException(
                    "not a stripe-jdbc URL: " + ServeOptions.withoutProperties(url),
                    SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION.code());
        }
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
            throw new SQLException(
                    "this server only serves read-only connections (started with --read-only)",
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
