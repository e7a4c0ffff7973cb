package org.stripejdbc.fdw;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.SearchPage;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.SearchFields;

/**
 * Reads one search query lazily, one page at a time, sequentially: the first page on the first {@link #next()},
 * each next one only when the current one is used up and the answer had {@code has_more} and a {@code next_page}
 * token, which the next request sends as {@code page}. Page size as for a list walk: {@code min(100, rows still
 * needed)} under a LIMIT, else 100. Rows pass the scan's pushed conditions ({@link ScanRows}) before they count.
 *
 * <pre>
 *   GET /v1/customers/search?query=name~"son"&amp;limit=100
 *   GET /v1/customers/search?query=name~"son"&amp;limit=100&amp;page=&lt;next_page&gt;   (while has_more)
 * </pre>
 *
 * A search is never split into parallel slices: Stripe's search pages only by its own token.
 */
final class SearchScanIterator extends ScanIterator {
    private final StripeClient client;
    private final String path;
    private final String query;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;

    private List<Json> page = List.of();
    private int position;
    private boolean started;
    private String nextPage;
    private boolean finished;
    private long delivered;
    private boolean rowsDropped;

    SearchScanIterator(
            StripeClient client, String path, String query, long limit, ScanRows rows, ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.query = Objects.requireNonNull(query, "query");
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.finished = limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                break;
            }
            if (position < page.size()) {
                current = rows.row(page.get(position++));
                if (current == null) {
                    rowsDropped = true;
                    continue;
                }
                delivered++;
                return true;
            }
            if (started && nextPage == null) {
                break;
            }
            fetch();
        }
        finished = true;
        page = List.of();
        return false;
    }

    private void fetch() {
        long needed = limit >= 0 && !rowsDropped ? limit - delivered : SearchFields.MAX_PAGE_SIZE;
        int size = (int) Math.min(SearchFields.MAX_PAGE_SIZE, needed);
        String previous = nextPage;
        SearchPage answer = progress.search(client, path, query, size, nextPage);
        started = true;
        page = answer.data();
        position = 0;
        // Stop on has_more without a new token: following it would loop forever.
        nextPage = answer.hasMore()
                        && answer.nextPage() != null
                        && !answer.nextPage().equals(previous)
                ? answer.nextPage()
                : null;
    }

    @Override
    public void close() {
        finished = true;
        page = List.of();
        current = null;
    }
}
