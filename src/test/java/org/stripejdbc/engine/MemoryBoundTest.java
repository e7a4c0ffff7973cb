package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;

/**
 * A sort and an aggregate over a million rows stay within a small heap: each query runs in a child JVM started
 * with {@code -Xmx128m} (an OutOfMemoryError there fails the test), which checks its own results.
 */
@Tag("slow")
class MemoryBoundTest {
    private static final String HEAP = "-Xmx128m";

    @TempDir
    Path directory;

    /** The child JVM: runs one check and prints {@code ok} on success. */
    static final class Child {
        public static void main(String[] arguments) {
            String check = arguments[0];
            if (check.equals("sort")) {
                sortAMillionWideRows();
            } else {
                aggregateAMillionGroups();
            }
            System.out.println("ok");
        }

        private static RowIterator run(String sql) {
            Query query = ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
            return new Engine().compiler().compile(query).execute(Engine.context());
        }

        private static void sortAMillionWideRows() {
            // About 200 bytes of jsonb per row: 200 MB of rows as Jackson trees, far more than the heap.
            try (RowIterator rows = run("select g, jsonb_build_object('id', 'cus_' || g, 'email', 'user' || g "
                    + "|| '@example.com', 'address', jsonb_build_object('city', 'Berlin', 'line1', g || ' Main "
                    + "Street'), 'metadata', jsonb_build_object('n', g)) as attrs "
                    + "from generate_series(1, 1000000) g order by 'user' || g || '@example.com' desc, g")) {
                long count = 0;
                String previous = null;
                while (rows.next()) {
                    String email = ((org.stripejdbc.json.Json) rows.current()[1])
                            .get("email")
                            .stringValue();
                    if (previous != null && previous.compareTo(email) < 0) {
                        throw new AssertionError("out of order at row " + count + ": " + previous + ", " + email);
                    }
                    if (count == 0 && !email.equals("user9@example.com")) { // by code point: "9@" > "99"
                        throw new AssertionError("first row " + email);
                    }
                    previous = email;
                    count++;
                }
                if (count != 1_000_000) {
                    throw new AssertionError("rows: " + count);
                }
            }
        }

        private static void aggregateAMillionGroups() {
            try (RowIterator rows = run("select 'k' || (g % 1000000) as k, count(*) as n, sum(g) as s, avg(g) "
                    + "from generate_series(1, 2000000) g group by 1")) {
                long groups = 0;
                long total = 0;
                while (rows.next()) {
                    Object[] row = rows.current();
                    long n = (Long) row[1];
                    if (n != 2) {
                        throw new AssertionError("group " + row[0] + " has " + n + " rows");
                    }
                    total += n;
                    groups++;
                }
                if (groups != 1_000_000 || total != 2_000_000) {
                    throw new AssertionError("groups " + groups + ", rows " + total);
                }
            }
        }
    }

    /**
     * Runs {@link Child} with {@code check} in a JVM of its own and asserts that it printed {@code ok}. Its output
     * goes to a file, not a pipe: a child that fills a pipe nobody reads would block, and reading the pipe to its
     * end before waiting would wait forever for a child that hangs. A child still running after five minutes is
     * killed and the test fails with what it printed.
     */
    private void runChild(String check) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                check));
        Path log = directory.resolve(check + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
                fail("the " + check + " child did not end within 5 minutes; it printed:\n" + output(log));
            }
        } finally {
            process.destroyForcibly();
        }
        String output = output(log);
        assertEquals(0, process.exitValue(), output);
        assertEquals("ok", output.strip(), output);
    }

    private static String output(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Test
    void sortingAMillionWideRowsSpillsInsteadOfFillingTheHeap() throws Exception {
        runChild("sort");
    }

    @Test
    void aggregatingAMillionGroupsSpillsInsteadOfFillingTheHeap() throws Exception {
        runChild("aggregate");
    }
}
