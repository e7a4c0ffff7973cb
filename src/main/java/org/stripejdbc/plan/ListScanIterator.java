package org.stripejdbc.plan;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.exec.RowIterator;
import org.stripejdbc.json.Json;
import org.stripejdbc.plan.RequestSet.QueryParameter;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * Walks one or more list queries lazily, one page at a time (upstream §4, improved per §9 rows 1-2).
 *
 * <p>The first page is requested by the first {@link #next()}; the next page only when the current one is
 * consumed and {@code has_more} was true, with {@code starting_after} = the last id of the previous page.
 * Only the current page is held. Page size is {@code min(100, rows still needed)} when a limit was given,
 * else 100, and no request is made once the limit is reached:
 * <pre>
 *   limit 5    →  GET customers?limit=5
 *   limit 250  →  limit=100; limit=100&amp;starting_after=..; limit=50&amp;starting_after=..
 *   no limit   →  limit=100 pages while has_more
 * </pre>
 * With several walks ({@code customer IN (a, b)}) the walks run one after the other and rows whose id was
 * already returned are skipped (the ids seen are the only state kept across pages).
 */
final class ListScanIterator implements RowIterator {
    static final int MAX_PAGE_SIZE = 100;

    private final StripeClient client;
    private final String path;
    private final List<List<QueryParameter>> walks;
    private final long limit;
    private final RowShaper shaper;
    private final ScanProgress progress;
    private final Set<String> seenIds;

    private int walk;
    private boolean walkStarted;
    private boolean walkHasMore;
    private String startingAfter;
    private List<Json> page = List.of();
    private int position;
    private long delivered;
    private Object[] current;
    private boolean finished;
    private long objectsWithoutId;

    ListScanIterator(StripeClient client, String path, List<List<QueryParameter>> walks, long limit,
                     RowShaper shaper, ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.walks = List.copyOf(walks);
        this.limit = limit;
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.seenIds = this.walks.size() > 1 ? new HashSet<>() : null;
        this.finished = this.walks.isEmpty() || limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                finished = true;
                break;
            }
            if (position < page.size()) {
                Json object = page.get(position++);
                if (seenIds != null && !seenIds.add(idOf(object))) {
                    continue;
                }
                current = shaper.shape(object);
                delivered++;
                return true;
            }
            if (!walkStarted || walkHasMore) {
                fetchPage();
            } else if (walk + 1 < walks.size()) {
                walk++;
                walkStarted = false;
                walkHasMore = false;
                startingAfter = null;
                page = List.of();
                position = 0;
            } else {
                finished = true;
            }
        }
        page = List.of();
        return false;
    }

    private void fetchPage() {
        long needed = limit >= 0 ? limit - delivered : MAX_PAGE_SIZE;
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (QueryParameter parameter : walks.get(walk)) {
            parameters.add(parameter.toEntry());
        }
        parameters.add(new SimpleImmutableEntry<>("limit", Long.toString(Math.min(MAX_PAGE_SIZE, needed))));
        if (startingAfter != null) {
            parameters.add(new SimpleImmutableEntry<>("starting_after", startingAfter));
        }
        progress.beforeRequest();
        StripePage response = client.list(path, parameters, progress.options());
        progress.pageFetched(response.data().size());
        walkStarted = true;
        page = response.data();
        position = 0;
        String lastId = response.lastId();
        // Stop on has_more without a usable cursor (an empty page, or the same cursor again): following it
        // would loop forever.
        walkHasMore = response.hasMore() && lastId != null && !lastId.equals(startingAfter);
        startingAfter = lastId;
    }

    private String idOf(Json object) {
        Json id = object == null ? null : object.get("id");
        String text = id == null ? null : id.stringValue();
        // Objects without a string id cannot be deduplicated; give each its own key.
        return text != null ? text : "\u0000" + (objectsWithoutId++);
    }

    @Override
    public Object[] current() {
        if (current == null) {
            throw new IllegalStateException("no current row");
        }
        return current;
    }

    @Override
    public void close() {
        finished = true;
        page = List.of();
        current = null;
    }
}
