package org.stripejdbc.engine;

import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code EXPLAIN ANALYZE} measures while it runs a query to the end: for each scan, the rows it produced, how
 * often it was opened (loops: once, or once per batch of a keyed join or per outer row of a correlated subquery),
 * the time spent reading it, and the remote calls it made, with their retries and 429 answers. It is the execution's
 * {@link ScanListener}, and passes page progress on to the listener it wraps (the shell's progress line).
 *
 * <p>Example line, under a scan's plan: {@code Actual: 37 rows, 1 loop, 812.4 ms; 3 requests for 2 pages (1 retry,
 * 1 answered 429), 200 objects received}.
 *
 * <p>Thread-safe: the threads of a parallel scan report their calls concurrently.
 */
public final class ExecutionAnalysis implements ScanListener {
    private final ScanListener delegate;
    private final Map<Object, ScanStatistics> scans = new IdentityHashMap<>();

    /** An analysis that passes page progress on to {@code delegate}. */
    public ExecutionAnalysis(ScanListener delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void pageFetched(String table, int pages, long rows) {
        delegate.pageFetched(table, pages, rows);
    }

    /** The statistics of {@code scan}, created when it is first opened. */
    public synchronized ScanStatistics statistics(Object scan) {
        return scans.computeIfAbsent(scan, key -> new ScanStatistics());
    }

    /** The statistics of {@code scan}, or null when it never ran. */
    public synchronized ScanStatistics statisticsIfRun(Object scan) {
        return scans.get(scan);
    }

    /** The listener of one opening of {@code scan}: records into its statistics, passes progress on. */
    public ScanListener opened(Object scan) {
        ScanStatistics statistics = statistics(scan);
        statistics.opened();
        return new ScanListener() {
            private long rowsSoFar;

            @Override
            public void pageFetched(String table, int pages, long rows) {
                synchronized (this) {
                    statistics.pageFetched(rows - rowsSoFar);
                    rowsSoFar = rows;
                }
                delegate.pageFetched(table, pages, rows);
            }

            @Override
            public void requestEnded(String table, int attempts, int tooManyRequests, long nanos) {
                statistics.requestEnded(attempts, tooManyRequests);
            }
        };
    }

    /** One scan's measurements. */
    public static final class ScanStatistics {
        private long loops;
        private long rows;
        private long nanos;
        private long pages;
        private long objects;
        private long calls;
        private long attempts;
        private long tooManyRequests;

        public synchronized void opened() {
            loops++;
        }

        public synchronized void produced(long rowCount, long elapsedNanos) {
            rows += rowCount;
            nanos += elapsedNanos;
        }

        synchronized void pageFetched(long objectCount) {
            pages++;
            objects += objectCount;
        }

        synchronized void requestEnded(int callAttempts, int callTooManyRequests) {
            calls++;
            attempts += callAttempts;
            tooManyRequests += callTooManyRequests;
        }

        /** {@code Actual: 37 rows, 1 loop, 812.4 ms; 3 requests for 2 pages (1 retry, 1 answered 429), ...}. */
        public synchronized String describe() {
            StringBuilder out = new StringBuilder("Actual: ")
                    .append(plural(rows, "row"))
                    .append(", ")
                    .append(plural(loops, "loop"))
                    .append(", ")
                    .append(String.format(Locale.ROOT, "%.1f ms", nanos / 1_000_000.0));
            if (calls > 0 || pages > 0) {
                out.append("; ")
                        .append(plural(attempts, "request"))
                        .append(" for ")
                        .append(plural(pages, "page"));
                long retries = attempts - calls;
                if (retries > 0 || tooManyRequests > 0) {
                    out.append(" (")
                            .append(plural(retries, "retry", "retries"))
                            .append(", ")
                            .append(tooManyRequests)
                            .append(" answered 429)");
                }
                out.append(", ").append(plural(objects, "object")).append(" received");
            }
            return out.toString();
        }

        private static String plural(long count, String one) {
            return plural(count, one, one + "s");
        }

        private static String plural(long count, String one, String many) {
            return count + " " + (count == 1 ? one : many);
        }
    }
}
