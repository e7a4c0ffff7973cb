package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * LIMIT/OFFSET: skips the offset rows, then passes at most the limit, and stops pulling its input as soon as it
 * has enough. {@code LIMIT 0} does not even open the input.
 */
public final class LimitNode implements PlanNode {
    private final PlanNode input;
    private final RowBudget budget;

    public LimitNode(PlanNode input, RowBudget budget) {
        this.input = Objects.requireNonNull(input, "input");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    @Override
    public RowIterator open(Environment environment) {
        RowBudget.Values values = budget.evaluate(environment);
        if (values.count() == 0) {
            return RowIterator.empty();
        }
        RowIterator rows = input.open(environment);
        return new AbstractRowIterator() {
            private long skipped;
            private long produced;

            @Override
            protected Object[] advance() {
                if (values.count() >= 0 && produced >= values.count()) {
                    return null;
                }
                while (skipped < values.offset()) {
                    if (!rows.next()) {
                        return null;
                    }
                    skipped++;
                }
                if (!rows.next()) {
                    return null;
                }
                produced++;
                return rows.current();
            }

            @Override
            protected void release() {
                rows.close();
            }
        };
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
    public void explain(ExplainWriter out) {
        out.title("Limit: " + budget.describe());
        out.child(input);
    }
}
