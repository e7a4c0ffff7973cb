package org.stripejdbc.engine.operator;

import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;

/** Passes on the rows for which the condition is true (not false, not NULL). Streams. */
public final class FilterNode extends SingleInputNode {
    private final CompiledExpression condition;
    private final String description;

    public FilterNode(PlanNode input, CompiledExpression condition, String description) {
        super(input);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public RowIterator open(Environment environment) {
        return RowIterator.filter(
                input.open(environment), environment, row -> Boolean.TRUE.equals(condition.evaluate(row, environment)));
    }

    @Override
    String title() {
        return "Filter: " + description;
    }
}
