package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators' shared iterators: filter, map and limit pull no row more than they need and close the input. */
class RowIteratorTest {

    /** Rows 1..n, counting the rows pulled and whether it was closed. */
    private static final class Counted implements RowIterator {
        private final int size;
        int pulled;
        boolean closed;

        Counted(int size) {
            this.size = size;
        }

        @Override
        public boolean next() {
            if (pulled >= size) {
                return false;
            }
            pulled++;
            return true;
        }

        @Override
        public Object[] current() {
            return new Object[] {(long) pulled};
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static List<Object> firstValues(RowIterator rows) {
        List<Object> values = new ArrayList<>();
        while (rows.next()) {
            values.add(rows.current()[0]);
        }
        return values;
    }

    @Test
    void filterPassesTheAcceptedRowsAndClosesTheInputAtTheEnd() {
        Counted input = new Counted(6);
        RowIterator even =
                RowIterator.filter(input, new Environment(ExecutionContext.simple()), row -> (long) row[0] % 2 == 0);

        assertEquals(List.of(2L, 4L, 6L), firstValues(even));
        assertEquals(6, input.pulled);
        assertTrue(input.closed);
    }

    @Test
    void mapComputesOneRowPerInputRow() {
        Counted input = new Counted(3);
        RowIterator doubled = RowIterator.map(input, row -> new Object[] {(long) row[0] * 2, "x"});

        assertTrue(doubled.next());
        assertArrayEquals(new Object[] {2L, "x"}, doubled.current());
        assertEquals(List.of(4L, 6L), firstValues(doubled));
        assertTrue(input.closed);
    }

    @Test
    void limitSkipsTheOffsetAndStopsPullingOnceItHasEnough() {
        Counted input = new Counted(100);
        RowIterator page = RowIterator.limit(input, 2, 3);

        assertEquals(List.of(3L, 4L, 5L), firstValues(page));
        assertEquals(5, input.pulled, "no row is read beyond the last one passed");
        assertTrue(input.closed);
    }

    @Test
    void limitWithANegativeCountPassesEveryRowAfterTheOffset() {
        Counted input = new Counted(4);

        assertEquals(List.of(2L, 3L, 4L), firstValues(RowIterator.limit(input, 1, -1)));
    }

    @Test
    void closingEarlyClosesTheInput() {
        Counted input = new Counted(10);
        RowIterator rows = RowIterator.limit(input, 0, 5);
        assertTrue(rows.next());
        rows.close();

        assertTrue(input.closed);
        assertFalse(rows.next());
        assertEquals(1, input.pulled);
    }
}
