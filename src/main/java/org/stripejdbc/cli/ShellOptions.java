package org.stripejdbc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The shell's command line.
 * <pre>
 *   java -jar stripe-jdbc-all.jar                       shell on the built-in emulator (no key, no network)
 *   STRIPE_API_KEY=sk_test_... java -jar ...            shell on the real API, default catalog
 *   java -jar ... --api-key sk_test_...                 the same (the key shows in ps; prefer the variable)
 *   java -jar ... --url jdbc:stripe:mem:x?api_url=...   any stripe-jdbc URL
 *   java -jar ... -e "select count(*) from stripe.customers"   run, print, exit (non-zero on error)
 *   java -jar ... -f script.sql                         run a script, exit (non-zero on error)
 *   java -jar ... --customers 5000                      emulator size
 * </pre>
 */
record ShellOptions(
        String apiKey,
        String url,
        List<String> commands,
        String file,
        int customers,
        boolean help,
        List<String> sqllineOptions) {

    ShellOptions {
        commands = List.copyOf(commands);
        sqllineOptions = List.copyOf(sqllineOptions);
    }

    boolean interactive() {
        return commands.isEmpty() && file == null;
    }

    static ShellOptions parse(String[] args) {
        String apiKey = null;
        String url = null;
        List<String> commands = new ArrayList<>();
        String file = null;
        int customers = 300;
        boolean help = false;
        List<String> passthrough = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = Objects.requireNonNull(args[i]);
            switch (a) {
                case "--api-key":
                    apiKey = value(args, ++i, a);
                    break;
                case "--url":
                    url = value(args, ++i, a);
                    break;
                case "-e":
                case "--execute":
                    commands.add(value(args, ++i, a));
                    break;
                case "-f":
                case "--file":
                    file = value(args, ++i, a);
                    break;
                case "--customers":
                    try {
                        customers = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--customers takes a number");
                    }
                    if (customers < 1) {
                        throw new IllegalArgumentException("--customers takes a positive number");
                    }
                    break;
                case "-h":
                case "--help":
                    help = true;
                    break;
                default:
                    if (a.startsWith("--") && a.contains("=")) {
                        passthrough.add(a); // a sqlline option such as --outputformat=csv
                    } else {
                        throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                    }
            }
        }
        return new ShellOptions(apiKey, url, commands, file, customers, help, passthrough);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return String.join(
                "\n",
                "stripe-jdbc shell: Postgres-style SQL over a Stripe account.",
                "",
                "  (no options)            the built-in Stripe emulator with sample data (no key, no network)",
                "  --api-key KEY           the real Stripe API (or set STRIPE_API_KEY), default catalog",
                "  --url URL               connect to any jdbc:stripe: URL",
                "  -e SQL                  run SQL, print the result, exit (repeatable; non-zero exit on error)",
                "  -f FILE                 run a script, exit (non-zero exit on error)",
                "  --customers N           emulator size (default 300 customers)",
                "  --NAME=VALUE            a sqlline option for the interactive shell, e.g. --outputformat=csv",
                "");
    }
}
