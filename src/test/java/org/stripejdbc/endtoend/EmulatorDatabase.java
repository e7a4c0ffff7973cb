package org.stripejdbc.endtoend;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * A zero-config stripe-jdbc database on a local {@link StripeEmulator}, the way the end-to-end tests (and users
 * trying the driver) connect: {@code jdbc:stripe:mem:<unique>?api_url=<emulator>} with the emulator's key as
 * password, so that the first connection creates {@code stripe_server} and imports every table into {@code stripe}.
 *
 * <p>Example: {@code try (EmulatorDatabase db = EmulatorDatabase.start(StripeEmulator.builder().customers(40)))
 * { db.connect().createStatement().executeQuery("select count(*) from stripe.customers"); }}
 */
final class EmulatorDatabase implements AutoCloseable {
    private final StripeEmulator emulator;
    private final String url;

    private EmulatorDatabase(StripeEmulator emulator, String extraProperties) {
        this.emulator = Objects.requireNonNull(emulator, "emulator");
        this.url = "jdbc:stripe:mem:it-" + UUID.randomUUID() + "?api_url="
                + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8)
                + "&requests_per_second=0" + extraProperties;
    }

    /** Starts the emulator; extra URL properties ({@code "&max_retries=0"}) are appended to the URL. */
    static EmulatorDatabase start(StripeEmulator.Builder builder, String extraProperties) {
        return new EmulatorDatabase(builder.start(), extraProperties);
    }

    static EmulatorDatabase start(StripeEmulator.Builder builder) {
        return start(builder, "");
    }

    StripeEmulator emulator() {
        return emulator;
    }

    /** The JDBC URL (no secret in it: the key goes as password). */
    String url() {
        return url;
    }

    String user() {
        return "stripe";
    }

    String password() {
        return emulator.apiKey();
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        return DriverManager.getConnection(url, properties);
    }

    /** The pages a sequential walk of the whole {@code object} list reads: ⌈objects / 100⌉ (1 when empty). */
    int listPages(String object) {
        return Math.max(1, (emulator.count(object) + 99) / 100);
    }

    /** The requests logged since the last {@link #clearRequests()} that match. */
    List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return emulator.requestLog().stream().filter(filter).toList();
    }

    List<RecordedRequest> requests() {
        return emulator.requestLog();
    }

    void clearRequests() {
        emulator.clearRequestLog();
    }

    @Override
    public void close() {
        emulator.close();
    }
}
