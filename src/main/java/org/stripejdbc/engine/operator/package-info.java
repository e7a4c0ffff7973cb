/**
 * The operators a compiled query runs: {@link org.stripejdbc.engine.operator.PlanNode} and its implementations
 * (scan, filter, one-time filter, project, project-set, sort, limit, distinct, aggregate, window, join, semi and anti
 * join, prefetch, function scan, set operation, values, materialize, relabel, recursive union and its work table),
 * the compiled calls they run
 * ({@code AggregateCall}, {@code WindowCall}, {@code SetReturningCall}), sort keys and row budgets, EXPLAIN's layout
 * ({@link org.stripejdbc.engine.operator.ExplainWriter}), and the bounded-memory machinery of sorts and aggregates
 * ({@code ExternalSorter}, {@code SpillFile}, {@code RowCodec}).
 *
 * <p>Rows stream: a node's rows are computed as they are pulled from the {@link org.stripejdbc.engine.RowIterator} it
 * opens; only sorts, aggregates, windows, DISTINCT, set operations and the build side of joins hold rows, and a sort
 * past 4096 rows or a hash aggregate past 100,000 groups spills to temporary files. Example: {@code Limit: 10} over
 * {@code Filter: (amount > 100)} over a scan stops pulling the scan as soon as ten rows passed the filter; a
 * recursive union holds one step's rows. The
 * nodes over one input share their input, columns, row bound and EXPLAIN through {@code SingleInputNode}, and their
 * row loops are {@code RowIterator.filter}, {@code map} and {@code limit}.
 *
 * <p>Fewest requests: where a table's rows can be read once or looked up per key, the operator decides when it
 * runs, by {@link org.stripejdbc.engine.LookupOrScan}: {@code SemiJoinNode} (decorrelated EXISTS, IN, NOT EXISTS,
 * NOT IN), {@code LookupOrHashJoinNode} (a join whose outer side turns out small), {@code KeyedPrefetch} under a
 * {@code PrefetchNode} (a correlated subquery's rows fetched for a batch of rows). A correlated subquery still run
 * per row is a {@code SubPlan} of the node evaluating it: EXPLAIN shows its plan and requests per row under that node
 * ({@code SubPlan 1 (per row of HashAggregate: ch.customer)}). A scan read in its list's order
 * ({@code ScanNode.inOrder}) lets a top-N or {@code max()} stop early.
 *
 * <p>Operators evaluate expressions only through {@link org.stripejdbc.engine.CompiledExpression}: they must not know
 * how expressions are compiled ({@code expression}) nor how queries are planned ({@code planner}), and they see
 * tables only as {@link org.stripejdbc.engine.ScanPlan}s. They know {@link org.stripejdbc.engine.value},
 * {@link org.stripejdbc.engine.function} (accumulators and generators) and, for EXPLAIN text,
 * {@link org.stripejdbc.sql.ExprPrinter}.
 */
package org.stripejdbc.engine.operator;
