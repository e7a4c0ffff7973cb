package org.stripejdbc.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.stripejdbc.engine.RowIterator;

class ExternalSorterTest {
    private static List<Object[]> drain(RowIterator rows) {
        List<Object[]> out = new ArrayList<>();
        while (rows.next()) {
            out.add(rows.current());
        }
        return out;
    }

    private static long spillFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("stripe-jdbc-sort-")).count();
        }
    }

    @Test
    void spilledRunsMergeIntoTheSameStableOrderAsAnInMemorySort() throws IOException {
        Random random = new Random(7);
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // Few distinct keys (many ties, some NULLs), and the input position to check stability.
            Long key = random.nextInt(20) == 0 ? null : (long) random.nextInt(50);
            input.add(new Object[] {key, "row " + i, (long) i});
        }
        List<SortKey> keys = List.of(new SortKey(0, true, true));
        List<Object[]> expected = new ArrayList<>(input);
        expected.sort(SortKey.comparator(keys));

        long before = spillFiles();
        ExternalSorter sorter = new ExternalSorter(keys, 4_096, 300);
        input.forEach(sorter::add);
        assertTrue(sorter.spilledRuns() > 10, "runs: " + sorter.spilledRuns());
        List<Object[]> sorted = drain(sorter.finish());
        assertEquals(expected.size(), sorted.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(java.util.Arrays.asList(expected.get(i)), java.util.Arrays.asList(sorted.get(i)), "row " + i);
        }
        assertEquals(before, spillFiles(), "the runs are deleted once read");
    }

    @Test
    void abandoningTheSortedRowsDeletesTheRuns() throws IOException {
        long before = spillFiles();
        ExternalSorter sorter = new ExternalSorter(List.of(new SortKey(0, false, false)), 1_024, 50);
        for (long i = 0; i < 1_000; i++) {
            sorter.add(new Object[] {1_000 - i});
        }
        assertTrue(spillFiles() > before);
        RowIterator rows = sorter.finish();
        assertTrue(rows.next());
        assertEquals(1L, rows.current()[0]);
        rows.close();
        assertEquals(before, spillFiles());
    }
}
