package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates saved-credential objects: setup intents (mostly with a customer), their setup attempts (a failed
 * attempt before some successes; {@code setup_intent.latest_attempt} is the newest), a mandate for every
 * successful off-session setup intent ({@code setup_intent.mandate}; mandates have no list endpoint), and tokens
 * (cards and bank accounts, retrievable by id only).
 */
final class SetupGenerator {
    private static final long DAY = 86_400;

    private final SampleContext context;

    SetupGenerator(SampleContext context) {
        this.context = context;
    }

    void generate() {
        setupIntents();
        tokens();
    }

    private void setupIntents() {
        SampleRandom random = context.random("setup-intents");
        for (int i = 0; i < context.sizes.setupIntents(); i++) {
            SampleContext.CustomerRef customer = !context.customers.isEmpty() && random.chance(0.85)
                    ? context.customers.get(random.nextInt(context.customers.size()))
                    : null;
            long created = customer == null
                    ? context.timeline.next(random)
                    : context.timeline.after(random, customer.created(), 90 * DAY);
            String status = random.weighted(
                    "succeeded",
                    65,
                    "requires_payment_method",
                    15,
                    "canceled",
                    10,
                    "requires_action",
                    5,
                    "processing",
                    5);
            String usage = random.chance(0.7) ? "off_session" : "on_session";
            String paymentMethod = status.equals("requires_payment_method") || status.equals("canceled")
                    ? null
                    : SampleNames.paymentMethodId(random);
            ObjectNode intent = context.start("setup_intents", null);
            String intentId = intent.get("id").textValue();
            String customerId = customer == null ? null : customer.id();

            String latestAttempt = null;
            boolean failedFirst = status.equals("requires_payment_method")
                    ? random.chance(0.6)
                    : status.equals("succeeded") && random.chance(0.25);
            long attemptTime = created;
            if (failedFirst) {
                latestAttempt = attempt(
                        random,
                        intentId,
                        customerId,
                        SampleNames.paymentMethodId(random),
                        "failed",
                        usage,
                        attemptTime);
                attemptTime = context.timeline.after(random, attemptTime, 600);
            }
            String finalAttemptStatus = switch (status) {
                case "succeeded" -> "succeeded";
                case "requires_action" -> "requires_action";
                case "processing" -> "processing";
                case "canceled" -> random.chance(0.5) ? "abandoned" : null;
                default -> null;
            };
            if (finalAttemptStatus != null) {
                latestAttempt = attempt(
                        random,
                        intentId,
                        customerId,
                        paymentMethod != null ? paymentMethod : SampleNames.paymentMethodId(random),
                        finalAttemptStatus,
                        usage,
                        attemptTime);
            }
            String mandate = status.equals("succeeded") && usage.equals("off_session")
                    ? mandate(random, paymentMethod, customerId, attemptTime)
                    : null;

            intent.putNull("application");
            intent.putObject("automatic_payment_methods").put("enabled", true);
            intent.put(
                    "cancellation_reason",
                    status.equals("canceled")
                            ? random.pickOf("abandoned", "requested_by_customer", "duplicate")
                            : null);
            intent.put("client_secret", intentId + "_secret_" + random.alphanumeric(32));
            intent.put("created", created);
            intent.put("customer", customerId);
            intent.put("description", random.chance(0.3) ? "Save card for future payments" : null);
            intent.putNull("flow_directions");
            intent.putNull("last_setup_error");
            intent.put("latest_attempt", latestAttempt);
            intent.put("livemode", false);
            intent.put("mandate", mandate);
            intent.putObject("metadata");
            if (status.equals("requires_action")) {
                intent.putObject("next_action").put("type", "use_stripe_sdk");
            } else {
                intent.putNull("next_action");
            }
            intent.putNull("on_behalf_of");
            intent.put("payment_method", paymentMethod);
            intent.putArray("payment_method_types").add("card");
            intent.putNull("single_use_mandate");
            intent.put("status", status);
            intent.put("usage", usage);
            context.store(
                    "setup_intents",
                    intent,
                    created,
                    status.equals("succeeded") ? "setup_intent.succeeded" : "setup_intent.created");
            context.setupIntents.add(new SampleContext.SetupIntentRef(intentId, customerId, created, status));
        }
    }

