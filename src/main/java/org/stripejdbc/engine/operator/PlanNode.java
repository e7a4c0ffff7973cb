package org.stripejdbc.engine.operator;

import java.util.List;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;

/**
 * One operator of a compiled query (scan, filter, project, sort, limit, aggregate, join...): the columns of the
 * rows it produces, how to start producing them, and its EXPLAIN lines. Nodes are immutable and can be opened any
 * number of times (once per execution, or once per outer row for a correlated subquery).
 */
public interface PlanNode {
    /** The layout of the rows this node produces. */
    List<ResultColumn> columns();

    /** Starts producing rows; they are computed as they are pulled. */
    RowIterator open(Environment environment);

    /** Writes this node and its children. */
    void explain(ExplainWriter out);

    /**
     * An upper bound on the rows one {@link #open} produces, known when planning ({@code LIMIT 5}, a retrieve by
     * id, VALUES, an aggregate without GROUP BY); -1 when unknown. The join planner fetches the other side of a
     * join per key when this side is small.
     */
    default long maximumRows() {
        return -1;
    }
}
