package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * A charge's invoice on API versions that removed it from the charge ({@code 2025-03-31.basil} and later): read
 * from the invoice payments, which link an invoice to a payment intent, in one walk of
 * {@code GET /v1/invoice_payments?limit=100} (every page, once per scan, on the first charge that needs it), then
 * looked up by the charge's {@code payment_intent}. Used only when the scan's conditions read {@code invoice}
 * ({@code where invoice = 'in_1'} would otherwise match nothing); EXPLAIN shows the walk.
 *
 * <p>Example: the invoice payment {@code {"invoice":"in_1","payment":{"type":"payment_intent",
 * "payment_intent":"pi_1"}}} gives the charge {@code {"id":"ch_1","payment_intent":"pi_1"}} the invoice
 * {@code in_1}; a charge whose payment intent no invoice payment names has none (NULL).
 *
 * <p>Thread-safe: the walkers of a parallel scan share one.
 */
final class InvoiceLinks {
    static final String PATH = "invoice_payments";

    private final StripeClient client;
    private final ScanProgress progress;
    private Map<String, String> invoiceByIntent;

    InvoiceLinks(StripeClient client, ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Whether {@code field} of the objects at {@code objectPath} is filled from here. */
    static boolean fills(String objectPath, String field) {
        return objectPath.equals("charges") && field.equals("invoice");
    }

    /** The invoice paid by {@code paymentIntent}, or null. */
    synchronized String invoiceOf(String paymentIntent) {
        if (invoiceByIntent == null) {
            invoiceByIntent = walk();
        }
        return paymentIntent == null ? null : invoiceByIntent.get(paymentIntent);
    }

    private Map<String, String> walk() {
        Map<String, String> out = new HashMap<>();
        String after = null;
        while (true) {
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            parameters.add(new SimpleImmutableEntry<>("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE)));
            if (after != null) {
                parameters.add(new SimpleImmutableEntry<>("starting_after", after));
            }
            StripePage page = progress.list(client, PATH, parameters);
            for (Json payment : page.data()) {
                Json invoice = payment.get("invoice");
                Json intent = payment.path(List.of("payment", "payment_intent"));
                if (invoice != null
                        && invoice.stringValue() != null
                        && intent != null
                        && intent.stringValue() != null) {
                    out.putIfAbsent(intent.stringValue(), invoice.stringValue());
                }
            }
            String last = page.lastId();
            if (!page.hasMore() || last == null || last.equals(after)) {
                return out;
            }
            after = last;
        }
    }
}
