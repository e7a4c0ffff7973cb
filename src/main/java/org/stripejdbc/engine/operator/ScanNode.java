package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ExecutionAnalysis;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.engine.ScanOrder;
import org.stripejdbc.engine.ScanPlan;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.types.SqlType;

/**
 * Reads a {@link TableSource} through the {@link ScanPlan} it made for the conditions it was offered, evaluating
 * the plan's residual conditions on each row.
 *
 * <p>The row budget (LIMIT + OFFSET, capped by maxRows) is passed to {@link ScanPlan#open} only when the planner
 * established that nothing between this scan and the LIMIT filters, reorders, groups or deduplicates rows;
 * otherwise the scan is opened with {@code -1} and simply stops being pulled when the consumer has enough.
 *
 * <p>Correlated references (a subquery's {@code c.customer = o.id}) reach the source as extra parameters numbered
 * after the statement's own: {@code correlationValues.get(i)} is the value of parameter
 * {@code parameterBase + 1 + i}, computed from the enclosing row each time the scan opens.
 *
 * <p><em>Init plans</em> are uncorrelated subqueries whose values a pushed condition names, numbered after the
 * correlated parameters: {@code id IN (select customer from charges ...)} reaches the source as {@code id = ANY($n)},
 * {@code $n} the array of the subquery's values, computed once per execution when the scan first opens (so that
 * Stripe is asked for those ids only, or scanned if that needs fewer requests). EXPLAIN shows each init plan's own
 * plan under the scan.
 *
 * <p>A <em>keyed</em> scan (the inner side of a keyed join) has one more parameter after those: the array of join
 * keys a batch fetches ({@code c.id = ANY($n)}), given to {@link #openKeyed}.
 *
 * <p>An <em>ordered</em> scan ({@link #inOrder}) opens its plan with {@link ScanPlan#openInOrder}, so that its rows
 * come in the plan's {@link ScanPlan#order()}, and checks that promise on every row it reads: a row whose order
 * column is NULL or out of order fails with {@code HV000} naming the table, rather than let a top-N or
 * {@code max()} built on the order answer wrongly.
 */
public final class ScanNode implements PlanNode {
    /**
     * An uncorrelated subquery's value as a scan parameter: {@code value} computes it (once per execution),
     * {@code plan} is the subquery's plan, for EXPLAIN.
     */
    public record InitPlan(CompiledExpression value, PlanNode plan) {
        public InitPlan {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(plan, "plan");
        }
    }

    private final String name;
    private final List<ResultColumn> columns;
    private final ScanPlan plan;
    private final CompiledExpression residual;
    private final RowBudget budget;
    private final int parameterBase;
    private final List<CompiledExpression> correlationValues;
    private final List<InitPlan> initPlans;
    private final boolean keyed;
    /** The order the scan is read in, or null for the plan's own way ({@link ScanPlan#open}). */
    private final ScanOrder order;
    /** Whether a scan read in order may request pages ahead of the reader. */
    private final boolean readAhead;
    /** Where a correlated scan finds its rows fetched ahead, or null. */
    private final Prefetched prefetched;

    /**
     * A correlated scan's rows fetched ahead ({@link KeyedPrefetch}): found by the value of correlation value
     * {@code keyIndex}, then checked against {@code conditions} (every condition the scan was offered, over its
     * rows, with the correlated parameters).
     */
    private record Prefetched(KeyedPrefetch prefetch, int keyIndex, CompiledExpression conditions) {}

    public ScanNode(
            String name,
            List<ResultColumn> columns,
            ScanPlan plan,
            CompiledExpression residual,
            RowBudget budget,
            int parameterBase,
            List<CompiledExpression> correlationValues) {
        this(name, columns, plan, residual, budget, parameterBase, correlationValues, false);
    }

    public ScanNode(
            String name,
            List<ResultColumn> columns,
            ScanPlan plan,
            CompiledExpression residual,
            RowBudget budget,
            int parameterBase,
            List<CompiledExpression> correlationValues,
            boolean keyed) {
        this(name, columns, plan, residual, budget, parameterBase, correlationValues, List.of(), keyed);
    }

