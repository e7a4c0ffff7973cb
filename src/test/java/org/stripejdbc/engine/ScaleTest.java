package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Query;

/**
 * Bulk behaviour: large inputs stream through filters, top-N sorts and hash joins doing work in proportion to their
 * input, not to its square and not to the time two shared cores happen to take.
 *
 * <p>The work is counted with the query's cancellation checks: operators check once every 1,024 row steps (a row
 * read, compared, probed or joined), so the checks times 1,024 is the number of row steps, give or take one
 * interval.
 */
class ScaleTest {
    /** Row steps between two cancellation checks (Environment's interval). */
    private static final long STEPS_PER_CHECK = 1024;

    private final Engine engine = Engine.standard();

    /** A control that counts the checks, each standing for {@link #STEPS_PER_CHECK} row steps. */
    private static final class CountingControl implements QueryControl {
        final AtomicLong checks = new AtomicLong();

        @Override
        public void checkCancelled() {
            checks.incrementAndGet();
        }
    }

    private List<String> rows(Query query, CountingControl control) {
        ExecutionContext context = new ExecutionContext(List.of(), Engine.NOW, 0, control, ScanListener.NONE);
        return engine.rows(query, context);
    }

    private List<String> explain(Query query) {
        return new ArrayList<>(engine.compiler().compile(query).explain(Engine.context()));
    }

    @Test
    void topNOverAMillionRows() {
        Query query = select(as(col("g"), "n"))
                .from(function("g", "generate_series", number(1), number(1_000_000)))
                .where(eq(mod(col("g"), number(7)), number(0)))
                .orderBy(desc(col("g")))
                .limit(2)
                .build();
        CountingControl control = new CountingControl();

        assertEquals(List.of("n=999999", "n=999992"), rows(query, control));

        // The sort keeps the first two rows while reading (a bounded heap), not all 142,857 that pass the filter.
        assertTrue(
                explain(query).stream().anyMatch(line -> line.contains("Sort: n DESC (top-N: 2")),
                explain(query).toString());
        // Every one of the million rows is read once and filtered once: about two row steps per input row (some
        // 2.1 million in all), and never one per pair of rows.
        long steps = control.checks.get() * STEPS_PER_CHECK;
        assertTrue(steps >= 1_000_000, steps + " row steps");
        assertTrue(steps <= 4_000_000, steps + " row steps");
    }

    @Test
    void hashJoinOfTwentyThousandRows() {
        FromItem from = join(
                function("a", "generate_series", number(1), number(20_000)),
                function("b", "generate_series", number(1), number(20_000)),
                FromItem.JoinType.INNER,
                eq(col("a"), col("b")));
        Query query = select(countStar()).from(from).build();
        CountingControl control = new CountingControl();

        assertEquals(List.of("count=20000"), rows(query, control));

        assertTrue(
                explain(query).stream().anyMatch(line -> line.contains("Hash Join")),
                explain(query).toString());
        // Each side is read once and each row probes its one match: a few row steps per input row (about 120,000
        // in all), where a nested loop would compare 400,000,000 pairs.
        long steps = control.checks.get() * STEPS_PER_CHECK;
        assertTrue(steps >= 40_000, steps + " row steps");
        assertTrue(steps <= 400_000, steps + " row steps");
    }
}
