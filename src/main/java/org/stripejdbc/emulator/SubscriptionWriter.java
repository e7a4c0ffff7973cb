package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes to subscriptions, validated like Stripe's: create needs {@code customer} (an existing, not deleted
 * customer, else {@code 400 No such customer: 'x'} with param customer) and {@code items} with recurring, active
 * prices of one currency and interval (each fault names its {@code items[n][price]}). A new subscription is active
 * (trialing with {@code trial_period_days}, incomplete with {@code payment_behavior=default_incomplete}) and gets
 * its first invoice ({@code billing_reason: subscription_create}, {@code latest_invoice}). Update changes items
 * ({@code items[n][id]} with {@code price}/{@code quantity}/{@code deleted}, or a new {@code items[n][price]}),
 * metadata and the billing settings; a canceled subscription only takes metadata and cancellation_details.
 * Delete cancels, as Stripe's {@code DELETE /v1/subscriptions/<id>} does: it answers the subscription with
 * {@code status: canceled}; canceling it again is {@code 404}.
 */
final class SubscriptionWriter implements ObjectWriter {
    private static final Param CANCELLATION_DETAILS = new Param.HashParam(Map.of(
            "comment",
            new Param.StringParam(),
            "feedback",
            Param.oneOf(
                    "customer_service",
                    "low_quality",
                    "missing_features",
                    "other",
                    "switched_service",
                    "too_complex",
                    "too_expensive",
                    "unused")));
    private static final Param.Schema CREATE = settings()
            .add("customer", new Param.StringParam())
            .add("items", items(Map.of()))
            .strings("currency")
            .add("trial_period_days", new Param.IntegerParam(0L, 730L))
            .build();
    private static final Param.Schema UPDATE = settings()
            .add("items", items(Map.of("id", new Param.StringParam(), "deleted", new Param.BooleanParam())))
            .add("cancellation_details", CANCELLATION_DETAILS)
            .build();
    private static final Param.Schema DELETE = Param.Schema.builder()
            .booleans("invoice_now", "prorate")
            .add("cancellation_details", CANCELLATION_DETAILS)
            .add("expand", new Param.IgnoredParam())
            .build();
    private static final Set<String> CANCELED_UPDATABLE = Set.of("metadata", "cancellation_details");

    /** What create and update both accept: metadata and the billing settings. */
    private static Param.Schema.Builder settings() {
        return Param.Schema.builder()
                .add("metadata", new Param.MetadataParam())
                .strings("description", "default_payment_method")
                .booleans("cancel_at_period_end")
                .add("collection_method", Param.oneOf("charge_automatically", "send_invoice"))
                .add("days_until_due", new Param.IntegerParam(0L, null))
                .add(
                        "payment_behavior",
                        Param.oneOf(
                                "allow_incomplete",
                                "default_incomplete",
                                "error_if_incomplete",
                                "pending_if_incomplete"))
                .add("proration_behavior", Param.oneOf("always_invoice", "create_prorations", "none"))
                .add("cancel_at", new Param.IntegerParam(0L, null))
                .add("expand", new Param.IgnoredParam());
    }

    /** {@code items[n][price|quantity|metadata]}, and on update {@code more} ({@code id}, {@code deleted}). */
    private static Param items(Map<String, Param> more) {
        Map<String, Param> members = new HashMap<>(more);
        members.put("price", new Param.StringParam());
        members.put("quantity", new Param.IntegerParam(0L, null));
        members.put("metadata", new Param.MetadataParam());
        return new Param.ArrayParam(new Param.HashParam(members));
    }

