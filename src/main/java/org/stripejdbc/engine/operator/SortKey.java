package org.stripejdbc.engine.operator;

import java.util.Comparator;
import java.util.List;
import org.stripejdbc.engine.value.ValueComparator;

/**
 * One ORDER BY key over a column of the rows being sorted: direction and NULL placement (Postgres default: NULLS
 * LAST ascending, NULLS FIRST descending).
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
    /** The row order for several keys, in turn. */
    static Comparator<Object[]> comparator(List<SortKey> keys) {
        SortKey[] array = keys.toArray(new SortKey[0]);
        return (a, b) -> {
            for (SortKey key : array) {
                Object x = a[key.column];
                Object y = b[key.column];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == key.nullsFirst ? -1 : 1;
                    return c;
                }
                c = ValueComparator.compare(x, y);
                if (c != 0) {
                    return key.descending ? -c : c;
                }
            }
            return 0;
        };
    }
}
