/**
 * Turns a {@link org.stripejdbc.sql.Query} into a tree of operators. {@link org.stripejdbc.engine.planner.QueryPlanner}
 * plans a statement (SELECT blocks, set operations, VALUES, WITH queries) and implements the expression compiler's
 * {@link org.stripejdbc.engine.expression.SubqueryPlanner}. A SELECT block is planned by {@code SelectPlanner} in
 * Postgres' logical order, with {@code FromPlanner} for FROM and WHERE ({@code FromTree}: the relations;
 * {@code ConjunctPlacement}: where each conjunct goes, down to the table sources; {@code JoinPlanner}: scans and
 * hash, nested-loop, lateral and keyed joins), {@code AggregatePlanner} for GROUP BY (grouping sets included) and
 * aggregates,
 * {@code WindowPlanner} for window functions and {@code SetReturningCompiler} for set-returning calls;
 * {@code SubqueryJoinPlanner} turns EXISTS, IN, NOT EXISTS and NOT IN subqueries of WHERE and HAVING into semi and
 * anti joins (a correlated subquery left per row is an EXPLAIN {@code SubPlan} of the node evaluating it), and
 * {@code ScanOrderPlanner} finds the ORDER BY and {@code max()} a scan's list order answers.
 * {@code RecursiveQueryPlanner} plans WITH RECURSIVE, {@code RecursionCheck} holds it to Postgres' rules.
 * {@code ColumnLabels} names result columns as Postgres does, {@code QueryVisitor} visits a whole statement.
 *
 * <p>This is where a WHERE clause meets the tables: every conjunct that references one table only is offered to that
 * table's {@link org.stripejdbc.engine.TableSource#plan} (a Stripe table turns it into request parameters), and what
 * the source does not handle exactly comes back as residual, evaluated locally. Example: {@code select email from
 * stripe.customers where email = 'a@b.c' and name like 'A%' limit 5} offers both conjuncts to customers; the
 * source pushes the first and returns the second, so the scan evaluates {@code name like 'A%'} itself and the LIMIT
 * is not pushed into the request. With the conditions a source is told the columns of it the statement reads
 * ({@code ReadColumns} finds them once per statement, {@link org.stripejdbc.engine.ColumnsRead} holds them).
 *
 * <p>The planner knows every other engine package; none of them knows it (expressions reach it only through
 * {@code SubqueryPlanner}). It knows tables only through {@link org.stripejdbc.engine.TableResolver} and
 * {@link org.stripejdbc.engine.TableSource}: it must not know Stripe, the catalog or the session.
 */
package org.stripejdbc.engine.planner;