    /**
     * A new subscription's first fields, {@code id} to {@code billing_thresholds}, in Stripe's order, for one created
     * by the API and one of the sample data alike; {@link #putLifecycle} writes its last ones.
     */
    static ObjectNode newSubscription(String id, long billingCycleAnchor) {
        ObjectNode subscription = SampleContext.object();
        subscription.put("id", id);
        subscription.put("object", "subscription");
        subscription.putNull("application");
        subscription.putNull("application_fee_percent");
        ObjectNode automaticTax = subscription.putObject("automatic_tax");
        automaticTax.put("enabled", false);
        automaticTax.putNull("liability");
        subscription.put("billing_cycle_anchor", billingCycleAnchor);
        subscription.putNull("billing_thresholds");
        return subscription;
    }

    /**
     * A subscription's fields from {@code next_pending_invoice_item_invoice} to {@code trial_start}, in Stripe's
     * order, for one created by the API and one of the sample data alike: a {@code paused} one has
     * {@code pause_collection: {behavior: void}}; a trialing one's trial runs from {@code start} to
     * {@code periodEnd}.
     */
    static void putLifecycle(ObjectNode subscription, String status, long start, boolean trialing, long periodEnd) {
        subscription.putNull("next_pending_invoice_item_invoice");
        subscription.putNull("on_behalf_of");
        if (status.equals("paused")) {
            subscription.putObject("pause_collection").put("behavior", "void").putNull("resumes_at");
        } else {
            subscription.putNull("pause_collection");
        }
        subscription.putNull("pending_setup_intent");
        subscription.putNull("pending_update");
        subscription.putNull("schedule");
        subscription.put("start_date", start);
        subscription.put("status", status);
        subscription.putNull("test_clock");
        subscription.putNull("transfer_data");
        subscription.put("trial_end", trialing ? (Long) periodEnd : null);
        subscription.put("trial_start", trialing ? (Long) start : null);
    }

    private static final Schemas SCHEMAS = new Schemas(CREATE, UPDATE, DELETE);

    @Override
    public Schemas schemas() {
        return SCHEMAS;
    }

    @Override
    public ObjectNode create(WriteContext context, ObjectNode parameters) {
        String customerId = required(parameters, "customer");
        AccountData account = context.account();
        if (account.collection("customers").get(customerId) == null) {
            throw ApiError.resourceMissing("customer", customerId, "customer").exception();
        }
        JsonNode items = parameters.get("items");
        if (items == null || items.isEmpty()) {
            throw ApiError.missingParameter("items").exception();
        }
        String subscriptionId = context.newId("subscriptions");
        long now = context.now();
        ArrayNode itemData = SampleContext.object().arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String param = "items[" + i + "][price]";
            String priceId = item.path("price").isTextual() ? item.get("price").textValue() : null;
            if (priceId == null) {
                throw ApiError.missingParameter(param).exception();
            }
            itemData.add(newItem(context, subscriptionId, price(account, priceId, param), item));
        }
        checkConsistent(itemData);
        String currency = itemData.get(0).path("price").path("currency").asText();
        String requestedCurrency = ObjectWriter.text(parameters, "currency");
        if (requestedCurrency != null && !requestedCurrency.equalsIgnoreCase(currency)) {
            throw ApiError.invalidRequest(
                            "The currency of the subscription (" + requestedCurrency + ") does not match "
                                    + "the currency of its prices (" + currency + ").",
                            "currency")
                    .exception();
        }
        String collectionMethod = parameters.path("collection_method").asText("charge_automatically");
        if (collectionMethod.equals("send_invoice")
                && parameters.path("days_until_due").isMissingNode()) {
            throw ApiError.missingParameter("days_until_due").exception();
        }
        long trialDays = parameters.path("trial_period_days").asLong(0);
        boolean trialing = trialDays > 0;
        String status = trialing
                ? "trialing"
                : parameters.path("payment_behavior").asText("").equals("default_incomplete") ? "incomplete" : "active";
        String interval =
                itemData.get(0).path("price").path("recurring").path("interval").asText("month");
        long periodEnd = trialing ? now + trialDays * 86_400 : plusInterval(now, interval);

