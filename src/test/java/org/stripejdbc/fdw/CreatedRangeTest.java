package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.fdw.Pushdown.BoundOperator;

/**
 * The created range against a brute-force check: for every whole second s near the bounds, s is inside the
 * pushed range exactly when it satisfies the SQL conditions.
 */
class CreatedRangeTest {
    private static final long T = 1_704_067_200L;

    private record Condition(BoundOperator operator, Instant value, Instant high) {
        boolean holds(long second) {
            Instant s = Instant.ofEpochSecond(second);
            return switch (operator) {
                case GREATER -> s.isAfter(value);
                case GREATER_OR_EQUAL -> !s.isBefore(value);
                case LESS -> s.isBefore(value);
                case LESS_OR_EQUAL -> !s.isAfter(value);
                case EQUALS -> s.equals(value);
                case BETWEEN -> !s.isBefore(value) && !s.isAfter(high);
            };
        }
    }

    private static boolean inside(List<Map.Entry<String, String>> parameters, long second) {
        for (Map.Entry<String, String> parameter : parameters) {
            long bound = Long.parseLong(parameter.getValue());
            boolean ok = switch (parameter.getKey()) {
                case "created[gt]" -> second > bound;
                case "created[gte]" -> second >= bound;
                case "created[lt]" -> second < bound;
                case "created[lte]" -> second <= bound;
                default -> throw new AssertionError(parameter.getKey());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyOperatorIsExactForWholeAndFractionalValues() {
        List<Instant> values = List.of(
                Instant.ofEpochSecond(T),
                Instant.ofEpochSecond(T, 1),
                Instant.ofEpochSecond(T, 500_000_000),
                Instant.ofEpochSecond(T, 999_999_999));
        for (BoundOperator operator : BoundOperator.values()) {
            for (Instant value : values) {
                for (Instant high : values) {
                    Condition condition = new Condition(operator, value, high.plusSeconds(1));
                    CreatedRange range = new CreatedRange();
                    range.add(operator, condition.value(), condition.high());
                    for (long second = T - 3; second <= T + 4; second++) {
                        boolean pushed = !range.isEmpty() && inside(range.parameters(), second);
                        assertEquals(condition.holds(second), pushed, condition + " at " + second);
                    }
                }
            }
        }
    }

    @Test
    void pairsOfConditionsMergeExactly() {
        List<Instant> values = List.of(
                Instant.ofEpochSecond(T),
                Instant.ofEpochSecond(T, 400_000_000),
                Instant.ofEpochSecond(T + 1),
                Instant.ofEpochSecond(T + 2, 1));
        List<BoundOperator> operators = List.of(
                BoundOperator.GREATER,
                BoundOperator.GREATER_OR_EQUAL,
                BoundOperator.LESS,
                BoundOperator.LESS_OR_EQUAL,
                BoundOperator.EQUALS);
        for (BoundOperator first : operators) {
            for (BoundOperator second : operators) {
                for (Instant a : values) {
                    for (Instant b : values) {
                        Condition one = new Condition(first, a, null);
                        Condition two = new Condition(second, b, null);
                        CreatedRange range = new CreatedRange();
                        range.add(first, a, null);
                        range.add(second, b, null);
                        for (long s = T - 2; s <= T + 4; s++) {
                            boolean pushed = !range.isEmpty() && inside(range.parameters(), s);
                            assertEquals(one.holds(s) && two.holds(s), pushed, one + " and " + two + " at " + s);
                        }
                        if (range.isEmpty()) {
                            for (long s = T - 2; s <= T + 4; s++) {
                                assertFalse(one.holds(s) && two.holds(s));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void tightestBoundKeepsItsOperator() {
        CreatedRange range = new CreatedRange();
        range.add(BoundOperator.GREATER_OR_EQUAL, Instant.ofEpochSecond(T), null);
        range.add(BoundOperator.GREATER, Instant.ofEpochSecond(T), null);
        range.add(BoundOperator.LESS_OR_EQUAL, Instant.ofEpochSecond(T + 10), null);
        range.add(BoundOperator.LESS, Instant.ofEpochSecond(T + 10), null);
        assertEquals(
                List.of(Map.entry("created[gt]", Long.toString(T)), Map.entry("created[lt]", Long.toString(T + 10))),
                range.parameters());
    }

    @Test
    void boundsAroundTheEpoch() {
        CreatedRange lowOnly = new CreatedRange();
        lowOnly.add(BoundOperator.GREATER_OR_EQUAL, Instant.ofEpochSecond(-100), null);
        assertFalse(lowOnly.isEmpty());
        assertEquals(List.of(), lowOnly.parameters());
        CreatedRange beforeEpoch = new CreatedRange();
        beforeEpoch.add(BoundOperator.LESS_OR_EQUAL, Instant.ofEpochSecond(0), null);
        assertTrue(beforeEpoch.isEmpty());
        CreatedRange firstSecond = new CreatedRange();
        firstSecond.add(BoundOperator.LESS_OR_EQUAL, Instant.ofEpochSecond(1), null);
        assertFalse(firstSecond.isEmpty());
    }
}
