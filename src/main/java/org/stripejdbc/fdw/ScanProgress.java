package org.stripejdbc.fdw;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.SearchPage;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * What every request of one scan shares: the {@code Stripe-Account} and cancellation check of the
 * {@link RequestOptions}, the cancellation check before each request, and the page/row counts and each call's
 * attempts reported to the {@link org.stripejdbc.engine.ScanListener} after each response.
 *
 * <p>Thread-safe: the walkers of a parallel scan report their pages concurrently; the listener is called under
 * this object's lock, so it sees one call at a time with counts that only grow.
 */
final class ScanProgress {
    private final String table;
    private final ExecutionContext context;
    private final RequestOptions options;
    private int pages;
    private long rows;

    ScanProgress(String table, ExecutionContext context, String stripeAccount) {
        this.table = Objects.requireNonNull(table, "table");
        this.context = Objects.requireNonNull(context, "context");
        this.options = new RequestOptions(
                stripeAccount,
                context.control(),
                (attempts, tooManyRequests, nanos) ->
                        context.listener().requestEnded(table, attempts, tooManyRequests, nanos));
    }

    RequestOptions options() {
        return options;
    }

    /** Before each request: throws 57014 when the statement was cancelled or timed out. */
    void beforeRequest() {
        context.control().checkCancelled();
    }

    /** One list request of the scan: checked for cancellation before it is sent, counted when its page arrived. */
    StripePage list(StripeClient client, String path, List<Map.Entry<String, String>> parameters) {
        beforeRequest();
        StripePage page = client.list(path, parameters, options);
        pageFetched(page.size()); // not page.data(): a streamed page's objects are built by its reader
        return page;
    }

    /** One search request of the scan, likewise; {@code page} is the previous answer's {@code next_page}, or null. */
    SearchPage search(StripeClient client, String path, String query, int limit, String page) {
        beforeRequest();
        SearchPage answer = client.search(path, query, limit, page, options);
        pageFetched(answer.data().size());
        return answer;
    }

    /** After each response: one more page holding {@code rowsInPage} rows. */
    synchronized void pageFetched(long rowsInPage) {
        pages++;
        rows += rowsInPage;
        context.listener().pageFetched(table, pages, rows);
    }
}
