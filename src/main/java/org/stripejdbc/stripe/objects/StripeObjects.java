package org.stripejdbc.stripe.objects;

import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.TIMESTAMP;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.stripe.objects.StripeObject.Shape;
import org.stripejdbc.stripe.objects.WriteRules.Operation;
import org.stripejdbc.types.SqlType;

/**
 * The registry of the Stripe objects the driver knows: first the 24 of the original FDW, in its order (its 23
 * documented objects plus {@code billing/meters}), as a hand-written overlay that keeps their table names, columns
 * and pushable fields exactly (subscriptions gain the {@code status} column the FDW's later versions added); then
 * every other resource of the pinned {@link ApiDescription} that has a top-level list endpoint
 * ({@link DescribedObjects}), sorted by path. The list parameters, ranges and the required filter of every listable
 * object come from the description: a parameter the pinned version's endpoint does not accept is never pushed.
 */
public final class StripeObjects {
    private static final Map<String, StripeObject> BY_OBJECT;
    private static final Map<String, StripeObject> BY_TABLE;

    static {
        ApiDescription description = ApiDescription.pinned();
        List<StripeObject> all = new ArrayList<>();
        all.add(list(
                "accounts",
                "Accounts",
                "A Stripe account (Connect).",
                "id business_type country email type created:timestamp"));
        all.add(object(
                "balance",
                "Balance",
                "The current balance of the account, one row per currency and balance type.",
                "balance_type amount:bigint currency",
                Shape.BALANCE,
                Access.NONE,
                null,
                Map.of()));
        all.add(list(
                "balance_transactions",
                "Balance Transactions",
                "Funds moving through the account.",
                "id amount:bigint currency description fee:bigint net:bigint status type created:timestamp",
                "type"));
        all.add(list(
                "charges",
                "Charges",
                "Charges to a card or other payment source.",
                "id amount:bigint currency customer description invoice payment_intent status created:timestamp",
                "customer"));
        all.add(list(
                        "customers",
                        "Customers",
                        "Customers of the account.",
                        "id email name description created:timestamp",
                        "email")
                .withWritable());
        all.add(list(
                "disputes",
                "Disputes",
                "Charges questioned by a card holder.",
                "id amount:bigint currency charge payment_intent reason status created:timestamp",
                "charge",
                "payment_intent"));
        all.add(list(
                "events",
                "Events",
                "Things that happened in the account.",
                "id type api_version created:timestamp",
                "type"));
        all.add(list(
                "files",
                "Files",
                "Files hosted on Stripe's servers.",
                "id filename purpose title size:bigint type url created:timestamp expires_at:timestamp",
                "purpose"));
        all.add(list(
                "file_links",
                "File Links",
                "Shareable links to files.",
                "id file url created:timestamp expired:boolean expires_at:timestamp"));
        all.add(list(
                "invoices",
                "Invoices",
                "Statements of amounts owed by a customer.",
                "id customer subscription status total:bigint currency period_start:timestamp period_end:timestamp",
                "customer",
                "status",
                "subscription"));
        all.add(object(
                "mandates",
                "Mandates",
                "Permissions to debit a payment method (retrieve by id only).",
                "id payment_method status type",
                Shape.STANDARD,
                Access.RETRIEVE,
                null,
                Map.of()));
        all.add(list(
                "payment_intents",
                "Payment Intents",
                "Processes of collecting a payment.",
                "id customer amount:bigint currency payment_method created:timestamp",
                "customer"));
        all.add(list(
                "payouts",
                "Payouts",
                "Funds sent to a bank account or debit card.",
                "id amount:bigint currency arrival_date:timestamp description statement_descriptor status "
                        + "created:timestamp",
                "status"));
        all.add(list(
                "prices",
                "Prices",
                "Unit costs and billing cycles of products.",
                "id active:boolean currency product unit_amount:bigint type created:timestamp",
                "active",
                "currency",
                "product",
                "type"));
        all.add(list(
                        "products",
                        "Products",
                        "Goods and services offered.",
                        "id name active:boolean default_price description created:timestamp updated:timestamp",
                        "active")
                .withWritable());
        all.add(list(
                "refunds",
                "Refunds",
                "Refunds of charges.",
                "id amount:bigint currency charge payment_intent reason status created:timestamp",
                "charge",
                "payment_intent"));
        all.add(object(
                "setup_attempts",
                "Setup Attempts",
                "Attempted confirmations of a SetupIntent (listed per setup intent).",
                "id application customer on_behalf_of payment_method setup_intent status usage created:timestamp",
                Shape.STANDARD,
                Access.LIST,
                "setup_intent",
                Map.of(),
                "setup_intent"));
        all.add(list(
                "setup_intents",
                "Setup Intents",
                "Processes of saving a customer's payment credentials.",
                "id client_secret customer description payment_method status usage created:timestamp",
                "customer",
                "payment_method"));
        all.add(object(
                        "subscriptions",
                        "Subscriptions",
                        "Recurring payment plans.",
                        "id customer currency current_period_start:timestamp current_period_end:timestamp status",
                        Shape.STANDARD,
                        Access.BOTH,
                        null,
                        Map.of("status", "all"),
                        "customer",
                        "price",
                        "status")
                .withWritable());
        all.add(object(
                "tokens",
                "Tokens",
                "Tokenized card or bank details (retrieve by id only).",
                "id type client_ip used:boolean livemode:boolean created:timestamp",
                Shape.STANDARD,
                Access.RETRIEVE,
                null,
                Map.of()));
        all.add(list(
                "topups",
                "Top-ups",
                "Funds added to the balance.",
                "id amount:bigint currency description status created:timestamp",
                "status"));
        all.add(list(
                "transfers",
                "Transfers",
                "Funds moved between Stripe accounts.",
                "id amount:bigint currency description destination created:timestamp",
                "destination"));
        all.add(list(
                "billing/meters",
                "Meters",
                "Usage meters for billing.",
                "id display_name event_name event_time_window status"));
        all.add(list(
                "checkout/sessions",
                "Checkout Sessions",
                "Customer sessions paying through Checkout or a Payment Link.",
                "id customer payment_intent subscription created:timestamp",
                "customer",
                "payment_intent",
                "subscription"));
        Set<String> originals = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            StripeObject original = described(all.get(i), description);
            all.set(i, original);
            originals.add(original.object());
        }
        all.addAll(DescribedObjects.all(description, originals));
        all.addAll(ChildObjects.all(description));

