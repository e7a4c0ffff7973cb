package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * A decorrelated {@code EXISTS}, {@code NOT EXISTS}, {@code IN} or {@code NOT IN} subquery: the rows of the
 * <em>outer</em> input (the query block) that have a matching row in the <em>inner</em> table (a semi join), or
 * none (an anti join), reading the inner table once or looking up the outer rows' keys, instead of running the
 * subquery, and its requests, once per outer row.
 *
 * <p>An inner row matches an outer row when every equality key is equal (a NULL never is) and the filter (the
 * subquery's other conditions that read the outer row) is true. The kinds:
 * <ul>
 *   <li>{@link Kind#SEMI}: {@code exists (...)}, {@code x in (select y ...)} (with {@code y = x} as a key): the outer
 *       rows with a match;</li>
 *   <li>{@link Kind#ANTI}: {@code not exists (...)}: the outer rows without one;</li>
 *   <li>{@link Kind#NULL_AWARE_ANTI}: {@code x not in (select y ...)} as Postgres evaluates it in WHERE: the outer
 *       rows for which no inner row <em>of their keys and filter</em> has {@code y = x}, {@code y} NULL, or exists at
 *       all when {@code x} is NULL (each of those makes NOT IN false or NULL).</li>
 * </ul>
 *
 * <p>How the inner table is read, decided when the node runs (each needs only what the query names):
 * <ul>
 *   <li><b>scan</b>: the inner table once, with the subquery's own conditions pushed, hashed by key;</li>
 *   <li><b>lookups</b>: per batch of outer rows, the inner table fetched by the distinct keys of one key column
 *       ({@code ch.customer = ANY(keys)}: a list walk or a retrieve per key);</li>
 *   <li><b>either, by requests</b> (when both exist, without filter or NOT IN): the outer rows are read in batches
 *       of up to {@value #BATCH_ROWS}; a batch's keys not decided yet are looked up at once when they are few
 *       ({@link LookupOrScan#lookUpAtOnce}, and the outer side has no more rows), else the scan is read a page at a
 *       time while {@link LookupOrScan#readOn} says its pages pay off (every key a page shows is remembered), and
 *       the keys still undecided when it pauses are looked up. A scan that reaches its end decides every key.</li>
 * </ul>
 * Example: {@code select count(*) from stripe.customers c where exists (select 1 from stripe.charges ch where
 * ch.customer = c.id and ch.status = 'failed')} over 1,000 customers reads the 10 pages of customers, then the
 * charges once (about 15 pages): 25 requests, where running the subquery per customer made 1,000.
 *
 * <p>Rows come in the outer input's order. Memory: one batch of outer rows, the keys decided (and, with a filter
 * or NOT IN, the inner rows of the keys, as a hash join holds its inner side).
 */
public final class SemiJoinNode implements PlanNode {
    /** Outer rows read before their keys are decided. */
    static final int BATCH_ROWS = 1_000;

    public enum Kind {
        SEMI,
        ANTI,
        NULL_AWARE_ANTI
    }

    /**
     * How the inner table can be read: {@code scan} the whole table with the subquery's own conditions (null when it
     * cannot be read without a key), {@code keyed} the table fetched by key column {@code keyedKey} ({@code key =
     * ANY($n)}; null when no key column can be pushed), {@code keyDescription} that condition for EXPLAIN.
     */
    public record Inner(PlanNode scan, ScanNode keyed, int keyedKey, String keyDescription) {
        public Inner {
            if (scan == null && keyed == null) {
                throw new IllegalArgumentException("the inner side needs a scan or a keyed scan");
            }
        }
    }

    private final PlanNode outer;
    private final Kind kind;
    private final List<CompiledExpression> outerKeys;
    private final List<CompiledExpression> innerKeys;
    private final CompiledExpression nullAwareOuter;
    private final CompiledExpression nullAwareInner;
    private final CompiledExpression filter;
    private final Inner inner;
    private final String description;

    /**
     * @param outerKeys      the keys over the outer row, each in the type it is compared in
     * @param innerKeys      the same over the inner row
     * @param nullAwareOuter NOT IN's {@code x} over the outer row (null unless {@link Kind#NULL_AWARE_ANTI})
     * @param nullAwareInner NOT IN's {@code y} over the inner row, in the type it is compared in
     * @param filter         the other conditions, over the outer row followed by the inner row; null for none
     * @param description    the subquery condition, for EXPLAIN
     */
    public SemiJoinNode(
            PlanNode outer,
            Kind kind,
            List<CompiledExpression> outerKeys,
            List<CompiledExpression> innerKeys,
            CompiledExpression nullAwareOuter,
            CompiledExpression nullAwareInner,
            CompiledExpression filter,
            Inner inner,
            String description) {
        this.outer = Objects.requireNonNull(outer, "outer");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.outerKeys = List.copyOf(outerKeys);
        this.innerKeys = List.copyOf(innerKeys);
        this.nullAwareOuter = nullAwareOuter;
        this.nullAwareInner = nullAwareInner;
        this.filter = filter;
        this.inner = Objects.requireNonNull(inner, "inner");
        this.description = Objects.requireNonNull(description, "description");
        if (this.outerKeys.size() != this.innerKeys.size()
                || (kind == Kind.NULL_AWARE_ANTI) != (nullAwareOuter != null && nullAwareInner != null)
                || (inner.keyed() != null && (inner.keyedKey() < 0 || inner.keyedKey() >= this.outerKeys.size()))) {
            throw new IllegalArgumentException("a semi join needs pairs of keys, NOT IN's pair, and a keyed key");
        }
    }

    @Override
    public List<ResultColumn> columns() {
        return outer.columns();
    }

    /** The rows the join keeps some of: the query block's. */
    public PlanNode outer() {
        return outer;
    }

    @Override
    public long maximumRows() {
        return outer.maximumRows();
    }

    /** Whether the decision needs the inner rows themselves, not only their keys. */
    private boolean needsRows() {
        return filter != null || kind == Kind.NULL_AWARE_ANTI;
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator outerRows = outer.open(environment);
        Matcher matcher = new Matcher(environment);
        return new AbstractRowIterator() {
            private final List<Object[]> batch = new ArrayList<>();
            private boolean outerDone;
            private int position;
            private boolean[] keep = new boolean[0];

            @Override
            protected Object[] advance() {
                while (true) {
                    while (position < batch.size()) {
                        int i = position++;
                        if (keep[i]) {
                            return batch.get(i);
                        }
                    }
                    if (outerDone) {
                        return null;
                    }
                    batch.clear();
                    position = 0;
                    while (batch.size() < BATCH_ROWS) {
                        if (!outerRows.next()) {
                            outerDone = true;
                            break;
                        }
                        environment.tick();
                        batch.add(outerRows.current());
                    }
                    keep = matcher.decide(batch, outerDone);
                }
            }

            @Override
            protected void release() {
                matcher.close();
                outerRows.close();
            }
        };
    }

    /** The key tuple of {@code row} under {@code keys}, or null when one is NULL (it matches nothing). */
    private static List<Object> key(List<CompiledExpression> keys, Object[] row, Environment environment) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = keys.get(i).evaluate(row, environment);
            if (values[i] == null) {
                return null;
            }
        }
        return ValueComparator.key(values);
    }

    private Object[] combine(Object[] outerRow, Object[] innerRow) {
        Object[] out = new Object[outerRow.length + innerRow.length];
        System.arraycopy(outerRow, 0, out, 0, outerRow.length);
        System.arraycopy(innerRow, 0, out, outerRow.length, innerRow.length);
        return out;
    }

    /** One execution's state: what is known of the inner table so far, and how it is read. */
    private final class Matcher {
        private final Environment environment;
        /** Keys with a matching inner row (a scan also records the keys of batches to come). */
        private final Set<List<Object>> matched = new HashSet<>();
        /** Keys looked up: those not in {@link #matched} have no match. */
        private final Set<List<Object>> lookedUp = new HashSet<>();
        /** With a filter or NOT IN: the inner rows by key (all of them once the scan was read). */
        private final Map<List<Object>, List<Object[]>> rows = new HashMap<>();

        private boolean scanComplete;
        private boolean started;
        private boolean adaptive;
        private RowIterator paged;
        private boolean paused;
        private long resolvedByScan;
        private Set<List<Object>> pending = Set.of();

        Matcher(Environment environment) {
            this.environment = environment;
        }

        /** Which rows of {@code batch} the join keeps; {@code last}: the outer input has no more rows. */
        boolean[] decide(List<Object[]> batch, boolean last) {
            List<List<Object>> keys = new ArrayList<>(batch.size());
            for (Object[] row : batch) {
                keys.add(key(outerKeys, row, environment));
            }
            if (!started) {
                started = true;
                adaptive = inner.scan() != null && inner.keyed() != null && !needsRows();
                if (inner.keyed() == null || (inner.scan() != null && !adaptive && !fewKeys(keys, last))) {
                    readWholeScan();
                }
            }
            if (!scanComplete) {
                Set<List<Object>> undecided = new LinkedHashSet<>();
                for (List<Object> key : keys) {
                    if (key != null && !matched.contains(key) && !lookedUp.contains(key)) {
                        undecided.add(key);
                    }
                }
                if (!undecided.isEmpty()) {
                    if (adaptive && !(paged == null && fewKeys(keys, last))) {
                        undecided = scanWhilePaying(undecided);
                    }
                    if (!scanComplete) {
                        lookUp(undecided);
                    }
                }
            }
            boolean[] keep = new boolean[batch.size()];
            for (int i = 0; i < keep.length; i++) {
                keep[i] = keeps(batch.get(i), keys.get(i));
            }
            return keep;
        }

        /** Whether the keys are few enough to look up without trying the scan: all the outer side has, and few. */
        private boolean fewKeys(List<List<Object>> keys, boolean last) {
            if (!last) {
                return false;
            }
            Set<Object> values = new HashSet<>();
            for (List<Object> key : keys) {
                if (key != null) {
                    values.add(key.get(inner.keyedKey()));
                }
            }
            return LookupOrScan.lookUpAtOnce(values.size());
        }

        private boolean keeps(Object[] outerRow, List<Object> key) {
            if (!needsRows()) {
                boolean found = key != null && matched.contains(key);
                return kind == Kind.SEMI ? found : !found;
            }
            List<Object[]> candidates = key == null ? List.of() : rows.getOrDefault(key, List.of());
            Object x = kind == Kind.NULL_AWARE_ANTI ? nullAwareOuter.evaluate(outerRow, environment) : null;
            for (Object[] innerRow : candidates) {
                environment.tick();
                if (filter != null && !Boolean.TRUE.equals(filter.evaluate(combine(outerRow, innerRow), environment))) {
                    continue;
                }
                if (kind != Kind.NULL_AWARE_ANTI) {
                    return kind == Kind.SEMI;
                }
                Object y = nullAwareInner.evaluate(innerRow, environment);
                if (x == null || y == null || ValueComparator.compare(x, y) == 0) {
                    return false; // NOT IN is false, or NULL
                }
            }
            return kind != Kind.SEMI;
        }

        /** Records an inner row: its key matched, and the row itself when the decision needs it. */
        private void record(Object[] innerRow) {
            List<Object> key = key(innerKeys, innerRow, environment);
            if (key == null) {
                return;
            }
            if (needsRows()) {
                rows.computeIfAbsent(key, k -> new ArrayList<>(1)).add(innerRow);
            } else {
                matched.add(key);
            }
        }

        private void readWholeScan() {
            try (RowIterator innerRows = inner.scan().open(environment)) {
                while (innerRows.next()) {
                    environment.tick();
                    record(innerRows.current());
                }
            }
            scanComplete = true;
        }

        /**
         * Reads the scan a page at a time while its pages pay off for {@code undecided}; returns the keys it left
         * undecided (none once the scan is complete).
         */
        private Set<List<Object>> scanWhilePaying(Set<List<Object>> undecided) {
            pending = undecided;
            if (paged == null) {
                if (!(inner.scan() instanceof ScanNode scan) || !scan.pageable()) {
                    readWholeScan();
                    return Set.of();
                }
                paged = scan.openPaged(environment, pages -> {
                    paused = !LookupOrScan.readOn(pages, resolvedByScan, pending.size(), false);
                    return !paused;
                });
            }
            paused = false;
            while (paged.next()) {
                environment.tick();
                List<Object> key = key(innerKeys, paged.current(), environment);
                if (key != null && matched.add(key) && pending.remove(key)) {
                    resolvedByScan++;
                }
                if (pending.isEmpty()) {
                    return pending; // every key of the batch is decided; the scan goes on for later batches
                }
            }
            if (!paused) {
                scanComplete = true;
                paged.close();
                return Set.of();
            }
            return pending;
        }

        private void lookUp(Set<List<Object>> undecided) {
            Set<Object> values = new LinkedHashSet<>();
            for (List<Object> key : undecided) {
                values.add(key.get(inner.keyedKey()));
            }
            List<Object> all = new ArrayList<>(values);
            for (int from = 0; from < all.size(); from += JoinNode.KEYED_BATCH_KEYS) {
                List<Object> chunk = all.subList(from, Math.min(all.size(), from + JoinNode.KEYED_BATCH_KEYS));
                try (RowIterator innerRows = inner.keyed().openKeyed(environment, List.copyOf(chunk))) {
                    while (innerRows.next()) {
                        environment.tick();
                        record(innerRows.current());
                    }
                }
            }
            lookedUp.addAll(undecided);
        }

        void close() {
            if (paged != null) {
                paged.close();
            }
        }
    }

    @Override
    public void explain(ExplainWriter out) {
        String title = switch (kind) {
            case SEMI -> "Semi Join";
            case ANTI -> "Anti Join";
            case NULL_AWARE_ANTI -> "Anti Join (NULL-aware, NOT IN)";
        };
        out.title(title + ": " + description);
        if (inner.scan() != null && inner.keyed() != null) {
            out.detail("Inner side: read once, or looked up per distinct key (" + inner.keyDescription()
                    + "), whichever needs fewer requests: up to " + LookupOrScan.ALWAYS_LOOKED_UP
                    + " keys are looked up; otherwise "
                    + (needsRows()
                            ? "the table is read once"
                            : "its pages are read while each decides a key, or while fewer than the keys left, then"
                                    + " the rest is looked up")
                    + " (batches of " + BATCH_ROWS + " outer rows)");
        } else if (inner.keyed() != null) {
            out.detail("Inner side: looked up per distinct key (" + inner.keyDescription() + "), up to "
                    + JoinNode.KEYED_BATCH_KEYS + " keys per request batch");
        } else {
            out.detail("Inner side: read once, hashed by key");
        }
        out.child(outer);
        if (inner.scan() != null) {
            out.child(inner.scan());
        }
        if (inner.keyed() != null) {
            out.child(inner.keyed());
        }
    }
}
