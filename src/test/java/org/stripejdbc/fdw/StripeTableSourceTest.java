package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.and;
import static org.stripejdbc.testkit.Sql.any;
import static org.stripejdbc.testkit.Sql.array;
import static org.stripejdbc.testkit.Sql.between;
import static org.stripejdbc.testkit.Sql.bool;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.ge;
import static org.stripejdbc.testkit.Sql.gt;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.le;
import static org.stripejdbc.testkit.Sql.like;
import static org.stripejdbc.testkit.Sql.lower;
import static org.stripejdbc.testkit.Sql.lt;
import static org.stripejdbc.testkit.Sql.ne;
import static org.stripejdbc.testkit.Sql.not;
import static org.stripejdbc.testkit.Sql.nullValue;
import static org.stripejdbc.testkit.Sql.number;
import static org.stripejdbc.testkit.Sql.or;
import static org.stripejdbc.testkit.Sql.param;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.timestamp;
import static org.stripejdbc.testkit.Sql.toTimestamp;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;
import static org.stripejdbc.testkit.Tables.ids;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Sql;
import org.stripejdbc.testkit.Tables;
import org.stripejdbc.types.SqlType;

/** Pushdown rules of {@link StripeTableSource}: the exact requests and the residual conditions. */
class StripeTableSourceTest {
    private static final String CUSTOMER_COLUMNS =
            "id text, email text, name text, description text, " + "created timestamp, attrs jsonb";

    private final FakeStripeClient client = new FakeStripeClient();
    private final FakeConstantEvaluator constants = new FakeConstantEvaluator();

    private StripeTableSource customers() {
        client.add("customers", FakeStripeClient.customers(5, 1_700_000_000L));
        return new StripeTableSource(Tables.define("customers", "customers", CUSTOMER_COLUMNS), client, constants);
    }

    private StripeTableSource table(String table, String object, String columns) {
        return new StripeTableSource(Tables.define(table, object, columns), client, constants);
    }

    // ------------------------------------------------------------------------------------------- columns

    @Test
    void columnsAreTheDeclaredOnesInOrder() {
        List<ResultColumn> columns = customers().columns();
        assertEquals(
                List.of("id", "email", "name", "description", "created", "attrs"),
                columns.stream().map(ResultColumn::name).toList());
        assertEquals(SqlType.TIMESTAMP, columns.get(4).type());
        assertEquals("stripe", columns.get(0).schema());
        assertEquals("customers", columns.get(0).table());
    }

    // -------------------------------------------------------------------------------------------- id = c

    @Test
    void idEqualityIsOneRetrieve() {
        Expr condition = eq(col("id"), text("cus_002"));
        StripeScanPlan plan = customers().plan(where(condition));
        assertEquals(List.of(), plan.residual());
        assertEquals(List.of(condition), plan.pushed());
        assertEquals(List.of("cus_002"), ids(drain(plan.open(context(), -1))));
        assertEquals(List.of("GET customers/cus_002"), client.requests());
    }

    @Test
    void constantOnTheLeftOfIdIsCommuted() {
        StripeScanPlan plan = customers().plan(where(eq(text("cus_003"), col("id"))));
        assertEquals(List.of("cus_003"), ids(drain(plan.open(context(), -1))));
        assertEquals(List.of("GET customers/cus_003"), client.requests());
    }

    @Test
    void idWithOtherConditionsIsStillOneRetrieveAndTheRestStaysResidual() {
        Expr email = eq(col("email"), text("c2@example.com"));
        Expr created = gt(col("created"), timestamp("2020-01-01"));
        Expr name = like(col("name"), "Customer%");
        StripeScanPlan plan = customers().plan(where(email, eq(col("id"), text("cus_002")), created, name));
        assertEquals(List.of(email, created, name), plan.residual());
        assertEquals(1, drain(plan.open(context(), -1)).size());
        assertEquals(List.of("GET customers/cus_002"), client.requests());
    }

    @Test
    void idFromAParameterIsBoundAtOpen() {
        StripeScanPlan plan = customers().plan(where(eq(col("id"), param(1))));
        assertEquals(List.of(), client.requests());
        assertEquals(List.of("cus_004"), ids(drain(plan.open(context("cus_004"), -1))));
        assertEquals(List.of("cus_001"), ids(drain(plan.open(context("cus_001"), -1))));
        assertEquals(List.of("GET customers/cus_004", "GET customers/cus_001"), client.requests());
    }