    /** A scan whose conditions also name the values of {@code initPlans}, numbered after the correlated ones. */
    public ScanNode(
            String name,
            List<ResultColumn> columns,
            ScanPlan plan,
            CompiledExpression residual,
            RowBudget budget,
            int parameterBase,
            List<CompiledExpression> correlationValues,
            List<InitPlan> initPlans,
            boolean keyed) {
        this(
                name,
                columns,
                plan,
                residual,
                budget,
                parameterBase,
                correlationValues,
                initPlans,
                keyed,
                null,
                true,
                null);
    }

    private ScanNode(
            String name,
            List<ResultColumn> columns,
            ScanPlan plan,
            CompiledExpression residual,
            RowBudget budget,
            int parameterBase,
            List<CompiledExpression> correlationValues,
            List<InitPlan> initPlans,
            boolean keyed,
            ScanOrder order,
            boolean readAhead,
            Prefetched prefetched) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.plan = Objects.requireNonNull(plan, "plan");
        this.residual = residual;
        this.budget = budget;
        this.parameterBase = parameterBase;
        this.correlationValues = List.copyOf(correlationValues);
        this.initPlans = List.copyOf(initPlans);
        this.keyed = keyed;
        if (keyed && budget != null) {
            throw new IllegalArgumentException("a keyed scan has no row budget");
        }
        this.order = order;
        this.readAhead = readAhead;
        this.prefetched = prefetched;
        if (order != null && (keyed || !order.equals(plan.order()) || orderColumn() < 0)) {
            throw new IllegalArgumentException("only an unkeyed scan whose plan has this order is read in it");
        }
    }

    /**
     * The same correlated scan, finding its rows in {@code prefetch} when they were fetched ahead: by the value of
     * correlation value {@code keyIndex} (the key the prefetch groups by), each row then checked against
     * {@code conditions}.
     */
    public ScanNode withPrefetch(KeyedPrefetch prefetch, int keyIndex, CompiledExpression conditions) {
        if (keyed || keyIndex < 0 || keyIndex >= correlationValues.size()) {
            throw new IllegalArgumentException("only a correlated scan is prefetched, by a correlation value");
        }
        return copy(
                budget,
                order,
                readAhead,
                new Prefetched(prefetch, keyIndex, Objects.requireNonNull(conditions, "conditions")));
    }

    /** The order this scan's plan can deliver its rows in ({@link ScanPlan#order()}), or null. */
    public ScanOrder availableOrder() {
        return keyed ? null : plan.order();
    }

    /**
     * The same scan read in its plan's order ({@link #availableOrder()}, which must not be null), told
     * {@code newBudget} (null for none) as the most rows it needs; {@code readAhead} as in
     * {@link ScanPlan#openInOrder}.
     */
    public ScanNode inOrder(RowBudget newBudget, boolean readAhead) {
        return copy(newBudget, plan.order(), readAhead, prefetched);
    }

    /** The position of the order column among the columns, or -1. */
    private int orderColumn() {
        ScanOrder wanted = plan.order();
        for (int i = 0; wanted != null && i < columns.size(); i++) {
            if (columns.get(i).name().equals(wanted.column())) {
                return i;
            }
        }
        return -1;
    }

    /** The same scan, told the row budget of the LIMIT above it. */
    public ScanNode withBudget(RowBudget newBudget) {
        if (keyed) {
            return this;
        }
        return copy(newBudget, order, readAhead, prefetched);
    }

    /** This unkeyed scan with another row budget, order, read-ahead and prefetch. */
    private ScanNode copy(RowBudget newBudget, ScanOrder newOrder, boolean newReadAhead, Prefetched newPrefetched) {
        return new ScanNode(
                name,
                columns,
                plan,
                residual,
                newBudget,
                parameterBase,
                correlationValues,
                initPlans,
                false,
                newOrder,
                newReadAhead,
                newPrefetched);
    }

    public boolean hasResidual() {
        return residual != null;
    }

    public ScanPlan plan() {
        return plan;
    }

    /** The scan at the bottom of a single-table plan (under its projection and filters). */
    public static ScanNode below(PlanNode node) {
        PlanNode current = node;
        while (!(current instanceof ScanNode)) {
            if (current instanceof ProjectNode project) {
                current = project.input();
            } else if (current instanceof FilterNode filter) {
                current = filter.input();
            } else if (current instanceof OneTimeFilterNode gate) {
                current = gate.input();
            } else if (current instanceof SemiJoinNode join) {
                current = join.outer();
            } else {
                throw new IllegalStateException(
                        "unexpected single-table plan " + current.getClass().getSimpleName());
            }
        }
        return (ScanNode) current;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    /**
     * The context the source sees: no maxRows (the engine applies it), correlation values as parameters, then the
     * values of the init plans, then the keys of a keyed scan.
     */
    private ExecutionContext scanContext(Environment environment, List<Object> keys, ScanListener listener) {
        ExecutionContext context = environment.context();
        List<Object> parameters = context.parameters();
        if (!correlationValues.isEmpty() || !initPlans.isEmpty() || keys != null) {
            List<Object> extended = new ArrayList<>(parameters.subList(0, Math.min(parameters.size(), parameterBase)));
            while (extended.size() < parameterBase) {
                extended.add(null);
            }
            for (CompiledExpression value : correlationValues) {
                extended.add(value.evaluate(new Object[0], environment));
            }
            for (InitPlan initPlan : initPlans) {
                extended.add(initPlan.value().evaluate(new Object[0], environment));
            }
            if (keys != null) {
                extended.add(keys);
            }
            parameters = extended;
        }
        return context.forScan(parameters, listener);
    }

    @Override
    public RowIterator open(Environment environment) {
        if (keyed) {
            throw new IllegalStateException("a keyed scan is opened with its keys");
        }
        return open(environment, null);
    }

    /** Opens a keyed scan for the join keys {@code keys} (distinct, non-null values of the key column's type). */
    RowIterator openKeyed(Environment environment, List<Object> keys) {
        if (!keyed) {
            throw new IllegalStateException("not a keyed scan");
        }
        return open(environment, Objects.requireNonNull(keys, "keys"), null, false);
    }

    /**
     * As {@link #openKeyed}, but the source may read its table instead of a request per key when that needs fewer
     * requests ({@link ScanPlan#open} rather than {@link ScanPlan#openLookups}): for all the keys of a join's outer
     * side at once.
     */
    RowIterator openKeyedOrScan(Environment environment, List<Object> keys) {
        if (!keyed) {
            throw new IllegalStateException("not a keyed scan");
        }
        return open(environment, Objects.requireNonNull(keys, "keys"), null, true);
    }

    /**
     * Opens the scan one page at a time, pausing when {@code gate} says no ({@link ScanPlan#openPaged}): the inner
     * side of a semi join that may give up the scan for lookups.
     */
    RowIterator openPaged(Environment environment, ScanPlan.PageGate gate) {
        if (keyed || order != null || budget != null) {
            throw new IllegalStateException("only a plain scan is read a page at a time");
        }
        return open(environment, null, Objects.requireNonNull(gate, "gate"), false);
    }

    /** Whether {@link #openPaged} can pause this scan (a plain scan). */
    boolean pageable() {
        return !keyed && order == null && budget == null;
    }

    private RowIterator open(Environment environment, List<Object> keys) {
        return open(environment, keys, null, false);
    }

    private RowIterator open(
            Environment environment, List<Object> keys, ScanPlan.PageGate gate, boolean sourceChooses) {
        long limit = -1;
        if (budget != null) {
            RowBudget.Values values = budget.evaluate(environment);
            limit = values.needed();
            if (limit == 0) {
                return RowIterator.empty();
            }
        }
        ScanListener listener = environment.context().listener();
        ExecutionAnalysis analysis = listener instanceof ExecutionAnalysis measuring ? measuring : null;
        ExecutionAnalysis.ScanStatistics statistics = analysis == null ? null : analysis.statistics(this);
        ExecutionContext context = scanContext(environment, keys, analysis == null ? listener : analysis.opened(this));
        Environment residualEnvironment = correlationValues.isEmpty() && initPlans.isEmpty() && keys == null
                ? environment
                : new Environment(context);
        long openStarted = statistics == null ? 0 : System.nanoTime();
        List<Object[]> fetched = null;
        if (prefetched != null && keys == null && gate == null) {
            Object key = context.parameter(parameterBase + prefetched.keyIndex() + 1);
            fetched = prefetched.prefetch().rows(environment, key);
        }
        RowIterator rows = fetched != null
                ? prefetchedRows(fetched, residualEnvironment)
                : order != null
                        ? new OrderCheck(plan.openInOrder(context, limit, readAhead))
                        : keys != null && !sourceChooses
                                ? plan.openLookups(context, limit)
                                : gate != null ? plan.openPaged(context, gate) : plan.open(context, limit);
        if (statistics != null) {
            statistics.produced(0, System.nanoTime() - openStarted);
        }
        ScannedRows scanned = new ScannedRows(rows, environment, residualEnvironment, statistics);
        return gate != null
                ? scanned
                : new AbstractRowIterator() {
                    @Override
                    protected Object[] advance() {
                        return scanned.next() ? scanned.current() : null;
                    }

                    @Override
                    protected void release() {
                        scanned.close();
                    }
                };
    }

    /**
     * The rows the plan returns that hold the residual, conformed to the column types, counted for EXPLAIN ANALYZE.
     * A false {@link #next()} closes nothing, so that a paused paged scan ({@link #openPaged}) can go on.
     */
    private final class ScannedRows implements RowIterator {
        private final RowIterator rows;
        private final Environment environment;
        private final Environment residualEnvironment;
        private final ExecutionAnalysis.ScanStatistics statistics;
        private Object[] current;

        ScannedRows(
                RowIterator rows,
                Environment environment,
                Environment residualEnvironment,
                ExecutionAnalysis.ScanStatistics statistics) {
            this.rows = rows;
            this.environment = environment;
            this.residualEnvironment = residualEnvironment;
            this.statistics = statistics;
        }

        @Override
        public boolean next() {
            if (statistics == null) {
                current = nextRow();
            } else {
                long started = System.nanoTime();
                current = nextRow();
                statistics.produced(current == null ? 0 : 1, System.nanoTime() - started);
            }
            return current != null;
        }

        private Object[] nextRow() {
            while (rows.next()) {
                environment.tick();
                Object[] row = conform(rows.current(), environment);
                if (residual == null || Boolean.TRUE.equals(residual.evaluate(row, residualEnvironment))) {
                    return row;
                }
            }
            return null;
        }

        @Override
        public Object[] current() {
            if (current == null) {
                throw new IllegalStateException("no current row");
            }
            return current;
        }

        @Override
        public void close() {
            current = null;
            rows.close();
        }
    }

    /** Rows fetched ahead that hold every condition the scan was offered (in order, when the scan is read so). */
    private RowIterator prefetchedRows(List<Object[]> fetched, Environment environment) {
        List<Object[]> holding = new ArrayList<>();
        for (Object[] row : fetched) {
            environment.tick();
            if (Boolean.TRUE.equals(prefetched.conditions().evaluate(row, environment))) {
                holding.add(row);
            }
        }
        return order != null ? new OrderCheck(RowIterator.of(holding)) : RowIterator.of(holding);
    }

    /** The rows of an ordered scan, each checked against the order its plan promised. */
    private final class OrderCheck implements RowIterator {
        private final RowIterator rows;
        private final int column = orderColumn();
        private Object previous;

        OrderCheck(RowIterator rows) {
            this.rows = rows;
        }

        @Override
        public boolean next() {
            if (!rows.next()) {
                return false;
            }
            Object value = rows.current()[column];
            int step = previous == null || value == null ? 0 : ValueComparator.compare(previous, value);
            if (value == null || (order.descending() ? step < 0 : step > 0)) {
                throw new StripeJdbcException(
                        SqlState.FDW_ERROR,
                        name + " returned rows out of the order it promised (" + order.describe() + "): "
                                + (value == null ? "NULL" : value) + " after " + previous);
            }
            previous = value;
            return true;
        }

        @Override
        public Object[] current() {
            return rows.current();
        }

        @Override
        public void close() {
            rows.close();
        }
    }

    /**
     * The row with each value in its column type's runtime class (a source that hands an Integer for a bigint
     * column still yields a Long); a row of the wrong width is the source's error.
     */
    private Object[] conform(Object[] row, Environment environment) {
        if (row == null || row.length != columns.size()) {
            throw new StripeJdbcException(
                    SqlState.FDW_INVALID_COLUMN_NUMBER,
                    "target column number not match: "
                            + name + " returned " + (row == null ? 0 : row.length) + " values for " + columns.size()
                            + " columns");
        }
        Object[] out = row;
        for (int i = 0; i < row.length; i++) {
            Object value = row[i];
            SqlType type = columns.get(i).type();
            if (value != null && type != SqlType.UNKNOWN && !type.javaClass().isInstance(value)) {
                if (out == row) {
                    out = row.clone();
                }
                out[i] = Casts.convert(value, Casts.runtimeType(value), type, environment.statementTime());
            }
        }
        return out;
    }

    @Override
    public long maximumRows() {
        return plan.maximumRows();
    }

    @Override
    public void explain(ExplainWriter out) {
        // A budget that is only the JDBC maxRows cap is no budget when the execution has no cap (a write's read).
        boolean shown =
                budget != null && !(budget.onlyMaxRows() && out.context().maxRows() <= 0);
        String ordered = order == null ? "" : "in order: " + order.describe();
        String pushed = shown ? "row budget pushed: " + budget.describe() : "";
        String notes = ordered.isEmpty() || pushed.isEmpty() ? ordered + pushed : ordered + "; " + pushed;
        out.title("Scan: " + name + (notes.isEmpty() ? "" : " (" + notes + ")"));
        ExecutionContext context = out.context();
        if (!correlationValues.isEmpty() || !initPlans.isEmpty() || keyed) {
            // The enclosing row, the init plans' values and the join keys are unknown when explaining: they stay
            // unbound, so the plan shows them as placeholders ($n) and a correlated scan the requests it makes per
            // outer row (a NULL in their place would make its condition "never true" and hide them).
            List<Object> parameters = new ArrayList<>(context.parameters());
            context = context.forScan(parameters, context.listener());
        }
        long limit = -1;
        if (budget != null) {
            try {
                limit = budget.evaluate(new Environment(context)).needed();
            } catch (RuntimeException e) {
                limit = -1; // an unbound LIMIT parameter: explain the unlimited scan
            }
        }
        boolean planShowsFilter = false;
        List<String> planLines = order != null
                ? plan.explainInOrder(context, limit, readAhead)
                : keyed ? plan.explainLookups(context, limit) : plan.explain(context, limit);
        for (String line : planLines) {
            out.detail(line);
            planShowsFilter |= line.trim().startsWith("Local filter:");
        }
        out.scanRequests(planLines, prefetched == null ? null : prefetched.prefetch());
        if (residual != null && !planShowsFilter) {
            out.detail("Local filter: " + ExprPrinter.printConjunction(plan.residual()));
        }
        if (!correlationValues.isEmpty()) {
            out.detail("Correlated parameters: $" + (parameterBase + 1) + ".. from the enclosing row");
        }
        if (keyed) {
            out.detail("Join keys: $" + (parameterBase + correlationValues.size() + initPlans.size() + 1)
                    + " = the distinct keys of the outer rows it is fetched for");
        }
        if (out.analysis() != null) {
            ExecutionAnalysis.ScanStatistics statistics = out.analysis().statisticsIfRun(this);
            out.detail(statistics == null ? "Actual: never executed" : statistics.describe());
        }
        for (int i = 0; i < initPlans.size(); i++) {
            out.detail("InitPlan $" + (parameterBase + correlationValues.size() + i + 1)
                    + " (the values of a subquery, read once before this scan):");
            out.child(initPlans.get(i).plan());
        }
    }
}
