package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.sql.ExprPrinter;

/** Computes the output columns from each input row. Streams. */
public final class ProjectNode implements PlanNode {
    private final PlanNode input;
    private final List<CompiledExpression> expressions;
    private final List<ResultColumn> columns;

    public ProjectNode(PlanNode input, List<CompiledExpression> expressions, List<ResultColumn> columns) {
        this.input = Objects.requireNonNull(input, "input");
        this.expressions = List.copyOf(expressions);
        this.columns = List.copyOf(columns);
        if (this.expressions.size() != this.columns.size()) {
            throw new IllegalArgumentException("expressions and columns differ in number");
        }
    }

    PlanNode input() {
        return input;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator rows = input.open(environment);
        CompiledExpression[] compiled = expressions.toArray(new CompiledExpression[0]);
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                if (!rows.next()) {
                    return null;
                }
                Object[] row = rows.current();
                Object[] out = new Object[compiled.length];
                for (int i = 0; i < compiled.length; i++) {
                    out[i] = compiled[i].evaluate(row, environment);
                }
                return out;
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
        out.title("Project: "
                + columns.stream().map(c -> ExprPrinter.identifier(c.name())).collect(Collectors.joining(", ")));
        out.child(input);
    }
}
