package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates subscriptions and invoices. Each subscription belongs to a customer and has one or two items whose
 * prices are recurring and active, in the customer's currency where possible (same interval). Statuses are
 * mostly active, with trialing (recent ones), past_due, unpaid, incomplete, incomplete_expired, paused, and about
 * 16% canceled. Each subscription has invoices for its last one or two billing periods ({@code subscription_create}
 * for the first period, created in the same second as the subscription, {@code subscription_cycle} later), with
 * {@code lines.data[]} mirroring the items and {@code account_name} the account's name; their payments come from
 * {@link PaymentGenerator}. About one customer in twenty also has a one-off ({@code manual}) invoice, some of them
 * drafts.
 */
final class BillingGenerator {
    private static final long DAY = 86_400;

    private final SampleContext context;
    private final PaymentGenerator payments;
    private final SampleRandom random;

    BillingGenerator(SampleContext context, PaymentGenerator payments) {
        this.context = context;
        this.payments = payments;
        this.random = context.random("billing");
    }

    private record Item(String id, SampleContext.PriceRef price, long quantity) {}

    void generate() {
        Map<String, List<SampleContext.PriceRef>> recurringByCurrency = new HashMap<>();
        Map<String, List<SampleContext.PriceRef>> oneTimeByCurrency = new HashMap<>();
        for (SampleContext.PriceRef price : context.prices) {
            if (price.active()) {
                (price.interval() != null ? recurringByCurrency : oneTimeByCurrency)
                        .computeIfAbsent(price.currency(), c -> new ArrayList<>())
                        .add(price);
            }
        }
        if (!recurringByCurrency.isEmpty() && !context.customers.isEmpty()) {
            for (int i = 0; i < context.sizes.subscriptions(); i++) {
                subscription(recurringByCurrency);
            }
        }
        if (!oneTimeByCurrency.isEmpty()) {
            for (int i = 0; i < context.sizes.customers() / 20; i++) {
                oneOffInvoice(oneTimeByCurrency, i);
            }
        }
    }

