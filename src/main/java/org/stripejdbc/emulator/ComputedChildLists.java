package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nested lists that Stripe computes from their parameters rather than keeps in the parent object, answered
 * deterministically from the parameters and the stored parent.
 *
 * <ul>
 *   <li>{@code GET /v1/billing/meters/{meter}/event_summaries?customer=&start_time=&end_time=}: the meter's usage
 *       of one customer (who must exist) over {@code [start_time, end_time)}, both on whole minutes, as one
 *       summary, or one per hour or day with {@code value_grouping_window}, oldest first. The usage is a number per
 *       hour of the meter and customer (0 to 4, from a hash), so a day's summary is the sum of its hours and a
 *       window's the sum of its days.</li>
 *   <li>{@code GET /v1/financial_connections/accounts/{account}/owners?ownership=}: two owners when
 *       {@code ownership} is the account's {@code ownership}, none otherwise.</li>
 * </ul>
 *
 * <p>Example: {@code GET /v1/billing/meters/mtr_1/event_summaries?customer=cus_1&start_time=1735689600&
 * end_time=1735776000&value_grouping_window=hour} answers 24 summaries, the first
 * {@code {"object":"billing.meter_event_summary","meter":"mtr_1","start_time":1735689600,"end_time":1735693200,
 * "aggregated_value":3,...}}.
 */
final class ComputedChildLists {
    private static final long HOUR = 3600;
    private static final long DAY = 24 * HOUR;

    /** The most hours one summary request may cover (about eleven years). */
    private static final long MAX_HOURS = 100_000;

    private ComputedChildLists() {}

    /** The children of {@code parent} that {@code objectPath} computes from {@code query}, if it is such a list. */
    static Optional<List<JsonNode>> children(
            String objectPath, String parentId, JsonNode parent, Map<String, String> query, AccountData account) {
        if (objectPath.equals("billing/meters/{billing_meter}/event_summaries")) {
            return Optional.of(summaries(parentId, query, account));
        }
        if (objectPath.equals("financial_connections/accounts/{financial_connections_account}/owners")) {
            return Optional.of(owners(parentId, parent, query.get("ownership")));
        }
        return Optional.empty();
    }

    private static List<JsonNode> summaries(String meter, Map<String, String> query, AccountData account) {
        String customer = query.get("customer");
        if (account.collection("customers").get(customer) == null) {
            throw ApiError.resourceMissing("customer", customer, "customer").exception();
        }
        long start = minute(query, "start_time");
        long end = minute(query, "end_time");
        if (start >= end) {
            throw ApiError.invalidRequest("The start_time must be before the end_time.", "start_time")
                    .exception();
        }
        if ((end - start) / HOUR > MAX_HOURS) {
            throw ApiError.invalidRequest("The time window is too long.", "end_time")
                    .exception();
        }
        String window = query.get("value_grouping_window");
        long step;
        if (window == null) {
            step = end - start;
        } else if (window.equals("hour")) {
            step = HOUR;
        } else if (window.equals("day")) {
            step = DAY;
        } else {
            throw ApiError.invalidRequest(
                            "Invalid value_grouping_window: must be one of day or hour", "value_grouping_window")
                    .exception();
        }
        List<JsonNode> out = new ArrayList<>();
        for (long from = start; from < end; from += step) {
            long to = Math.min(end, from + step);
            long value = 0;
            for (long hour = (from + HOUR - 1) / HOUR * HOUR; hour < to; hour += HOUR) {
                value += Byte.toUnsignedInt(digest(meter, customer, Long.toString(hour))[0]) % 5;
            }
            ObjectNode summary = SampleContext.object();
            summary.put("id", "mtrusum_" + hex(meter, customer, Long.toString(from), Long.toString(to)));
            summary.put("object", "billing.meter_event_summary");
            summary.put("aggregated_value", value);
            summary.put("end_time", to);
            summary.put("livemode", false);
            summary.put("meter", meter);
            summary.put("start_time", from);
            out.add(summary);
        }
        return out;
    }

    private static List<JsonNode> owners(String account, JsonNode parent, String ownership) {
        List<JsonNode> out = new ArrayList<>();
        if (ownership == null || !ownership.equals(parent.path("ownership").asText(null))) {
            return out;
        }
        for (int i = 1; i <= 2; i++) {
            ObjectNode owner = SampleContext.object();
            owner.put("id", "fcaowner_" + hex(account, Integer.toString(i)).substring(0, 24));
            owner.put("object", "financial_connections.account_owner");
            owner.put("email", "owner" + i + "@example.com");
            owner.put("name", i == 1 ? "Jenny Rosen" : "Kai Rosen");
            owner.put("ownership", ownership);
            owner.put("phone", "+1555010000" + i);
            owner.put("raw_address", i + " Main Street, Springfield");
            owner.put("refreshed_at", parent.path("created").asLong());
            out.add(owner);
        }
        return out;
    }

    private static long minute(Map<String, String> query, String name) {
        long value;
        try {
            value = Long.parseLong(query.get(name));
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("Invalid timestamp: " + query.get(name), name)
                    .exception();
        }
        if (value % 60 != 0) {
            throw ApiError.invalidRequest("The " + name + " must be aligned with minute boundaries.", name)
                    .exception();
        }
        return value;
    }

    private static String hex(String... parts) {
        return HexFormat.of().formatHex(digest(parts)).substring(0, 24);
    }

    private static byte[] digest(String... parts) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
