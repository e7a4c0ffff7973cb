package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceSplitterTest {

    private static CreatedSlice slice(long from, long to) {
        return new CreatedSlice(from, to);
    }

    /** 100 objects over {@code seconds} seconds ending at {@code last}. */
    private static PageDensity density(long last, long seconds) {
        return new PageDensity(100, last + seconds - 1, last);
    }

    @Test
    void boundedRangesAreCutIntoEqualLengthsNewestFirst() {
        // 2 objects/s over 1,000 seconds: about 2,000 objects, worth 6 slices of 300; 4 asked.
        assertEquals(
                List.of(slice(9_750, 10_000), slice(9_500, 9_750), slice(9_250, 9_500), slice(9_000, 9_250)),
                SliceSplitter.split(9_000, 9_999, density(9_999, 50), 4));
    }

    @Test
    void boundedRangesGetNoMoreSlicesThanTheirEstimateIsWorth() {
        // 1 object/s over 1,000 seconds: about 1,000 objects, 3 slices of at least 300.
        List<CreatedSlice> slices = SliceSplitter.split(1_000, 1_999, density(1_999, 100), 8);
        assertEquals(List.of(slice(1_666, 2_000), slice(1_333, 1_666), slice(1_000, 1_333)), slices);
        // About 200 objects left: not worth a second slice.
        assertEquals(List.of(slice(1_000, 1_200)), SliceSplitter.split(1_000, 1_199, density(1_199, 100), 8));
    }

    @Test
    void unboundedRangesKeepAboutAThousandObjectsAndGoBackInEqualLengths() {
        assertEquals(
                List.of(slice(9_501, 10_001), slice(9_001, 9_501), slice(8_501, 9_001), slice(0, 8_501)),
                SliceSplitter.split(CreatedSlice.UNBOUNDED_BELOW, 10_000, density(10_000, 50), 4));
    }

    @Test
    void unboundedRangesKeepMoreWhenAsked() {
        // 2 objects a second, 3,000 objects kept: 1,500 seconds.
        assertEquals(
                List.of(slice(8_501, 10_001), slice(0, 8_501)),
                SliceSplitter.split(CreatedSlice.UNBOUNDED_BELOW, 10_000, density(10_000, 50), 2, 3_000));
        // Never fewer than a thousand.
        assertEquals(
                SliceSplitter.split(CreatedSlice.UNBOUNDED_BELOW, 10_000, density(10_000, 50), 2),
                SliceSplitter.split(CreatedSlice.UNBOUNDED_BELOW, 10_000, density(10_000, 50), 2, 10));
    }

    @Test
    void unboundedRangesStopAtTheFirstSecond() {
        // 0.01 objects/s: a thousand objects need 100,000 seconds, more than there are before second 5,000.
        assertEquals(
                List.of(slice(0, 5_001)),
                SliceSplitter.split(CreatedSlice.UNBOUNDED_BELOW, 5_000, density(5_000, 10_000), 8));
    }

    @Test
    void aSingleSecondIsNeverSplit() {
        // A page of 100 objects all in second 7,000 (a bulk import), bounded at that very second.
        assertEquals(List.of(slice(7_000, 7_001)), SliceSplitter.split(7_000, 7_000, density(7_000, 1), 8));
        // Very dense data (100 objects a second, about 1,000 left over 10 seconds): slices of whole seconds.
        List<CreatedSlice> slices = SliceSplitter.split(7_000, 7_009, density(7_009, 1), 8);
        assertEquals(List.of(slice(7_006, 7_010), slice(7_003, 7_006), slice(7_000, 7_003)), slices);
    }

    @Test
    void oneSliceWhenOnePieceIsAsked() {
        assertEquals(List.of(slice(0, 10_001)), SliceSplitter.split(0, 10_000, density(10_000, 1), 1));
    }

    @Test
    void theLastSecondMustLieInTheRange() {
        assertThrows(IllegalArgumentException.class, () -> SliceSplitter.split(100, 99, density(99, 1), 4));
    }

    /** Whatever the input, the slices are disjoint, adjacent, newest first, and cover [from, last + 1) exactly. */
    @Test
    void slicesAlwaysPartitionTheRange() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            boolean bounded = random.nextBoolean();
            long last = 2 + random.nextInt(2_000_000_000);
            long from = bounded ? 1 + (long) (random.nextDouble() * last) : CreatedSlice.UNBOUNDED_BELOW;
            long span = 1 + (long) Math.pow(10, random.nextDouble() * 8);
            int objects = 1 + random.nextInt(100);
            PageDensity density = new PageDensity(objects, last + span - 1, last);
            int pieces = 1 + random.nextInt(16);
            List<CreatedSlice> slices = SliceSplitter.split(from, last, density, pieces);
            String input = "from " + from + ", last " + last + ", span " + span + ", pieces " + pieces + ": " + slices;
            assertTrue(slices.size() >= 1 && slices.size() <= pieces, input);
            assertEquals(last + 1, slices.get(0).to(), input);
            assertTrue(slices.get(0).contains(last), input);
            for (int w = 1; w < slices.size(); w++) {
                assertEquals(slices.get(w - 1).from(), slices.get(w).to(), input);
            }
            assertEquals(from, slices.get(slices.size() - 1).from(), input);
        }
    }
}
