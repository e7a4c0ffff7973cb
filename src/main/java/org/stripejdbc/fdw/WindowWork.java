package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The windows of one parallel scan still to walk, shared by its walker threads: hands out windows newest first,
 * knows when everything is walked, and decides when a walker should split what is left of its window because
 * other walkers are idle.
 *
 * <p>A walker loops on {@link #next()} (which waits while other walkers may still split their windows), walks
 * the window it got, and calls {@link #done()}. After each page it calls {@link #offerSplit}: when no window
 * is waiting and some walker is idle, the rest of its window is cut ({@link WindowSplitter}) into one window
 * per idle walker plus its own. {@link #next()} answers null once no window is waiting and no walker holds
 * one (every object was listed), or after {@link #stop()}.
 *
 * <p>Example with 3 walkers and one initial window {@code [0, 1000)}: walker A takes it, B and C wait; after
 * A's first page (created 990..999, has_more) A keeps {@code [990, 1000)} with its cursor and B and C get the
 * two older windows; when all three have finished, every {@code next()} returns null.
 */
final class WindowWork {
    /** One window being walked: its bounds narrow as pages are read, and its {@code starting_after} cursor. */
    static final class Walk {
        private CreatedWindow window;
        private String startingAfter;

        Walk(CreatedWindow window, String startingAfter) {
            this.window = Objects.requireNonNull(window, "window");
            this.startingAfter = startingAfter;
        }

        CreatedWindow window() {
            return window;
        }

        String startingAfter() {
            return startingAfter;
        }

        /** After a page: continue after {@code lastId}, within {@code window} (narrowed to what remains). */
        void advance(String lastId, CreatedWindow remaining) {
            this.startingAfter = Objects.requireNonNull(lastId, "lastId");
            this.window = Objects.requireNonNull(remaining, "remaining");
        }

        @Override
        public String toString() {
            return window + (startingAfter == null ? "" : " after " + startingAfter);
        }
    }

    private final PriorityQueue<Walk> waiting =
            new PriorityQueue<>(Comparator.comparingLong((Walk walk) -> walk.window().to()).reversed());
    private final int pieceLimit;
    private int holding;
    private int idle;
    private int windows;
    private boolean stopped;

    /**
     * @param initial    the first windows (newest first, disjoint)
     * @param pieceLimit the most windows one split may produce (the number of walkers)
     */
    WindowWork(List<Walk> initial, int pieceLimit) {
        if (pieceLimit < 1) {
            throw new IllegalArgumentException("pieceLimit must be at least 1: " + pieceLimit);
        }
        this.pieceLimit = pieceLimit;
        waiting.addAll(initial);
        windows = initial.size();
    }

    /** The next window to walk, newest first; waits while none is waiting but some walker may still split. */
    synchronized Walk next() throws InterruptedException {
        while (!stopped && waiting.isEmpty() && holding > 0) {
            idle++;
            try {
                wait();
            } finally {
                idle--;
            }
        }
        if (stopped || waiting.isEmpty()) {
            notifyAll();
            return null;
        }
        holding++;
        return waiting.poll();
    }

    /** The walker has walked its window to the end. */
    synchronized void done() {
        holding--;
        if (holding == 0 && waiting.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * After a page of {@code walk}, whose oldest object was created in second {@code last} (the cursor sits
     * there): when walkers are idle and no window waits, keeps the newest part of {@code [walk.from, last]} for
     * this walker (its window is narrowed) and queues the rest for the idle walkers. Returns the windows queued.
     */
    synchronized List<CreatedWindow> offerSplit(Walk walk, long last, PageDensity density) {
        if (stopped || idle == 0 || !waiting.isEmpty()) {
            return List.of();
        }
        List<CreatedWindow> pieces = WindowSplitter.split(walk.window().from(), last, density,
                Math.min(pieceLimit, idle + 1));
        if (pieces.size() < 2) {
            return List.of();
        }
        walk.window = pieces.get(0);
        List<CreatedWindow> queued = new ArrayList<>(pieces.subList(1, pieces.size()));
        for (CreatedWindow piece : queued) {
            waiting.add(new Walk(piece, null));
        }
        windows += queued.size();
        notifyAll();
        return queued;
    }

    /** Ends the work: every {@link #next()} now returns null (close, failure, or LIMIT reached). */
    synchronized void stop() {
        stopped = true;
        waiting.clear();
        notifyAll();
    }

    /** Walkers waiting in {@link #next()} for a window. */
    synchronized int idleWalkers() {
        return idle;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** How many windows were created in all (the initial ones and those split off). */
    synchronized int windowCount() {
        return windows;
    }
}
