package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.param;
import static org.stripejdbc.testkit.Sql.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.testkit.Tables;

/**
 * {@code charges.invoice} on API versions without it ({@link InvoiceLinks}, {@link InvoiceKeyedScanIterator}): the
 * exact requests of each strategy against a fake client, and the rows they give.
 */
class InvoiceLinksTest {
    private static final String BASIL = "2025-03-31.basil";
    private static final String LOOKUP = "GET invoice_payments?payment[type]=payment_intent&payment[payment_intent]=";

    private final FakeStripeClient client = new FakeStripeClient();
    private final FakeConstantEvaluator constants = new FakeConstantEvaluator();

    private static Json charge(String id, String intent) {
        return Json.parse("{\"id\":\"" + id + "\",\"object\":\"charge\",\"payment_intent\":"
                + (intent == null ? "null" : "\"" + intent + "\"") + "}");
    }

    private static Json payment(String id, String invoice, String intent) {
        return Json.parse("{\"id\":\"" + id + "\",\"object\":\"invoice_payment\",\"invoice\":\"" + invoice
                + "\",\"payment\":{\"type\":\"payment_intent\",\"payment_intent\":\"" + intent + "\"}}");
    }

    /** ch_1 (pi_1, in_1), ch_2 (pi_1, in_1: a retried payment), ch_3 (pi_2, in_2), ch_4 (no intent). */
    private FakeStripeClient account(String version) {
        return client.apiVersion(version)
                .add(
                        "charges",
                        charge("ch_1", "pi_1"),
                        charge("ch_2", "pi_1"),
                        charge("ch_3", "pi_2"),
                        charge("ch_4", null))
                .add("invoice_payments", payment("inpay_2", "in_2", "pi_2"), payment("inpay_1", "in_1", "pi_1"));
    }

    private StripeScanPlan plan(List<Expr> conjuncts, String... read) {
        StripeTableSource source = new StripeTableSource(
                Tables.define("charges", "charges", "id text, payment_intent text, invoice text, attrs jsonb"),
                client,
                constants);
        return source.plan(conjuncts, read.length == 0 ? ColumnsRead.ALL : ColumnsRead.of(Arrays.asList(read)));
    }

    /** {@code id=invoice} of each row. */
    private static List<String> rows(StripeScanPlan plan, ExecutionContext context, long limit) {
        List<String> out = new ArrayList<>();
        try (RowIterator rows = plan.open(context, limit)) {
            while (rows.next()) {
                out.add(rows.current()[0] + "=" + rows.current()[2]);
            }
        }
        return out;
    }

    @Test
    void eachPaymentIntentIsLookedUpOnceAndAChargeWithoutOneNeedsNoRequest() {
        account(BASIL);
        assertEquals(
                List.of("ch_1=in_1", "ch_2=in_1", "ch_3=in_2", "ch_4=null"),
                rows(plan(List.of(), "id", "invoice"), context(), -1));
        assertEquals(
                List.of("GET charges?limit=100", LOOKUP + "pi_1&limit=1", LOOKUP + "pi_2&limit=1"), client.requests());
    }

