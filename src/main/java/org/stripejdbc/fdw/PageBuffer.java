package org.stripejdbc.fdw;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between the walkers of a parallel scan and the thread reading its rows. It bounds memory
 * by counting <em>slots</em>: a walker takes a slot before it sends a request and the slot is freed only when the
 * reader takes the page, so pages requested or waiting are never more than {@link #capacity()}, however slow the
 * reader (a walker without a slot waits and sends nothing).
 *
 * <p>Slots open gradually: at first {@code initialSlots}, then one more for every page the reader takes, up to the
 * capacity. A reader that stops after a few pages (a tool showing the first rows of a table) has caused few
 * requests; a reader that reads on gets the full parallelism after a few pages.
 *
 * <p>Example, capacity 8, initial 4: four walkers send requests, a fifth waits; the reader takes a page → two
 * slots free up (its own and one more), so two more requests go out.
 *
 * <p>The reader sees, in this order of precedence: a failure ({@link #fail}) as the exception, the pages in
 * arrival order, then the end once {@link #finish()} was called and every page was taken.
 */
final class PageBuffer {
    /** What {@link #take} returns when every page was taken and the walkers are finished. */
    static final List<Object[]> END = Collections.unmodifiableList(new ArrayList<>());

    private final int capacity;
    private final ArrayDeque<List<Object[]>> pages = new ArrayDeque<>();
    private int open;
    private int used;
    private Throwable failure;
    private boolean finished;
    private boolean closed;

    PageBuffer(int capacity, int initialSlots) {
        if (capacity < 1 || initialSlots < 1 || initialSlots > capacity) {
            throw new IllegalArgumentException("need 1 <= initialSlots <= capacity: " + initialSlots + ", " + capacity);
        }
        this.capacity = capacity;
        this.open = initialSlots;
    }

    /** The most pages requested or waiting at once. */
    int capacity() {
        return capacity;
    }

    /** Waits for a free slot (a walker, before a request); false when the buffer was closed or failed. */
    synchronized boolean acquireSlot() throws InterruptedException {
        while (!closed && failure == null && used >= open) {
            wait();
        }
        if (closed || failure != null) {
            return false;
        }
        used++;
        return true;
    }

    /** Gives back a slot that brought no page (an empty page, a failed request). */
    synchronized void releaseSlot() {
        used--;
        notifyAll();
    }

    /** Queues the rows of a page fetched with a slot; the slot is freed when the reader takes them. */
    synchronized void put(List<Object[]> rows) {
        Objects.requireNonNull(rows, "rows");
        if (closed) {
            used--;
            return;
        }
        pages.addLast(rows);
        notifyAll();
    }

    /**
     * The next page (the reader), {@link #END} at the end, or null when none arrived within {@code timeout} (so
     * that the reader can check for cancellation). Throws the failure of a walker.
     */
    synchronized List<Object[]> take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (failure == null && pages.isEmpty() && !finished && !closed) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        if (failure != null) {
            throwFailure();
        }
        if (pages.isEmpty()) {
            return END;
        }
        List<Object[]> page = pages.removeFirst();
        used--;
        open = Math.min(capacity, open + 1);
        notifyAll();
        return page;
    }

    /** Every walker is finished: once the queued pages are taken, the reader gets {@link #END}. */
    synchronized void finish() {
        finished = true;
        notifyAll();
    }

    /** A walker failed: the reader gets {@code error} at its next {@link #take}; walkers get no more slots. */
    synchronized void fail(Throwable error) {
        if (failure == null && !closed) {
            failure = Objects.requireNonNull(error, "error");
        }
        pages.clear();
        notifyAll();
    }

    /** The reader closed the scan: pages are dropped and walkers get no more slots. */
    synchronized void close() {
        closed = true;
        pages.clear();
        notifyAll();
    }

    /** Pages queued and not yet taken (tests: the memory bound). */
    synchronized int queuedPages() {
        return pages.size();
    }

    /** Slots in use: requests in flight plus pages queued (tests: the memory bound). */
    synchronized int slotsInUse() {
        return used;
    }

    private void throwFailure() {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }
}
