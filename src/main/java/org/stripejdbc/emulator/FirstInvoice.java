package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The invoice Stripe makes when a subscription is created through the API ({@code billing_reason:
 * subscription_create}): one line per item for the first period, paid at once (zero during a trial), open when
 * the subscription starts incomplete. Its id becomes the subscription's {@code latest_invoice}.
 *
 * <p>Example: 3 × a $29.00 monthly price gives {@code {"object":"invoice","total":8700,"status":"paid",
 * "subscription":"sub_...","lines":{"data":[{"amount":8700,"quantity":3,...}]},...}}.
 */
final class FirstInvoice {
    private FirstInvoice() {}

    /** Stores the subscription's first invoice ({@code subscription_create}) and returns its id. */
    static String store(WriteContext context, ObjectNode subscription, String status, long periodEnd) {
        AccountData account = context.account();
        String customerId = subscription.get("customer").textValue();
        ObjectNode customer = account.collection("customers").get(customerId).tree();
        boolean trial = status.equals("trialing");
        long now = context.now();
        String invoiceId = context.newId("invoices");
        ObjectNode invoice = SampleContext.object();
        invoice.put("id", invoiceId);
        invoice.put("object", "invoice");
        long total = 0;
        ArrayNode lines = SampleContext.object().arrayNode();
        for (JsonNode item : subscription.path("items").path("data")) {
            long amount = trial
                    ? 0
                    : item.path("price").path("unit_amount").asLong()
                            * item.path("quantity").asLong();
            total += amount;
            ObjectNode line = lines.addObject();
            line.put("id", "il_1" + account.ids().next("", 23));
            line.put("object", "line_item");
            line.put("amount", amount);
            line.put("currency", item.path("price").path("currency").asText());
            StoredObject product = account.collection("products")
                    .get(item.path("price").path("product").asText());
            String productName = product == null
                    ? item.path("price").path("product").asText()
                    : product.tree().path("name").asText();
            line.put("description", item.path("quantity").asLong() + " × " + productName + (trial ? " (trial)" : ""));
            putLineTerms(line, invoiceId, now, periodEnd);
            line.set("price", item.get("price").deepCopy());
            line.put("proration", false);
            line.set("quantity", item.get("quantity"));
            line.put("subscription", subscription.get("id").textValue());
            line.put("subscription_item", item.path("id").asText());
            line.put("type", "subscription");
        }
        boolean paid = !status.equals("incomplete");
        invoice.put("account_country", "US");
        invoice.put(
                "account_name",
                account.account().path("business_profile").path("name").asText(SampleDataGenerator.PLATFORM_NAME));
        invoice.put("amount_due", total);
        invoice.put("amount_paid", paid ? total : 0);
        invoice.put("amount_remaining", paid ? 0 : total);
        invoice.put("attempt_count", paid && total > 0 ? 1 : 0);
        invoice.put("attempted", paid && total > 0);
        invoice.put("auto_advance", !paid);
        invoice.put("billing_reason", "subscription_create");
        invoice.putNull("charge");
        invoice.put("collection_method", subscription.get("collection_method").textValue());
        invoice.put("created", now);
        invoice.put("currency", subscription.get("currency").textValue());
        invoice.put("customer", customerId);
        invoice.set("customer_email", customer.get("email"));
        invoice.set("customer_name", customer.get("name"));
        invoice.putNull("description");
        invoice.putNull("due_date");
        invoice.put("ending_balance", 0);
        invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/acct_emulator/test_" + invoiceId);
        invoice.put("invoice_pdf", "https://pay.stripe.com/invoice/acct_emulator/test_" + invoiceId + "/pdf");
        ObjectNode lineList = invoice.putObject("lines");
        lineList.put("object", "list");
        lineList.set("data", lines);
        lineList.put("has_more", false);
        lineList.put("total_count", lines.size());
        lineList.put("url", "/v1/invoices/" + invoiceId + "/lines");
        invoice.put("livemode", false);
        invoice.putObject("metadata");
        invoice.put(
                "number",
                customer.path("invoice_prefix").asText("EMULATOR") + "-"
                        + BillingGenerator.padded(
                                customer.path("next_invoice_sequence").asLong(1), 4));
        invoice.put("paid", paid);
        invoice.putNull("payment_intent");
        invoice.put("period_end", now);
        invoice.put("period_start", now);
        invoice.put("starting_balance", 0);
        invoice.put("status", paid ? "paid" : "open");
        ObjectNode transitions = invoice.putObject("status_transitions");
        transitions.put("finalized_at", now);
        transitions.putNull("marked_uncollectible_at");
        transitions.put("paid_at", paid ? (Long) now : null);
        transitions.putNull("voided_at");
        invoice.put("subscription", subscription.get("id").textValue());
        invoice.put("subtotal", total);
        invoice.putNull("tax");
        invoice.put("total", total);
        context.create("invoices", invoice);
        context.emit(paid ? "invoice.paid" : "invoice.finalized", invoice.deepCopy(), null);
        return invoiceId;
    }

    /**
     * An invoice line's fields from {@code discountable} to {@code period}, in Stripe's order, for the API's first
     * invoice and the sample data's invoices alike: {@code {"discountable": true, "discounts": [], "invoice": "in_...",
     * "livemode": false, "metadata": {}, "period": {"end": ..., "start": ...}}}.
     */
    static void putLineTerms(ObjectNode line, String invoiceId, long periodStart, long periodEnd) {
        line.put("discountable", true);
        line.putArray("discounts");
        line.put("invoice", invoiceId);
        line.put("livemode", false);
        line.putObject("metadata");
        ObjectNode period = line.putObject("period");
        period.put("end", periodEnd);
        period.put("start", periodStart);
    }
}
