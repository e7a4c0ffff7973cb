package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.sql.FromItem.JoinType;

/**
 * A join of two inputs, producing rows laid out as the left columns followed by the right columns (NULLs for the
 * missing side of an outer join). Four strategies:
 * <ul>
 *   <li><b>hash</b> (equi-joins): the right input is read once into a hash table on its key columns, the left
 *       input streams past it; rows with a NULL key never match;</li>
 *   <li><b>nested loop</b> (other conditions, CROSS joins): the right input is read once into memory, every left
 *       row is tested against every right row;</li>
 *   <li><b>lateral</b> (the right input depends on the left row, as in {@code from invoices i,
 *       jsonb_array_elements(i.attrs->'lines'->'data') line}): the right input is re-opened for each left row.</li>
 *   <li><b>keyed</b> (join pushdown, an equi-join whose key on one side, the <em>inner</em> side, is a column its
 *       table can be fetched by: {@code id} or a pushable field): the other, <em>outer</em> side is read in batches
 *       of up to {@value #KEYED_BATCH_KEYS} distinct keys, and for each batch the inner table is scanned with
 *       {@code key = ANY(batch keys)} (retrieves or filtered list calls) and hash-joined with the batch. Rows come
 *       in the outer side's order. Example: {@code from stripe.invoices i join stripe.customers c on c.id =
 *       i.customer where i.id = 'in_1'} retrieves {@code in_1}, then {@code GET /v1/customers/<its customer>}.</li>
 * </ul>
 * INNER, LEFT, RIGHT and FULL are supported by the first two; INNER and LEFT by the lateral one; the keyed one
 * never fetches the side an outer join preserves (INNER; LEFT with the right side inner; RIGHT with the left side
 * inner). The left input (the outer one for keyed joins) is always streamed, so a LIMIT above the join stops
 * reading it early.
 */
public final class JoinNode implements PlanNode {
    public enum Strategy {
        HASH,
        NESTED_LOOP,
        LATERAL,
        KEYED
    }

    /** The most distinct keys one batch of a keyed join fetches the inner side for. */
    public static final int KEYED_BATCH_KEYS = 100;
    /** The most outer rows one batch of a keyed join holds (many rows can share a key). */
    static final int KEYED_BATCH_ROWS = 10_000;