    private void subscription(Map<String, List<SampleContext.PriceRef>> recurringByCurrency) {
        SampleContext.CustomerRef customer = context.customers.get(random.nextInt(context.customers.size()));
        List<SampleContext.PriceRef> candidates = recurringByCurrency.get(customer.currency());
        if (candidates == null) {
            candidates = recurringByCurrency.getOrDefault(
                    "usd", recurringByCurrency.values().iterator().next());
        }
        SampleContext.PriceRef first = random.pick(candidates);
        List<Item> items = new ArrayList<>();
        String subscriptionId = context.ids.next(EmulatedObjects.require("subscriptions"));
        items.add(new Item(itemId(), first, quantity()));
        if (random.chance(0.2)) {
            SampleContext.PriceRef second = random.pick(candidates);
            if (!second.product().equals(first.product()) && second.interval().equals(first.interval())) {
                items.add(new Item(itemId(), second, quantity()));
            }
        }
        long end = context.timeline.end();
        long created = context.timeline.after(random, customer.created(), 60 * DAY);
        long age = end - created;
        String status;
        if (age < 14 * DAY && random.chance(0.5)) {
            status = "trialing";
        } else {
            status = random.weighted(
                    "active",
                    68,
                    "past_due",
                    8,
                    "canceled",
                    16,
                    "unpaid",
                    3,
                    "incomplete",
                    2,
                    "incomplete_expired",
                    2,
                    "paused",
                    1);
            if (status.equals("incomplete") && age > 23 * 3600) {
                status = "incomplete_expired";
            }
        }
        String interval = first.interval();
        Long canceledAt = status.equals("canceled") ? created + (age <= 1 ? 0 : random.between(0, age)) : null;
        long effectiveEnd = canceledAt != null ? canceledAt : end;
        List<Long> boundaries = new ArrayList<>();
        boolean trialing = status.equals("trialing");
        long billingCycleAnchor = created;
        if (trialing) {
            boundaries.add(created);
            boundaries.add(created + 14 * DAY);
        } else {
            // A third of the monthly subscriptions bill on the 1st of the month at midnight UTC (after a first,
            // partial period), so their renewal invoices share seconds, as on accounts that bill on the 1st.
            ZonedDateTime start = Instant.ofEpochSecond(created).atZone(ZoneOffset.UTC);
            ZonedDateTime anchor = start;
            if (interval.equals("month") && random.chance(0.33)) {
                anchor = start.withDayOfMonth(1)
                        .toLocalDate()
                        .atStartOfDay(ZoneOffset.UTC)
                        .plusMonths(1);
                boundaries.add(created);
            }
            for (int k = 0; ; k++) {
                long boundary = (interval.equals("year") ? anchor.plusYears(k) : anchor.plusMonths(k)).toEpochSecond();
                boundaries.add(boundary);
                if (boundary > effectiveEnd || status.startsWith("incomplete") && boundaries.size() == 2) {
                    break;
                }
            }
            billingCycleAnchor = anchor.toEpochSecond();
        }
        int current = boundaries.size() - 2;
        long periodStart = boundaries.get(current);
        long periodEnd = boundaries.get(current + 1);

        String latestInvoice = null;
        int firstInvoicedPeriod = trialing ? 0 : Math.max(0, current - 1);
        for (int period = firstInvoicedPeriod; period <= current; period++) {
            boolean latest = period == current;
            String invoiceStatus = latest ? latestInvoiceStatus(status) : "paid";
            long invoiceCreated = Math.min(end, boundaries.get(period));
            long previousStart = period == 0 ? invoiceCreated : boundaries.get(period - 1);
            latestInvoice = invoice(
                    customer,
                    subscriptionId,
                    items,
                    invoiceCreated,
                    period == 0 ? "subscription_create" : "subscription_cycle",
                    invoiceStatus,
                    period == 0 ? invoiceCreated : previousStart,
                    invoiceCreated,
                    boundaries.get(period),
                    boundaries.get(period + 1),
                    trialing);
        }

        ObjectNode subscription =
                SubscriptionWriter.newSubscription(subscriptionId, trialing ? periodEnd : billingCycleAnchor);
        subscription.putNull("cancel_at");
        subscription.put("cancel_at_period_end", status.equals("active") && random.chance(0.05));
        subscription.put("canceled_at", canceledAt);
        ObjectNode cancellation = subscription.putObject("cancellation_details");
        cancellation.putNull("comment");
        cancellation.put(
                "feedback",
                canceledAt == null
                        ? null
                        : random.pickOf("too_expensive", "missing_features", "switched_service", "unused", "other"));
        cancellation.put(
                "reason", canceledAt == null ? null : random.pickOf("cancellation_requested", "payment_failed"));
        boolean sendInvoice = random.chance(0.1);
        subscription.put("collection_method", sendInvoice ? "send_invoice" : "charge_automatically");
        subscription.put("created", created);
        subscription.put("currency", first.currency());
        subscription.put("current_period_end", periodEnd);
        subscription.put("current_period_start", periodStart);
        subscription.put("customer", customer.id());
        subscription.put("days_until_due", sendInvoice ? (Integer) 30 : null);
        subscription.put("default_payment_method", SampleNames.paymentMethodId(random));
        subscription.putNull("default_source");
        subscription.putArray("default_tax_rates");
        subscription.putNull("description");
        subscription.putNull("discount");
        subscription.putArray("discounts");
        subscription.put(
                "ended_at",
                status.equals("incomplete_expired") ? (Long) Math.min(end, created + 23 * 3600) : canceledAt);
        subscription.putObject("invoice_settings").putObject("issuer").put("type", "self");
        ObjectNode itemList = subscription.putObject("items");
        itemList.put("object", "list");
        ArrayNode itemData = itemList.putArray("data");
        for (Item item : items) {
            ObjectNode node = itemData.addObject();
            node.put("id", item.id());
            node.put("object", "subscription_item");
            node.putNull("billing_thresholds");
            node.put("created", created);
            node.putArray("discounts");
            node.putObject("metadata");
            node.set("price", item.price().tree());
            node.put("quantity", item.quantity());
            node.put("subscription", subscriptionId);
            node.putArray("tax_rates");
        }
        itemList.put("has_more", false);
        itemList.put("total_count", items.size());
        itemList.put("url", "/v1/subscription_items?subscription=" + subscriptionId);
        subscription.put("latest_invoice", latestInvoice);
        subscription.put("livemode", false);
        ObjectNode metadata = subscription.putObject("metadata");
        if (random.chance(0.15)) {
            metadata.put("plan_source", random.pickOf("website", "sales", "partner"));
        }
        SubscriptionWriter.putLifecycle(subscription, status, created, trialing, periodEnd);
        context.store("subscriptions", subscription, created, "customer.subscription.created");
        context.subscriptions.add(
                new SampleContext.SubscriptionRef(subscriptionId, customer.id(), created, latestInvoice));
    }

