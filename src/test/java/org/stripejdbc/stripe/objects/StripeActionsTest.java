package org.stripejdbc.stripe.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The actions read from the API description: names, endpoints, parameters, the dangerous ones. */
class StripeActionsTest {

    private static List<StripeAction> all() {
        return StripeObjects.all().stream()
                .flatMap(o -> StripeActions.of(o.object()).stream())
                .toList();
    }

    @Test
    void everyActionAddressedByOneIdOfATableIsFound() {
        assertEquals(109, all().stream().filter(a -> a.ids() == 1).count());
        assertEquals(
                "add_lines, attach_payment, create_preview, finalize, mark_uncollectible, pay, remove_lines, send, "
                        + "update_lines, void",
                StripeActions.names("invoices"));
        assertEquals("none", StripeActions.names("customers_nope"));
        // sources have actions on one id, and no table: none of theirs is found
        assertEquals("none", StripeActions.names("sources"));
    }

    @Test
    void theTwelveActionsAddressingNoObjectOrTwoAreFound() {
        List<String> found = new java.util.ArrayList<>();
        for (String path : List.of(
                "invoices",
                "credit_notes",
                "accounts",
                "customers",
                "payment_records",
                "issuing/transactions",
                "apps/secrets",
                "tax/associations",
                "tax/transactions")) {
            StripeActions.of(path).stream()
                    .filter(a -> a.ids() != 1)
                    .forEach(a -> found.add(a.objectPath() + " " + a.name() + " " + a.endpoint()));
        }
        assertEquals(
                List.of(
                        "invoices create_preview POST /v1/invoices/create_preview",
                        "credit_notes preview GET /v1/credit_notes/preview",
                        "accounts retrieve_current GET /v1/account",
                        "customers verify_source POST /v1/customers/{customer}/sources/{id}/verify",
                        "payment_records report_payment POST /v1/payment_records/report_payment",
                        "issuing/transactions create_force_capture "
                                + "POST /v1/test_helpers/issuing/transactions/create_force_capture",
                        "issuing/transactions create_unlinked_refund "
                                + "POST /v1/test_helpers/issuing/transactions/create_unlinked_refund",
                        "apps/secrets delete POST /v1/apps/secrets/delete",
                        "apps/secrets find GET /v1/apps/secrets/find",
                        "tax/associations find GET /v1/tax/associations/find",
                        "tax/transactions create_from_calculation POST /v1/tax/transactions/create_from_calculation",
                        "tax/transactions create_reversal POST /v1/tax/transactions/create_reversal"),
                found);
        assertEquals(
                List.of("apps/secrets", "tax/associations", "tax/transactions"), StripeActions.objectsWithoutTable());
        assertEquals(Optional.of("tax/transactions"), StripeActions.objectWithoutTable("tax_transactions"));
        assertEquals(Optional.empty(), StripeActions.objectWithoutTable("invoices"));
        StripeAction verify = StripeActions.find("customers", "verify_source").orElseThrow();
        assertEquals(2, verify.ids());
        assertEquals("customers/cus_1/sources/ba%2F1/verify", verify.path(List.of("cus_1", "ba%2F1"), s -> s));
        assertEquals(
                "stripe_action('customers', 'verify_source', parent_id text, id text [, parameters jsonb])",
                verify.signature("customers"));
        StripeAction preview = StripeActions.find("invoices", "create_preview").orElseThrow();
        assertEquals(0, preview.ids());
        assertEquals("invoices/create_preview", preview.path(List.of(), s -> s));
    }

    @Test
    void theReadsAndThePreviewWriteNothing() {
        List<String> writingNothing = StripeObjects.all().stream()
                .flatMap(o -> StripeActions.of(o.object()).stream())
                .filter(a -> !a.writes())
                .map(a -> a.objectPath() + " " + a.name())
                .toList();
        assertEquals(
                List.of("accounts retrieve_current", "credit_notes preview", "invoices create_preview"),
                writingNothing.stream().sorted().toList());
        assertFalse(StripeActions.find("apps/secrets", "find").orElseThrow().writes());
        assertTrue(StripeActions.find("apps/secrets", "delete").orElseThrow().writes());
        assertTrue(
                StripeActions.find("customers", "verify_source").orElseThrow().writes());
    }

    @Test
    void anActionKnowsItsEndpointAndParameters() {
        StripeAction finalize = StripeActions.find("invoices", "finalize").orElseThrow();
        assertEquals("POST", finalize.method());
        assertEquals("invoices/{}/finalize", finalize.path());
        assertEquals("POST /v1/invoices/{id}/finalize", finalize.endpoint());
        assertEquals("auto_advance, expand", finalize.parameterNames());
        assertEquals(Optional.empty(), finalize.danger());
        StripeAction cancel = StripeActions.find("subscriptions", "cancel").orElseThrow();
        assertEquals("DELETE /v1/subscriptions/{id}", cancel.endpoint());
        assertEquals("", cancel.pathAfterId());
        StripeAction expire = StripeActions.find("refunds", "expire").orElseThrow();
        assertTrue(expire.testHelper());
        assertEquals("test_helpers/refunds/{}/expire", expire.path());
        assertEquals(
                "POST /v1/test_helpers/issuing/cards/{id}/shipping/deliver",
                StripeActions.find("issuing/cards", "shipping_deliver")
                        .orElseThrow()
                        .endpoint());
        assertTrue(StripeActions.find("test_helpers/test_clocks", "advance").isPresent());
    }

    @Test
    void everyDangerousActionIsOneOfTheDescriptionAndOnlyTheIssuingTestHelpersAreDangerous() {
        for (Map.Entry<String, String> entry : StripeActions.DANGEROUS.entrySet()) {
            String[] parts = entry.getKey().split(" ");
            Optional<StripeAction> action = StripeActions.find(parts[0], parts[1]);
            assertTrue(action.isPresent(), entry.getKey());
            assertEquals(Optional.of(entry.getValue()), action.get().danger());
        }
        long withoutTable = StripeActions.objectsWithoutTable().stream()
                .flatMap(p -> StripeActions.of(p).stream())
                .filter(a -> a.danger().isPresent())
                .count();
        assertEquals(3, withoutTable); // apps/secrets delete, tax/transactions create_from_calculation, create_reversal
        assertEquals(
                StripeActions.DANGEROUS.size(),
                all().stream().filter(a -> a.danger().isPresent()).count() + withoutTable);
        assertEquals(
                List.of("create_force_capture", "create_unlinked_refund"),
                all().stream()
                        .filter(a -> a.testHelper() && a.danger().isPresent())
                        .map(StripeAction::name)
                        .toList());
        assertTrue(StripeActions.find("invoices", "pay").orElseThrow().danger().isPresent());
        assertTrue(StripeActions.find("payment_intents", "capture")
                .orElseThrow()
                .danger()
                .isPresent());
        assertFalse(StripeActions.find("subscriptions", "cancel")
                .orElseThrow()
                .danger()
                .isPresent());
    }
}
