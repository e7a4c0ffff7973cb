package org.stripejdbc.engine;

import java.util.List;

/**
 * A query compiled by {@link QueryCompiler}: names bound, types checked, pushdown planned; no I/O done yet. It can
 * be executed any number of times (once per JDBC execution, with that execution's parameters).
 *
 * <p>Example: {@code select id, email from stripe.customers where email like '%@example.com' limit 5}
 * has {@code columns()} {@code [id text, email text]}; {@code execute(ctx)} returns a lazy iterator that fetches
 * customer pages only as rows are pulled and stops after five matching rows; {@code explain(ctx)} lists the
 * operators and the Stripe requests the scan would make.
 */
public interface CompiledQuery {
    /** The result columns (labels as Postgres names them), known before execution for JDBC metadata. */
    List<ResultColumn> columns();

    /** The number of JDBC parameters the statement uses (its highest {@code $n}). */
    int parameterCount();

    /**
     * Starts executing; rows are produced as the iterator is pulled, at most {@link ExecutionContext#maxRows()}
     * of them when that is set. The caller closes the iterator.
     */
    RowIterator execute(ExecutionContext context);

    /** EXPLAIN text: one line per operator with its details, including each scan's {@link ScanPlan#explain}. */
    List<String> explain(ExecutionContext context);

    /**
     * EXPLAIN ANALYZE text: {@link #explain(ExecutionContext)} with what {@code analysis} measured while an execution
     * whose listener it was ran (an {@code Actual:} line under each scan).
     */
    default List<String> explain(ExecutionContext context, ExecutionAnalysis analysis) {
        return explain(context);
    }
}
