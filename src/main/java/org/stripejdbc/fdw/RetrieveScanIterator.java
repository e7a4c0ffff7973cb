package org.stripejdbc.fdw;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.stripe.StripeClient;

/**
 * One {@code GET <path>/<id>} per id, rows in the order of the ids; a 404 (empty answer) gives no row
 * (upstream §5, §9 row 3).
 *
 * <p>One id is retrieved on the calling thread by the first {@link #next()}. Several ids run with bounded
 * concurrency: at most {@code parallelism} requests are in flight, on a pool this iterator owns and shuts
 * down when exhausted or closed; when a limit was given, no more retrieves are started than rows still
 * needed. {@link #close()} cancels the retrieves still running. Example: {@code id IN ('a', 'b', 'c')} with
 * parallelism 8 → the three GETs run at once and rows come back as a, b, c.
 */
final class RetrieveScanIterator extends ScanIterator {
    static final int DEFAULT_PARALLELISM = 8;
    private static final long POLL_MILLISECONDS = 50;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final StripeClient client;
    private final String path;
    private final List<String> ids;
    private final long limit;
    private final int parallelism;
    private final ScanRows rows;
    private final ScanProgress progress;
    private final QueryControl control;
    private final String table;
    private final ArrayDeque<Future<Optional<Json>>> inFlight = new ArrayDeque<>();

    private ExecutorService executor;
    private int nextToSubmit;
    private long delivered;
    private boolean finished;

    RetrieveScanIterator(
            StripeClient client,
            String path,
            List<String> ids,
            long limit,
            int parallelism,
            ScanRows rows,
            ScanProgress progress,
            QueryControl control,
            String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.path = Objects.requireNonNull(path, "path");
        this.ids = List.copyOf(ids);
        this.limit = limit;
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        this.parallelism = parallelism;
        this.rows = Objects.requireNonNull(rows, "rows");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.control = Objects.requireNonNull(control, "control");
        this.table = Objects.requireNonNull(table, "table");
        this.finished = this.ids.isEmpty() || limit == 0;
    }

    @Override
    public boolean next() {
        current = null;
        while (!finished) {
            if (limit >= 0 && delivered >= limit) {
                break;
            }
            startRetrieves();
            if (inFlight.isEmpty()) {
                break;
            }
            Optional<Json> object = await(inFlight.poll());
            progress.pageFetched(object.isPresent() ? 1 : 0);
            current = object.map(rows::row).orElse(null);
            if (current != null) {
                delivered++;
                return true;
            }
        }
        close();
        return false;
    }

    private void startRetrieves() {
        while (nextToSubmit < ids.size()
                && inFlight.size() < parallelism
                && (limit < 0 || delivered + inFlight.size() < limit)) {
            String id = ids.get(nextToSubmit++);
            if (parallelism == 1 || ids.size() == 1) {
                progress.beforeRequest();
                inFlight.add(CompletableFuture.completedFuture(retrieve(id)));
            } else {
                inFlight.add(executor().submit(() -> {
                    control.checkCancelled();
                    return retrieve(id);
                }));
            }
        }
    }

    private Optional<Json> retrieve(String id) {
        Optional<Json> object = client.retrieve(path, id, progress.options());
        return object == null ? Optional.empty() : object;
    }

    private ExecutorService executor() {
        if (executor == null) {
            int pool = POOLS.incrementAndGet();
            AtomicInteger threads = new AtomicInteger();
            ThreadFactory factory = runnable -> {
                Thread thread = new Thread(
                        runnable,
                        "stripe-jdbc-retrieve-" + pool + "-" + threads.incrementAndGet() + " (" + table + ")");
                thread.setDaemon(true);
                return thread;
            };
            executor = Executors.newFixedThreadPool(Math.min(parallelism, ids.size()), factory);
        }
        return executor;
    }

    /** Waits for a retrieve, checking for cancellation while it runs. */
    private Optional<Json> await(Future<Optional<Json>> future) {
        while (true) {
            try {
                return future.get(POLL_MILLISECONDS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                try {
                    control.checkCancelled();
                } catch (RuntimeException cancelled) {
                    close();
                    throw cancelled;
                }
            } catch (ExecutionException e) {
                close();
                Throwable cause = e.getCause();
                if (cause instanceof StripeJdbcException stripe) {
                    throw stripe;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new StripeJdbcException(
                        SqlState.FDW_ERROR, "retrieving from " + table + " failed: " + cause, cause);
            } catch (CancellationException e) {
                close();
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "the scan of " + table + " was closed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "interrupted while reading " + table, e);
            }
        }
    }

    @Override
    public void close() {
        finished = true;
        for (Future<Optional<Json>> future : inFlight) {
            future.cancel(true);
        }
        inFlight.clear();
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
