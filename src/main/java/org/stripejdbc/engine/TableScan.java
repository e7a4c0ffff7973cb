package org.stripejdbc.engine;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.operator.ExplainWriter;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.sql.Expr;

/**
 * One table read with a WHERE clause, as UPDATE and DELETE need it: the rows of the table (all its columns, in
 * order) that satisfy the condition. The conjuncts the table handles are pushed into its {@link ScanPlan}; the rest
 * is evaluated locally.
 *
 * <p>Example: {@code delete from stripe.customers where id = 'cus_1' and name like 'A%'} scans with
 * {@code id = 'cus_1'} offered to the source (one retrieve) and {@code name like 'A%'} checked on the result.
 */
public final class TableScan {
    private final PlanNode node;
    private final List<ResultColumn> columns;
    private final ScanPlan scanPlan;
    private final List<Expr> localConditions;

    TableScan(PlanNode node, List<ResultColumn> columns, ScanPlan scanPlan, List<Expr> localConditions) {
        this.node = Objects.requireNonNull(node, "node");
        this.columns = List.copyOf(columns);
        this.scanPlan = Objects.requireNonNull(scanPlan, "scanPlan");
        this.localConditions = List.copyOf(localConditions);
    }

    /** The plan the table made for the conditions it was offered. */
    public ScanPlan scanPlan() {
        return scanPlan;
    }

    /**
     * The conditions evaluated locally on each row read: the plan's residual, plus the conjuncts that were not
     * offered (those with subqueries, and those that reference no column, which are evaluated once).
     * Empty means every row the plan returns is affected.
     */
    public List<Expr> localConditions() {
        return localConditions;
    }

    /** The table's columns: the layout of the rows {@link #open} produces. */
    public List<ResultColumn> columns() {
        return columns;
    }

    /** Starts reading the matching rows; lazily, as they are pulled. */
    public RowIterator open(ExecutionContext context) {
        return node.open(new Environment(Objects.requireNonNull(context, "context")));
    }

    /** The plan's EXPLAIN lines (requests and local conditions). */
    public List<String> explain(ExecutionContext context) {
        ExplainWriter writer = new ExplainWriter(Objects.requireNonNull(context, "context"));
        node.explain(writer);
        return writer.lines();
    }
}
