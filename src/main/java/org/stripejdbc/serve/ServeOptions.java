package org.stripejdbc.serve;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

/**
 * The serve mode's command line, validated: what to serve, where to listen, and who may connect.
 * <pre>
 *   (no options)                         the built-in emulator, in-memory catalog, 127.0.0.1:8765, PROTOBUF
 *   STRIPE_API_KEY=sk_test_...           the real API, default catalog (~/.stripe-jdbc/default)
 *   --url jdbc:stripe:file:/srv/catalog  any stripe-jdbc URL (the key from --api-key or STRIPE_API_KEY, if any)
 *   --port 0                             an ephemeral port
 *   --host 0.0.0.0 --user analyst --password-file pw.txt     every interface: authentication is required
 * </pre>
 * Security: a host that is not loopback without {@code --user} and a password is refused here, before anything
 * listens. The password comes from {@code --password-file} or the {@code STRIPE_SERVE_PASSWORD} variable,
 * never from the command line (where {@code ps} would show it).
 *
 * @param url           the stripe-jdbc URL to serve, or null for the default (emulator, or the default catalog
 *                      when there is a key)
 * @param apiKey        the Stripe key ({@code --api-key} or {@code STRIPE_API_KEY}), or null
 * @param customers     the emulator's size in customers (only without a key and URL)
 * @param bindAddress   where to listen
 * @param port          the TCP port, 0 for an ephemeral one
 * @param serialization the wire format clients must ask for
 * @param credentials   the HTTP BASIC user, or null for no authentication (loopback only)
 * @param readOnly      whether every served connection is read-only (writes fail with SQLSTATE 25006)
 * @param help          whether to print the usage and exit
 */
