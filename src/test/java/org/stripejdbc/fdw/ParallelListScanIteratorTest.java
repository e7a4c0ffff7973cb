package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.ge;
import static org.stripejdbc.testkit.Sql.lt;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.toTimestamp;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;
import org.stripejdbc.testkit.Await;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;

/**
 * Parallel created-slice scans against the in-memory Stripe: exactly the sequential scan's rows on dense
 * same-second data, LIMITs, cancellation, failures, close and the memory bound.
 */
class ParallelListScanIteratorTest {
    private static final String COLUMNS = "id text, email text, created timestamp";
    private static final long END = 1_750_000_000L;
    private static final Pattern WALKER_NAME = Pattern.compile("stripe-jdbc-scan-(\\d+)-");

    private final FakeStripeClient fake = new FakeStripeClient();
    private final CountingClient client = new CountingClient(fake);

    /** A Stripe that counts list calls and objects served, and can run a hook before each list call. */
    static final class CountingClient implements StripeClient {
        private final FakeStripeClient delegate;
        final AtomicInteger lists = new AtomicInteger();
        final AtomicInteger objects = new AtomicInteger();
        volatile Consumer<Integer> beforeList = call -> {};
        volatile double pacedRate;

        CountingClient(FakeStripeClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
            beforeList.accept(lists.incrementAndGet());
            StripePage page = delegate.list(path, parameters, options);
            objects.addAndGet(page.data().size());
            return page;
        }

        @Override
        public Optional<Json> retrieve(String path, String id, RequestOptions options) {
            return delegate.retrieve(path, id, options);
        }

        @Override
        public Json get(String path, RequestOptions options) {
            return delegate.get(path, options);
        }

        @Override
        public Json create(String path, List<Map.Entry<String, String>> form, String key, RequestOptions options) {
            throw new AssertionError("a scan must not POST");
        }

        @Override
        public Optional<Json> update(
                String path, String id, List<Map.Entry<String, String>> form, String key, RequestOptions options) {
            throw new AssertionError("a scan must not POST");
        }

        @Override
        public Optional<Json> delete(String path, String id, RequestOptions options) {
            throw new AssertionError("a scan must not DELETE");
        }

        @Override
        public void close() {}

        @Override
        public double pacedRequestsPerSecond() {
            return pacedRate;
        }
    }

