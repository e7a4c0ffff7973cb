package org.stripejdbc.exec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.sql.FromItem.JoinType;

/**
 * A join of two inputs, producing rows laid out as the left columns followed by the right columns (NULLs for the
 * missing side of an outer join). Three strategies:
 * <ul>
 *   <li><b>hash</b> (equi-joins): the right input is read once into a hash table on its key columns, the left
 *       input streams past it; rows with a NULL key never match;</li>
 *   <li><b>nested loop</b> (other conditions, CROSS joins): the right input is read once into memory, every left
 *       row is tested against every right row;</li>
 *   <li><b>lateral</b> (the right input depends on the left row, as in {@code from invoices i,
 *       jsonb_array_elements(i.attrs->'lines'->'data') line}): the right input is re-opened for each left row.</li>
 * </ul>
 * INNER, LEFT, RIGHT and FULL are supported by the first two; INNER and LEFT by the lateral one. The left input is
 * always streamed, so a LIMIT above the join stops reading it early.
 */
final class JoinNode implements PlanNode {
    enum Strategy { HASH, NESTED_LOOP, LATERAL }

    private final PlanNode left;
    private final PlanNode right;
    private final JoinType type;
    private final Strategy strategy;
    private final List<CompiledExpression> leftKeys;
    private final List<CompiledExpression> rightKeys;
    private final CompiledExpression condition;
    private final String description;
    private final List<ResultColumn> columns;

    JoinNode(PlanNode left, PlanNode right, JoinType type, Strategy strategy, List<CompiledExpression> leftKeys,
             List<CompiledExpression> rightKeys, CompiledExpression condition, String description) {
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
        return strategy == Strategy.LATERAL ? openLateral(environment) : openMaterialized(environment);
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
        return new RowStream() {
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
        return new RowStream() {
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
            case HASH: kind = "Hash Join"; break;
            case LATERAL: kind = "Lateral Nested Loop"; break;
            default: kind = "Nested Loop"; break;
        }
        String joinType = type == JoinType.INNER ? "" : " " + type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        out.title(kind + joinType + (description == null || description.isEmpty() ? "" : ": " + description));
        out.child(left);
        out.child(right);
    }
}
