package org.stripejdbc.bench;

import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.stripejdbc.emulator.StripeEmulator;

/**
 * Scenario S of issue 16: conditions a list cannot take, answered by Stripe's search endpoint. Over 20,000 customers
 * on the emulator (no latency, no budget), {@code select id, name from stripe.customers where name like '%son%'}
 * and a LIKE with about 50 matches (the part of the sample names nearest to 50 customers), each run with search (the
 * default, {@code search=auto}) and with {@code search=off} (the list plan: 200 pages), their requests counted in
 * the emulator's log, their rows checked against the data. Goal: the query with about 50 matches answers in at most
 * 2 requests; every search reads {@code ⌈matches / 100⌉} pages.
 *
 * <p>Run alone: {@code mvn -B -Pbench verify -Dbench.scenarios=S}.
 */
final class SearchScenario {
    private static final int CUSTOMERS = 20_000;
    private static final long SEED = 42;

    void run(ResultTable table) throws Exception {
        System.out.println("Search: generating " + CUSTOMERS + " customers (no latency, no budget)...");
        try (StripeEmulator emulator = StripeEmulator.builder()
                .seed(SEED)
                .customers(CUSTOMERS)
                .requestLogCapacity(10_000)
                .start()) {
            List<String> names = emulator.objects("customers").stream()
                    .map(customer -> customer.get("name"))
                    .map(name -> name == null ? null : name.stringValue())
                    .filter(name -> name != null)
                    .toList();
            String fifty = aboutFifty(names);
            measure(emulator, table, names, "son");
            measure(emulator, table, names, fifty);
        }
    }

    /**
     * The part of the generated names (a whole name, or one of its words, 3 characters or more) that the number of
     * customers closest to 50 hold.
     */
    private static String aboutFifty(List<String> names) {
        Set<String> candidates = new TreeSet<>();
        for (String name : names) {
            candidates.add(name);
            candidates.addAll(List.of(name.split(" ")));
        }
        return candidates.stream()
                .filter(part -> part.length() >= 3 && !part.contains("%") && !part.contains("_") && !part.contains("'"))
                .min(Comparator.comparingInt((String part) -> Math.abs(matches(names, part) - 50))
                        .thenComparing(Comparator.naturalOrder()))
                .orElseThrow();
    }

    private static int matches(List<String> names, String part) {
        return (int) names.stream().filter(name -> name.contains(part)).count();
    }

    private void measure(StripeEmulator emulator, ResultTable table, List<String> names, String part) throws Exception {
        String sql = "select id, name from stripe.customers where name like '%" + part + "%'";
        long expected = matches(names, part);
        long search = requests(emulator, sql, "auto", expected);
        long list = requests(emulator, sql, "off", expected);
        long pages = Math.max(1, (expected + 99) / 100);
        boolean goal = expected <= 100 ? search <= 2 : search <= pages + 1;
        table.add(new ResultTable.Line(
                "S",
                String.format(Locale.ROOT, "name like '%%%s%%' (%,d of %,d match)", part, expected, CUSTOMERS),
                "requests (baseline column: the list plan, search=off)",
                ResultTable.count(search),
                ResultTable.count(list),
                ResultTable.ratio(list, search),
                (goal ? "yes" : "NO") + (expected <= 100 ? " (<= 2 requests)" : " (<= " + (pages + 1) + " requests)")));
    }

    private static long requests(StripeEmulator emulator, String sql, String search, long expected) throws Exception {
        try (Connection connection = OurDriver.connect(
                emulator.baseUrl(),
                "sk_test_bench_search_" + search + "_" + System.nanoTime(),
                Map.of(
                        "scan_parallelism", "1",
                        "requests_per_second", "0",
                        "search_requests_per_second", "0",
                        "search", search))) {
            emulator.clearRequestLog();
            long rows = OurDriver.scan(connection, sql).rows();
            if (rows != expected) {
                throw new IllegalStateException(
                        sql + " (search=" + search + "): " + rows + " rows where the data has " + expected);
            }
            return emulator.requestLog().size();
        }
    }
}
