package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/** Passes on the rows for which the condition is true (not false, not NULL). Streams. */
public final class FilterNode implements PlanNode {
    private final PlanNode input;
    private final CompiledExpression condition;
    private final String description;

    public FilterNode(PlanNode input, CompiledExpression condition, String description) {
        this.input = Objects.requireNonNull(input, "input");
        this.condition = Objects.requireNonNull(condition, "condition");
        this.description = Objects.requireNonNull(description, "description");
    }

    PlanNode input() {
        return input;
    }

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator rows = input.open(environment);
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                while (rows.next()) {
                    environment.tick();
                    Object[] row = rows.current();
                    if (Boolean.TRUE.equals(condition.evaluate(row, environment))) {
                        return row;
                    }
                }
                return null;
            }

            @Override
            protected void release() {
                rows.close();
            }
        };
    }

    @Override
    public long maximumRows() {
        return input.maximumRows();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("Filter: " + description);
        out.child(input);
    }
}
