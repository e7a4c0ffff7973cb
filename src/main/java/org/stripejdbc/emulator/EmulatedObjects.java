package org.stripejdbc.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.emulator.FilterField.Kind;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * The emulator's view of the registry: one {@link EmulatedObject} per {@link StripeObjects} entry (balance
 * included, although it has no ids or list). Filters are exactly the registry's pushable fields; this class
 * adds how Stripe validates them.
 *
 * <p>Example: {@code EmulatedObjects.byPath("prices")} filters {@code active} (boolean), {@code currency},
 * {@code product} and {@code type} ({@code one_time} or {@code recurring}).
 */
final class EmulatedObjects {
    static final List<String> SUBSCRIPTION_STATUSES = List.of(
            "active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "trialing", "paused");
    static final List<String> INVOICE_STATUSES = List.of("draft", "open", "paid", "uncollectible", "void");
    static final List<String> PAYOUT_STATUSES = List.of("pending", "paid", "failed", "canceled", "in_transit");
    static final List<String> TOPUP_STATUSES = List.of("canceled", "failed", "pending", "succeeded");

    private static final Map<String, EmulatedObject> BY_PATH;

    private record Details(String objectType, String idPrefix, int idLength) {}

    /**
     * Stripe's id prefixes of the objects made from the API description, where they have one (a coupon's id is
     * chosen by its creator; others get the initials of their object name).
     */
    private static final Map<String, String> PREFIXES = prefixes("""
            apple_pay/domains=apwc_ application_fees=fee_ billing/alerts=alrt_
            billing/credit_balance_transactions=cbtxn_ billing/credit_grants=credgr_
            billing_portal/configurations=bpc_ climate/orders=climorder_ climate/products=climsku_
            climate/suppliers=climsup_ coupons=co_ credit_notes=cn_ entitlements/features=feat_
            financial_connections/accounts=fca_ financial_connections/transactions=fctxn_
            forwarding/requests=fwdreq_ identity/verification_reports=vr_ identity/verification_sessions=vs_
            invoice_payments=inpay_ invoice_rendering_templates=inrtem_ invoiceitems=ii_
            issuing/authorizations=iauth_ issuing/cardholders=ich_ issuing/cards=ic_ issuing/disputes=idp_
            issuing/personalization_designs=pd_ issuing/physical_bundles=ics_ issuing/tokens=intok_
            issuing/transactions=ipi_ payment_attempt_records=par_ payment_links=plink_
            payment_method_configurations=pmc_ payment_method_domains=pmd_ payment_methods=pm_
            payment_records=pr_ plans=plan_ promotion_codes=promo_ quotes=qt_ radar/early_fraud_warnings=issfr_
            radar/value_list_items=rsli_ radar/value_lists=rsl_ reporting/report_runs=frr_ reviews=prv_
            shipping_rates=shr_ sigma/scheduled_query_runs=sqr_ subscription_items=si_
            subscription_schedules=sub_sched_ tax/registrations=taxreg_ tax_codes=txcd_ tax_ids=txi_
            tax_rates=txr_ terminal/configurations=tmc_ terminal/locations=tml_ terminal/readers=tmr_
            test_helpers/test_clocks=clock_ treasury/credit_reversals=credrev_ treasury/debit_reversals=debrev_
            treasury/financial_accounts=fa_ treasury/inbound_transfers=ibt_ treasury/outbound_payments=obp_
            treasury/outbound_transfers=obt_ treasury/received_credits=rc_ treasury/received_debits=rd_
            treasury/transaction_entries=trxne_ treasury/transactions=trxn_ webhook_endpoints=we_
            """);

    static {
        Map<String, Details> details = new LinkedHashMap<>();
        details.put("accounts", new Details("account", "acct_", 16));
        details.put("balance", new Details("balance", "", 0));
        details.put("balance_transactions", new Details("balance_transaction", "txn_", 24));
        details.put("charges", new Details("charge", "ch_", 24));
        details.put("customers", new Details("customer", "cus_", 14));
        details.put("disputes", new Details("dispute", "dp_", 24));
        details.put("events", new Details("event", "evt_", 24));
        details.put("files", new Details("file", "file_", 24));
        details.put("file_links", new Details("file_link", "link_", 24));
        details.put("invoices", new Details("invoice", "in_", 24));
        details.put("mandates", new Details("mandate", "mandate_", 24));
        details.put("payment_intents", new Details("payment_intent", "pi_", 24));
        details.put("payouts", new Details("payout", "po_", 24));
        details.put("prices", new Details("price", "price_", 24));
        details.put("products", new Details("product", "prod_", 14));
        details.put("refunds", new Details("refund", "re_", 24));
        details.put("setup_attempts", new Details("setup_attempt", "setatt_", 24));
        details.put("setup_intents", new Details("setup_intent", "seti_", 24));
        details.put("subscriptions", new Details("subscription", "sub_", 24));
        details.put("tokens", new Details("token", "tok_", 24));
        details.put("topups", new Details("topup", "tu_", 24));
        details.put("transfers", new Details("transfer", "tr_", 24));
        details.put("billing/meters", new Details("billing.meter", "mtr_test_", 32));
        details.put("checkout/sessions", new Details("checkout.session", "cs_test_", 58));

        Map<String, EmulatedObject> byPath = new LinkedHashMap<>();
        for (StripeObject meta : StripeObjects.all()) {
            if (meta.parent() != null) {
                continue; // a child table's nested list is served from its parent (ChildLists)
            }
            Details d = meta.apiVersion() != null ? described(meta) : details.get(meta.object());
            if (d == null) {
                throw new IllegalStateException("the emulator does not know registry object " + meta.object());
            }
            List<FilterField> filters = new ArrayList<>();
            for (String field : meta.pushableFields()) {
                filters.add(meta.apiVersion() != null ? describedFilter(meta, field) : filter(meta.object(), field));
            }
            for (String field : meta.listParameters().keySet()) {
                if (meta.listParameters().get(field).range() && !field.equals("created")) {
                    filters.add(FilterField.range(field));
                }
            }
            if (meta.object().equals("charges")) {
                // Not a pushable field of the FDW's table, but Stripe filters the list by it: the charges of one
                // payment intent (how a scan finds an invoice's charges on basil).
                filters.add(FilterField.of("payment_intent", Kind.TEXT));
            }
            if (meta.object().equals(InvoicePayments.PATH)) {
                // payment[type]=payment_intent&payment[payment_intent]=pi_1: the invoice payments of one intent.
                filters.add(new FilterField(
                        "payment[type]",
                        Kind.ENUM,
                        List.of("payment_intent", "payment_record"),
                        Map.of(),
                        null,
                        FilterField.nested("payment", "type")));
                filters.add(new FilterField(
                        "payment[payment_intent]",
                        Kind.TEXT,
                        List.of(),
                        Map.of(),
                        null,
                        FilterField.nested("payment", "payment_intent")));
            }
            byPath.put(meta.object(), new EmulatedObject(meta, d.objectType(), d.idPrefix(), d.idLength(), filters));
        }
        BY_PATH = Collections.unmodifiableMap(byPath);
    }

    private EmulatedObjects() {}

    private static Map<String, String> prefixes(String pairs) {
        Map<String, String> out = new HashMap<>();
        for (String pair : pairs.trim().split("\\s+")) {
            out.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return out;
    }

    /** An object made from the API description: its JSON {@code object} name from there, a 24-character id. */
    private static Details described(StripeObject meta) {
        String objectType = ApiDescription.pinned()
                .listedAt(meta.object())
                .map(ApiDescription.Resource::object)
                .orElseThrow(() -> new IllegalStateException("no API resource is listed at " + meta.object()));
        String prefix = PREFIXES.get(meta.object());
        if (prefix == null) {
            StringBuilder initials = new StringBuilder();
            for (String word : objectType.split("[._]")) {
                initials.append(word.charAt(0));
            }
            prefix = initials + "_";
        }
        return new Details(objectType, prefix, 24);
    }

    /** How Stripe validates a filter of an object made from the API description: by its parameter's type. */
    private static FilterField describedFilter(StripeObject meta, String field) {
        ApiParameter parameter = meta.listParameter(field).orElseThrow();
        if (parameter.type().equals("boolean")) {
            return FilterField.of(field, Kind.BOOLEAN);
        }
        if (!parameter.allowed().isEmpty()) {
            return FilterField.of(field, Kind.ENUM, parameter.allowed().toArray(String[]::new));
        }
        return FilterField.of(field, Kind.TEXT);
    }

    /** How Stripe validates one pushable field of one object. */
    private static FilterField filter(String object, String field) {
        switch (object + "." + field) {
            case "prices.active":
            case "products.active":
                return FilterField.of(field, Kind.BOOLEAN);
            case "prices.currency":
                return FilterField.of(field, Kind.CURRENCY);
            case "prices.type":
                return FilterField.of(field, Kind.ENUM, "one_time", "recurring");
            case "invoices.status":
                return FilterField.of(field, Kind.ENUM, INVOICE_STATUSES.toArray(String[]::new));
            case "payouts.status":
                return FilterField.of(field, Kind.ENUM, PAYOUT_STATUSES.toArray(String[]::new));
            case "topups.status":
                return FilterField.of(field, Kind.ENUM, TOPUP_STATUSES.toArray(String[]::new));
            case "events.type":
                return FilterField.of(field, Kind.EVENT_TYPE);
            case "subscriptions.price":
                return new FilterField(
                        field, Kind.TEXT, List.of(), Map.of(), null, FilterField.nestedListIds("items", "price"));
            case "subscriptions.status": {
                // Stripe: without status, every subscription that is not canceled; "all" lists everything;
                // "ended" lists canceled and incomplete_expired ones.
                Set<String> notCanceled = new HashSet<>(SUBSCRIPTION_STATUSES);
                notCanceled.remove("canceled");
                return new FilterField(
                        field,
                        Kind.ENUM,
                        SUBSCRIPTION_STATUSES,
                        Map.of("all", Set.of(), "ended", Set.of("canceled", "incomplete_expired")),
                        notCanceled,
                        FilterField.topLevel(field));
            }
            default:
                return FilterField.of(field, Kind.TEXT);
        }
    }

    /** Every object, in registry order. */
    static List<EmulatedObject> all() {
        return List.copyOf(BY_PATH.values());
    }

    /** The object whose API path is {@code path} ({@code customers}, {@code checkout/sessions}). */
    static Optional<EmulatedObject> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    /** The object whose API path is {@code path}; for the emulator's own code, where it must exist. */
    static EmulatedObject require(String path) {
        EmulatedObject object = BY_PATH.get(path);
        if (object == null) {
            throw new IllegalArgumentException("unknown Stripe object path: " + path);
        }
        return object;
    }
}
