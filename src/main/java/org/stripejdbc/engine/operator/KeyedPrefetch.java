package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * The rows of a correlated subquery's table fetched ahead for a batch of the enclosing block's rows, so that the
 * subquery, still evaluated per row (its value, NULLs and errors exactly as before), makes no request of its own:
 * its scan ({@link ScanNode}) finds its rows here by the value of the correlated key. The subquery's table is
 * either read once (with the subquery's conditions that do not read the enclosing row) and its rows grouped by the
 * key column, or fetched by key ({@code key = ANY(keys)}), whichever needs fewer requests ({@link LookupOrScan}):
 * when the enclosing block's rows fit in one batch and have few distinct keys, they are looked up; when they fit in
 * one batch, the table is read a page at a time while it has read fewer pages than there are keys, then the keys
 * are looked up if it is longer; when they do not, the table is read once. {@link PrefetchNode} hands it the
 * batches.
 *
 * <p>Example: {@code select c.id, (select count(*) from stripe.charges ch where ch.customer = c.id) from
 * stripe.customers c} reads the customers, then the charges once (or the charges of each customer when there are
 * few), and counts each customer's charges from those rows, instead of a request per customer.
 */
public final class KeyedPrefetch {
    private final ScanNode scan;
    private final ScanNode lookups;
    private final int keyColumn;
    private final CompiledExpression outerKey;
    private final String description;

    /** One execution's rows, by key. */
    private static final class State {
        final Map<List<Object>, List<Object[]>> rows = new HashMap<>();
        final Set<List<Object>> decided = new HashSet<>();
        boolean complete;
        boolean started;
    }

    /**
     * @param scan        the table read whole with the uncorrelated conditions, or null when it needs a key
     * @param lookups     the table fetched by the key column ({@code key = ANY($n)}), or null
     * @param keyColumn   the key column's position in the table's rows
     * @param outerKey    the key's value in the enclosing block's rows
     * @param description the correlated key, for EXPLAIN ({@code ch.customer = c.id})
     */
    public KeyedPrefetch(
            ScanNode scan, ScanNode lookups, int keyColumn, CompiledExpression outerKey, String description) {
        if (scan == null && lookups == null) {
            throw new IllegalArgumentException("a prefetch reads the table or looks keys up");
        }
        this.scan = scan;
        this.lookups = lookups;
        this.keyColumn = keyColumn;
        this.outerKey = Objects.requireNonNull(outerKey, "outerKey");
        this.description = Objects.requireNonNull(description, "description");
    }

    private State state(Environment environment) {
        return environment.cached(this, State::new);
    }

    /**
     * The prefetched rows of {@code keyValue} (none for NULL), or null when they were not prefetched (the scan then
     * reads them itself).
     */
    List<Object[]> rows(Environment environment, Object keyValue) {
        State state = state(environment);
        if (keyValue == null) {
            return state.started ? List.of() : null;
        }
        List<Object> key = ValueComparator.key(new Object[] {keyValue});
        if (!state.complete && !state.decided.contains(key)) {
            return null;
        }
        return state.rows.getOrDefault(key, List.of());
    }

    /** Fetches the rows of the keys of {@code batch} not fetched yet; {@code last}: no batch follows. */
    void prefetch(Environment environment, List<Object[]> batch, boolean last) {
        State state = state(environment);
        if (state.complete) {
            return;
        }
        Set<List<Object>> undecided = new LinkedHashSet<>();
        for (Object[] row : batch) {
            Object value = outerKey.evaluate(row, environment);
            if (value != null) {
                List<Object> key = ValueComparator.key(new Object[] {value});
                if (!state.decided.contains(key)) {
                    undecided.add(key);
                }
            }
        }
        boolean first = !state.started;
        state.started = true;
        if (undecided.isEmpty()) {
            return;
        }
        if (lookups != null && (scan == null || !first || (last && LookupOrScan.lookUpAtOnce(undecided.size())))) {
            lookUp(environment, state, undecided);
        } else if (scan != null && (!last || lookups == null || !scanPaused(environment, state, undecided))) {
            readWhole(environment, state);
        } else if (!state.complete) {
            lookUp(environment, state, undecided);
        }
    }

    /**
     * Reads the table a page at a time while it has read fewer pages than there are {@code undecided} keys; true
     * when it paused there (its rows are dropped: the keys are looked up instead), false when it was read whole.
     */
    private boolean scanPaused(Environment environment, State state, Set<List<Object>> undecided) {
        if (!scan.pageable()) {
            return false;
        }
        boolean[] paused = {false};
        Map<List<Object>, List<Object[]>> read = new HashMap<>();
        try (RowIterator rows = scan.openPaged(environment, pages -> {
            paused[0] = !LookupOrScan.readOn(pages, 0, undecided.size(), false);
            return !paused[0];
        })) {
            while (rows.next()) {
                environment.tick();
                add(read, rows.current());
            }
        }
        if (paused[0]) {
            return true;
        }
        state.rows.putAll(read);
        state.complete = true;
        return false;
    }

    private void readWhole(Environment environment, State state) {
        if (state.complete) {
            return;
        }
        // One sequential walk: each key's rows keep the list's order (newest first), which a subquery read in
        // order (max(created), ORDER BY created DESC LIMIT 1) relies on.
        try (RowIterator rows = scan.pageable() ? scan.openPaged(environment, pages -> true) : scan.open(environment)) {
            while (rows.next()) {
                environment.tick();
                add(state.rows, rows.current());
            }
        }
        state.complete = true;
    }

    private void lookUp(Environment environment, State state, Set<List<Object>> undecided) {
        List<Object> values = new ArrayList<>();
        for (List<Object> key : undecided) {
            values.add(key.get(0));
        }
        for (int from = 0; from < values.size(); from += JoinNode.KEYED_BATCH_KEYS) {
            List<Object> chunk = values.subList(from, Math.min(values.size(), from + JoinNode.KEYED_BATCH_KEYS));
            try (RowIterator rows = lookups.openKeyed(environment, List.copyOf(chunk))) {
                while (rows.next()) {
                    environment.tick();
                    add(state.rows, rows.current());
                }
            }
        }
        state.decided.addAll(undecided);
    }

    private void add(Map<List<Object>, List<Object[]>> rows, Object[] row) {
        Object value = row[keyColumn];
        if (value != null) {
            rows.computeIfAbsent(ValueComparator.key(new Object[] {value}), k -> new ArrayList<>())
                    .add(row);
        }
    }

    void explain(ExplainWriter out) {
        out.prefetch(this);
        out.detail("Prefetch for a correlated subquery (" + description + "): "
                + (scan != null && lookups != null
                        ? "its table read once, or its keys looked up when they are few or the table longer than"
                                + " they are many, whichever needs fewer requests"
                        : scan != null ? "its table read once" : "its keys looked up")
                + ", for batches of " + PrefetchNode.BATCH_ROWS + " rows");
        if (scan != null) {
            out.child(scan);
        }
        if (lookups != null) {
            out.child(lookups);
        }
    }
}
