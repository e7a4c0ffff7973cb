package org.stripejdbc.serve;

import java.io.PrintStream;
import java.net.BindException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import org.eclipse.jetty.server.Server;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The serve mode: Avatica's HTTP server over the driver, so that Avatica's thin JDBC client and other Avatica
 * clients query the same catalog from other processes, languages or (with authentication) machines.
 * <pre>
 *   java -jar target/stripe-jdbc-&lt;version&gt;-server.jar              the emulator on 127.0.0.1:8765
 *   → prints  jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF
 *
 *   try (StripeServe server = StripeServe.start(ServeOptions.parse(new String[] {"--port", "0"}, Map.of()))) {
 *       Connection c = DriverManager.getConnection(server.clientUrl());      //
 *     org.apache.calcite.avatica.remote.Driver
 *       c.createStatement().executeQuery("select count(*) from stripe.customers");
 *   }
 * </pre>
 * Each remote connection is one driver connection ({@code JdbcMeta}) to the served URL, with the served key;
 * clients choose only the {@code schema} property. Security: every such connection is a served session, which
 * never reads decrypted secrets and never changes servers, the vault or where requests go (42501; see
 * {@link ServedJdbcMeta}). It listens on {@code 127.0.0.1} unless told
 * otherwise, and anywhere else only with HTTP BASIC authentication ({@link ServeOptions}). Errors keep the
 * driver's SQLSTATE on the client.
 */
public final class StripeServe implements AutoCloseable {
    private final ServeOptions options;
    private final ServedCatalog catalog;
    private final ServedJdbcMeta meta;
    private final HttpServer server;
    private final int port;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean closed;

    private StripeServe(ServeOptions options, ServedCatalog catalog, ServedJdbcMeta meta, HttpServer server) {
        this.options = options;
        this.catalog = catalog;
        this.meta = meta;
        this.server = server;
        this.port = server.getPort();
    }

    /**
     * Opens the catalog (starting the emulator when it is the default), then listens. Fails with a
     * {@link StripeJdbcException} when the catalog cannot be opened or the port is taken; nothing is left
     * running then.
     */
    public static StripeServe start(ServeOptions options) {
        Objects.requireNonNull(options, "options");
        ServedCatalog catalog = ServedCatalog.open(options);
        ServedJdbcMeta meta;
        try {
            meta = new ServedJdbcMeta(catalog.url(), catalog.connectionProperties(), options.readOnly());
        } catch (SQLException | RuntimeException e) {
            catalog.close();
            throw new StripeJdbcException(
                    SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                    "cannot serve " + ServeOptions.withoutProperties(catalog.url()) + ": " + e.getMessage(),
                    e);
        }
        HttpServer server = build(options, meta);
        try {
            server.start();
        } catch (RuntimeException e) {
            stopQuietly(server);
            catalog.close();
            throw new StripeJdbcException(
                    SqlState.IO_ERROR,
                    "cannot listen on " + options.bindAddress() + ":" + options.port() + ": " + rootMessage(e),
                    e);
        }
        return new StripeServe(options, catalog, meta, server);
    }

    private static HttpServer build(ServeOptions options, ServedJdbcMeta meta) {
        List<ServerCustomizer<Server>> customizers = new ArrayList<>();
        customizers.add(new ConnectorHostCustomizer(options.bindAddress().host()));
        HttpServer.Builder<Server> builder = new HttpServer.Builder<Server>()
                .withHandler(new SqlStatePreservingService(new LocalService(meta)), serialization(options))
                .withPort(options.port());
        if (options.credentials() != null) {
            builder.withBasicAuthentication(
                    BasicUserCustomizer.NO_PROPERTIES_FILE, new String[] {BasicUserCustomizer.ROLE});
            customizers.add(new BasicUserCustomizer(options.credentials()));
        }
        return builder.withServerCustomizers(customizers, Server.class).build();
    }

    private static Driver.Serialization serialization(ServeOptions options) {
        return switch (options.serialization()) {
            case PROTOBUF -> Driver.Serialization.PROTOBUF;
            case JSON -> Driver.Serialization.JSON;
        };
    }

