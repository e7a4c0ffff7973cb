package org.stripejdbc.bench;

import java.sql.Connection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario 7's child JVM: reads a customer scan to the end in a JVM of its own (so that the emulator's data, which
 * lives in the parent, is not counted) and prints how much heap the scan kept alive.
 *
 * <p>Usage: {@code HeapProbe ours|baseline API_URL API_KEY ROWS SAMPLE}, where ROWS limits the scan (0: read all;
 * else the driver runs {@code select * from stripe.customers limit ROWS} and stripe-java stops its auto-paging
 * there) and SAMPLE says
 * whether to measure. Measuring forces a full GC every {@value #SAMPLE_MILLISECONDS} ms and keeps the largest heap
 * in use right after it: the peak live heap, independent of how lazily the collector runs. Output, one line:
 * {@code rows=100000 peakLiveBytes=12345678 seconds=4.2}. Exit status 0 on success.
 */
public final class HeapProbe {
    static final int SAMPLE_MILLISECONDS = 200;

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: HeapProbe ours|baseline API_URL API_KEY ROWS SAMPLE");
            System.exit(2);
        }
        String side = args[0];
        String apiUrl = args[1];
        String apiKey = args[2];
        long rows = Long.parseLong(args[3]);
        boolean sample = Boolean.parseBoolean(args[4]);
        AtomicLong peak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            Runtime runtime = Runtime.getRuntime();
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                peak.accumulateAndGet(runtime.totalMemory() - runtime.freeMemory(), Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        long start = System.nanoTime();
        if (sample) {
            sampler.start();
        }
        long read;
        if (side.equals("ours")) {
            try (Connection connection = OurDriver.connect(apiUrl, apiKey, Map.of("requests_per_second", "0"))) {
                read = OurDriver.scan(connection, "select * from stripe.customers" + (rows > 0 ? " limit " + rows : ""))
                        .rows();
            }
        } else {
            read = Baseline.scan(Baseline.client(Baseline.apiBase(apiUrl), apiKey), rows > 0 ? rows : Long.MAX_VALUE)
                    .rows();
        }
        long nanos = System.nanoTime() - start;
        sampler.interrupt();
        System.out.println(String.format(Locale.ROOT, "rows=%d peakLiveBytes=%d seconds=%.2f", read, peak.get(),
                nanos / 1e9));
    }
}
