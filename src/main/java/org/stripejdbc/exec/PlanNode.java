package org.stripejdbc.exec;

import java.util.List;

/**
 * One operator of a compiled query (scan, filter, project, sort, limit, aggregate, join...): the columns of the
 * rows it produces, how to start producing them, and its EXPLAIN lines. Nodes are immutable and can be opened any
 * number of times (once per execution, or once per outer row for a correlated subquery).
 */
interface PlanNode {
    /** The layout of the rows this node produces. */
    List<ResultColumn> columns();

    /** Starts producing rows; they are computed as they are pulled. */
    RowIterator open(Environment environment);

    /** Writes this node and its children. */
    void explain(ExplainWriter out);
}
