package org.stripejdbc.engine;

import java.util.List;
import org.stripejdbc.sql.Expr;

/** A planned scan of one {@link TableSource}. */
public interface ScanPlan {
    /**
     * The conjuncts the executor must still evaluate on every row. A conjunct pushed exactly is not here; one
     * pushed approximately stays here too. Empty means the scan's rows are exactly the filtered rows, so a
     * LIMIT above it can be pushed into {@link #open}.
     */
    List<Expr> residual();

    /**
     * Starts the scan. {@code limit} is the number of rows the caller will read at most (-1 = all): only pass
     * one when {@link #residual()} is empty and nothing above reorders, aggregates or deduplicates. The scan
     * must not fetch more than it needs to give that many rows, and fetches lazily as rows are pulled.
     */
    RowIterator open(ExecutionContext context, long limit);

    /**
     * Lines describing the plan for EXPLAIN (requests: method, path, params, page size, how many at most;
     * residual conditions). Must not contain secrets.
     */
    List<String> explain(ExecutionContext context);

    /**
     * An upper bound on the rows the scan returns, known without running it (a retrieve by {@code id = 'x'} gives
     * 1, by {@code id IN (...)} the number of ids), or -1 when unknown. Used to decide whether a join fetches its
     * other side per key.
     */
    default long maximumRows() {
        return -1;
    }

    /**
     * Starts the scan with exactly the requests its conditions name, as the inner side of a keyed join whose keys
     * arrive as a parameter ({@code id = ANY($n)}): where {@link #open} may choose a scan of the table instead of
     * a request per key ({@link LookupOrScan}), the engine has already chosen the lookups here. {@code limit} as in
     * {@link #open}.
     */
    default RowIterator openLookups(ExecutionContext context, long limit) {
        return open(context, limit);
    }

    /** The plan as {@link #openLookups} would run it. */
    default List<String> explainLookups(ExecutionContext context, long limit) {
        return explain(context, limit);
    }

    /**
     * Asked before a scan opened with {@link #openPaged} requests its next page: false pauses the scan there.
     */
    @FunctionalInterface
    interface PageGate {
        /** Whether the scan, which has read {@code pagesRead} pages, may request the next one. */
        boolean mayRead(int pagesRead);
    }

    /**
     * Starts the whole scan ({@code limit} -1) one sequential page at a time, each page only when the caller needs
     * its rows, asking {@code gate} before every page after the first: when the gate says no, {@link RowIterator#next}
     * returns false with the scan <em>paused</em>, and a later {@code next()} asks the gate again (a semi join reads a
     * table while its pages pay off, then looks the rest up; {@link LookupOrScan}). A plan that cannot pause reads
     * to its end and never asks (the default).
     */
    default RowIterator openPaged(ExecutionContext context, PageGate gate) {
        return open(context, -1);
    }

    /** The plan as {@link #open(ExecutionContext, long) open(context, limit)} would run it. */
    default List<String> explain(ExecutionContext context, long limit) {
        return explain(context);
    }

    /**
     * The order the scan's rows come in when it is opened with {@link #openInOrder}, or null when it promises none
     * (the default). Example: a Stripe list walk, {@code created} descending; a retrieve by ids or a walk per
     * value of an {@code IN} list, none.
     */
    default ScanOrder order() {
        return null;
    }

    /**
     * Starts the scan so that its rows come in {@link #order()}: one sequential read, never split into parts read
     * at once. {@code limit} as in {@link #open}. With {@code readAhead} false nothing is requested before the
     * caller pulls the rows that need it (a top-N that stops at a value it cannot foresee); with true the scan may
     * request its next page while the caller reads the current one, as {@link #open} does. Only called when
     * {@link #order()} is not null.
     */
    default RowIterator openInOrder(ExecutionContext context, long limit, boolean readAhead) {
        throw new UnsupportedOperationException("this scan promises no order");
    }

    /** The plan as {@link #openInOrder(ExecutionContext, long, boolean)} would run it. */
    default List<String> explainInOrder(ExecutionContext context, long limit, boolean readAhead) {
        return explain(context, limit);
    }
}
