package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.json.Json;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;

/**
 * How many requests a parallel scan makes, against the in-memory Stripe, over sizes and {@code created}
 * distributions chosen to mislead the slicing (dense recent pages over sparse old data, sparse recent pages over a
 * dense past, bursts of objects sharing one second): never more than 1.25 times the {@code ⌈rows / 100⌉} of the
 * sequential walk, exactly that when the scan ends within its first two pages, and every row exactly once.
 */
class ParallelScanRequestCountTest {
    private static final long END = 1_750_000_000L;
    private static final long TWO_YEARS = 63_072_000L;

    /** A created second for object {@code i} of {@code n}, newest first not required. */
    private record Distribution(String name, LongUnaryOperator created) {}

    private static List<Distribution> distributions(int n, Random random) {
        return List.of(
                new Distribution("uniform over two years", i -> END - (long) (random.nextDouble() * TWO_YEARS)),
                new Distribution("more recent (the emulator's shape)", i -> {
                    double u = random.nextDouble();
                    return END - (long) (TWO_YEARS * u * u);
                }),
                new Distribution("more in the past", i -> {
                    double u = random.nextDouble();
                    return END - (long) (TWO_YEARS * Math.sqrt(u));
                }),
                new Distribution(
                        "a dense last hour, then two sparse years",
                        i -> i < n * 3 / 4
                                ? END - random.nextInt(3_600)
                                : END - 3_600 - (long) (random.nextDouble() * TWO_YEARS)),
                new Distribution(
                        "a sparse recent year over a dense old burst",
                        i -> i < n / 4
                                ? END - (long) (random.nextDouble() * TWO_YEARS / 2)
                                : END - TWO_YEARS - random.nextInt(30)),
                new Distribution(
                        "bursts: a third in five seconds",
                        i -> i % 3 == 0
                                ? END - 86_400L * (1 + random.nextInt(5))
                                : END - (long) (random.nextDouble() * TWO_YEARS)),
                new Distribution("all in one second", i -> END - 7));
    }

    private static Json[] customers(int n, LongUnaryOperator created) {
        List<long[]> seconds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seconds.add(new long[] {created.applyAsLong(i), i});
        }
        seconds.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
        Json[] out = new Json[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", String.format("cus_%06d", seconds.get(i)[1]));
            object.put("object", "customer");
            object.put("created", BigDecimal.valueOf(seconds.get(i)[0]));
            out[i] = Json.of(object);
        }
        return out;
    }

    /** The requests of one full scan at {@code parallelism}, after checking it returned every object once. */
    private static int requests(Json[] objects, int parallelism) {
        FakeStripeClient fake = new FakeStripeClient().add("customers", objects);
        RowIterator rows = new StripeTableSource(
                        Tables.define("customers", "customers", "id text"),
                        fake,
                        new FakeConstantEvaluator(),
                        8,
                        parallelism)
                .plan(where())
                .open(Sql.context(), -1);
        List<Object[]> read = drain(rows);
        HashSet<Object> ids = new HashSet<>();
        read.forEach(row -> ids.add(row[0]));
        assertEquals(objects.length, read.size(), "rows");
        assertEquals(objects.length, ids.size(), "distinct rows");
        return fake.calls().size();
    }

    private static int minimum(int rows) {
        return Math.max(1, (rows + 99) / 100);
    }

    @Test
    void neverMoreThanAQuarterAboveTheSequentialWalk() {
        Random random = new Random(13);
        List<String> report = new ArrayList<>();
        for (int n : new int[] {201, 250, 301, 420, 999, 1_000, 1_001, 2_500, 5_000}) {
            for (Distribution distribution : distributions(n, random)) {
                Json[] objects = customers(n, distribution.created());
                for (int parallelism : new int[] {2, 8, 16}) {
                    int requests = requests(objects, parallelism);
                    String what = n + " rows, " + distribution.name() + ", parallelism " + parallelism + ": " + requests
                            + " requests, at least " + minimum(n);
                    report.add(what);
                    assertTrue(requests <= minimum(n) * 5 / 4, what);
                }
            }
        }
        assertEquals(9 * 7 * 3, report.size());
    }

    @Test
    void scansWithinTheFirstTwoPagesMakeExactlyTheSequentialRequests() {
        Random random = new Random(17);
        for (int n : new int[] {1, 50, 99, 100, 101, 150, 199, 200}) {
            for (Distribution distribution : distributions(n, random)) {
                Json[] objects = customers(n, distribution.created());
                assertEquals(minimum(n), requests(objects, 8), n + " rows, " + distribution.name());
            }
        }
    }
}
