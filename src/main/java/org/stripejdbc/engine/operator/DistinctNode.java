package org.stripejdbc.engine.operator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * DISTINCT (all columns) or DISTINCT ON (the key columns): passes the first row of each distinct key and drops the
 * later ones. Streams; remembers the keys seen so far (NULLs count as equal, as in Postgres' DISTINCT).
 */
public final class DistinctNode extends SingleInputNode {
    private final int[] keyColumns;
    private final String description;

    public DistinctNode(PlanNode input, int[] keyColumns, String description) {
        super(input);
        this.keyColumns = keyColumns.clone();
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public RowIterator open(Environment environment) {
        Set<List<Object>> seen = new HashSet<>();
        return RowIterator.filter(input.open(environment), environment, row -> {
            Object[] key = new Object[keyColumns.length];
            for (int i = 0; i < keyColumns.length; i++) {
                key[i] = row[keyColumns[i]];
            }
            return seen.add(ValueComparator.key(key));
        });
    }

    @Override
    String title() {
        return description;
    }
}
