package org.stripejdbc.stripe.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stripejdbc.types.SqlType;

/** The registry made from the API description: which tables, which columns, which parameters. */
class StripeObjectsDescriptionTest {
    private static final ApiDescription DESCRIPTION = ApiDescription.pinned();

    @Test
    void theDescriptionIsPinnedToOneVersion() {
        assertEquals("2026-07-29.dahlia", DESCRIPTION.apiVersion());
        assertEquals("stripe-java-33.3.0", DESCRIPTION.source());
        assertTrue(
                DESCRIPTION.resources().size() > 100,
                "resources: " + DESCRIPTION.resources().size());
    }

    @Test
    void everyResourceWithATopLevelListIsATableButThoseWhoseRequiredParameterHasNoColumn() {
        Set<String> skipped = new HashSet<>();
        for (ApiDescription.Resource resource : DESCRIPTION.resources().values()) {
            resource.topLevelList().ifPresent(list -> {
                String path = list.path().substring("/v1/".length());
                if (StripeObjects.byObject(path).isEmpty()) {
                    skipped.add(path);
                }
            });
        }
        assertEquals(Set.of("apps/secrets", "credit_notes/preview/lines", "entitlements/active_entitlements"), skipped);
        assertEquals(
                92, StripeObjects.all().stream().filter(o -> o.parent() == null).count());
    }

    @Test
    void theOriginalTwentyFourComeFirstUnchangedAndSendTheAccountsVersion() {
        List<StripeObject> all = StripeObjects.all();
        List<String> originals =
                all.subList(0, 24).stream().map(StripeObject::tableName).toList();
        assertEquals(
                List.of(
                        "accounts",
                        "balance",
                        "balance_transactions",
                        "charges",
                        "customers",
                        "disputes",
                        "events",
                        "files",
                        "file_links",
                        "invoices",
                        "mandates",
                        "payment_intents",
                        "payouts",
                        "prices",
                        "products",
                        "refunds",
                        "setup_attempts",
                        "setup_intents",
                        "subscriptions",
                        "tokens",
                        "topups",
                        "transfers",
                        "billing_meters",
                        "checkout_sessions"),
                originals);
        all.subList(0, 24).forEach(o -> assertNull(o.apiVersion(), o.tableName()));
        all.subList(24, all.size()).forEach(o -> assertEquals(DESCRIPTION.apiVersion(), o.apiVersion()));
        StripeObject subscriptions = StripeObjects.byTableName("subscriptions").orElseThrow();
        assertEquals(
                List.of("id", "customer", "currency", "current_period_start", "current_period_end", "status"),
                subscriptions.columns().stream().map(StripeColumn::name).toList());
    }

    @Test
    void namespacedResourcesArePrefixedAndNamesArePlural() {
        for (String table : List.of(
                "issuing_cards",
                "terminal_readers",
                "billing_credit_grants",
                "coupons",
                "credit_notes",
                "invoice_items",
                "subscription_items",
                "tax_rates",
                "payment_methods",
                "radar_early_fraud_warnings",
                "reporting_report_runs",
                "test_helpers_test_clocks",
                "webhook_endpoints")) {
            assertTrue(StripeObjects.byTableName(table).isPresent(), table);
        }
        assertEquals(
                "issuing/cards",
                StripeObjects.byTableName("issuing_cards").orElseThrow().object());
        assertEquals(
                "invoiceitems",
                StripeObjects.byTableName("invoice_items").orElseThrow().object());
    }

    @Test
    void columnsAreTheTopLevelScalarFieldsTyped() {
        StripeObject plans = StripeObjects.byTableName("plans").orElseThrow();
        assertEquals("id", plans.columns().get(0).name());
        assertEquals(SqlType.BIGINT, plans.column("amount").orElseThrow().type());
        assertEquals(
                SqlType.NUMERIC, plans.column("amount_decimal").orElseThrow().type());
        assertEquals(SqlType.BOOLEAN, plans.column("active").orElseThrow().type());
        assertEquals(SqlType.TIMESTAMP, plans.column("created").orElseThrow().type());
        assertEquals(SqlType.TEXT, plans.column("interval").orElseThrow().type());
        assertEquals(SqlType.TEXT, plans.column("product").orElseThrow().type(), "an expandable reference: its id");
        assertTrue(plans.column("metadata").isEmpty(), "objects stay in attrs");
        assertTrue(plans.column("object").isEmpty());
    }

    @Test
    void pushdownFollowsTheListParameters() {
        StripeObject cards = StripeObjects.byTableName("issuing_cards").orElseThrow();
        assertTrue(
                cards.pushableFields().containsAll(List.of("status", "type", "last4")),
                cards.pushableFields().toString());
        assertEquals(List.of("created"), cards.rangeFields());
        assertEquals(
                List.of("active", "canceled", "inactive"),
                cards.listParameter("status").orElseThrow().allowed());
        StripeObject items = StripeObjects.byTableName("subscription_items").orElseThrow();
        assertEquals("subscription", items.requiredFilter());
        StripeObject schedules =
                StripeObjects.byTableName("subscription_schedules").orElseThrow();
        assertTrue(schedules.rangeFields().containsAll(List.of("canceled_at", "completed_at", "released_at")));
        // The originals take their ranges from the description too.
        assertEquals(
                List.of("created", "due_date"),
                StripeObjects.byTableName("invoices").orElseThrow().rangeFields());
        assertEquals(
                List.of("arrival_date", "created"),
                StripeObjects.byTableName("payouts").orElseThrow().rangeFields());
        assertFalse(StripeObjects.byTableName("billing_meters").orElseThrow().createdFilter());
        for (StripeObject object : StripeObjects.all()) {
            for (String field : object.pushableFields()) {
                // A child table's parent key goes into the path, not the query.
                boolean parentKey =
                        object.parent() != null && object.parent().column().equals(field);
                assertTrue(parentKey || object.listParameter(field).isPresent(), object.tableName() + "." + field);
            }
            for (String field : object.rangeFields()) {
                assertTrue(object.listParameter(field).orElseThrow().range(), object.tableName() + "." + field);
            }
        }
    }

    @Test
    void tableNamesAreUnique() {
        Set<String> names = new HashSet<>();
        StripeObjects.all().forEach(o -> assertTrue(names.add(o.tableName()), o.tableName()));
    }
}
