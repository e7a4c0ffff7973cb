package org.stripejdbc.engine.operator;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * Set-returning functions of the select list: for each input row, runs every function on it and produces one row
 * per result position (input columns followed by one column per function), until the longest function result is
 * exhausted; shorter results contribute NULLs. A row for which every function returns nothing produces no row.
 */
public final class ProjectSetNode implements PlanNode {
    private final PlanNode input;
    private final List<SetReturningCall> functions;
    private final List<ResultColumn> columns;

    public ProjectSetNode(PlanNode input, List<SetReturningCall> functions, List<ResultColumn> columns) {
        this.input = Objects.requireNonNull(input, "input");
        this.functions = List.copyOf(functions);
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator rows = input.open(environment);
        int width = input.columns().size();
        return new AbstractRowIterator() {
            private Object[] row;
            private List<Iterator<Object[]>> results;

            @Override
            protected Object[] advance() {
                while (true) {
                    if (results != null) {
                        boolean any = false;
                        Object[] out = Arrays.copyOf(row, width + functions.size());
                        for (int i = 0; i < results.size(); i++) {
                            if (results.get(i).hasNext()) {
                                out[width + i] = results.get(i).next()[0];
                                any = true;
                            }
                        }
                        if (any) {
                            environment.tick();
                            return out;
                        }
                        results = null;
                    }
                    if (!rows.next()) {
                        return null;
                    }
                    row = rows.current();
                    results = new java.util.ArrayList<>(functions.size());
                    for (SetReturningCall function : functions) {
                        results.add(run(function, row, environment));
                    }
                }
            }

            @Override
            protected void release() {
                rows.close();
            }
        };
    }

    private static Iterator<Object[]> run(SetReturningCall function, Object[] row, Environment environment) {
        Object[] values = new Object[function.arguments().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = function.arguments().get(i).evaluate(row, environment);
            if (values[i] == null) {
                return java.util.Collections.emptyIterator();
            }
        }
        return function.generator().rows(values, environment);
    }

    @Override
    public void explain(ExplainWriter out) {
        StringBuilder text = new StringBuilder("ProjectSet: ");
        for (int i = 0; i < functions.size(); i++) {
            text.append(i > 0 ? ", " : "").append(functions.get(i).name()).append("(...)");
        }
        out.title(text.toString());
        out.child(input);
    }
}
