package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Tables.drain;
import static org.stripejdbc.testkit.Tables.ids;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.config.SearchMode;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.stripe.RecentWrites;
import org.stripejdbc.testkit.Tables;

/**
 * Search routing ({@link SearchRouting}, {@link SearchTranslator}, {@link SearchQueryRenderer}): the SQL conditions
 * that become a search query, the exact query, those that must not translate, the cost choice, read-your-writes and
 * a search that returns more rows than the conditions hold for.
 */
class SearchRoutingTest {
    private static final String CUSTOMERS =
            "id text, email text, name text, description text, phone text," + " created timestamp, attrs jsonb";
    private static final String CHARGES = "id text, amount bigint, currency text, customer text, description text,"
            + " status text, created timestamp, attrs jsonb";

    private final FakeStripeClient client = new FakeStripeClient();
    private final Expressions constants = new Expressions();
    private final AtomicLong nanos = new AtomicLong(TimeUnit.DAYS.toNanos(1));
    private final RecentWrites writes = new RecentWrites(nanos::get);

    private StripeTableSource table(String object, SearchMode mode) {
        String columns = object.equals("charges") ? CHARGES : CUSTOMERS;
        return new StripeTableSource(
                Tables.define(object, object, columns),
                client,
                constants,
                8,
                1,
                new SearchSettings(mode, Duration.ofSeconds(60), writes));
    }

    /** The conjuncts of {@code where condition}, parsed as the driver parses them. */
    private static List<Expr> where(String condition) {
        Statement.QueryStatement statement = (Statement.QueryStatement)
                SqlFrontEnd.parse("select * from t where " + condition).statement();
        return List.of(((Query.Select) statement.query()).where());
    }

    /** The requests of a scan of {@code object} under {@code condition}, run to its end. */
    private List<String> requests(String object, SearchMode mode, String condition, Object... parameters) {
        client.add(object);
        drain(table(object, mode).plan(where(condition)).open(context(parameters), -1));
        return client.requests();
    }

    private List<String> explain(String object, SearchMode mode, String condition) {
        return table(object, mode).plan(where(condition)).explain(context());
    }

