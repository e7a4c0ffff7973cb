/**
 * Runtime values of the SQL types, with Postgres semantics: the type rules the compiler resolves with
 * ({@link org.stripejdbc.engine.value.TypeRules}: categories, implicit/assignment/explicit casts, the common type of
 * CASE or UNION branches), conversions between types ({@link org.stripejdbc.engine.value.Casts}), the order and
 * equality of values ({@link org.stripejdbc.engine.value.ValueComparator}) and overflow-checked arithmetic
 * ({@link org.stripejdbc.engine.value.Arithmetic}).
 *
 * <p>Example: {@code Casts.convert("42", TEXT, BIGINT, now)} is {@code 42L}; {@code ValueComparator.compare(1,
 * new BigDecimal("1.0"))} is 0; {@code Arithmetic.integral(ADD, Integer.MAX_VALUE, 1, INTEGER)} fails with
 * {@code 22003 integer out of range}.
 *
 * <p>The bottom of the engine: it works on plain values (the runtime classes listed in
 * {@link org.stripejdbc.types.SqlType}) and must not know expressions, functions, operators, planning or the
 * statement model ({@code sql}); every other engine package may use it.
 */
package org.stripejdbc.engine.value;
