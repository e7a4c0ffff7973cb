package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.stripejdbc.engine.ScanPlan;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
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
 * already returned are skipped (the ids seen are the only state kept across pages). Only rows that pass the scan's
 * pushed conditions ({@link ScanRows}) count towards the LIMIT: when a server returns rows the filters should have
 * excluded, the walk pages on until it has enough rows that hold.
 *
 * <p><b>Read-ahead.</b> The first {@value #ON_DEMAND_PAGES} pages are requested only when the reader needs them
 * (an IDE showing the first 200 rows makes exactly the requests those rows need). A reader that asks for more
 * is reading on: from then on, as soon as a page arrives and its walk has more, the next page is requested on a
 * background thread while the reader works through the current one, so the network and Stripe's answer time
 * overlap with the reader's work. Still one request at a time (the next is only sent once the previous arrived)
 * and at most two pages held; never past a LIMIT; a failure of the page read ahead is thrown when the reader
 * reaches it; {@link #close()} abandons it.
 *
 * <p><b>Streamed pages.</b> The read-ahead thread only sends the request and takes the body with its frame
 * ({@code has_more}, the count and the last id: all the next request needs); the page's objects are built here, on
 * the reading thread, each as {@link #next()} reaches it ({@link StripePage#objects()}), while the next page is on
 * its way. So the chain that paces a sequential scan (request, the server's answer, the frame) no longer holds the
 * parsing, which overlaps it. A malformed object fails when it is reached, naming the request.
 */
final class ListScanIterator extends ScanIterator {
    static final int MAX_PAGE_SIZE = 100;
    /** Pages requested only on demand before read-ahead starts. */
    static final int ON_DEMAND_PAGES = 2;
    /** How often a reader waiting for the page read ahead checks for cancellation. */
    private static final long POLL_MILLISECONDS = 50;

    private static final AtomicInteger READERS = new AtomicInteger();
    /**
     * The threads that read pages ahead, shared by every scan of the JVM: a thread per scan reading ahead at that
     * moment, ended after a minute without work (so an abandoned result set leaves no thread behind).
     */
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "stripe-jdbc-read-ahead-" + READERS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private final StripeClient client;
    private final String path;
    private final List<List<QueryParameter>> walks;
    private final long limit;
    private final ScanRows rows;
    private final ScanProgress progress;
    private final Set<String> seenIds;
    private final boolean readAhead;
    /** Asked before each page after a walk's first, or null ({@link ScanPlan#openPaged}). */
    private final ScanPlan.PageGate gate;

    private int walk;
    private boolean walkStarted;
    private boolean walkHasMore;
    private String startingAfter;
    /** The current page's objects not read yet, each built when reached ({@link StripePage#objects()}). */
    private Iterator<Json> page = Collections.emptyIterator();

    private long delivered;
    private boolean finished;
    private long objectsWithoutId;
    private int pagesFetched;
    private Future<StripePage> nextPage;
    /** Whether the server returned rows its filters should have excluded: LIMIT pages are then full pages. */
    private boolean rowsDropped;

    ListScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> walks,
            long limit,
            ScanRows rows,
            ScanProgress progress) {
        this(client, path, walks, limit, rows, progress, true);
    }

    /**
     * A walk that never reads ahead when {@code readAhead} is false: every page is requested only when the reader
     * needs it (an ordered read whose reader stops at a value it cannot foresee).
     */
    ListScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> walks,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            boolean readAhead) {
        this(client, path, walks, limit, rows, progress, readAhead, null);
    }

    /**
     * Walks that skip the objects whose ids are in {@code returned} (and add the ids they return to it): the walks
     * per value that run after a scan gave up ({@link LookupOrScanIterator}), which returned those already.
     */
    ListScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> walks,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            boolean readAhead,
            Set<String> returned) {
        this(client, path, walks, limit, rows, progress, readAhead, returned, null);
    }

    /**
     * One walk without read-ahead that asks {@code gate} before each page after the first and pauses when it says
     * no ({@link ScanPlan#openPaged}): {@link #next()} then returns false, and asks again when called again.
     */
    ListScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> walks,
            ScanRows rows,
            ScanProgress progress,
            ScanPlan.PageGate gate) {
        this(client, path, walks, -1, rows, progress, false, null, Objects.requireNonNull(gate, "gate"));
    }

    private ListScanIterator(
            StripeClient client,
            String path,
            List<List<QueryParameter>> walks,
            long limit,
            ScanRows rows,
            ScanProgress progress,
            boolean readAhead,
            Set<String> returned,
            ScanPlan.PageGate gate) {
        this.readAhead = readAhead;
        this.gate = gate;
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.walks = List.copyOf(walks);
        this.limit = limit;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.seenIds = returned != null ? returned : this.walks.size() > 1 ? new HashSet<>() : null;
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
            if (page.hasNext()) {
                Json object = page.next();
                if (seenIds != null && !seenIds.add(idOf(object))) {
                    continue;
                }
                current = rows.row(object);
                if (current == null) {
                    rowsDropped = true; // a deleted marker, or a row a pushed condition does not hold for
                    continue;
                }
                delivered++;
                return true;
            }
            if (!walkStarted || walkHasMore) {
                if (walkStarted && gate != null && !gate.mayRead(pagesFetched)) {
                    return false; // paused: the next call asks again
                }
                fetchPage();
            } else if (walk + 1 < walks.size()) {
                walk++;
                walkStarted = false;
                walkHasMore = false;
                startingAfter = null;
                page = Collections.emptyIterator();
            } else {
                finished = true;
            }
        }
        page = Collections.emptyIterator();
        stopReadAhead();
        return false;
    }

    private void stopReadAhead() {
        if (nextPage != null) {
            nextPage.cancel(true);
            nextPage = null;
        }
    }

    private void fetchPage() {
        StripePage response;
        if (nextPage != null) {
            response = await(nextPage);
            nextPage = null;
        } else {
            response = request(requestParameters(pageSize(limit - delivered)));
        }
        pagesFetched++;
        walkStarted = true;
        String lastId = response.lastId();
        // Stop on has_more without a usable last id (an empty page, or the same id again): following it
        // would loop forever.
        walkHasMore = response.hasMore() && lastId != null && !lastId.equals(startingAfter);
        startingAfter = lastId;
        readAheadIfReadingOn(response.size());
        // Requested before this page's objects are built: they are built here, as the reader reaches each, while
        // the next page's exchange runs on the read-ahead thread.
        page = response.objects();
    }

    /**
     * Requests the walk's next page in the background once the reader has gone past the on-demand pages, unless
     * the current page may be the last one needed (a LIMIT the rows at hand could fill).
     */
    private void readAheadIfReadingOn(int pageSize) {
        if (!readAhead || pagesFetched <= ON_DEMAND_PAGES || !walkHasMore) {
            return;
        }
        long needed = limit >= 0 ? limit - delivered - pageSize : MAX_PAGE_SIZE;
        if (needed <= 0) {
            return;
        }
        List<Map.Entry<String, String>> parameters = requestParameters(pageSize(needed));
        nextPage = READ_AHEAD.submit(() -> request(parameters));
    }

    /**
     * The page size for {@code needed} more rows: just that many under a LIMIT, unless the server has returned rows
     * its filters should have excluded (then small pages would only multiply requests); else full pages.
     */
    private long pageSize(long needed) {
        return limit >= 0 && !rowsDropped ? needed : MAX_PAGE_SIZE;
    }

    private List<Map.Entry<String, String>> requestParameters(long needed) {
        return pageParameters(walks.get(walk), Math.min(MAX_PAGE_SIZE, needed), startingAfter);
    }

    /**
     * The query of one page of a walk: the walk's parameters, {@code limit}, and {@code starting_after} the last id
     * of the page before (none on the first page): {@code customer=cus_1&limit=100&starting_after=ch_9}.
     */
    static List<Map.Entry<String, String>> pageParameters(List<QueryParameter> walk, long limit, String startingAfter) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        for (QueryParameter parameter : walk) {
            parameters.add(parameter.toEntry());
        }
        parameters.add(new SimpleImmutableEntry<>("limit", Long.toString(limit)));
        if (startingAfter != null) {
            parameters.add(new SimpleImmutableEntry<>("starting_after", startingAfter));
        }
        return parameters;
    }

    private StripePage request(List<Map.Entry<String, String>> parameters) {
        return progress.list(client, path, parameters);
    }

    /** The page read ahead, waiting for it while checking for cancellation; its failure is thrown here. */
    private StripePage await(Future<StripePage> future) {
        try {
            while (true) {
                progress.beforeRequest();
                try {
                    return future.get(POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still in flight: check for cancellation again
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new StripeJdbcException(
                    SqlState.FDW_ERROR, "reading the next page of " + path + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement: the thread was interrupted");
        } catch (CancellationException e) {
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    private String idOf(Json object) {
        Json id = object == null ? null : object.get("id");
        String text = id == null ? null : id.stringValue();
        // Objects without a string id cannot be deduplicated; give each its own key.
        return text != null ? text : "\u0000" + (objectsWithoutId++);
    }

    @Override
    public void close() {
        finished = true;
        page = Collections.emptyIterator();
        current = null;
        stopReadAhead();
    }
}
