package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableRulesTest {
    @Test
    void suggestsTheObjectMeant() {
        assertEquals(Optional.of("prices"), TableRules.suggestion("pricing"));
        assertEquals(Optional.of("customers"), TableRules.suggestion("customer"));
        assertEquals(Optional.of("billing/meters"), TableRules.suggestion("billing_meters"));
        assertEquals(Optional.of("checkout/sessions"), TableRules.suggestion("checkout_sessions"));
        assertEquals(Optional.empty(), TableRules.suggestion("payment_methods"));
        assertEquals(Optional.empty(), TableRules.suggestion("x"));
    }

    @Test
    void levenshtein() {
        assertEquals(0, TableRules.distance("abc", "abc"));
        assertEquals(3, TableRules.distance("pricing", "prices"));
        assertEquals(3, TableRules.distance("", "abc"));
        assertEquals(1, TableRules.distance("charge", "charges"));
    }
}
