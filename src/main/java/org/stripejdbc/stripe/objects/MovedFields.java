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

    /**
     * Fields of the original columns that a later API version removed without a new place in the object, and where
     * their value lives instead. A scan fills such a column where the adapter can (a charge's invoice from the
     * invoice payments, whenever the statement reads it); a condition on one it cannot fill fails on an object
     * without it, saying this, rather than match nothing.
     */
    private static final Map<String, Map<String, String>> REMOVED = Map.of(
            "charges",
            Map.of(
                    "invoice",
                    "API version 2025-03-31.basil removed it from the charge (and the payment intent): an invoice "
                            + "payment links them now. On basil and later a scan of charges fills the column from "
                            + "`GET /v1/invoice_payments` whenever the statement reads it: `where invoice = 'in_...'` "
                            + "on a server whose `api_version` is basil or later reads that invoice's payments, then "
                            + "the charges of their payment intents; otherwise "
                            + "each charge's payment intent is looked up, and from the 11th one every invoice payment "
                            + "is walked once (EXPLAIN shows which). The same link as a join: `select c.id, "
                            + "ip.invoice from stripe.charges c join stripe.invoice_payments ip on "
                            + "ip.attrs->'payment'->>'payment_intent' = c.payment_intent`"));

    private MovedFields() {}

    /**
     * How to find {@code field} of the objects at {@code objectPath} on the API versions that removed it, if one
     * removed it: the text says where the value is, and how a scan fills the column.
     */
    public static Optional<String> removed(String objectPath, String field) {
        return Optional.ofNullable(REMOVED.getOrDefault(objectPath, Map.of()).get(field));
    }

    /** Every removed field: object path → field → where its value is now. */
    public static Map<String, Map<String, String>> removedFields() {
        return REMOVED;
    }

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
