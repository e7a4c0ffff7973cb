/**
 * Scalar expressions: {@link org.stripejdbc.engine.expression.ExpressionCompiler} compiles a
 * {@link org.stripejdbc.sql.Expr} against the names visible in a query block
 * ({@link org.stripejdbc.engine.expression.Scope}) into a {@link org.stripejdbc.engine.CompiledExpression}: names
 * resolved, types checked, unknown literals and parameters given their context's type, as Postgres' parse analysis
 * does. Conditions are compiled by {@code PredicateCompiler}, calls and the special forms by {@code CallCompiler},
 * operators by {@code Operators} and {@code ArithmeticOperators}, conversions by {@code Coercion} and
 * {@code TypeModifiers}; the compiled nodes are {@code ColumnExpression}, {@code ConstantExpression},
 * {@code ParameterExpression}, {@code OperatorExpression} and {@code ArrayValuedExpression}.
 * {@link org.stripejdbc.sql.ExprTrees} (in the statement model, shared with the Stripe adapter) walks and rewrites
 * {@code Expr} trees.
 *
 * <p>Example: against {@code (id text, amount bigint)}, {@code amount * 2 > 100} compiles to a boolean expression
 * that is true for {@code ["ch_1", 60L]} and NULL for {@code ["ch_2", null]}; {@code id > 1} fails with
 * {@code 42883 operator does not exist: text > integer}.
 *
 * <p>Knows {@link org.stripejdbc.engine.value}, {@link org.stripejdbc.engine.function} and the statement model; must
 * not know operators or the planner. A subquery inside an expression is the one place where an expression needs a
 * plan: the compiler asks the {@link org.stripejdbc.engine.expression.SubqueryPlanner} it was given (the planner
 * implements it) and only runs the rows it gets back ({@code SubqueryExpressions}), so that cycle stays behind one
 * small interface.
 */
package org.stripejdbc.engine.expression;
