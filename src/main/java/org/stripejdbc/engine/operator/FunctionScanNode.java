package org.stripejdbc.engine.operator;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * A function in FROM ({@code jsonb_array_elements(i.attrs->'lines'->'data')}, {@code generate_series(1, 10)}):
 * evaluates the arguments (for a LATERAL use, against the current row of the items to its left, which the join
 * makes visible through {@link Environment#enter}) and streams the generated rows. A NULL argument gives no rows.
 * {@code WITH ORDINALITY} appends the 1-based row number.
 */
public final class FunctionScanNode implements PlanNode {
    private final SetReturningCall function;
    private final List<ResultColumn> columns;
    private final boolean withOrdinality;

    public FunctionScanNode(SetReturningCall function, List<ResultColumn> columns, boolean withOrdinality) {
        this.function = Objects.requireNonNull(function, "function");
        this.columns = List.copyOf(columns);
        this.withOrdinality = withOrdinality;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        List<CompiledExpression> arguments = function.arguments();
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).evaluate(new Object[0], environment);
            if (values[i] == null) {
                return RowIterator.empty();
            }
        }
        Iterator<Object[]> rows = function.generator().rows(values, environment);
        return new AbstractRowIterator() {
            private long ordinality;

            @Override
            protected Object[] advance() {
                if (!rows.hasNext()) {
                    return null;
                }
                environment.tick();
                Object[] row = rows.next();
                if (!withOrdinality) {
                    return row;
                }
                Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
                out[row.length] = ++ordinality;
                return out;
            }
        };
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("Function Scan: " + function.name() + (withOrdinality ? " WITH ORDINALITY" : ""));
    }
}
