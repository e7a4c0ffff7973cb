package org.stripejdbc.serve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

/**
 * What the serve mode serves: a stripe-jdbc URL with its key, and the built-in emulator when it owns one. Chosen
 * like the shell does:
 * <pre>
 *   --url jdbc:stripe:file:/srv/catalog        that URL; password = --api-key or STRIPE_API_KEY when given
 *   --api-key sk_test_... (or STRIPE_API_KEY)  jdbc:stripe:  (the default catalog), password = the key
 *   neither                                    a started emulator,
 *     jdbc:stripe:mem:serve-&lt;uuid&gt;?api_url=&lt;emulator&gt;,
 *                                              password = the emulator's key (every table imported into stripe)
 * </pre>
 * {@link #open} connects once through the driver before anything listens, so that a bad URL, catalog or key
 * fails the start rather than the first client. {@link #close()} stops an owned emulator.
 */
final class ServedCatalog implements AutoCloseable {
    private final String url;
    private final Secret password;
    private final String description;
    private final StripeEmulator emulator;

    private ServedCatalog(String url, Secret password, String description, StripeEmulator emulator) {
        this.url = Objects.requireNonNull(url, "url");
        this.password = password;
        this.description = Objects.requireNonNull(description, "description");
        this.emulator = emulator;
    }

    static ServedCatalog open(ServeOptions options) {
        Objects.requireNonNull(options, "options");
        ServedCatalog catalog;
        if (options.url() != null) {
            catalog = new ServedCatalog(options.url(), options.apiKey(), "catalog", null);
        } else if (options.apiKey() != null) {
            catalog = new ServedCatalog(
                    "jdbc:stripe:",
                    options.apiKey(),
                    "the Stripe API with key " + options.apiKey().masked() + ", catalog",
                    null);
        } else {
            StripeEmulator emulator =
                    StripeEmulator.builder().customers(options.customers()).build();
            try {
                emulator.start();
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
            String url = "jdbc:stripe:mem:serve-" + UUID.randomUUID() + "?api_url="
                    + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8);
            catalog = new ServedCatalog(
                    url,
                    Secret.of(emulator.apiKey()),
                    "the built-in Stripe EMULATOR at "
                            + emulator.baseUrl() + " with sample data (" + options.customers()
                            + " customers; nothing leaves this machine), catalog",
                    emulator);
        }
        try {
            return catalog.checked();
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    /** Connects once; the description ends with the driver's own display of the URL (secrets left out). */
    private ServedCatalog checked() {
        try (Connection connection = DriverManager.getConnection(url, connectionProperties())) {
            String shown = connection.getMetaData().getURL();
            return new ServedCatalog(url, password, description + " " + shown, emulator);
        } catch (SQLException e) {
            SqlState state = Arrays.stream(SqlState.values())
                    .filter(s -> s.code().equals(e.getSQLState()))
                    .findFirst()
                    .orElse(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION);
            throw new StripeJdbcException(
                    state, "cannot serve " + ServeOptions.withoutProperties(url) + ": " + e.getMessage(), e);
        }
    }

    /** The driver URL every remote connection opens. */
    String url() {
        return url;
    }

    /** Security: the server-side connection properties, holding the key as {@code password}; a fresh copy. */
    Properties connectionProperties() {
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password.reveal());
        }
        return properties;
    }

    /** For the start banner; never shows a secret. */
    String description() {
        return description;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public String toString() {
        return "ServedCatalog[" + description + "]";
    }
}