    private static String latestInvoiceStatus(String subscriptionStatus) {
        switch (subscriptionStatus) {
            case "past_due":
            case "incomplete":
                return "open";
            case "unpaid":
                return "uncollectible";
            case "incomplete_expired":
                return "void";
            default:
                return "paid";
        }
    }

    private long quantity() {
        return random.chance(0.8) ? 1 : random.between(2, 11);
    }

    private String itemId() {
        return "si_" + random.alphanumeric(14);
    }

    private void oneOffInvoice(Map<String, List<SampleContext.PriceRef>> oneTimeByCurrency, int index) {
        SampleContext.CustomerRef customer = context.customers.get(random.nextInt(context.customers.size()));
        List<SampleContext.PriceRef> candidates = oneTimeByCurrency.get(customer.currency());
        if (candidates == null) {
            candidates = oneTimeByCurrency.getOrDefault(
                    "usd", oneTimeByCurrency.values().iterator().next());
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item(null, random.pick(candidates), quantity()));
        if (random.chance(0.3)) {
            items.add(new Item(null, random.pick(candidates), 1));
        }
        long created =
                context.timeline.after(random, Math.max(customer.created(), context.timeline.next(random)), 7 * DAY);
        String status = random.weighted("paid", 50, "open", 20, "draft", 20, "void", 10);
        invoice(customer, null, items, created, "manual", status, created, created, created, created, false);
    }

