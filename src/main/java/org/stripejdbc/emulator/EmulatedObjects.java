package org.stripejdbc.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.emulator.FilterField.Kind;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * The emulator's view of the registry: one {@link EmulatedObject} per {@link StripeObjects} entry (balance
 * included, although it has no ids or list). Filters are exactly the registry's pushable fields; this class
 * adds how Stripe validates them.
 *
 * <p>Example: {@code EmulatedObjects.byPath("prices")} filters {@code active} (boolean), {@code currency},
 * {@code product} and {@code type} ({@code one_time} or {@code recurring}).
 */
final class EmulatedObjects {
    static final List<String> SUBSCRIPTION_STATUSES = List.of(
            "active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "trialing", "paused");
    static final List<String> INVOICE_STATUSES = List.of("draft", "open", "paid", "uncollectible", "void");
    static final List<String> PAYOUT_STATUSES = List.of("pending", "paid", "failed", "canceled", "in_transit");
    static final List<String> TOPUP_STATUSES = List.of("canceled", "failed", "pending", "succeeded");

    private static final Map<String, EmulatedObject> BY_PATH;

    private record Details(String objectType, String idPrefix, int idLength) {}

    static {
        Map<String, Details> details = new LinkedHashMap<>();
        details.put("accounts", new Details("account", "acct_", 16));
        details.put("balance", new Details("balance", "", 0));
        details.put("balance_transactions", new Details("balance_transaction", "txn_", 24));
        details.put("charges", new Details("charge", "ch_", 24));
        details.put("customers", new Details("customer", "cus_", 14));
        details.put("disputes", new Details("dispute", "dp_", 24));
        details.put("events", new Details("event", "evt_", 24));
        details.put("files", new Details("file", "file_", 24));
        details.put("file_links", new Details("file_link", "link_", 24));
        details.put("invoices", new Details("invoice", "in_", 24));
        details.put("mandates", new Details("mandate", "mandate_", 24));
        details.put("payment_intents", new Details("payment_intent", "pi_", 24));
        details.put("payouts", new Details("payout", "po_", 24));
        details.put("prices", new Details("price", "price_", 24));
        details.put("products", new Details("product", "prod_", 14));
        details.put("refunds", new Details("refund", "re_", 24));
        details.put("setup_attempts", new Details("setup_attempt", "setatt_", 24));
        details.put("setup_intents", new Details("setup_intent", "seti_", 24));
        details.put("subscriptions", new Details("subscription", "sub_", 24));
        details.put("tokens", new Details("token", "tok_", 24));
        details.put("topups", new Details("topup", "tu_", 24));
        details.put("transfers", new Details("transfer", "tr_", 24));
        details.put("billing/meters", new Details("billing.meter", "mtr_test_", 32));
        details.put("checkout/sessions", new Details("checkout.session", "cs_test_", 58));

        Map<String, EmulatedObject> byPath = new LinkedHashMap<>();
        for (StripeObject meta : StripeObjects.all()) {
            Details d = details.get(meta.object());
            if (d == null) {
                throw new IllegalStateException("the emulator does not know registry object " + meta.object());
            }
            List<FilterField> filters = new ArrayList<>();
            for (String field : meta.pushableFields()) {
                filters.add(filter(meta.object(), field));
            }
            byPath.put(meta.object(), new EmulatedObject(meta, d.objectType(), d.idPrefix(), d.idLength(), filters));
        }
        BY_PATH = Collections.unmodifiableMap(byPath);
    }

    private EmulatedObjects() {}

    /** How Stripe validates one pushable field of one object. */
    private static FilterField filter(String object, String field) {
        switch (object + "." + field) {
            case "prices.active":
            case "products.active":
                return FilterField.of(field, Kind.BOOLEAN);
            case "prices.currency":
                return FilterField.of(field, Kind.CURRENCY);
            case "prices.type":
                return FilterField.of(field, Kind.ENUM, "one_time", "recurring");
            case "invoices.status":
                return FilterField.of(field, Kind.ENUM, INVOICE_STATUSES.toArray(String[]::new));
            case "payouts.status":
                return FilterField.of(field, Kind.ENUM, PAYOUT_STATUSES.toArray(String[]::new));
            case "topups.status":
                return FilterField.of(field, Kind.ENUM, TOPUP_STATUSES.toArray(String[]::new));
            case "events.type":
                return FilterField.of(field, Kind.EVENT_TYPE);
            case "subscriptions.price":
                return new FilterField(
                        field, Kind.TEXT, List.of(), Map.of(), null, FilterField.nestedListIds("items", "price"));
            case "subscriptions.status": {
                // Stripe: without status, every subscription that is not canceled; "all" lists everything;
                // "ended" lists canceled and incomplete_expired ones.
                Set<String> notCanceled = new HashSet<>(SUBSCRIPTION_STATUSES);
                notCanceled.remove("canceled");
                return new FilterField(
                        field,
                        Kind.ENUM,
                        SUBSCRIPTION_STATUSES,
                        Map.of("all", Set.of(), "ended", Set.of("canceled", "incomplete_expired")),
                        notCanceled,
                        FilterField.topLevel(field));
            }
            default:
                return FilterField.of(field, Kind.TEXT);
        }
    }

    /** Every object, in registry order. */
    static List<EmulatedObject> all() {
        return List.copyOf(BY_PATH.values());
    }

    /** The object whose API path is {@code path} ({@code customers}, {@code checkout/sessions}). */
    static Optional<EmulatedObject> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The object whose API path is {@code path}; for the emulator's own code, where it must exist. */
    static EmulatedObject require(String path) {
        EmulatedObject object = BY_PATH.get(path);
        if (object == null) {
            throw new IllegalArgumentException("unknown Stripe object path: " + path);
        }
        return object;
    }
}
