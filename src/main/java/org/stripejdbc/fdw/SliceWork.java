package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The slices of one parallel scan still to walk, shared by its walker threads: hands out slices newest first,
 * knows when everything is walked, and decides when a walker should split what is left of its slice because
 * other walkers are idle, within the scan's request budget.
 *
 * <p>A walker loops on {@link #next()} (which waits while other walkers may still split their slices), walks
 * the slice it got, reports each page's objects ({@link #listed}) and calls {@link #done}. After each page it calls
 * {@link #offerSplit}: when no slice is waiting, some walker is idle, the budget allows another slice and no other
 * walk has more left, the rest of its slice is cut ({@link SliceSplitter}) into one slice per idle walker (as far
 * as the budget goes) plus its own. {@link #next()} answers null once no slice is waiting and no walker holds one
 * (every object was listed), or after {@link #stop()}.
 *
 * <p><b>The request budget.</b> A walk ends on a partly filled page (or an empty one when its slice holds nothing),
 * so every slice beyond the first may cost one request more than a sequential walk of the same objects, and never
 * more. A scan that has listed {@code n} objects and knows of more needs at least {@code ⌈(n + 1) / 100⌉} requests
 * in all, so it may hold one slice more for every {@value #PAGES_PER_EXTRA_SLICE} of those: with at most
 * {@code 1 + ⌈(n + 1) / 100⌉ / 4} slices the scan never makes more than 1.25 times the requests of the sequential
 * walk, whatever the data. Example: after the first two pages (200 objects, more to come) the budget is one slice
 * (the walk goes on alone); after 300 objects, two; after 700, three.
 *
 * <p>Example with 3 walkers and one slice {@code [0, 10_001)} after 700 objects: walker A takes it, B and C wait;
 * after A's next page (created 10_000..10_049, has_more) A keeps {@code [9_501, 10_001)} with its
 * {@code starting_after} and B and C get the two older slices; when all three have finished, every {@code next()}
 * returns null.
 */
final class SliceWork {
    /** A scan may hold one slice more for every this many requests it needs at least. */
    static final int PAGES_PER_EXTRA_SLICE = 4;
    /** A walk splitting a slice unbounded below keeps about the objects listed so far divided by this. */
    static final int KEEP_SHARE = 1;

    /** One slice being walked: its bounds narrow as pages are read, and its {@code starting_after} id. */
    static final class Walk {
        private CreatedSlice slice;
        private String startingAfter;
        /** The objects this walk is expected still to list; infinite while nothing bounds it below. */
        private double remaining = Double.POSITIVE_INFINITY;

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
    private final Set<Walk> walking = Collections.newSetFromMap(new IdentityHashMap<>());
    private final int pieceLimit;
    private final int busyTarget;
    private long objectsListed;
    private int idle;
    private int slices;
    private boolean stopped;

    /**
     * @param initial       the first slices (newest first, disjoint)
     * @param pieceLimit    the most slices one split may produce (the number of walkers)
     * @param objectsListed the objects the scan listed before (its first pages)
     */
    SliceWork(List<Walk> initial, int pieceLimit, long objectsListed) {
        this(initial, pieceLimit, pieceLimit, objectsListed);
    }

    /**
     * @param initial       the first slices (newest first, disjoint)
     * @param pieceLimit    the most slices one split may produce (the number of walkers)
     * @param busyTarget    the walkers worth keeping busy (fewer than {@code pieceLimit} when a rate limit keeps
     *                      more from being faster): no split while this many walk
     * @param objectsListed the objects the scan listed before (its first pages)
     */
    SliceWork(List<Walk> initial, int pieceLimit, int busyTarget, long objectsListed) {
        if (pieceLimit < 1 || busyTarget < 1) {
            throw new IllegalArgumentException(
                    "pieceLimit and busyTarget must be at least 1: " + pieceLimit + ", " + busyTarget);
        }
        this.pieceLimit = pieceLimit;
        this.busyTarget = busyTarget;
        this.objectsListed = objectsListed;
        waiting.addAll(initial);
        slices = initial.size();
    }

    /** The next slice to walk, newest first; waits while none is waiting but some walker may still split. */
    synchronized Walk next() throws InterruptedException {
        while (!stopped && waiting.isEmpty() && !walking.isEmpty()) {
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
        Walk walk = waiting.poll();
        walking.add(walk);
        return walk;
    }

    /** The walker has walked {@code walk} to the end. */
    synchronized void done(Walk walk) {
        walking.remove(walk);
        if (walking.isEmpty() && waiting.isEmpty()) {
            notifyAll();
        }
    }

    /** A page listed {@code objects} objects of its slice. */
    synchronized void listed(int objects) {
        objectsListed += objects;
    }

    /**
     * The most slices the scan may have created by now (see the class comment): {@code 1 + ⌈(n + 1) / 100⌉ / 4}
     * after {@code n} objects, with more to come.
     */
    synchronized int sliceBudget() {
        long minimumRequests = (objectsListed + ListScanIterator.MAX_PAGE_SIZE) / ListScanIterator.MAX_PAGE_SIZE;
        return (int) Math.min(Integer.MAX_VALUE, 1 + minimumRequests / PAGES_PER_EXTRA_SLICE);
    }

    /**
     * After a page of {@code walk}, whose oldest object was created in second {@code last} (its
     * {@code starting_after} id is there): when walkers are idle, no slice waits, the budget allows more slices and
     * no other walk is expected to list more, keeps the newest part of {@code [walk.from, last]} for this walker
     * (its slice is narrowed) and queues the rest for the idle walkers. Returns the slices queued.
     */
    synchronized List<CreatedSlice> offerSplit(Walk walk, long last, PageDensity density) {
        walk.remaining = expected(new CreatedSlice(walk.slice().from(), last + 1), density);
        if (stopped || idle == 0 || !waiting.isEmpty() || walking.size() >= busyTarget) {
            return List.of();
        }
        int spare = Math.min(sliceBudget() - slices, busyTarget - walking.size());
        if (spare <= 0) {
            return List.of();
        }
        for (Walk other : walking) {
            if (other != walk && other.remaining > walk.remaining) {
                return List.of(); // the walk with the most left splits, so that each extra slice counts
            }
        }
        int pieces = Math.min(pieceLimit, Math.min(idle, spare) + 1);
        // With nothing known of how far back the data goes, a scan that has listed much keeps more: it has shown
        // itself large, and each slice kept too small soon costs another split.
        List<CreatedSlice> cut =
                SliceSplitter.split(walk.slice().from(), last, density, pieces, objectsListed / KEEP_SHARE);
        if (cut.size() < 2) {
            return List.of();
        }
        walk.slice = cut.get(0);
        walk.remaining = expected(walk.slice, density);
        List<CreatedSlice> queued = new ArrayList<>(cut.subList(1, cut.size()));
        for (CreatedSlice piece : queued) {
            Walk split = new Walk(piece, null);
            split.remaining = expected(piece, density);
            waiting.add(split);
        }
        slices += queued.size();
        notifyAll();
        return queued;
    }

    /** The objects {@code slice} is expected to hold at {@code density}; infinite when it is unbounded below. */
    private static double expected(CreatedSlice slice, PageDensity density) {
        if (!slice.boundedBelow()) {
            return Double.POSITIVE_INFINITY;
        }
        return density.perSecond() * (double) (slice.to() - slice.from());
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

    /** The objects listed so far, the first pages included. */
    synchronized long objectsListed() {
        return objectsListed;
    }
}
