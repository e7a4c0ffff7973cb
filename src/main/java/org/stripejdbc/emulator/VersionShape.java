package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An object as the requested API version shapes it. The emulator stores the shape of the versions before
 * {@code 2025-03-31.basil}; a request whose {@code Stripe-Version} is basil or later gets what basil changed, per
 * object path:
 * <ul>
 *   <li>{@code subscriptions}: {@code current_period_start} and {@code current_period_end} move from the subscription
 *       to each of its items;</li>
 *   <li>{@code invoices}: {@code subscription} moves to {@code parent.subscription_details.subscription}
 *       ({@code parent} is null for an invoice no subscription made), and {@code charge}, {@code payment_intent} and
 *       {@code paid} are gone (the payments are invoice payments, {@code GET /v1/invoice_payments});</li>
 *   <li>{@code charges} and {@code payment_intents}: {@code invoice} is gone (an invoice payment links them).</li>
 * </ul>
 *
 * <p>Example: {@code {"id":"sub_1","current_period_end":1700000000,"items":{"data":[{"id":"si_1"}]}}} becomes, for
 * {@code Stripe-Version: 2025-03-31.basil}, {@code {"id":"sub_1","items":{"data":[{"id":"si_1",
 * "current_period_end":1700000000}]}}}; {@code {"id":"in_1","subscription":"sub_1"}} becomes
 * {@code {"id":"in_1","parent":{"type":"subscription_details","subscription_details":{"subscription":"sub_1",
 * "metadata":{}}}}}.
 */
final class VersionShape {
    /** The first API version with basil's shapes. */
    static final String BASIL = "2025-03-31";

    private static final List<String> PERIODS = List.of("current_period_start", "current_period_end");

    private static final Map<String, Consumer<ObjectNode>> BASIL_SHAPES = Map.of(
            "subscriptions",
            VersionShape::subscriptionPeriodsOnItems,
            "invoices",
            VersionShape::invoiceParent,
            "charges",
            object -> object.remove("invoice"),
            "payment_intents",
            object -> object.remove("invoice"));

    private VersionShape() {}

    /** Whether {@code version} (a {@code Stripe-Version}, null for the account's default) has basil's shapes. */
    static boolean basilOrLater(String version) {
        return version != null && version.compareTo(BASIL) >= 0;
    }

    /** The stored JSON of an object of {@code type} as {@code version} shapes it. */
    static byte[] forVersion(EmulatedObject type, byte[] json, String version) {
        Consumer<ObjectNode> shape = BASIL_SHAPES.get(type.path());
        if (shape == null || !basilOrLater(version)) {
            return json;
        }
        ObjectNode object = EmulatorJson.parseObject(json);
        if (object.path("deleted").asBoolean(false)) {
            return json;
        }
        shape.accept(object);
        return EmulatorJson.bytes(object);
    }

    private static void subscriptionPeriodsOnItems(ObjectNode subscription) {
        for (JsonNode item : subscription.path("items").path("data")) {
            if (item instanceof ObjectNode node) {
                for (String field : PERIODS) {
                    node.set(field, subscription.get(field));
                }
            }
        }
        subscription.remove(PERIODS);
    }

    private static void invoiceParent(ObjectNode invoice) {
        JsonNode subscription = invoice.get("subscription");
        invoice.remove(List.of("subscription", "charge", "payment_intent", "paid"));
        if (subscription == null || subscription.isNull()) {
            invoice.putNull("parent");
            return;
        }
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.putObject("metadata");
        details.set("subscription", subscription);
    }
}
