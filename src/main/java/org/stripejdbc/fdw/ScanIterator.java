package org.stripejdbc.fdw;

import org.stripejdbc.engine.RowIterator;

/**
 * Base of the Stripe scan iterators ({@link ListScanIterator}, {@link ParallelListScanIterator},
 * {@link RetrieveScanIterator}, {@link BalanceScanIterator}): the row the last {@link #next()} moved to, which
 * {@link #current()} returns. Each {@code next()} sets {@link #current} to its row, or to null when there is none;
 * {@code current()} without a row (before the first {@code next()}, after the last, once closed) is an
 * {@link IllegalStateException}, a caller's mistake rather than a user's.
 */
abstract class ScanIterator implements RowIterator {
    /** The row the last {@link #next()} moved to; null when there is none. */
    Object[] current;

    @Override
    public final Object[] current() {
        if (current == null) {
            throw new IllegalStateException("no current row");
        }
        return current;
    }
}