    // -------------------------------------------------------------------------------------------- translation

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "customers | name like '%son%'                                 | name~\"son\"",
                "customers | name ilike 'jo%son'                               | name~\"son\"",
                "customers | name like 'Anders\\_so%'                           | name~\"Anders_so\"",
                "customers | name like '%O\"Br%'                               | name~\"O\\\"Br\"",
                "customers | name = 'Bob'                                      | name:\"Bob\"",
                "customers | email like '%@example.%' and name like '%an%'    | email~\"@example.\"",
                "customers | email = 'a@b.c' and name like '%son%'             | email:\"a@b.c\" AND name~\"son\"",
                "customers | attrs->'metadata'->>'plan' = 'gold'               | metadata['plan']:'gold'",
                "customers | attrs @> '{\"metadata\": {\"plan\": \"gold\", \"tier\": \"1\"}}'"
                        + " | metadata['plan']:'gold' AND metadata['tier']:'1'",
                "customers | created >= '2024-01-01' and name like '%son%'    | created>=1704067200 AND name~\"son\"",
                "customers | created > '2024-01-01 00:00:00.5' and name = 'x' | created>1704067200 AND name:\"x\"",
                "customers | phone is null                                     | phone:null",
                "customers | phone is not null                                 | -phone:null",
                "customers | not (phone is null)                               | -phone:null",
                "customers | name like '%son%' or phone = '555'                | name~\"son\" OR phone:\"555\"",
                "customers | attrs->>'phone' like '%555%'                      | phone~\"555\"",
                "charges   | amount > 1000                                     | amount>1000",
                "charges   | 1000 < amount                                     | amount>1000",
                "charges   | amount >= 10.5                                    | amount>=11",
                "charges   | amount > 10.5                                     | amount>10",
                "charges   | amount < 10.5                                     | amount<11",
                "charges   | amount <= 10.5                                    | amount<=10",
                "charges   | amount = 500                                      | amount:500",
                "charges   | amount between 10 and 20                          | amount>=10 AND amount<=20",
                "charges   | status <> 'failed'                                | -status:\"failed\"",
                "charges   | not (status = 'failed')                           | -status:\"failed\"",
                "charges   | status in ('succeeded', 'pending')" + " | status:\"succeeded\" OR status:\"pending\"",
                "charges   | amount > 1000 and status <> 'failed'              | amount>1000 AND -status:\"failed\"",
                "charges   | attrs->'payment_method_details'->'card'->>'brand' = 'visa'"
                        + " | payment_method_details.card.brand:\"visa\"",
            })
    void translatesToTheExactQuery(String object, String condition, String query) {
        List<String> requests = requests(object, SearchMode.ALWAYS, condition);
        assertEquals(List.of("GET " + object + "/search?query=" + query + "&limit=100"), requests, condition);
    }

    /** Conditions that must not become a search: each would drop rows the condition holds for, or cannot be said. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "customers | name like '%so%'",
                "customers | name like '%s_n%'",
                "customers | name not like '%son%'",
                "customers | name <> 'Bob'",
                "customers | not (name like '%son%')",
                "customers | attrs->'metadata'->>'plan' <> 'gold'",
                "customers | attrs->'metadata'->>'plan' like '%gold%'",
                "customers | name like '%son%' or description = 'x'",
                "customers | lower(name) = 'bob'",
                "customers | description like '%son%'",
                "customers | email = 'a@b.c'",
                "charges   | attrs->>'amount' = '500'",
                "charges   | currency like '%usd%'",
                "charges   | created > '2024-01-01'",
                "charges   | amount = 10.5",
                "charges   | customer <> 'cus_1'",
                "charges   | status <> 'Failed'",
            })
    void doesNotTranslate(String object, String condition) {
        client.add(object, Json.of(java.util.Map.of("id", "x_1", "object", "x", "created", 1)));
        List<String> requests = requests(object, SearchMode.ALWAYS, condition);
        assertEquals(1, requests.size(), condition + ": " + requests);
        assertTrue(requests.get(0).startsWith("GET " + object + "?"), condition + ": " + requests);
    }

    @Test
    void anAndMixedWithAnOrFallsBackToTheList() {
        List<String> plan =
                explain("customers", SearchMode.ALWAYS, "name like '%son%' and (phone = 'a' or phone = 'b')");
        assertEquals(
                List.of(
                        "Foreign Scan on stripe.customers",
                        "  Request: GET /v1/customers?limit=100",
                        "  Requests: unbounded (pages of 100, starting_after = last id while has_more)",
                        "  Search: not used (the conditions mix AND and OR, and a search query joins all its clauses"
                                + " by one of them)",
                        "  Local filter: ((name ~~ '%son%') AND ((phone = 'a') OR (phone = 'b')))"),
                plan);
    }

    @Test
    void moreThanTenClausesFallBackToTheList() {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            conditions.add("name like '%ab" + i + "%'");
        }
        List<String> plan = explain("customers", SearchMode.ALWAYS, String.join(" and ", conditions));
        assertTrue(
                plan.get(3)
                        .startsWith("  Search: not used (the query would have 11 clauses, more than the 10 a search"
                                + " takes)"),
                plan.toString());
    }

    @Test
    void aCreatedWindowAsSparkReadsItIsListed() {
        List<String> requests = requests(
                "customers",
                SearchMode.ALWAYS,
                "created >= '2024-01-01' and created < '2024-02-01' and name like '%son%'");
        assertEquals(List.of("GET customers?created[gte]=1704067200&created[lt]=1706745600&limit=100"), requests);
        assertEquals(
                List.of("GET customers?created[lt]=1704067200&limit=100"),
                requestsAfterReset("customers", "(created < '2024-01-01' or created is null) and name like '%son%'"));
    }

    private List<String> requestsAfterReset(String object, String condition) {
        FakeStripeClient fresh = new FakeStripeClient().add(object);
        drain(new StripeTableSource(
                        Tables.define(object, object, CUSTOMERS),
                        fresh,
                        constants,
                        8,
                        1,
                        new SearchSettings(SearchMode.ALWAYS, Duration.ofSeconds(60), writes))
                .plan(where(condition))
                .open(context(), -1));
        return fresh.requests();
    }

    /** In an AND, a condition whose value cannot be searched for in this execution is left out of the query. */
    @Test
    void anAndLeavesOutAValueThatCannotBeSearchedFor() {
        assertEquals(
                List.of("GET customers/search?query=email~\"@example\"&limit=100"),
                requests("customers", SearchMode.ALWAYS, "name like ? and email like '%@example%'", "%so%"));
    }

    @Test
    void aValueThatCannotBeSearchedForInThisExecutionListsInstead() {
        assertEquals(
                List.of("GET customers?limit=100"), requests("customers", SearchMode.ALWAYS, "name like ?", "%so%"));
        assertEquals(
                List.of("GET customers?limit=100", "GET customers/search?query=name~\"son\"&limit=100"),
                requests("customers", SearchMode.ALWAYS, "name like ?", "%son%"));
    }

    // ----------------------------------------------------------------------------------------------- results

    /** The search double answers every customer whatever the query: only the rows the condition holds for remain. */
    @Test
    void aSearchThatReturnsMoreRowsNeverWidensTheResult() {
        client.add("customers", FakeStripeClient.customers(250, 1_700_000_000L));
        StripeScanPlan plan = table("customers", SearchMode.AUTO).plan(where("name like '%mer 13%'"));
        List<Object[]> rows = drain(plan.open(context(), -1));
        // the executor evaluates the residual LIKE; the scan returns what the search returned
        assertEquals(List.of(), plan.pushed());
        assertEquals(1, plan.residual().size());
        assertEquals(250, rows.size(), "the scan hands every searched row to the executor's filter");
        assertEquals(
                List.of(
                        "GET customers/search?query=name~\"mer 13\"&limit=100",
                        "GET customers/search?query=name~\"mer 13\"&limit=100&page=page_100",
                        "GET customers/search?query=name~\"mer 13\"&limit=100&page=page_200"),
                client.requests());
    }

    @Test
    void pushedConditionsAreCheckedAgainOnEverySearchedRow() {
        client.add("customers", FakeStripeClient.customers(5, 1_700_000_000L));
        StripeScanPlan plan =
                table("customers", SearchMode.ALWAYS).plan(where("email = 'c3@example.com' and name like '%mer%'"));
        assertEquals(List.of("cus_003"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET customers/search?query=email:\"c3@example.com\" AND name~\"mer\"&limit=100"),
                client.requests());
    }

    @Test
    void aLimitAsksForOnlyThatManyRows() {
        client.add("customers", FakeStripeClient.customers(5, 1_700_000_000L));
        StripeScanPlan plan =
                table("customers", SearchMode.ALWAYS).plan(where("email = 'c3@example.com' and name like '%mer%'"));
        assertEquals(List.of("cus_003"), ids(drain(plan.open(context(), 1))));
        assertEquals(
                List.of(
                        "GET customers/search?query=email:\"c3@example.com\" AND name~\"mer\"&limit=1",
                        "GET customers/search?query=email:\"c3@example.com\" AND name~\"mer\"&limit=100&page=page_1"),
                client.requests());
    }

    // -------------------------------------------------------------------------------------------------- cost

    @Test
    void explainShowsTheQueryWhyAndWhatStaysLocal() {
        assertEquals(
                List.of(
                        "Foreign Scan on stripe.customers",
                        "  Request: GET /v1/customers/search?query=name%7E%22son%22&limit=100",
                        "  Requests: unbounded (pages of 100, page = next_page while has_more; a search is read"
                                + " sequentially, never in parallel slices)",
                        "  Search: name~\"son\" (chosen: about 1 page against about 100 pages for the list, for 10,000"
                                + " objects assumed)",
                        "  Search lag: Stripe's search index can lag writes by about a minute; every condition is"
                                + " checked again on every row",
                        "  Not in the search query: (description ~~ '%x_y%')",
                        "  Local filter: ((name ~~ '%son%') AND (description ~~ '%x_y%'))"),
                explain("customers", SearchMode.AUTO, "name like '%son%' and description like '%x_y%'"));
    }

    @Test
    void theListIsReadWhenItIsExpectedToReadNoMorePages() {
        assertEquals(
                List.of(
                        "Foreign Scan on stripe.charges",
                        "  Request: GET /v1/charges?customer=cus_1&limit=100",
                        "  Requests: unbounded (pages of 100, starting_after = last id while has_more)",
                        "  Search: not used (the list is expected to read no more pages: about 1 page against about 1"
                                + " page for the list, for 10,000 objects assumed); its query would be"
                                + " customer:\"cus_1\" AND amount>1000",
                        "  Pushed (checked again on every row): (customer = 'cus_1')",
                        "  Local filter: (amount > 1000)"),
                explain("charges", SearchMode.AUTO, "customer = 'cus_1' and amount > 1000"));
        assertEquals(List.of("GET charges?limit=100"), requests("charges", SearchMode.AUTO, "status <> 'failed'"));
    }

    @Test
    void searchOffIsSaidInExplain() {
        assertEquals(
                "  Search: not used (search = off); its query would be name~\"son\"",
                explain("customers", SearchMode.OFF, "name like '%son%'").get(3));
    }

    @Test
    void aTableWithoutSearchSettingsNeverSearches() {
        client.add("customers", FakeStripeClient.customers(2, 1_700_000_000L));
        StripeTableSource plain =
                new StripeTableSource(Tables.define("customers", "customers", CUSTOMERS), client, constants);
        List<String> plan = plain.plan(where("name like '%son%'")).explain(context());
        assertTrue(plan.stream().noneMatch(line -> line.contains("Search")), plan.toString());
    }

    // ---------------------------------------------------------------------------------------- read your writes

    @Test
    void anObjectWrittenThroughThisJvmWithinTheWindowIsListedUntilTheWindowHasPassed() {
        writes.record("customers/cus_1");
        List<String> plan = explain("customers", SearchMode.AUTO, "name like '%son%'");
        assertEquals(
                "  Search: not used (customers were written through this JVM 0 s ago, within search_after_write (60"
                        + " s): the list shows those writes, the search may not yet); its query would be name~\"son\"",
                plan.get(3));
        assertEquals(List.of("GET customers?limit=100"), requests("customers", SearchMode.AUTO, "name like '%son%'"));
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
        assertEquals(
                List.of("GET customers?limit=100", "GET customers/search?query=name~\"son\"&limit=100"),
                requests("customers", SearchMode.AUTO, "name like '%son%'"));
        writes.record("customers");
        assertEquals(
                "GET customers/search?query=name~\"son\"&limit=100",
                requests("customers", SearchMode.ALWAYS, "name like '%son%'").get(2),
                "always searches whatever was written");
    }

    @Test
    void aWriteToAnotherObjectTypeDoesNotStopTheSearch() {
        writes.record("charges");
        assertEquals(
                List.of("GET customers/search?query=name~\"son\"&limit=100"),
                requests("customers", SearchMode.AUTO, "name like '%son%'"));
    }
}
