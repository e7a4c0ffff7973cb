package org.stripejdbc.stripe.objects;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.stripe.objects.ApiDescription.Operation;
import org.stripejdbc.stripe.objects.ApiDescription.Resource;

/**
 * The actions of each Stripe object, read from the {@link ApiDescription}: every endpoint that is not a list,
 * retrieve, create, update or delete and is addressed by one object id on the object's path
 * ({@code /v1/<path>/{}[/...]}) or on its test-helper path ({@code /v1/test_helpers/<path>/{}/...}). The pinned
 * description has 109 of them on 39 objects; the 13 others need no id or two ids
 * ({@code POST /v1/invoices/create_preview}, {@code POST /v1/customers/{}/sources/{}/verify}) and are not actions
 * of a table.
 *
 * <pre>
 *   StripeActions.of("invoices")  → add_lines, attach_payment, finalize, mark_uncollectible, pay, remove_lines,
 *                                   send, update_lines, void
 *   StripeActions.find("subscriptions", "cancel") → DELETE /v1/subscriptions/{id}
 *   StripeActions.find("payment_intents", "capture").danger()
 *                                 → "captures the payment: it moves money from the customer"
 * </pre>
 *
 * <p>The dangerous actions (they move money, or cannot be undone and end a relationship or a money movement) are
 * chosen here from the description, as the dangerous writes are in {@link WriteRules}; like those, they need the
 * table option {@link WriteRules#ALLOW_DANGEROUS_WRITES} {@code 'true'}. Test helpers are never dangerous: they run
 * in test mode only.
 */
public final class StripeActions {
    private static final Set<String> STANDARD = Set.of("list", "retrieve", "create", "update", "delete");
    private static final Map<String, List<StripeAction>> CACHE = new ConcurrentHashMap<>();

    /** {@code <object path> <action>} → why it is dangerous. */
    static final Map<String, String> DANGEROUS = Map.ofEntries(
            Map.entry("charges capture", "captures the charge: it moves money from the customer"),
            Map.entry("invoices pay", "pays the invoice: it charges the customer's payment method or balance"),
            Map.entry("payment_intents capture", "captures the payment: it moves money from the customer"),
            Map.entry("payment_intents confirm", "confirms the payment: it may charge the customer at once"),
            Map.entry("payment_intents increment_authorization", "raises the amount authorized on the customer's card"),
            Map.entry(
                    "payment_intents apply_customer_balance",
                    "pays the payment intent from the customer's cash balance"),
            Map.entry("payouts cancel", "cancels a payout: the money stays in the Stripe balance"),
            Map.entry("payouts reverse", "reverses a payout: it takes the money back from the bank account"),
            Map.entry("refunds cancel", "cancels a refund: the customer does not get the money back"),
            Map.entry("topups cancel", "cancels a top-up of the Stripe balance"),
            Map.entry("disputes close", "closes the dispute: it accepts losing it, and cannot be undone"),
            Map.entry("quotes accept", "accepts the quote: its invoice or subscription may charge the customer"),
            Map.entry("accounts reject", "rejects the connected account: it cannot be undone"),
            Map.entry("issuing/authorizations approve", "approves spending from the Issuing balance"),
            Map.entry("terminal/readers process_payment_intent", "takes a payment on the reader"),
            Map.entry("terminal/readers confirm_payment_intent", "confirms a payment on the reader"),
            Map.entry("terminal/readers refund_payment", "refunds a payment on the reader: it moves money"),
            Map.entry("treasury/financial_accounts close", "closes the Treasury financial account"),
            Map.entry("treasury/inbound_transfers cancel", "cancels a money movement into Treasury"),
            Map.entry("treasury/outbound_payments cancel", "cancels a money movement out of Treasury"),
            Map.entry("treasury/outbound_transfers cancel", "cancels a money movement out of Treasury"),
            Map.entry("climate/orders cancel", "cancels a carbon removal order, refunded to the Stripe balance"),
            Map.entry(
                    "identity/verification_sessions redact",
                    "redacts the verification's personal data: it cannot be undone"));

    private StripeActions() {}

    /** The actions of the object at {@code objectPath} ({@code invoices}), sorted by name; empty when none. */
    public static List<StripeAction> of(String objectPath) {
        return CACHE.computeIfAbsent(objectPath, p -> find(ApiDescription.pinned(), p));
    }

    /** The action {@code name} of the object at {@code objectPath}, if the description has it. */
    public static Optional<StripeAction> find(String objectPath, String name) {
        return of(objectPath).stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The action names of the object, for messages: {@code finalize, pay, void}, or {@code none}. */
    public static String names(String objectPath) {
        List<StripeAction> actions = of(objectPath);
        return actions.isEmpty()
                ? "none"
                : String.join(", ", actions.stream().map(StripeAction::name).toList());
    }

    static List<StripeAction> find(ApiDescription description, String objectPath) {
        if (description.listedAt(objectPath).isEmpty()) {
            return List.of();
        }
        List<StripeAction> actions = new ArrayList<>();
        for (Resource resource : description.resources().values()) {
            for (Operation operation : resource.operations()) {
                if (STANDARD.contains(operation.kind())) {
                    continue;
                }
                action(objectPath, operation).ifPresent(actions::add);
            }
        }
        actions.sort(Comparator.comparing(StripeAction::name));
        return List.copyOf(actions);
    }

    private static Optional<StripeAction> action(String objectPath, Operation operation) {
        String full = operation.path();
        boolean testHelper;
        String rest;
        if (full.startsWith("/v1/" + objectPath + "/{}")) {
            testHelper = false;
            rest = full.substring(("/v1/" + objectPath + "/{}").length());
        } else if (full.startsWith("/v1/test_helpers/" + objectPath + "/{}")) {
            testHelper = true;
            rest = full.substring(("/v1/test_helpers/" + objectPath + "/{}").length());
        } else {
            return Optional.empty();
        }
        if (rest.contains("{}") || !(rest.isEmpty() || rest.startsWith("/"))) {
            return Optional.empty();
        }
        String name = rest.isEmpty() || operation.method().equals("DELETE")
                ? snakeCase(operation.kind())
                : rest.substring(1).replace('/', '_');
        String danger = testHelper ? null : DANGEROUS.get(objectPath + " " + name);
        return Optional.of(new StripeAction(
                name,
                objectPath,
                operation.method(),
                full.substring("/v1/".length()),
                operation.parameters(),
                Optional.ofNullable(danger),
                testHelper));
    }

    /** {@code deleteDiscount} → {@code delete_discount}. */
    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
