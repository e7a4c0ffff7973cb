package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A subscription as the requested API version shapes it: from {@code 2025-03-31.basil} on, Stripe moved
 * {@code current_period_start} and {@code current_period_end} from the subscription to each of its items. The
 * emulator stores the older shape; a request whose {@code Stripe-Version} is basil or later gets the moved one.
 *
 * <p>Example: {@code {"id":"sub_1","current_period_end":1700000000,"items":{"data":[{"id":"si_1"}]}}} becomes, for
 * {@code Stripe-Version: 2025-03-31.basil}, {@code {"id":"sub_1","items":{"data":[{"id":"si_1",
 * "current_period_end":1700000000}]}}}.
 */
final class SubscriptionShape {
    /** The first API version with the periods on the items. */
    static final String BASIL = "2025-03-31";

    private static final String[] MOVED = {"current_period_start", "current_period_end"};

    private SubscriptionShape() {}

    /** Whether {@code version} (a {@code Stripe-Version}, null for the account's default) puts periods on items. */
    static boolean periodsOnItems(String version) {
        return version != null && version.compareTo(BASIL) >= 0;
    }

    /** The stored JSON of an object of {@code type} as {@code version} shapes it. */
    static byte[] forVersion(EmulatedObject type, byte[] json, String version) {
        if (!type.path().equals("subscriptions") || !periodsOnItems(version)) {
            return json;
        }
        ObjectNode subscription = EmulatorJson.parseObject(json);
        for (JsonNode item : subscription.path("items").path("data")) {
            if (item instanceof ObjectNode node) {
                for (String field : MOVED) {
                    node.set(field, subscription.get(field));
                }
            }
        }
        subscription.remove(java.util.List.of(MOVED));
        return EmulatorJson.bytes(subscription);
    }
}
