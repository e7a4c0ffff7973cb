package org.stripejdbc.fdw;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.fdw.RequestSet.QueryParameter;

/**
 * A half-open range of whole Unix seconds {@code [from, to)} of {@code created}, the unit a parallel scan splits
 * its work into. Because the bounds are whole seconds and the range is half-open, adjacent slices
 * {@code [a, b)} and {@code [b, c)} never share an object, and the objects of one second always stay in one
 * slice (many Stripe objects share a second: bulk imports, an invoice with its payment intent and charge).
 *
 * <p>{@link #UNBOUNDED_BELOW} (0) means no lower bound: no object is created at or before the Unix epoch, so
 * {@code [0, b)} is every object older than {@code b}. {@link #UNBOUNDED_ABOVE} means no upper bound.
 * <pre>
 *   new CreatedSlice(1704067200, 1706745600).parameters()
 *       →  created[gte]=1704067200, created[lt]=1706745600
 *   new CreatedSlice(0, 1706745600).parameters()      →  created[lt]=1706745600
 *   CreatedSlice.of(walk with created[gt]=99 and created[lte]=200)  →  [100, 201)
 * </pre>
 */
record CreatedSlice(long from, long to) {
    /** The lower bound meaning "none". */
    static final long UNBOUNDED_BELOW = 0;
    /** The upper bound meaning "none". */
    static final long UNBOUNDED_ABOVE = Long.MAX_VALUE;

    CreatedSlice {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("a created slice needs 0 <= from < to: [" + from + ", " + to + ")");
        }
    }

    /** Every second. */
    static CreatedSlice all() {
        return new CreatedSlice(UNBOUNDED_BELOW, UNBOUNDED_ABOVE);
    }

    boolean boundedBelow() {
        return from != UNBOUNDED_BELOW;
    }

    boolean boundedAbove() {
        return to != UNBOUNDED_ABOVE;
    }

    /** Whether {@code second} lies in the slice. */
    boolean contains(long second) {
        return second >= from && second < to;
    }

    /** {@code created[gte]=from} (when bounded below), then {@code created[lt]=to} (when bounded above). */
    List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>(2);
        if (boundedBelow()) {
            out.add(new SimpleImmutableEntry<>("created[gte]", Long.toString(from)));
        }
        if (boundedAbove()) {
            out.add(new SimpleImmutableEntry<>("created[lt]", Long.toString(to)));
        }
        return out;
    }

    /**
     * The slice a list walk's own {@code created[gt|gte|lt|lte]} parameters describe (every second when it has
     * none), or null when they exclude every second. Values must be whole seconds (they are once resolved for
     * {@code open()}; {@link CreatedRange} wrote them).
     */
    static CreatedSlice of(List<QueryParameter> walk) {
        long from = UNBOUNDED_BELOW;
        long to = UNBOUNDED_ABOVE;
        for (QueryParameter parameter : walk) {
            if (!isCreatedBound(parameter)) {
                continue;
            }
            long value = Long.parseLong(parameter.value().text());
            switch (parameter.name()) {
                case "created[gt]" -> from = Math.max(from, value == Long.MAX_VALUE ? value : value + 1);
                case "created[gte]" -> from = Math.max(from, value);
                case "created[lt]" -> to = Math.min(to, value);
                case "created[lte]" -> to = Math.min(to, value == Long.MAX_VALUE ? value : value + 1);
                default -> throw new IllegalArgumentException(parameter.name());
            }
        }
        from = Math.max(from, UNBOUNDED_BELOW);
        return to <= from ? null : new CreatedSlice(from, to);
    }

    /** The walk's parameters without its {@code created} bounds (the slices bring their own). */
    static List<QueryParameter> withoutCreatedBounds(List<QueryParameter> walk) {
        return walk.stream().filter(parameter -> !isCreatedBound(parameter)).toList();
    }

    static boolean isCreatedBound(QueryParameter parameter) {
        return switch (parameter.name()) {
            case "created[gt]", "created[gte]", "created[lt]", "created[lte]" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return "[" + (boundedBelow() ? Long.toString(from) : "-inf") + ", "
                + (boundedAbove() ? Long.toString(to) : "+inf") + ")";
    }
}
