package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The invoice payments of the sample data, derived from the stored invoices rather than generated from field
 * types, so that they link the invoices and charges as Stripe's do: one per invoice that has a payment intent,
 * {@code payment.payment_intent} that intent (whose charge carries the same invoice on versions before
 * {@code 2025-03-31.basil}), {@code status} {@code paid}, {@code canceled} (void invoices) or {@code open}. On basil
 * and later a charge no longer names its invoice; this is where the link is read
 * ({@code GET /v1/invoice_payments?invoice=in_...}).
 *
 * <p>Example: the paid invoice {@code in_1Abc} with payment intent {@code pi_1Xyz} gives
 * {@code {"id":"inpay_1Abc","object":"invoice_payment","invoice":"in_1Abc","payment":{"type":"payment_intent",
 * "payment_intent":"pi_1Xyz"},"status":"paid","is_default":true,...}}. Ids are derived from the invoice's, so no
 * random stream of the other sample data moves.
 */
final class InvoicePayments {
    static final String PATH = "invoice_payments";

    private InvoicePayments() {}

    /** The invoice payments of every stored invoice with a payment intent, newest invoice first. */
    static List<ObjectNode> derive(AccountData data) {
        List<ObjectNode> out = new ArrayList<>();
        for (StoredObject stored : data.collection("invoices").newestFirst()) {
            JsonNode invoice = stored.tree();
            String intent = invoice.path("payment_intent").asText(null);
            if (intent == null) {
                continue;
            }
            String id = invoice.path("id").asText();
            String status = invoice.path("status").asText();
            JsonNode transitions = invoice.path("status_transitions");
            ObjectNode payment = SampleContext.object();
            payment.put("id", "inpay_" + id.substring(id.indexOf('_') + 1));
            payment.put("object", "invoice_payment");
            payment.put(
                    "amount_paid",
                    status.equals("paid") ? invoice.path("amount_paid").asLong() : 0);
            payment.put("amount_requested", invoice.path("amount_due").asLong());
            payment.put(
                    "created",
                    transitions
                            .path("finalized_at")
                            .asLong(invoice.path("created").asLong()));
            payment.put("currency", invoice.path("currency").asText());
            payment.put("invoice", id);
            payment.put("is_default", true);
            payment.put("livemode", false);
            ObjectNode link = payment.putObject("payment");
            link.put("type", "payment_intent");
            link.put("payment_intent", intent);
            payment.put("status", status.equals("paid") ? "paid" : status.equals("void") ? "canceled" : "open");
            ObjectNode times = payment.putObject("status_transitions");
            times.set("canceled_at", transitions.get("voided_at"));
            times.set("paid_at", transitions.get("paid_at"));
            out.add(payment);
        }
        return out;
    }
}