    /**
     * {@code n} customers, newest first, with dense same-second data: 40% of them in 6 busy seconds (one of which
     * holds several pages), the rest spread over two years, more of them recently.
     */
    static Json[] denseCustomers(int n, long seed) {
        Random random = new Random(seed);
        long[] busy = {END - 10, END - 3_600, END - 86_400, END - 5_000_000, END - 20_000_000, END - 60_000_000};
        List<long[]> created = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long second;
            if (i < 350) {
                second = busy[2]; // 350 objects share one second: four pages of starting_after paging inside it
            } else if (random.nextDouble() < 0.4) {
                second = busy[random.nextInt(busy.length)];
            } else {
                double u = random.nextDouble();
                second = END - (long) (63_072_000 * u * u);
            }
            created.add(new long[] {second, i});
        }
        created.sort(Comparator.comparingLong((long[] c) -> c[0]).reversed().thenComparingLong(c -> c[1]));
        Json[] out = new Json[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", String.format("cus_%05d", created.get(i)[1]));
            object.put("object", "customer");
            object.put("email", "c" + created.get(i)[1] + "@example.com");
            object.put("created", BigDecimal.valueOf(created.get(i)[0]));
            out[i] = Json.of(object);
        }
        return out;
    }

    private StripeScanPlan plan(int parallelism, List<Expr> conjuncts) {
        return new StripeTableSource(
                        Tables.define("customers", "customers", COLUMNS),
                        client,
                        new FakeConstantEvaluator(),
                        8,
                        parallelism)
                .plan(conjuncts);
    }

    private static List<String> ids(List<Object[]> rows) {
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    private static ExecutionContext context(QueryControl control) {
        return new ExecutionContext(List.of(), Instant.now(), 0, control, ScanListener.NONE);
    }

    private static void assertSameRowsOnce(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "row count");
        assertEquals(actual.size(), new HashSet<>(actual).size(), "no row twice");
        assertEquals(new HashSet<>(expected), new HashSet<>(actual));
    }

    private static String parameter(FakeStripeClient.Call call, String name) {
        return call.parameters().stream()
                .filter(p -> p.getKey().equals(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    @Test
    void denseSameSecondDataGivesExactlyTheSequentialRows() {
        fake.add("customers", denseCustomers(6_000, 1));
        List<String> sequential = ids(drain(plan(1, where()).open(Sql.context(), -1)));
        assertEquals(6_000, sequential.size());
        int sequentialRequests = fake.calls().size();
        for (int parallelism : new int[] {2, 4, 8, 16}) {
            int before = fake.calls().size();
            RowIterator rows = plan(parallelism, where()).open(Sql.context(), -1);
            ParallelListScanIterator parallel = assertInstanceOf(ParallelListScanIterator.class, rows);
            assertSameRowsOnce(sequential, ids(drain(rows)));
            List<FakeStripeClient.Call> calls =
                    fake.calls().subList(before, fake.calls().size());
            // The first two requests are the sequential scan's, on the reading thread.
            assertEquals("GET customers?limit=100", calls.get(0).toString());
            assertEquals(
                    "GET customers?limit=100&starting_after=" + sequential.get(99),
                    calls.get(1).toString());
            assertFalse(calls.get(0).thread().startsWith("stripe-jdbc-scan-"));
            assertFalse(calls.get(1).thread().startsWith("stripe-jdbc-scan-"));
            // Every other request is a created slice (bounded above), on a walker thread.
            for (FakeStripeClient.Call call : calls.subList(2, calls.size())) {
                assertTrue(call.thread().startsWith("stripe-jdbc-scan-"), call.toString());
                assertTrue(parameter(call, "created[lt]") != null, call.toString());
                assertEquals("100", parameter(call, "limit"), call.toString());
            }
            assertTrue(
                    parallel.work().sliceCount() >= 2,
                    "slices: " + parallel.work().sliceCount());
            // Each slice beyond the first costs at most one partly filled page, within a quarter of the sequential.
            assertTrue(
                    calls.size() <= sequentialRequests + parallel.work().sliceCount() - 1,
                    calls.size() + " requests for " + parallel.work().sliceCount() + " slices");
            assertTrue(calls.size() <= sequentialRequests * 5 / 4, calls.size() + " requests");
        }
    }

    @Test
    void theWalksOwnConditionsAndCreatedBoundsAreKept() {
        fake.add("customers", denseCustomers(4_000, 2));
        long from = END - 30_000_000;
        long to = END - 2_000;
        List<Expr> conjuncts = where(ge(col("created"), toTimestamp(from)), lt(col("created"), toTimestamp(to)));
        List<String> sequential = ids(drain(plan(1, conjuncts).open(Sql.context(), -1)));
        assertTrue(sequential.size() > 1_000);
        int before = fake.calls().size();
        List<String> parallel = ids(drain(plan(4, conjuncts).open(Sql.context(), -1)));
        assertSameRowsOnce(sequential, parallel);
        List<FakeStripeClient.Call> calls =
                fake.calls().subList(before, fake.calls().size());
        assertEquals(
                "GET customers?created[gte]=" + from + "&created[lt]=" + to + "&limit=100",
                calls.get(0).toString());
        for (FakeStripeClient.Call call : calls) {
            long gte = Long.parseLong(parameter(call, "created[gte]"));
            long lessThan = Long.parseLong(parameter(call, "created[lt]"));
            assertTrue(gte >= from && lessThan <= to && gte < lessThan, call.toString());
        }
    }

    @Test
    void otherFiltersGoWithEverySlice() {
        Json[] customers = denseCustomers(3_000, 3);
        for (int i = 0; i < customers.length; i++) {
            Map<String, Json> members = new LinkedHashMap<>(customers[i].members());
            members.put("email", Json.of(i % 3 == 0 ? "team@example.com" : "other@example.com"));
            customers[i] = Json.of(members);
        }
        fake.add("customers", customers);
        List<Expr> conjuncts = where(eq(col("email"), text("team@example.com")));
        List<String> sequential = ids(drain(plan(1, conjuncts).open(Sql.context(), -1)));
        assertEquals(1_000, sequential.size());
        int before = fake.calls().size();
        assertSameRowsOnce(sequential, ids(drain(plan(4, conjuncts).open(Sql.context(), -1))));
        for (FakeStripeClient.Call call :
                fake.calls().subList(before, fake.calls().size())) {
            assertEquals("team@example.com", parameter(call, "email"), call.toString());
        }
    }

    @Test
    void aClientPacedToAFewRequestsASecondGetsNoMoreWalkersThanItKeepsBusy() {
        fake.add("customers", denseCustomers(3_000, 14));
        client.pacedRate = 10;
        RowIterator rows = plan(16, where()).open(Sql.context(), -1);
        assertEquals(3_000, new HashSet<>(ids(drain(rows))).size());
        // 10 requests a second and pages of well under 100 ms here: ⌈10 × 0.1 × 1.25⌉ + 1 = 3 walkers at most.
        int walkers = ((ParallelListScanIterator) rows).walkerCount();
        assertTrue(walkers >= 2 && walkers <= 3, walkers + " walkers");
        client.pacedRate = 0;
        RowIterator unpaced = plan(16, where()).open(Sql.context(), -1);
        drain(unpaced);
        assertEquals(16, ((ParallelListScanIterator) unpaced).walkerCount());
    }

    @Test
    void aOnePageTableNeverStartsAWalker() {
        fake.add("customers", denseCustomers(60, 4));
        RowIterator rows = plan(8, where()).open(Sql.context(), -1);
        assertEquals(60, drain(rows).size());
        assertNull(((ParallelListScanIterator) rows).work());
        assertEquals(List.of("GET customers?limit=100"), fake.requests());
    }

    @Test
    void objectsWithoutCreatedAreWalkedWithStartingAfterAlone() {
        Json[] customers = FakeStripeClient.customers(450, END);
        for (int i = 0; i < customers.length; i++) {
            Map<String, Json> members = new LinkedHashMap<>(customers[i].members());
            members.remove("created");
            customers[i] = Json.of(members);
        }
        fake.add("customers", customers);
        assertEquals(450, new HashSet<>(ids(drain(plan(4, where()).open(Sql.context(), -1)))).size());
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=100&starting_after=cus_100",
                        "GET customers?limit=100&starting_after=cus_200",
                        "GET customers?limit=100&starting_after=cus_300",
                        "GET customers?limit=100&starting_after=cus_400"),
                fake.requests());
    }

    @Test
    void aLargeLimitNeverAsksForMoreObjectsThanItNeeds() {
        fake.add("customers", denseCustomers(5_000, 5));
        RowIterator rows = plan(8, where()).open(Sql.context(), 1_500);
        assertInstanceOf(ParallelListScanIterator.class, rows);
        List<String> ids = ids(drain(rows));
        assertEquals(1_500, ids.size());
        assertEquals(1_500, new HashSet<>(ids).size());
        assertTrue(client.objects.get() <= 1_500, client.objects.get() + " objects served");
        for (FakeStripeClient.Call call : fake.calls()) {
            assertTrue(Integer.parseInt(parameter(call, "limit")) <= 100, call.toString());
        }
    }

    @Test
    void aSmallLimitStaysSequential() {
        fake.add("customers", denseCustomers(3_000, 6));
        RowIterator rows = plan(8, where()).open(Sql.context(), ScanParallelism.SEQUENTIAL_LIMIT);
        assertInstanceOf(ListScanIterator.class, rows);
        assertEquals(1_000, drain(rows).size());
        assertEquals(10, fake.calls().size());
        assertTrue(fake.calls().stream().allMatch(call -> parameter(call, "created[lt]") == null));
    }

    @Test
    void retrievesAndObjectsWithoutCreatedRangesStaySequential() {
        fake.add("customers", denseCustomers(300, 7));
        assertInstanceOf(
                RetrieveScanIterator.class,
                plan(8, where(eq(col("id"), text("cus_00001")))).open(Sql.context(), -1));
        fake.add("billing/meters", FakeStripeClient.customers(250, END));
        StripeScanPlan meters = new StripeTableSource(
                        Tables.define("meters", "billing/meters", "id text"), client, new FakeConstantEvaluator(), 8, 8)
                .plan(where());
        assertInstanceOf(ListScanIterator.class, meters.open(Sql.context(), -1));
        assertTrue(meters.explain(Sql.context()).stream().noneMatch(line -> line.startsWith("  Parallel:")));
    }

    @Test
    void explainShowsTheParallelPlan() {
        assertEquals(
                List.of(
                        "Foreign Scan on stripe.customers",
                        "  Request: GET /v1/customers?limit=100",
                        "  Requests: unbounded (pages of 100, starting_after = last id while has_more)",
                        "  Parallel: up to 8 created slices at once after the first two pages "
                                + "(created[gte]=a&created[lt]=b on"
                                + " whole seconds, split by the density of the pages read); rows in no particular "
                                + "order"),
                plan(8, where()).explain(Sql.context()));
        assertTrue(plan(8, where()).explain(Sql.context(), 1_000).stream()
                .noneMatch(line -> line.startsWith("  Parallel:")));
        assertTrue(plan(8, where()).explain(Sql.context(), 1_001).stream()
                .anyMatch(line -> line.startsWith("  Parallel:")));
        assertTrue(plan(1, where()).explain(Sql.context()).stream().noneMatch(line -> line.startsWith("  Parallel:")));
    }

    @Test
    void cancellationStopsTheReaderAndEveryWalker() throws Exception {
        fake.add("customers", denseCustomers(8_000, 8));
        AtomicBoolean cancelled = new AtomicBoolean();
        QueryControl control = () -> {
            if (cancelled.get()) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        RowIterator rows = plan(8, where()).open(context(control), -1);
        for (int i = 0; i < 250; i++) {
            assertTrue(rows.next());
        }
        cancelled.set(true);
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> {
            for (int i = 0; i < 8_000; i++) {
                rows.next();
            }
        });
        assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        ParallelListScanIterator parallel = (ParallelListScanIterator) rows;
        assertTrue(parallel.awaitWalkers(5, TimeUnit.SECONDS), "walkers ended");
        assertTrue(fake.calls().size() < 80, fake.calls().size() + " requests");
        assertFalse(rows.next());
    }

    @Test
    void aWalkerFailureReachesTheReaderAndStopsTheOthers() throws Exception {
        fake.add("customers", denseCustomers(8_000, 9));
        StripeJdbcException failure = new StripeJdbcException(
                SqlState.CONNECTION_FAILURE, "Stripe request failed on GET /v1/customers: 500 after 4 attempts");
        client.beforeList = call -> {
            if (call == 6) {
                throw failure;
            }
        };
        RowIterator rows = plan(4, where()).open(Sql.context(), -1);
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> drain(rows));
        assertSame(failure, e);
        assertTrue(((ParallelListScanIterator) rows).awaitWalkers(5, TimeUnit.SECONDS));
        assertTrue(client.lists.get() < 40, client.lists.get() + " requests");
    }

    @Test
    void aShapingErrorOnAWalkerReachesTheReader() {
        Json[] customers = denseCustomers(1_000, 10);
        Map<String, Json> members = new LinkedHashMap<>(customers[700].members());
        members.put("score", Json.of(BigDecimal.valueOf(100_000)));
        customers[700] = Json.of(members);
        fake.add("customers", customers);
        RowIterator rows = new StripeTableSource(
                        Tables.define("customers", "customers", "id text, score smallint"),
                        client,
                        new FakeConstantEvaluator(),
                        8,
                        4)
                .plan(where())
                .open(Sql.context(), -1);
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> drain(rows));
        assertEquals(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, e.sqlState());
    }

    @Test
    void closeStopsEveryWalker() throws Exception {
        fake.add("customers", denseCustomers(8_000, 11));
        RowIterator rows = plan(8, where()).open(Sql.context(), -1);
        for (int i = 0; i < 150; i++) {
            assertTrue(rows.next());
        }
        rows.close();
        assertTrue(((ParallelListScanIterator) rows).awaitWalkers(5, TimeUnit.SECONDS));
        int requests = client.lists.get();
        assertTrue(requests < 40, requests + " requests");
        assertFalse(rows.next());
        rows.close();
        assertEquals(requests, client.lists.get());
    }

    @Test
    void aReaderStoppingWithinTwoPagesMakesTheSequentialRequestsOnly() throws Exception {
        fake.add("customers", denseCustomers(8_000, 12));
        RowIterator rows = plan(8, where()).open(Sql.context(), -1);
        for (int i = 0; i < 200; i++) {
            assertTrue(rows.next());
        }
        rows.close();
        assertTrue(((ParallelListScanIterator) rows).awaitWalkers(5, TimeUnit.SECONDS));
        List<String> requests =
                fake.calls().stream().map(FakeStripeClient.Call::toString).toList();
        assertEquals(2, requests.size(), requests.toString());
        assertEquals("GET customers?limit=100", requests.get(0));
        assertTrue(requests.get(1).startsWith("GET customers?limit=100&starting_after="), requests.get(1));
    }

    @Test
    void aStalledReaderBoundsThePagesRequestedAndHeld() throws Exception {
        fake.add("customers", denseCustomers(8_000, 12));
        RowIterator rows = plan(4, where()).open(Sql.context(), -1);
        for (int i = 0; i < 201; i++) {
            assertTrue(rows.next()); // the two pages on demand, then the first page from a walker
        }
        ParallelListScanIterator parallel = (ParallelListScanIterator) rows;
        PageBuffer buffer = parallel.buffer();
        assertEquals(8, buffer.capacity());
        // Wait (bounded) until the walkers have nothing left to do but wait for the reader: no request in flight
        // (every slot in use holds a page) and every walker parked.
        Await.until(
                () -> "the walkers to stall: " + buffer.slotsInUse() + " slots in use, " + buffer.queuedPages()
                        + " pages queued, walkers " + walkerStates(),
                Await.DEFAULT_TIMEOUT,
                () -> buffer.queuedPages() > 0 && buffer.slotsInUse() == buffer.queuedPages() && walkersParked());
        // One page taken from the buffer: the requests are the two first pages, that page, and at most a full
        // buffer.
        assertTrue(client.lists.get() <= 3 + buffer.capacity(), client.lists.get() + " requests");
        assertTrue(buffer.slotsInUse() <= buffer.capacity());
        assertTrue(buffer.queuedPages() <= buffer.capacity());
        // Reading on gives every row once.
        Set<String> ids = new HashSet<>();
        ids.add((String) rows.current()[0]);
        while (rows.next()) {
            assertTrue(ids.add((String) rows.current()[0]));
        }
        assertEquals(8_000 - 200, ids.size());
    }

    /**
     * The states of the walker threads of the newest parallel scan of this JVM (walkers are named
     * {@code stripe-jdbc-scan-<scan>-<walker> (<table>)}, scans numbered in the order they start).
     */
    private static List<Thread.State> walkerStates() {
        Map<Integer, List<Thread.State>> byScan = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            Matcher name = WALKER_NAME.matcher(thread.getName());
            if (name.lookingAt() && thread.isAlive()) {
                byScan.computeIfAbsent(Integer.parseInt(name.group(1)), scan -> new ArrayList<>())
                        .add(thread.getState());
            }
        }
        return byScan.isEmpty() ? List.of() : byScan.get(Collections.max(byScan.keySet()));
    }

    /** Whether every live walker thread is parked (waiting for a slot or for work), none running. */
    private static boolean walkersParked() {
        List<Thread.State> states = walkerStates();
        return !states.isEmpty()
                && states.stream()
                        .allMatch(state -> state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);
    }

    @Test
    void progressCountsEveryPageOfEveryWalker() {
        fake.add("customers", denseCustomers(3_000, 13));
        Map<String, Long> last = new HashMap<>();
        AtomicInteger calls = new AtomicInteger();
        ScanListener listener = (table, pages, rows) -> {
            calls.incrementAndGet();
            last.put("pages", (long) pages);
            last.put("rows", rows);
        };
        drain(plan(4, where()).open(Sql.context(listener), -1));
        assertEquals(fake.calls().size(), calls.get());
        assertEquals((long) fake.calls().size(), last.get("pages"));
        assertEquals(3_000L, last.get("rows"));
    }
}
