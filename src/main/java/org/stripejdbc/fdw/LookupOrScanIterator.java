package org.stripejdbc.fdw;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * The rows of many keys, found by a scan of the table's list or by a lookup per key, whichever needs fewer requests
 * ({@link LookupOrScan}). The keys are ids ({@code id IN (...)} with more than {@value LookupOrScan#ALWAYS_LOOKED_UP}
 * ids, or {@code id = ANY(array)}: a retrieve each) or values of a pushed field ({@code customer IN (...)}: a list
 * walk each). The list is read one page at a time, only when the reader needs it, and its rows that hold the key
 * condition are returned (it is checked on every row, as every pushed condition):
 * <ul>
 *   <li>ids: each id found on a page is <em>resolved</em>; while the pages resolve at least one id each the scan
 *       reads on, and when it falls behind, the ids still unresolved are retrieved ({@link RetrieveScanIterator}, up
 *       to 8 at once) and the scan is abandoned. Once every id is found the scan stops.</li>
 *   <li>values: a value's rows are only complete at the scan's end, so the scan reads on while it has read fewer
 *       pages than there are values; then the walks run after all, skipping the objects the scan already
 *       returned.</li>
 * </ul>
 * At the scan's last page every key is answered: those not found have no row.
 *
 * <p>Example: 1,000 ids of 20,000 customers: each page of 100 holds about 5 of them, so the scan reads its 200
 * pages (200 requests instead of 1,000 retrieves); 50 ids of them: the first page holds none, so 1 page and 50
 * retrieves.
 *
 * <p>The list walk is the same table's scan planned without the key condition ({@code email = ..} and created
 * ranges still pushed), so it is never wider than it needs to be; a server that ignores the list's filters costs
 * pages, never a row. Rows come in the scan's order, then the lookups'.
 */
final class LookupOrScanIterator extends ScanIterator {
    /** Starts the lookups of the given keys for at most {@code limit} rows, skipping objects of {@code returned}. */
    @FunctionalInterface
    interface Lookups {
        RowIterator open(List<String> keys, long limit, Set<String> returned);
    }

    private final StripeClient client;
    private final String path;
    private final List<String> keys;
    private final boolean keysAreIds;
    private final List<QueryParameter> walk;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;
    private final Lookups lookups;
    /** Ids: those not found yet. */
    private final Set<String> unresolved;
    /** Values: the ids of the rows returned, which the walks skip if they run. */
    private final Set<String> returned;

    private List<Json> page = List.of();
    private int position;
    private int pagesRead;
    private long resolved;
    private boolean hasMore = true;
    private String startingAfter;
    private RowIterator lookedUp;
    private long delivered;
    private boolean finished;

    /**
     * @param keys       the distinct keys, as sent
     * @param keysAreIds whether they are ids (else values of a pushed field, each of which may have many rows)
     * @param walk       the scan's one list walk (without limit and starting_after)
     */
    LookupOrScanIterator(
            StripeClient client,
            String path,
            List<String> keys,
            boolean keysAreIds,
            List<QueryParameter> walk,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            Lookups lookups) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.keys = List.copyOf(keys);
        this.keysAreIds = keysAreIds;
        this.walk = List.copyOf(walk);
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.lookups = Objects.requireNonNull(lookups, "lookups");
        this.unresolved = keysAreIds ? new LinkedHashSet<>(keys) : Set.of();
        this.returned = keysAreIds ? null : new HashSet<>();
        this.finished = this.keys.isEmpty() || limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                break;
            }
            if (lookedUp != null) {
                if (lookedUp.next()) {
                    current = lookedUp.current();
                    delivered++;
                    return true;
                }
                break;
            }
            if (position < page.size()) {
                if (scanned(page.get(position++))) {
                    delivered++;
                    return true;
                }
                continue;
            }
            if (pagesRead > 0 && !hasMore) {
                break; // the scan read everything: the keys not found have no row
            }
            long open = keysAreIds ? unresolved.size() : keys.size();
            if (pagesRead > 0 && !LookupOrScan.readOn(pagesRead, resolved, open, keysAreIds)) {
                if (open == 0) {
                    break;
                }
                List<String> rest = keysAreIds ? List.copyOf(unresolved) : keys;
                lookedUp = lookups.open(rest, limit < 0 ? -1 : limit - delivered, returned);
                page = List.of();
                continue;
            }
            fetchPage();
        }
        close();
        return false;
    }

    /** Whether the scanned {@code object} is a row of the scan: then it is {@link #current}. */
    private boolean scanned(Json object) {
        String id = idOf(object);
        if (keysAreIds) {
            if (id == null || !unresolved.remove(id)) {
                return false; // another object, or one the walk already returned
            }
            resolved++;
        }
        current = rows.row(object);
        if (current != null && returned != null && id != null && !returned.add(id)) {
            current = null; // the walk returned it already
        }
        return current != null;
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
        if (lookedUp != null) {
            lookedUp.close();
        }
    }
}
