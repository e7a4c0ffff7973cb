package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;

/** Passes on the rows for which the condition is true (not false, not NULL). Streams. */
public final class FilterNode extends SingleInputNode {
    private final CompiledExpression condition;
    private final String description;
    private final List<SubPlan> subPlans;

    public FilterNode(PlanNode input, CompiledExpression condition, String description) {
        this(input, condition, description, List.of());
    }

    /** A filter whose condition evaluates {@code subPlans} per row (shown in EXPLAIN). */
    public FilterNode(PlanNode input, CompiledExpression condition, String description, List<SubPlan> subPlans) {
        super(input);
        this.condition = Objects.requireNonNull(condition, "condition");
        this.description = Objects.requireNonNull(description, "description");
        this.subPlans = List.copyOf(subPlans);
    }

    @Override
    List<SubPlan> subPlans() {
        return subPlans;
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
