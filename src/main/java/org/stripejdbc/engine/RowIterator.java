package org.stripejdbc.engine;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A forward-only stream of rows, pulled one at a time. Implementations fetch lazily (a Stripe scan requests
 * its next page only when {@link #next()} needs it) and release resources in {@link #close()}, which must be
 * idempotent. Rows are {@code Object[]} holding runtime values as documented in
 * {@link org.stripejdbc.types.SqlType}; callers must not modify them.
 */
public interface RowIterator extends AutoCloseable {
    /** Advances to the next row; false at the end. */
    boolean next();

    /** The current row; valid until the next call to {@link #next()}. */
    Object[] current();

    @Override
    void close();

    /** An iterator over no rows. */
    static RowIterator empty() {
        return new RowIterator() {
            @Override
            public boolean next() {
                return false;
            }

            @Override
            public Object[] current() {
                throw new IllegalStateException("no current row");
            }

            @Override
            public void close() {}
        };
    }

    /**
     * The rows of {@code input} that {@code keep} accepts, counting one unit of work ({@link Environment#tick}) per
     * input row; closing it closes the input. {@code keep} may hold state (DISTINCT's keys seen so far).
     *
     * <p>Example: {@code RowIterator.filter(rows, environment, row -> row[0] != null)} passes the rows whose first
     * value is not null.
     */
    static RowIterator filter(RowIterator input, Environment environment, Predicate<Object[]> keep) {
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                while (input.next()) {
                    environment.tick();
                    Object[] row = input.current();
                    if (keep.test(row)) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            protected void release() {
                input.close();
            }
        };
    }

    /** One row computed from each row of {@code input}; closing it closes the input. */
    static RowIterator map(RowIterator input, UnaryOperator<Object[]> compute) {
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                return input.next() ? compute.apply(input.current()) : null;
            }

            @Override
            protected void release() {
                input.close();
            }
        };
    }

    /**
     * The rows of {@code input} after skipping {@code offset}, at most {@code count} of them (negative: all), and
     * no row pulled beyond the last one passed: {@code limit(rows, 2, 3)} reads five rows at most and passes the
     * last three of them.
     */
    static RowIterator limit(RowIterator input, long offset, long count) {
        return new AbstractRowIterator() {
            private long skipped;
            private long produced;

            @Override
            protected Object[] advance() {
                if (count >= 0 && produced >= count) {
                    return null;
                }
                while (skipped < offset) {
                    if (!input.next()) {
                        return null;
                    }
                    skipped++;
                }
                if (!input.next()) {
                    return null;
                }
                produced++;
                return input.current();
            }

            @Override
            protected void release() {
                input.close();
            }
        };
    }

    /** An iterator over rows held in memory. */
    static RowIterator of(java.util.List<Object[]> rows) {
        return new RowIterator() {
            private int index = -1;

            @Override
            public boolean next() {
                if (index + 1 < rows.size()) {
                    index++;
                    return true;
                }
                index = rows.size();
                return false;
            }

            @Override
            public Object[] current() {
                if (index < 0 || index >= rows.size()) {
                    throw new IllegalStateException("no current row");
                }
                return rows.get(index);
            }

            @Override
            public void close() {}
        };
    }
}