    @Test
    void afterTenLookupsOneWalkAnswersTheRest() {
        client.apiVersion(BASIL);
        List<Json> charges = new ArrayList<>();
        List<Json> payments = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            charges.add(charge("ch_" + i, "pi_" + i));
            payments.add(payment("inpay_" + i, "in_" + i, "pi_" + i));
        }
        client.add("charges", charges.toArray(Json[]::new)).add("invoice_payments", payments.toArray(Json[]::new));
        List<String> rows = rows(plan(List.of(), "invoice"), context(), -1);
        assertEquals(14, rows.size());
        for (int i = 1; i <= 14; i++) {
            assertEquals("ch_" + i + "=in_" + i, rows.get(i - 1));
        }
        List<String> expected = new ArrayList<>();
        expected.add("GET charges?limit=100");
        for (int i = 1; i <= InvoiceLinks.LOOKUPS_BEFORE_WALK; i++) {
            expected.add(LOOKUP + "pi_" + i + "&limit=1");
        }
        expected.add("GET invoice_payments?limit=100");
        assertEquals(expected, client.requests());
    }

    @Test
    void withoutTheInvoiceReadNothingIsDerived() {
        account(BASIL);
        assertEquals(
                List.of("ch_1=null", "ch_2=null", "ch_3=null", "ch_4=null"),
                rows(plan(List.of(), "id", "amount"), context(), -1));
        assertEquals(List.of("GET charges?limit=100"), client.requests());
    }

    @Test
    void anOlderPinnedVersionIsReadAsItComes() {
        client.apiVersion("2024-06-20")
                .add(
                        "charges",
                        Json.parse("{\"id\":\"ch_1\",\"payment_intent\":\"pi_1\",\"invoice\":\"in_1\"}"),
                        Json.parse("{\"id\":\"ch_4\",\"payment_intent\":null,\"invoice\":null}"));
        StripeScanPlan plan = plan(List.of(eq(col("invoice"), text("in_1"))), "id", "invoice");
        assertEquals(List.of("ch_1=in_1", "ch_4=null"), rows(plan, context(), -1));
        assertEquals(List.of("GET charges?limit=100"), client.requests());
        assertTrue(plan.explain(context()).stream().noneMatch(line -> line.contains("invoice_payments")));
    }

    @Test
    void whereInvoiceReadsItsPaymentsThenTheChargesOfTheirIntents() {
        account(BASIL);
        StripeScanPlan plan = plan(List.of(eq(col("invoice"), text("in_1"))), "id", "invoice");
        assertEquals(List.of(eq(col("invoice"), text("in_1"))), plan.residual(), "checked again on every row");
        assertEquals(List.of("ch_1=in_1", "ch_2=in_1"), rows(plan, context(), -1));
        assertEquals(
                List.of("GET invoice_payments?invoice=in_1&limit=100", "GET charges?payment_intent=pi_1&limit=100"),
                client.requests());
    }

    @Test
    void aChargeAnotherInvoicePaidCostsNoLookupInAScanByInvoice() {
        account(BASIL).ignoreFilter("payment_intent"); // a server that returns every charge
        StripeScanPlan plan = plan(List.of(in(col("invoice"), text("in_2"))), "id", "invoice");
        assertEquals(List.of("ch_1=null", "ch_2=null", "ch_3=in_2", "ch_4=null"), rows(plan, context(), -1));
        assertEquals(
                List.of("GET invoice_payments?invoice=in_2&limit=100", "GET charges?payment_intent=pi_2&limit=100"),
                client.requests());
    }

    @Test
    void anInvoiceAsAParameterAndItsExplain() {
        account(BASIL);
        StripeScanPlan plan = plan(List.of(eq(col("invoice"), param(1))), "id", "invoice");
        assertEquals(
                List.of(
                        "Foreign Scan on stripe.charges",
                        "  Request: GET /v1/invoice_payments?invoice=$1&limit=100",
                        "  Then: GET /v1/charges?payment_intent=<each payment intent>&limit=100 for each payment"
                                + " intent those invoice payments name",
                        "  Requests: unbounded (every page of each invoice's payments, then one list walk of charges"
                                + " per payment intent found, pages of 100, starting_after = last id while has_more;"
                                + " rows merged without duplicate ids)",
                        "  By invoice: API version 2025-03-31.basil has no invoice on a charge; every condition is"
                                + " checked again on every row",
                        "  Derived: invoice from the invoice payments read above",
                        "  Local filter: (invoice = $1)"),
                plan.explain(context()));
        assertEquals(List.of("ch_3=in_2"), rows(plan, context("in_2"), -1));
        assertEquals(
                List.of("GET invoice_payments?invoice=in_2&limit=100", "GET charges?payment_intent=pi_2&limit=100"),
                client.requests());
        // An invoice no payment names: one request, no charge.
        assertEquals(List.of(), rows(plan, context("in_9"), -1));
    }

    @Test
    void aLimitLooksUpTheIntentsOfTheRowsReadOnly() {
        account(BASIL);
        assertEquals(List.of("ch_1=in_1", "ch_2=in_1"), rows(plan(List.of(), "id", "invoice"), context(), 2));
        assertEquals(List.of("GET charges?limit=2", LOOKUP + "pi_1&limit=1"), client.requests());
    }

    @Test
    void aRetrieveByIdLooksUpItsIntent() {
        account(BASIL);
        assertEquals(
                List.of("ch_3=in_2"), rows(plan(List.of(eq(col("id"), text("ch_3"))), "id", "invoice"), context(), -1));
        assertEquals(List.of("GET charges/ch_3", LOOKUP + "pi_2&limit=1"), client.requests());
    }
}