        ObjectNode subscription = newSubscription(subscriptionId, trialing ? periodEnd : now);
        subscription.set("cancel_at", parameters.has("cancel_at") ? parameters.get("cancel_at") : null);
        subscription.put(
                "cancel_at_period_end", parameters.path("cancel_at_period_end").asBoolean(false));
        subscription.putNull("canceled_at");
        ObjectNode cancellation = subscription.putObject("cancellation_details");
        cancellation.putNull("comment");
        cancellation.putNull("feedback");
        cancellation.putNull("reason");
        subscription.put("collection_method", collectionMethod);
        subscription.put("created", now);
        subscription.put("currency", currency);
        subscription.put("current_period_end", periodEnd);
        subscription.put("current_period_start", now);
        subscription.put("customer", customerId);
        subscription.set("days_until_due", parameters.has("days_until_due") ? parameters.get("days_until_due") : null);
        subscription.put("default_payment_method", ObjectWriter.text(parameters, "default_payment_method"));
        subscription.putNull("default_source");
        subscription.putArray("default_tax_rates");
        subscription.put("description", ObjectWriter.text(parameters, "description"));
        subscription.putNull("discount");
        subscription.putArray("discounts");
        subscription.putNull("ended_at");
        subscription.putObject("invoice_settings").putObject("issuer").put("type", "self");
        ObjectNode itemList = subscription.putObject("items");
        itemList.put("object", "list");
        itemList.set("data", itemData);
        itemList.put("has_more", false);
        itemList.put("total_count", itemData.size());
        itemList.put("url", "/v1/subscription_items?subscription=" + subscriptionId);
        subscription.putNull("latest_invoice");
        subscription.put("livemode", false);
        subscription.putObject("metadata");
        putLifecycle(subscription, status, now, trialing, periodEnd);
        ObjectWriter.mergeMetadata(subscription, parameters.get("metadata"));

