package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * A charge's invoice on API versions that removed it from the charge ({@code 2025-03-31.basil} and later), read from
 * the invoice payments, which link an invoice to a payment intent. Used by a scan of charges whose statement reads
 * {@code invoice} (select list, conditions, joins, grouping, ordering: {@link org.stripejdbc.engine.ColumnsRead}),
 * only for a charge that lacks the field (an older version's charge carries it: no request), and only for a charge
 * with a payment intent (one without has no invoice payment: NULL, no request). One per scan execution; the rule:
 *
 * <ol>
 *   <li><b>Lookups</b>: the first {@value #LOOKUPS_BEFORE_WALK} payment intents are looked up one request each,
 *       {@code GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=pi_1&limit=1}, and
 *       remembered (a charge of an intent already seen costs nothing): a retrieve by id, a keyed join or a small
 *       LIMIT reads a few charges and spends a few requests.</li>
 *   <li><b>Walk</b>: the next intent to look up walks every page of {@code GET /v1/invoice_payments?limit=100} once
 *       instead, and every later charge is answered from it: a scan of many charges costs at most
 *       {@value #LOOKUPS_BEFORE_WALK} lookups more than the walk alone. Memory: the walk holds one map entry (payment
 *       intent id → invoice id, about 150 bytes) per invoice payment of the account until the scan ends.</li>
 *   <li><b>By invoice</b>: a scan keyed by {@code invoice = 'in_1'} ({@link #byInvoices}) reads
 *       {@code GET /v1/invoice_payments?invoice=in_1} first, and knows the invoice of every charge it then reads.</li>
 * </ol>
 *
 * <p>Example: the invoice payment {@code {"invoice":"in_1","payment":{"type":"payment_intent",
 * "payment_intent":"pi_1"}}} gives the charge {@code {"id":"ch_1","payment_intent":"pi_1"}} the invoice
 * {@code in_1}; a charge whose payment intent no invoice payment names has none (NULL).
 *
 * <p>Thread-safe: the walkers of a parallel scan share one (its lookups then run one at a time).
 */
final class InvoiceLinks {
    static final String PATH = "invoice_payments";
    /** The charge's field this fills. */
    static final String FIELD = "invoice";

    /** How many payment intents a scan looks up one by one before it walks every invoice payment instead. */
    static final int LOOKUPS_BEFORE_WALK = 10;

    private final StripeClient client;
    private final ScanProgress progress;
    /** Payment intent → invoice; a known intent without invoice maps to null. */
    private final Map<String, String> invoiceByIntent = new HashMap<>();

    private int lookups;
    /** Whether every answer is known: after the walk, or after {@link #byInvoices} (no other charge can match). */
    private boolean walked;

    InvoiceLinks(StripeClient client, ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Whether {@code field} of the objects at {@code objectPath} is filled from here. */
    static boolean fills(String objectPath, String field) {
        return objectPath.equals("charges") && field.equals("invoice");
    }

    /**
     * Whether a scan (or RETURNING list) of {@code table} reading {@code read} derives the field when a charge lacks
     * it: a charges table declaring {@code invoice}, read by the statement.
     */
    static boolean derives(ForeignTableDefinition table, ColumnsRead read) {
        return fills(table.object().object(), FIELD) && table.column(FIELD).isPresent() && read.reads(FIELD);
    }

    /** The invoice of {@code charge} (its payment intent's), as JSON: the id, or JSON null; see {@link #invoiceOf}. */
    Json invoiceValue(Json charge) {
        Json intent = charge.get("payment_intent");
        String invoice = invoiceOf(intent == null ? null : intent.stringValue());
        return invoice == null ? Json.NULL : Json.of(invoice);
    }

    /**
     * Whether a client sending {@code apiVersion} gets charges without {@code invoice} (basil or later), so that a
     * scan may look for them by their invoice's payments; false for an older version and for none (the account's
     * default, unknown until Stripe answers).
     */
    static boolean removedIn(String apiVersion) {
        return apiVersion != null && apiVersion.compareTo("2025-03-31") >= 0;
    }

    /**
     * Whether a client sending {@code apiVersion} gets charges that carry {@code invoice} (a version before basil):
     * nothing is derived then, and nothing planned for it; false for none (the account's default).
     */
    static boolean keptIn(String apiVersion) {
        return apiVersion != null && !removedIn(apiVersion);
    }

    /** The invoice paid by {@code paymentIntent}, or null; see the class comment for the requests. */
    synchronized String invoiceOf(String paymentIntent) {
        if (paymentIntent == null) {
            return null;
        }
        if (walked || invoiceByIntent.containsKey(paymentIntent)) {
            return invoiceByIntent.get(paymentIntent);
        }
        if (lookups >= LOOKUPS_BEFORE_WALK) {
            walk(List.of(), this::remember);
            walked = true;
            return invoiceByIntent.get(paymentIntent);
        }
        lookups++;
        String found = null;
        StripePage page = progress.list(
                client,
                PATH,
                entries(List.of(
                        QueryParameter.of("payment[type]", "payment_intent"),
                        QueryParameter.of("payment[payment_intent]", paymentIntent),
                        QueryParameter.of("limit", "1"))));
        for (Json payment : page.data()) {
            if (paymentIntent.equals(intentOf(payment))) {
                found = invoiceOf(payment); // Stripe filtered by the intent; a server that did not is checked here
            }
        }
        invoiceByIntent.put(paymentIntent, found);
        return found;
    }

    /**
     * The payment intents of the invoice payments of each walk's invoice ({@code [[invoice=in_1], [invoice=in_2]]}),
     * every page of each, in the order read, with the invoice each paid; recorded here too. From then on an intent
     * not among them has no invoice, without a request: the scan reads only these intents' charges, and a charge
     * another invoice paid could not hold its condition anyway.
     */
    Map<String, String> byInvoices(List<List<QueryParameter>> walks) {
        Map<String, String> out = new LinkedHashMap<>();
        for (List<QueryParameter> walk : walks) {
            walk(walk, payment -> {
                String intent = intentOf(payment);
                String invoice = invoiceOf(payment);
                if (intent != null && invoice != null) {
                    out.putIfAbsent(intent, invoice);
                    remember(payment);
                }
            });
        }
        synchronized (this) {
            walked = true;
        }
        return out;
    }

    /** Records the invoice {@code payment} paid for its intent: a charge of that intent needs no request. */
    private synchronized void remember(Json payment) {
        String intent = intentOf(payment);
        String invoice = invoiceOf(payment);
        if (intent != null && invoice != null && invoiceByIntent.get(intent) == null) {
            invoiceByIntent.put(intent, invoice);
        }
    }

    /** Every page of {@code GET /v1/invoice_payments?<filters>&limit=100}, each invoice payment to {@code each}. */
    private void walk(List<QueryParameter> filters, Consumer<Json> each) {
        String after = null;
        while (true) {
            List<QueryParameter> parameters = new ArrayList<>(filters);
            parameters.add(QueryParameter.of("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE)));
            if (after != null) {
                parameters.add(QueryParameter.of("starting_after", after));
            }
            StripePage page = progress.list(client, PATH, entries(parameters));
            page.data().forEach(each);
            String last = page.lastId();
            if (!page.hasMore() || last == null || last.equals(after)) {
                return;
            }
            after = last;
        }
    }

    private static List<Map.Entry<String, String>> entries(List<QueryParameter> parameters) {
        return parameters.stream().map(QueryParameter::toEntry).toList();
    }

    private static String intentOf(Json payment) {
        Json intent = payment.path(List.of("payment", "payment_intent"));
        return intent == null ? null : intent.stringValue();
    }

    private static String invoiceOf(Json payment) {
        Json invoice = payment.get("invoice");
        return invoice == null ? null : invoice.stringValue();
    }
}
