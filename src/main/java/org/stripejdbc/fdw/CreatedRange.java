package org.stripejdbc.fdw;

import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.fdw.Pushdown.BoundOperator;

/**
 * The merged {@code created} range of a list walk (or of another range field: {@code due_date}), in whole Unix
 * seconds.
 *
 * <p>Stripe's {@code created} is a whole number of seconds {@code s}, so every SQL comparison with a
 * timestamp {@code v} (which may have a fraction) has an exact integer form, and the pushed range is never
 * narrower than the SQL condition:
 * <pre>
 *   created &gt;  v   ⇔  s &gt;  floor(v)   →  created[gt]=floor(v)
 *   created &gt;= v   ⇔  s &gt;= ceil(v)    →  created[gte]=ceil(v)
 *   created &lt;  v   ⇔  s &lt;  ceil(v)    →  created[lt]=ceil(v)
 *   created &lt;= v   ⇔  s &lt;= floor(v)   →  created[lte]=floor(v)
 *   created =  v   ⇔  gte v and lte v when v is whole, never true otherwise
 *   created BETWEEN a AND b  →  created[gte]=ceil(a), created[lte]=floor(b)
 * </pre>
 * Example: {@code created > '2024-01-01 00:00:00.5'} → {@code created[gt]=1704067200}. Several bounds merge
 * to the tightest; bounds that exclude each other make the range empty (no request at all). Stripe objects
 * are never created at or before 1970-01-01, so a lower bound at or below 0 is dropped and an upper bound
 * below 1 makes the range empty.
 */
final class CreatedRange {
    private final String field;
    private Bound lower;
    private Bound upper;
    private boolean empty;

    /** One side of the range as sent ({@code gt}/{@code gte}/{@code lt}/{@code lte} and its value). */
    private record Bound(String operator, long value) {
        /** The inclusive form: gt t is gte t+1, lt t is lte t-1. */
        long inclusive() {
            return switch (operator) {
                case "gt" -> value + 1;
                case "lt" -> value - 1;
                default -> value;
            };
        }
    }

    /** The range of {@code created}. */
    CreatedRange() {
        this("created");
    }

    /** The range of another Unix time whose list parameter takes ranges ({@code due_date}). */
    CreatedRange(String field) {
        this.field = field;
    }

    /** Adds a condition; {@code high} is only used for BETWEEN. */
    void add(BoundOperator operator, Instant value, Instant high) {
        switch (operator) {
            case GREATER -> addLower(new Bound("gt", floor(value)));
            case GREATER_OR_EQUAL -> addLower(new Bound("gte", ceil(value)));
            case LESS -> addUpper(new Bound("lt", ceil(value)));
            case LESS_OR_EQUAL -> addUpper(new Bound("lte", floor(value)));
            case EQUALS -> {
                if (value.getNano() != 0) {
                    empty = true;
                } else {
                    addLower(new Bound("gte", value.getEpochSecond()));
                    addUpper(new Bound("lte", value.getEpochSecond()));
                }
            }
            case BETWEEN -> {
                addLower(new Bound("gte", ceil(value)));
                addUpper(new Bound("lte", floor(high)));
            }
            default -> throw new IllegalArgumentException(String.valueOf(operator));
        }
    }

    /** Whether no whole second satisfies every bound (then nothing is requested). */
    boolean isEmpty() {
        if (empty) {
            return true;
        }
        long low = lower == null || lower.inclusive() <= 0 ? 1 : lower.inclusive();
        long high = upper == null ? Long.MAX_VALUE : upper.inclusive();
        return low > high;
    }

    /** The query parameters: the lower bound, then the upper bound, as the tightest conditions wrote them. */
    List<Map.Entry<String, String>> parameters() {
        List<Map.Entry<String, String>> out = new ArrayList<>(2);
        if (lower != null && lower.inclusive() > 0) {
            out.add(new SimpleImmutableEntry<>(field + "[" + lower.operator() + "]", Long.toString(lower.value())));
        }
        if (upper != null) {
            out.add(new SimpleImmutableEntry<>(field + "[" + upper.operator() + "]", Long.toString(upper.value())));
        }
        return out;
    }

    private void addLower(Bound bound) {
        if (lower == null || bound.inclusive() > lower.inclusive()) {
            lower = bound;
        }
    }

    private void addUpper(Bound bound) {
        if (upper == null || bound.inclusive() < upper.inclusive()) {
            upper = bound;
        }
    }

    private static long floor(Instant value) {
        return value.getEpochSecond();
    }

    private static long ceil(Instant value) {
        return value.getNano() == 0 ? value.getEpochSecond() : value.getEpochSecond() + 1;
    }
}
