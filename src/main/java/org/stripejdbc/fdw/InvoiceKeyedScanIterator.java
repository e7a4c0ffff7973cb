package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.stripe.StripeClient;

/**
 * The charges of some invoices on API versions without {@code charges.invoice} ({@code where invoice = 'in_1'} or
 * {@code invoice IN (...)}): first every page of each invoice's payments ({@code GET
 * /v1/invoice_payments?invoice=in_1&limit=100}), which name the payment intents that paid it, then one list walk of
 * charges per payment intent found ({@code GET /v1/charges?payment_intent=pi_1&limit=100}), merged without duplicate
 * ids. Each charge gets the invoice its intent paid ({@link InvoiceLinks#byInvoices}), and every condition is still
 * checked on every row. Nothing is requested before the first {@link #next()}.
 *
 * <p>Example: invoice {@code in_1} paid by {@code pi_1}, whose charges are {@code ch_1} (failed) and {@code ch_2}:
 * two requests give both rows with {@code invoice = 'in_1'}, where a scan of the whole charge list and every invoice
 * payment would read them all.
 */
final class InvoiceKeyedScanIterator implements RowIterator {
    private final StripeClient client;
    private final String path;
    private final List<List<QueryParameter>> invoiceWalks;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;
    private final InvoiceLinks links;
    private RowIterator charges;
    private boolean closed;

    InvoiceKeyedScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> invoiceWalks,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            InvoiceLinks links) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.invoiceWalks = List.copyOf(invoiceWalks);
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.links = Objects.requireNonNull(links, "links");
    }

    @Override
    public boolean next() {
        if (closed) {
            return false;
        }
        if (charges == null) {
            List<List<QueryParameter>> walks = new ArrayList<>();
            for (String intent : links.byInvoices(invoiceWalks).keySet()) {
                walks.add(List.of(QueryParameter.of("payment_intent", intent)));
            }
            charges = walks.isEmpty()
                    ? RowIterator.empty()
                    : new ListScanIterator(client, path, walks, limit, rows, progress);
        }
        return charges.next();
    }

    @Override
    public Object[] current() {
        if (charges == null) {
            throw new IllegalStateException("no current row");
        }
        return charges.current();
    }

    @Override
    public void close() {
        closed = true;
        if (charges != null) {
            charges.close();
        }
    }
}
