package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.stripe.objects.StripeObject;

/**
 * What the emulator adds to one registry object ({@link StripeObject}): the value of its JSON {@code object}
 * member, how its ids look, and its list filters (the registry's pushable fields, with Stripe's validation).
 *
 * <p>Example: charges are {@code object: "charge"}, ids {@code ch_} + 24 characters, and one filter
 * {@code customer}; a missing one is reported as {@code No such charge: 'ch_x'}.
 *
 * @param meta       the registry entry
 * @param objectType the JSON {@code object} value ({@code checkout.session}), also used in "No such" messages
 * @param idPrefix   the id prefix including its underscore ({@code cus_}, {@code cs_test_})
 * @param idLength   the number of random characters after the prefix
 * @param filters    the list filters, in the registry's pushable-field order
 */
record EmulatedObject(StripeObject meta, String objectType, String idPrefix, int idLength, List<FilterField> filters) {
    EmulatedObject {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(idPrefix, "idPrefix");
        filters = List.copyOf(filters);
    }

    /** The API path under {@code /v1/} ({@code checkout/sessions}). */
    String path() {
        return meta.object();
    }

    /** The position of a filter in {@link #filters()}, or -1. */
    int filterIndex(String name) {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The values of every filter for one object, aligned with {@link #filters()}. */
    String[][] extractFilterValues(JsonNode node) {
        String[][] values = new String[filters.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = filters.get(i).extractor().apply(node);
        }
        return values;
    }
}
