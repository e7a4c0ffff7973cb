package org.stripejdbc.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.json.Json;

/**
 * Scenario "plans" of issue 13: queries that should read only what their answer needs, each run once through JDBC
 * on the emulator (2,000 customers and everything around them, no latency), its requests counted in the emulator's
 * log and printed next to the minimum that a simple oracle computes from the emulator's data: for each way the
 * query could be answered (a list read page by page, a request per key looked up), the requests it needs, and the
 * fewest of those. Goals: every query at most 2x its minimum, all of them together at most 1.25x.
 *
 * <p>The oracle's rules: a list of {@code n} objects costs {@code max(1, ⌈n / 100⌉)} requests; a retrieve costs 1;
 * a list filtered on a key (charges of one customer) costs the pages of that key's objects; {@code ORDER BY created
 * DESC LIMIT n} and {@code max(created)} cost one request (Stripe lists newest first); a join or semi join costs the
 * outer side's requests plus the cheaper of reading the inner side once and looking up the outer side's distinct
 * keys. Scans are sequential ({@code scan_parallelism=1}): how many requests a parallel scan spends on its slices is
 * scenario 2's subject, not the plan's.
 *
 * <p>Run alone: {@code mvn -B -Pbench verify -Dbench.scenarios=P} (the suite, {@link BenchmarkMain}, runs it
 * last); {@link #main} runs it without the suite's header.
 */
public final class PlansScenario {
    private static final int CUSTOMERS = 2_000;
    private static final long SEED = 46;

    /** One query, its rows as the oracle knows them (-1: not checked) and its minimum requests. */
    private record Query(String name, String sql, long rows, long minimum) {}

    /** What one query made. */
    record Result(String name, long requests, long minimum) {
        double ratio() {
            return requests / (double) minimum;
        }
    }

    public static void main(String[] args) throws Exception {
        ResultTable table = new ResultTable();
        List<Result> results = new PlansScenario().run(table);
        System.out.println();
        System.out.print(render(results));
    }

    /** Runs the queries, adds a line per query and one for the total to {@code table}, and returns the results. */
    List<Result> run(ResultTable table) throws Exception {
        System.out.println("Plans: generating " + CUSTOMERS + " customers (no latency, no budget)...");
        List<Result> results = new ArrayList<>();
        try (StripeEmulator emulator = StripeEmulator.builder()
                        .seed(SEED)
                        .customers(CUSTOMERS)
                        .requestLogCapacity(200_000)
                        .start();
                Connection connection = OurDriver.connect(
                        emulator.baseUrl(),
                        "sk_test_bench_plans",
                        Map.of("scan_parallelism", "1", "requests_per_second", "0"))) {
            for (Query query : new Oracle(emulator).queries()) {
                emulator.clearRequestLog();
                long rows = rows(connection, query.sql());
                long requests = emulator.requestLog().size();
                if (query.rows() >= 0 && rows != query.rows()) {
                    throw new IllegalStateException(
                            query.name() + ": " + rows + " rows where the data has " + query.rows());
                }
                Result result = new Result(query.name(), requests, query.minimum());
                results.add(result);
                table.add(new ResultTable.Line(
                        "P",
                        query.name(),
                        "requests (baseline column: the oracle's minimum)",
                        ResultTable.count(requests),
                        ResultTable.count(query.minimum()),
                        ResultTable.ratio(query.minimum(), requests),
                        (result.ratio() <= 2 ? "yes" : "NO") + " (<= 2x the minimum)"));
            }
        }
        long total = results.stream().mapToLong(Result::requests).sum();
        long minimum = results.stream().mapToLong(Result::minimum).sum();
        table.add(new ResultTable.Line(
                "P",
                "all " + results.size() + " plan queries",
                "requests (baseline column: the oracle's minimum)",
                ResultTable.count(total),
                ResultTable.count(minimum),
                ResultTable.ratio(minimum, total),
                (total <= 1.25 * minimum ? "yes" : "NO") + " (<= 1.25x the minimum)"));
        return results;
    }

