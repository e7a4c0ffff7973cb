package org.stripejdbc.engine;

import java.util.List;
import java.util.Objects;

/**
 * A compiled select list over one table's rows: what a DML statement's {@code RETURNING} clause needs.
 * Example: {@code returning id, email} over the customers columns projects a customer row to {@code [id, email]}.
 */
public final class CompiledProjection {
    private final List<CompiledExpression> expressions;
    private final List<ResultColumn> columns;

    CompiledProjection(List<CompiledExpression> expressions, List<ResultColumn> columns) {
        this.expressions = List.copyOf(expressions);
        this.columns = List.copyOf(columns);
    }

    /** The output columns (labels as Postgres names them). */
    public List<ResultColumn> columns() {
        return columns;
    }

    /** The output row for {@code row}. */
    public Object[] project(Object[] row, ExecutionContext context) {
        Objects.requireNonNull(row, "row");
        Environment environment = new Environment(Objects.requireNonNull(context, "context"));
        Object[] out = new Object[expressions.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expressions.get(i).evaluate(row, environment);
        }
        return out;
    }
}