        String invoiceId = FirstInvoice.store(context, subscription, status, periodEnd);
        subscription.put("latest_invoice", invoiceId);
        context.create("subscriptions", subscription);
        context.emit("customer.subscription.created", subscription.deepCopy(), null);
        return subscription;
    }

    @Override
    public ObjectNode update(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode subscription = existing.tree();
        ObjectNode before = subscription.deepCopy();
        if (subscription.path("status").asText().equals("canceled")) {
            parameters.fieldNames().forEachRemaining(name -> {
                if (!CANCELED_UPDATABLE.contains(name)) {
                    throw ApiError.invalidRequest(
                                    "A canceled subscription can only update its cancellation_details "
                                            + "and metadata.",
                                    name)
                            .exception();
                }
            });
        }
        JsonNode items = parameters.get("items");
        if (items != null) {
            ArrayNode data = (ArrayNode) subscription.path("items").path("data");
            for (int i = 0; i < items.size(); i++) {
                updateItem(context, existing.id(), data, items.get(i), i);
            }
            if (data.isEmpty()) {
                throw ApiError.invalidRequest("A subscription must have at least one item.", "items")
                        .exception();
            }
            checkConsistent(data);
            ((ObjectNode) subscription.get("items")).put("total_count", data.size());
        }
        for (String name : new String[] {"description", "default_payment_method", "cancel_at", "days_until_due"}) {
            ObjectWriter.copy(parameters, name, subscription);
        }
        JsonNode atPeriodEnd = parameters.get("cancel_at_period_end");
        if (atPeriodEnd != null) {
            subscription.put("cancel_at_period_end", !atPeriodEnd.isNull() && atPeriodEnd.booleanValue());
        }
        JsonNode collectionMethod = parameters.get("collection_method");
        if (collectionMethod != null && !collectionMethod.isNull()) {
            subscription.set("collection_method", collectionMethod);
            if (collectionMethod.asText().equals("send_invoice")
                    && subscription.path("days_until_due").isNull()) {
                throw ApiError.missingParameter("days_until_due").exception();
            }
        }
        mergeCancellationDetails(subscription, parameters.get("cancellation_details"));
        ObjectWriter.mergeMetadata(subscription, parameters.get("metadata"));
        context.account().replace("subscriptions", existing, subscription);
        context.emit(
                "customer.subscription.updated",
                subscription.deepCopy(),
                CustomerWriter.previousAttributes(before, parameters));
        return subscription;
    }

    @Override
    public ObjectNode delete(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode subscription = existing.tree();
        if (subscription.path("status").asText().equals("canceled")) {
            throw ApiError.resourceMissing("subscription", existing.id(), "id").exception();
        }
        cancel(context, existing, subscription, "cancellation_requested");
        mergeCancellationDetails(subscription, parameters.get("cancellation_details"));
        context.account().replace("subscriptions", existing, subscription);
        return subscription;
    }

    /** Cancels every subscription of a customer that is being deleted (Stripe does so immediately). */
    static void cancelAllOf(WriteContext context, String customerId) {
        ObjectCollection subscriptions = context.account().collection("subscriptions");
        int filter = subscriptions.type().filterIndex("customer");
        List<StoredObject> owned = new ArrayList<>();
        String cursor = null;
        while (true) {
            ListQuery query = new ListQuery(
                    ListQuery.MAXIMUM_LIMIT,
                    cursor,
                    null,
                    List.of(new ListQuery.Condition(filter, Set.of(customerId), null)),
                    Long.MIN_VALUE,
                    Long.MAX_VALUE);
            ObjectCollection.Page page = subscriptions.list(query);
            owned.addAll(page.data());
            if (!page.hasMore()) {
                break;
            }
            cursor = page.data().get(page.data().size() - 1).id();
        }
        for (StoredObject stored : owned) {
            ObjectNode subscription = stored.tree();
            if (!subscription.path("status").asText().equals("canceled")) {
                cancel(context, stored, subscription, "cancellation_requested");
                context.account().replace("subscriptions", stored, subscription);
            }
        }
    }

    private static void cancel(WriteContext context, StoredObject stored, ObjectNode subscription, String reason) {
        long now = Math.max(context.now(), stored.created());
        subscription.put("status", "canceled");
        subscription.put("canceled_at", now);
        subscription.put("ended_at", now);
        subscription.put("cancel_at_period_end", false);
        ObjectNode details = subscription.withObject("cancellation_details");
        details.put("reason", reason);
        context.emit("customer.subscription.deleted", subscription.deepCopy(), null);
    }

    private static void mergeCancellationDetails(ObjectNode subscription, JsonNode details) {
        if (details == null) {
            return;
        }
        ObjectNode target = (ObjectNode) subscription.get("cancellation_details");
        if (details.isNull()) {
            target.putNull("comment");
            target.putNull("feedback");
            return;
        }
        details.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
    }

    private static void updateItem(
            WriteContext context, String subscriptionId, ArrayNode data, JsonNode change, int index) {
        String prefix = "items[" + index + "]";
        String itemId = change.path("id").isTextual() ? change.get("id").textValue() : null;
        if (itemId == null) {
            String priceId =
                    change.path("price").isTextual() ? change.get("price").textValue() : null;
            if (priceId == null) {
                throw ApiError.missingParameter(prefix + "[price]").exception();
            }
            ObjectNode price = price(context.account(), priceId, prefix + "[price]");
            for (JsonNode existing : data) {
                if (existing.path("price").path("id").asText().equals(priceId)) {
                    throw ApiError.invalidRequest(
                                    "Cannot add multiple subscription items with the same price: " + priceId + ".",
                                    prefix + "[price]")
                            .exception();
                }
            }
            data.add(newItem(context, subscriptionId, price, change));
            return;
        }
        int position = -1;
        for (int i = 0; i < data.size(); i++) {
            if (data.get(i).path("id").asText().equals(itemId)) {
                position = i;
            }
        }
        if (position < 0) {
            throw ApiError.resourceMissing("subscription_item", itemId, prefix + "[id]")
                    .exception();
        }
        if (change.path("deleted").asBoolean(false)) {
            data.remove(position);
            return;
        }
        ObjectNode item = (ObjectNode) data.get(position);
        if (change.path("price").isTextual()) {
            item.set("price", price(context.account(), change.get("price").textValue(), prefix + "[price]"));
        }
        if (change.path("quantity").isNumber()) {
            item.put("quantity", change.get("quantity").longValue());
        }
        ObjectWriter.mergeMetadata(item, change.get("metadata"));
    }

    private static ObjectNode newItem(WriteContext context, String subscriptionId, ObjectNode price, JsonNode request) {
        ObjectNode item = SampleContext.object();
        item.put("id", "si_" + context.account().ids().next("", 14));
        item.put("object", "subscription_item");
        item.putNull("billing_thresholds");
        item.put("created", context.now());
        item.putArray("discounts");
        item.putObject("metadata");
        item.set("price", price);
        item.put(
                "quantity",
                request.path("quantity").isNumber() ? request.get("quantity").longValue() : 1);
        item.put("subscription", subscriptionId);
        item.putArray("tax_rates");
        ObjectWriter.mergeMetadata(item, request.get("metadata"));
        return item;
    }

    /** A price usable in a subscription item, or the Stripe error naming {@code param}. */
    private static ObjectNode price(AccountData account, String priceId, String param) {
        StoredObject stored = account.collection("prices").get(priceId);
        if (stored == null) {
            throw ApiError.resourceMissing("price", priceId, param).exception();
        }
        ObjectNode price = stored.tree();
        if (!price.path("type").asText().equals("recurring")) {
            throw ApiError.invalidRequest(
                            "The price specified is set to `type=one_time` but this field only accepts "
                                    + "prices with `type=recurring`.",
                            param)
                    .exception();
        }
        if (!price.path("active").asBoolean()) {
            throw ApiError.invalidRequest(
                            "The price specified is inactive. This field only accepts active prices.", param)
                    .exception();
        }
        return price;
    }

    private static void checkConsistent(ArrayNode items) {
        Set<String> currencies = new HashSet<>();
        Set<String> intervals = new HashSet<>();
        Set<String> prices = new HashSet<>();
        for (JsonNode item : items) {
            JsonNode price = item.path("price");
            currencies.add(price.path("currency").asText());
            intervals.add(price.path("recurring").path("interval").asText() + "/"
                    + price.path("recurring").path("interval_count").asText());
            if (!prices.add(price.path("id").asText())) {
                throw ApiError.invalidRequest(
                                "Cannot add multiple subscription items with the same price: "
                                        + price.path("id").asText() + ".",
                                "items")
                        .exception();
            }
        }
        if (currencies.size() > 1) {
            throw ApiError.invalidRequest("All prices on a subscription must have the same `currency`.", "items")
                    .exception();
        }
        if (intervals.size() > 1) {
            throw ApiError.invalidRequest(
                            "All prices on a subscription must have the same `recurring.interval` and "
                                    + "`recurring.interval_count`.",
                            "items")
                    .exception();
        }
    }

    private static String required(ObjectNode parameters, String name) {
        if (!parameters.has(name)) {
            throw ApiError.missingParameter(name).exception();
        }
        String value = ObjectWriter.text(parameters, name);
        if (value == null) {
            throw ApiError.cannotUnset(name).exception();
        }
        return value;
    }

    static long plusInterval(long second, String interval) {
        ZonedDateTime start = Instant.ofEpochSecond(second).atZone(ZoneOffset.UTC);
        switch (interval) {
            case "year":
                return start.plusYears(1).toEpochSecond();
            case "week":
                return start.plusWeeks(1).toEpochSecond();
            case "day":
                return start.plusDays(1).toEpochSecond();
            default:
                return start.plusMonths(1).toEpochSecond();
        }
    }
}
