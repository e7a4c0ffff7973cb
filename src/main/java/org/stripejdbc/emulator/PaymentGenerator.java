package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates payments: a payment intent, its charge (when the outcome has one), and what follows a successful
 * charge (a refund for about 7%, a dispute for about 1.5%, and the balance transactions of all of them). Used for
 * invoice payments and for standalone payments ({@link #generateStandalone()}).
 *
 * <p>Relations kept consistent: charge.payment_intent / invoice / customer match the payment intent;
 * payment_intent.latest_charge is the charge; refund.charge and dispute.charge point back; charge.amount_refunded
 * is the sum of its non-failed refunds and charge.disputed says whether it has a dispute; every balance
 * transaction's source is the object whose {@code balance_transaction} it is.
 */
final class PaymentGenerator {
    /** How a payment ends. */
    enum Outcome {
        /** Paid: succeeded payment intent and captured charge. */
        SUCCEEDED,
        /** Declined: the payment intent waits for another payment method; its charge failed. */
        FAILED,
        /** Not attempted yet: requires_payment_method, no charge. */
        UNPAID,
        /** Abandoned: canceled, no charge. */
        CANCELED,
        /** A bank debit still processing: pending charge. */
        PROCESSING,
        /** Authorized, not captured: succeeded charge with captured false. */
        REQUIRES_CAPTURE,
        /** 3-D Secure pending: no charge. */
        REQUIRES_ACTION
    }

    /** The ids a payment produced (charge null when there is none). */
    record Payment(String paymentIntent, String charge, Outcome outcome, long created) {}

    /**
     * What one payment is for: who pays ({@code customer} null for a guest), how much, when, and for what
     * ({@code description}, the {@code invoice} it pays or null); the payment intent and its charge both carry it.
     */
    record Purchase(
            String customer,
            String email,
            long amount,
            String currency,
            long created,
            String description,
            String invoice) {}

    private final SampleContext context;
    private final SampleRandom random;

    PaymentGenerator(SampleContext context) {
        this.context = context;
        this.random = context.random("payments");
    }

    /** The standalone payment intents (not made by invoices), with their charges. */
    void generateStandalone() {
        SampleRandom choices = context.random("standalone-payments");
        for (int i = 0; i < context.sizes.paymentIntents(); i++) {
            SampleContext.CustomerRef customer = !context.customers.isEmpty() && choices.chance(0.75)
                    ? context.customers.get(choices.nextInt(context.customers.size()))
                    : null;
            long created = customer == null
                    ? context.timeline.next(choices)
                    : context.timeline.after(choices, Math.max(customer.created(), context.timeline.next(choices)), 0);
            String currency = customer != null ? customer.currency() : choices.weighted("usd", 80, "eur", 20);
            long amount = currency.equals("jpy")
                    ? choices.between(500, 50_000)
                    : choices.between(5, 500) * 100 + choices.pickOf(0L, 0L, 50L, 99L);
            Outcome outcome = Outcome.valueOf(choices.weighted(
                    "SUCCEEDED",
                    72,
                    "FAILED",
                    5,
                    "UNPAID",
                    5,
                    "CANCELED",
                    7,
                    "PROCESSING",
                    3,
                    "REQUIRES_CAPTURE",
                    3,
                    "REQUIRES_ACTION",
                    5));
            String email = customer != null ? customer.email() : "guest" + (i + 1) + "@example.com";
            String description =
                    choices.weighted("order", 60, "none", 40).equals("order") ? "Order #" + (10_000 + i) : null;
            Payment payment = pay(
                    new Purchase(
                            customer == null ? null : customer.id(),
                            email,
                            amount,
                            currency,
                            created,
                            description,
                            null),
                    outcome);
            context.paymentIntents.add(new SampleContext.PaymentIntentRef(
                    payment.paymentIntent(),
                    customer == null ? null : customer.id(),
                    email,
                    created,
                    amount,
                    currency,
                    statusOf(outcome)));
        }
    }

    static String statusOf(Outcome outcome) {
        switch (outcome) {
            case SUCCEEDED:
                return "succeeded";
            case FAILED:
            case UNPAID:
                return "requires_payment_method";
            case CANCELED:
                return "canceled";
            case PROCESSING:
                return "processing";
            case REQUIRES_CAPTURE:
                return "requires_capture";
            default:
                return "requires_action";
        }
    }

    /** Generates and stores one payment intent and what follows from it. */
    Payment pay(Purchase p, Outcome outcome) {
        ObjectNode intent = context.start("payment_intents", null);
        String intentId = intent.get("id").textValue();
        boolean hasCharge = outcome == Outcome.SUCCEEDED
                || outcome == Outcome.FAILED
                || outcome == Outcome.PROCESSING
                || outcome == Outcome.REQUIRES_CAPTURE;
        String paymentMethod =
                outcome == Outcome.UNPAID || outcome == Outcome.CANCELED ? null : SampleNames.paymentMethodId(random);
        String chargeId = hasCharge ? context.ids.next(EmulatedObjects.require("charges")) : null;

        intent.put("amount", p.amount());
        intent.put("amount_capturable", outcome == Outcome.REQUIRES_CAPTURE ? p.amount() : 0);
        intent.put("amount_received", outcome == Outcome.SUCCEEDED ? p.amount() : 0);
        intent.putNull("application");
        intent.putObject("automatic_payment_methods").put("enabled", true);
        intent.put(
                "canceled_at",
                outcome == Outcome.CANCELED ? (Long) context.timeline.after(random, p.created(), 86_400) : null);
        intent.put(
                "cancellation_reason",
                outcome == Outcome.CANCELED ? random.pickOf("abandoned", "requested_by_customer", "duplicate") : null);
        intent.put("capture_method", outcome == Outcome.REQUIRES_CAPTURE ? "manual" : "automatic_async");
        intent.put("client_secret", intentId + "_secret_" + random.alphanumeric(25));
        intent.put("confirmation_method", "automatic");
        intent.put("created", p.created());
        intent.put("currency", p.currency());
        intent.put("customer", p.customer());
        intent.put("description", p.description());
        intent.put("invoice", p.invoice());
        if (outcome == Outcome.FAILED) {
            ObjectNode error = intent.putObject("last_payment_error");
            error.put("code", "card_declined");
            error.put("decline_code", random.pickOf("insufficient_funds", "generic_decline", "do_not_honor"));
            error.put("message", "Your card was declined.");
            error.put("type", "card_error");
        } else {
            intent.putNull("last_payment_error");
        }
        intent.put("latest_charge", chargeId);
        intent.put("livemode", false);
        intent.putObject("metadata");
        if (outcome == Outcome.REQUIRES_ACTION) {
            intent.putObject("next_action").put("type", "use_stripe_sdk");
        } else {
            intent.putNull("next_action");
        }
        intent.putNull("on_behalf_of");
        intent.put("payment_method", outcome == Outcome.FAILED ? null : paymentMethod);
        intent.putArray("payment_method_types").add("card");
        intent.put("receipt_email", p.email());
        intent.putNull("setup_future_usage");
        intent.putNull("shipping");
        intent.putNull("statement_descriptor");
        intent.put("status", statusOf(outcome));
        intent.putNull("transfer_data");
        context.store(
                "payment_intents",
                intent,
                p.created(),
                outcome == Outcome.SUCCEEDED
                        ? "payment_intent.succeeded"
                        : outcome == Outcome.FAILED ? "payment_intent.payment_failed" : "payment_intent.created");

        if (hasCharge) {
            charge(chargeId, intentId, p, outcome, paymentMethod);
        }
        return new Payment(intentId, chargeId, outcome, p.created());
    }

    private void charge(String chargeId, String intentId, Purchase p, Outcome outcome, String paymentMethod) {
        boolean succeeded = outcome == Outcome.SUCCEEDED || outcome == Outcome.REQUIRES_CAPTURE;
        boolean captured = outcome == Outcome.SUCCEEDED;
        boolean refund = captured && random.chance(0.07);
        boolean dispute = captured && !refund && random.chance(0.015);
        long refundAmount =
                refund ? (random.chance(0.6) ? p.amount() : Math.max(1, p.amount() * (1 + random.nextInt(9)) / 10)) : 0;
        String refundStatus = refund ? random.weighted("succeeded", 93, "pending", 5, "failed", 2) : null;
        long amountRefunded = refund && !refundStatus.equals("failed") ? refundAmount : 0;
        String balanceTransaction = captured ? context.ids.next(EmulatedObjects.require("balance_transactions")) : null;

        ObjectNode charge = SampleContext.object();
        charge.put("id", chargeId);
        charge.put("object", "charge");
        charge.put("amount", p.amount());
        charge.put("amount_captured", captured ? p.amount() : 0);
        charge.put("amount_refunded", amountRefunded);
        charge.putNull("application");
        charge.putNull("application_fee");
        charge.put("balance_transaction", balanceTransaction);
        ObjectNode billing = charge.putObject("billing_details");
        billing.putNull("address");
        billing.put("email", p.email());
        billing.putNull("name");
        billing.putNull("phone");
        charge.put("captured", captured);
        charge.put("created", p.created());
        charge.put("currency", p.currency());
        charge.put("customer", p.customer());
        charge.put("description", p.description());
        charge.put("disputed", dispute);
        charge.put("failure_code", outcome == Outcome.FAILED ? "card_declined" : null);
        charge.put("failure_message", outcome == Outcome.FAILED ? "Your card was declined." : null);
        charge.putObject("fraud_details");
        charge.put("invoice", p.invoice());
        charge.put("livemode", false);
        charge.putObject("metadata");
        ObjectNode outcomeNode = charge.putObject("outcome");
        outcomeNode.put("network_status", outcome == Outcome.FAILED ? "declined_by_network" : "approved_by_network");
        outcomeNode.put("reason", outcome == Outcome.FAILED ? "generic_decline" : null);
        outcomeNode.put("risk_level", random.weighted("normal", 95, "elevated", 4, "highest", 1));
        outcomeNode.put("risk_score", random.nextInt(100));
        outcomeNode.put(
                "seller_message",
                outcome == Outcome.FAILED
                        ? "The bank did not return any further details " + "with this decline."
                        : "Payment complete.");
        outcomeNode.put("type", outcome == Outcome.FAILED ? "issuer_declined" : "authorized");
        charge.put("paid", succeeded);
        charge.put("payment_intent", intentId);
        charge.put("payment_method", paymentMethod);
        ObjectNode details = charge.putObject("payment_method_details");
        details.set("card", SampleNames.card(random));
        details.put("type", "card");
        charge.put("receipt_email", p.email());
        charge.put("receipt_url", "https://pay.stripe.com/receipts/payment/" + random.alphanumeric(40));
        charge.put("refunded", amountRefunded == p.amount());
        charge.putNull("review");
        charge.putNull("shipping");
        charge.putNull("statement_descriptor");
        charge.put("status", succeeded ? "succeeded" : outcome == Outcome.PROCESSING ? "pending" : "failed");
        context.store(
                "charges",
                charge,
                p.created(),
                captured ? "charge.succeeded" : outcome == Outcome.FAILED ? "charge.failed" : null);

        if (captured) {
            long fee = SampleContext.fee(p.amount(), p.currency());
            long availableOn = p.created() + 2 * 86_400;
            balanceTransaction(
                    balanceTransaction,
                    p.amount(),
                    p.currency(),
                    p.created(),
                    availableOn,
                    fee,
                    "charge",
                    "charge",
                    chargeId,
                    p.description() == null ? "Payment" : p.description());
        }
        if (refund) {
            refund(chargeId, intentId, refundAmount, p.currency(), p.created(), refundStatus);
        }
        if (dispute) {
            dispute(chargeId, intentId, p.amount(), p.currency(), p.created());
        }
    }

    private void refund(
            String chargeId, String intentId, long amount, String currency, long chargeCreated, String status) {
        long created = context.timeline.after(random, chargeCreated, 30L * 86_400);
        ObjectNode refund = context.start("refunds", null);
        boolean moved = !status.equals("failed");
        String balanceTransaction = moved ? context.ids.next(EmulatedObjects.require("balance_transactions")) : null;
        refund.put("amount", amount);
        refund.put("balance_transaction", balanceTransaction);
        refund.put("charge", chargeId);
        refund.put("created", created);
        refund.put("currency", currency);
        refund.put("livemode", false);
        refund.putObject("metadata");
        refund.put("payment_intent", intentId);
        String reason = random.weighted("requested_by_customer", 60, "duplicate", 15, "fraudulent", 5, "none", 20);
        refund.put("reason", reason.equals("none") ? null : reason);
        refund.putNull("receipt_number");
        refund.putNull("source_transfer_reversal");
        refund.put("status", status);
        refund.putNull("transfer_reversal");
        context.store("refunds", refund, created, "charge.refunded");
        if (moved) {
            balanceTransaction(
                    balanceTransaction,
                    -amount,
                    currency,
                    created,
                    created,
                    0,
                    "refund",
                    "refund",
                    refund.get("id").textValue(),
                    "REFUND FOR CHARGE");
        }
    }

    private void dispute(String chargeId, String intentId, long amount, String currency, long chargeCreated) {
        long created = context.timeline.after(random, chargeCreated + 86_400, 40L * 86_400);
        ObjectNode dispute = context.start("disputes", null);
        String balanceTransactionId = context.ids.next(EmulatedObjects.require("balance_transactions"));
        dispute.put("amount", amount);
        dispute.putArray("balance_transactions").add(balanceTransactionId);
        dispute.put("charge", chargeId);
        dispute.put("created", created);
        dispute.put("currency", currency);
        ObjectNode evidence = dispute.putObject("evidence");
        evidence.putNull("customer_email_address");
        evidence.putNull("product_description");
        evidence.putNull("uncategorized_text");
        ObjectNode due = dispute.putObject("evidence_details");
        due.put("due_by", created + 21L * 86_400);
        due.put("has_evidence", false);
        due.put("past_due", created + 21L * 86_400 < context.timeline.end());
        due.put("submission_count", 0);
        dispute.put("is_charge_refundable", false);
        dispute.put("livemode", false);
        dispute.putObject("metadata");
        dispute.put("payment_intent", intentId);
        dispute.put(
                "reason",
                random.weighted(
                        "fraudulent",
                        40,
                        "product_not_received",
                        20,
                        "duplicate",
                        10,
                        "subscription_canceled",
                        15,
                        "general",
                        15));
        dispute.put(
                "status",
                random.weighted(
                        "needs_response", 25, "under_review", 20, "won", 30, "lost", 20, "warning_needs_response", 5));
        context.store("disputes", dispute, created, "charge.dispute.created");
        balanceTransaction(
                balanceTransactionId,
                -amount,
                currency,
                created,
                created,
                1500,
                "adjustment",
                "dispute",
                dispute.get("id").textValue(),
                "Chargeback withdrawal for " + chargeId);
    }

    /** Stores one balance transaction and moves the balance. */
    void balanceTransaction(
            String id,
            long amount,
            String currency,
            long created,
            long availableOn,
            long fee,
            String type,
            String reportingCategory,
            String source,
            String description) {
        ObjectNode transaction = SampleContext.object();
        transaction.put("id", id);
        transaction.put("object", "balance_transaction");
        transaction.put("amount", amount);
        transaction.put("available_on", availableOn);
        transaction.put("created", created);
        transaction.put("currency", currency);
        transaction.put("description", description);
        transaction.putNull("exchange_rate");
        transaction.put("fee", fee);
        if (fee != 0) {
            ObjectNode feeDetail = transaction.putArray("fee_details").addObject();
            feeDetail.put("amount", fee);
            feeDetail.putNull("application");
            feeDetail.put("currency", currency);
            feeDetail.put("description", type.equals("adjustment") ? "Dispute fee" : "Stripe processing fees");
            feeDetail.put("type", "stripe_fee");
        } else {
            transaction.putArray("fee_details");
        }
        transaction.put("livemode", false);
        transaction.put("net", amount - fee);
        transaction.put("reporting_category", reportingCategory);
        transaction.put("source", source);
        transaction.put("status", availableOn <= context.timeline.end() ? "available" : "pending");
        transaction.put("type", type);
        context.store("balance_transactions", transaction, created, null);
        context.moveBalance(currency, amount - fee, availableOn);
    }
}
