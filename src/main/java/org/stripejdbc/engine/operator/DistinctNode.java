package org.stripejdbc.engine.operator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * DISTINCT (all columns) or DISTINCT ON (the key columns): passes the first row of each distinct key and drops the
 * later ones. Streams; remembers the keys seen so far (NULLs count as equal, as in Postgres' DISTINCT).
 */
public final class DistinctNode implements PlanNode {
    private final PlanNode input;
    private final int[] keyColumns;
    private final String description;

    public DistinctNode(PlanNode input, int[] keyColumns, String description) {
        this.input = Objects.requireNonNull(input, "input");
        this.keyColumns = keyColumns.clone();
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public List<ResultColumn> columns() {
        return input.columns();
    }

    @Override
    public RowIterator open(Environment environment) {
        RowIterator rows = input.open(environment);
        Set<List<Object>> seen = new HashSet<>();
        return new AbstractRowIterator() {
            @Override
            protected Object[] advance() {
                while (rows.next()) {
                    environment.tick();
                    Object[] row = rows.current();
                    Object[] key = new Object[keyColumns.length];
                    for (int i = 0; i < keyColumns.length; i++) {
                        key[i] = row[keyColumns[i]];
                    }
                    if (seen.add(ValueComparator.key(key))) {
                        return row;
                    }
                }
                return null;
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
        out.title(description);
        out.child(input);
    }
}
