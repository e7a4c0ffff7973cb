package org.stripejdbc.bench;

import com.stripe.StripeClient;
import com.stripe.model.Customer;
import com.stripe.param.CustomerListParams;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 7's child JVM: reads a customer scan to the end in a JVM of its own (so that the emulator's data, which
 * lives in the parent, is not counted) and tells how much heap the scan kept alive.
 *
 * <p>Usage: {@code HeapProbe ours|baseline API_URL API_KEY SAMPLE}. The driver runs
 * {@code select * from stripe.customers} and reads every column of every row; stripe-java walks
 * {@code autoPagingIterable()}. Two measures:
 * <ul>
 *   <li>checkpoints: after row {@value #CHECKPOINT} and after the last row (before the scan is closed) the probe
 *       runs a full GC and notes the heap in use, the live heap at two points of one scan: equal when what the scan
 *       holds does not grow with the rows read;</li>
 *   <li>with SAMPLE {@code true}, a sampler also forces a full GC every {@value #SAMPLE_MILLISECONDS} ms and keeps the
 *       largest heap in use right after it: the peak live heap.</li>
 * </ul>
 * Output, one line: {@code rows=100000 peakLiveBytes=12345678 liveAtCheckpoint=... liveAtEnd=... seconds=4.2}.
 * Exit status 0 on success.
 */
public final class HeapProbe {
    static final int SAMPLE_MILLISECONDS = 200;
    static final long CHECKPOINT = 10_000;

    private HeapProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: HeapProbe ours|baseline API_URL API_KEY SAMPLE");
            System.exit(2);
        }
        String side = args[0];
        String apiUrl = args[1];
        String apiKey = args[2];
        boolean sample = Boolean.parseBoolean(args[3]);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(
                () -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(liveHeap(), Math::max);
                        try {
                            Thread.sleep(SAMPLE_MILLISECONDS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "heap-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        if (sample) {
            sampler.start();
        }
        long[] checkpoints = new long[2];
        long read = side.equals("ours") ? ours(apiUrl, apiKey, checkpoints) : baseline(apiUrl, apiKey, checkpoints);
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        System.out.println(String.format(
                Locale.ROOT,
                "rows=%d peakLiveBytes=%d liveAtCheckpoint=%d liveAtEnd=%d seconds=%.2f",
                read,
                peak.get(),
                checkpoints[0],
                checkpoints[1],
                nanos / 1e9));
    }

    private static long ours(String apiUrl, String apiKey, long[] checkpoints) throws Exception {
        long rows = 0;
        try (Connection connection = OurDriver.connect(apiUrl, apiKey, Map.of("requests_per_second", "0"));
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from stripe.customers")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                if (++rows == CHECKPOINT) {
                    checkpoints[0] = liveHeap();
                }
            }
            checkpoints[1] = liveHeap();
        }
        return rows;
    }

    private static long baseline(String apiUrl, String apiKey, long[] checkpoints) throws Exception {
        long rows = 0;
        long checksum = 0;
        StripeClient stripe = Baseline.client(Baseline.apiBase(apiUrl), apiKey);
        Iterable<Customer> customers = stripe.customers()
                .list(CustomerListParams.builder().setLimit(100L).build())
                .autoPagingIterable();
        for (Customer customer : customers) {
            checksum += customer.getId().length() + customer.getCreated();
            if (++rows == CHECKPOINT) {
                checkpoints[0] = liveHeap();
            }
        }
        checkpoints[1] = liveHeap();
        if (checksum == 42) {
            System.out.print(""); // keeps the reads
        }
        return rows;
    }

    /** The heap in use right after a full GC (the probe runs with the serial collector). */
    private static long liveHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
