package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;
import org.stripejdbc.stripe.objects.StripeObject.ParentKey;

/**
 * The scan of a child table ({@code invoice_line_items}, object {@code invoices/{invoice}/lines}): one
 * {@link ListScanIterator} per parent id, one after the other, each row carrying its parent's id in the parent key
 * column.
 *
 * <p>Keyed (the walks carry the parent key, from {@code invoice = 'in_1'}, {@code invoice IN (...)} or a keyed
 * join's {@code invoice = ANY($n)}): the key leaves the query and goes into the path,
 * {@code GET /v1/invoices/in_1/lines?limit=100}, then {@code in_2}'s. Unkeyed: the parent list is walked
 * ({@code GET /v1/invoices?limit=100}, paging while has_more), and after each page every parent's child list in
 * turn, so only one page of parents and one of children is held. The parent's embedded first page
 * ({@code attrs->'lines'}) is never read: a long invoice's lines are all paged.
 *
 * <pre>
 *   select * from invoice_line_items where invoice in ('in_1', 'in_2') limit 150
 *     → GET /v1/invoices/in_1/lines?limit=100 ... GET /v1/invoices/in_2/lines?limit=50
 * </pre>
 * A key that cannot be an id ({@code '../x'}, {@code ''}) matches no parent: no request.
 */
final class ChildListScanIterator extends ScanIterator {
    /** What a Stripe id looks like; anything else is no parent's id (and must not reach the path). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final StripeClient client;
    private final String objectPath;
    private final ParentKey parent;
    private final List<List<QueryParameter>> walks;
    private final boolean keyed;
    private final boolean paged;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;

    private int walk;
    private List<Json> parentPage = List.of();
    private int parentPosition;
    private boolean parentStarted;
    private boolean parentHasMore;
    private String parentAfter;
    /** The current parent's child list: a paged walk, or the rows of an unpaged list's one answer. */
    private ListScanIterator child;

    private List<Json> unpaged = List.of();
    private int unpagedPosition;
    private ScanRows unpagedRows;
    private long delivered;
    private boolean finished;

    ChildListScanIterator(
            StripeClient client,
            String objectPath,
            ParentKey parent,
            boolean paged,
            List<List<QueryParameter>> walks,
            long limit,
            ScanRows rows,
            ScanProgress progress) {
        this.client = Objects.requireNonNull(client, "client");
        this.objectPath = Objects.requireNonNull(objectPath, "objectPath");
        this.parent = Objects.requireNonNull(parent, "parent");
        this.walks = List.copyOf(walks);
        this.keyed = isKeyed(this.walks, parent);
        this.paged = paged;
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.finished = this.walks.isEmpty() || limit == 0;
    }

    /** Whether the walks carry the parent key (then one walk per key), else the parent list is walked. */
    static boolean isKeyed(List<List<QueryParameter>> walks, ParentKey parent) {
        return !walks.isEmpty() && walks.get(0).stream().anyMatch(p -> p.name().equals(parent.column()));
    }

    /** The walk's query without the parent key, which goes into the path. */
    static List<QueryParameter> childQuery(List<QueryParameter> walk, ParentKey parent) {
        return walk.stream().filter(p -> !p.name().equals(parent.column())).toList();
    }

    /** The parent id of a keyed walk. */
    static QueryParameter parentParameter(List<QueryParameter> walk, ParentKey parent) {
        return walk.stream()
                .filter(p -> p.name().equals(parent.column()))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                break;
            }
            if (unpagedPosition < unpaged.size()) {
                current = unpagedRows.row(unpaged.get(unpagedPosition++));
                if (current != null) {
                    delivered++;
                    return true;
                }
                continue;
            }
            if (child != null) {
                if (child.next()) {
                    current = child.current();
                    delivered++;
                    return true;
                }
                child.close();
                child = null;
            }
            String id;
            List<QueryParameter> query;
            if (keyed) {
                if (walk >= walks.size()) {
                    break;
                }
                List<QueryParameter> w = walks.get(walk++);
                id = parentParameter(w, parent).value().text();
                query = childQuery(w, parent);
            } else {
                id = nextParentId();
                if (id == null) {
                    break;
                }
                query = walks.get(0);
            }
            if (!ID.matcher(id).matches()) {
                continue; // Security: never a path segment of another shape (no ../, no other endpoint)
            }
            if (!paged) {
                // A list without paging parameters (an account's capabilities): one request holds them all.
                List<Map.Entry<String, String>> parameters = new ArrayList<>();
                query.forEach(p -> parameters.add(p.toEntry()));
                unpaged = progress.list(client, parent.childPath(objectPath, id), parameters)
                        .data();
                unpagedPosition = 0;
                unpagedRows = rows.withParent(parent.column(), id, sent(query));
                continue;
            }
            child = new ListScanIterator(
                    client,
                    parent.childPath(objectPath, id),
                    List.of(query),
                    limit < 0 ? -1 : limit - delivered,
                    rows.withParent(parent.column(), id, sent(query)),
                    progress);
        }
        close();
        return false;
    }

    /** The plain parameters of a walk ({@code customer=cus_1}, not {@code created[gte]=...}), by name. */
    private static Map<String, String> sent(List<QueryParameter> query) {
        Map<String, String> sent = new java.util.LinkedHashMap<>();
        for (QueryParameter parameter : query) {
            if (!parameter.name().contains("[")) {
                sent.putIfAbsent(parameter.name(), parameter.value().text());
            }
        }
        return sent;
    }

    /** The next parent of the unkeyed walk, paging the parent list as needed; null after the last. */
    private String nextParentId() {
        while (true) {
            if (parentPosition < parentPage.size()) {
                Json id = parentPage.get(parentPosition++).get("id");
                if (id != null && id.stringValue() != null) {
                    return id.stringValue();
                }
                continue;
            }
            if (parentStarted && !parentHasMore) {
                return null;
            }
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            parameters.add(new SimpleImmutableEntry<>("limit", Integer.toString(ListScanIterator.MAX_PAGE_SIZE)));
            if (parentAfter != null) {
                parameters.add(new SimpleImmutableEntry<>("starting_after", parentAfter));
            }
            StripePage page = progress.list(client, parent.parentPath(), parameters);
            parentStarted = true;
            parentPage = page.data();
            parentPosition = 0;
            String lastId = page.lastId();
            parentHasMore = page.hasMore() && lastId != null && !lastId.equals(parentAfter);
            parentAfter = lastId;
        }
    }

    @Override
    public void close() {
        finished = true;
        current = null;
        parentPage = List.of();
        unpaged = List.of();
        if (child != null) {
            child.close();
            child = null;
        }
    }
}
