package org.stripejdbc.engine.operator;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;

/**
 * A condition that references no column of its query block ({@code where $1 = 'x'}, {@code where false}, a
 * condition on an enclosing row only): evaluated once when the node opens. When it is not true the input is never
 * opened, so no request is made; otherwise the rows pass through untouched (a LIMIT below stays pushable).
 */
public final class OneTimeFilterNode extends SingleInputNode {
    private final CompiledExpression condition;
    private final String description;

    public OneTimeFilterNode(PlanNode input, CompiledExpression condition, String description) {
        super(input);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public RowIterator open(Environment environment) {
        if (!Boolean.TRUE.equals(condition.evaluate(new Object[0], environment))) {
            return RowIterator.empty();
        }
        return input.open(environment);
    }

    @Override
    String title() {
        return "One-Time Filter: " + description;
    }
}
