package org.stripejdbc.driver;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The rows of one open cursor, as the result set reads them: one engine row per {@code ResultSet.next()},
 * never a row ahead. Avatica's own fetch iterator moves to the next row as soon as it hands out the current
 * one, so reading row 100 of a 100-row Stripe page used to request the next page before the caller asked for
 * row 101; this iterator asks the engine for a row only in {@link #hasNext()}, which the cursor calls from
 * {@code ResultSet.next()}.
 *
 * <p>The first row is read when the cursor is created (during {@code executeQuery}), so a failing first
 * request still fails the execution, as with any JDBC driver. For a two-page scan, page 1 holding 100 rows:
 * <pre>
 *   executeQuery      GET /v1/customers?limit=100                      (row 1 is known)
 *   next() x 100      no request                                       (rows 1..100)
 *   close()           no request
 *   next() #101       GET /v1/customers?limit=100&amp;starting_after=cus_100
 * </pre>
 * Rows are held one at a time (memory stays flat); {@code setMaxRows}, cancellation, timeouts and closing the
 * result set are handled by {@link StatementState#nextRow(long)} and the engine, as before.
 */
final class RowCursor implements Iterator<Object> {
    private final StatementState state;
    private final long generation;
    /** The row {@link #hasNext()} has read and {@link #next()} has not yet handed out. */
    private Object[] pending;

    private boolean pendingKnown;

    /** Opens a cursor over the rows of {@code state}'s cursor of that generation and reads its first row. */
    RowCursor(StatementState state, long generation) {
        this.state = Objects.requireNonNull(state, "state");
        this.generation = generation;
        hasNext();
    }

    @Override
    public boolean hasNext() {
        if (!pendingKnown) {
            pending = state.nextRow(generation);
            pendingKnown = true;
        }
        return pending != null;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        Object[] row = pending;
        pending = null;
        pendingKnown = false;
        return row;
    }
}