    @Test
    void literalRequestsAreResolvedOnceForEveryExecutionOfAPlan() {
        StripeScanPlan byId = customers().plan(where(eq(col("id"), text("cus_002"))));
        int planned = constants.evaluations;
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of("cus_002"), ids(drain(byId.open(context("ignored " + i), -1))));
        }
        assertEquals(planned + 1, constants.evaluations, "the literal id was resolved at the first execution only");
        StripeScanPlan byEmails =
                customers().plan(where(in(col("email"), text("c1@example.com"), text("c3@example.com"))));
        planned = constants.evaluations;
        drain(byEmails.open(context(), -1));
        drain(byEmails.open(context(), -1));
        assertEquals(planned + 2, constants.evaluations, "two literal emails, resolved at the first execution only");
        assertEquals(
                List.of(
                        "GET customers/cus_002",
                        "GET customers/cus_002",
                        "GET customers/cus_002",
                        "GET customers?email=c1@example.com&limit=100",
                        "GET customers?email=c3@example.com&limit=100",
                        "GET customers?email=c1@example.com&limit=100",
                        "GET customers?email=c3@example.com&limit=100"),
                client.requests());
    }

    @Test
    void parametersFunctionsAndTimesAreResolvedAtEachExecution() {
        StripeTableSource customers = customers();
        StripeScanPlan byParameter = customers.plan(where(eq(col("id"), param(1))));
        StripeScanPlan byTime = customers.plan(where(gt(col("created"), timestamp("2020-01-01"))));
        int planned = constants.evaluations;
        for (StripeScanPlan plan : List.of(byParameter, byTime)) {
            drain(plan.open(context("cus_001"), -1));
            drain(plan.open(context("cus_002"), -1));
        }
        assertEquals(planned + 4, constants.evaluations, "each of the two, at each of its two executions");
        assertEquals(
                List.of("GET customers/cus_001", "GET customers/cus_002"),
                client.requests().subList(0, 2));
    }

    @Test
    void onlyLiteralsOutsideDatesAndTimesAreExecutionIndependent() {
        assertTrue(Exprs.isExecutionIndependent(text("cus_1")));
        assertTrue(Exprs.isExecutionIndependent(number(5)));
        assertTrue(Exprs.isExecutionIndependent(new Expr.Unary(Expr.UnaryOperator.NEGATE, number(5))));
        assertTrue(Exprs.isExecutionIndependent(new Expr.Cast(text("5"), SqlType.BIGINT, "bigint")));
        for (Expr dependent : List.of(
                param(1),
                lower(text("A")),
                timestamp("2020-01-01"),
                toTimestamp(5),
                new Expr.Cast(text("today"), SqlType.DATE, "date"),
                new Expr.Literal(null, SqlType.INTERVAL),
                array(text("a")),
                col("id"))) {
            assertFalse(Exprs.isExecutionIndependent(dependent), dependent.toString());
        }
    }

    @Test
    void retrieveOf404GivesNoRow() {
        StripeScanPlan plan = customers().plan(where(eq(col("id"), text("cus_missing"))));
        assertEquals(List.of(), drain(plan.open(context(), -1)));
        assertEquals(List.of("GET customers/cus_missing"), client.requests());
    }

    @Test
    void idWithSpecialCharactersIsPassedAsOneSegmentValue() {
        StripeScanPlan plan = customers().plan(where(eq(col("id"), text("cus 1/x"))));
        drain(plan.open(context(), -1));
        assertEquals("cus 1/x", client.calls().get(0).path().substring("customers/".length()));
    }

    @Test
    void emptyIdMatchesNothingWithoutRequest() {
        StripeScanPlan plan = customers().plan(where(eq(col("id"), text(""))));
        assertEquals(List.of(), drain(plan.open(context(), -1)));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void deletedMarkerIsNoRow() {
        // Stripe answers a retrieve of a deleted customer or product with {"id", "object", "deleted": true}.
        client.addRetrievable(
                "customers", Json.parse("{\"id\":\"cus_gone\",\"object\":\"customer\",\"deleted\":true}"));
        client.addRetrievable(
                "customers", Json.parse("{\"id\":\"cus_here\",\"object\":\"customer\",\"deleted\":false}"));
        StripeTableSource source = customers();
        assertEquals(
                List.of(),
                drain(source.plan(where(eq(col("id"), text("cus_gone")))).open(context(), -1)));
        assertEquals(
                List.of("cus_here"),
                ids(drain(source.plan(where(in(col("id"), text("cus_gone"), text("cus_here"))))
                        .open(context(), -1))));
        // The two retrieves of the IN run at once, in either order.
        assertEquals(
                List.of("GET customers/cus_gone", "GET customers/cus_gone", "GET customers/cus_here"),
                client.requests().stream().sorted().toList());
    }

    @Test
    void idOnAnObjectWithoutRetrieveStaysResidual() {
        // setup_attempts has no GET /setup_attempts/<id>: the id condition is filtered locally.
        client.add("setup_attempts", Json.parse("{\"id\":\"setatt_1\",\"setup_intent\":\"seti_1\"}"));
        StripeTableSource source = table("setup_attempts", "setup_attempts", "id text, setup_intent text");
        Expr id = eq(col("id"), text("setatt_1"));
        StripeScanPlan plan = source.plan(where(id, eq(col("setup_intent"), text("seti_1"))));
        assertEquals(List.of(id), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET setup_attempts?setup_intent=seti_1&limit=100"), client.requests());
    }

    @Test
    void idDeclaredWithAnotherTypeIsNotRetrieved() {
        client.add("customers", FakeStripeClient.customers(1, 1_700_000_000L));
        StripeTableSource source = table("customers", "customers", "id jsonb, email text");
        Expr condition = eq(col("id"), text("\"cus_001\""));
        assertEquals(List.of(condition), source.plan(where(condition)).residual());
    }

    // ------------------------------------------------------------------------------------ id IN / ANY

    @Test
    void idInIsOneRetrievePerDistinctIdInListOrder() {
        StripeScanPlan plan = customers()
                .plan(where(in(
                        col("id"), text("cus_003"), text("cus_001"), text("cus_003"), nullValue(), text("cus_404"))));
        assertEquals(List.of(), plan.residual());
        assertEquals(List.of("cus_003", "cus_001"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET customers/cus_001", "GET customers/cus_003", "GET customers/cus_404"),
                client.requests().stream().sorted().toList());
    }

    @Test
    void idEqualsAnyOfAnArrayParameter() {
        StripeScanPlan plan = customers().plan(where(any(col("id"), param(1))));
        List<Object> ids = ids(drain(plan.open(context(Arrays.asList("cus_002", "cus_001", "cus_002", null)), -1)));
        assertEquals(List.of("cus_002", "cus_001"), ids);
        assertEquals(2, client.requests().size());
    }

    @Test
    void idEqualsAnyOfAJavaArrayParameter() {
        StripeScanPlan plan = customers().plan(where(any(col("id"), param(1))));
        List<Object> ids = ids(drain(plan.open(context((Object) new String[] {"cus_005", "cus_004"}), -1)));
        assertEquals(List.of("cus_005", "cus_004"), ids);
    }

    @Test
    void idEqualsAnyOfAnArrayConstructor() {
        StripeScanPlan plan = customers().plan(where(any(col("id"), array(text("cus_001"), text("cus_005")))));
        assertEquals(List.of("cus_001", "cus_005"), ids(drain(plan.open(context(), -1))));
    }

    @Test
    void idEqualityIsPreferredOverIdIn() {
        Expr inList = in(col("id"), text("cus_001"), text("cus_002"));
        StripeScanPlan plan = customers().plan(where(inList, eq(col("id"), text("cus_002"))));
        assertEquals(List.of(inList), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET customers/cus_002"), client.requests());
    }

    @Test
    void idInRunsConcurrentlyUpToTheBound() {
        client.add("customers", FakeStripeClient.customers(12, 1_700_000_000L));
        client.holdRetrievesUntilConcurrent(4);
        StripeTableSource source =
                new StripeTableSource(Tables.define("customers", "customers", CUSTOMER_COLUMNS), client, constants, 4);
        List<Expr> ids = new ArrayList<>();
        for (int i = 10; i >= 1; i--) { // up to 10 ids are always retrieved (LookupOrScan)
            ids.add(text(String.format("cus_%03d", i)));
        }
        StripeScanPlan plan = source.plan(where(new Expr.InList(col("id"), ids, false)));
        List<Object> rows = ids(drain(plan.open(context(), -1)));
        assertEquals(10, rows.size());
        assertEquals("cus_010", rows.get(0));
        assertEquals("cus_001", rows.get(9));
        assertEquals(4, client.maxConcurrentRetrieves());
        assertTrue(client.calls().stream().allMatch(call -> call.thread().startsWith("stripe-jdbc-retrieve-")));
    }

    /** {@code id IN} the customers of positions {@code from, from + step, ...} (1-based) of 300. */
    private StripeScanPlan idsOf300(int from, int step, int count) {
        client.add("customers", FakeStripeClient.customers(300, 1_700_000_000L));
        List<Expr> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(text(String.format("cus_%03d", from + i * step)));
        }
        StripeTableSource source =
                new StripeTableSource(Tables.define("customers", "customers", CUSTOMER_COLUMNS), client, constants, 1);
        return source.plan(where(new Expr.InList(col("id"), ids, false)));
    }

    @Test
    void manyIdsSpreadOverTheListAreFoundByScanningIt() {
        StripeScanPlan plan = idsOf300(1, 10, 30); // ten on each page of 100
        assertEquals(30, drain(plan.open(context(), -1)).size());
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=100&starting_after=cus_100",
                        "GET customers?limit=100&starting_after=cus_200"),
                client.requests());
    }

    @Test
    void manyIdsTheFirstPageDoesNotHoldAreRetrievedAfterIt() {
        StripeScanPlan plan = idsOf300(271, 1, 30); // the 30 oldest
        List<Object> found = ids(drain(plan.open(context(), -1)));
        assertEquals(30, found.size());
        List<String> requests = client.requests();
        assertEquals("GET customers?limit=100", requests.get(0));
        assertEquals(31, requests.size());
        assertEquals("GET customers/cus_271", requests.get(1));
        // The engine's keyed join chose lookups: openLookups never scans instead.
        assertEquals(30, drain(plan.openLookups(context(), -1)).size());
        List<String> lookups = client.requests().subList(31, client.requests().size());
        assertEquals(30, lookups.size());
        assertTrue(lookups.stream().allMatch(r -> r.startsWith("GET customers/")), lookups.toString());
    }

    @Test
    void idInWithALimitStartsNoMoreRetrievesThanRowsNeeded() {
        StripeScanPlan plan = customers()
                .plan(where(in(col("id"), text("cus_001"), text("cus_002"), text("cus_003"), text("cus_004"))));
        assertEquals(List.of("cus_001", "cus_002"), ids(drain(plan.open(context(), 2))));
        assertEquals(2, client.requests().size());
    }

    @Test
    void closingAnIdInScanStopsIt() {
        StripeScanPlan plan = customers().plan(where(in(col("id"), text("cus_001"), text("cus_002"), text("cus_003"))));
        var rows = plan.open(context(), -1);
        assertTrue(rows.next());
        rows.close();
        rows.close();
        assertEquals(false, rows.next());
    }

    // ---------------------------------------------------------------------------------- equality filters

    @Test
    void equalityOnAPushableFieldIsAListParameter() {
        StripeScanPlan plan = customers().plan(where(eq(col("email"), text("c2@example.com"))));
        assertEquals(List.of(), plan.residual());
        assertEquals(List.of("cus_002"), ids(drain(plan.open(context(), -1))));
        assertEquals(List.of("GET customers?email=c2@example.com&limit=100"), client.requests());
    }

    @Test
    void equalityOnANonPushableFieldStaysResidual() {
        Expr name = eq(col("name"), text("Customer 1"));
        StripeScanPlan plan = customers().plan(where(name));
        assertEquals(List.of(name), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET customers?limit=100"), client.requests());
    }

    @Test
    void filtersFollowTheWhereOrder() {
        client.add(
                "prices",
                Json.parse("{\"id\":\"price_1\",\"product\":\"prod_1\",\"type\":\"recurring\",\"active\":true}"));
        StripeTableSource prices = table("prices", "prices", "id text, active bool, product text, type text");
        drain(prices.plan(where(eq(col("type"), text("recurring")), eq(col("product"), text("prod_1"))))
                .open(context(), -1));
        drain(prices.plan(where(eq(col("product"), text("prod_1")), eq(col("type"), text("recurring"))))
                .open(context(), -1));
        assertEquals(
                List.of(
                        "GET prices?type=recurring&product=prod_1&limit=100",
                        "GET prices?product=prod_1&type=recurring&limit=100"),
                client.requests());
    }

    @Test
    void booleanColumnFormsArePushed() {
        client.add(
                "prices",
                Json.parse("{\"id\":\"price_1\",\"active\":true}"),
                Json.parse("{\"id\":\"price_2\",\"active\":false}"));
        StripeTableSource prices = table("prices", "prices", "id text, active bool");
        assertEquals(
                List.of("price_1"), ids(drain(prices.plan(where(col("active"))).open(context(), -1))));
        assertEquals(
                List.of("price_2"),
                ids(drain(prices.plan(where(not(col("active")))).open(context(), -1))));
        assertEquals(
                List.of("price_2"),
                ids(drain(prices.plan(where(eq(col("active"), bool(false)))).open(context(), -1))));
        assertEquals(
                List.of("price_1"),
                ids(drain(prices.plan(where(new Expr.IsBoolean(col("active"), true, false)))
                        .open(context(), -1))));
        assertEquals(
                List.of("price_1"),
                ids(drain(prices.plan(where(eq(col("active"), text("true")))).open(context(), -1))));
        assertEquals(
                List.of(
                        "GET prices?active=true&limit=100",
                        "GET prices?active=false&limit=100",
                        "GET prices?active=false&limit=100",
                        "GET prices?active=true&limit=100",
                        "GET prices?active=true&limit=100"),
                client.requests());
    }

    @Test
    void secondEqualityOnTheSameFieldStaysResidual() {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"customer\":\"cus_a\"}"));
        StripeTableSource charges = table("charges", "charges", "id text, customer text");
        Expr second = eq(col("customer"), text("cus_b"));
        StripeScanPlan plan = charges.plan(where(eq(col("customer"), text("cus_a")), second));
        assertEquals(List.of(second), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET charges?customer=cus_a&limit=100"), client.requests());
    }

    @Test
    void equalityOnAFieldDeclaredWithAnotherTypeStaysResidual() {
        client.add("prices", Json.parse("{\"id\":\"price_1\",\"active\":true}"));
        StripeTableSource prices = table("prices", "prices", "id text, active text");
        Expr condition = eq(col("active"), text("true"));
        assertEquals(List.of(condition), prices.plan(where(condition)).residual());
    }

    @Test
    void pushableFieldThatIsNotAColumnIsNotPushed() {
        // subscriptions "price" is in the FDW's pushdown list but is no top-level field: reading it gives NULL.
        client.add("subscriptions", Json.parse("{\"id\":\"sub_1\",\"status\":\"active\"}"));
        StripeTableSource subscriptions = table("subscriptions", "subscriptions", "id text, price text");
        Expr condition = eq(col("price"), text("price_1"));
        StripeScanPlan plan = subscriptions.plan(where(condition));
        assertEquals(List.of(condition), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET subscriptions?status=all&limit=100"), client.requests());
    }

    @Test
    void filtersStripeMatchesDifferentlyArePushedAndCheckedByTheScan() {
        client.add("prices", Json.parse("{\"id\":\"price_1\",\"currency\":\"usd\"}"));
        client.add("events", Json.parse("{\"id\":\"evt_1\",\"type\":\"charge.succeeded\"}"));
        Expr currency = eq(col("currency"), text("usd"));
        StripeScanPlan prices =
                table("prices", "prices", "id text, currency text").plan(where(currency));
        assertEquals(List.of(), prices.residual());
        assertEquals(List.of(currency), prices.pushed());
        // Stripe reads type=charge.* as a wildcard; SQL's = does not: the scan drops charge.succeeded.
        client.ignoreFilter("type");
        Expr type = eq(col("type"), text("charge.*"));
        StripeScanPlan events = table("events", "events", "id text, type text").plan(where(type));
        assertEquals(List.of(), events.residual());
        assertEquals(List.of("price_1"), ids(drain(prices.open(context(), -1))));
        assertEquals(List.of(), drain(events.open(context(), -1)));
        assertEquals(
                List.of("GET prices?currency=usd&limit=100", "GET events?type=charge.*&limit=100"), client.requests());
    }

    @Test
    void unpushableFormsStayResidual() {
        StripeTableSource source = customers();
        List<Expr> conditions = List.of(
                or(eq(col("email"), text("a")), eq(col("email"), text("b"))),
                ne(col("email"), text("a")),
                like(col("email"), "c%"),
                eq(lower(col("email")), text("a")),
                eq(col("email"), lower(text("A"))), // constant, but the evaluator gives no value
                eq(col("email"), number(5)), // not a text value
                eq(col("email"), col("name")),
                new Expr.InList(col("email"), List.of(text("a")), true),
                new Expr.IsNull(col("email"), false),
                gt(col("email"), text("a")));
        StripeScanPlan plan = source.plan(conditions);
        assertEquals(conditions, plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET customers?limit=100"), client.requests());
    }

    @Test
    void evaluatorErrorsAtPlanTimeLeaveTheConditionResidual() {
        StripeTableSource source = customers();
        Expr bad = gt(col("created"), text("not a timestamp"));
        assertEquals(List.of(bad), source.plan(where(bad)).residual());
    }

    @Test
    void nestedAndsAreFlattened() {
        StripeScanPlan plan =
                customers().plan(where(and(eq(col("email"), text("c1@example.com")), like(col("name"), "C%"))));
        assertEquals(List.of(like(col("name"), "C%")), plan.residual());
    }

    // ----------------------------------------------------------------------------------------- IN lists

    @Test
    void inOnAPushableFieldIsOneWalkPerDistinctValue() {
        client.add(
                "charges",
                Json.parse("{\"id\":\"ch_3\",\"customer\":\"cus_b\"}"),
                Json.parse("{\"id\":\"ch_2\",\"customer\":\"cus_a\"}"),
                Json.parse("{\"id\":\"ch_1\",\"customer\":\"cus_a\"}"));
        StripeTableSource charges = table("charges", "charges", "id text, customer text");
        StripeScanPlan plan =
                charges.plan(where(in(col("customer"), text("cus_a"), text("cus_b"), text("cus_a"), nullValue())));
        assertEquals(List.of(), plan.residual());
        assertEquals(List.of("ch_2", "ch_1", "ch_3"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET charges?customer=cus_a&limit=100", "GET charges?customer=cus_b&limit=100"),
                client.requests());
    }

    @Test
    void walksAreMergedWithoutDuplicateIds() {
        // Stripe's events type filter matches wildcards: here both walks return both events. SQL's IN keeps evt_2
        // only, once.
        client.add(
                "events",
                Json.parse("{\"id\":\"evt_2\",\"type\":\"charge.succeeded\"}"),
                Json.parse("{\"id\":\"evt_1\",\"type\":\"charge.failed\"}"));
        client.ignoreFilter("type");
        StripeTableSource events = table("events", "events", "id text, type text");
        StripeScanPlan plan = events.plan(where(in(col("type"), text("charge.*"), text("charge.succeeded"))));
        assertEquals(List.of("evt_2"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET events?type=charge.*&limit=100", "GET events?type=charge.succeeded&limit=100"),
                client.requests());
    }

    @Test
    void mergedWalksCountOnlyNewRowsTowardsTheLimit() {
        client.add(
                "events",
                Json.parse("{\"id\":\"evt_3\",\"type\":\"a\"}"),
                Json.parse("{\"id\":\"evt_2\",\"type\":\"a\"}"),
                Json.parse("{\"id\":\"evt_1\",\"type\":\"b\"}"));
        client.ignoreFilter("type");
        StripeTableSource events = table("events", "events", "id text, type text");
        StripeScanPlan plan = events.plan(where(in(col("type"), text("a"), text("b"))));
        assertEquals(List.of("evt_3", "evt_2"), ids(drain(plan.open(context(), 2))));
        assertEquals(List.of("GET events?type=a&limit=2"), client.requests());
    }

    @Test
    void onlyTheFirstInIsExpanded() {
        client.add("invoices", Json.parse("{\"id\":\"in_1\",\"customer\":\"cus_a\",\"status\":\"paid\"}"));
        StripeTableSource invoices = table("invoices", "invoices", "id text, customer text, status text");
        Expr statuses = in(col("status"), text("paid"), text("open"));
        StripeScanPlan plan = invoices.plan(where(in(col("customer"), text("cus_a"), text("cus_b")), statuses));
        assertEquals(List.of(statuses), plan.residual());
    }

    @Test
    void equalityWinsOverInOnTheSameField() {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"customer\":\"cus_a\"}"));
        StripeTableSource charges = table("charges", "charges", "id text, customer text");
        Expr inList = in(col("customer"), text("cus_a"), text("cus_b"));
        StripeScanPlan plan = charges.plan(where(inList, eq(col("customer"), text("cus_a"))));
        assertEquals(List.of(inList), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET charges?customer=cus_a&limit=100"), client.requests());
    }

    @Test
    void anyOnAPushableFieldExpandsLikeIn() {
        client.add(
                "charges",
                Json.parse("{\"id\":\"ch_2\",\"customer\":\"cus_b\"}"),
                Json.parse("{\"id\":\"ch_1\",\"customer\":\"cus_a\"}"));
        StripeTableSource charges = table("charges", "charges", "id text, customer text");
        StripeScanPlan plan = charges.plan(where(any(col("customer"), param(1))));
        assertEquals(List.of("ch_1", "ch_2"), ids(drain(plan.open(context(List.of("cus_a", "cus_b")), -1))));
        assertEquals(
                List.of("GET charges?customer=cus_a&limit=100", "GET charges?customer=cus_b&limit=100"),
                client.requests());
    }

    // ---------------------------------------------------------------------------------------- NULL values

    @Test
    void comparisonWithANullLiteralMakesNoRequest() {
        StripeTableSource source = customers();
        for (Expr condition : List.of(
                eq(col("email"), nullValue()),
                eq(col("name"), nullValue()),
                gt(col("created"), nullValue()),
                in(col("id"), nullValue()),
                new Expr.InList(col("email"), List.of(text("a"), nullValue()), true),
                between(col("created"), nullValue(), timestamp("2024-01-01")),
                eq(col("id"), new Expr.Cast(nullValue(), SqlType.TEXT, "text")))) {
            StripeScanPlan plan = source.plan(where(condition, like(col("name"), "x%")));
            assertEquals(List.of(), plan.residual(), condition.toString());
            assertEquals(List.of(), drain(plan.open(context(), -1)));
        }
        assertEquals(List.of(), client.requests());
    }

    @Test
    void nullParameterValueMakesNoRequest() {
        StripeTableSource source = customers();
        assertEquals(
                List.of(), drain(source.plan(where(eq(col("email"), param(1)))).open(context((Object) null), -1)));
        assertEquals(
                List.of(), drain(source.plan(where(eq(col("id"), param(1)))).open(context((Object) null), -1)));
        assertEquals(
                List.of(),
                drain(source.plan(where(ge(col("created"), param(1)))).open(context((Object) null), -1)));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void parameterOfTheWrongTypeIsAnError() {
        StripeScanPlan plan = customers().plan(where(eq(col("email"), param(1))));
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> plan.open(context(42L), -1));
        assertEquals(SqlState.DATATYPE_MISMATCH, error.sqlState());
        assertEquals("cannot use $1 (a Long) as a text value in (email = $1)", error.getMessage());
        assertEquals(List.of(), client.requests());
    }

    @Test
    void missingParameterIsAnError() {
        StripeScanPlan plan = customers().plan(where(eq(col("email"), param(2))));
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> plan.open(context("x"), -1));
        assertEquals(SqlState.UNDEFINED_PARAMETER, error.sqlState());
    }

    // -------------------------------------------------------------------------------------- created ranges

    private List<String> createdRequests(Expr... conditions) {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"created\":1704067200}"));
        StripeTableSource charges = table("charges", "charges", "id text, created timestamp");
        StripeScanPlan plan = charges.plan(where(conditions));
        assertEquals(List.of(), plan.residual());
        drain(plan.open(context(), -1));
        List<String> requests = client.requests();
        return requests;
    }

    @Test
    void everyRangeParameterOfTheEndpointIsARangeEachMergedOnItsOwn() {
        client.add(
                "invoices",
                Json.parse("{\"id\":\"in_1\",\"created\":1704067200,\"due_date\":1706745600,"
                        + "\"period_start\":1704067200}"));
        StripeTableSource invoices =
                table("invoices", "invoices", "id text, due_date timestamp, created timestamp, period_start timestamp");
        Expr periodStart = ge(col("period_start"), timestamp("2024-01-01"));
        StripeScanPlan plan = invoices.plan(where(
                ge(col("due_date"), timestamp("2024-02-01")),
                ge(col("created"), timestamp("2024-01-01")),
                lt(col("due_date"), timestamp("2024-03-01")),
                gt(col("due_date"), timestamp("2023-01-01")),
                periodStart));
        // period_start is no range parameter of GET /v1/invoices: it stays local.
        assertEquals(List.of(periodStart), plan.residual());
        assertEquals(List.of("in_1"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET invoices?due_date[gte]=1706745600&due_date[lt]=1709251200&created[gte]=1704067200"
                        + "&limit=100"),
                client.requests());
    }

    @Test
    void rangesOfAnotherFieldThatExcludeEachOtherMakeNoRequest() {
        StripeTableSource payouts = table("payouts", "payouts", "id text, arrival_date timestamp");
        StripeScanPlan plan = payouts.plan(where(
                gt(col("arrival_date"), timestamp("2024-02-01")), lt(col("arrival_date"), timestamp("2024-01-01"))));
        assertEquals(List.of(), drain(plan.open(context(), -1)));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void aValueOutsideTheParametersEnumerationIsNotSent() {
        client.add("files", Json.parse("{\"id\":\"file_1\",\"purpose\":\"dispute_evidence\"}"));
        StripeTableSource files = table("files", "files", "id text, purpose text");
        assertEquals(
                List.of("file_1"),
                ids(drain(files.plan(where(in(col("purpose"), text("dispute_evidence"), text("other"))))
                        .open(context(), -1))));
        assertEquals(
                List.of(),
                ids(drain(files.plan(where(eq(col("purpose"), text("other")))).open(context(), -1))));
        assertEquals(
                List.of("file_1"),
                ids(drain(files.plan(where(eq(col("purpose"), text("dispute_evidence"))))
                        .open(context(), -1))));
        // The walk without purpose checks the condition on every row; the accepted value is sent.
        assertEquals(
                List.of("GET files?limit=100", "GET files?limit=100", "GET files?purpose=dispute_evidence&limit=100"),
                client.requests());
    }

    @Test
    void createdComparisonsBecomeRangeParameters() {
        assertEquals(
                List.of("GET charges?created[gt]=1704067200&limit=100"),
                createdRequests(gt(col("created"), timestamp("2024-01-01"))));
    }

    @Test
    void createdComparisonWithAStringLiteralIsCoerced() {
        assertEquals(
                List.of("GET charges?created[gte]=1704067200&limit=100"),
                createdRequests(ge(col("created"), text("2024-01-01 00:00:00"))));
    }

    @Test
    void createdReversedOperandsAreCommuted() {
        assertEquals(
                List.of("GET charges?created[lt]=1704067200&limit=100"),
                createdRequests(gt(timestamp("2024-01-01"), col("created"))));
    }

    @Test
    void createdBetweenIsBothBounds() {
        assertEquals(
                List.of("GET charges?created[gte]=1704067200&created[lte]=1706745600&limit=100"),
                createdRequests(between(col("created"), timestamp("2024-01-01"), timestamp("2024-02-01"))));
    }

    @Test
    void createdFromToTimestampOfEpochSeconds() {
        assertEquals(
                List.of("GET charges?created[gte]=1700000000&created[lt]=1700086400&limit=100"),
                createdRequests(
                        ge(col("created"), toTimestamp(1_700_000_000L)),
                        lt(col("created"), toTimestamp(1_700_086_400L))));
    }

    @Test
    void subSecondBoundsAreNeverNarrowerThanTheCondition() {
        assertEquals(
                List.of("GET charges?created[gt]=1704067200&created[lte]=1704067260&limit=100"),
                createdRequests(
                        gt(col("created"), timestamp("2024-01-01 00:00:00.5")),
                        le(col("created"), timestamp("2024-01-01 00:01:00.9"))));
    }

    @Test
    void subSecondGreaterOrEqualRoundsUp() {
        assertEquals(
                List.of("GET charges?created[gte]=1704067201&created[lt]=1704067261&limit=100"),
                createdRequests(
                        ge(col("created"), timestamp("2024-01-01 00:00:00.5")),
                        lt(col("created"), timestamp("2024-01-01 00:01:00.1"))));
    }

    @Test
    void createdBoundsMergeToTheTightest() {
        assertEquals(
                List.of("GET charges?created[gte]=1704067201&created[lt]=1706745600&limit=100"),
                createdRequests(
                        gt(col("created"), timestamp("2023-06-01")),
                        ge(col("created"), timestamp("2024-01-01 00:00:01")),
                        lt(col("created"), timestamp("2024-02-01")),
                        le(col("created"), timestamp("2024-03-01"))));
    }

    @Test
    void createdEqualityIsAOneSecondRange() {
        assertEquals(
                List.of("GET charges?created[gte]=1704067200&created[lte]=1704067200&limit=100"),
                createdRequests(eq(col("created"), timestamp("2024-01-01"))));
    }

    @Test
    void contradictoryCreatedBoundsMakeNoRequest() {
        assertEquals(
                List.of(),
                createdRequests(
                        gt(col("created"), timestamp("2024-02-01")), lt(col("created"), timestamp("2024-01-01"))));
        assertEquals(
                List.of(),
                createdRequests(
                        gt(col("created"), timestamp("2024-01-01")), le(col("created"), timestamp("2024-01-01"))));
        assertEquals(List.of(), createdRequests(eq(col("created"), timestamp("2024-01-01 00:00:00.25"))));
        assertEquals(
                List.of(), createdRequests(between(col("created"), timestamp("2024-02-01"), timestamp("2024-01-01"))));
        assertEquals(List.of(), createdRequests(lt(col("created"), timestamp("1970-01-01 00:00:01"))));
    }

    @Test
    void lowerBoundBeforeTheEpochIsDropped() {
        assertEquals(List.of("GET charges?limit=100"), createdRequests(gt(col("created"), timestamp("1960-01-01"))));
    }

    @Test
    void createdWithAParameterAndTimestamptzValues() {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"created\":1704067200}"));
        StripeTableSource charges = table("charges", "charges", "id text, created timestamptz");
        StripeScanPlan plan = charges.plan(where(ge(col("created"), param(1))));
        assertEquals(List.of(), plan.residual());
        drain(plan.open(context(Sql.utcOffset("2024-01-01T02:00:00+02:00")), -1));
        drain(plan.open(context(Sql.utc("2024-01-01T00:00:00")), -1));
        assertEquals(
                List.of(
                        "GET charges?created[gte]=1704067200&limit=100",
                        "GET charges?created[gte]=1704067200&limit=100"),
                client.requests());
    }

    @Test
    void createdDeclaredAsTextIsNotPushed() {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"created\":1704067200}"));
        StripeTableSource charges = table("charges", "charges", "id text, created text");
        Expr condition = gt(col("created"), text("2024"));
        assertEquals(List.of(condition), charges.plan(where(condition)).residual());
    }

    @Test
    void createdNotEqualStaysResidual() {
        client.add("charges", Json.parse("{\"id\":\"ch_1\",\"created\":1704067200}"));
        StripeTableSource charges = table("charges", "charges", "id text, created timestamp");
        Expr condition = ne(col("created"), timestamp("2024-01-01"));
        assertEquals(List.of(condition), charges.plan(where(condition)).residual());
    }

    @Test
    void createdOnAnObjectWithoutCreatedFilterIsNotPushed() {
        // billing/meters has no created column in the registry: the declared one is read but not pushed.
        client.add("billing/meters", Json.parse("{\"id\":\"mtr_1\",\"created\":1704067200}"));
        StripeTableSource meters = table("billing_meters", "billing/meters", "id text, created timestamp");
        Expr condition = gt(col("created"), timestamp("2020-01-01"));
        StripeScanPlan plan = meters.plan(where(condition));
        assertEquals(List.of(condition), plan.residual());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET billing/meters?limit=100"), client.requests());
    }

    @Test
    void filtersThenCreatedThenDefaultsThenLimit() {
        client.add(
                "subscriptions",
                Json.parse("{\"id\":\"sub_1\",\"customer\":\"cus_1\",\"status\":\"active\",\"created\":1704067300}"));
        StripeTableSource subscriptions =
                table("subscriptions", "subscriptions", "id text, customer text, status text, created timestamp");
        drain(subscriptions
                .plan(where(gt(col("created"), timestamp("2024-01-01")), eq(col("customer"), text("cus_1"))))
                .open(context(), -1));
        assertEquals(
                List.of("GET subscriptions?customer=cus_1&created[gt]=1704067200&status=all&limit=100"),
                client.requests());
    }

    // ------------------------------------------------------------------------------------- subscriptions

    @Test
    void subscriptionsAskForEveryStatusUnlessOneIsPushed() {
        client.add(
                "subscriptions",
                Json.parse("{\"id\":\"sub_2\",\"status\":\"canceled\"}"),
                Json.parse("{\"id\":\"sub_1\",\"status\":\"active\"}"));
        StripeTableSource subscriptions = table("subscriptions", "subscriptions", "id text, status text");
        assertEquals(
                List.of("sub_2", "sub_1"), ids(drain(subscriptions.plan(where()).open(context(), -1))));
        Expr active = eq(col("status"), text("active"));
        StripeScanPlan plan = subscriptions.plan(where(active));
        assertEquals(List.of(), plan.residual()); // 'all' and 'ended' are pseudo-statuses: the scan checks each row
        assertEquals(List.of("sub_1"), ids(drain(plan.open(context(), -1))));
        assertEquals(
                List.of("GET subscriptions?status=all&limit=100", "GET subscriptions?status=active&limit=100"),
                client.requests());
    }

    // ------------------------------------------------------------------------ objects needing a condition

    @Test
    void tokensWithoutIdFailBeforeAnyRequest() {
        StripeTableSource tokens = table("tokens", "tokens", "id text, type text, used bool");
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> tokens.plan(where(eq(col("type"), text("card")))));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState());
        assertEquals(
                "stripe.tokens can only be read by id: add WHERE id = '...' (or id IN (...)); "
                        + "Stripe has no list endpoint for tokens",
                error.getMessage());
        assertThrows(
                StripeJdbcException.class,
                () -> tokens.plan(where(or(eq(col("id"), text("tok_1")), eq(col("id"), text("tok_2"))))));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void mandatesWithoutIdFailBeforeAnyRequest() {
        StripeTableSource mandates = table("mandates", "mandates", "id text, status text");
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> mandates.plan(where()));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState());
        assertTrue(error.getMessage().startsWith("stripe.mandates can only be read by id"), error.getMessage());
        assertEquals(List.of(), client.requests());
    }

    @Test
    void tokensByIdOrParameterArePlanned() {
        client.addRetrievable("tokens", Json.parse("{\"id\":\"tok_1\",\"type\":\"card\",\"used\":false}"));
        StripeTableSource tokens = table("tokens", "tokens", "id text, type text, used bool");
        assertEquals(
                List.of("tok_1"),
                ids(drain(tokens.plan(where(eq(col("id"), param(1)))).open(context("tok_1"), -1))));
        assertEquals(
                List.of("tok_1"),
                ids(drain(tokens.plan(where(in(col("id"), text("tok_1"), text("tok_2"))))
                        .open(context(), -1))));
    }

    @Test
    void setupAttemptsWithoutSetupIntentFailBeforeAnyRequest() {
        StripeTableSource attempts = table("setup_attempts", "setup_attempts", "id text, setup_intent text");
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> attempts.plan(where(eq(col("id"), text("setatt_1")))));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState());
        assertEquals(
                "stripe.setup_attempts can only be listed for one setup_intent: add WHERE setup_intent = '...'"
                        + " (or setup_intent IN (...)); Stripe lists setup_attempts only per setup_intent",
                error.getMessage());
        assertEquals(List.of(), client.requests());
    }

    @Test
    void setupAttemptsWithSetupIntentInAreOneWalkEach() {
        client.add(
                "setup_attempts",
                Json.parse("{\"id\":\"setatt_1\",\"setup_intent\":\"seti_1\"}"),
                Json.parse("{\"id\":\"setatt_2\",\"setup_intent\":\"seti_2\"}"));
        StripeTableSource attempts = table("setup_attempts", "setup_attempts", "id text, setup_intent text");
        assertEquals(
                List.of("setatt_1", "setatt_2"),
                ids(drain(attempts.plan(where(in(col("setup_intent"), text("seti_1"), text("seti_2"))))
                        .open(context(), -1))));
    }

    @Test
    void neverTrueConditionWinsOverTheMissingIdError() {
        StripeTableSource tokens = table("tokens", "tokens", "id text, type text");
        StripeScanPlan plan = tokens.plan(where(eq(col("type"), nullValue())));
        assertEquals(List.of(), drain(plan.open(context(), -1)));
        assertEquals(List.of(), client.requests());
    }

    // ----------------------------------------------------------------------------------------- balance

    @Test
    void balancePushesNothing() {
        client.singleton(
                "balance",
                Json.parse("{\"object\":\"balance\","
                        + "\"available\":[{\"amount\":1,\"currency\":\"usd\"}],\"pending\":[]}"));
        StripeTableSource balance = table("balance", "balance", "balance_type text, amount bigint, currency text");
        Expr condition = eq(col("currency"), text("usd"));
        StripeScanPlan plan = balance.plan(where(condition));
        assertEquals(List.of(condition), plan.residual());
        assertEquals(1, drain(plan.open(context(), -1)).size());
        assertEquals(List.of("GET balance"), client.requests());
    }

    // ---------------------------------------------------------------------- options, listener, cancel

    @Test
    void everyRequestCarriesTheStripeAccountAndTheControl() {
        client.add("customers", FakeStripeClient.customers(150, 1_700_000_000L));
        QueryControl control = () -> {};
        ExecutionContext context = new ExecutionContext(List.of(), Instant.now(), 0, control, null);
        StripeTableSource source = new StripeTableSource(
                Tables.define("customers", "customers", CUSTOMER_COLUMNS, "id", "acct_123"), client, constants);
        drain(source.plan(where()).open(context, -1));
        drain(source.plan(where(in(col("id"), text("cus_001"), text("cus_002"))))
                .open(context, -1));
        assertEquals(4, client.calls().size());
        for (FakeStripeClient.Call call : client.calls()) {
            assertEquals("acct_123", call.options().stripeAccount());
            assertSame(control, call.options().control());
        }
    }

    @Test
    void listenerHearsEveryPage() {
        client.add("customers", FakeStripeClient.customers(150, 1_700_000_000L));
        StripeTableSource source =
                new StripeTableSource(Tables.define("customers", "customers", CUSTOMER_COLUMNS), client, constants);
        List<String> events = new ArrayList<>();
        ScanListener listener = (table, pages, rows) -> events.add(table + " " + pages + " " + rows);
        drain(source.plan(where()).open(context(listener), -1));
        assertEquals(List.of("stripe.customers 1 100", "stripe.customers 2 150"), events);
    }

    @Test
    void cancelledStatementMakesNoFurtherRequest() {
        client.add("customers", FakeStripeClient.customers(150, 1_700_000_000L));
        StripeTableSource source =
                new StripeTableSource(Tables.define("customers", "customers", CUSTOMER_COLUMNS), client, constants);
        boolean[] cancelled = {false};
        QueryControl control = () -> {
            if (cancelled[0]) {
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        };
        ExecutionContext context = new ExecutionContext(List.of(), Instant.now(), 0, control, null);
        var rows = source.plan(where()).open(context, -1);
        for (int i = 0; i < 100; i++) {
            assertTrue(rows.next());
        }
        cancelled[0] = true;
        StripeJdbcException error = assertThrows(StripeJdbcException.class, rows::next);
        assertEquals(SqlState.QUERY_CANCELED, error.sqlState());
        assertEquals(1, client.calls().size());
    }

    @Test
    void incompatibleDeclaredTypeFailsAtPlan() {
        StripeTableSource source = table("customers", "customers", "id text, created uuid");
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> source.plan(where()));
        assertEquals(SqlState.DATATYPE_MISMATCH, error.sqlState());
        assertEquals(
                "column \"created\" of stripe.customers is declared uuid, but Stripe's customers.created is "
                        + "timestamp; declare it as one of: text, bigint, numeric, timestamp, timestamptz, date, "
                        + "jsonb, json",
                error.getMessage());
    }

    @Test
    void planIsReusableAcrossExecutions() {
        StripeScanPlan plan = customers().plan(where(eq(col("email"), param(1))));
        assertEquals(List.of("cus_001"), ids(drain(plan.open(context("c1@example.com"), -1))));
        assertEquals(List.of("cus_003"), ids(drain(plan.open(context("c3@example.com"), -1))));
    }
}
