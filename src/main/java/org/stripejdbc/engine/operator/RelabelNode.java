package org.stripejdbc.engine.operator;

import java.util.List;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/** The rows of its input under other column names (a subquery's alias and column aliases). */
public final class RelabelNode extends SingleInputNode {
    private final List<ResultColumn> columns;
    private final String title;

    public RelabelNode(PlanNode input, List<ResultColumn> columns, String title) {
        super(input);
        this.columns = List.copyOf(columns);
        this.title = title;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        return input.open(environment);
    }

    @Override
    String title() {
        return title;
    }

    /** Without a title (a subquery's alias only), just the input's lines. */
    @Override
    public void explain(ExplainWriter out) {
        if (title == null) {
            input.explain(out);
        } else {
            super.explain(out);
        }
    }
}
