package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.LookupOrScan;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.sql.FromItem.JoinType;

/**
 * A join whose inner side can be read whole (a hash join) or fetched by key (a keyed join), chosen when it runs by
 * the outer side: it is read first, up to {@value JoinNode#KEYED_BATCH_ROWS} rows. When it ends within them, its
 * distinct keys are handed to the inner side's source at once, which looks up a few of them
 * ({@link LookupOrScan#lookUpAtOnce}) and otherwise chooses between a request per key and a scan of its table by
 * requests ({@link LookupOrScan}); the rows it returns are hashed and joined with the outer rows read. A larger
 * outer side makes a hash join, its rows read so far replayed. Either way the rows read to decide cost no request
 * again.
 *
 * <p>Example: {@code from stripe.customers c join stripe.charges ch on ch.customer = c.id where c.email =
 * 'a@b.c'} reads the customers of that email (one request), then the charges of each
 * ({@code GET /v1/charges?customer=cus_..}), instead of every charge; {@code from stripe.charges ch join
 * stripe.customers c on c.id = ch.customer where ch.created >= '2025-05-01'} reads those charges, then their
 * customers by id, or the customers' list if that needs fewer requests.
 */
public final class LookupOrHashJoinNode implements PlanNode {
    private final PlanNode outer;
    private final PlanNode innerScan;
    private final JoinNode.KeyedFetch fetch;
    private final JoinType type;
    private final List<CompiledExpression> leftKeys;
    private final List<CompiledExpression> rightKeys;
    private final CompiledExpression condition;
    private final String description;
    private final List<ResultColumn> columns;

    /**
     * @param outer     the side read first, whose keys decide
     * @param innerScan the inner side read whole, for the hash join
     * @param fetch     the inner side looked up per key (its {@code innerIsRight} says which side it is)
     */
    public LookupOrHashJoinNode(
            PlanNode outer,
            PlanNode innerScan,
            JoinNode.KeyedFetch fetch,
            JoinType type,
            List<CompiledExpression> leftKeys,
            List<CompiledExpression> rightKeys,
            CompiledExpression condition,
            String description) {
        this.outer = Objects.requireNonNull(outer, "outer");
        this.innerScan = Objects.requireNonNull(innerScan, "innerScan");
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.type = Objects.requireNonNull(type, "type");
        this.leftKeys = List.copyOf(leftKeys);
        this.rightKeys = List.copyOf(rightKeys);
        this.condition = condition;
        this.description = description;
        List<ResultColumn> all = new ArrayList<>(fetch.innerIsRight() ? outer.columns() : innerScan.columns());
        all.addAll(fetch.innerIsRight() ? innerScan.columns() : outer.columns());
        this.columns = List.copyOf(all);
        // Fails now, not when it runs, if the keyed join could not be built.
        JoinNode.keyed(outer, fetch, type, leftKeys, rightKeys, condition, description);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator outerRows = outer.open(environment);
        CompiledExpression fetchKey = (fetch.innerIsRight() ? leftKeys : rightKeys).get(fetch.keyIndex());
        List<Object[]> read = new ArrayList<>();
        Set<Object> keys = new LinkedHashSet<>();
        boolean ended = false;
        try {
            while (read.size() < JoinNode.KEYED_BATCH_ROWS) {
                if (!outerRows.next()) {
                    ended = true;
                    break;
                }
                environment.tick();
                Object[] row = outerRows.current();
                read.add(row);
                Object key = fetchKey.evaluate(row, environment);
                if (key != null) {
                    keys.add(key);
                }
            }
        } catch (RuntimeException e) {
            outerRows.close();
            throw e;
        }
        if (ended) {
            outerRows.close();
        }
        PlanNode replay = new Rows(outer.columns(), read, ended ? null : outerRows);
        PlanNode innerRows = innerScan;
        if (ended) {
            List<Object[]> fetched = new ArrayList<>();
            if (!keys.isEmpty()) {
                try (RowIterator rows = fetch.inner().openKeyedOrScan(environment, new ArrayList<>(keys))) {
                    while (rows.next()) {
                        environment.tick();
                        fetched.add(rows.current());
                    }
                }
            }
            innerRows = new Rows(innerScan.columns(), fetched, null);
        }
        PlanNode join = new JoinNode(
                fetch.innerIsRight() ? replay : innerRows,
                fetch.innerIsRight() ? innerRows : replay,
                type,
                JoinNode.Strategy.HASH,
                leftKeys,
                rightKeys,
                condition,
                description);
        return join.open(environment);
    }

    /** Rows read already, then the rest of an input (null for none): opened once. */
    private static final class Rows implements PlanNode {
        private final List<ResultColumn> columns;
        private final List<Object[]> read;
        private final RowIterator rest;

        Rows(List<ResultColumn> columns, List<Object[]> read, RowIterator rest) {
            this.columns = columns;
            this.read = read;
            this.rest = rest;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public RowIterator open(Environment environment) {
            RowIterator first = RowIterator.of(read);
            return new org.stripejdbc.engine.AbstractRowIterator() {
                private boolean inRest;

                @Override
                protected Object[] advance() {
                    if (!inRest) {
                        if (first.next()) {
                            return first.current();
                        }
                        inRest = true;
                    }
                    return rest != null && rest.next() ? rest.current() : null;
                }

                @Override
                protected void release() {
                    if (rest != null) {
                        rest.close();
                    }
                }
            };
        }

        @Override
        public void explain(ExplainWriter out) {
            out.title("Rows read");
        }
    }

    @Override
    public void explain(ExplainWriter out) {
        String joinType = type == JoinType.INNER || type == JoinType.CROSS
                ? ""
                : " " + type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        out.title("Hash or Keyed Join" + joinType
                + (description == null || description.isEmpty() ? "" : ": " + description));
        out.detail("Inner side " + (fetch.innerIsRight() ? "(right)" : "(left)") + " fetched for all the outer side's"
                + " distinct keys (" + fetch.keyDescription() + ": up to " + LookupOrScan.ALWAYS_LOOKED_UP
                + " looked up, more by a request each or a scan, whichever needs fewer requests) when the outer side"
                + " has at most " + JoinNode.KEYED_BATCH_ROWS + " rows, else read once and hashed");
        out.subPlans(SubPlan.of(condition), "the joined rows", Set.of());
        out.child(outer);
        out.child(innerScan);
        out.child(fetch.inner());
    }
}
