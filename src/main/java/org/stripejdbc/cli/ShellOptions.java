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
 *   java -jar ... -e "select 1" -f a.sql -f b.sql       in the order given, stopping at the first error
 *   java -jar ... --api-key-file ~/.stripe-key          the key from a file (never visible in ps)
 *   java -jar ... --live                                the real API; without a key, asks for it (no echo)
 *   java -jar ... --customers 5000                      emulator size
 * </pre>
 */
record ShellOptions(
        String apiKey,
        String apiKeyFile,
        String url,
        List<Input> inputs,
        int customers,
        boolean help,
        boolean live,
        String outputFormat,
        List<String> sqllineOptions) {

    /** One {@code -e} text or {@code -f} file, in the order given on the command line. */
    record Input(boolean file, String text) {}

    ShellOptions {
        inputs = List.copyOf(inputs);
        sqllineOptions = List.copyOf(sqllineOptions);
    }

    boolean interactive() {
        return inputs.isEmpty();
    }

    static ShellOptions parse(String[] args) {
        String apiKey = null;
        String apiKeyFile = null;
        String url = null;
        List<Input> inputs = new ArrayList<>();
        String outputFormat = "table";
        int customers = 300;
        boolean help = false;
        boolean live = false;
        List<String> passthrough = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = Objects.requireNonNull(args[i]);
            switch (a) {
                case "--api-key":
                    apiKey = value(args, ++i, a);
                    break;
                case "--api-key-file":
                    apiKeyFile = value(args, ++i, a);
                    break;
                case "--url":
                    url = value(args, ++i, a);
                    break;
                case "-e":
                case "--execute":
                    inputs.add(new Input(false, value(args, ++i, a)));
                    break;
                case "-f":
                case "--file":
                    inputs.add(new Input(true, value(args, ++i, a)));
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
                case "--live":
                    live = true;
                    break;
                case "-h":
                case "--help":
                    help = true;
                    break;
                default:
                    if (a.startsWith("--outputformat=")) {
                        outputFormat = a.substring("--outputformat=".length());
                        passthrough.add(a);
                    } else if (a.startsWith("--") && a.contains("=")) {
                        passthrough.add(a); // a sqlline option such as --outputformat=csv
                    } else {
                        throw new IllegalArgumentException("unknown option " + a + " (try --help)");
                    }
            }
        }
        if (!inputs.isEmpty() && !ScriptRunner.FORMATS.contains(outputFormat)) {
            throw new IllegalArgumentException("--outputformat with -e or -f is one of " + ScriptRunner.FORMATS);
        }
        return new ShellOptions(apiKey, apiKeyFile, url, inputs, customers, help, live, outputFormat, passthrough);
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
                "  (STRIPE_API_KEY=...)    the real Stripe API with that key, default catalog",
                "  --api-key-file FILE     the real Stripe API with the key read from FILE",
                "  --api-key KEY           the same, but the key shows in ps: prefer the two above",
                "  --live                  the real Stripe API; with no key from the above, asks for it (no echo)",
                "  --url URL               connect to any jdbc:stripe: URL (the key from the sources above)",
                "  -e SQL                  run SQL, print the result (repeatable)",
                "  -f FILE                 run a script (repeatable); -e and -f run in the order given and stop at",
                "                          the first error with exit status 1",
                "  --outputformat=F        table, csv, tsv or json (with -e/-f; any sqlline format interactively)",
                "  \\dt \\d TABLE \\dn \\x   psql's meta-commands, in the shell and in scripts (\\? lists them)",
                "  --customers N           emulator size (default 300 customers)",
                "  --NAME=VALUE            a sqlline option for the interactive shell, e.g. --outputformat=csv",
                "");
    }
}
