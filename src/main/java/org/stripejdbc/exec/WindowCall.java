package org.stripejdbc.exec;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * One compiled window function call, e.g. {@code sum(amount) over (partition by customer order by created)}:
 * the function, its arguments, the partition and order expressions, the frame, the result type, and (for an
 * aggregate used as a window function) the compiled aggregate.
 */
record WindowCall(String name, List<CompiledExpression> arguments, List<CompiledExpression> partition,
                  List<CompiledExpression> orderValues, List<SortKey> orderKeys, Frame frame, SqlType type,
                  AggregateCall aggregate, String description) {
    /** The frames supported: Postgres' default, and the two common explicit ones. */
    enum Frame {
        /** RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW (peers included): the default. */
        RANGE_TO_CURRENT,
        /** ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW. */
        ROWS_TO_CURRENT,
        /** BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING. */
        WHOLE_PARTITION;

        /** Parses the frame text of a window specification; null for one that is not supported. */
        static Frame parse(String text) {
            if (text == null || text.isBlank()) {
                return RANGE_TO_CURRENT;
            }
            String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            switch (t) {
                case "range unbounded preceding":
                case "range between unbounded preceding and current row":
                    return RANGE_TO_CURRENT;
                case "rows unbounded preceding":
                case "rows between unbounded preceding and current row":
                    return ROWS_TO_CURRENT;
                case "rows between unbounded preceding and unbounded following":
                case "range between unbounded preceding and unbounded following":
                    return WHOLE_PARTITION;
                default:
                    return null;
            }
        }
    }

    WindowCall {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        partition = List.copyOf(partition);
        orderValues = List.copyOf(orderValues);
        orderKeys = List.copyOf(orderKeys);
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(type, "type");
    }
}