public record ServeOptions(
        String url,
        Secret apiKey,
        int customers,
        BindAddress bindAddress,
        int port,
        Serialization serialization,
        BasicCredentials credentials,
        boolean readOnly,
        boolean help) {
    public static final int DEFAULT_PORT = 8765;
    public static final int DEFAULT_CUSTOMERS = 300;
    static final String API_KEY_VARIABLE = "STRIPE_API_KEY";
    static final String USER_VARIABLE = "STRIPE_SERVE_USER";
    static final String PASSWORD_VARIABLE = "STRIPE_SERVE_PASSWORD";

    /** Avatica's two wire formats; the thin client's {@code serialization=} must name the same one. */
    public enum Serialization {
        PROTOBUF,
        JSON;

        static Serialization parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "--serialization: \"" + text + "\" is neither protobuf nor json");
            }
        }
    }

    public ServeOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(serialization, "serialization");
        if (port < 0 || port > 65535) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "--port: " + port + " is not a TCP port (0 to 65535; 0 picks a free one)");
        }
        if (customers < 1) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "--customers takes a positive number");
        }
        // Security: only this machine may reach a server without authentication.
        if (!bindAddress.loopback() && credentials == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "refusing to serve on " + bindAddress + " (reachable from other machines) without "
                            + "authentication: give --user and --password-file (or " + USER_VARIABLE + " and "
                            + PASSWORD_VARIABLE + "), or keep the default host " + BindAddress.DEFAULT_HOST);
        }
    }

    /** The defaults: the emulator on 127.0.0.1:8765 with PROTOBUF and no authentication. */
    public static ServeOptions defaults() {
        return parse(new String[0], Map.of());
    }

    /**
     * Parses the command line; {@code environment} supplies {@code STRIPE_API_KEY}, {@code STRIPE_SERVE_USER} and
     * {@code STRIPE_SERVE_PASSWORD} (options win). A bad option is a {@link StripeJdbcException} naming it.
     */
    public static ServeOptions parse(String[] args, Map<String, String> environment) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(environment, "environment");
        String url = null;
        String apiKey = null;
        Integer customers = null;
        String host = BindAddress.DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Serialization serialization = Serialization.PROTOBUF;
        String user = null;
        Path passwordFile = null;
        boolean readOnly = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String option = Objects.requireNonNull(args[i], "argument");
            switch (option) {
                case "--url" -> url = value(args, ++i, option);
                case "--api-key" -> apiKey = value(args, ++i, option);
                case "--customers" -> customers = number(value(args, ++i, option), option);
                case "--host" -> host = value(args, ++i, option);
                case "--port" -> port = number(value(args, ++i, option), option);
                case "--serialization" -> serialization = Serialization.parse(value(args, ++i, option));
                case "--user" -> user = value(args, ++i, option);
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, option));
                case "--read-only" -> readOnly = true;
                case "-h", "--help" -> help = true;
                default ->
                    throw new StripeJdbcException(
                            SqlState.INVALID_PARAMETER_VALUE, "unknown option " + option + " (try --help)");
            }
        }
        if (apiKey == null) {
            apiKey = environment.get(API_KEY_VARIABLE);
        }
        if (apiKey != null && apiKey.isBlank()) {
            apiKey = null;
        }
        if (url != null && !url.regionMatches(true, 0, "jdbc:stripe:", 0, "jdbc:stripe:".length())) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, "--url: not a stripe-jdbc URL (expected jdbc:stripe:...)");
        }
        if (customers != null && (url != null || apiKey != null)) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "--customers sizes the built-in emulator, which is only used without --url and an API key");
        }
        BasicCredentials credentials = credentials(user, passwordFile, environment);
        return new ServeOptions(
                url,
                apiKey == null ? null : Secret.of(apiKey),
                customers == null ? DEFAULT_CUSTOMERS : customers,
                BindAddress.of(host),
                port,
                serialization,
                credentials,
                readOnly,
                help);
    }

    private static BasicCredentials credentials(String user, Path passwordFile, Map<String, String> environment) {
        if (user == null) {
            user = environment.get(USER_VARIABLE);
        }
        String environmentPassword = environment.get(PASSWORD_VARIABLE);
        boolean hasPassword = passwordFile != null || (environmentPassword != null && !environmentPassword.isEmpty());
        if (user == null && !hasPassword) {
            return null;
        }
        if (user == null) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "a password was given but no --user (or " + USER_VARIABLE + ")");
        }
        if (!hasPassword) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "--user " + user + " needs a password: --password-file FILE or " + PASSWORD_VARIABLE);
        }
        return passwordFile != null
                ? BasicCredentials.fromFile(user, passwordFile)
                : new BasicCredentials(user, Secret.of(environmentPassword));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, option + " needs a value");
        }
        return Objects.requireNonNull(args[i], "argument");
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE, option + " takes a number, not \"" + text + "\"");
        }
    }

    /** Security: the key and password are never shown. */
    @Override
    public String toString() {
        return "ServeOptions[url=" + (url == null ? "(default)" : withoutProperties(url)) + ", apiKey=" + apiKey
                + ", customers=" + customers + ", bindAddress=" + bindAddress + ", port=" + port
                + ", serialization=" + serialization + ", credentials=" + credentials + ", readOnly=" + readOnly
                + "]";
    }

    /** Security: a URL's properties may hold {@code api_key}; only the catalog part is shown. */
    static String withoutProperties(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question) + "?...";
    }

    static String usage() {
        return String.join(
                "\n",
                "stripe-jdbc serve: Avatica's HTTP server over the driver, for Avatica's thin JDBC client",
                "(jdbc:avatica:remote:url=http://HOST:PORT;serialization=PROTOBUF) and other Avatica clients.",
                "",
                "  (no options)            serve the built-in Stripe emulator with sample data (no key, no network)",
                "  --api-key KEY           serve the real Stripe API (or set STRIPE_API_KEY), default catalog",
                "  --url URL               serve any jdbc:stripe: URL (key from --api-key/STRIPE_API_KEY if any)",
                "  --customers N           emulator size (default " + DEFAULT_CUSTOMERS + " customers)",
                "  --host HOST             listen address (default " + BindAddress.DEFAULT_HOST
                        + "; anything else requires --user)",
                "  --port N                TCP port (default " + DEFAULT_PORT + "; 0 picks a free one)",
                "  --serialization FORMAT  protobuf (default) or json",
                "  --user NAME             require HTTP BASIC authentication (or set " + USER_VARIABLE + ")",
                "  --password-file FILE    the password, first line of FILE (or set " + PASSWORD_VARIABLE + ")",
                "  --read-only             every served connection is read-only (writes fail with 25006)",
                "",
                "Clients pass the user as avatica_user and the password as avatica_password. BASIC sends them",
                "unencrypted: off this machine, put a TLS proxy or an SSH tunnel in front.",
                "",
                "Clients use the served key and catalog: they never read vault.decrypted_secrets, never change",
                "servers, wrappers, extensions, the vault, or the options that route requests (api_url, api_key,",
                "api_key_id, api_key_name, stripe_account, api_version), and pass no connection property but",
                "schema (SQLSTATE 42501).",
                "");
    }
}
