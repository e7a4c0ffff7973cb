package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.ge;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.param;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.timestamp;
import static org.stripejdbc.testkit.Sql.where;
import static org.stripejdbc.testkit.Tables.drain;
import static org.stripejdbc.testkit.Tables.ids;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Tables;

/**
 * A pushed condition never widens a result: every condition sent in a request is evaluated again on every row the
 * server returned ({@link PushedConditions}, {@link ScanRows}), and a value Stripe reads as absent is never sent
 * ({@link RequestValues}). The fake Stripe here ignores filters on demand and, like Stripe, reads an empty value as
 * no filter.
 */
class PushedConditionsTest {
    private final FakeStripeClient client = new FakeStripeClient();
    private final FakeConstantEvaluator constants = new FakeConstantEvaluator();

    private StripeTableSource customers() {
        client.add(
                "customers",
                Json.parse("{\"id\":\"cus_3\",\"email\":\"c3@example.com\",\"created\":1700000003}"),
                Json.parse("{\"id\":\"cus_2\",\"email\":null,\"created\":1700000002}"),
                Json.parse("{\"id\":\"cus_1\",\"email\":\"c1@example.com\",\"created\":1700000001}"));
        return table("customers", "customers", "id text, email text, created timestamp");
    }

    private StripeTableSource table(String table, String object, String columns) {
        return new StripeTableSource(Tables.define(table, object, columns), client, constants);
    }

    /** 250 charges, newest first; every 50th (ch_050, ch_100, ...) belongs to cus_1, the rest to cus_2. */
    private StripeTableSource charges() {
        List<Json> all = new ArrayList<>();
        for (int i = 250; i >= 1; i--) {
            all.add(Json.parse("{\"id\":\"ch_" + String.format("%03d", i) + "\",\"customer\":\""
                    + (i % 50 == 0 ? "cus_1" : "cus_2") + "\",\"created\":" + (1_700_000_000 + i) + "}"));
        }
        client.add("charges", all.toArray(Json[]::new));
        return table("charges", "charges", "id text, customer text, created timestamp");
    }

    @Test
    void anEmptyStringLiteralIsNotSentAndStaysForTheExecutor() {
        Expr empty = eq(col("email"), text(""));
        StripeScanPlan plan = customers().plan(where(empty));
        assertEquals(List.of(empty), plan.residual());
        assertEquals(List.of(), plan.pushed());
        drain(plan.open(context(), -1));
        assertEquals(List.of("GET customers?limit=100"), client.requests());
    }

    @Test
    void anEmptyOrBlankParameterIsNotSentAndTheScanChecksIt() {
        StripeScanPlan plan = customers().plan(where(eq(col("email"), param(1))));
        assertEquals(List.of(), plan.residual());
        assertEquals(List.of(), drain(plan.open(context(""), -1)));
        assertEquals(List.of(), drain(plan.open(context("  "), 2)));
        assertEquals(List.of("cus_1"), ids(drain(plan.open(context("c1@example.com"), -1))));
        assertEquals(
                List.of(
                        "GET customers?limit=100",
                        "GET customers?limit=2",
                        "GET customers?limit=100&starting_after=cus_2",
                        "GET customers?email=c1@example.com&limit=100"),
                client.requests());
    }

    @Test
    void aFilterTheServerIgnoresNeverAddsARow() {
        client.ignoreFilter("email");
        StripeTableSource customers = customers();
        StripeScanPlan plan = customers.plan(where(eq(col("email"), text("nobody@example.com"))));
        assertEquals(List.of(), drain(plan.open(context(), -1)));
        plan = customers.plan(where(eq(col("email"), text("c3@example.com"))));
        assertEquals(List.of("cus_3"), ids(drain(plan.open(context(), -1))));
    }

    @Test
    void underALimitTheScanPagesOnPastRowsTheServerShouldHaveFiltered() {
        client.ignoreFilter("customer");
        StripeScanPlan plan = charges().plan(where(eq(col("customer"), text("cus_1"))));
        assertEquals(List.of("ch_250", "ch_200", "ch_150"), ids(drain(plan.open(context(), 3))));
        // The first page is the LIMIT's size; once rows were dropped, the next pages are full.
        assertEquals(
                List.of(
                        "GET charges?customer=cus_1&limit=3",
                        "GET charges?customer=cus_1&limit=100&starting_after=ch_248"),
                client.requests());
    }

    @Test
    void aCreatedRangeTheServerIgnoresIsCheckedOnEveryRow() {
        client.ignoreFilter("created[gte]");
        StripeScanPlan plan = charges().plan(where(ge(col("created"), timestamp("2023-11-14 22:17:10"))));
        // 1_700_000_230 = 2023-11-14 22:17:10 UTC: ch_230 .. ch_250.
        assertEquals(21, drain(plan.open(context(), -1)).size());
        assertEquals(
                List.of(
                        "GET charges?created[gte]=1700000230&limit=100",
                        "GET charges?created[gte]=1700000230&limit=100&starting_after=ch_151",
                        "GET charges?created[gte]=1700000230&limit=100&starting_after=ch_051"),
                client.requests());
    }

    @Test
    void anInListWithAnUnsendableValueIsNotSentAtAll() {
        StripeScanPlan plan = charges().plan(where(in(col("customer"), param(1), param(2))));
        assertEquals(5, drain(plan.open(context("", "cus_1"), -1)).size());
        // Walking customer=cus_1 alone would miss a charge whose customer is ''; the field is not sent, the scan
        // checks.
        assertEquals(
                List.of(
                        "GET charges?limit=100",
                        "GET charges?limit=100&starting_after=ch_151",
                        "GET charges?limit=100&starting_after=ch_051"),
                client.requests());
    }

    @Test
    void aRequiredFilterWithAnUnsendableValueMatchesNothingWithoutARequest() {
        client.add("setup_attempts", Json.parse("{\"id\":\"setatt_1\",\"setup_intent\":\"seti_1\"}"));
        StripeTableSource attempts = table("setup_attempts", "setup_attempts", "id text, setup_intent text");
        StripeScanPlan plan = attempts.plan(where(eq(col("setup_intent"), param(1))));
        assertEquals(List.of(), drain(plan.open(context(""), -1)));
        StripeScanPlan list = attempts.plan(where(in(col("setup_intent"), param(1), param(2))));
        assertEquals(List.of("setatt_1"), ids(drain(list.open(context("", "seti_1"), -1))));
        assertEquals(List.of("GET setup_attempts?setup_intent=seti_1&limit=100"), client.requests());
    }

    @Test
    void aRetrieveAnsweredWithAnotherObjectIsNoRow() {
        client.answerRetrieve(
                "customers", "cus_asked", Json.parse("{\"id\":\"cus_other\",\"email\":\"x@example.com\"}"));
        StripeTableSource source = table("customers", "customers", "id text, email text");
        assertEquals(
                List.of(),
                drain(source.plan(where(eq(col("id"), text("cus_asked")))).open(context(), -1)));
        assertEquals(
                List.of(),
                drain(source.plan(where(in(col("id"), text("cus_asked"), text("cus_x"))))
                        .open(context(), -1)));
        // The two retrieves of the IN run at once, in either order.
        assertEquals(
                List.of("GET customers/cus_asked", "GET customers/cus_asked", "GET customers/cus_x"),
                client.requests().stream().sorted().toList());
    }
}
