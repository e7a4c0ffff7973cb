package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/** A fixed list of rows, each computed from expressions ({@code VALUES (1, 'a'), (2, 'b')}; {@code select 1}). */
public final class ValuesNode implements PlanNode {
    private final List<List<CompiledExpression>> rows;
    private final List<ResultColumn> columns;

    public ValuesNode(List<List<CompiledExpression>> rows, List<ResultColumn> columns) {
        this.rows = rows.stream().map(List::copyOf).toList();
        this.columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    }

    /** One row with no columns: the input of a SELECT without FROM. */
    public static ValuesNode singleEmptyRow() {
        return new ValuesNode(List.of(List.of()), List.of());
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        return new AbstractRowIterator() {
            private int index;

            @Override
            protected Object[] advance() {
                if (index >= rows.size()) {
                    return null;
                }
                List<CompiledExpression> expressions = rows.get(index++);
                Object[] out = new Object[expressions.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = expressions.get(i).evaluate(new Object[0], environment);
                }
                return out;
            }
        };
    }

    @Override
    public long maximumRows() {
        return rows.size();
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title(columns.isEmpty() ? "Result" : "Values: " + rows.size() + " row" + (rows.size() == 1 ? "" : "s"));
    }
}
