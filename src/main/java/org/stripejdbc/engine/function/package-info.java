/**
 * The SQL functions the engine implements, by family: the scalar functions and their overloads
 * ({@link org.stripejdbc.engine.function.FunctionRegistry}, filled by {@code StringFunctions}, {@code MathFunctions}
 * with {@code NumericMath}, {@code DateTimeFunctions} with {@code DateTimeFormat}, {@code JsonFunctions} with
 * {@code JsonPath}; {@code NumberFormat} is {@code to_char} of numbers, {@code Patterns} LIKE, SIMILAR TO and regular
 * expressions), the aggregates ({@link org.stripejdbc.engine.function.AggregateFunctions}: result types and per-group
 * accumulators) and the rows of the set-returning functions
 * ({@link org.stripejdbc.engine.function.SetReturningFunctions}).
 *
 * <p>Example: {@code FunctionRegistry.standard().resolve("round", [INTEGER])} picks
 * {@code round(double precision)}, as Postgres does; {@code AggregateFunctions.resolve("sum", [BIGINT], false)}
 * has the result type numeric.
 *
 * <p>A function here receives evaluated arguments already converted to its parameter types: it must not know how
 * expressions are compiled (the {@code expression} package resolves calls and coerces arguments), nor operators,
 * planning or the statement model. It knows {@link org.stripejdbc.engine.value} and the engine's API types
 * ({@link org.stripejdbc.engine.Environment} for the statement time).
 */
package org.stripejdbc.engine.function;
