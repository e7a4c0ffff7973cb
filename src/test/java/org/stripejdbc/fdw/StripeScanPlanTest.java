package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.any;
import static org.stripejdbc.testkit.Sql.between;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.ge;
import static org.stripejdbc.testkit.Sql.gt;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.like;
import static org.stripejdbc.testkit.Sql.lt;
import static org.stripejdbc.testkit.Sql.nullValue;
import static org.stripejdbc.testkit.Sql.param;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.timestamp;
import static org.stripejdbc.testkit.Sql.where;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Tables;

/** EXPLAIN of {@link StripeScanPlan}: the exact requests, counts, pushed and local conditions; no request made. */
class StripeScanPlanTest {
    private final FakeStripeClient client = new FakeStripeClient();
    private final FakeConstantEvaluator constants = new FakeConstantEvaluator();

    private StripeScanPlan plan(String table, String object, String columns, Expr... conjuncts) {
        return plan(table, object, columns, null, conjuncts);
    }

    private StripeScanPlan plan(String table, String object, String columns, String account, Expr... conjuncts) {
        return new StripeTableSource(Tables.define(table, object, columns, "id", account), client, constants)
                .plan(where(conjuncts));
    }

    private StripeScanPlan customers(Expr... conjuncts) {
        return plan(
                "customers", "customers", "id text, email text, name text, created timestamp, attrs jsonb", conjuncts);
    }

    private static String lines(List<String> lines) {
        return String.join("\n", lines);
    }

