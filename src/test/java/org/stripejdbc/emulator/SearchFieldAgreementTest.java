package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.stripe.objects.SearchFields;
import org.stripejdbc.stripe.objects.SearchFields.Kind;

/**
 * The driver routes to the search endpoint only queries the emulator accepts: every field the driver's
 * {@link SearchFields} names is a search field of the emulator's object, and each driver kind asks no more of the
 * field than its emulator type allows ({@code ~} only on strings, ranges only on numbers). The emulator may know
 * fields the driver leaves out (the card's {@code exp_month} and {@code exp_year}, whose documented kind is uncertain).
 */
class SearchFieldAgreementTest {

    @Test
    void everyDriverSearchFieldIsAnEmulatorFieldOfACompatibleType() {
        for (String object : SearchFields.objects()) {
            Map<String, SearchField> emulator = SearchField.of(object).orElseThrow(() -> new AssertionError(object));
            for (SearchFields.SearchField field : SearchFields.of(object)) {
                SearchField served = emulator.get(field.name());
                assertTrue(served != null, object + "." + field.name() + " is not an emulator search field");
                assertEquals(expected(field.kind()), served.type(), object + "." + field.name());
            }
        }
    }

    @Test
    void theTokensStayExactMatchOnly() {
        assertEquals(
                Kind.ID,
                SearchFields.field("charges", "billing_details.address.postal_code")
                        .orElseThrow()
                        .kind());
        assertTrue(SearchFields.field("charges", "payment_method_details.card.exp_month")
                .isEmpty());
        assertEquals(
                SearchField.Type.TOKEN,
                SearchField.of("charges")
                        .orElseThrow()
                        .get("payment_method_details.card.exp_year")
                        .type());
    }

    private static SearchField.Type expected(Kind kind) {
        return switch (kind) {
            case STRING -> SearchField.Type.STRING;
            case ID, ENUM -> SearchField.Type.TOKEN;
            case NUMBER, TIME -> SearchField.Type.NUMERIC;
            case BOOLEAN -> SearchField.Type.BOOLEAN;
            case METADATA -> SearchField.Type.METADATA;
        };
    }
}
