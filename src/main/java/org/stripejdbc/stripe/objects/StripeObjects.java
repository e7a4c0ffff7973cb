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
import org.stripejdbc.stripe.objects.StripeObject.Shape;
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
        all.add(list("accounts", "accounts", "Accounts", "A Stripe account (Connect).",
                cols("id", TEXT, "business_type", TEXT, "country", TEXT, "email", TEXT, "type", TEXT,
                        "created", TIMESTAMP), List.of()));
        all.add(new StripeObject("balance", "balance", "Balance", "The current balance of the account, one row "
                + "per currency and balance type.", cols("balance_type", TEXT, "amount", BIGINT, "currency", TEXT),
                List.of(), Shape.BALANCE, false, false, null, false, Map.of(), false));
        all.add(list("balance_transactions", "balance_transactions", "Balance Transactions",
                "Funds moving through the account.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "description", TEXT, "fee", BIGINT,
                        "net", BIGINT, "status", TEXT, "type", TEXT, "created", TIMESTAMP), List.of("type")));
        all.add(list("charges", "charges", "Charges", "Charges to a card or other payment source.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "customer", TEXT, "description", TEXT,
                        "invoice", TEXT, "payment_intent", TEXT, "status", TEXT, "created", TIMESTAMP),
                List.of("customer")));
        all.add(list("customers", "customers", "Customers", "Customers of the account.",
                cols("id", TEXT, "email", TEXT, "name", TEXT, "description", TEXT, "created", TIMESTAMP),
                List.of("email")).withWritable());
        all.add(list("disputes", "disputes", "Disputes", "Charges questioned by a card holder.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "charge", TEXT, "payment_intent", TEXT,
                        "reason", TEXT, "status", TEXT, "created", TIMESTAMP), List.of("charge", "payment_intent")));
        all.add(list("events", "events", "Events", "Things that happened in the account.",
                cols("id", TEXT, "type", TEXT, "api_version", TEXT, "created", TIMESTAMP), List.of("type")));
        all.add(list("files", "files", "Files", "Files hosted on Stripe's servers.",
                cols("id", TEXT, "filename", TEXT, "purpose", TEXT, "title", TEXT, "size", BIGINT, "type", TEXT,
                        "url", TEXT, "created", TIMESTAMP, "expires_at", TIMESTAMP), List.of("purpose")));
        all.add(list("file_links", "file_links", "File Links", "Shareable links to files.",
                cols("id", TEXT, "file", TEXT, "url", TEXT, "created", TIMESTAMP, "expired", BOOLEAN,
                        "expires_at", TIMESTAMP), List.of()));
        all.add(list("invoices", "invoices", "Invoices", "Statements of amounts owed by a customer.",
                cols("id", TEXT, "customer", TEXT, "subscription", TEXT, "status", TEXT, "total", BIGINT,
                        "currency", TEXT, "period_start", TIMESTAMP, "period_end", TIMESTAMP),
                List.of("customer", "status", "subscription")));
        all.add(new StripeObject("mandates", "mandates", "Mandates", "Permissions to debit a payment method "
                + "(retrieve by id only).", cols("id", TEXT, "payment_method", TEXT, "status", TEXT, "type", TEXT),
                List.of(), Shape.STANDARD, false, true, null, false, Map.of(), false));
        all.add(list("payment_intents", "payment_intents", "Payment Intents", "Processes of collecting a payment.",
                cols("id", TEXT, "customer", TEXT, "amount", BIGINT, "currency", TEXT, "payment_method", TEXT,
                        "created", TIMESTAMP), List.of("customer")));
        all.add(list("payouts", "payouts", "Payouts", "Funds sent to a bank account or debit card.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "arrival_date", TIMESTAMP, "description", TEXT,
                        "statement_descriptor", TEXT, "status", TEXT, "created", TIMESTAMP), List.of("status")));
        all.add(list("prices", "prices", "Prices", "Unit costs and billing cycles of products.",
                cols("id", TEXT, "active", BOOLEAN, "currency", TEXT, "product", TEXT, "unit_amount", BIGINT,
                        "type", TEXT, "created", TIMESTAMP), List.of("active", "currency", "product", "type")));
        all.add(list("products", "products", "Products", "Goods and services offered.",
                cols("id", TEXT, "name", TEXT, "active", BOOLEAN, "default_price", TEXT, "description", TEXT,
                        "created", TIMESTAMP, "updated", TIMESTAMP), List.of("active")).withWritable());
        all.add(list("refunds", "refunds", "Refunds", "Refunds of charges.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "charge", TEXT, "payment_intent", TEXT,
                        "reason", TEXT, "status", TEXT, "created", TIMESTAMP), List.of("charge", "payment_intent")));
        all.add(new StripeObject("setup_attempts", "setup_attempts", "Setup Attempts",
                "Attempted confirmations of a SetupIntent (listed per setup intent).",
                cols("id", TEXT, "application", TEXT, "customer", TEXT, "on_behalf_of", TEXT, "payment_method", TEXT,
                        "setup_intent", TEXT, "status", TEXT, "usage", TEXT, "created", TIMESTAMP),
                List.of("setup_intent"), Shape.STANDARD, true, false, "setup_intent", true, Map.of(), false));
        all.add(list("setup_intents", "setup_intents", "Setup Intents",
                "Processes of saving a customer's payment credentials.",
                cols("id", TEXT, "client_secret", TEXT, "customer", TEXT, "description", TEXT, "payment_method", TEXT,
                        "status", TEXT, "usage", TEXT, "created", TIMESTAMP), List.of("customer", "payment_method")));
        all.add(new StripeObject("subscriptions", "subscriptions", "Subscriptions", "Recurring payment plans.",
                cols("id", TEXT, "customer", TEXT, "currency", TEXT, "current_period_start", TIMESTAMP,
                        "current_period_end", TIMESTAMP, "status", TEXT),
                List.of("customer", "price", "status"), Shape.STANDARD, true, true, null, true,
                Map.of("status", "all"), true));
        all.add(new StripeObject("tokens", "tokens", "Tokens", "Tokenized card or bank details (retrieve by id only).",
                cols("id", TEXT, "type", TEXT, "client_ip", TEXT, "used", BOOLEAN, "livemode", BOOLEAN,
                        "created", TIMESTAMP), List.of(), Shape.STANDARD, false, true, null, false, Map.of(), false));
        all.add(list("topups", "topups", "Top-ups", "Funds added to the balance.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "description", TEXT, "status", TEXT,
                        "created", TIMESTAMP), List.of("status")));
        all.add(list("transfers", "transfers", "Transfers", "Funds moved between Stripe accounts.",
                cols("id", TEXT, "amount", BIGINT, "currency", TEXT, "description", TEXT, "destination", TEXT,
                        "created", TIMESTAMP), List.of("destination")));
        all.add(new StripeObject("billing/meters", "billing_meters", "Meters", "Usage meters for billing.",
                cols("id", TEXT, "display_name", TEXT, "event_name", TEXT, "event_time_window", TEXT, "status", TEXT),
                List.of(), Shape.STANDARD, true, true, null, false, Map.of(), false));
        all.add(list("checkout/sessions", "checkout_sessions", "Checkout Sessions",
                "Customer sessions paying through Checkout or a Payment Link.",
                cols("id", TEXT, "customer", TEXT, "payment_intent", TEXT, "subscription", TEXT, "created", TIMESTAMP),
                List.of("customer", "payment_intent", "subscription")));

        Map<String, StripeObject> byObject = new LinkedHashMap<>();
        Map<String, StripeObject> byTable = new LinkedHashMap<>();
        for (StripeObject o : all) {
            byObject.put(o.object(), o);
            byTable.put(o.tableName(), o);
        }
        BY_OBJECT = Collections.unmodifiableMap(byObject);
        BY_TABLE = Collections.unmodifiableMap(byTable);
    }

    private StripeObjects() {
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

    private static StripeObject list(String object, String table, String title, String description,
                                     List<StripeColumn> columns, List<String> pushable) {
        return new StripeObject(object, table, title, description, columns, pushable, Shape.STANDARD, true, true,
                null, true, Map.of(), false);
    }

    private static List<StripeColumn> cols(Object... nameTypePairs) {
        List<StripeColumn> out = new ArrayList<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            out.add(new StripeColumn((String) nameTypePairs[i], (SqlType) nameTypePairs[i + 1]));
        }
        return out;
    }
}
