package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.context;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Tables.drain;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.testkit.Fixtures;
import org.stripejdbc.testkit.Tables;

/**
 * Every registry object, declared with the column list of the FDW documentation's DDL (billing_meters, which
 * the old docs lack, with the import columns), read from a realistic API object: the typed row, attrs, and
 * the request.
 */
class StripeObjectsRowsTest {

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of(
                        "accounts",
                        "accounts",
                        "id text, business_type text, country text, email text, type text, created timestamp, "
                                + "attrs jsonb",
                        "objects/accounts.json",
                        null,
                        "GET accounts?limit=100",
                        "id=acct_1Nv0FGQ9RKHgCVdK; business_type=individual; country=US; "
                                + "email=jenny.rosen@example.com; type=express; created=2023-09-27T16:05:51"),
                Arguments.of(
                        "balance_transactions",
                        "balance_transactions",
                        "id text, amount bigint, currency text, description text, fee bigint, net bigint, "
                                + "status text, type text, created timestamp, attrs jsonb",
                        "objects/balance_transactions.json",
                        null,
                        "GET balance_transactions?limit=100",
                        "id=txn_1MiN3gLkdIwHu7ixxapQrznl; amount=-400; currency=usd; description=null; fee=0; "
                                + "net=-400; status=available; type=transfer; created=2023-03-05T19:17:24"),
                Arguments.of(
                        "charges",
                        "charges",
                        "id text, amount bigint, currency text, customer text, description text, invoice text, "
                                + "payment_intent text, status text, created timestamp, attrs jsonb",
                        "objects/charges.json",
                        null,
                        "GET charges?limit=100",
                        "id=ch_3MmlLrLkdIwHu7ix0snN0B15; amount=1099; currency=usd; customer=null; description=null; "
                                + "invoice=null; payment_intent=pi_3MmlLrLkdIwHu7ix0uke3Ezy; status=succeeded; "
                                + "created=2023-03-17T22:02:19"),
                Arguments.of(
                        "checkout_sessions",
                        "checkout/sessions",
                        "id text, customer text, payment_intent text, subscription text, attrs jsonb",
                        "objects/checkout_sessions.json",
                        null,
                        "GET checkout/sessions?limit=100",
                        "id=cs_test_a11YYufWQzNY63zpQ6QSNRQhkUpVph4WRmzW0zWJO2znZKdVujZ0N0S22u; "
                                + "customer=cus_NeZwdNtLEOXuvB; payment_intent=pi_1Mo2aQLkdIwHu7ix0IJ8wk3Y; "
                                + "subscription=null"),
                Arguments.of(
                        "customers",
                        "customers",
                        "id text, email text, name text, description text, created timestamp, attrs jsonb",
                        "objects/customers.json",
                        null,
                        "GET customers?limit=100",
                        "id=cus_NffrFeUfNV2Hib; email=jennyrosen@example.com; name=Jenny Rosen; description=null; "
                                + "created=2023-04-07T18:59:53"),
                Arguments.of(
                        "disputes",
                        "disputes",
                        "id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                                + "status text, created timestamp, attrs jsonb",
                        "objects/disputes.json",
                        null,
                        "GET disputes?limit=100",
                        "id=du_1MtJUT2eZvKYlo2CNaw2HvEv; amount=1000; currency=usd; "
                                + "charge=ch_1AZtxr2eZvKYlo2CJDX8whov; "
                                + "payment_intent=null; reason=general; status=warning_needs_response; "
                                + "created=2023-04-04T23:42:17"),
                Arguments.of(
                        "events",
                        "events",
                        "id text, type text, api_version text, created timestamp, attrs jsonb",
                        "objects/events.json",
                        null,
                        "GET events?limit=100",
                        "id=evt_1NG8Du2eZvKYlo2CUI79vXWy; type=setup_intent.created; api_version=2019-02-19; "
                                + "created=2023-06-06T22:19:30"),
                Arguments.of(
                        "files",
                        "files",
                        "id text, filename text, purpose text, title text, size bigint, type text, url text, "
                                + "created timestamp, expires_at timestamp, attrs jsonb",
                        "objects/files.json",
                        null,
                        "GET files?limit=100",
                        "id=file_1Mr4LDLkdIwHu7ixFCz0dZiH; filename=file.png; purpose=dispute_evidence; title=null; "
                                + "size=8429; type=png; "
                                + "url=https://files.stripe.com/v1/files/file_1Mr4LDLkdIwHu7ixFCz0dZiH/contents; "
                                + "created=2023-03-29T19:07:27; expires_at=2023-12-24T19:07:27"),
                Arguments.of(
                        "file_links",
                        "file_links",
                        "id text, file text, url text, created timestamp, expired bool, expires_at timestamp, "
                                + "attrs jsonb",
                        "objects/file_links.json",
                        null,
                        "GET file_links?limit=100",
                        "id=link_1Mr23jLkdIwHu7ixD2yKb4ar; file=file_1Mr23iLkdIwHu7ixe8oXHFrT; "
                                + "url=https://files.stripe.com/links/MDB8YWNjdF8x; created=2023-03-29T16:41:15; "
                                + "expired=false; expires_at=null"),
                Arguments.of(
                        "invoices",
                        "invoices",
                        "id text, customer text, subscription text, status text, total bigint, currency text, "
                                + "period_start timestamp, period_end timestamp, attrs jsonb",
                        "objects/invoices.json",
                        null,
                        "GET invoices?limit=100",
                        "id=in_1MtHbELkdIwHu7ixl4OzzPMv; customer=cus_NeZwdNtLEOXuvB; subscription=null; "
                                + "status=draft; total=0; currency=usd; period_start=2023-04-04T21:41:07; "
                                + "period_end=2023-04-04T21:41:07"),
                Arguments.of(
                        "mandates",
                        "mandates",
                        "id text, payment_method text, status text, type text, attrs jsonb",
                        "objects/mandates.json",
                        eq(col("id"), text("mandate_1MvojA2eZvKYlo2CvqSABjOF")),
                        "GET mandates/mandate_1MvojA2eZvKYlo2CvqSABjOF",
                        "id=mandate_1MvojA2eZvKYlo2CvqSABjOF; payment_method=pm_123456789; status=active; "
                                + "type=multi_use"),
                Arguments.of(
                        "payment_intents",
                        "payment_intents",
                        "id text, customer text, amount bigint, currency text, payment_method text, "
                                + "created timestamp, attrs jsonb",
                        "objects/payment_intents.json",
                        null,
                        "GET payment_intents?limit=100",
                        "id=pi_3MtwBwLkdIwHu7ix28a3tqPa; customer=null; amount=2000; currency=usd; "
                                + "payment_method=null; created=2023-04-06T17:01:44"),
                Arguments.of(
                        "payouts",
                        "payouts",
                        "id text, amount bigint, currency text, arrival_date timestamp, description text, "
                                + "statement_descriptor text, status text, created timestamp, attrs jsonb",
                        "objects/payouts.json",
                        null,
                        "GET payouts?limit=100",
                        "id=po_1OaFDbEcg9tTZuTgNYmX0PKB; amount=1100; currency=usd; arrival_date=2023-04-05T00:00:00; "
                                + "description=STRIPE PAYOUT; statement_descriptor=null; status=in_transit; "
                                + "created=2023-04-04T22:51:31"),
                Arguments.of(
                        "prices",
                        "prices",
                        "id text, active bool, currency text, product text, unit_amount bigint, type text, "
                                + "created timestamp, attrs jsonb",
                        "objects/prices.json",
                        null,
                        "GET prices?limit=100",
                        "id=price_1MoBy5LkdIwHu7ixZhnattbh; active=true; currency=usd; product=prod_NZKdYqrwEYx6iK; "
                                + "unit_amount=1000; type=recurring; created=2023-03-21T20:39:41"),
                Arguments.of(
                        "products",
                        "products",
                        "id text, name text, active bool, default_price text, description text, "
                                + "created timestamp, updated timestamp, attrs jsonb",
                        "objects/products.json",
                        null,
                        "GET products?limit=100",
                        "id=prod_NWjs8kKbJWmuuc; name=Gold Plan; active=true; default_price=null; description=null; "
                                + "created=2023-03-14T22:32:29; updated=2023-03-14T22:32:29"),
                Arguments.of(
                        "refunds",
                        "refunds",
                        "id text, amount bigint, currency text, charge text, payment_intent text, reason text, "
                                + "status text, created timestamp, attrs jsonb",
                        "objects/refunds.json",
                        null,
                        "GET refunds?limit=100",
                        "id=re_1Nispe2eZvKYlo2Cd31jOCgZ; amount=1000; currency=usd; "
                                + "charge=ch_1NirD82eZvKYlo2CIvbtLWuY; "
                                + "payment_intent=pi_2NirD82eZvKYlo2C1c0w4J0N; reason=null; status=succeeded; "
                                + "created=2023-08-25T05:45:18"),
                Arguments.of(
                        "setup_attempts",
                        "setup_attempts",
                        "id text, application text, customer text, on_behalf_of text, payment_method text, "
                                + "setup_intent text, status text, usage text, created timestamp, attrs jsonb",
                        "objects/setup_attempts.json",
                        eq(col("setup_intent"), text("seti_1Mv6c8")),
                        "GET setup_attempts?setup_intent=seti_1Mv6c8&limit=100",
                        "id=setatt_123456789012345678901234; application=null; customer=null; on_behalf_of=null; "
                                + "payment_method=card_1Mv6c8; setup_intent=seti_1Mv6c8; status=succeeded; "
                                + "usage=off_session; created=2022-09-01T18:45:35"),
                Arguments.of(
                        "setup_intents",
                        "setup_intents",
                        "id text, client_secret text, customer text, description text, payment_method text, "
                                + "status text, usage text, created timestamp, attrs jsonb",
                        "objects/setup_intents.json",
                        null,
                        "GET setup_intents?limit=100",
                        "id=seti_1Mm8s8LkdIwHu7ix0OXBfTRG; "
                                + "client_secret=seti_1Mm8s8LkdIwHu7ix0OXBfTRG_secret_NXDICkPqPeiB; customer=null; "
                                + "description=null; payment_method=null; status=requires_payment_method; "
                                + "usage=off_session; created=2023-03-16T04:57:04"),
                Arguments.of(
                        "subscriptions",
                        "subscriptions",
                        "id text, customer text, currency text, current_period_start timestamp, "
                                + "current_period_end timestamp, attrs jsonb",
                        "objects/subscriptions.json",
                        null,
                        "GET subscriptions?status=all&limit=100",
                        "id=sub_1MowQVLkdIwHu7ixeRlqHVzs; customer=cus_Na6dX7aXxi11N4; currency=usd; "
                                + "current_period_start=2023-03-23T22:16:07; current_period_end=2023-04-22T21:20:00"),
                // The documentation's tokens DDL repeats the subscriptions columns: those the token lacks are NULL.
                Arguments.of(
                        "tokens",
                        "tokens",
                        "id text, customer text, currency text, current_period_start timestamp, "
                                + "current_period_end timestamp, attrs jsonb",
                        "objects/tokens.json",
                        eq(col("id"), text("tok_1N3T00LkdIwHu7ixt44h1F8k")),
                        "GET tokens/tok_1N3T00LkdIwHu7ixt44h1F8k",
                        "id=tok_1N3T00LkdIwHu7ixt44h1F8k; customer=null; currency=null; current_period_start=null; "
                                + "current_period_end=null"),
                Arguments.of(
                        "topups",
                        "topups",
                        "id text, amount bigint, currency text, description text, status text, created timestamp, "
                                + "attrs jsonb",
                        "objects/topups.json",
                        null,
                        "GET topups?limit=100",
                        "id=tu_1NG6yj2eZvKYlo2CWYhv1L5V; amount=2000; currency=usd; "
                                + "description=Top-up for Jenny Rosen; status=pending; created=2023-06-06T20:49:41"),
                Arguments.of(
                        "transfers",
                        "transfers",
                        "id text, amount bigint, currency text, description text, destination text, "
                                + "created timestamp, attrs jsonb",
                        "objects/transfers.json",
                        null,
                        "GET transfers?limit=100",
                        "id=tr_1MiN3gLkdIwHu7ixNiBbKXnP; amount=400; currency=usd; description=null; "
                                + "destination=acct_1MTfjCQ9PRzxEwkZ; created=2023-03-05T19:17:24"),
                Arguments.of(
                        "billing_meters",
                        "billing/meters",
                        "id text, display_name text, event_name text, event_time_window text, status text, "
                                + "attrs jsonb",
                        "objects/billing_meters.json",
                        null,
                        "GET billing/meters?limit=100",
                        "id=mtr_test_61Q8nQMqIFK9fRQmr41CMAXJrFdZ5MnA; display_name=Search API Calls; "
                                + "event_name=ai_search_api; event_time_window=null; status=active"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void documentedTableReadsTheObject(
            String table,
            String object,
            String columns,
            String fixture,
            Expr condition,
            String request,
            String expectedRow) {
        FakeStripeClient client = new FakeStripeClient();
        Json apiObject = Fixtures.json(fixture);
        if (StripeObjects.byObject(object).orElseThrow().listable()) {
            client.add(object, apiObject);
        } else {
            client.addRetrievable(object, apiObject);
        }
        ForeignTableDefinition definition = Tables.define(table, object, columns);
        StripeTableSource source2 = new StripeTableSource(definition, client, new FakeConstantEvaluator());
        StripeScanPlan plan = source2.plan(condition == null ? List.of() : List.of(condition));
        assertEquals(List.of(), plan.residual());

        List<Object[]> rows = drain(plan.open(context(), -1));

        assertEquals(1, rows.size());
        Object[] row = rows.get(0);
        assertEquals(expectedRow, Tables.render(definition, row, false));
        assertEquals(apiObject, row[row.length - 1], "attrs is the whole object");
        for (int i = 0; i < row.length; i++) {
            if (row[i] != null) {
                assertEquals(
                        definition.columns().get(i).type().javaClass(),
                        row[i].getClass(),
                        definition.columns().get(i).name());
            }
        }
        assertEquals(List.of(request), client.requests());
    }

    @Test
    void everyRegistryObjectIsCovered() {
        List<String> covered =
                objects().map(arguments -> (String) arguments.get()[1]).toList();
        // The 24 of the original FDW; those made from the API description: EveryObjectJdbcTest, RegistryJdbcTest.
        List<String> all = StripeObjects.all().stream()
                .filter(o -> o.apiVersion() == null)
                .map(StripeObject::object)
                .filter(name -> !name.equals("balance"))
                .toList();
        assertEquals(all.stream().sorted().toList(), covered.stream().sorted().toList());
        assertTrue(StripeObjects.objectNames().contains("balance")); // covered by BalanceScanIteratorTest
    }
}
