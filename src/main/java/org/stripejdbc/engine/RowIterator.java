package org.stripejdbc.engine;

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
