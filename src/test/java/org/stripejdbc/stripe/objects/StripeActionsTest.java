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
        assertEquals(109, all().size());
        assertEquals(
                "add_lines, attach_payment, finalize, mark_uncollectible, pay, remove_lines, send, update_lines, void",
                StripeActions.names("invoices"));
        assertEquals("none", StripeActions.names("customers_nope"));
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
    void everyDangerousActionIsOneOfTheDescriptionAndNoTestHelperIsDangerous() {
        for (Map.Entry<String, String> entry : StripeActions.DANGEROUS.entrySet()) {
            String[] parts = entry.getKey().split(" ");
            Optional<StripeAction> action = StripeActions.find(parts[0], parts[1]);
            assertTrue(action.isPresent(), entry.getKey());
            assertEquals(Optional.of(entry.getValue()), action.get().danger());
        }
        assertEquals(
                StripeActions.DANGEROUS.size(),
                all().stream().filter(a -> a.danger().isPresent()).count());
        assertFalse(all().stream().anyMatch(a -> a.testHelper() && a.danger().isPresent()));
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
