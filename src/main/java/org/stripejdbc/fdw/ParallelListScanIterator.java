package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * A list walk split into {@code created} slices walked concurrently: the scan of a large table at the speed of the
 * rate limit rather than of one request after the other.
 *
 * <p>How it runs:
 * <ol>
 *   <li>The first {@link ListScanIterator#ON_DEMAND_PAGES} pages are requested exactly as a sequential walk requests
 *       them ({@code GET customers?limit=100}, then {@code starting_after}), on the calling thread, each only when
 *       the reader needs it: the first row costs one request, a table of one or two pages never starts a thread,
 *       and a reader that stops within them (an IDE showing 200 rows) makes no request more.</li>
 *   <li>When the last of those pages has more and has been read, the rest is {@code [lower bound, created of the
 *       page's last object]}, whose newest second is partly read (the {@code starting_after} id lies in it). A
 *       walker thread goes on walking it with {@code starting_after}, as the sequential walk would.</li>
 *   <li>After each page, a walker with the most left to list splits off the older part of its slice for idle
 *       walkers ({@link SliceWork}, cut by {@link SliceSplitter} into half-open slices of whole seconds,
 *       {@code created[gte]=a&created[lt]=b}, sized by the page's density). Every slice ends on a partly filled
 *       page, so splitting is bounded by the scan's request budget: one slice more for every four requests the
 *       objects listed so far need at least, so that a scan never makes more than 1.25 times the requests of the
 *       sequential walk (1,000 customers: 10 to 12 instead of 10; 20,000: about 210 instead of 200). A second is never
 *       split: the objects that share it are paged with {@code starting_after}.</li>
 *   <li>Up to {@code parallelism} walker threads walk the slices, fewer when the client paces itself to a rate that
 *       fewer keep busy ({@link StripeClient#pacedRequestsPerSecond()} × the time the first pages took, plus a
 *       quarter): walkers beyond those only wait for the rate limiter, and the slices they would take cost
 *       requests.</li>
 *   <li>Walkers shape rows and hand whole pages to this iterator through a {@link PageBuffer} of
 *       {@code 2 × parallelism} slots: memory holds at most that many pages besides the one being read, however
 *       slow the reader.</li>
 * </ol>
 * Every object the sequential walk would list is returned exactly once: the slices are disjoint and together cover
 * the walk's range, and each slice is paged to its end. Objects created after the scan started are not listed
 * (the first page fixes the newest second), as with a sequential walk.
 *
 * <p>Row order: the first page's rows come first (the newest objects), then pages of different slices interleave
 * in the order they arrive; inside one slice rows are newest first. A query that needs an order has ORDER BY, which
 * the executor evaluates locally.
 *
 * <p>With a LIMIT (only used above {@link ScanParallelism#SEQUENTIAL_LIMIT}), a {@link RowAllowance} makes sure the
 * walkers never request more objects in all than the LIMIT needs. Every request goes through the same
 * {@link StripeClient}, hence through its shared rate limiter. {@link #close()} (or the reader stopping at the LIMIT)
 * stops every walker; the first walker failure is thrown by the next {@link #next()}; a cancelled statement stops
 * the reader within {@value #POLL_MILLISECONDS} ms and the walkers at their next request.
 */
final class ParallelListScanIterator extends ScanIterator {
    static final long POLL_MILLISECONDS = 50;
    /** Walkers started beyond those the client's rate keeps busy, as a factor (page times vary). */
    static final double WALKER_HEADROOM = 1.25;

    private static final List<Object[]> NO_ROWS = List.of();
    private static final AtomicInteger SCANS = new AtomicInteger();

    private final StripeClient client;
    private final String path;
    private final List<QueryParameter> walk;
    private final List<Map.Entry<String, String>> baseParameters;
    private final CreatedSlice range;
    private final long limit;
    private final int parallelism;
    private final ScanRows rows;
    private final ScanProgress progress;
    private final QueryControl control;
    private final String table;

    private List<Object[]> page = NO_ROWS;
    private int position;
    private long delivered;
    private int probes;
    private boolean finished;
    private String probeLastId;
    private PageDensity probeDensity;
    private long probeObjects;
    /** The shortest time one of the first pages took, in nanoseconds (0 before the first). */
    private long probeNanos;

    private ExecutorService executor;
    private PageBuffer buffer;
    private SliceWork work;
    private RowAllowance allowance;
    private final AtomicInteger runningWalkers = new AtomicInteger();
    private int walkerCount;

    /**
     * @param walk        the walk's parameters as a sequential walk would send them (without limit and
     *                    starting_after), including its own {@code created} bounds
     * @param limit       rows at most, -1 for all
     * @param parallelism walker threads, at least 2
     */
    ParallelListScanIterator(
            StripeClient client,
            String path,
            List<QueryParameter> walk,
            long limit,
            int parallelism,
            ScanRows rows,
            ScanProgress progress,
            QueryControl control,
            String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.walk = List.copyOf(walk);
        List<Map.Entry<String, String>> base = new ArrayList<>();
        for (QueryParameter parameter : CreatedSlice.withoutCreatedBounds(this.walk)) {
            base.add(parameter.toEntry());
        }
        this.baseParameters = List.copyOf(base);
        CreatedSlice walkRange = CreatedSlice.of(this.walk);
        this.range = walkRange;
        this.limit = limit;
        if (parallelism < 2) {
            throw new IllegalArgumentException("a parallel scan needs at least 2 walkers: " + parallelism);
        }
        this.parallelism = parallelism;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.control = Objects.requireNonNull(control, "control");
        this.table = Objects.requireNonNull(table, "table");
        this.finished = walkRange == null || limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                close();
                break;
            }
            if (position < page.size()) {
                current = page.get(position++);
                delivered++;
                return true;
            }
            page = NO_ROWS;
            position = 0;
            if (probes == 0 || (probes < ListScanIterator.ON_DEMAND_PAGES && probeLastId != null)) {
                probe();
            } else if (buffer == null) {
                if (probeLastId == null) {
                    finished = true;
                } else {
                    startWalkers();
                }
            } else {
                List<Object[]> next = awaitPage();
                if (next == PageBuffer.END) {
                    finished = true;
                    executor.shutdown();
                } else {
                    page = next;
                }
            }
        }
        page = NO_ROWS;
        return false;
    }

    /**
     * One of the first {@link ListScanIterator#ON_DEMAND_PAGES} pages, on the calling thread when the reader needs
     * it, exactly as a sequential walk sends it: a reader that stops within them (an IDE showing 200 rows) makes no
     * request more than a sequential walk would.
     */
    private void probe() {
        probes++;
        long size = limit >= 0
                ? Math.min(ListScanIterator.MAX_PAGE_SIZE, limit - delivered)
                : ListScanIterator.MAX_PAGE_SIZE;
        String startingAfter = probeLastId;
        long started = System.nanoTime();
        StripePage response = progress.list(client, path, ListScanIterator.pageParameters(walk, size, startingAfter));
        long took = Math.max(1, System.nanoTime() - started);
        probeNanos = probeNanos == 0 ? took : Math.min(probeNanos, took);
        page = shape(response.data(), null, null);
        probeObjects += response.data().size();
        position = 0;
        String lastId = response.lastId();
        if (response.hasMore() && lastId != null && !lastId.equals(startingAfter)) {
            probeLastId = lastId;
            probeDensity = PageDensity.of(response.data())
                    .filter(d -> range.contains(d.oldest()))
                    .orElse(null);
        } else {
            probeLastId = null;
            probeDensity = null;
        }
    }

    private void startWalkers() {
        // The walk goes on alone from where the first pages ended; it splits as the request budget allows
        // (SliceWork), which after two pages is one slice.
        CreatedSlice rest = probeDensity == null ? range : new CreatedSlice(range.from(), probeDensity.oldest() + 1);
        int walkers = walkers();
        walkerCount = walkers;
        work = new SliceWork(List.of(new SliceWork.Walk(rest, probeLastId)), walkers, busyTarget(), probeObjects);
        allowance = limit < 0 ? RowAllowance.unlimited() : RowAllowance.of(limit - delivered);
        buffer = new PageBuffer(2 * parallelism, Math.max(2, (parallelism + 1) / 2));
        int scan = SCANS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(
                    runnable, "stripe-jdbc-scan-" + scan + "-" + threads.incrementAndGet() + " (" + table + ")");
            thread.setDaemon(true);
            return thread;
        };
        executor = Executors.newFixedThreadPool(walkers, factory);
        runningWalkers.set(walkers);
        for (int i = 0; i < walkers; i++) {
            executor.execute(this::runWalker);
        }
    }

    /**
     * The walkers to start: {@code parallelism}, or fewer when the client paces itself to a rate that fewer keep
     * busy. A walker has one request in flight at a time, so {@code rate × page time} walkers spend the whole rate;
     * more would only wait for the rate limiter, and each slice they walked could cost a request. Example: 100
     * requests/s and pages of 50 ms: {@code ⌈100 × 0.05 × 1.25⌉ + 1 = 8} walkers, also when 16 are allowed.
     */
    private int walkers() {
        double busy = busyWalkers();
        return busy == 0
                ? parallelism
                : (int) Math.max(2, Math.min(parallelism, Math.ceil(busy * WALKER_HEADROOM) + 1));
    }

    /**
     * The walkers worth keeping busy: with a rate limit, {@code ⌈rate × page time⌉ + 1} (at most the walkers), as
     * more walking at once is not faster; without one, every walker.
     */
    private int busyTarget() {
        double busy = busyWalkers();
        return busy == 0 ? walkerCount : (int) Math.min(walkerCount, Math.ceil(busy) + 1);
    }

    /** {@code rate × page time}: the walkers that spend the client's rate, 0 when it has none. */
    private double busyWalkers() {
        double rate = client.pacedRequestsPerSecond();
        return rate > 0 && probeNanos > 0 ? rate * probeNanos / 1e9 : 0;
    }

    /** Waits for the next page, checking for cancellation while the walkers work. */
    private List<Object[]> awaitPage() {
        try {
            while (true) {
                control.checkCancelled();
                List<Object[]> next = buffer.take(POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StripeJdbcException(SqlState.QUERY_CANCELED, "interrupted while reading " + table, e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------------ walkers

    private void runWalker() {
        try {
            SliceWork.Walk walk;
            while ((walk = work.next()) != null) {
                try {
                    walkSlice(walk);
                } finally {
                    work.done(walk);
                }
            }
        } catch (InterruptedException e) {
            if (!work.stopped()) {
                failed(new StripeJdbcException(SqlState.QUERY_CANCELED, "interrupted while reading " + table, e));
            }
        } catch (Throwable e) {
            failed(e);
        } finally {
            if (runningWalkers.decrementAndGet() == 0) {
                buffer.finish();
            }
        }
    }

    /** Pages through one slice until it ends, the LIMIT is covered, or the scan stops. */
    private void walkSlice(SliceWork.Walk walk) throws InterruptedException {
        while (!work.stopped()) {
            if (!buffer.acquireSlot()) {
                return;
            }
            boolean slotUsed = false;
            try {
                int size = allowance.reserve(ListScanIterator.MAX_PAGE_SIZE);
                if (size == 0) {
                    work.stop();
                    return;
                }
                StripePage response;
                List<Object[]> rows;
                try {
                    progress.beforeRequest();
                    response = client.list(path, parameters(walk, size), progress.options());
                    progress.pageFetched(response.data().size());
                    int[] listed = new int[1];
                    rows = shape(response.data(), walk.slice(), listed);
                    work.listed(listed[0]);
                } catch (RuntimeException e) {
                    allowance.settle(size, 0);
                    throw e;
                }
                // Only rows that hold count towards a LIMIT: what a server returned beyond its filters is free again.
                allowance.settle(size, rows.size());
                if (!rows.isEmpty()) {
                    buffer.put(rows);
                    slotUsed = true;
                }
                String lastId = response.lastId();
                if (!response.hasMore() || lastId == null || lastId.equals(walk.startingAfter())) {
                    return;
                }
                Optional<PageDensity> density =
                        PageDensity.of(response.data()).filter(d -> walk.slice().contains(d.oldest()));
                if (density.isPresent()) {
                    long last = density.get().oldest();
                    walk.advance(lastId, new CreatedSlice(walk.slice().from(), last + 1));
                    work.offerSplit(walk, last, density.get());
                } else {
                    walk.advance(lastId, walk.slice());
                }
            } finally {
                if (!slotUsed) {
                    buffer.releaseSlot();
                }
            }
        }
    }

    private List<Map.Entry<String, String>> parameters(SliceWork.Walk walk, int size) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>(baseParameters);
        parameters.addAll(walk.slice().parameters());
        parameters.add(new SimpleImmutableEntry<>("limit", Integer.toString(size)));
        if (walk.startingAfter() != null) {
            parameters.add(new SimpleImmutableEntry<>("starting_after", walk.startingAfter()));
        }
        return parameters;
    }

    /**
     * The rows of a page: those that pass the scan's pushed conditions and, for a slice's page, whose {@code created}
     * lies in the slice (a server that ignores {@code created[gte]}/{@code created[lt]} would otherwise make every
     * slice return the same objects). {@code listed[0]}, when given, receives the number of the slice's objects.
     */
    private List<Object[]> shape(List<Json> objects, CreatedSlice slice, int[] listed) {
        if (objects.isEmpty()) {
            return NO_ROWS;
        }
        List<Object[]> shaped = new ArrayList<>(objects.size());
        int inSlice = 0;
        for (Json object : objects) {
            Long created = slice == null ? null : PageDensity.createdSecond(object);
            if (created != null && !slice.contains(created)) {
                continue; // another slice's object
            }
            inSlice++;
            Object[] row = rows.row(object);
            if (row != null) {
                shaped.add(row);
            }
        }
        if (listed != null) {
            listed[0] = inSlice;
        }
        return shaped;
    }

    private void failed(Throwable error) {
        if (work.stopped()) {
            return;
        }
        work.stop();
        allowance.close();
        Throwable reported = error instanceof RuntimeException || error instanceof Error
                ? error
                : new StripeJdbcException(SqlState.FDW_ERROR, "scanning " + table + " failed: " + error, error);
        buffer.fail(reported);
    }

    // ------------------------------------------------------------------------------------------------ reader

    @Override
    public void close() {
        finished = true;
        page = NO_ROWS;
        current = null;
        if (buffer != null) {
            work.stop();
            allowance.close();
            buffer.close();
            executor.shutdownNow();
        }
    }

    /** Waits until every walker thread has ended (tests: close really stops the walkers). */
    boolean awaitWalkers(long timeout, TimeUnit unit) throws InterruptedException {
        return executor == null || executor.awaitTermination(timeout, unit);
    }

    /** The buffer between walkers and reader, once the walkers started (tests: the memory bound). */
    PageBuffer buffer() {
        return buffer;
    }

    /** How many walker threads the scan started (0 before it started any). */
    int walkerCount() {
        return walkerCount;
    }

    /** The slices, once the walkers started (tests: how the range was split). */
    SliceWork work() {
        return work;
    }
}
