package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.EmulatorClock;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.HttpStripeClient;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeClientConfig;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;
import org.stripejdbc.vault.Secret;

/**
 * The requests of parallel full scans on the built-in emulator, counted in its request log: for tables of 50 to
 * 20,000 customers (its sample data: more of them recently, a share in busy seconds) and for data built to mislead
 * the slicing (a dense last hour over sparse years; a burst of 1,500 customers sharing one second), never more than
 * 1.25 times the {@code ⌈rows / 100⌉} requests of the sequential walk, exactly those when the scan ends within its
 * first two pages, every customer exactly once.
 */
@Tag("slow")
class ParallelScanRequestsEmulatorTest {

    /** A client with a key of its own (so a limiter of its own), paced to {@code requestsPerSecond} (0: none). */
    private static HttpStripeClient client(StripeEmulator emulator, double requestsPerSecond) {
        return new HttpStripeClient(StripeClientConfig.builder(Secret.of("sk_test_requests_" + UUID.randomUUID()))
                .apiUrl(emulator.baseUrl())
                .requestsPerSecond(requestsPerSecond)
                .build());
    }

    /** Scans every customer at {@code parallelism}; returns the requests the emulator answered. */
    private static int scan(StripeEmulator emulator, HttpStripeClient client, int parallelism) {
        Set<String> expected = new HashSet<>();
        for (Json customer : emulator.objects("customers")) {
            expected.add(customer.get("id").stringValue());
        }
        emulator.clearRequestLog();
        RowIterator rows = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"),
                        client,
                        new FakeConstantEvaluator(),
                        8,
                        parallelism)
                .plan(where())
                .open(Sql.context(), -1);
        List<Object[]> read = drain(rows);
        Set<String> ids = new HashSet<>();
        read.forEach(row -> ids.add((String) row[0]));
        assertEquals(expected.size(), read.size(), "rows");
        assertEquals(expected, ids);
        List<RecordedRequest> log = emulator.requestLog();
        assertTrue(log.stream().allMatch(r -> r.status() == 200), "every request answered 200");
        return log.size();
    }

    private static void assertWithinBudget(int rows, int requests, String what) {
        int minimum = Math.max(1, (rows + 99) / 100);
        String message = what + ": " + requests + " requests for " + rows + " rows (at least " + minimum + ")";
        if (rows <= 200) {
            assertEquals(minimum, requests, message);
        } else {
            assertTrue(requests <= minimum * 5 / 4, message);
        }
    }

    @Test
    void sampleDataOfEverySize() {
        for (int customers : new int[] {50, 150, 1_000, 5_000, 20_000}) {
            try (StripeEmulator emulator = StripeEmulator.builder()
                            .seed(42)
                            .customers(customers)
                            .requestLogCapacity(100_000)
                            .start();
                    HttpStripeClient client = client(emulator, 0)) {
                for (int parallelism : new int[] {8, 16}) {
                    assertWithinBudget(customers, scan(emulator, client, parallelism), "parallelism " + parallelism);
                }
            }
        }
    }

    @Test
    void aPacedScanWithLatencyStaysWithinTheBudgetToo() {
        try (StripeEmulator emulator = StripeEmulator.builder()
                        .seed(5)
                        .customers(3_000)
                        .latency(Duration.ofMillis(20))
                        .start();
                HttpStripeClient client = client(emulator, 100)) {
            assertWithinBudget(3_000, scan(emulator, client, 16), "100 requests/s, pages of 20 ms");
        }
    }

    /** Customers created through the API at chosen seconds (the emulator's clock), after its sample data. */
    private static final class SettableClock implements EmulatorClock {
        final AtomicLong second = new AtomicLong(
                StripeEmulator.DEFAULT_DATA_END.plus(Duration.ofDays(1)).getEpochSecond());

        @Override
        public Instant now() {
            return Instant.ofEpochSecond(second.get());
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            EmulatorClock.system().sleep(duration);
        }
    }

    private static void create(HttpStripeClient client, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            client.create(
                    "customers",
                    List.of(new SimpleImmutableEntry<>("email", prefix + i + "@example.com")),
                    null,
                    RequestOptions.DEFAULT);
        }
    }

    @Test
    void aDenseLastHourOverSparseYearsAndABurstInOneSecond() {
        SettableClock clock = new SettableClock();
        try (StripeEmulator emulator =
                        StripeEmulator.builder().customers(0).clock(clock).start();
                HttpStripeClient client = client(emulator, 0)) {
            // 60 customers a week apart, then 250 within the last hour: the first pages are dense, the rest sparse.
            for (int i = 0; i < 60; i++) {
                clock.second.addAndGet(7 * 86_400);
                create(client, 1, "sparse" + i + "-");
            }
            for (int i = 0; i < 250; i++) {
                clock.second.addAndGet(i % 10 == 0 ? 14 : 0);
                create(client, 1, "dense" + i + "-");
            }
            assertEquals(310, emulator.count("customers"));
            for (int parallelism : new int[] {2, 8, 16}) {
                assertWithinBudget(310, scan(emulator, client, parallelism), "dense over sparse, " + parallelism);
            }
            // Then 1,500 customers in one second, 300 more over the next days: the slices cannot split that second.
            clock.second.addAndGet(86_400);
            create(client, 1_500, "burst");
            for (int i = 0; i < 300; i++) {
                clock.second.addAndGet(600);
                create(client, 1, "after" + i + "-");
            }
            assertEquals(2_110, emulator.count("customers"));
            for (int parallelism : new int[] {2, 8, 16}) {
                assertWithinBudget(2_110, scan(emulator, client, parallelism), "a burst, " + parallelism);
            }
        }
    }
}
