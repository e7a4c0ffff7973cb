package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The actions that address no object or two, answered as Stripe would from the account's objects (parameters are
 * already checked against the description by {@link ActionRoutes}):
 * <pre>
 *   POST /v1/invoices/create_preview        a draft invoice computed, stored nowhere: the lines of the subscription
 *                                            (given, or the customer's first active one) at price × quantity, the
 *                                            customer's pending invoice items and the invoice_items given
 *   GET  /v1/credit_notes/preview           a credit note of the invoice for amount (or the lines' amounts), at
 *                                            most the invoice's total; stored nowhere
 *   POST /v1/customers/&lt;c&gt;/sources/&lt;s&gt;/verify
 *                                            the customer's source, verified (404 when it has none by that id)
 *   POST /v1/payment_records/report_payment a payment record, stored
 *   POST /v1/test_helpers/issuing/transactions/create_force_capture, create_unlinked_refund
 *                                            an Issuing transaction on the card (capture: negative amount), stored
 *   POST /v1/tax/transactions/create_from_calculation, create_reversal
 *                                            a tax transaction (no table lists them: stored nowhere)
 *   GET  /v1/tax/associations/find          the association of an existing payment intent (no attempts)
 *   GET  /v1/apps/secrets/find, POST /v1/apps/secrets/delete
 *                                            404: the emulator keeps no secrets
 *   GET  /v1/account                        the account (the router answers it first)
 * </pre>
 */
final class ObjectlessActions {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> ACTIVE = Set.of("active", "trialing", "past_due");

    private ObjectlessActions() {}

    static HttpAnswer answer(ActionRoutes.Match match, ObjectNode parameters, ApiRequest request, AccountData account) {
        String key = match.action().objectPath() + " " + match.action().name();
        ObjectNode answer = switch (key) {
            case "invoices create_preview" ->
                account.read(() -> invoicePreview(parameters, account, request.clockSecond()));
            case "credit_notes preview" ->
                account.read(() -> creditNotePreview(parameters, account, request.clockSecond()));
            case "accounts retrieve_current" -> account.account();
            case "customers verify_source" -> account.write(() -> verifySource(match.ids(), account));
            case "payment_records report_payment" ->
                account.write(() -> reportPayment(parameters, new WriteContext(account, request)));
            case "issuing/transactions create_force_capture" ->
                account.write(() -> issuingTransaction(parameters, new WriteContext(account, request), "capture"));
            case "issuing/transactions create_unlinked_refund" ->
                account.write(() -> issuingTransaction(parameters, new WriteContext(account, request), "refund"));
            case "tax/transactions create_from_calculation" ->
                taxTransaction(parameters, account, request.clockSecond(), false);
            case "tax/transactions create_reversal" -> taxTransaction(parameters, account, request.clockSecond(), true);
            case "tax/associations find" -> account.read(() -> taxAssociation(parameters, account));
            case "apps/secrets find", "apps/secrets delete" ->
                throw new ApiError(
                                404,
                                "invalid_request_error",
                                "resource_missing",
                                "No such secret: '" + parameters.path("name").asText() + "'",
                                "name",
                                false)
                        .exception();
            default ->
                throw ApiError.unrecognizedUrl(request.method(), request.rawPath())
                        .exception();
        };
        return HttpAnswer.ok(answer);
    }

    // ------------------------------------------------------------------ invoices and credit notes

    private static ObjectNode invoicePreview(ObjectNode parameters, AccountData account, long now) {
        ObjectNode subscription = null;
        String customer = text(parameters, "customer");
        if (parameters.hasNonNull("subscription")) {
            String id = parameters.get("subscription").asText();
            subscription = existing(account, "subscriptions", "subscription", id, "subscription");
            customer = subscription.path("customer").asText();
        }
        if (customer == null) {
            throw ApiError.invalidRequest(
                            "You must pass either `customer` or `subscription` to preview an invoice.", "customer")
                    .exception();
        }
        existing(account, "customers", "customer", customer, "customer");
        if (subscription == null) {
            for (StoredObject stored : account.collection("subscriptions").newestFirst()) {
                ObjectNode candidate = stored.tree();
                if (candidate.path("customer").asText().equals(customer)
                        && ACTIVE.contains(candidate.path("status").asText())) {
                    subscription = candidate;
                    break;
                }
            }
        }
        ArrayNode lines = JSON.arrayNode();
        String currency = text(parameters, "currency");
        if (subscription != null) {
            for (JsonNode item : subscription.path("items").path("data")) {
                JsonNode price = item.path("price");
                long quantity = item.path("quantity").asLong(1);
                ObjectNode line = lines.addObject();
                line.put("object", "line_item");
                line.put("amount", price.path("unit_amount").asLong() * quantity);
                line.put("currency", price.path("currency").asText());
                line.put("description", quantity + " × " + price.path("id").asText());
                line.set("price", price.deepCopy());
                line.put("quantity", quantity);
                line.put("subscription", subscription.path("id").asText());
                line.put("subscription_item", item.path("id").asText());
                line.put("type", "subscription");
                currency = currency == null ? price.path("currency").asText() : currency;
            }
        }
        for (StoredObject stored : account.collection("invoiceitems").newestFirst()) {
            ObjectNode item = stored.tree();
            if (item.path("customer").asText().equals(customer)
                    && item.path("invoice").isNull()) {
                ObjectNode line = lines.addObject();
                line.put("object", "line_item");
                line.put("amount", item.path("amount").asLong());
                line.put("currency", item.path("currency").asText());
                line.put("description", item.path("description").asText(null));
                line.put("invoice_item", item.path("id").asText());
                line.put("type", "invoiceitem");
                currency = currency == null ? item.path("currency").asText() : currency;
            }
        }
        for (JsonNode given : parameters.path("invoice_items")) {
            long amount = given.has("amount")
                    ? given.path("amount").asLong()
                    : given.path("unit_amount").asLong()
                            * given.path("quantity").asLong(1);
            ObjectNode line = lines.addObject();
            line.put("object", "line_item");
            line.put("amount", amount);
            line.put("currency", given.path("currency").asText(currency == null ? "usd" : currency));
            line.put("description", given.path("description").asText(null));
            line.put("type", "invoiceitem");
        }
        long total = 0;
        for (JsonNode line : lines) {
            total += line.path("amount").asLong();
        }
        ObjectNode invoice = JSON.objectNode();
        invoice.put("id", account.ids().next("upcoming_in_", 24));
        invoice.put("object", "invoice");
        invoice.put("amount_due", total);
        invoice.put("amount_paid", 0);
        invoice.put("amount_remaining", total);
        invoice.put("billing_reason", subscription == null ? "manual" : "upcoming");
        invoice.put("collection_method", "charge_automatically");
        invoice.put("created", now);
        invoice.put("currency", currency == null ? "usd" : currency);
        invoice.put("customer", customer);
        ObjectNode lineList = invoice.putObject("lines");
        lineList.put("object", "list");
        lineList.set("data", lines);
        lineList.put("has_more", false);
        lineList.put("total_count", lines.size());
        lineList.put("url", "/v1/invoices/upcoming/lines");
        invoice.put("livemode", false);
        invoice.putObject("metadata");
        invoice.put("status", "draft");
        invoice.put(
                "subscription",
                subscription == null ? null : subscription.path("id").asText());
        invoice.put("subtotal", total);
        invoice.put("total", total);
        return invoice;
    }

    private static ObjectNode creditNotePreview(ObjectNode parameters, AccountData account, long now) {
        String invoiceId = parameters.get("invoice").asText();
        ObjectNode invoice = existing(account, "invoices", "invoice", invoiceId, "invoice");
        long amount;
        if (parameters.hasNonNull("amount")) {
            amount = parameters.get("amount").asLong();
        } else if (parameters.has("lines")) {
            amount = 0;
            for (JsonNode line : parameters.get("lines")) {
                amount += line.has("amount")
                        ? line.path("amount").asLong()
                        : line.path("unit_amount").asLong()
                                * line.path("quantity").asLong(1);
            }
        } else {
            throw ApiError.invalidRequest(
                            "You must pass either `amount` or `lines` to preview a credit note.", "amount")
                    .exception();
        }
        long invoiceTotal = invoice.path("total").asLong();
        if (amount <= 0 || amount > invoiceTotal) {
            throw ApiError.invalidRequest(
                            "The credit note amount (" + amount + ") must be positive and at most the invoice's "
                                    + "total (" + invoiceTotal + ").",
                            "amount")
                    .exception();
        }
        ObjectNode note = JSON.objectNode();
        note.put("id", account.ids().next("cnprv_", 24));
        note.put("object", "credit_note");
        note.put("amount", amount);
        note.put("created", now);
        note.put("currency", invoice.path("currency").asText());
        note.put("customer", invoice.path("customer").asText());
        note.put("invoice", invoiceId);
        note.put("livemode", false);
        note.put("memo", text(parameters, "memo"));
        note.set("metadata", parameters.has("metadata") ? parameters.get("metadata") : JSON.objectNode());
        note.put("reason", text(parameters, "reason"));
        note.put("status", "issued");
        note.put("subtotal", amount);
        note.put("total", amount);
        note.put("type", invoice.path("status").asText().equals("paid") ? "post_payment" : "pre_payment");
        return note;
    }

    // ------------------------------------------------------------------ writes

    private static ObjectNode verifySource(List<String> ids, AccountData account) {
        StoredObject customer = account.collection("customers").get(ids.get(0));
        if (customer == null) {
            throw ApiError.resourceMissing("customer", ids.get(0), "id").exception();
        }
        for (JsonNode source : customer.tree().path("sources").path("data")) {
            if (source.path("id").asText().equals(ids.get(1)) && source instanceof ObjectNode node) {
                ObjectNode verified = node.deepCopy();
                verified.put("status", "verified");
                return verified;
            }
        }
        throw ApiError.resourceMissing("source", ids.get(1), "id").exception();
    }

    private static ObjectNode reportPayment(ObjectNode parameters, WriteContext context) {
        ObjectNode record = JSON.objectNode();
        record.put("id", context.newId("payment_records"));
        record.put("object", "payment_record");
        ObjectNode requested = parameters.get("amount_requested").deepCopy();
        record.set("amount_requested", requested);
        boolean failed = "failed".equals(text(parameters, "outcome"));
        ObjectNode zero = JSON.objectNode();
        zero.put("currency", requested.path("currency").asText());
        zero.put("value", 0);
        record.set("amount_canceled", zero);
        record.set("amount_failed", failed ? requested : zero);
        record.set("amount_guaranteed", "guaranteed".equals(text(parameters, "outcome")) ? requested : zero);
        record.set("amount_refunded", zero);
        record.put("created", context.now());
        record.put("customer_presence", text(parameters, "customer_presence"));
        record.put("description", text(parameters, "description"));
        record.set("initiated_at", parameters.get("initiated_at"));
        record.put("livemode", false);
        record.set("metadata", parameters.has("metadata") ? parameters.get("metadata") : JSON.objectNode());
        record.set("payment_method_details", parameters.get("payment_method_details"));
        record.set("processor_details", parameters.path("processor_details").deepCopy());
        record.put("reported_by", "user");
        context.account().store("payment_records", record, context.now());
        return record;
    }

    private static ObjectNode issuingTransaction(ObjectNode parameters, WriteContext context, String type) {
        String cardId = parameters.get("card").asText();
        ObjectNode card = existing(context.account(), "issuing/cards", "issuing.card", cardId, "card");
        long amount = parameters.get("amount").asLong();
        ObjectNode transaction = JSON.objectNode();
        transaction.put("id", context.newId("issuing/transactions"));
        transaction.put("object", "issuing.transaction");
        // Stripe's sign: a capture takes money from the Issuing balance (negative), a refund gives it back.
        transaction.put("amount", type.equals("capture") ? -amount : amount);
        transaction.putNull("authorization");
        transaction.put("card", cardId);
        transaction.set("cardholder", card.path("cardholder").deepCopy());
        transaction.put("created", context.now());
        transaction.put(
                "currency",
                parameters.hasNonNull("currency")
                        ? parameters.get("currency").asText()
                        : card.path("currency").asText("usd"));
        transaction.put("livemode", false);
        transaction.set("merchant_data", parameters.path("merchant_data").deepCopy());
        transaction.putObject("metadata");
        transaction.put("type", type);
        context.account().store("issuing/transactions", transaction, context.now());
        return transaction;
    }

    private static ObjectNode taxTransaction(ObjectNode parameters, AccountData account, long now, boolean reversal) {
        ObjectNode transaction = JSON.objectNode();
        transaction.put("id", account.ids().next("tax_", 24));
        transaction.put("object", "tax.transaction");
        transaction.put("created", now);
        transaction.put("currency", "usd");
        transaction.put("livemode", false);
        transaction.set("metadata", parameters.has("metadata") ? parameters.get("metadata") : JSON.objectNode());
        transaction.set("posted_at", parameters.has("posted_at") ? parameters.get("posted_at") : JSON.numberNode(now));
        transaction.put("reference", parameters.get("reference").asText());
        transaction.put("type", reversal ? "reversal" : "transaction");
        if (reversal) {
            transaction
                    .putObject("reversal")
                    .put(
                            "original_transaction",
                            parameters.get("original_transaction").asText());
        } else {
            transaction.put("calculation", parameters.get("calculation").asText());
        }
        return transaction;
    }

    private static ObjectNode taxAssociation(ObjectNode parameters, AccountData account) {
        String intent = parameters.get("payment_intent").asText();
        existing(account, "payment_intents", "payment_intent", intent, "payment_intent");
        ObjectNode association = JSON.objectNode();
        association.put("id", "taxa_" + intent.substring(intent.indexOf('_') + 1));
        association.put("object", "tax.association");
        association.putNull("calculation");
        association.put("payment_intent", intent);
        association.putArray("tax_transaction_attempts");
        return association;
    }

    // ------------------------------------------------------------------ helpers

    /** The stored object, or Stripe's 400 {@code No such <type>: '<id>'} naming the parameter that gave it. */
    private static ObjectNode existing(AccountData account, String path, String type, String id, String param) {
        StoredObject stored = account.collection(path).get(id);
        if (stored == null) {
            throw ApiError.resourceMissing(type, id, param).exception();
        }
        return stored.tree();
    }

    private static String text(ObjectNode parameters, String name) {
        JsonNode value = parameters.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
