package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The slices of one parallel scan still to walk, shared by its walker threads: hands out slices newest first,
 * knows when everything is walked, and decides when a walker should split what is left of its slice because
 * other walkers are idle.
 *
 * <p>A walker loops on {@link #next()} (which waits while other walkers may still split their slices), walks
 * the slice it got, and calls {@link #done()}. After each page it calls {@link #offerSplit}: when no slice
 * is waiting and some walker is idle, the rest of its slice is cut ({@link SliceSplitter}) into one slice
 * per idle walker plus its own. {@link #next()} answers null once no slice is waiting and no walker holds
 * one (every object was listed), or after {@link #stop()}.
 *
 * <p>Example with 3 walkers and one initial slice {@code [0, 1000)}: walker A takes it, B and C wait; after
 * A's first page (created 990..999, has_more) A keeps {@code [990, 1000)} with its {@code starting_after} and B and C
 * get the
 * two older slices; when all three have finished, every {@code next()} returns null.
 */
final class SliceWork {
    /** One slice being walked: its bounds narrow as pages are read, and its {@code starting_after} id. */
    static final class Walk {
        private CreatedSlice slice;
        private String startingAfter;

        Walk(CreatedSlice slice, String startingAfter) {
            this.slice = Objects.requireNonNull(slice, "slice");
            this.startingAfter = startingAfter;
        }

        CreatedSlice slice() {
            return slice;
        }

        String startingAfter() {
            return startingAfter;
        }

        /** After a page: continue after {@code lastId}, within {@code slice} (narrowed to what remains). */
        void advance(String lastId, CreatedSlice remaining) {
            this.startingAfter = Objects.requireNonNull(lastId, "lastId");
            this.slice = Objects.requireNonNull(remaining, "remaining");
        }

        @Override
        public String toString() {
            return slice + (startingAfter == null ? "" : " after " + startingAfter);
        }
    }

    private final PriorityQueue<Walk> waiting = new PriorityQueue<>(
            Comparator.comparingLong((Walk walk) -> walk.slice().to()).reversed());
    private final int pieceLimit;
    private int holding;
    private int idle;
    private int slices;
    private boolean stopped;

    /**
     * @param initial    the first slices (newest first, disjoint)
     * @param pieceLimit the most slices one split may produce (the number of walkers)
     */
    SliceWork(List<Walk> initial, int pieceLimit) {
        if (pieceLimit < 1) {
            throw new IllegalArgumentException("pieceLimit must be at least 1: " + pieceLimit);
        }
        this.pieceLimit = pieceLimit;
        waiting.addAll(initial);
        slices = initial.size();
    }

    /** The next slice to walk, newest first; waits while none is waiting but some walker may still split. */
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

    /** The walker has walked its slice to the end. */
    synchronized void done() {
        holding--;
        if (holding == 0 && waiting.isEmpty()) {
            notifyAll();
        }
    }

    /**
     * After a page of {@code walk}, whose oldest object was created in second {@code last} (its
     * {@code starting_after} id is there): when walkers are idle and no slice waits, keeps the newest part of
     * {@code [walk.from, last]} for this walker (its slice is narrowed) and queues the rest for the idle walkers.
     * Returns the slices queued.
     */
    synchronized List<CreatedSlice> offerSplit(Walk walk, long last, PageDensity density) {
        if (stopped || idle == 0 || !waiting.isEmpty()) {
            return List.of();
        }
        List<CreatedSlice> pieces =
                SliceSplitter.split(walk.slice().from(), last, density, Math.min(pieceLimit, idle + 1));
        if (pieces.size() < 2) {
            return List.of();
        }
        walk.slice = pieces.get(0);
        List<CreatedSlice> queued = new ArrayList<>(pieces.subList(1, pieces.size()));
        for (CreatedSlice piece : queued) {
            waiting.add(new Walk(piece, null));
        }
        slices += queued.size();
        notifyAll();
        return queued;
    }

    /** Ends the work: every {@link #next()} now returns null (close, failure, or LIMIT reached). */
    synchronized void stop() {
        stopped = true;
        waiting.clear();
        notifyAll();
    }

    /** Walkers waiting in {@link #next()} for a slice. */
    synchronized int idleWalkers() {
        return idle;
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** How many slices were created in all (the initial ones and those split off). */
    synchronized int sliceCount() {
        return slices;
    }
}
