package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.types.SqlType;

/**
 * One compiled window function call, e.g. {@code sum(amount) over (partition by customer order by created)}:
 * the function, its arguments, the partition and order expressions, the frame, the result type, and (for an
 * aggregate used as a window function) the compiled aggregate.
 */
public record WindowCall(
        String name,
        List<CompiledExpression> arguments,
        List<CompiledExpression> partition,
        List<CompiledExpression> orderValues,
        List<SortKey> orderKeys,
        Frame frame,
        SqlType type,
        AggregateCall aggregate,
        String description) {
    /** One end of a window frame. */
    enum BoundKind {
        UNBOUNDED_PRECEDING,
        PRECEDING,
        CURRENT_ROW,
        FOLLOWING,
        UNBOUNDED_FOLLOWING
    }

    /** A frame bound: its kind and, for {@code n PRECEDING}/{@code n FOLLOWING}, the row count. */
    record Bound(BoundKind kind, long offset) {}

    /**
     * A window frame: ROWS with any bounds, or RANGE with UNBOUNDED/CURRENT ROW bounds (peers of the current row
     * count as the current row). The default is {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}.
     */
    public record Frame(boolean rows, Bound start, Bound end) {
        static final Frame DEFAULT =
                new Frame(false, new Bound(BoundKind.UNBOUNDED_PRECEDING, 0), new Bound(BoundKind.CURRENT_ROW, 0));

        /** Parses frame text such as {@code rows between 2 preceding and current row}; null when unsupported. */
        public static Frame parse(String text) {
            if (text == null || text.isBlank()) {
                return DEFAULT;
            }
            String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            boolean rows;
            if (t.startsWith("rows ")) {
                rows = true;
            } else if (t.startsWith("range ")) {
                rows = false;
            } else {
                return null;
            }
            String rest = t.substring(t.indexOf(' ') + 1);
            Bound start;
            Bound end;
            if (rest.startsWith("between ")) {
                int and = rest.indexOf(" and ");
                if (and < 0) {
                    return null;
                }
                start = bound(rest.substring(8, and));
                end = bound(rest.substring(and + 5));
            } else {
                start = bound(rest);
                end = new Bound(BoundKind.CURRENT_ROW, 0);
            }
            if (start == null
                    || end == null
                    || start.kind() == BoundKind.UNBOUNDED_FOLLOWING
                    || end.kind() == BoundKind.UNBOUNDED_PRECEDING) {
                return null;
            }
            if (!rows
                    && (start.kind() == BoundKind.PRECEDING
                            || start.kind() == BoundKind.FOLLOWING
                            || end.kind() == BoundKind.PRECEDING
                            || end.kind() == BoundKind.FOLLOWING)) {
                return null;
            }
            return new Frame(rows, start, end);
        }

        private static Bound bound(String text) {
            switch (text.trim()) {
                case "unbounded preceding":
                    return new Bound(BoundKind.UNBOUNDED_PRECEDING, 0);
                case "unbounded following":
                    return new Bound(BoundKind.UNBOUNDED_FOLLOWING, 0);
                case "current row":
                    return new Bound(BoundKind.CURRENT_ROW, 0);
                default:
                    String[] parts = text.trim().split(" ");
                    if (parts.length != 2 || !parts[0].matches("\\d{1,18}")) {
                        return null;
                    }
                    long n = Long.parseLong(parts[0]);
                    if (parts[1].equals("preceding")) {
                        return new Bound(BoundKind.PRECEDING, n);
                    }
                    return parts[1].equals("following") ? new Bound(BoundKind.FOLLOWING, n) : null;
            }
        }

        /** The first row position of the frame of row {@code i} (may be out of the partition's range). */
        long first(int i, int[] peerStart) {
            switch (start.kind()) {
                case UNBOUNDED_PRECEDING:
                    return 0;
                case PRECEDING:
                    return i - start.offset();
                case FOLLOWING:
                    return i + start.offset();
                default:
                    return rows ? i : peerStart[i];
            }
        }

        /** The position after the last row of the frame of row {@code i}. */
        long last(int i, int n, int[] peerEnd, boolean ordered) {
            switch (end.kind()) {
                case UNBOUNDED_FOLLOWING:
                    return n;
                case PRECEDING:
                    return i - end.offset() + 1;
                case FOLLOWING:
                    return Math.min((long) n, i + end.offset() + 1);
                default:
                    return rows ? i + 1 : (ordered ? peerEnd[i] : n);
            }
        }

        /** Whether every frame starts at the partition's first row (running aggregates can be incremental). */
        boolean startsAtPartitionStart() {
            return start.kind() == BoundKind.UNBOUNDED_PRECEDING;
        }
    }

    public WindowCall {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        partition = List.copyOf(partition);
        orderValues = List.copyOf(orderValues);
        orderKeys = List.copyOf(orderKeys);
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(type, "type");
    }
}
