package org.stripejdbc.emulator;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A validated list request: page size, cursor, equality conditions and the {@code created} range.
 *
 * <p>Example: {@code GET /v1/prices?active=true&created[gte]=100&limit=5&starting_after=price_1} is
 * limit 5, startingAfter {@code price_1}, one condition (active ∈ {true}), created in [100, +∞).
 *
 * @param limit          1..100
 * @param startingAfter  the cursor id, or null
 * @param endingBefore   the cursor id, or null (never both)
 * @param conditions     conditions that must all hold
 * @param createdMinimum the smallest {@code created} allowed (inclusive)
 * @param createdMaximum the largest {@code created} allowed (inclusive)
 */
record ListQuery(
        int limit,
        String startingAfter,
        String endingBefore,
        List<Condition> conditions,
        long createdMinimum,
        long createdMaximum) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAXIMUM_LIMIT = 100;

    ListQuery {
        conditions = List.copyOf(conditions);
    }

    /** The same page of the same walk, with no condition and no created range (a server ignoring filters). */
    ListQuery withoutFilters() {
        return new ListQuery(limit, startingAfter, endingBefore, List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Every object, default page size. */
    static ListQuery all(int limit) {
        return new ListQuery(limit, null, null, List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * One condition on filter number {@code filterIndex}: the object has one of {@code values}, or, when
     * {@code prefix} is set, a value starting with it ({@code type=customer.*}).
     */
    record Condition(int filterIndex, Set<String> values, String prefix, long minimum, long maximum, boolean range) {
        Condition {
            values = Set.copyOf(values);
        }

        /** An equality condition (one of {@code values}) or a prefix condition. */
        Condition(int filterIndex, Set<String> values, String prefix) {
            this(filterIndex, values, prefix, Long.MIN_VALUE, Long.MAX_VALUE, false);
        }

        /** A range condition: the filter's whole number lies in [minimum, maximum]. */
        static Condition between(int filterIndex, long minimum, long maximum) {
            return new Condition(filterIndex, Set.of(), null, minimum, maximum, true);
        }

        /** Whether the condition can be answered from the index of one exact value. */
        boolean exactSingleValue() {
            return !range && prefix == null && values.size() == 1;
        }

        boolean matches(String[][] filterValues) {
            for (String value : filterValues[filterIndex]) {
                if (range) {
                    long number = Long.parseLong(value);
                    if (number >= minimum && number <= maximum) {
                        return true;
                    }
                } else if (prefix != null ? value.startsWith(prefix) : values.contains(value)) {
                    return true;
                }
            }
            return false;
        }

        String singleValue() {
            return Objects.requireNonNull(values.iterator().next());
        }
    }
}
