package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.types.SqlType;

class TableRulesTest {
    @Test
    void suggestsTheObjectMeant() {
        assertEquals(Optional.of("prices"), TableRules.suggestion("pricing"));
        assertEquals(Optional.of("customers"), TableRules.suggestion("customer"));
        assertEquals(Optional.of("billing/meters"), TableRules.suggestion("billing_meters"));
        assertEquals(Optional.of("checkout/sessions"), TableRules.suggestion("checkout_sessions"));
        assertEquals(Optional.of("payment_methods"), TableRules.suggestion("payment_method"));
        assertEquals(Optional.of("issuing/cards"), TableRules.suggestion("issuing_cards"));
        assertEquals(Optional.empty(), TableRules.suggestion("sources"));
        assertEquals(Optional.empty(), TableRules.suggestion("x"));
    }

    @Test
    void allowDangerousWritesMustBeABoolean() {
        for (String yes : List.of("true", "TRUE", "on", "yes", "1")) {
            ForeignTable table = charges(yes);
            TableRules.validate(table);
            assertTrue(table.allowsDangerousWrites(), yes);
        }
        for (String no : List.of("false", "off", "no", "0")) {
            ForeignTable table = charges(no);
            TableRules.validate(table);
            assertFalse(table.allowsDangerousWrites(), no);
        }
        assertFalse(charges(null).allowsDangerousWrites());
        StripeJdbcException typo = assertThrows(StripeJdbcException.class, () -> TableRules.validate(charges("ture")));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, typo.sqlState());
        assertEquals(
                "invalid option allow_dangerous_writes: 'ture' is not a boolean (foreign table stripe.charges); "
                        + "use 'true' or 'false'",
                typo.getMessage());
    }

    private static ForeignTable charges(String allow) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("object", "charges");
        options.put("rowid_column", "id");
        if (allow != null) {
            options.put("allow_dangerous_writes", allow);
        }
        return new ForeignTable(
                "stripe",
                "charges",
                "stripe_server",
                List.of(new ForeignColumn("id", "text", SqlType.TEXT, false, Map.of(), null)),
                options,
                null);
    }

    @Test
    void levenshtein() {
        assertEquals(0, TableRules.distance("abc", "abc"));
        assertEquals(3, TableRules.distance("pricing", "prices"));
        assertEquals(3, TableRules.distance("", "abc"));
        assertEquals(1, TableRules.distance("charge", "charges"));
    }
}