    private String attempt(
            SampleRandom random,
            String setupIntent,
            String customer,
            String paymentMethod,
            String status,
            String usage,
            long created) {
        ObjectNode attempt = context.start("setup_attempts", null);
        attempt.putNull("application");
        attempt.put("attach_to_self", false);
        attempt.put("created", created);
        attempt.put("customer", customer);
        attempt.putNull("flow_directions");
        attempt.put("livemode", false);
        attempt.putNull("on_behalf_of");
        attempt.put("payment_method", paymentMethod);
        ObjectNode details = attempt.putObject("payment_method_details");
        ObjectNode card = details.putObject("card");
        card.put("brand", random.pickOf("visa", "mastercard", "amex"));
        card.putNull("three_d_secure");
        details.put("type", "card");
        if (status.equals("failed")) {
            ObjectNode error = attempt.putObject("setup_error");
            error.put("code", "card_declined");
            error.put("decline_code", "generic_decline");
            error.put("message", "Your card was declined.");
            error.put("type", "card_error");
        } else {
            attempt.putNull("setup_error");
        }
        attempt.put("setup_intent", setupIntent);
        attempt.put("status", status);
        attempt.put("usage", usage);
        context.store("setup_attempts", attempt, created, null);
        return attempt.get("id").textValue();
    }

    private String mandate(SampleRandom random, String paymentMethod, String customer, long created) {
        ObjectNode mandate = context.start("mandates", null);
        ObjectNode acceptance = mandate.putObject("customer_acceptance");
        acceptance.put("accepted_at", created);
        ObjectNode online = acceptance.putObject("online");
        online.put("ip_address", SampleNames.ipAddress(random));
        online.put("user_agent", "Mozilla/5.0 (emulated)");
        acceptance.put("type", "online");
        mandate.put("livemode", false);
        mandate.putObject("multi_use");
        mandate.putNull("on_behalf_of");
        mandate.put("payment_method", paymentMethod);
        ObjectNode details = mandate.putObject("payment_method_details");
        details.putObject("card");
        details.put("type", "card");
        mandate.put("status", random.chance(0.9) ? "active" : "inactive");
        mandate.put("type", "multi_use");
        // Stripe's mandate has no created member; the emulator still files it at the time it was accepted.
        context.store("mandates", mandate, created, null);
        return mandate.get("id").textValue();
    }

    private void tokens() {
        SampleRandom random = context.random("tokens");
        for (int i = 0; i < context.sizes.tokens(); i++) {
            long created = context.timeline.next(random);
            boolean card = random.chance(0.8);
            ObjectNode token = context.start("tokens", null);
            if (card) {
                ObjectNode details = SampleNames.card(random);
                details.put("id", "card_1" + random.alphanumeric(23));
                details.put("object", "card");
                token.set("card", details);
            } else {
                ObjectNode bank = token.putObject("bank_account");
                bank.put("id", "ba_1" + random.alphanumeric(23));
                bank.put("object", "bank_account");
                bank.put("account_holder_type", random.pickOf("individual", "company"));
                bank.put("bank_name", "STRIPE TEST BANK");
                bank.put("country", "US");
                bank.put("currency", "usd");
                bank.put("fingerprint", random.alphanumeric(16));
                bank.put("last4", "6789");
                bank.put("routing_number", "110000000");
                bank.put("status", "new");
            }
            token.put("client_ip", random.chance(0.9) ? SampleNames.ipAddress(random) : null);
            token.put("created", created);
            token.put("livemode", false);
            token.put("type", card ? "card" : "bank_account");
            token.put("used", random.chance(0.6));
            context.store("tokens", token, created, null);
        }
    }
}