        Map<String, WriteRules> writes = writeRules();
        Map<String, StripeObject> byObject = new LinkedHashMap<>();
        Map<String, StripeObject> byTable = new LinkedHashMap<>();
        for (StripeObject registered : all) {
            StripeObject o = registered.withWrites(writes.getOrDefault(registered.object(), registered.writes()));
            byObject.put(o.object(), o);
            byTable.put(o.tableName(), o);
        }
        BY_OBJECT = Collections.unmodifiableMap(byObject);
        BY_TABLE = Collections.unmodifiableMap(byTable);
    }

    private StripeObjects() {}

    /**
     * Per object: the fields Stripe computes (no request sets them), the fields only a create sets (an update cannot
     * change them), and the writes that move money or destroy an account, from Stripe's API reference. Every object
     * also has {@code id} as create-only and {@link WriteRules#ALWAYS_COMPUTED} as computed. Objects without write
     * endpoints (events, balance transactions, mandates, setup attempts) list their fields as computed, so that the
     * driver refuses what the API would.
     */
    private static Map<String, WriteRules> writeRules() {
        Map<String, WriteRules> r = new LinkedHashMap<>();
        r.put(
                "accounts",
                rules(
                                "charges_enabled details_submitted payouts_enabled requirements future_requirements",
                                "country type")
                        .dangerous(
                                Operation.UPDATE,
                                "can change a connected account's bank account and business details, "
                                        + "and so where its payouts go")
                        .dangerous(Operation.DELETE, "deletes a connected account"));
        r.put(
                "balance_transactions",
                rules(
                        "amount available_on currency description exchange_rate fee fee_details "
                                + "net reporting_category source status type",
                        ""));
        r.put(
                "charges",
                rules(
                                "amount_captured amount_refunded balance_transaction captured disputed failure_code "
                                        + "failure_message invoice outcome paid payment_intent "
                                        + "payment_method_details receipt_url refunded "
                                        + "refunds status",
                                "amount currency")
                        .dangerous(
                                Operation.INSERT,
                                "creates a real charge: it moves money from the customer's payment " + "method"));
        r.put("customers", rules("delinquent", ""));
        r.put(
                "disputes",
                rules(
                        "amount balance_transactions charge currency is_charge_refundable payment_intent "
                                + "reason status",
                        ""));
        r.put("events", rules("api_version data pending_webhooks request type", ""));
        r.put("files", rules("expires_at filename links size title type url", "purpose"));
        r.put("file_links", rules("expired url", "file"));
        r.put(
                "invoices",
                rules(
                        "amount_due amount_paid amount_remaining hosted_invoice_url invoice_pdf number paid "
                                + "period_end period_start status subtotal total",
                        "currency customer subscription"));
        r.put("mandates", rules("customer_acceptance payment_method payment_method_details status type", ""));
        r.put(
                "payment_intents",
                rules("amount_received client_secret latest_charge status", "")
                        .dangerous(
                                Operation.INSERT,
                                "creates a PaymentIntent, which charges the customer at once when "
                                        + "confirm=true is sent"));
        r.put(
                "payouts",
                rules(
                                "arrival_date balance_transaction failure_code failure_message status",
                                "amount currency description destination method source_type statement_descriptor")
                        .dangerous(Operation.INSERT, "sends money from the Stripe balance to a bank account or card"));
        r.put(
                "prices",
                rules(
                        "type",
                        "billing_scheme currency custom_unit_amount product recurring tiers tiers_mode "
                                + "transform_quantity unit_amount unit_amount_decimal"));
        r.put(
                "refunds",
                rules("balance_transaction failure_reason status", "amount charge currency payment_intent reason")
                        .dangerous(Operation.INSERT, "refunds money to the customer"));
        r.put(
                "setup_attempts",
                rules(
                        "application customer flow_directions on_behalf_of payment_method "
                                + "payment_method_details setup_error setup_intent status usage",
                        ""));
        r.put(
                "setup_intents",
                rules(
                        "client_secret last_setup_error latest_attempt mandate next_action "
                                + "single_use_mandate status",
                        "usage"));
        r.put(
                "subscriptions",
                rules(
                        "canceled_at current_period_end current_period_start ended_at latest_invoice "
                                + "start_date status",
                        "currency customer"));
        r.put("tokens", rules("client_ip type used", ""));
        r.put(
                "topups",
                rules(
                                "balance_transaction expected_availability_date failure_code failure_message status",
                                "amount currency source statement_descriptor")
                        .dangerous(Operation.INSERT, "pulls money from a bank account into the Stripe balance"));
        r.put(
                "transfers",
                rules(
                                "amount_reversed balance_transaction destination_payment reversals reversed",
                                "amount currency destination source_transaction transfer_group")
                        .dangerous(Operation.INSERT, "sends money to a connected account"));
        r.put(
                "billing/meters",
                rules(
                        "status status_transitions",
                        "customer_mapping default_aggregation event_name event_time_window value_settings"));
        r.put(
                "checkout/sessions",
                rules(
                        "amount_subtotal amount_total invoice payment_intent payment_status "
                                + "setup_intent status subscription url",
                        "cancel_url currency customer expires_at line_items mode " + "success_url"));
        return r;
    }

    private static WriteRules rules(String computed, String createOnly) {
        return WriteRules.of(words(computed), words(createOnly));
    }

    private static Set<String> words(String spaced) {
        return spaced.isBlank() ? Set.of() : Set.of(spaced.trim().split(" +"));
    }

    /** All objects, in registry order. */
    public static List<StripeObject> all() {
        return List.copyOf(BY_OBJECT.values());
    }

    /** The object whose {@code object} option (API path) is {@code object}. */
    public static Optional<StripeObject> byObject(String object) {
        return Optional.ofNullable(object == null ? null : BY_OBJECT.get(object));
    }

    /** The object IMPORT FOREIGN SCHEMA names {@code tableName}. */
    public static Optional<StripeObject> byTableName(String tableName) {
        return Optional.ofNullable(tableName == null ? null : BY_TABLE.get(tableName));
    }

    /** The valid {@code object} option values, for error messages. */
    public static List<String> objectNames() {
        return List.copyOf(BY_OBJECT.keySet());
    }

    /** Which endpoints an original object has. */
    private enum Access {
        NONE,
        LIST,
        RETRIEVE,
        BOTH
    }

    /** An original object listed by {@code GET /<object>} and retrieved by {@code GET /<object>/<id>}. */
    private static StripeObject list(
            String object, String title, String description, String columns, String... pushable) {
        return object(object, title, description, columns, Shape.STANDARD, Access.BOTH, null, Map.of(), pushable);
    }

    /**
     * An original object; {@code columns} is {@code "name[:type] ..."} in the FDW's order, text by default. Its
     * table name is its path with {@code _} for {@code /}. The list parameters come from the description later
     * ({@link #described}).
     */
    private static StripeObject object(
            String object,
            String title,
            String description,
            String columns,
            Shape shape,
            Access access,
            String requiredFilter,
            Map<String, String> defaults,
            String... pushable) {
        return new StripeObject(
                object,
                object.replace('/', '_'),
                title,
                description,
                cols(columns),
                List.of(pushable),
                shape,
                access == Access.LIST || access == Access.BOTH,
                access == Access.RETRIEVE || access == Access.BOTH,
                requiredFilter,
                List.of(),
                defaults,
                false,
                WriteRules.DEFAULT,
                Map.of(),
                null);
    }

    /**
     * An original object with its list endpoint's parameters from the description: the ranges it accepts on Unix
     * times; its pushable fields must be parameters the endpoint accepts.
     */
    private static StripeObject described(StripeObject original, ApiDescription description) {
        if (!original.listable()) {
            return original;
        }
        ApiDescription.Operation list = description
                .listedAt(original.object())
                .flatMap(r -> r.operation("list", "/v1/" + original.object()))
                .orElseThrow(() ->
                        new IllegalStateException("the API description has no list endpoint for " + original.object()));
        for (String field : original.pushableFields()) {
            if (!list.parameters().containsKey(field)) {
                throw new IllegalStateException("GET /v1/" + original.object() + " takes no parameter " + field);
            }
        }
        List<String> ranges = list.parameters().values().stream()
                .filter(p -> p.range() && p.type().equals("timestamp"))
                .map(ApiParameter::name)
                .toList();
        return new StripeObject(
                original.object(),
                original.tableName(),
                original.title(),
                original.description(),
                original.columns(),
                original.pushableFields(),
                original.shape(),
                original.listable(),
                original.retrievable(),
                original.requiredFilter(),
                ranges,
                original.defaultListParameters(),
                original.writable(),
                original.writes(),
                list.parameters(),
                null);
    }

    private static List<StripeColumn> cols(String spec) {
        List<StripeColumn> out = new ArrayList<>();
        for (String column : spec.trim().split(" +")) {
            int colon = column.indexOf(':');
            SqlType type = colon < 0
                    ? TEXT
                    : switch (column.substring(colon + 1)) {
                        case "bigint" -> BIGINT;
                        case "boolean" -> BOOLEAN;
                        case "timestamp" -> TIMESTAMP;
                        default -> throw new IllegalArgumentException("unknown column type in " + column);
                    };
            out.add(new StripeColumn(colon < 0 ? column : column.substring(0, colon), type));
        }
        return out;
    }
}
