package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
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
import org.stripejdbc.testkit.Await;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;
import org.stripejdbc.vault.Secret;

/**
 * Parallel created-slice scans against the built-in emulator, over HTTP: its sample data has busy seconds that
 * many objects share, and 400 more customers are created in one single second, the newest (so the first page and
 * the next three are all inside it). Whatever the parallelism, the scan lists exactly the objects a sequential scan
 * lists.
 */
@Tag("slow")
class ParallelScanEmulatorTest {
    /** The emulator creates objects no older than its newest one: the bulk second is after the sample data. */
    private static final Instant BULK_SECOND = StripeEmulator.DEFAULT_DATA_END.plus(Duration.ofHours(1));

    private static StripeEmulator emulator;
    private static Set<String> allIds;

    /** The real clock, except that objects created through the API are all created in {@link #BULK_SECOND}. */
    private static final EmulatorClock BULK_CLOCK = new EmulatorClock() {
        @Override
        public Instant now() {
            return BULK_SECOND;
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            EmulatorClock.system().sleep(duration);
        }
    };

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.builder()
                .seed(11)
                .customers(3_000)
                .clock(BULK_CLOCK)
                .start();
        try (HttpStripeClient client = client(0.0)) {
            for (int i = 0; i < 400; i++) {
                client.create(
                        "customers",
                        List.of(new SimpleImmutableEntry<>("email", "bulk" + i + "@example.com")),
                        null,
                        RequestOptions.DEFAULT);
            }
        }
        allIds = new HashSet<>();
        for (Json customer : emulator.objects("customers")) {
            allIds.add(customer.get("id").stringValue());
        }
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** A client with a key of its own, so that its rate limiter is its own too. */
    private static HttpStripeClient client(Double requestsPerSecond) {
        return new HttpStripeClient(StripeClientConfig.builder(Secret.of("sk_test_parallel_" + UUID.randomUUID()))
                .apiUrl(emulator.baseUrl())
                .requestsPerSecond(requestsPerSecond)
                .build());
    }