    @Test
    void filteredListWithLocalFilter() {
        StripeScanPlan plan = customers(eq(col("email"), text("a@b.c")), like(col("name"), "A%"));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers?email=a%40b.c&limit=100
                  Requests: unbounded (pages of 100, starting_after = last id while has_more)
                  Pushed (checked again on every row): (email = 'a@b.c')
                  Local filter: (name ~~ 'A%')""", lines(plan.explain(context())));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void guaranteedLimits() {
        StripeScanPlan plan = customers();
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers?limit=5
                  Requests: at most 1 (LIMIT 5: one page of 5)""", lines(plan.explain(context(), 5)));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers?limit=100
                  Requests: at most 3 (LIMIT 250: pages of 100, 100, 50, starting_after = last id while has_more)\
                  """, lines(plan.explain(context(), 250)));
        assertEquals(
                "  Requests: at most 11 (LIMIT 1050: pages of 100, the last of 50, starting_after = last id "
                        + "while has_more)",
                plan.explain(context(), 1050).get(2));
        assertEquals(
                "  Requests: at most 2 (LIMIT 200: pages of 100, 100, starting_after = last id while has_more)",
                plan.explain(context(), 200).get(2));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Requests: none (LIMIT 0)""", lines(plan.explain(context(), 0)));
        assertEquals(plan.explain(context(), -1), plan.explain(context()));
    }

    @Test
    void retrieveById() {
        StripeScanPlan plan = customers(eq(col("id"), text("cus 1")), like(col("name"), "A%"));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers/cus%201
                  Requests: 1 (404 → no row)
                  Pushed (checked again on every row): (id = 'cus 1')
                  Local filter: (name ~~ 'A%')""", lines(plan.explain(context())));
    }

    @Test
    void retrievesOfAnInList() {
        StripeScanPlan plan = customers(in(col("id"), text("cus_1"), text("cus_2"), text("cus_1")));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers/cus_1
                  Request: GET /v1/customers/cus_2
                  Requests: 2 (one per distinct id, up to 8 at once; 404 → no row)
                  Pushed (checked again on every row): (id IN ('cus_1', 'cus_2', 'cus_1'))\
                  """, lines(plan.explain(context())));
        assertEquals(
                "  Requests: at most 2 (one per distinct id, up to 8 at once, none started beyond LIMIT 1 rows; "
                        + "404 → no row)",
                plan.explain(context(), 1).get(3));
    }

    @Test
    void unboundParametersArePlaceholders() {
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers/$1
                  Requests: 1 (404 → no row)
                  Pushed (checked again on every row): (id = $1)\
                  """, lines(customers(eq(col("id"), param(1))).explain(context())));
        assertEquals("""
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers/<each element of $1>
                  Requests: one per distinct element of $1 (up to 8 at once; 404 → no row)
                  Or a scan: GET /v1/customers?limit=100 (whichever needs fewer requests: pages read while each \
                holds at least one of the ids; the ids not found by then are retrieved; up to 10 are always looked \
                up)
                  Pushed (checked again on every row): (id = ANY ($1))\
                  """, lines(customers(any(col("id"), param(1))).explain(context())));
        assertEquals(
                "  Request: GET /v1/customers?email=$2&created[gte]=$1&created[lt]=1704067200&limit=100",
                customers(
                                ge(col("created"), param(1)),
                                eq(col("email"), param(2)),
                                lt(col("created"), timestamp("2024-01-01")))
                        .explain(context())
                        .get(1));
        assertEquals(
                "  Request: GET /v1/customers?created[gte]=$1&created[lte]=$2&limit=100",
                customers(between(col("created"), param(1), param(2)))
                        .explain(context())
                        .get(1));
    }

    @Test
    void boundParametersAreShownWithTheirValues() {
        StripeScanPlan plan = customers(eq(col("email"), param(1)));
        ExecutionContext bound = context("a b@c.d");
        assertEquals(
                "  Request: GET /v1/customers?email=a+b%40c.d&limit=100",
                plan.explain(bound).get(1));
        assertEquals(List.of(), client.requests());
    }

    @Test
    void createdRanges() {
        assertEquals(
                """
                Foreign Scan on stripe.customers
                  Request: GET /v1/customers?created[gt]=1704067200&created[lt]=1706745600&limit=100
                  Requests: unbounded (pages of 100, starting_after = last id while has_more)
                  Pushed (checked again on every row): ((created > '2024-01-01'::timestamp) \
                AND (created < '2024-02-01'::timestamp))\
                  """,
                lines(customers(
                                gt(col("created"), timestamp("2024-01-01")),
                                lt(col("created"), timestamp("2024-02-01")))
                        .explain(context())));
        assertEquals(
                """
                Foreign Scan on stripe.customers
                  Requests: none (the created conditions exclude each other)
                  Pushed (checked again on every row): ((created > '2024-02-01'::timestamp) \
                AND (created < '2024-01-01'::timestamp))\
                  """,
                lines(customers(
                                gt(col("created"), timestamp("2024-02-01")),
                                lt(col("created"), timestamp("2024-01-01")))
                        .explain(context())));
    }

    @Test
    void neverTrueConditions() {
        assertEquals(
                """
                Foreign Scan on stripe.customers
                  Requests: none ((email = NULL) is never true)
                  Pushed (checked again on every row): (email = NULL)""",
                lines(customers(eq(col("email"), nullValue()), like(col("name"), "x"))
                        .explain(context())));
        assertEquals(
                "  Requests: none ((email = $1) is never true (NULL value))",
                customers(eq(col("email"), param(1)))
                        .explain(context((Object) null))
                        .get(1));
    }

    @Test
    void mergedListWalks() {
        StripeScanPlan plan =
                plan("charges", "charges", "id text, customer text", in(col("customer"), text("cus_a"), text("cus_b")));
        assertEquals("""
                Foreign Scan on stripe.charges
                  Request: GET /v1/charges?customer=cus_a&limit=100
                  Request: GET /v1/charges?customer=cus_b&limit=100
                  Requests: unbounded (2 list walks one after the other, pages of 100, starting_after = last id \
                while has_more; rows merged without duplicate ids)
                  Pushed (checked again on every row): (customer IN ('cus_a', 'cus_b'))\
                  """, lines(plan.explain(context())));
        assertEquals(
                "  Requests: stops after LIMIT 5 rows (2 list walks one after the other, pages of up to 5, "
                        + "starting_after = last id while has_more; rows merged without duplicate ids)",
                plan.explain(context(), 5).get(3));
    }

    @Test
    void balanceSubscriptionsNestedPathsAndStripeAccount() {
        assertEquals(
                """
                Foreign Scan on stripe.balance
                  Request: GET /v1/balance
                  Requests: 1 (one row per entry of available, then pending)""",
                lines(plan("balance", "balance", "balance_type text, amount bigint")
                        .explain(context())));
        assertEquals(
                """
                Foreign Scan on stripe.subscriptions
                  Request: GET /v1/subscriptions?status=all&limit=100
                  Requests: unbounded (pages of 100, starting_after = last id while has_more)
                  Stripe-Account: acct_1Nv0FGQ9RKHgCVdK""",
                lines(plan("subscriptions", "subscriptions", "id text, status text", "acct_1Nv0FGQ9RKHgCVdK")
                        .explain(context())));
        assertEquals(
                """
                Foreign Scan on stripe.checkout_sessions
                  Request: GET /v1/checkout/sessions?customer=cus_1&limit=100
                  Requests: unbounded (pages of 100, starting_after = last id while has_more)
                  Pushed (checked again on every row): (customer = 'cus_1')""",
                lines(plan(
                                "checkout_sessions",
                                "checkout/sessions",
                                "id text, customer text",
                                eq(col("customer"), text("cus_1")))
                        .explain(context())));
    }

    @Test
    void aFilterStripeMatchesDifferentlyIsPushedAndCheckedByTheScan() {
        // status=active on Stripe; 'all' and 'ended' are pseudo-statuses there, so the scan checks every row.
        assertEquals(
                """
                Foreign Scan on stripe.subscriptions
                  Request: GET /v1/subscriptions?status=active&limit=100
                  Requests: unbounded (pages of 100, starting_after = last id while has_more)
                  Pushed (checked again on every row): (status = 'active')""",
                lines(plan("subscriptions", "subscriptions", "id text, status text", eq(col("status"), text("active")))
                        .explain(context())));
    }
}
