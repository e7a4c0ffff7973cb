package org.stripejdbc.fdw;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * The rows of many ids ({@code id IN (...)} with more than {@value LookupOrScan#ALWAYS_LOOKED_UP} ids, or
 * {@code id = ANY(array)}), found by a scan of the table's list or by a retrieve per id, whichever needs fewer
 * requests ({@link LookupOrScan}): the list is read one page at a time (only when the reader needs it), each id
 * found on a page is <em>resolved</em> and its row returned; while the pages resolve at least one id each the scan
 * reads on, and when it falls behind, the ids still unresolved are retrieved ({@link RetrieveScanIterator}, up to 8
 * at once) and the scan is abandoned. At the scan's last page the ids not found have no row; once every id is found
 * the scan stops.
 *
 * <p>Example: 1,000 ids of 20,000 customers: each page of 100 holds about 5 of them, so the scan reads its 200
 * pages (200 requests instead of 1,000 retrieves); 50 ids of them: the first page holds none, so 1 page and 50
 * retrieves.
 *
 * <p>The list walk is the same table's scan planned without the id condition ({@code email = ..} and created
 * ranges still pushed), so it is never wider than it needs to be; the rows are checked against the id condition
 * like every row (a server that ignores the list's filters costs pages, never a row). Rows come in the scan's
 * order, then the retrieves'.
 */
final class RetrieveOrScanIterator extends ScanIterator {
    private final StripeClient client;
    private final String path;
    private final List<QueryParameter> walk;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;
    /** Starts the retrieves of the given ids, for at most the given rows (-1 = all). */
    private final BiFunction<List<String>, Long, RowIterator> retrieves;

    private final Set<String> unresolved;

    private List<Json> page = List.of();
    private int position;
    private int pagesRead;
    private long resolved;
    private boolean hasMore = true;
    private String startingAfter;
    private RowIterator lookups;
    private long delivered;
    private boolean finished;

    RetrieveOrScanIterator(
            StripeClient client,
            String path,
            List<String> ids,
            List<QueryParameter> walk,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            BiFunction<List<String>, Long, RowIterator> retrieves) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.walk = List.copyOf(walk);
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.retrieves = Objects.requireNonNull(retrieves, "retrieves");
        this.unresolved = new LinkedHashSet<>(ids);
        this.finished = unresolved.isEmpty() || limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                break;
            }
            if (lookups != null) {
                if (lookups.next()) {
                    current = lookups.current();
                    delivered++;
                    return true;
                }
                break;
            }
            if (position < page.size()) {
                Json object = page.get(position++);
                String id = idOf(object);
                if (id == null || !unresolved.remove(id)) {
                    continue; // another object, or one the walk already returned
                }
                resolved++;
                current = rows.row(object);
                if (current != null) {
                    delivered++;
                    return true;
                }
                continue;
            }
            if (pagesRead > 0 && !hasMore) {
                break; // the scan read everything: the ids not found have no row
            }
            if (pagesRead > 0 && !LookupOrScan.readOn(pagesRead, resolved, unresolved.size(), true)) {
                if (unresolved.isEmpty()) {
                    break;
                }
                lookups = retrieves.apply(List.copyOf(unresolved), limit < 0 ? -1 : limit - delivered);
                unresolved.clear();
                page = List.of();
                continue;
            }
            fetchPage();
        }
        close();
        return false;
    }

    private void fetchPage() {
        List<Map.Entry<String, String>> parameters =
                ListScanIterator.pageParameters(walk, ListScanIterator.MAX_PAGE_SIZE, startingAfter);
        StripePage response = progress.list(client, path, parameters);
        pagesRead++;
        page = response.data();
        position = 0;
        String lastId = response.lastId();
        // As a list walk: has_more without a usable last id would loop forever.
        hasMore = response.hasMore() && lastId != null && !lastId.equals(startingAfter);
        startingAfter = lastId;
    }

    private static String idOf(Json object) {
        Json id = object == null ? null : object.get("id");
        return id == null ? null : id.stringValue();
    }

    @Override
    public void close() {
        finished = true;
        page = List.of();
        if (lookups != null) {
            lookups.close();
        }
    }
}
