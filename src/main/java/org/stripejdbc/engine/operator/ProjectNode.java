package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.stream.Collectors;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.sql.ExprPrinter;

/** Computes the output columns from each input row. Streams. */
public final class ProjectNode extends SingleInputNode {
    private final List<CompiledExpression> expressions;
    private final List<ResultColumn> columns;
    private final List<SubPlan> subPlans;

    public ProjectNode(PlanNode input, List<CompiledExpression> expressions, List<ResultColumn> columns) {
        this(input, expressions, columns, List.of());
    }

    /** A projection whose expressions evaluate {@code subPlans} per row (shown in EXPLAIN). */
    public ProjectNode(
            PlanNode input, List<CompiledExpression> expressions, List<ResultColumn> columns, List<SubPlan> subPlans) {
        super(input);
        this.subPlans = List.copyOf(subPlans);
        this.expressions = List.copyOf(expressions);
        this.columns = List.copyOf(columns);
        if (this.expressions.size() != this.columns.size()) {
            throw new IllegalArgumentException("expressions and columns differ in number");
        }
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        CompiledExpression[] compiled = expressions.toArray(new CompiledExpression[0]);
        return RowIterator.map(input.open(environment), row -> {
            Object[] out = new Object[compiled.length];
            for (int i = 0; i < compiled.length; i++) {
                out[i] = compiled[i].evaluate(row, environment);
            }
            return out;
        });
    }

    @Override
    List<SubPlan> subPlans() {
        return subPlans;
    }

    @Override
    String title() {
        return "Project: "
                + columns.stream().map(c -> ExprPrinter.identifier(c.name())).collect(Collectors.joining(", "));
    }
}
