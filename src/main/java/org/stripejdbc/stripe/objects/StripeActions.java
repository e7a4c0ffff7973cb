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
 * description has 109 of them on 39 objects, and 12 more that address no object or two:
 * <ul>
 *   <li>no id, one word below the object's path (or its test-helper path): {@code invoices create_preview},
 *       {@code credit_notes preview}, {@code apps/secrets find} and {@code delete}, {@code tax/associations find},
 *       {@code tax/transactions create_from_calculation} and {@code create_reversal}, {@code payment_records
 *       report_payment}, {@code issuing/transactions create_force_capture} and {@code create_unlinked_refund}; and
 *       {@code GET /v1/account}, the account of the key, as {@code accounts retrieve_current};</li>
 *   <li>two ids, {@code /v1/<path>/{}/<children>/{}/<verb>}: {@code customers verify_source}
 *       ({@code POST /v1/customers/{customer}/sources/{id}/verify}, named {@code <verb>_<child>}).</li>
 * </ul>
 * The objects without a table ({@code apps/secrets}, {@code tax/associations}, {@code tax/transactions}) have
 * only these.
 *
 * <pre>
 *   StripeActions.of("invoices")  → add_lines, attach_payment, create_preview, finalize, mark_uncollectible, pay,
 *                                   remove_lines, send, update_lines, void
 *   StripeActions.find("subscriptions", "cancel") → DELETE /v1/subscriptions/{id}
 *   StripeActions.find("payment_intents", "capture").danger()
 *                                 → "captures the payment: it moves money from the customer"
 * </pre>
 *
 * <p>The dangerous actions (they move money, or cannot be undone and end a relationship or a money movement) are
 * chosen here from the description, as the dangerous writes are in {@link WriteRules}; like those, they need the
 * table option {@link WriteRules#ALLOW_DANGEROUS_WRITES} {@code 'true'}. Test helpers run in test mode only and are
 * not dangerous, except the two that create Issuing transactions (they move the test Issuing balance).
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
                    "redacts the verification's personal data: it cannot be undone"),
            Map.entry("apps/secrets delete", "deletes the secret: it cannot be undone"),
            Map.entry(
                    "tax/transactions create_from_calculation",
                    "records the calculation as a tax transaction: it counts in the account's tax reporting"),
            Map.entry(
                    "tax/transactions create_reversal",
                    "reverses a tax transaction: it changes the account's tax reporting"),
            Map.entry(
                    "payment_records report_payment",
                    "records a payment made outside Stripe in the account's payment records"),
            Map.entry(
                    "issuing/transactions create_force_capture",
                    "creates a captured Issuing transaction: it takes money from the Issuing balance"),
            Map.entry(
                    "issuing/transactions create_unlinked_refund",
                    "creates an Issuing refund: it adds money to the Issuing balance"));

    /** Test helpers that are dangerous all the same: they move money, if only a test mode's. */
    private static final Set<String> DANGEROUS_TEST_HELPERS =
            Set.of("issuing/transactions create_force_capture", "issuing/transactions create_unlinked_refund");

    /** Actions that send a POST and change nothing: a preview computes an object and stores nothing. */
    private static final Set<String> POSTS_WRITING_NOTHING = Set.of("invoices create_preview");

    /** The one action on a path of its own: {@code GET /v1/account}, the account of the key, as {@code accounts}'. */
    private static final String CURRENT_ACCOUNT = "/v1/account";

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

    /**
     * The object without a table whose table-style name is {@code tableName} and which has actions:
     * {@code tax_transactions} → {@code tax/transactions}, {@code apps_secrets} → {@code apps/secrets},
     * {@code tax_associations} → {@code tax/associations}; empty for a table's name or anything else.
     */
    public static Optional<String> objectWithoutTable(String tableName) {
        return WithoutTable.OBJECTS.stream()
                .filter(path -> path.replace('/', '_').equals(tableName))
                .findFirst();
    }

    /** The paths of the objects without a table that have actions: {@code apps/secrets}, {@code tax/associations}... */
    public static List<String> objectsWithoutTable() {
        return WithoutTable.OBJECTS;
    }

    private static final class WithoutTable {
        static final List<String> OBJECTS = objectsWithoutTable(ApiDescription.pinned());
    }

    /** The paths of the objects that have object-less actions and no table ({@code tax/transactions}). */
    static List<String> objectsWithoutTable(ApiDescription description) {
        Set<String> paths = new java.util.TreeSet<>();
        for (Resource resource : description.resources().values()) {
            for (Operation operation : resource.operations()) {
                String path = operation.path();
                if (STANDARD.contains(operation.kind()) || path.contains("{}") || path.equals(CURRENT_ACCOUNT)) {
                    continue;
                }
                String below = path.startsWith("/v1/test_helpers/")
                        ? path.substring("/v1/test_helpers/".length())
                        : path.substring("/v1/".length());
                int last = below.lastIndexOf('/');
                if (last > 0 && StripeObjects.byObject(below.substring(0, last)).isEmpty()) {
                    paths.add(below.substring(0, last));
                }
            }
        }
        return List.copyOf(paths);
    }

    static List<StripeAction> find(ApiDescription description, String objectPath) {
        // The actions of one object need a table that lists it (sources have actions and no table); the object-less
        // ones are found by their path alone (tax/transactions has no table and two of them).
        boolean listed = description.listedAt(objectPath).isPresent();
        List<StripeAction> actions = new ArrayList<>();
        for (Resource resource : description.resources().values()) {
            for (Operation operation : resource.operations()) {
                if (STANDARD.contains(operation.kind())) {
                    continue;
                }
                Optional<StripeAction> action = objectless(objectPath, operation);
                if (action.isEmpty() && listed) {
                    action = action(objectPath, operation);
                }
                action.ifPresent(actions::add);
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
        if (!(rest.isEmpty() || rest.startsWith("/"))) {
            return Optional.empty();
        }
        String name;
        if (rest.contains("{}")) {
            // Two ids: /v1/customers/{}/sources/{}/verify is customers' verify_source.
            String[] parts = rest.substring(1).split("/", -1);
            if (testHelper || parts.length != 3 || !parts[1].equals("{}") || !parts[0].endsWith("s")) {
                return Optional.empty();
            }
            name = parts[2] + "_" + parts[0].substring(0, parts[0].length() - 1);
        } else {
            name = rest.isEmpty() || operation.method().equals("DELETE")
                    ? snakeCase(operation.kind())
                    : rest.substring(1).replace('/', '_');
        }
        return Optional.of(action(objectPath, name, operation, testHelper));
    }

    /**
     * An action addressing no object: one word below the object's path ({@code POST /v1/invoices/create_preview}) or
     * its test-helper path, and the current account ({@code GET /v1/account}).
     */
    private static Optional<StripeAction> objectless(String objectPath, Operation operation) {
        String full = operation.path();
        if (full.contains("{}")) {
            return Optional.empty();
        }
        if (full.equals(CURRENT_ACCOUNT)) {
            return objectPath.equals("accounts")
                    ? Optional.of(action(objectPath, snakeCase(operation.kind()), operation, false))
                    : Optional.empty();
        }
        for (String prefix : List.of("/v1/", "/v1/test_helpers/")) {
            String base = prefix + objectPath + "/";
            if (full.startsWith(base) && full.indexOf('/', base.length()) < 0 && full.length() > base.length()) {
                return Optional.of(action(objectPath, full.substring(base.length()), operation, prefix.length() > 4));
            }
        }
        return Optional.empty();
    }

    private static StripeAction action(String objectPath, String name, Operation operation, boolean testHelper) {
        String key = objectPath + " " + name;
        String danger = testHelper && !DANGEROUS_TEST_HELPERS.contains(key) ? null : DANGEROUS.get(key);
        boolean writes = !operation.method().equals("GET") && !POSTS_WRITING_NOTHING.contains(key);
        return new StripeAction(
                name,
                objectPath,
                operation.method(),
                operation.path().substring("/v1/".length()),
                operation.parameters(),
                Optional.ofNullable(danger),
                testHelper,
                writes);
    }

    /** {@code deleteDiscount} → {@code delete_discount}. */
    private static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
