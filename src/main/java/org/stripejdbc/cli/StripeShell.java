package org.stripejdbc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.vault.Secret;
import sqlline.SqlLine;

/**
 * The interactive SQL shell: sqlline (the standard JDBC shell) on a {@code jdbc:stripe:} connection. With no
 * key it starts the built-in Stripe emulator and connects an in-memory catalog to it, so that
 * {@code select * from stripe.customers} works at once, offline. See {@link ShellOptions} for the options.
 */
public final class StripeShell {
    private StripeShell() {}

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.in, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("stripe-jdbc: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    /** Runs the shell and returns the process exit status (0 = success). */
    static int run(String[] args, InputStream in, PrintStream err) {
        ShellOptions options = ShellOptions.parse(args);
        if (options.help()) {
            System.out.print(ShellOptions.usage()); // --help is asked for: stdout, so that it pipes into less
            System.out.flush();
            return 0;
        }
        String key = apiKey(options, err);
        StripeEmulator emulator = null;
        String url;
        String password;
        try {
            if (options.url() != null) {
                url = options.url();
                password = key == null ? "" : key;
            } else if (key != null && !key.isBlank()) {
                url = "jdbc:stripe:";
                password = key;
                if (options.interactive()) {
                    err.println("stripe-jdbc: connected to the Stripe API with key " + maskKey(key)
                            + " (catalog ~/.stripe-jdbc/default).");
                }
            } else {
                emulator =
                        StripeEmulator.builder().customers(options.customers()).build();
                emulator.start();
                url = "jdbc:stripe:mem:shell-" + UUID.randomUUID() + "?api_url="
                        + URLEncoder.encode(emulator.baseUrl(), StandardCharsets.UTF_8);
                password = emulator.apiKey();
                if (options.interactive()) {
                    err.println("stripe-jdbc: no API key given, so this is the built-in Stripe EMULATOR at "
                            + emulator.baseUrl() + " with sample data (" + options.customers()
                            + " customers). Nothing leaves this machine.");
                    err.println("Try: select id, email, name from stripe.customers limit 10;");
                    err.println("Use --api-key or STRIPE_API_KEY for your real account; !quit to leave.");
                }
            }
            if (options.interactive() || stderrIsTerminal()) {
                url = url + (url.contains("?") ? "&" : "?") + "progress=true";
            }
            return runSqlLine(options, url, password, in, err);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private static int runSqlLine(ShellOptions options, String url, String password, InputStream in, PrintStream err) {
        if (!options.interactive()) {
            return runScript(options, url, password, err);
        }
        List<String> sqllineArgs = new ArrayList<>(List.of(
                "-u",
                url,
                "-n",
                "stripe",
                "-p",
                password,
                "-d",
                "org.stripejdbc.driver.StripeDriver",
                "--isolation=TRANSACTION_NONE",
                "--incremental=true",
                "--connectInteractionMode=notAskCredentials",
                "--showWarnings=false",
                "--maxColumnWidth=60",
                "--verbose=false",
                "--showNestedErrs=false",
                "-ac",
                StripeSqlLineApplication.class.getName()));
        sqllineArgs.addAll(options.sqllineOptions());
        try {
            // SqlLine.start would System.exit; begin returns the status instead.
            SqlLine.Status status = new SqlLine().begin(sqllineArgs.toArray(new String[0]), in, true);
            return status == SqlLine.Status.OK ? 0 : 1;
        } catch (IOException e) {
            throw new IllegalArgumentException("shell failed: " + e.getMessage());
        }
    }

    /**
     * {@code -e} and {@code -f}, in the order given: results on stdout, the first error on stderr, and nothing after
     * it runs (exit status 1). A file that cannot be read is an error like a failing statement.
     */
    private static int runScript(ShellOptions options, String url, String password, PrintStream err) {
        Properties properties = new Properties();
        properties.setProperty("password", password);
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            ScriptRunner runner = new ScriptRunner(connection, System.out, err, options.outputFormat());
            for (ShellOptions.Input input : options.inputs()) {
                String script = input.text();
                if (input.file()) {
                    try {
                        script = Files.readString(Path.of(input.text()));
                    } catch (IOException e) {
                        err.println("stripe-jdbc: cannot read " + input.text() + ": " + e.getMessage());
                        return 1;
                    }
                }
                if (!runner.run(script)) {
                    break;
                }
            }
            System.out.flush();
            return runner.failed() ? 1 : 0;
        } catch (SQLException e) {
            err.println("ERROR:  " + e.getMessage() + "  (SQLSTATE " + e.getSQLState() + ")");
            return 1;
        }
    }

    /**
     * Security: the key, never from the command line if it can be helped ({@code ps} shows every argument to every
     * user): {@code --api-key-file}, else {@code STRIPE_API_KEY}; {@code --api-key} still works, with a warning.
     * Null when there is none (the emulator).
     */
    static String apiKey(ShellOptions options, PrintStream err) {
        if (options.apiKeyFile() != null) {
            try {
                String key = Files.readString(Path.of(options.apiKeyFile())).strip();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("--api-key-file " + options.apiKeyFile() + " is empty");
                }
                return key;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --api-key-file " + options.apiKeyFile() + ": "
                        + e.getClass().getSimpleName());
            }
        }
        if (options.apiKey() != null) {
            err.println("stripe-jdbc: warning: --api-key shows the key to every user of this machine (ps); use"
                    + " STRIPE_API_KEY or --api-key-file instead.");
            return options.apiKey();
        }
        return System.getenv("STRIPE_API_KEY");
    }

    /** Whether stderr is a terminal (Linux: fd 2 is a tty), where scan progress helps and does not pollute a log. */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private static String maskKey(String key) {
        return Secret.mask(key);
    }
}
