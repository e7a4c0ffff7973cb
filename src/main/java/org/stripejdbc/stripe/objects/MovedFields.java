package org.stripejdbc.stripe.objects;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fields of the 24 original tables that a later API version moved, and where to read them there, so that the
 * original columns stay filled on every version the description knows.
 *
 * <p>Example: API version {@code 2025-03-31.basil} moved a subscription's {@code current_period_start} and
 * {@code current_period_end} to its items; on that version and later, {@code subscriptions.current_period_end} is
 * read from {@code items.data[0].current_period_end} (the first item's period; Stripe keeps every item of a
 * subscription on one billing period unless flexible billing mixes intervals). The moved field is only read where
 * the top-level field is absent: an older version's answer is read as it is. The same version moved an invoice's
 * {@code subscription} to {@code parent.subscription_details.subscription} (null when no subscription made the
 * invoice: {@code parent} is then null or another kind of parent, such as a quote's).
 */
public final class MovedFields {
    private static final List<String> FIRST_ITEM = List.of("items", "data", "0");

    private static final Map<String, Map<String, List<String>>> MOVED = Map.of(
            "subscriptions",
            Map.of(
                    "current_period_start", at(FIRST_ITEM, "current_period_start"),
                    "current_period_end", at(FIRST_ITEM, "current_period_end")),
            "invoices",
            Map.of("subscription", List.of("parent", "subscription_details", "subscription")));

    private MovedFields() {}

    /** Where {@code field} of the objects at {@code objectPath} is on later API versions (a JSON path), if moved. */
    public static Optional<List<String>> newPlace(String objectPath, String field) {
        return Optional.ofNullable(MOVED.getOrDefault(objectPath, Map.of()).get(field));
    }

    /** Every moved field: object path → field → its new place. */
    public static Map<String, Map<String, List<String>>> all() {
        return MOVED;
    }

    private static List<String> at(List<String> prefix, String field) {
        return java.util.stream.Stream.concat(prefix.stream(), java.util.stream.Stream.of(field))
                .toList();
    }
}
