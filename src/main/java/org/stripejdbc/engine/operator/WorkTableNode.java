package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * The self-reference of a recursive WITH query inside its recursive term: the rows its {@link RecursiveUnionNode}
 * produced in the previous step (the working table). Each open reads the rows the union last handed over in this
 * execution.
 *
 * <p>Example: in {@code with recursive t(n) as (select 1 union all select n + 1 from t where n < 3)} the
 * {@code from t} of the recursive term is this node; it gives {@code 1}, then {@code 2}, then {@code 3} (whose step
 * gives nothing, which ends the recursion).
 */
public final class WorkTableNode implements PlanNode {
    private final String name;
    private final List<ResultColumn> columns;

    /** The working table of one execution: the rows of the previous step, and whether an iteration is reading it. */
    static final class Rows {
        List<Object[]> rows = List.of();
        boolean busy;
    }

    public WorkTableNode(String name, List<ResultColumn> columns) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
    }

    /** This execution's working table. */
    Rows rows(Environment environment) {
        return environment.cached(this, Rows::new);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        return RowIterator.of(new ArrayList<>(rows(environment).rows));
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("WorkTable Scan: " + name);
    }
}
