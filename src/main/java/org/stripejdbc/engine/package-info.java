/**
 * The local SQL engine: everything that runs a query after parsing, with Postgres semantics.
 *
 * <p>Entry points:
 * <ul>
 *   <li>{@link org.stripejdbc.engine.QueryCompiler} turns a {@code sql.Query} into a
 *       {@link org.stripejdbc.engine.CompiledQuery} (names bound, types checked, pushdown planned, no I/O); executing
 *       it yields a lazy {@link org.stripejdbc.engine.RowIterator}.</li>
 *   <li>{@link org.stripejdbc.engine.Expressions} compiles scalar expressions on their own: the
 *       {@link org.stripejdbc.engine.ConstantEvaluator} table sources use for pushdown, and SET/VALUES/RETURNING
 *       expressions for the DML executor (the session's UPDATE and DELETE find their rows with a compiled finder
 *       query, see {@code session.ModifyRowFinder}).</li>
 *   <li>{@link org.stripejdbc.engine.InMemoryTableSource} is a {@link org.stripejdbc.engine.TableSource} over rows in
 *       memory (vault secrets, metadata views).</li>
 * </ul>
 *
 * <p>This package is the engine's API: the types the rest of the driver uses (the entry points above,
 * {@link org.stripejdbc.engine.TableSource}, {@link org.stripejdbc.engine.ScanPlan},
 * {@link org.stripejdbc.engine.RowIterator} and {@link org.stripejdbc.engine.AbstractRowIterator},
 * {@link org.stripejdbc.engine.ExecutionContext}, {@link org.stripejdbc.engine.Environment},
 * {@link org.stripejdbc.engine.CompiledExpression}, {@link org.stripejdbc.engine.ResultColumn},
 * {@link org.stripejdbc.engine.ScanListener}, {@link org.stripejdbc.engine.ExecutionAnalysis}). Inside, by role,
 * each subpackage using only those listed below it:
 * <pre>
 *   planner     Query to operators: SELECT blocks, FROM and WHERE with pushdown, joins, aggregates, windows
 *   operator    the operators rows stream through (scan, filter, sort, aggregate, join...), EXPLAIN, spilling
 *   expression  Expr to CompiledExpression: names, types, operators, casts, calls
 *   function    the SQL functions: scalar, aggregate, set-returning
 *   value       runtime values: type rules, casts, comparison, arithmetic
 * </pre>
 * ({@code operator} and {@code expression} do not know each other; {@code expression} reaches the planner for
 * subqueries only through {@link org.stripejdbc.engine.expression.SubqueryPlanner}.) The subpackages use this
 * package's API types, and its entry points ({@code QueryCompiler}, {@code Expressions},
 * {@code FunctionLibrary}) are thin facades over them: the one deliberate cycle, between an API and its
 * implementation. Nothing outside the engine imports a subpackage, and the engine knows nothing of Stripe: tables
 * are {@link org.stripejdbc.engine.TableSource}s.
 *
 * <p>Pushdown follows Calcite's contract: every WHERE conjunct that references one table only is offered to that
 * table's {@link org.stripejdbc.engine.TableSource#plan}; what the plan returns as residual is evaluated here. A
 * LIMIT reaches {@link org.stripejdbc.engine.ScanPlan#open} only when the scan has no residual and nothing above it
 * filters, groups, windows, deduplicates or sorts.
 *
 * <p>Join pushdown: when one side of an equi-join is a table whose join key it can be fetched by ({@code id}, or a
 * field its source pushes exactly) and the other side is small (a LIMIT, retrieves by id, VALUES: at most 100
 * rows known when planning), or the table cannot be read at all without such a key (setup_attempts, mandates),
 * that side is fetched per batch of distinct keys with {@code key = ANY($n)} (retrieves or filtered list calls)
 * instead of being scanned whole; EXPLAIN says {@code Keyed Join} and why. When the other side may be large, the
 * join decides when it runs ({@code Hash or Keyed Join}): an outer side of at most 10,000 rows hands its keys to the
 * source at once, which looks them up or reads its table, whichever needs fewer requests
 * ({@link org.stripejdbc.engine.LookupOrScan}); a larger one hashes.
 *
 * <p>Memory: operators stream; a sort past 4096 rows keeps rows in a compact binary form and spills sorted runs to
 * temporary files ({@code ExternalSorter}), and hash aggregation past 100,000 groups spills the rows of further
 * groups to hash partitions, so a sort or aggregate over millions of rows runs in a bounded heap. Hash-join build
 * sides, DISTINCT, set operations and window partitions hold what they must in memory.
 *
 * <p>Proof: {@code DifferentialPostgresTest} runs a corpus of queries over the emulator's data on this engine and
 * on a real PostgreSQL holding the same rows, and requires identical results.
 *
 * <p>Deliberate choices: the session time zone is UTC; text compares by code point (the {@code C} collation).
 */
package org.stripejdbc.engine;
