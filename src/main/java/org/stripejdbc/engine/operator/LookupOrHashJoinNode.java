package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.HashSet;
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
 * A join whose inner side can be read whole (a hash join) or looked up per key (a keyed join), chosen when it runs
 * by the number of distinct keys of the outer side ({@link LookupOrScan#lookUpAtOnce}): the outer side is read
 * until it ends or shows more than {@value LookupOrScan#ALWAYS_LOOKED_UP} distinct keys; with that few, each is
 * looked up, else the inner side is read once, as any hash join. The rows read to decide are replayed, so the
 * choice costs no request.
 *
 * <p>Example: {@code from stripe.customers c join stripe.charges ch on ch.customer = c.id where c.email =
 * 'a@b.c'} reads the customers of that email (one request), then the charges of each
 * ({@code GET /v1/charges?customer=cus_..}), instead of every charge.
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
        Set<Object> keys = new HashSet<>();
        boolean ended = false;
        try {
            while (keys.size() <= LookupOrScan.ALWAYS_LOOKED_UP && read.size() < JoinNode.KEYED_BATCH_ROWS) {
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
        PlanNode replay = new Replay(outer.columns(), read, ended ? null : outerRows);
        if (ended) {
            outerRows.close();
        }
        PlanNode join = ended && LookupOrScan.lookUpAtOnce(keys.size())
                ? JoinNode.keyed(replay, fetch, type, leftKeys, rightKeys, condition, description)
                : new JoinNode(
                        fetch.innerIsRight() ? replay : innerScan,
                        fetch.innerIsRight() ? innerScan : replay,
                        type,
                        JoinNode.Strategy.HASH,
                        leftKeys,
                        rightKeys,
                        condition,
                        description);
        return join.open(environment);
    }

    /** The outer rows read to decide, then the rest of the outer side: opened once. */
    private static final class Replay implements PlanNode {
        private final List<ResultColumn> columns;
        private final List<Object[]> read;
        private final RowIterator rest;

        Replay(List<ResultColumn> columns, List<Object[]> read, RowIterator rest) {
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
            out.title("Replay of the outer rows read");
        }
    }

    @Override
    public void explain(ExplainWriter out) {
        String joinType = type == JoinType.INNER || type == JoinType.CROSS
                ? ""
                : " " + type.name().charAt(0) + type.name().substring(1).toLowerCase(java.util.Locale.ROOT);
        out.title("Hash or Keyed Join" + joinType
                + (description == null || description.isEmpty() ? "" : ": " + description));
        out.detail("Inner side " + (fetch.innerIsRight() ? "(right)" : "(left)") + " looked up per distinct key ("
                + fetch.keyDescription() + ") when the outer side has at most " + LookupOrScan.ALWAYS_LOOKED_UP
                + " distinct keys, else read once and hashed");
        out.child(outer);
        out.child(innerScan);
        out.child(fetch.inner());
    }
}
