package org.stripejdbc.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Scenario S of issue 16: conditions a list cannot take, answered by Stripe's search endpoint. Over 20,000 customers
 * on the emulator (no latency, no budget), {@code select id, name from stripe.customers where name like '%son%'}
 * with 50 matches (the sample names hold about 900 "son"s, Johnson, Anderson...: all but the first 50 by id are
 * renamed to "sen" through the API before the runs, outside the driver) and {@code like '%sen%'} (the renamed ones,
 * many pages), each run with search (the default, {@code search=auto}) and with {@code search=off} (the list plan:
 * 200 pages), their requests counted in the emulator's log, their rows checked against the data. Goal: the query
 * with about 50 matches answers in at most 2 requests; every search reads {@code ⌈matches / 100⌉} pages.
 *
 * <p>Run alone: {@code mvn -B -Pbench verify -Dbench.scenarios=S}.
 */
final class SearchScenario {
    private static final int CUSTOMERS = 20_000;
    private static final long SEED = 42;
    private static final int MATCHES = 50;

    void run(ResultTable table) throws Exception {
        System.out.println("Search: generating " + CUSTOMERS + " customers (no latency, no budget)...");
        try (StripeEmulator emulator = StripeEmulator.builder()
                .seed(SEED)
                .customers(CUSTOMERS)
                .requestLogCapacity(10_000)
                .start()) {
            keepFifty(emulator, "son", "sen");
            List<String> names = emulator.objects("customers").stream()
                    .map(customer -> customer.get("name"))
                    .map(name -> name == null ? null : name.stringValue())
                    .filter(name -> name != null)
                    .toList();
            measure(emulator, table, names, "son");
            measure(emulator, table, names, "sen");
        }
    }

    /**
     * Renames the customers whose name holds {@code part}, all but the first {@value #MATCHES} by id, replacing it
     * with {@code replacement}: {@code POST /v1/customers/<id>} straight to the emulator (not through the driver,
     * whose read-your-writes would list customers for a minute).
     */
    private static void keepFifty(StripeEmulator emulator, String part, String replacement) throws Exception {
        List<Json> holders = emulator.objects("customers").stream()
                .filter(customer -> customer.get("name") != null
                        && customer.get("name").stringValue().contains(part))
                .sorted(Comparator.comparing(
                        (Json customer) -> customer.get("id").stringValue()))
                .toList();
        HttpClient http = HttpClient.newHttpClient();
        for (Json customer : holders.subList(Math.min(MATCHES, holders.size()), holders.size())) {
            String name = customer.get("name").stringValue().replace(part, replacement);
            HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "customers/"
                            + customer.get("id").stringValue()))
                    .header("Authorization", "Bearer " + emulator.apiKey())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("renaming a customer: HTTP " + response.statusCode());
            }
        }
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
