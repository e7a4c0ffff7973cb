package org.stripejdbc.stripe.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.stripe.objects.SearchFields.Kind;
import org.stripejdbc.types.SqlType;

/** The registry's search fields: the seven objects Stripe searches, each a listed object whose columns agree. */
class SearchFieldsTest {

    @Test
    void theSevenSearchableObjectsAreListedObjectsOfTheRegistry() {
        assertEquals(
                List.of("charges", "customers", "invoices", "payment_intents", "prices", "products", "subscriptions"),
                SearchFields.objects());
        for (String object : SearchFields.objects()) {
            StripeObject registered = StripeObjects.byObject(object).orElseThrow();
            assertTrue(registered.listable(), object);
            assertTrue(SearchFields.field(object, "metadata").isPresent(), object + " searches metadata");
        }
        assertEquals(List.of(), SearchFields.of("refunds"));
    }

    /** A registry column of a search field's name holds its values in the type the kind expects. */
    @Test
    void registryColumnsAgreeWithTheKinds() {
        for (String object : SearchFields.objects()) {
            StripeObject registered = StripeObjects.byObject(object).orElseThrow();
            for (SearchFields.SearchField field : SearchFields.of(object)) {
                registered.column(field.name()).ifPresent(column -> {
                    SqlType expected = switch (field.kind()) {
                        case STRING, ID, ENUM -> SqlType.TEXT;
                        case NUMBER -> SqlType.BIGINT;
                        case TIME -> SqlType.TIMESTAMP;
                        case BOOLEAN -> SqlType.BOOLEAN;
                        case METADATA -> SqlType.JSONB;
                    };
                    assertEquals(expected, column.type(), object + "." + field.name());
                });
            }
        }
        assertEquals(
                Kind.STRING,
                SearchFields.field("customers", "name").orElseThrow().kind());
        assertEquals(
                Kind.ENUM, SearchFields.field("charges", "status").orElseThrow().kind());
    }
}