    private static List<String> scan(HttpStripeClient client, int parallelism) {
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text, created bigint"),
                        client,
                        new FakeConstantEvaluator(),
                        8,
                        parallelism)
                .plan(where());
        List<String> ids = new ArrayList<>();
        for (Object[] row : drain(plan.open(Sql.context(), -1))) {
            ids.add((String) row[0]);
        }
        return ids;
    }

    @Test
    void theDataHasBusySeconds() {
        Map<Long, Integer> perSecond = new HashMap<>();
        for (Json customer : emulator.objects("customers")) {
            perSecond.merge(customer.get("created").numberValue().longValueExact(), 1, Integer::sum);
        }
        assertEquals(400, perSecond.get(BULK_SECOND.getEpochSecond()), "the bulk second");
        long busy = perSecond.values().stream().filter(count -> count >= 5).count();
        assertTrue(busy >= 10, busy + " seconds shared by 5 objects or more");
    }

    @Test
    void everyParallelismListsExactlyTheSequentialSet() {
        try (HttpStripeClient client = client(0.0)) {
            List<String> sequential = scan(client, 1);
            assertEquals(allIds.size(), sequential.size());
            assertEquals(allIds, new HashSet<>(sequential));
            for (int parallelism : new int[] {2, 3, 8, 16}) {
                emulator.clearRequestLog();
                List<String> parallel = scan(client, parallelism);
                assertEquals(sequential.size(), parallel.size(), "parallelism " + parallelism);
                assertEquals(allIds, new HashSet<>(parallel), "parallelism " + parallelism);
                List<RecordedRequest> log = emulator.requestLog();
                assertEquals("GET /v1/customers?limit=100", log.get(0).describe());
                assertEquals(
                        "GET /v1/customers?limit=100&starting_after=" + sequential.get(99),
                        log.get(1).describe());
                long sliceed = log.stream()
                        .filter(r -> r.queryParameter("created[lt]") != null)
                        .count();
                assertEquals(log.size() - 2, sliceed, "every request after the first two is a created slice");
            }
        }
    }

    @Test
    void slicesStayDisjointWhenTheServerIgnoresCreatedRanges() {
        // Every slice's created[gte]/created[lt] is ignored, so each slice request answers from the newest object:
        // the walkers keep only their slice's objects, and every object comes exactly once.
        emulator.setIgnoreListFilters(true);
        try (HttpStripeClient client = client(0.0)) {
            emulator.clearRequestLog();
            List<String> parallel = scan(client, 4);
            assertEquals(allIds.size(), parallel.size());
            assertEquals(allIds, new HashSet<>(parallel));
            assertTrue(
                    emulator.requestLog().stream().anyMatch(r -> r.queryParameter("created[lt]") != null),
                    "the scan ran as created slices");
        } finally {
            emulator.setIgnoreListFilters(false);
        }
    }

    @Test
    void a429NeverReachesTheUserUnderTheEmulatorsBudget() {
        emulator.setRequestsPerSecond(20);
        try (HttpStripeClient client = client(0.0)) {
            emulator.clearRequestLog();
            // No client-side limit at first: the emulator answers 429s, the client slows down and retries.
            List<String> ids = scan(client, 8);
            assertEquals(allIds, new HashSet<>(ids));
            assertEquals(allIds.size(), ids.size());
            long refused = emulator.requestLog().stream()
                    .filter(r -> r.status() == 429)
                    .count();
            assertTrue(refused > 0, "the budget was reached");
            assertTrue(client.rateLimiter().currentRate() > 0, "the limiter learned a rate");
        } finally {
            emulator.setRequestsPerSecond(0);
        }
    }

    @Test
    void throughJdbcTheDefaultIsParallelAndOrderByStillSorts() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("api_key", "sk_test_parallel_jdbc_" + UUID.randomUUID());
        properties.setProperty("api_url", emulator.baseUrl());
        properties.setProperty("requests_per_second", "0");
        List<String> parallelOrder;
        try (Connection connection =
                        DriverManager.getConnection("jdbc:stripe:mem:parallel-" + UUID.randomUUID(), properties);
                Statement statement = connection.createStatement()) {
            List<String> plan = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("explain select id from stripe.customers")) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
            assertTrue(
                    plan.stream()
                            .anyMatch(line -> line.trim()
                                    .startsWith(
                                            "Parallel: up to " + ScanParallelism.OTHER_DEFAULT + " created slices")),
                    plan.toString());
            Set<String> ids = new HashSet<>();
            int rows = 0;
            try (ResultSet rs = statement.executeQuery("select id from stripe.customers")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    rows++;
                }
            }
            assertEquals(allIds, ids);
            assertEquals(allIds.size(), rows);
            parallelOrder = ids(statement, "select id from stripe.customers order by created desc, id");
        }
        properties.setProperty("scan_parallelism", "1");
        try (Connection connection =
                        DriverManager.getConnection("jdbc:stripe:mem:sequential-" + UUID.randomUUID(), properties);
                Statement statement = connection.createStatement()) {
            assertEquals(ids(statement, "select id from stripe.customers order by created desc, id"), parallelOrder);
        }
    }

    @Test
    void closingAResultSetHalfWayStopsEveryWalker() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("api_key", "sk_test_parallel_close_" + UUID.randomUUID());
        properties.setProperty("api_url", emulator.baseUrl());
        properties.setProperty("requests_per_second", "0");
        try (Connection connection =
                        DriverManager.getConnection("jdbc:stripe:mem:close-" + UUID.randomUUID(), properties);
                Statement statement = connection.createStatement()) {
            emulator.clearRequestLog();
            try (ResultSet rs = statement.executeQuery("select id from stripe.customers")) {
                for (int i = 0; i < 250; i++) {
                    assertTrue(rs.next());
                }
                assertTrue(walkerThreads() > 0, "walkers run while the result set is open");
            }
            int atClose = emulator.requestLog().size();
            // A walker that has ended sends nothing more: once none is left, no request can follow.
            Await.until(
                    () -> "every walker to end after close, " + walkerThreads() + " left",
                    Await.DEFAULT_TIMEOUT,
                    () -> walkerThreads() == 0);
            // The emulator logs a request when it answers it, so the log may still show requests that were in
            // flight at close (one per walker at most), and nothing else: the walk stopped far from the end.
            int requests = emulator.requestLog().size();
            int fullScan = (allIds.size() + 99) / 100;
            assertTrue(
                    requests <= atClose + ScanParallelism.OTHER_DEFAULT,
                    requests + " requests, " + atClose + " at close");
            assertTrue(requests < fullScan, requests + " requests, a full scan makes " + fullScan);
        }
    }

    private static long walkerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("stripe-jdbc-scan-") && thread.isAlive())
                .count();
    }

    @Test
    void anOutOfRangeScanParallelismFailsTheConnection() {
        Properties properties = new Properties();
        properties.setProperty("api_key", "sk_test_parallel_bad_" + UUID.randomUUID());
        properties.setProperty("api_url", emulator.baseUrl());
        properties.setProperty("scan_parallelism", "17");
        SQLException e = Assertions.assertThrows(
                SQLException.class,
                () -> DriverManager.getConnection("jdbc:stripe:mem:bad-" + UUID.randomUUID(), properties)
                        .close());
        assertEquals("22023", e.getSQLState());
        assertTrue(e.getMessage().contains("scan_parallelism"), e.getMessage());
    }

    private static List<String> ids(Statement statement, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    @Test
    void theIteratorIsParallelOnlyPastTheFirstPage() {
        try (HttpStripeClient client = client(0.0)) {
            RowIterator rows = new StripeTableSource(
                            Tables.define("customers", "customers", "id text"),
                            client,
                            new FakeConstantEvaluator(),
                            8,
                            4)
                    .plan(where())
                    .open(Sql.context(), -1);
            ParallelListScanIterator parallel = assertInstanceOf(ParallelListScanIterator.class, rows);
            emulator.clearRequestLog();
            assertTrue(rows.next());
            assertEquals(1, emulator.requestLog().size(), "the first row costs one request");
            assertEquals(null, parallel.work());
            rows.close();
        }
    }
}
