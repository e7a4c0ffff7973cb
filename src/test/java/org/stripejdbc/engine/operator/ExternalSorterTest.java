package org.stripejdbc.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

    /**
     * The sort runs in the temporary directory that hold {@code marker}, a text every row of the test carries: this
     * test's runs only, not those of another JVM sorting at the same time (another build, a child JVM of
     * MemoryBoundTest), which share the directory and the file name prefix. Runs are written through a buffer, so
     * their rows are on disk once {@link ExternalSorter#finish()} has started reading them.
     */
    private static Set<Path> runsHolding(String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("stripe-jdbc-sort-"))
                    .filter(p -> holds(p, needle))
                    .collect(Collectors.toSet());
        }
    }

    private static boolean holds(Path file, byte[] needle) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            return false; // deleted meanwhile by whoever sorted it: not one of ours, which are still open
        }
        outer:
        for (int i = 0; i + needle.length <= content.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void spilledRunsMergeIntoTheSameStableOrderAsAnInMemorySort() throws IOException {
        String marker = "sorted-" + UUID.randomUUID();
        Random random = new Random(7);
        List<Object[]> input = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // Few distinct keys (many ties, some NULLs), and the input position to check stability.
            Long key = random.nextInt(20) == 0 ? null : (long) random.nextInt(50);
            input.add(new Object[] {key, marker + " row " + i, (long) i});
        }
        List<SortKey> keys = List.of(new SortKey(0, true, true));
        List<Object[]> expected = new ArrayList<>(input);
        expected.sort(SortKey.comparator(keys));

        ExternalSorter sorter = new ExternalSorter(keys, 4_096, 300);
        input.forEach(sorter::add);
        assertTrue(sorter.spilledRuns() > 10, "runs: " + sorter.spilledRuns());
        RowIterator merged = sorter.finish();
        assertEquals(sorter.spilledRuns(), runsHolding(marker).size(), "every run is a file");
        List<Object[]> sorted = drain(merged);
        assertEquals(expected.size(), sorted.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(Arrays.asList(expected.get(i)), Arrays.asList(sorted.get(i)), "row " + i);
        }
        assertEquals(Set.of(), runsHolding(marker), "the runs are deleted once read");
    }

    @Test
    void abandoningTheSortedRowsDeletesTheRuns() throws IOException {
        String marker = "abandoned-" + UUID.randomUUID();
        ExternalSorter sorter = new ExternalSorter(List.of(new SortKey(0, false, false)), 1_024, 50);
        for (long i = 0; i < 1_000; i++) {
            sorter.add(new Object[] {1_000 - i, marker});
        }
        RowIterator rows = sorter.finish();
        assertTrue(rows.next());
        assertEquals(1L, rows.current()[0]);
        assertTrue(runsHolding(marker).size() > 0, "the runs are files");
        rows.close();
        assertEquals(Set.of(), runsHolding(marker));
    }
}
