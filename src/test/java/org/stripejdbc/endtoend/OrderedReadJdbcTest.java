package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stripejdbc.emulator.EmulatorClock;
import org.stripejdbc.emulator.RecordedRequest;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Orders and aggregates that Stripe's list order answers (newest first), through JDBC on the emulator, asserting
 * the exact requests: {@code ORDER BY created DESC LIMIT n} reads the first rows of one walk ({@code limit=n}),
 * with more sort keys it reads on to the end of the n-th row's second, {@code max(created)} is one request of
 * {@code limit=1}; the rows are those of the plain plan (a local sort over every row).
 *
 * <p>The emulator's clock stands still, so the 150 customers the test inserts share one {@code created} second (a
 * bulk import): the newest rows tie, and a LIMIT inside them must not depend on how Stripe orders a second.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderedReadJdbcTest {
    private static final Instant BULK_SECOND = Instant.parse("2025-07-01T12:00:00Z");
    private static final int BULK = 150;

    private EmulatorDatabase database;
    private Connection connection;

    @BeforeAll
    void start() throws SQLException {
        EmulatorClock frozen = new EmulatorClock() {
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
        database = EmulatorDatabase.start(
                StripeEmulator.builder().seed(5).customers(400).clock(frozen), "&scan_parallelism=4");
        connection = database.connect();
        try (Statement s = connection.createStatement()) {
            s.execute("insert into stripe.customers (email) select 'bulk' || g || '@example.com' "
                    + "from generate_series(1, " + BULK + ") g");
        }
    }

    @AfterAll
    void stop() throws SQLException {
        connection.close();
        database.close();
    }

    @BeforeEach
    void clearLog() {
        database.clearRequests();
    }

    private List<String> column(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** The requests made since the last call, as {@code GET /v1/customers?limit=5}. */
    private List<String> requests() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest request : database.requests()) {
            String query = request.queryParameters().stream()
                    .map(p -> p.getKey() + "=" + p.getValue())
                    .collect(Collectors.joining("&"));
            out.add(request.method() + " " + request.path() + (query.isEmpty() ? "" : "?" + query));
        }
        database.clearRequests();
        return out;
    }

    /** The emulator's customers newest first, as {@code created epoch second, id}. */
    private List<Json> customers() {
        return database.emulator().objects("customers");
    }

    private static long created(Json object) {
        return object.get("created").longValue();
    }

    private static String id(Json object) {
        return object.get("id").stringValue();
    }

    @Test
    void theNewestRowsAreTheFirstRowsOfOneRequest() throws SQLException {
        List<String> ids = column("select id from stripe.customers order by created desc limit 5");
        assertEquals(List.of("GET /v1/customers?limit=5"), requests());
        // Five of the bulk customers (they tie on the newest second: any five of them are the answer).
        List<String> bulk = customers().stream()
                .filter(c -> created(c) == BULK_SECOND.getEpochSecond())
                .map(OrderedReadJdbcTest::id)
                .toList();
        assertEquals(BULK, bulk.size());
        assertEquals(5, ids.size());
        assertTrue(bulk.containsAll(ids), ids.toString());
        String plan =
                String.join("\n", column("explain select id from stripe.customers order by created desc limit 5"));
        assertTrue(plan.contains("Scan: stripe.customers (in order: created DESC; row budget pushed: 5"), plan);
        assertTrue(plan.contains("Order: newest first (created descending), one walk"), plan);
    }

    @Test
    void moreSortKeysReadToTheEndOfTheLastRowsSecond() throws SQLException {
        List<String> ids = column("select id from stripe.customers order by created desc, id limit 3");
        // The newest second holds 150 customers: two pages, the second ending with older customers.
        List<String> made = requests();
        assertEquals(
                List.of("GET /v1/customers?limit=100", "GET /v1/customers?limit=100&starting_after=" + lastOfPage(1)),
                made);
        List<String> expected = customers().stream()
                .sorted(Comparator.comparingLong(OrderedReadJdbcTest::created)
                        .reversed()
                        .thenComparing(OrderedReadJdbcTest::id))
                .limit(3)
                .map(OrderedReadJdbcTest::id)
                .toList();
        assertEquals(expected, ids);
        // The plain plan (a local sort of every row) agrees.
        assertEquals(
                expected,
                column("select id from (select * from stripe.customers offset 0) c "
                        + "order by created desc, id limit 3"));
    }

    /** The id of the last customer of list page {@code page} (pages of 100, newest first). */
    private String lastOfPage(int page) {
        return id(customers().get(page * 100 - 1));
    }

    @Test
    void anOffsetAddsToTheRowsRead() throws SQLException {
        List<String> older = column("select id from stripe.customers where email not like 'bulk%' "
                + "order by created desc, id limit 4 offset 2");
        List<String> made = requests();
        // The 150 bulk rows are dropped locally: pages until six other rows (and the rest of the sixth one's
        // second) were read, which the second page holds.
        assertEquals(
                List.of("GET /v1/customers?limit=100", "GET /v1/customers?limit=100&starting_after=" + lastOfPage(1)),
                made);
        List<String> expected = customers().stream()
                .filter(c -> c.get("email").stringValue() != null
                        && !c.get("email").stringValue().startsWith("bulk")) // NULL LIKE ... is no row
                .sorted(Comparator.comparingLong(OrderedReadJdbcTest::created)
                        .reversed()
                        .thenComparing(OrderedReadJdbcTest::id))
                .skip(2)
                .limit(4)
                .map(OrderedReadJdbcTest::id)
                .toList();
        assertEquals(expected, older);
        column("select id from stripe.customers order by created desc limit 5 offset 3");
        assertEquals(List.of("GET /v1/customers?limit=8"), requests());
    }

    @Test
    void theNewestCreatedIsOneRequestOfOneRow() throws SQLException {
        long newest = database.emulator().objects("charges").stream()
                .mapToLong(OrderedReadJdbcTest::created)
                .max()
                .orElseThrow();
        assertEquals(
                List.of(Instant.ofEpochSecond(newest)
                        .toString()
                        .replace('T', ' ')
                        .replace("Z", "")),
                column("select max(created) from stripe.charges"));
        assertEquals(List.of("GET /v1/charges?limit=1"), requests());
    }

    @Test
    void theNewestCreatedOfOneCustomerPushesTheFilterToo() throws SQLException {
        Json charge = database.emulator().objects("charges").stream()
                .filter(c -> c.get("customer") != null && c.get("customer").stringValue() != null)
                .reduce((first, second) -> second)
                .orElseThrow();
        String customer = charge.get("customer").stringValue();
        long newest = database.emulator().objects("charges").stream()
                .filter(c -> customer.equals(c.get("customer").stringValue()))
                .mapToLong(OrderedReadJdbcTest::created)
                .max()
                .orElseThrow();
        String sql =
                "select max(created), max(created) is not null from stripe.charges where customer = '" + customer + "'";
        List<String> value = column(sql);
        assertEquals(
                List.of(Instant.ofEpochSecond(newest)
                        .toString()
                        .replace('T', ' ')
                        .replace("Z", "")),
                value);
        assertEquals(List.of("GET /v1/charges?customer=" + customer + "&limit=1"), requests());
        // A server that ignores the filter costs requests (pages until a charge of the customer), never the answer.
        database.emulator().setIgnoreListFilters(true);
        try {
            assertEquals(value, column(sql));
            List<String> made = requests();
            assertTrue(made.get(0).equals("GET /v1/charges?customer=" + customer + "&limit=1"), made.toString());
        } finally {
            database.emulator().setIgnoreListFilters(false);
        }
    }

    @Test
    void orderByCreatedDescAloneNeedsNoSortAndStopsAtMaxRows() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.setMaxRows(150); // an IDE showing the first 150 rows
            try (ResultSet rs = s.executeQuery("select id, created from stripe.customers order by created desc")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        assertEquals(150, ids.size());
        // The walk newest first, told the 150 rows: two requests, and the rows in created order.
        assertEquals(
                List.of("GET /v1/customers?limit=100", "GET /v1/customers?limit=50&starting_after=" + lastOfPage(1)),
                requests());
        List<String> newest =
                customers().stream().limit(150).map(OrderedReadJdbcTest::id).toList();
        assertEquals(newest.stream().sorted().toList(), ids.stream().sorted().toList());
        String plan = String.join("\n", column("explain select id from stripe.customers order by created desc"));
        assertTrue(plan.contains("Scan: stripe.customers (in order: created DESC"), plan);
        assertTrue(!plan.contains("Sort"), plan);
    }

    @Test
    void aLocalFilterUnderALimitReadsNoPageAhead() throws SQLException {
        // The 150 bulk customers are the newest; 101 others after them end on the third page: three requests, none
        // read ahead of the row the LIMIT stops at.
        List<String> ids =
                column("select id from stripe.customers where email not like 'bulk%' order by created desc limit 101");
        assertEquals(101, ids.size());
        List<String> made = requests();
        assertEquals(3, made.size(), made.toString());
        assertEquals("GET /v1/customers?limit=100&starting_after=" + lastOfPage(2), made.get(2));
    }

    @Test
    void aCreatedRangeKeepsTheOrderAndTheLimit() throws SQLException {
        long cutoff = customers().get(300).get("created").longValue();
        String from = Instant.ofEpochSecond(cutoff).toString().replace('T', ' ').replace("Z", "");
        String sql = "select id from stripe.customers where created >= '" + from + "' order by created desc limit 3";
        List<String> ids = column(sql);
        assertEquals(3, ids.size());
        assertEquals(List.of("GET /v1/customers?created[gte]=" + cutoff + "&limit=3"), requests());
        database.emulator().setIgnoreListFilters(true);
        try {
            assertEquals(3, column(sql).size());
        } finally {
            database.emulator().setIgnoreListFilters(false);
        }
    }

    @Test
    void anAscendingOrderOrMinimumReadsEveryRow() throws SQLException {
        int pages = (customers().size() + 99) / 100;
        column("select id from stripe.customers order by created limit 5");
        assertTrue(requests().size() >= pages);
        column("select min(created) from stripe.customers");
        assertTrue(requests().size() >= pages);
    }
}