    private static long rows(Connection connection, String sql) throws SQLException {
        long rows = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    /** The scenario's own table: each query's requests, its minimum, and ours ÷ minimum. */
    static String render(List<Result> results) {
        StringBuilder out = new StringBuilder("| plan query | requests | minimum | ours ÷ minimum |\n");
        out.append("|---|---|---|---|\n");
        long total = 0;
        long minimum = 0;
        for (Result result : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %,d | %.2fx |%n",
                    result.name(),
                    result.requests(),
                    result.minimum(),
                    result.ratio()));
            total += result.requests();
            minimum += result.minimum();
        }
        out.append(
                String.format(Locale.ROOT, "| all | %,d | %,d | %.2fx |%n", total, minimum, total / (double) minimum));
        return out.toString();
    }

    /** The emulator's data, and the queries with their minimum requests computed from it. */
    private static final class Oracle {
        private final List<Json> customers;
        private final List<Json> charges;
        private final List<Json> subscriptions;
        private final Map<String, Integer> chargesByCustomer = new HashMap<>();
        private final Map<String, Integer> subscriptionsByCustomer = new HashMap<>();
        private final Instant end;

        Oracle(StripeEmulator emulator) {
            customers = emulator.objects("customers");
            charges = emulator.objects("charges");
            subscriptions = emulator.objects("subscriptions");
            for (Json charge : charges) {
                String customer = text(charge, "customer");
                if (customer != null) {
                    chargesByCustomer.merge(customer, 1, Integer::sum);
                }
            }
            for (Json subscription : subscriptions) {
                subscriptionsByCustomer.merge(text(subscription, "customer"), 1, Integer::sum);
            }
            end = emulator.dataEndTime();
        }

        private static String text(Json object, String field) {
            Json value = object.get(field);
            return value == null ? null : value.stringValue();
        }

        /** Requests to list {@code n} objects: one page at least. */
        private static long pages(long n) {
            return Math.max(1, (n + 99) / 100);
        }

        /** Requests to look up each of {@code keys} in a list filtered on it ({@code counts}: objects per key). */
        private static long lookups(Set<String> keys, Map<String, Integer> counts) {
            long requests = 0;
            for (String key : keys) {
                requests += pages(counts.getOrDefault(key, 0));
            }
            return requests;
        }

        private Set<String> customerIds() {
            Set<String> out = new HashSet<>();
            for (Json customer : customers) {
                out.add(text(customer, "id"));
            }
            return out;
        }

        List<Query> queries() {
            List<Query> out = new ArrayList<>();
            long customerPages = pages(customers.size());
            long chargePages = pages(charges.size());
            Set<String> all = customerIds();

            out.add(new Query(
                    "newest 5 customers (order by created desc limit 5)",
                    "select id, email, created from stripe.customers order by created desc limit 5",
                    5,
                    1));
            out.add(new Query("max(created) of charges", "select max(created) from stripe.charges", 1, 1));

            Set<String> failed = new HashSet<>();
            for (Json charge : charges) {
                if ("failed".equals(text(charge, "status")) && text(charge, "customer") != null) {
                    failed.add(text(charge, "customer"));
                }
            }
            out.add(new Query(
                    "customers with a failed charge (EXISTS)",
                    "select count(*) from stripe.customers c where exists"
                            + " (select 1 from stripe.charges ch where ch.customer = c.id and ch.status = 'failed')",
                    1,
                    customerPages + Math.min(chargePages, lookups(all, chargesByCustomer))));
            Set<String> subscribed = new HashSet<>(subscriptionsByCustomer.keySet());
            out.add(new Query(
                    "customers without a subscription (NOT EXISTS)",
                    "select c.id from stripe.customers c where not exists"
                            + " (select 1 from stripe.subscriptions s where s.customer = c.id)",
                    all.stream().filter(id -> !subscribed.contains(id)).count(),
                    customerPages + Math.min(pages(subscriptions.size()), lookups(all, subscriptionsByCustomer))));
            out.add(new Query(
                    "customers of failed charges (IN subquery)",
                    "select id, email from stripe.customers where id in"
                            + " (select customer from stripe.charges where status = 'failed')",
                    failed.size(),
                    chargePages + Math.min(customerPages, failed.size())));

            List<String> shuffled = new ArrayList<>(all);
            Collections.sort(shuffled);
            Collections.shuffle(shuffled, new Random(SEED));
            List<String> thousand = shuffled.subList(0, 1_000);
            out.add(new Query(
                    "1,000 customers by id (id IN list)",
                    "select id, email from stripe.customers where id in " + quoted(thousand),
                    1_000,
                    Math.min(customerPages, thousand.size())));

            Json someone = customers.stream()
                    .filter(c -> chargesByCustomer.containsKey(text(c, "id")) && text(c, "email") != null)
                    .findFirst()
                    .orElseThrow();
            String email = text(someone, "email");
            Set<String> ofEmail = new HashSet<>();
            for (Json customer : customers) {
                if (email.equals(text(customer, "email"))) {
                    ofEmail.add(text(customer, "id"));
                }
            }
            out.add(new Query(
                    "charges of the customers of one email (join)",
                    "select ch.id, ch.amount from stripe.customers c join stripe.charges ch on ch.customer = c.id"
                            + " where c.email = '" + email + "'",
                    ofEmail.stream()
                            .mapToLong(id -> chargesByCustomer.getOrDefault(id, 0))
                            .sum(),
                    pages(ofEmail.size()) + Math.min(chargePages, lookups(ofEmail, chargesByCustomer))));

            Instant from = end.minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
            List<Json> recent = charges.stream()
                    .filter(c -> c.get("created").longValue() >= from.getEpochSecond())
                    .toList();
            Set<String> recentCustomers = recent.stream()
                    .map(c -> text(c, "customer"))
                    .filter(c -> c != null)
                    .collect(Collectors.toSet());
            Set<String> recentEmails = new HashSet<>();
            for (Json customer : customers) {
                if (recentCustomers.contains(text(customer, "id"))) {
                    recentEmails.add(String.valueOf(text(customer, "email")));
                }
            }
            String since = from.toString().substring(0, 10);
            out.add(new Query(
                    "charges per customer email since " + since + " (join, group by)",
                    "select c.email, count(*), sum(ch.amount) from stripe.charges ch join stripe.customers c"
                            + " on c.id = ch.customer where ch.created >= '" + since + "' group by c.email",
                    recentEmails.size(),
                    pages(recent.size()) + Math.min(customerPages, recentCustomers.size())));
            out.add(new Query(
                    "newest 20 charges since " + since + " (created range, order by created desc)",
                    "select id, amount, created from stripe.charges where created >= '" + since + "'"
                            + " order by created desc limit 20",
                    Math.min(20, recent.size()),
                    1));

            List<String> thirty = shuffled.subList(1_000, 1_030);
            out.add(new Query(
                    "charges of 30 customers (customer IN list)",
                    "select count(*) from stripe.charges where customer in " + quoted(thirty),
                    1,
                    Math.min(chargePages, lookups(new HashSet<>(thirty), chargesByCustomer))));
            return out;
        }

        private static String quoted(List<String> ids) {
            return ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", ", "(", ")"));
        }
    }
}
