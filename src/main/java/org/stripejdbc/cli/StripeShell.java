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
import java.util.Arrays;
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
        return run(args, in, err, ShellEnvironment.SYSTEM);
    }

    static int run(String[] args, InputStream in, PrintStream err, ShellEnvironment environment) {
        ShellOptions options = ShellOptions.parse(args);
        if (options.help()) {
            System.out.print(ShellOptions.usage()); // --help is asked for: stdout, so that it pipes into less
            System.out.flush();
            return 0;
        }
        String key = apiKey(options, environment, err);
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
                    err.println("For your real account: STRIPE_API_KEY, --api-key-file FILE or --live; \\q to leave.");
                }
            }
            url = withProgress(url, environment);
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
                "--connectInteractionMode=notAskCredentials",
                "--verbose=false",
                "--showNestedErrs=false",
                "-ac",
                StripeSqlLineApplication.class.getName()));
        sqllineArgs.addAll(options.sqllineOptions());
        try {
            // SqlLine.start would System.exit; begin returns the status instead.
            SqlLine sqlLine = new StripeSqlLine();
            sqlLine.setErrorStream(err);
            SqlLine.Status status = sqlLine.begin(sqllineArgs.toArray(new String[0]), in, true);
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
     * With {@code --live} and none of them, the key is asked for on the console without echo, and without a console
     * the shell stops with a message naming the three sources. Null when there is none (the emulator).
     */
    static String apiKey(ShellOptions options, ShellEnvironment environment, PrintStream err) {
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
        String variable = environment.apiKeyVariable();
        if (variable != null && !variable.isBlank()) {
            return variable.strip();
        }
        return options.live() ? promptedKey(environment) : null;
    }

    static final String NO_KEY = "--live needs a Stripe API key: set STRIPE_API_KEY, pass --api-key-file FILE, or run"
            + " the shell in a terminal to type the key at its prompt";

    private static String promptedKey(ShellEnvironment environment) {
        char[] typed = environment.readSecret("Stripe API key (not shown): ");
        if (typed == null) {
            throw new IllegalArgumentException(NO_KEY);
        }
        String key = new String(typed).strip();
        Arrays.fill(typed, ' ');
        if (key.isEmpty()) {
            throw new IllegalArgumentException("no key typed; " + NO_KEY);
        }
        return key;
    }

    /**
     * The URL with scan progress on stderr when stderr is a terminal (interactive or not: a long {@code -e} query
     * shows it too), and without it when stderr goes to a file or a pipe.
     */
    static String withProgress(String url, ShellEnvironment environment) {
        if (!environment.stderrIsTerminal()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "progress=true";
    }

    private static String maskKey(String key) {
        return Secret.mask(key);
    }
}