    private static String rootMessage(Throwable thrown) {
        Throwable current = thrown;
        for (int depth = 0; current.getCause() != null && depth < 16; depth++) {
            if (current instanceof BindException) {
                break;
            }
            current = current.getCause();
        }
        return current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage();
    }

    private static void stopQuietly(HttpServer server) {
        try {
            server.stop();
        } catch (RuntimeException e) {
            // The start failed before Jetty was created, or it is already down: nothing left to stop.
        }
    }

    /** The port listened on (the chosen one when started with port 0). */
    public int port() {
        return port;
    }

    /**
     * The URL for Avatica's thin client. With authentication it names BASIC and the user; the client adds
     * {@code avatica_password} itself (as a property or {@code ;avatica_password=...}).
     * <pre>
     *   jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF
     *   jdbc:avatica:remote:url=http://db.example:8765;serialization=PROTOBUF;authentication=BASIC;avatica_user=analyst
     * </pre>
     */
    public String clientUrl() {
        String url = "jdbc:avatica:remote:url=" + httpUrl() + ";serialization=" + options.serialization();
        if (options.credentials() != null) {
            url += ";authentication=BASIC;avatica_user=" + options.credentials().user();
        }
        return url;
    }

    /** The HTTP endpoint, {@code http://HOST:PORT}. */
    public String httpUrl() {
        return "http://" + options.bindAddress().urlHost() + ":" + port;
    }

    /** What is served, for people (no secrets). */
    public String description() {
        return catalog.description();
    }

    /** The Avatica meta behind the server (tests in this package close connections under a client). */
    ServedJdbcMeta meta() {
        return meta;
    }

    /** Blocks until {@link #close()} (from another thread or the shutdown hook). */
    public void join() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening, closes what clients left open, and stops an owned emulator. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stopQuietly(server);
            meta.closeAllConnections();
        } finally {
            catalog.close();
            stopped.countDown();
        }
    }

    @Override
    public String toString() {
        return "StripeServe[" + httpUrl() + ", " + options.serialization()
                + (options.credentials() == null
                        ? ""
                        : ", BASIC " + options.credentials().user()) + "]";
    }

    /** {@code java -cp ... org.stripejdbc.serve.StripeServe --help}; exits 2 on a bad option, 1 if it cannot start. */
    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Parses, starts, prints the client URL on {@code out} (alone on its line, for scripts) and the rest on
     * {@code err}, then serves until the JVM is stopped. Returns the exit status when it cannot start.
     */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        ServeOptions options;
        try {
            options = ServeOptions.parse(args, environment);
        } catch (StripeJdbcException e) {
            err.println("stripe-jdbc serve: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            err.print(ServeOptions.usage());
            return 0;
        }
        StripeServe server;
        try {
            server = start(options);
        } catch (StripeJdbcException e) {
            err.println("stripe-jdbc serve: " + e.getMessage() + " (SQLSTATE "
                    + e.sqlState().code() + ")");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stripe-jdbc-serve-shutdown"));
        printBanner(server, options, out, err);
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    static void printBanner(StripeServe server, ServeOptions options, PrintStream out, PrintStream err) {
        err.println("stripe-jdbc serve: serving " + server.description());
        err.println("  on " + server.httpUrl() + " (" + options.serialization() + ", "
                + (options.credentials() == null
                        ? "no authentication: this machine only"
                        : "HTTP BASIC as " + options.credentials().user())
                + (options.readOnly() ? ", read-only" : "") + "). Clients connect with:");
        out.println(server.clientUrl());
        out.flush();
        err.println("  (Avatica's thin client: org.apache.calcite.avatica:avatica-core 1.28.0, driver class "
                + "org.apache.calcite.avatica.remote.Driver"
                + (options.credentials() == null ? "" : "; add avatica_password") + "). Ctrl-C stops.");
        if (!options.bindAddress().loopback()) {
            err.println("  Note: HTTP BASIC sends the password unencrypted; across networks put a TLS proxy or an"
                    + " SSH tunnel in front.");
        }
    }
}