    /**
     * How a keyed join fetches its inner side.
     *
     * @param innerIsRight  whether the right input is the inner one (else the left)
     * @param inner         the inner table's scan, whose last parameter is the array of keys
     * @param keyIndex      which pair of join keys the inner scan is fetched by
     * @param keyDescription the fetch condition for EXPLAIN ({@code c.id = ANY(keys of i.customer)})
     * @param reason        why the inner side is fetched per key, for EXPLAIN
     */
    public record KeyedFetch(boolean innerIsRight, ScanNode inner, int keyIndex, String keyDescription, String reason) {
        public KeyedFetch {
            Objects.requireNonNull(inner, "inner");
            Objects.requireNonNull(keyDescription, "keyDescription");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final PlanNode left;
    private final PlanNode right;
    private final JoinType type;
    private final Strategy strategy;
    private final List<CompiledExpression> leftKeys;
    private final List<CompiledExpression> rightKeys;
    private final CompiledExpression condition;
    private final String description;
    private final List<ResultColumn> columns;
    private final KeyedFetch keyed;

    public JoinNode(
            PlanNode left,
            PlanNode right,
            JoinType type,
            Strategy strategy,
            List<CompiledExpression> leftKeys,
            List<CompiledExpression> rightKeys,
            CompiledExpression condition,
            String description) {
        this(left, right, type, strategy, leftKeys, rightKeys, condition, description, null);
    }

    /**
     * A keyed join: {@code keyed.inner()} is the left or right input (as {@code keyed.innerIsRight()} says), the
     * other input is the outer one.
     */
    public static JoinNode keyed(
            PlanNode outer,
            KeyedFetch keyed,
            JoinType type,
            List<CompiledExpression> leftKeys,
            List<CompiledExpression> rightKeys,
            CompiledExpression condition,
            String description) {
        PlanNode left = keyed.innerIsRight() ? outer : keyed.inner();
        PlanNode right = keyed.innerIsRight() ? keyed.inner() : outer;
        return new JoinNode(left, right, type, Strategy.KEYED, leftKeys, rightKeys, condition, description, keyed);
    }

    private JoinNode(
            PlanNode left,
            PlanNode right,
            JoinType type,
            Strategy strategy,
            List<CompiledExpression> leftKeys,
            List<CompiledExpression> rightKeys,
            CompiledExpression condition,
            String description,
            KeyedFetch keyed) {
        this.left = Objects.requireNonNull(left, "left");
        this.right = Objects.requireNonNull(right, "right");
        this.type = type == JoinType.CROSS ? JoinType.INNER : Objects.requireNonNull(type, "type");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.condition = condition;
        this.description = description;
        List<ResultColumn> all = new ArrayList<>(left.columns());
        all.addAll(right.columns());
        this.columns = List.copyOf(all);
        if (strategy == Strategy.LATERAL && this.type != JoinType.INNER && this.type != JoinType.LEFT) {
            throw new IllegalArgumentException("lateral joins are INNER or LEFT");
        }
        this.keyed = keyed;
        if ((strategy == Strategy.KEYED) != (keyed != null)) {
            throw new IllegalArgumentException("a keyed join needs its fetch, and only it");
        }
        if (keyed != null
                && (leftKeys.isEmpty()
                        || keyed.keyIndex() < 0
                        || keyed.keyIndex() >= leftKeys.size()
                        || !(this.type == JoinType.INNER
                                || (this.type == JoinType.LEFT && keyed.innerIsRight())
                                || (this.type == JoinType.RIGHT && !keyed.innerIsRight())))) {
            throw new IllegalArgumentException("a keyed join fetches a side no outer join preserves, by a join key");
        }
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    private Object[] combine(Object[] l, Object[] r) {
        int leftWidth = left.columns().size();
        int rightWidth = right.columns().size();
        Object[] out = new Object[leftWidth + rightWidth];
        if (l != null) {
            System.arraycopy(l, 0, out, 0, leftWidth);
        }
        if (r != null) {
            System.arraycopy(r, 0, out, leftWidth, rightWidth);
        }
        return out;
    }

    private boolean accepts(Object[] combined, Environment environment) {
        return condition == null || Boolean.TRUE.equals(condition.evaluate(combined, environment));
    }

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

    @Override
    public RowIterator open(Environment environment) {
        switch (strategy) {
            case LATERAL:
                return openLateral(environment);
            case KEYED:
                return openKeyed(environment);
            default:
                return openMaterialized(environment);
        }
    }

    @Override
    public long maximumRows() {
        long l = left.maximumRows();
        long r = right.maximumRows();
        if (l < 0 || r < 0) {
            return -1;
        }
        // An outer join adds at most one row per unmatched row of a preserved side.
        return Math.multiplyHigh(l, r) != 0 ? -1 : l * r + (type == JoinType.INNER ? 0 : l + r);
    }

    private RowIterator openKeyed(Environment environment) {
        boolean innerIsRight = keyed.innerIsRight();
        PlanNode outer = innerIsRight ? left : right;
        List<CompiledExpression> outerKeys = innerIsRight ? leftKeys : rightKeys;
        List<CompiledExpression> innerKeys = innerIsRight ? rightKeys : leftKeys;
        CompiledExpression fetchKey = outerKeys.get(keyed.keyIndex());
        boolean keepOuter = type != JoinType.INNER;
        RowIterator outerRows = outer.open(environment);
        return new AbstractRowIterator() {
            private final List<Object[]> batch = new ArrayList<>();
            private int position;
            private Object[] pending;
            private boolean exhausted;
            private Map<List<Object>, List<Object[]>> innerByKey = Map.of();
            private Object[] outerRow;
            private Iterator<Object[]> candidates;
            private boolean matched;

            @Override
            protected Object[] advance() {
                while (true) {
                    if (candidates != null) {
                        while (candidates.hasNext()) {
                            environment.tick();
                            Object[] innerRow = candidates.next();
                            Object[] combined =
                                    innerIsRight ? combine(outerRow, innerRow) : combine(innerRow, outerRow);
                            if (accepts(combined, environment)) {
                                matched = true;
                                return combined;
                            }
                        }
                        candidates = null;
                        if (keepOuter && !matched) {
                            return innerIsRight ? combine(outerRow, null) : combine(null, outerRow);
                        }
                    }
                    if (position >= batch.size() && !loadBatch()) {
                        return null;
                    }
                    outerRow = batch.get(position++);
                    matched = false;
                    List<Object> key = key(outerKeys, outerRow, environment);
                    List<Object[]> matches = key == null ? null : innerByKey.get(key);
                    candidates = matches == null ? java.util.Collections.emptyIterator() : matches.iterator();
                }
            }

            /** Reads the next batch of outer rows and fetches the inner rows of their keys; false at the end. */
            private boolean loadBatch() {
                batch.clear();
                position = 0;
                Set<Object> keys = new LinkedHashSet<>();
                while (batch.size() < KEYED_BATCH_ROWS) {
                    Object[] row;
                    if (pending != null) {
                        row = pending;
                        pending = null;
                    } else if (!exhausted && outerRows.next()) {
                        environment.tick();
                        row = outerRows.current();
                    } else {
                        exhausted = true;
                        break;
                    }
                    Object key = fetchKey.evaluate(row, environment);
                    if (key != null && !keys.contains(key)) {
                        if (keys.size() == KEYED_BATCH_KEYS) {
                            pending = row;
                            break;
                        }
                        keys.add(key);
                    }
                    batch.add(row);
                }
                innerByKey = fetch(List.copyOf(keys));
                return !batch.isEmpty();
            }

            private Map<List<Object>, List<Object[]>> fetch(List<Object> keys) {
                if (keys.isEmpty()) {
                    return Map.of();
                }
                Map<List<Object>, List<Object[]>> byKey = new HashMap<>();
                try (RowIterator rows = keyed.inner().openKeyed(environment, keys)) {
                    while (rows.next()) {
                        environment.tick();
                        Object[] row = rows.current();
                        List<Object> key = key(innerKeys, row, environment);
                        if (key != null) {
                            byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(row);
                        }
                    }
                }
                return byKey;
            }

            @Override
            protected void release() {
                outerRows.close();
            }
        };
    }

    private RowIterator openMaterialized(Environment environment) {
        List<Object[]> rightRows = new ArrayList<>();
        Map<List<Object>, List<Integer>> hash = strategy == Strategy.HASH ? new HashMap<>() : null;
        try (RowIterator rows = right.open(environment)) {
            while (rows.next()) {
                environment.tick();
                Object[] row = rows.current();
                if (hash != null) {
                    List<Object> key = key(rightKeys, row, environment);
                    if (key != null) {
                        hash.computeIfAbsent(key, k -> new ArrayList<>(1)).add(rightRows.size());
                    }
                }
                rightRows.add(row);
            }
        }
        boolean[] rightMatched = new boolean[rightRows.size()];
        boolean keepLeft = type == JoinType.LEFT || type == JoinType.FULL;
        boolean keepRight = type == JoinType.RIGHT || type == JoinType.FULL;
        RowIterator leftRows = left.open(environment);
        return new AbstractRowIterator() {
            private Object[] leftRow;
            private Iterator<Integer> candidates;
            private boolean leftMatched;
            private int unmatchedRightPosition = -1;

            @Override
            protected Object[] advance() {
                while (true) {
                    if (unmatchedRightPosition >= 0) {
                        while (unmatchedRightPosition < rightRows.size()) {
                            int i = unmatchedRightPosition++;
                            if (!rightMatched[i]) {
                                return combine(null, rightRows.get(i));
                            }
                        }
                        return null;
                    }
                    if (candidates != null) {
                        while (candidates.hasNext()) {
                            int i = candidates.next();
                            environment.tick();
                            Object[] combined = combine(leftRow, rightRows.get(i));
                            if (accepts(combined, environment)) {
                                leftMatched = true;
                                rightMatched[i] = true;
                                return combined;
                            }
                        }
                        candidates = null;
                        if (keepLeft && !leftMatched) {
                            return combine(leftRow, null);
                        }
                    }
                    if (!leftRows.next()) {
                        if (keepRight) {
                            unmatchedRightPosition = 0;
                            continue;
                        }
                        return null;
                    }
                    environment.tick();
                    leftRow = leftRows.current();
                    leftMatched = false;
                    if (hash != null) {
                        List<Object> key = key(leftKeys, leftRow, environment);
                        List<Integer> matches = key == null ? null : hash.get(key);
                        candidates = matches == null ? java.util.Collections.emptyIterator() : matches.iterator();
                    } else {
                        candidates = new Iterator<>() {
                            private int next;

                            @Override
                            public boolean hasNext() {
                                return next < rightRows.size();
                            }

                            @Override
                            public Integer next() {
                                return next++;
                            }
                        };
                    }
                }
            }

            @Override
            protected void release() {
                leftRows.close();
            }
        };
    }

    private RowIterator openLateral(Environment environment) {
        RowIterator leftRows = left.open(environment);
        boolean keepLeft = type == JoinType.LEFT;
        return new AbstractRowIterator() {
            private Object[] leftRow;
            private RowIterator rightRows;
            private boolean leftMatched;

            @Override
            protected Object[] advance() {
                while (true) {
                    if (rightRows != null) {
                        while (rightRows.next()) {
                            environment.tick();
                            Object[] combined = combine(leftRow, rightRows.current());
                            if (accepts(combined, environment)) {
                                leftMatched = true;
                                return combined;
                            }
                        }
                        rightRows.close();
                        rightRows = null;
                        if (keepLeft && !leftMatched) {
                            return combine(leftRow, null);
                        }
                    }
                    if (!leftRows.next()) {
                        return null;
                    }
                    leftRow = leftRows.current();
                    leftMatched = false;
                    rightRows = right.open(environment.enter(leftRow));
                }
            }

            @Override
            protected void release() {
                if (rightRows != null) {
                    rightRows.close();
                }
                leftRows.close();
            }
        };
    }

    @Override
    public void explain(ExplainWriter out) {
        String kind;
        switch (strategy) {
            case HASH:
                kind = "Hash Join";
                break;
            case LATERAL:
                kind = "Lateral Nested Loop";
                break;
            case KEYED:
                kind = "Keyed Join";
                break;
            default:
                kind = "Nested Loop";
                break;
        }
        String joinType = type == JoinType.INNER
                ? ""
                : " " + type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        out.title(kind + joinType + (description == null || description.isEmpty() ? "" : ": " + description));
        if (keyed != null) {
            out.detail("Inner side " + (keyed.innerIsRight() ? "(right)" : "(left)") + " fetched per distinct key: "
                    + keyed.keyDescription() + ", up to " + KEYED_BATCH_KEYS + " keys per batch (" + keyed.reason()
                    + ")");
        }
        out.subPlans(SubPlan.of(condition), "the joined rows", Set.of());
        out.child(left);
        out.child(right);
    }
}
