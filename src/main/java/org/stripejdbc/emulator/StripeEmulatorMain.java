package org.stripejdbc.emulator;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Starts a {@link StripeEmulator} for manual use and prints its base URL and a test key, then serves until
 * interrupted (Ctrl-C).
 *
 * <pre>
 *   java -cp stripe-jdbc.jar org.stripejdbc.emulator.StripeEmulatorMain --port 12111 --customers 1000
 *   Stripe emulator listening on http://127.0.0.1:12111/v1/
 *   API key: sk_test_stripejdbc_emulator_0000
 *   curl -u sk_test_stripejdbc_emulator_0000: 'http://127.0.0.1:12111/v1/customers?limit=3'
 * </pre>
 *
 * Options: {@code --port N} (default 12111, 0 for a free port), {@code --seed N}, {@code --customers N},
 * {@code --latency-ms N}, {@code --requests-per-second N}, {@code --sliding-window-budget} (count that budget as a
 * strict sliding window: no second ever holds more, 429s say {@code Retry-After}; the default is a token bucket),
 * {@code --search-requests-per-second N} (the budget of the search endpoints, apart from the other one; Stripe's is
 * about 20), {@code --sliding-window-search-budget}, {@code --search-indexing-lag-ms N} (how long a change takes to
 * reach search; default 0),
 * {@code --error-rate R}, {@code --drop-rate R}, {@code --now} (data up to the current time instead of the fixed
 * default), {@code --help}.
 */
public final class StripeEmulatorMain {
    /** The default port (the one stripe-mock uses too). */
    public static final int DEFAULT_PORT = 12111;

    private StripeEmulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        StripeEmulator.Builder builder;
        try {
            builder = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("stripe emulator: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        if (builder == null) {
            return;
        }
        StripeEmulator emulator = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            emulator.close();
                            stopped.countDown();
                        },
                        "stripe-emulator-shutdown"));
        System.out.println("Stripe emulator listening on " + emulator.baseUrl());
        System.out.println("API key: " + emulator.apiKey());
        System.out.println("curl -u " + emulator.apiKey() + ": '" + emulator.baseUrl() + "customers?limit=3'");
        stopped.await();
    }

    /** The builder for these arguments, or null after {@code --help}; bad arguments throw. */
    static StripeEmulator.Builder parse(String[] args, PrintStream out) {
        StripeEmulator.Builder builder = StripeEmulator.builder().port(DEFAULT_PORT);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                usage(out);
                return null;
            }
            if (option.equals("--now")) {
                builder.dataEndTime(Instant.now());
                continue;
            }
            if (option.equals("--sliding-window-budget")) {
                builder.slidingWindowBudget(true);
                continue;
            }
            if (option.equals("--sliding-window-search-budget")) {
                builder.slidingWindowSearchBudget(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port":
                        builder.port(Integer.parseInt(value));
                        break;
                    case "--seed":
                        builder.seed(Long.parseLong(value));
                        break;
                    case "--customers":
                        builder.customers(Integer.parseInt(value));
                        break;
                    case "--latency-ms":
                        builder.latency(Duration.ofMillis(Long.parseLong(value)));
                        break;
                    case "--requests-per-second":
                        builder.requestsPerSecond(Integer.parseInt(value));
                        break;
                    case "--search-requests-per-second":
                        builder.searchRequestsPerSecond(Integer.parseInt(value));
                        break;
                    case "--search-indexing-lag-ms":
                        builder.searchIndexingLag(Duration.ofMillis(Long.parseLong(value)));
                        break;
                    case "--error-rate":
                        builder.errorRate(Double.parseDouble(value));
                        break;
                    case "--drop-rate":
                        builder.dropConnectionRate(Double.parseDouble(value));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + option);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number for " + option + ": " + value);
            } catch (StripeJdbcException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return builder;
    }

    private static void usage(PrintStream out) {
        out.println("usage: StripeEmulatorMain [--port N] [--seed N] [--customers N] [--latency-ms N] "
                + "[--requests-per-second N] [--sliding-window-budget] [--search-requests-per-second N] "
                + "[--sliding-window-search-budget] [--search-indexing-lag-ms N] [--error-rate R] [--drop-rate R] "
                + "[--now]");
    }
}
