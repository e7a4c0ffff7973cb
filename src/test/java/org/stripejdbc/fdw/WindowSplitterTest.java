package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowSplitterTest {

    private static CreatedWindow window(long from, long to) {
        return new CreatedWindow(from, to);
    }

    /** 100 objects over {@code seconds} seconds ending at {@code last}. */
    private static PageDensity density(long last, long seconds) {
        return new PageDensity(100, last + seconds - 1, last);
    }

    @Test
    void boundedRangesAreCutIntoEqualLengthsNewestFirst() {
        // 2 objects/s over 1,000 seconds: about 2,000 objects, worth 6 windows of 300; 4 asked.
        assertEquals(List.of(window(9_750, 10_000), window(9_500, 9_750), window(9_250, 9_500),
                window(9_000, 9_250)), WindowSplitter.split(9_000, 9_999, density(9_999, 50), 4));
    }

    @Test
    void boundedRangesGetNoMoreWindowsThanTheirEstimateIsWorth() {
        // 1 object/s over 1,000 seconds: about 1,000 objects, 3 windows of at least 300.
        List<CreatedWindow> windows = WindowSplitter.split(1_000, 1_999, density(1_999, 100), 8);
        assertEquals(List.of(window(1_666, 2_000), window(1_333, 1_666), window(1_000, 1_333)), windows);
        // About 200 objects left: not worth a second window.
        assertEquals(List.of(window(1_000, 1_200)), WindowSplitter.split(1_000, 1_199, density(1_199, 100), 8));
    }

    @Test
    void unboundedRangesKeepAboutAThousandObjectsAndDoubleGoingBack() {
        assertEquals(List.of(window(9_501, 10_001), window(8_501, 9_501), window(6_501, 8_501), window(0, 6_501)),
                WindowSplitter.split(CreatedWindow.UNBOUNDED_BELOW, 10_000, density(10_000, 50), 4));
    }

    @Test
    void unboundedRangesStopAtTheFirstSecond() {
        // 0.01 objects/s: a thousand objects need 100,000 seconds, more than there are before second 5,000.
        assertEquals(List.of(window(0, 5_001)),
                WindowSplitter.split(CreatedWindow.UNBOUNDED_BELOW, 5_000, density(5_000, 10_000), 8));
    }

    @Test
    void aSingleSecondIsNeverSplit() {
        // A page of 100 objects all in second 7,000 (a bulk import), bounded at that very second.
        assertEquals(List.of(window(7_000, 7_001)), WindowSplitter.split(7_000, 7_000, density(7_000, 1), 8));
        // Very dense data (100 objects a second, about 1,000 left over 10 seconds): windows of whole seconds.
        List<CreatedWindow> windows = WindowSplitter.split(7_000, 7_009, density(7_009, 1), 8);
        assertEquals(List.of(window(7_006, 7_010), window(7_003, 7_006), window(7_000, 7_003)), windows);
    }

    @Test
    void oneWindowWhenOnePieceIsAsked() {
        assertEquals(List.of(window(0, 10_001)), WindowSplitter.split(0, 10_000, density(10_000, 1), 1));
    }

    @Test
    void theLastSecondMustLieInTheRange() {
        assertThrows(IllegalArgumentException.class, () -> WindowSplitter.split(100, 99, density(99, 1), 4));
    }

    /** Whatever the input, the windows are disjoint, adjacent, newest first, and cover [from, last + 1) exactly. */
    @Test
    void windowsAlwaysPartitionTheRange() {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            boolean bounded = random.nextBoolean();
            long last = 2 + random.nextInt(2_000_000_000);
            long from = bounded ? 1 + (long) (random.nextDouble() * last) : CreatedWindow.UNBOUNDED_BELOW;
            long span = 1 + (long) Math.pow(10, random.nextDouble() * 8);
            int objects = 1 + random.nextInt(100);
            PageDensity density = new PageDensity(objects, last + span - 1, last);
            int pieces = 1 + random.nextInt(16);
            List<CreatedWindow> windows = WindowSplitter.split(from, last, density, pieces);
            String input = "from " + from + ", last " + last + ", span " + span + ", pieces " + pieces + ": " + windows;
            assertTrue(windows.size() >= 1 && windows.size() <= pieces, input);
            assertEquals(last + 1, windows.get(0).to(), input);
            assertTrue(windows.get(0).contains(last), input);
            for (int w = 1; w < windows.size(); w++) {
                assertEquals(windows.get(w - 1).from(), windows.get(w).to(), input);
            }
            assertEquals(from, windows.get(windows.size() - 1).from(), input);
        }
    }
}
