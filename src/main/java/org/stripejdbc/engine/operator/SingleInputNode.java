package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.ResultColumn;

/**
 * A node over one input that gives at most one row per input row (Filter, One-Time Filter, Distinct, Limit,
 * Materialize, Project, Relabel, Window): by default it has the input's columns and row bound, and its EXPLAIN is
 * its title over its input's lines. A node that changes the columns or the bound overrides {@link #columns} or
 * {@link #maximumRows}.
 *
 * <p>Example: {@code new FilterNode(scan, condition, "(amount > 100)")} explains as {@code Filter: (amount > 100)}
 * with the scan's lines indented below it, and has the scan's columns.
 */
abstract class SingleInputNode implements PlanNode {
    final PlanNode input;

    SingleInputNode(PlanNode input) {
        this.input = Objects.requireNonNull(input, "input");
    }

    /** The input, for the rewrites that look through this node (a scan's LIMIT pushdown). */
    final PlanNode input() {
        return input;
    }

    /** The first EXPLAIN line of this node ({@code Filter: (amount > 100)}). */
    abstract String title();

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    @Override
    public long maximumRows() {
        return input.maximumRows();
    }

    /** The correlated subqueries this node evaluates per input row, shown under its title ({@link SubPlan}). */
    List<SubPlan> subPlans() {
        return List.of();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title(title());
        out.subPlans(subPlans(), input);
        out.child(input);
    }
}