    /** Stores one invoice (and its payment); returns its id. */
    private String invoice(
            SampleContext.CustomerRef customer,
            String subscription,
            List<Item> items,
            long created,
            String billingReason,
            String status,
            long periodStart,
            long periodEnd,
            long linePeriodStart,
            long linePeriodEnd,
            boolean trial) {
        ObjectNode invoice = context.start("invoices", null);
        String invoiceId = invoice.get("id").textValue();
        String currency = items.get(0).price().currency();
        long total = 0;
        if (!trial) {
            for (Item item : items) {
                total += item.price().unitAmount() * item.quantity();
            }
        }
        boolean paid = status.equals("paid");
        boolean draft = status.equals("draft");
        long end = context.timeline.end();
        long finalized = subscription == null || billingReason.equals("subscription_create")
                ? created
                : Math.min(end, created + 3600);

        PaymentGenerator.Payment payment = null;
        if (total > 0 && !draft) {
            PaymentGenerator.Outcome outcome = paid
                    ? PaymentGenerator.Outcome.SUCCEEDED
                    : status.equals("void")
                            ? PaymentGenerator.Outcome.CANCELED
                            : subscription == null ? PaymentGenerator.Outcome.UNPAID : PaymentGenerator.Outcome.FAILED;
            payment = payments.pay(
                    new PaymentGenerator.Purchase(
                            customer.id(),
                            customer.email(),
                            total,
                            currency,
                            finalized,
                            "Subscription " + (subscription == null ? "invoice" : billingReason.replace('_', ' ')),
                            invoiceId),
                    outcome);
        }

        invoice.put("account_country", "US");
        invoice.put("account_name", context.accountName);
        invoice.put("amount_due", total);
        invoice.put("amount_paid", paid ? total : 0);
        invoice.put("amount_remaining", paid ? 0 : total);
        int attempts =
                paid ? (total > 0 ? 1 : 0) : status.equals("open") && subscription != null ? 1 + random.nextInt(4) : 0;
        invoice.put("attempt_count", attempts);
        invoice.put("attempted", attempts > 0);
        invoice.put("auto_advance", !paid && !status.equals("void") && !status.equals("uncollectible"));
        invoice.put("billing_reason", billingReason);
        invoice.put("charge", payment == null ? null : payment.charge());
        invoice.put("collection_method", "charge_automatically");
        invoice.put("created", created);
        invoice.put("currency", currency);
        invoice.put("customer", customer.id());
        invoice.put("customer_email", customer.email());
        invoice.put("customer_name", customer.name());
        invoice.put("description", subscription == null && random.chance(0.5) ? "Thanks for your business!" : null);
        invoice.putNull("due_date");
        invoice.put("ending_balance", draft ? null : (Long) 0L);
        invoice.put(
                "hosted_invoice_url",
                draft ? null : "https://invoice.stripe.com/i/acct_emulator/test_" + random.alphanumeric(40));
        invoice.put(
                "invoice_pdf",
                draft ? null : "https://pay.stripe.com/invoice/acct_emulator/test_" + random.alphanumeric(40) + "/pdf");
        ObjectNode lines = invoice.putObject("lines");
        lines.put("object", "list");
        ArrayNode data = lines.putArray("data");
        for (Item item : items) {
            SampleContext.PriceRef price = item.price();
            ObjectNode line = data.addObject();
            line.put("id", "il_1" + random.alphanumeric(23));
            line.put("object", "line_item");
            line.put("amount", trial ? 0 : price.unitAmount() * item.quantity());
            line.put("currency", price.currency());
            line.put(
                    "description",
                    item.quantity() + " × " + price.productName()
                            + (trial
                                    ? " (trial)"
                                    : " (at "
                                            + money(price.unitAmount(), price.currency())
                                            + (price.interval() == null ? "" : " / " + price.interval()) + ")"));
            FirstInvoice.putLineTerms(line, invoiceId, linePeriodStart, linePeriodEnd);
            line.putRawValue("price", price.json());
            line.put("proration", false);
            line.put("quantity", item.quantity());
            line.put("subscription", subscription);
            line.put("subscription_item", item.id());
            line.put("type", subscription == null ? "invoiceitem" : "subscription");
        }
        lines.put("has_more", false);
        lines.put("total_count", items.size());
        lines.put("url", "/v1/invoices/" + invoiceId + "/lines");
        invoice.put("livemode", false);
        invoice.putObject("metadata");
        invoice.put("number", draft ? null : random.upperAlphanumeric(8) + "-" + padded(1 + random.nextInt(9999), 4));
        invoice.put("paid", paid);
        invoice.put("payment_intent", payment == null ? null : payment.paymentIntent());
        invoice.put("period_end", periodEnd);
        invoice.put("period_start", periodStart);
        invoice.put("starting_balance", 0);
        invoice.put("status", status);
        ObjectNode transitions = invoice.putObject("status_transitions");
        transitions.put("finalized_at", draft ? null : (Long) finalized);
        transitions.put("marked_uncollectible_at", status.equals("uncollectible") ? (Long) finalized : null);
        transitions.put("paid_at", paid ? (Long) finalized : null);
        transitions.put("voided_at", status.equals("void") ? (Long) finalized : null);
        invoice.put("subscription", subscription);
        invoice.put("subtotal", total);
        invoice.putNull("tax");
        invoice.put("total", total);
        context.store(
                "invoices",
                invoice,
                created,
                paid
                        ? "invoice.paid"
                        : draft
                                ? "invoice.created"
                                : status.equals("open") ? "invoice.payment_failed" : "invoice.finalized");
        return invoiceId;
    }

    static String money(long amount, String currency) {
        if (currency.equals("jpy")) {
            return "¥" + amount;
        }
        String symbol = currency.equals("eur") ? "€" : currency.equals("gbp") ? "£" : "$";
        return symbol + amount / 100 + "." + padded(amount % 100, 2);
    }

    /** {@code padded(7, 4)} is {@code 0007} (String.format is slow enough to matter for 100,000 customers). */
    static String padded(long value, int width) {
        StringBuilder text = new StringBuilder(Long.toString(value));
        while (text.length() < width) {
            text.insert(0, '0');
        }
        return text.toString();
    }
}
