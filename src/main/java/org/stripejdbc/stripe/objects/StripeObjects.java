package org.stripejdbc.stripe.objects;

import static org.stripejdbc.types.SqlType.BIGINT;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.TIMESTAMP;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.stripe.objects.StripeObject.Shape;
import org.stripejdbc.stripe.objects.WriteRules.Operation;
import org.stripejdbc.types.SqlType;

/**
 * The registry of the 24 Stripe objects the driver knows, in the original FDW's order (its 23 documented
 * objects plus {@code billing/meters}). Columns and pushable fields follow the FDW's code; subscriptions
 * gain the {@code status} column its later versions added.
 */
public final class StripeObjects {
    private static final Map<String, StripeObject> BY_OBJECT;
    private static final Map<String, StripeObject> BY_TABLE;

    static {
        List<StripeObject> all = new ArrayList<>();
        all.add(list(
                "accounts",
                "accounts",
                "Accounts",
                "A Stripe account (Connect).",
                cols(
                        "id",
                        TEXT,
                        "business_type",
                        TEXT,
                        "country",
                        TEXT,
                        "email",
                        TEXT,
                        "type",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of()));
        all.add(new StripeObject(
                "balance",
                "balance",
                "Balance",
                "The current balance of the account, one row " + "per currency and balance type.",
                cols("balance_type", TEXT, "amount", BIGINT, "currency", TEXT),
                List.of(),
                Shape.BALANCE,
                false,
                false,
                null,
                false,
                Map.of(),
                false));
        all.add(list(
                "balance_transactions",
                "balance_transactions",
                "Balance Transactions",
                "Funds moving through the account.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "description",
                        TEXT,
                        "fee",
                        BIGINT,
                        "net",
                        BIGINT,
                        "status",
                        TEXT,
                        "type",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("type")));
        all.add(list(
                "charges",
                "charges",
                "Charges",
                "Charges to a card or other payment source.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "customer",
                        TEXT,
                        "description",
                        TEXT,
                        "invoice",
                        TEXT,
                        "payment_intent",
                        TEXT,
                        "status",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("customer")));
        all.add(list(
                        "customers",
                        "customers",
                        "Customers",
                        "Customers of the account.",
                        cols("id", TEXT, "email", TEXT, "name", TEXT, "description", TEXT, "created", TIMESTAMP),
                        List.of("email"))
                .withWritable());
        all.add(list(
                "disputes",
                "disputes",
                "Disputes",
                "Charges questioned by a card holder.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "charge",
                        TEXT,
                        "payment_intent",
                        TEXT,
                        "reason",
                        TEXT,
                        "status",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("charge", "payment_intent")));
        all.add(list(
                "events",
                "events",
                "Events",
                "Things that happened in the account.",
                cols("id", TEXT, "type", TEXT, "api_version", TEXT, "created", TIMESTAMP),
                List.of("type")));
        all.add(list(
                "files",
                "files",
                "Files",
                "Files hosted on Stripe's servers.",
                cols(
                        "id",
                        TEXT,
                        "filename",
                        TEXT,
                        "purpose",
                        TEXT,
                        "title",
                        TEXT,
                        "size",
                        BIGINT,
                        "type",
                        TEXT,
                        "url",
                        TEXT,
                        "created",
                        TIMESTAMP,
                        "expires_at",
                        TIMESTAMP),
                List.of("purpose")));
        all.add(list(
                "file_links",
                "file_links",
                "File Links",
                "Shareable links to files.",
                cols(
                        "id",
                        TEXT,
                        "file",
                        TEXT,
                        "url",
                        TEXT,
                        "created",
                        TIMESTAMP,
                        "expired",
                        BOOLEAN,
                        "expires_at",
                        TIMESTAMP),
                List.of()));
        all.add(list(
                "invoices",
                "invoices",
                "Invoices",
                "Statements of amounts owed by a customer.",
                cols(
                        "id",
                        TEXT,
                        "customer",
                        TEXT,
                        "subscription",
                        TEXT,
                        "status",
                        TEXT,
                        "total",
                        BIGINT,
                        "currency",
                        TEXT,
                        "period_start",
                        TIMESTAMP,
                        "period_end",
                        TIMESTAMP),
                List.of("customer", "status", "subscription")));
        all.add(retrieveOnly(
                "mandates",
                "mandates",
                "Mandates",
                "Permissions to debit a payment method " + "(retrieve by id only).",
                cols("id", TEXT, "payment_method", TEXT, "status", TEXT, "type", TEXT)));
        all.add(list(
                "payment_intents",
                "payment_intents",
                "Payment Intents",
                "Processes of collecting a payment.",
                cols(
                        "id",
                        TEXT,
                        "customer",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "payment_method",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("customer")));
        all.add(list(
                "payouts",
                "payouts",
                "Payouts",
                "Funds sent to a bank account or debit card.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "arrival_date",
                        TIMESTAMP,
                        "description",
                        TEXT,
                        "statement_descriptor",
                        TEXT,
                        "status",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("status")));
        all.add(list(
                "prices",
                "prices",
                "Prices",
                "Unit costs and billing cycles of products.",
                cols(
                        "id",
                        TEXT,
                        "active",
                        BOOLEAN,
                        "currency",
                        TEXT,
                        "product",
                        TEXT,
                        "unit_amount",
                        BIGINT,
                        "type",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("active", "currency", "product", "type")));
        all.add(list(
                        "products",
                        "products",
                        "Products",
                        "Goods and services offered.",
                        cols(
                                "id",
                                TEXT,
                                "name",
                                TEXT,
                                "active",
                                BOOLEAN,
                                "default_price",
                                TEXT,
                                "description",
                                TEXT,
                                "created",
                                TIMESTAMP,
                                "updated",
                                TIMESTAMP),
                        List.of("active"))
                .withWritable());
        all.add(list(
                "refunds",
                "refunds",
                "Refunds",
                "Refunds of charges.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "charge",
                        TEXT,
                        "payment_intent",
                        TEXT,
                        "reason",
                        TEXT,
                        "status",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("charge", "payment_intent")));
        all.add(new StripeObject(
                "setup_attempts",
                "setup_attempts",
                "Setup Attempts",
                "Attempted confirmations of a SetupIntent (listed per setup intent).",
                cols(
                        "id",
                        TEXT,
                        "application",
                        TEXT,
                        "customer",
                        TEXT,
                        "on_behalf_of",
                        TEXT,
                        "payment_method",
                        TEXT,
                        "setup_intent",
                        TEXT,
                        "status",
                        TEXT,
                        "usage",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("setup_intent"),
                Shape.STANDARD,
                true,
                false,
                "setup_intent",
                true,
                Map.of(),
                false));
        all.add(list(
                "setup_intents",
                "setup_intents",
                "Setup Intents",
                "Processes of saving a customer's payment credentials.",
                cols(
                        "id",
                        TEXT,
                        "client_secret",
                        TEXT,
                        "customer",
                        TEXT,
                        "description",
                        TEXT,
                        "payment_method",
                        TEXT,
                        "status",
                        TEXT,
                        "usage",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("customer", "payment_method")));
        all.add(new StripeObject(
                "subscriptions",
                "subscriptions",
                "Subscriptions",
                "Recurring payment plans.",
                cols(
                        "id",
                        TEXT,
                        "customer",
                        TEXT,
                        "currency",
                        TEXT,
                        "current_period_start",
                        TIMESTAMP,
                        "current_period_end",
                        TIMESTAMP,
                        "status",
                        TEXT),
                List.of("customer", "price", "status"),
                Shape.STANDARD,
                true,
                true,
                null,
                true,
                Map.of("status", "all"),
                true));
        all.add(retrieveOnly(
                "tokens",
                "tokens",
                "Tokens",
                "Tokenized card or bank details (retrieve by id only).",
                cols(
                        "id",
                        TEXT,
                        "type",
                        TEXT,
                        "client_ip",
                        TEXT,
                        "used",
                        BOOLEAN,
                        "livemode",
                        BOOLEAN,
                        "created",
                        TIMESTAMP)));
        all.add(list(
                "topups",
                "topups",
                "Top-ups",
                "Funds added to the balance.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "description",
                        TEXT,
                        "status",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("status")));
        all.add(list(
                "transfers",
                "transfers",
                "Transfers",
                "Funds moved between Stripe accounts.",
                cols(
                        "id",
                        TEXT,
                        "amount",
                        BIGINT,
                        "currency",
                        TEXT,
                        "description",
                        TEXT,
                        "destination",
                        TEXT,
                        "created",
                        TIMESTAMP),
                List.of("destination")));
        all.add(new StripeObject(
                "billing/meters",
                "billing_meters",
                "Meters",
                "Usage meters for billing.",
                cols("id", TEXT, "display_name", TEXT, "event_name", TEXT, "event_time_window", TEXT, "status", TEXT),
                List.of(),
                Shape.STANDARD,
                true,
                true,
                null,
                false,
                Map.of(),
                false));
        all.add(list(
                "checkout/sessions",
                "checkout_sessions",
                "Checkout Sessions",
                "Customer sessions paying through Checkout or a Payment Link.",
                cols("id", TEXT, "customer", TEXT, "payment_intent", TEXT, "subscription", TEXT, "created", TIMESTAMP),
                List.of("customer", "payment_intent", "subscription")));

        Map<String, WriteRules> writes = writeRules();
        Map<String, StripeObject> byObject = new LinkedHashMap<>();
        Map<String, StripeObject> byTable = new LinkedHashMap<>();
        for (StripeObject registered : all) {
            StripeObject o = registered.withWrites(writes.getOrDefault(registered.object(), WriteRules.DEFAULT));
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

    private static StripeObject list(
            String object,
            String table,
            String title,
            String description,
            List<StripeColumn> columns,
            List<String> pushable) {
        return new StripeObject(
                object,
                table,
                title,
                description,
                columns,
                pushable,
                Shape.STANDARD,
                true,
                true,
                null,
                true,
                Map.of(),
                false);
    }

    /** An object that {@code GET /<object>/<id>} retrieves but no list query lists (mandates, tokens). */
    private static StripeObject retrieveOnly(
            String object, String table, String title, String description, List<StripeColumn> columns) {
        return new StripeObject(
                object,
                table,
                title,
                description,
                columns,
                List.of(),
                Shape.STANDARD,
                false,
                true,
                null,
                false,
                Map.of(),
                false);
    }

    private static List<StripeColumn> cols(Object... nameTypePairs) {
        List<StripeColumn> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(new StripeColumn((String) nameTypePairs[i], (SqlType) nameTypePairs[i + 1]));
        }
        return out;
    }
}
