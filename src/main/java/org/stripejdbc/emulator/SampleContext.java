package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The state shared by the sample-data generators while one account is generated: the seed and sizes, the
 * timeline, the id factory, the account being filled, the objects later generators relate to (as small
 * references, never whole trees), and the running balance.
 */
final class SampleContext {
    static final String API_VERSION = "2024-06-20";

    /** A customer, as related objects need it. */
    record CustomerRef(String id, long created, String email, String name, String currency) {}

    /**
     * A price, as subscriptions and invoices need it: the tree is embedded in subscription items (whose
     * {@code price} filter reads it), the serialised JSON in invoice lines (cheaper, and nothing filters on it).
     */
    record PriceRef(
            String id,
            String product,
            String productName,
            String currency,
            long unitAmount,
            String interval,
            boolean active,
            long created,
            ObjectNode tree,
            RawValue json) {}

    /** A subscription, as checkout sessions need it. */
    record SubscriptionRef(String id, String customer, long created, String latestInvoice) {}

    /** A payment intent not made by an invoice, as checkout sessions need it. */
    record PaymentIntentRef(
            String id, String customer, String email, long created, long amount, String currency, String status) {}

    /** A setup intent, as checkout sessions need it. */
    record SetupIntentRef(String id, String customer, long created, String status) {}

    final long seed;
    final DataSizes sizes;
    final Timeline timeline;
    final IdFactory ids;
    final AccountData data;
    final String accountName;
    final List<String> connectedAccounts = new ArrayList<>();
    final List<PriceRef> prices = new ArrayList<>();
    final List<CustomerRef> customers = new ArrayList<>();
    final List<SubscriptionRef> subscriptions = new ArrayList<>();
    final List<PaymentIntentRef> paymentIntents = new ArrayList<>();
    final List<SetupIntentRef> setupIntents = new ArrayList<>();
    private final Map<String, long[]> balance = new HashMap<>();
    private final SampleRandom eventRandom;
    private final double eventShare;

    SampleContext(long seed, DataSizes sizes, Timeline timeline, IdFactory ids, AccountData data, String accountName) {
        this.seed = seed;
        this.sizes = Objects.requireNonNull(sizes, "sizes");
        this.timeline = Objects.requireNonNull(timeline, "timeline");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.data = Objects.requireNonNull(data, "data");
        this.accountName = Objects.requireNonNull(accountName, "accountName");
        this.eventRandom = random("events");
        // About half as many events as customers with derived sizes: a share of every event-worthy object.
        double candidates =
                6.0 * Math.max(1, sizes.subscriptions() * 2 + sizes.paymentIntents()) + sizes.customers() + 20;
        this.eventShare = Math.min(0.5, (300 + sizes.customers() / 2.0) / candidates);
    }

    SampleRandom random(String stream) {
        return new SampleRandom(seed, stream);
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** A new object with the members every Stripe object starts with: id, object, and (when given) created. */
    ObjectNode start(String path, Long created) {
        EmulatedObject type = EmulatedObjects.require(path);
        ObjectNode node = object();
        node.put("id", ids.next(type));
        node.put("object", type.objectType());
        if (created != null) {
            node.put("created", created);
        }
        return node;
    }

    /**
     * Stores a finished object and, for a share of event-worthy ones, an event about it. The event embeds the
     * object's stored bytes as they are, so the object is serialised once.
     */
    void store(String path, ObjectNode node, long created, String eventType) {
        StoredObject stored = data.store(path, node, created);
        if (eventType != null && eventRandom.chance(eventShare)) {
            ObjectNode event = start("events", created);
            event.put("api_version", API_VERSION);
            event.putObject("data")
                    .putRawValue("object", new RawValue(new String(stored.json(), StandardCharsets.UTF_8)));
            event.put("livemode", false);
            event.put("pending_webhooks", 0);
            ObjectNode request = event.putObject("request");
            boolean fromApi = eventRandom.chance(0.6);
            request.put("id", fromApi ? ids.requestId() : null);
            request.put(
                    "idempotency_key",
                    fromApi && eventRandom.chance(0.5)
                            ? UUID.nameUUIDFromBytes(stored.id().getBytes(StandardCharsets.UTF_8))
                                    .toString()
                            : null);
            event.put("type", eventType);
            data.store("events", event, created);
        }
    }

    /** A tree embedded as already-serialised JSON (prices inside subscription items and invoice lines). */
    static RawValue raw(byte[] json) {
        return new RawValue(new String(json, StandardCharsets.UTF_8));
    }

    /** Adds a money movement to the balance: available when {@code availableOn} has passed, else pending. */
    void moveBalance(String currency, long net, long availableOn) {
        long[] totals = balance.computeIfAbsent(currency, c -> new long[2]);
        totals[availableOn <= timeline.end() ? 0 : 1] += net;
    }

    /** Running balance of one currency: [available, pending]. */
    long[] balanceOf(String currency) {
        return balance.getOrDefault(currency, new long[2]).clone();
    }

    /** The processing fee Stripe would take on a charge. */
    static long fee(long amount, String currency) {
        switch (currency) {
            case "usd":
                return Math.round(amount * 0.029) + 30;
            case "jpy":
                return Math.round(amount * 0.036);
            default:
                return Math.round(amount * 0.015) + 25;
        }
    }
}
