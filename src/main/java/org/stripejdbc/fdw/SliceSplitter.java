package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts what is left of a created slice into smaller slices, sized by the density of the page just read, so that
 * several walkers can share it. Pure arithmetic on whole seconds; never splits a second.
 *
 * <p>The input is a slice {@code [from, last]} whose newest second {@code last} is partly read already (the
 * walker's {@code starting_after} id lies in it). The first slice returned always ends with
 * {@code last} (it stays with the walker and its {@code starting_after}); the others are older, disjoint, adjacent, and
 * together
 * cover {@code [from, last + 1)} exactly:
 * <ul>
 *   <li><b>Bounded below</b>: the estimate {@code density × seconds} says how many objects remain; the range is cut
 *       into at most {@code pieces} slices of equal length, each expected to hold at least
 *       {@value #MINIMUM_SLICE_OBJECTS} objects (a short remainder is not worth another walker).</li>
 *   <li><b>Unbounded below</b> (nothing known about the oldest object): the walker keeps the seconds expected to
 *       hold {@value #TARGET_SLICE_OBJECTS} objects (or more when asked, see {@link SliceWork}); each older slice
 *       but the last is as long, and the last takes everything older than that. Whoever walks it splits it again
 *       once its own first page tells the density there. (Equal lengths rather than growing ones: a slice reaching
 *       back before the oldest object is an empty request.)</li>
 * </ul>
 * Example, unbounded, {@code last = 10_000}, 2 objects/s, 4 pieces: {@code [9_501, 10_001)} (about 1,000 objects,
 * kept), {@code [9_001, 9_501)}, {@code [8_501, 9_001)}, {@code [0, 8_501)}. Bounded, {@code [9_000, 9_999]}, 2
 * objects/s, 4 pieces: {@code [9_750, 10_000)}, {@code [9_500, 9_750)}, {@code [9_250, 9_500)},
 * {@code [9_000, 9_250)}.
 */
final class SliceSplitter {
    /** A slice expected to hold fewer objects than this (3 pages) is not split off. */
    static final int MINIMUM_SLICE_OBJECTS = 300;
    /** With no lower bound, the newest slice is sized to hold about this many objects (10 pages). */
    static final int TARGET_SLICE_OBJECTS = 1_000;

    private SliceSplitter() {}

    /**
     * Splits {@code [from, last + 1)} into at most {@code pieces} slices, newest first (the first one contains
     * {@code last}); a single slice when splitting is not worth it or not possible.
     */
    static List<CreatedSlice> split(long from, long last, PageDensity density, int pieces) {
        return split(from, last, density, pieces, TARGET_SLICE_OBJECTS);
    }

    /**
     * As {@link #split(long, long, PageDensity, int)}, with the newest slice of an unbounded range sized to hold
     * about {@code keep} objects (at least {@value #TARGET_SLICE_OBJECTS}).
     */
    static List<CreatedSlice> split(long from, long last, PageDensity density, int pieces, long keep) {
        if (last < from || last == CreatedSlice.UNBOUNDED_ABOVE) {
            throw new IllegalArgumentException("last second " + last + " is not in [" + from + ", ...)");
        }
        CreatedSlice whole = new CreatedSlice(from, last + 1);
        if (pieces < 2 || last == from) {
            return List.of(whole);
        }
        return from == CreatedSlice.UNBOUNDED_BELOW
                ? splitUnbounded(last, density.perSecond(), pieces, Math.max(TARGET_SLICE_OBJECTS, keep))
                : splitBounded(from, last, density.perSecond(), pieces);
    }

    private static List<CreatedSlice> splitBounded(long from, long last, double perSecond, int pieces) {
        long seconds = last - from + 1;
        double estimate = perSecond * seconds;
        long worthIt = (long) Math.floor(estimate / MINIMUM_SLICE_OBJECTS);
        int count = (int) Math.min(Math.min(pieces, worthIt), seconds);
        if (count < 2) {
            return List.of(new CreatedSlice(from, last + 1));
        }
        List<CreatedSlice> slices = new ArrayList<>(count);
        long upper = last + 1;
        for (int i = count - 1; i >= 0; i--) {
            // Boundaries from + floor(i * seconds / count): strictly increasing because count <= seconds.
            long lower = from + (long) Math.floor((double) i * seconds / count);
            slices.add(new CreatedSlice(lower, upper));
            upper = lower;
        }
        return List.copyOf(slices);
    }

    private static List<CreatedSlice> splitUnbounded(long last, double perSecond, int pieces, long keep) {
        double span = Math.max(1, Math.ceil(keep / perSecond));
        List<CreatedSlice> slices = new ArrayList<>(pieces);
        long upper = last + 1;
        for (int i = 0; i < pieces - 1; i++) {
            double lowerExact = upper - span;
            // No object is created before second 1: a slice reaching that far back is the last one.
            if (lowerExact <= 1) {
                break;
            }
            long lower = (long) lowerExact;
            slices.add(new CreatedSlice(lower, upper));
            upper = lower;
        }
        slices.add(new CreatedSlice(CreatedSlice.UNBOUNDED_BELOW, upper));
        return List.copyOf(slices);
    }
}
