package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * A condition that references no column of its query block ({@code where $1 = 'x'}, {@code where false}, a
 * condition on an enclosing row only): evaluated once when the node opens. When it is not true the input is never
 * opened, so no request is made; otherwise the rows pass through untouched (a LIMIT below stays pushable).
 */
public final class OneTimeFilterNode implements PlanNode {
    private final PlanNode input;
    private final CompiledExpression condition;
    private final String description;

    public OneTimeFilterNode(PlanNode input, CompiledExpression condition, String description) {
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
        if (!Boolean.TRUE.equals(condition.evaluate(new Object[0], environment))) {
            return RowIterator.empty();
        }
        return input.open(environment);
    }

    @Override
    public long maximumRows() {
        return input.maximumRows();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("One-Time Filter: " + description);
        out.child(input);
    }
}
