package org.stripejdbc.engine.operator;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.sql.Query.SetOperator;

/**
 * UNION [ALL], INTERSECT [ALL], EXCEPT [ALL]. UNION ALL streams both inputs; UNION streams and drops rows already
 * seen; INTERSECT and EXCEPT read the right input into a multiset and stream the left one. NULLs compare equal, as
 * Postgres' set operations do.
 */
public final class SetOperationNode implements PlanNode {
    private final SetOperator operator;
    private final boolean all;
    private final PlanNode left;
    private final PlanNode right;
    private final List<ResultColumn> columns;

    public SetOperationNode(
            SetOperator operator, boolean all, PlanNode left, PlanNode right, List<ResultColumn> columns) {
        this.operator = Objects.requireNonNull(operator, "operator");
        this.all = all;
        this.left = Objects.requireNonNull(left, "left");
        this.right = Objects.requireNonNull(right, "right");
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        return operator == SetOperator.UNION ? union(environment) : intersectOrExcept(environment);
    }

    private RowIterator union(Environment environment) {
        Set<List<Object>> seen = all ? null : new HashSet<>();
        return new AbstractRowIterator() {
            private RowIterator current = left.open(environment);
            private boolean onRight;

            @Override
            protected Object[] advance() {
                while (true) {
                    while (current.next()) {
                        environment.tick();
                        Object[] row = current.current();
                        if (seen == null || seen.add(ValueComparator.key(row))) {
                            return row;
                        }
                    }
                    current.close();
                    if (onRight) {
                        return null;
                    }
                    onRight = true;
                    current = right.open(environment);
                }
            }

            @Override
            protected void release() {
                current.close();
            }
        };
    }

    private RowIterator intersectOrExcept(Environment environment) {
        Map<List<Object>, Integer> counts = new HashMap<>();
        try (RowIterator rows = right.open(environment)) {
            while (rows.next()) {
                environment.tick();
                counts.merge(ValueComparator.key(rows.current()), 1, Integer::sum);
            }
        }
        boolean intersect = operator == SetOperator.INTERSECT;
        Set<List<Object>> emitted = new HashSet<>();
        return RowIterator.filter(left.open(environment), environment, row -> {
            List<Object> key = ValueComparator.key(row);
            int count = counts.getOrDefault(key, 0);
            if (!all) {
                return intersect == (count > 0) && emitted.add(key);
            }
            if (count > 0) {
                // ALL: each right row cancels one equal left row (INTERSECT keeps it, EXCEPT drops it)
                counts.put(key, count - 1);
                return intersect;
            }
            return !intersect;
        });
    }

    @Override
    public long maximumRows() {
        long l = left.maximumRows();
        long r = right.maximumRows();
        switch (operator) {
            case EXCEPT:
                return l;
            case INTERSECT:
                return l < 0 ? r : r < 0 ? l : Math.min(l, r);
            default:
                return l < 0 || r < 0 ? -1 : l + r;
        }
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title(operator.name().charAt(0)
                + operator.name().substring(1).toLowerCase(java.util.Locale.ROOT)
                + (all ? " All" : ""));
        out.child(left);
        out.child(right);
    }
}
