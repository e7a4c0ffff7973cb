package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.stream.Collectors;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.sql.ExprPrinter;

/**
 * ORDER BY: a stable sort (rows with equal keys keep their input order). With a row budget (the LIMIT + OFFSET
 * above it), only the first {@code n} rows are kept while reading, in a bounded heap, so memory stays
 * proportional to the budget instead of the input. Without one, up to {@value #IN_MEMORY_ROWS} rows are sorted
 * in memory as they are; a larger input goes through an {@link ExternalSorter} (compact rows, sorted runs
 * spilled to temporary files and merged), so memory stays bounded however many rows are sorted.
 *
 * <p>When the input already comes ordered by the first key ({@link #withInputOrderedByFirstKey}: a scan read in
 * its source's order), a top-N stops reading as soon as no further row can enter it: with the first key alone, once
 * it holds {@code n} rows (rows equal on that key may come in any order); with more keys, once a row's first key
 * sorts after that of the {@code n}-th row kept. Example: {@code order by created desc, id limit 5} over rows newest
 * first reads the five newest rows and the rest of the fifth one's second, and sorts those.
 */
public final class SortNode implements PlanNode {
    private static final long TOP_N_MAXIMUM = 100_000;
    /** Up to this many rows are sorted as they are; more go through an {@link ExternalSorter}. */
    static final int IN_MEMORY_ROWS = 4096;

    private final PlanNode input;
    private final List<SortKey> keys;
    private final RowBudget budget;
    private final String description;
    /** Whether the input comes ordered by the first key (a top-N then stops reading early). */
    private final boolean inputOrdered;

    public SortNode(PlanNode input, List<SortKey> keys, RowBudget budget, String description) {
        this(input, keys, budget, description, false);
    }

    private SortNode(PlanNode input, List<SortKey> keys, RowBudget budget, String description, boolean inputOrdered) {
        this.input = Objects.requireNonNull(input, "input");
        this.keys = List.copyOf(keys);
        this.budget = budget;
        this.description = Objects.requireNonNull(description, "description");
        this.inputOrdered = inputOrdered;
        if (inputOrdered && (budget == null || keys.isEmpty())) {
            throw new IllegalArgumentException("only a top-N reads an ordered input partly");
        }
    }

    /**
     * The same top-N over an input that comes ordered by the first key (the caller guarantees it, for instance by
     * a scan read in order, which checks its rows): it stops reading once no further row can enter the top N.
     */
    public SortNode withInputOrderedByFirstKey() {
        return new SortNode(input, keys, budget, description, true);
    }

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    private record Numbered(Object[] row, long sequence) {}

    @Override
    public RowIterator open(Environment environment) {
        long needed = budget == null ? -1 : budget.evaluate(environment).needed();
        if (needed == 0) {
            return RowIterator.empty();
        }
        Comparator<Object[]> order = SortKey.comparator(keys);
        Comparator<Numbered> stable = (a, b) -> {
            int c = order.compare(a.row, b.row);
            return c != 0 ? c : Long.compare(a.sequence, b.sequence);
        };
        List<Object[]> sorted = new ArrayList<>();
        try (RowIterator rows = input.open(environment)) {
            if (needed > 0 && needed <= TOP_N_MAXIMUM) {
                PriorityQueue<Numbered> heap = new PriorityQueue<>((int) Math.min(needed + 1, 1024), stable.reversed());
                Comparator<Object[]> first = SortKey.comparator(keys.subList(0, 1));
                long sequence = 0;
                while (rows.next()) {
                    environment.tick();
                    Numbered candidate = new Numbered(rows.current(), sequence++);
                    if (inputOrdered && heap.size() == needed && first.compare(candidate.row, heap.peek().row) > 0) {
                        break; // every later row's first key sorts after the n-th row's: none can enter
                    }
                    if (heap.size() < needed) {
                        heap.add(candidate);
                    } else if (stable.compare(candidate, heap.peek()) < 0) {
                        heap.poll();
                        heap.add(candidate);
                    }
                    if (inputOrdered && keys.size() == 1 && heap.size() == needed) {
                        break; // the first n rows: later ones sort after them or tie, and ties may come in any order
                    }
                }
                List<Numbered> kept = new ArrayList<>(heap);
                kept.sort(stable);
                for (Numbered numbered : kept) {
                    sorted.add(numbered.row);
                }
            } else {
                boolean more = true;
                while (sorted.size() < IN_MEMORY_ROWS && (more = rows.next())) {
                    environment.tick();
                    sorted.add(rows.current());
                }
                if (more && rows.next()) {
                    return sortExternally(sorted, rows, environment);
                }
                sorted.sort(order); // List.sort is a stable merge sort
            }
        }
        return RowIterator.of(sorted);
    }

    /**
     * Sorts more than {@link #IN_MEMORY_ROWS} rows: {@code first} and the rest of {@code rows} (positioned on its
     * next row) go through an {@link ExternalSorter}, which holds them compactly and spills sorted runs to disk.
     */
    private RowIterator sortExternally(List<Object[]> first, RowIterator rows, Environment environment) {
        ExternalSorter sorter = new ExternalSorter(keys);
        try {
            for (Object[] row : first) {
                sorter.add(row);
            }
            first.clear();
            do {
                environment.tick();
                sorter.add(rows.current());
            } while (rows.next());
            return sorter.finish();
        } catch (RuntimeException | Error e) {
            sorter.close();
            throw e;
        }
    }

    @Override
    public long maximumRows() {
        return input.maximumRows();
    }

    @Override
    public void explain(ExplainWriter out) {
        String topN = budget == null ? "" : " (top-N: " + budget.describe() + ")";
        if (inputOrdered) {
            topN = " (top-N: " + budget.describe() + "; the input comes ordered by the first key, so reading stops "
                    + (keys.size() == 1 ? "at the N-th row)" : "once a row's first key sorts after the N-th row's)");
        }
        out.title("Sort: " + description + topN);
        out.child(input);
    }

    public static String describe(List<ResultColumn> columns, List<SortKey> keys) {
        return keys.stream()
                .map(k -> ExprPrinter.identifier(columns.get(k.column()).name())
                        + (k.descending() ? " DESC" : "")
                        + (k.nullsFirst() != k.descending() ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : ""))
                .collect(Collectors.joining(", "));
    }
}
