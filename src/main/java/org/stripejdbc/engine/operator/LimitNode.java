package org.stripejdbc.engine.operator;

import java.util.Objects;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;

/**
 * LIMIT/OFFSET: skips the offset rows, then passes at most the limit, and stops pulling its input as soon as it
 * has enough. {@code LIMIT 0} does not even open the input.
 */
public final class LimitNode extends SingleInputNode {
    private final RowBudget budget;

    public LimitNode(PlanNode input, RowBudget budget) {
        super(input);
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public RowIterator open(Environment environment) {
        RowBudget.Values values = budget.evaluate(environment);
        if (values.count() == 0) {
            return RowIterator.empty();
        }
        return RowIterator.limit(input.open(environment), values.offset(), values.count());
    }

    @Override
    public long maximumRows() {
        long inputRows = input.maximumRows();
        long count = budget.constantCount();
        if (count < 0) {
            return inputRows;
        }
        return inputRows < 0 ? count : Math.min(count, inputRows);
    }

    @Override
    String title() {
        return "Limit: " + budget.describe();
    }
}
