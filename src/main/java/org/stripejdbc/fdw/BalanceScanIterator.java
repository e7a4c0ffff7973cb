package org.stripejdbc.fdw;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;

/**
 * {@code GET balance}, requested by the first {@link #next()}: one row per entry of {@code available}, then
 * of {@code pending}, every currency (§9 row 7). Example: available [usd, eur] and pending [usd] → three rows.
 */
final class BalanceScanIterator extends ScanIterator {
    private final StripeClient client;
    private final String path;
    private final long limit;
    private final RowShaper shaper;
    private final ScanProgress progress;

    private List<Json> entries;
    private int position;
    private boolean closed;

    BalanceScanIterator(StripeClient client, String path, long limit, RowShaper shaper, ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.limit = limit;
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public boolean next() {
        current = null;
        if (closed || limit == 0 || (limit > 0 && position >= limit)) {
            return false;
        }
        if (entries == null) {
            progress.beforeRequest();
            Json balance = client.get(path, progress.options());
            entries = shaper.balanceEntries(balance);
            progress.pageFetched(entries.size());
        }
        if (position >= entries.size()) {
            return false;
        }
        current = shaper.shape(entries.get(position++));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        entries = List.of();
        current = null;
    }
}
