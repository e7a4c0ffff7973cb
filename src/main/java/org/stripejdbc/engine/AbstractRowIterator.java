package org.stripejdbc.engine;

/**
 * Base of the engine's row iterators: subclasses compute the next row in {@link #advance()} (null at the end) and
 * release their inputs in {@link #release()}, which runs once, at the end of the rows or on {@link #close()}.
 *
 * <p>Example: the rows of {@code input} whose first value is not null.
 * <pre>{@code
 * RowIterator nonNull = new AbstractRowIterator() {
 *     protected Object[] advance() {
 *         while (input.next()) {
 *             if (input.current()[0] != null) {
 *                 return input.current();
 *             }
 *         }
 *         return null;
 *     }
 *
 *     protected void release() {
 *         input.close();
 *     }
 * };
 * }</pre>
 */
public abstract class AbstractRowIterator implements RowIterator {
    private Object[] current;
    private boolean closed;

    /** The next row, or null when there is none. */
    protected abstract Object[] advance();

    /** Closes the inputs. */
    protected void release() {}

    @Override
    public final boolean next() {
        if (closed) {
            current = null;
            return false;
        }
        current = advance();
        if (current == null) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public final Object[] current() {
        if (current == null) {
            throw new IllegalStateException("no current row");
        }
        return current;
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
