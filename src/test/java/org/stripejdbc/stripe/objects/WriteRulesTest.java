package org.stripejdbc.stripe.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stripejdbc.stripe.objects.WriteRules.FieldAccess;
import org.stripejdbc.stripe.objects.WriteRules.Operation;

class WriteRulesTest {
    private static WriteRules rules(String object) {
        return StripeObjects.byObject(object).orElseThrow().writes();
    }

    private static Map<String, Set<Operation>> originals(Map<String, Set<Operation>> dangerous) {
        Map<String, Set<Operation>> out = new TreeMap<>(dangerous);
        out.keySet().removeAll(described(dangerous));
        return out;
    }

    private static Set<String> described(Map<String, Set<Operation>> dangerous) {
        Set<String> out = new java.util.TreeSet<>();
        dangerous.forEach((object, operations) -> {
            if (StripeObjects.byObject(object).orElseThrow().apiVersion() != null) {
                assertEquals(Set.of(Operation.INSERT), operations, object);
                out.add(object);
            }
        });
        return out;
    }

    @Test
    void theDangerousWritesAreTheOnesThatMoveMoneyOrDestroyAnAccount() {
        Map<String, Set<Operation>> dangerous = new TreeMap<>();
        for (StripeObject object : StripeObjects.all()) {
            if (!object.writes().dangerous().isEmpty()) {
                dangerous.put(object.object(), object.writes().dangerous().keySet());
            }
        }
        assertEquals(
                Map.of(
                        "accounts",
                        Set.of(Operation.UPDATE, Operation.DELETE),
                        "charges",
                        Set.of(Operation.INSERT),
                        "payment_intents",
                        Set.of(Operation.INSERT),
                        "payouts",
                        Set.of(Operation.INSERT),
                        "refunds",
                        Set.of(Operation.INSERT),
                        "topups",
                        Set.of(Operation.INSERT),
                        "transfers",
                        Set.of(Operation.INSERT)),
                originals(dangerous));
        // The objects made from the API description: money movements and payment instruments (DescribedWrites).
        assertEquals(
                Set.of(
                        "climate/orders",
                        "credit_notes",
                        "issuing/cards",
                        "treasury/credit_reversals",
                        "treasury/debit_reversals",
                        "treasury/inbound_transfers",
                        "treasury/outbound_payments",
                        "treasury/outbound_transfers"),
                described(dangerous));
        assertEquals(
                "creates a real charge: it moves money from the customer's payment method",
                rules("charges").danger(Operation.INSERT).orElseThrow());
        assertTrue(rules("customers").danger(Operation.DELETE).isEmpty());
    }

    @Test
    void everyObjectHasTheCommonReadOnlyFields() {
        for (StripeObject object : StripeObjects.all()) {
            WriteRules rules = object.writes();
            assertEquals(FieldAccess.CREATE_ONLY, rules.access("id"), object.object());
            for (String field : WriteRules.ALWAYS_COMPUTED) {
                assertEquals(FieldAccess.COMPUTED, rules.access(field), object.object() + "." + field);
            }
            assertEquals(FieldAccess.WRITABLE, rules.access("metadata"), object.object());
            assertTrue(rules.computed().stream().noneMatch(rules.createOnly()::contains), object.object());
        }
    }

    @Test
    void perObjectFields() {
        assertEquals(FieldAccess.WRITABLE, rules("customers").access("email"));
        assertEquals(FieldAccess.WRITABLE, rules("customers").access("description"));
        assertEquals(FieldAccess.CREATE_ONLY, rules("charges").access("amount"));
        assertEquals(FieldAccess.COMPUTED, rules("charges").access("status"));
        assertEquals(FieldAccess.WRITABLE, rules("charges").access("description"));
        assertEquals(FieldAccess.COMPUTED, rules("subscriptions").access("status"));
        assertEquals(FieldAccess.CREATE_ONLY, rules("subscriptions").access("customer"));
        assertEquals(FieldAccess.WRITABLE, rules("products").access("name"));
        assertEquals(FieldAccess.COMPUTED, rules("products").access("updated"));
        // The known columns of the objects without write endpoints are all read-only.
        for (String object : Set.of("events", "balance_transactions", "mandates", "setup_attempts")) {
            StripeObject o = StripeObjects.byObject(object).orElseThrow();
            Set<String> writable = o.columns().stream()
                    .map(StripeColumn::name)
                    .filter(c -> o.writes().access(c) == FieldAccess.WRITABLE)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), writable, object);
        }
    }
}
