package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Generates checkout sessions in the three modes, each tied to an object generated before it: {@code payment}
 * sessions to a standalone payment intent (its customer, or a guest email), {@code subscription} sessions to a
 * subscription (and its latest invoice), {@code setup} sessions to a setup intent. No two sessions share an
 * object. Sessions are created in the same second as the object they produced; complete when it succeeded,
 * otherwise open (less than a day old) or expired.
 */
final class CheckoutGenerator {
    private static final long DAY = 86_400;

    private final SampleContext context;

    CheckoutGenerator(SampleContext context) {
        this.context = context;
    }

    /** What a session is about, whatever its mode. */
    private record Source(
            String mode,
            String customer,
            String email,
            String paymentIntent,
            String subscription,
            String invoice,
            String setupIntent,
            long created,
            Long amount,
            String currency,
            boolean complete) {}

    void generate() {
        SampleRandom random = context.random("checkout-sessions");
        Set<String> used = new HashSet<>();
        long end = context.timeline.end();
        for (int i = 0; i < context.sizes.checkoutSessions(); i++) {
            Source source = source(random, used);
            if (source == null) {
                continue;
            }
            ObjectNode session = context.start("checkout/sessions", null);
            String status = source.complete() ? "complete" : source.created() + DAY > end ? "open" : "expired";
            String sessionId = session.get("id").textValue();
            session.put("amount_subtotal", source.amount());
            session.put("amount_total", source.amount());
            session.put("cancel_url", "https://shop.example.com/cancel");
            session.putNull("client_reference_id");
            session.put("created", source.created());
            session.put("currency", source.currency());
            session.put("customer", source.customer());
            session.put("customer_email", source.customer() == null ? source.email() : null);
            session.put("expires_at", source.created() + DAY);
            session.put("invoice", source.invoice());
            session.put("livemode", false);
            session.putObject("metadata");
            session.put("mode", source.mode());
            session.put("payment_intent", source.paymentIntent());
            session.put(
                    "payment_status",
                    source.mode().equals("setup") ? "no_payment_required" : source.complete() ? "paid" : "unpaid");
            session.put("setup_intent", source.setupIntent());
            session.put("status", status);
            session.put("subscription", source.subscription());
            session.put("success_url", "https://shop.example.com/success?session_id={CHECKOUT_SESSION_ID}");
            session.put("url", status.equals("open") ? "https://checkout.stripe.com/c/pay/" + sessionId : null);
            context.store(
                    "checkout/sessions",
                    session,
                    source.created(),
                    source.complete()
                            ? "checkout.session.completed"
                            : status.equals("expired") ? "checkout.session.expired" : null);
        }
    }

    private Source source(SampleRandom random, Set<String> used) {
        String mode = random.weighted("payment", 60, "subscription", 30, "setup", 10);
        if (mode.equals("payment")) {
            SampleContext.PaymentIntentRef intent =
                    pickUnused(random, context.paymentIntents, used, SampleContext.PaymentIntentRef::id);
            if (intent != null) {
                return new Source(
                        "payment",
                        intent.customer(),
                        intent.email(),
                        intent.id(),
                        null,
                        null,
                        null,
                        intent.created(),
                        intent.amount(),
                        intent.currency(),
                        intent.status().equals("succeeded"));
            }
        } else if (mode.equals("subscription")) {
            SampleContext.SubscriptionRef subscription =
                    pickUnused(random, context.subscriptions, used, SampleContext.SubscriptionRef::id);
            if (subscription != null) {
                return new Source(
                        "subscription",
                        subscription.customer(),
                        null,
                        null,
                        subscription.id(),
                        subscription.latestInvoice(),
                        null,
                        subscription.created(),
                        null,
                        null,
                        true);
            }
        } else {
            SampleContext.SetupIntentRef intent =
                    pickUnused(random, context.setupIntents, used, SampleContext.SetupIntentRef::id);
            if (intent != null) {
                return new Source(
                        "setup",
                        intent.customer(),
                        null,
                        null,
                        null,
                        null,
                        intent.id(),
                        intent.created(),
                        null,
                        null,
                        intent.status().equals("succeeded"));
            }
        }
        return null;
    }

    /** An element whose id no other session used yet (a few tries), or null. */
    private static <T> T pickUnused(
            SampleRandom random, List<T> candidates, Set<String> used, Function<T, String> idOf) {
        if (candidates.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < 6; attempt++) {
            T candidate = candidates.get(random.nextInt(candidates.size()));
            if (used.add(idOf.apply(candidate))) {
                return candidate;
            }
        }
        return null;
    }
}
