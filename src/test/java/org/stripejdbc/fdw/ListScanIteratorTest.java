package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;
import static org.stripejdbc.testkit.Tables.ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.StripePage;
import org.stripejdbc.testkit.Tables;

/** Lazy, LIMIT-aware paging of {@link ListScanIterator}, driven through the table source. */
class ListScanIteratorTest {
    private final FakeStripeClient client = new FakeStripeClient();

    private StripeScanPlan customers(int count) {
        client.add("customers", FakeStripeClient.customers(count, 1_700_000_000L));
        return new StripeTableSource(
                        Tables.define("customers", "customers", "id text, email text, created timestamp"),
                        client,
                        new FakeConstantEvaluator())
                .plan(where());
    }

    @Test
    void walksThreePagesWithStartingAfter() {
        List<Object[]> rows = drain(customers(250).open(context(), -1));
        assertEquals(250, rows.size());
        assertEquals("cus_001", rows.get(0)[0]);
        assertEquals("cus_250", rows.get(249)[0]);
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=100&starting_after=cus_100",
                        "GET customers?limit=100&starting_after=cus_200"),
                client.requests());
    }

    @Test
    void exactPageMultipleEndsOnHasMoreFalse() {
        assertEquals(200, drain(customers(200).open(context(), -1)).size());
        assertEquals(
                List.of("GET customers?limit=100", "GET customers?limit=100&starting_after=cus_100"),
                client.requests());
    }

    @Test
    void limitFiveIsExactlyOneRequestOfFive() {
        List<Object[]> rows = drain(customers(250).open(context(), 5));
        assertEquals(List.of("cus_001", "cus_002", "cus_003", "cus_004", "cus_005"), ids(rows));
        assertEquals(List.of("GET customers?limit=5"), client.requests());
    }

    @Test
    void limitOfTwoHundredFiftyIsPagesOfOneHundredOneHundredFifty() {
        assertEquals(250, drain(customers(300).open(context(), 250)).size());
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=100&starting_after=cus_100",
                        "GET customers?limit=50&starting_after=cus_200"),
                client.requests());
    }

    @Test
    void limitOfAHundredStopsWithoutASecondRequest() {
        assertEquals(100, drain(customers(300).open(context(), 100)).size());
        assertEquals(List.of("GET customers?limit=100"), client.requests());
    }

    @Test
    void limitLargerThanTheTableStopsOnHasMore() {
        assertEquals(30, drain(customers(30).open(context(), 1000)).size());
        assertEquals(List.of("GET customers?limit=100"), client.requests());
    }

    @Test
    void limitZeroMakesNoRequest() {
        StripeScanPlan plan = customers(10);
        try (RowIterator rows = plan.open(context(), 0)) {
            assertFalse(rows.next());
        }
        assertEquals(List.of(), client.requests());
    }

    @Test
    void firstRowArrivesBeforeTheSecondPageIsRequested() {
        StripeScanPlan plan = customers(150);
        try (RowIterator rows = plan.open(context(), -1)) {
            assertEquals(List.of(), client.requests(), "open() makes no request");
            assertTrue(rows.next());
            assertEquals("cus_001", rows.current()[0]);
            assertEquals(1, client.requests().size());
            for (int i = 2; i <= 100; i++) {
                assertTrue(rows.next());
            }
            assertEquals(1, client.requests().size(), "the first page is consumed before the second is asked");
            assertTrue(rows.next());
            assertEquals("cus_101", rows.current()[0]);
            assertEquals(2, client.requests().size());
        }
    }

    @Test
    void closeStopsPaging() {
        RowIterator rows = customers(150).open(context(), -1);
        assertTrue(rows.next());
        rows.close();
        assertFalse(rows.next());
        rows.close();
        assertEquals(1, client.requests().size());
    }

    @Test
    void currentWithoutARowIsAnIllegalState() {
        RowIterator rows = customers(1).open(context(), -1);
        assertThrows(IllegalStateException.class, rows::current);
        assertTrue(rows.next());
        assertFalse(rows.next());
        assertThrows(IllegalStateException.class, rows::current);
    }

    @Test
    void filteredWalkPagesWithTheFilter() {
        for (int i = 150; i >= 1; i--) {
            client.add(
                    "charges",
                    Json.parse("{\"id\":\"ch_" + i + "\",\"customer\":\"" + (i % 2 == 0 ? "cus_a" : "cus_b") + "\"}"));
        }
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("charges", "charges", "id text, customer text"),
                        client,
                        new FakeConstantEvaluator())
                .plan(where(eq(col("customer"), text("cus_a"))));
        assertEquals(75, drain(plan.open(context(), -1)).size());
        assertEquals(List.of("GET charges?customer=cus_a&limit=100"), client.requests());
        assertEquals(60, drain(plan.open(context(), 60)).size());
        assertEquals("GET charges?customer=cus_a&limit=60", client.requests().get(1));
    }

    /** A broken server: has_more forever, and the same page again. */
    @Test
    void hasMoreWithoutProgressStops() {
        FakeStripeClient broken = new FakeStripeClient() {
            @Override
            public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
                super.list(path, parameters, options);
                return new StripePage(List.of(Json.parse("{\"id\":\"cus_1\"}")), true, 10);
            }
        };
        broken.add("customers", Json.parse("{\"id\":\"cus_1\"}"));
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"), broken, new FakeConstantEvaluator())
                .plan(where());
        assertEquals(2, drain(plan.open(context(), -1)).size());
        assertEquals(
                List.of("GET customers?limit=100", "GET customers?limit=100&starting_after=cus_1"), broken.requests());
    }

    @Test
    void hasMoreWithAnEmptyPageStops() {
        List<String> seen = new ArrayList<>();
        FakeStripeClient empty = new FakeStripeClient() {
            @Override
            public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
                seen.add(path);
                return new StripePage(List.<Json>of(), true, 10);
            }
        };
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"), empty, new FakeConstantEvaluator())
                .plan(where());
        assertEquals(0, drain(plan.open(context(), -1)).size());
        assertEquals(List.of("customers"), seen);
    }

    // ------------------------------------------------------------------------------------------ read-ahead

    private static List<String> walk(int pages) {
        List<String> requests = new ArrayList<>();
        requests.add("GET customers?limit=100");
        for (int page = 1; page < pages; page++) {
            requests.add("GET customers?limit=100&starting_after=cus_" + String.format("%03d", page * 100));
        }
        return requests;
    }

    private static void read(RowIterator rows, int count) {
        for (int i = 0; i < count; i++) {
            assertTrue(rows.next());
        }
    }

    @Test
    void aReaderGoingPastTwoPagesGetsTheNextPageReadAhead() {
        List<Object[]> rows = drain(customers(550).open(context(), -1));
        assertEquals(550, rows.size());
        assertEquals("cus_550", rows.get(549)[0]);
        assertEquals(walk(6), client.requests(), "the same requests, one after the other");
        List<String> threads =
                client.calls().stream().map(FakeStripeClient.Call::thread).toList();
        assertEquals(Thread.currentThread().getName(), threads.get(0));
        assertEquals(Thread.currentThread().getName(), threads.get(2), "the third page is asked for by the reader");
        for (int page = 3; page < 6; page++) {
            assertTrue(threads.get(page).startsWith("stripe-jdbc-read-ahead-"), threads.get(page));
        }
    }

    @Test
    void anIdeReadingTwoHundredRowsMakesTwoRequests() {
        try (RowIterator rows = customers(550).open(context(), -1)) {
            read(rows, 200);
        }
        assertEquals(walk(2), client.requests());
    }

    @Test
    void readingOnFromTheThirdPageRequestsOneMore() throws InterruptedException {
        CountDownLatch fourthRequested = new CountDownLatch(1);
        FakeStripeClient counting = new FakeStripeClient() {
            @Override
            public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
                StripePage page = super.list(path, parameters, options);
                if (calls().size() == 4) {
                    fourthRequested.countDown();
                }
                return page;
            }
        };
        counting.add("customers", FakeStripeClient.customers(550, 1_700_000_000L));
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"), counting, new FakeConstantEvaluator())
                .plan(where());
        try (RowIterator rows = plan.open(context(), -1)) {
            read(rows, 201);
            assertTrue(fourthRequested.await(5, TimeUnit.SECONDS), "page 4 is read ahead while page 3 is read");
            read(rows, 99);
        }
        assertEquals(walk(4), counting.requests());
    }

    @Test
    void readAheadNeverGoesPastTheLimit() {
        assertEquals(450, drain(customers(550).open(context(), 450)).size());
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=100&starting_after=cus_100",
                        "GET customers?limit=100&starting_after=cus_200",
                        "GET customers?limit=100&starting_after=cus_300",
                        "GET customers?limit=50&starting_after=cus_400"),
                client.requests());
        assertEquals(300, drain(customers(0).open(context(), 300)).size());
        assertEquals(walk(3), client.requests().subList(5, 8), "a LIMIT the third page fills: nothing read ahead");
        assertEquals(8, client.requests().size());
    }

    @Test
    void aFailureOfThePageReadAheadIsThrownWhenTheReaderReachesIt() {
        FakeStripeClient failing = new FakeStripeClient() {
            @Override
            public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
                if (parameters.toString().contains("starting_after=cus_300")) {
                    super.list(path, parameters, options);
                    throw new StripeJdbcException(SqlState.FDW_ERROR, "Stripe API error (500): boom");
                }
                return super.list(path, parameters, options);
            }
        };
        failing.add("customers", FakeStripeClient.customers(550, 1_700_000_000L));
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"), failing, new FakeConstantEvaluator())
                .plan(where());
        try (RowIterator rows = plan.open(context(), -1)) {
            read(rows, 300);
            StripeJdbcException e = assertThrows(StripeJdbcException.class, rows::next);
            assertEquals("Stripe API error (500): boom", e.getMessage());
            assertEquals(SqlState.FDW_ERROR, e.sqlState());
        }
    }

    @Test
    void aReaderWaitingForThePageReadAheadIsCancelled() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fourthRequested = new CountDownLatch(1);
        FakeStripeClient slow = new FakeStripeClient() {
            @Override
            public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
                if (parameters.toString().contains("starting_after=cus_300")) {
                    fourthRequested.countDown();
                    try {
                        release.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return super.list(path, parameters, options);
            }
        };
        slow.add("customers", FakeStripeClient.customers(550, 1_700_000_000L));
        AtomicBoolean cancelled = new AtomicBoolean();
        QueryControl control = () -> {
            if (cancelled.get()) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        ExecutionContext context = new ExecutionContext(
                new ArrayList<>(), Instant.parse("2024-06-01T00:00:00Z"), 0, control, ScanListener.NONE);
        StripeScanPlan plan = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"), slow, new FakeConstantEvaluator())
                .plan(where());
        try (RowIterator rows = plan.open(context, -1)) {
            read(rows, 300);
            assertTrue(fourthRequested.await(5, TimeUnit.SECONDS));
            cancelled.set(true);
            StripeJdbcException e = assertThrows(StripeJdbcException.class, rows::next);
            assertEquals(SqlState.QUERY_CANCELED, e.sqlState());
        } finally {
            release.countDown();
        }
    }
}
