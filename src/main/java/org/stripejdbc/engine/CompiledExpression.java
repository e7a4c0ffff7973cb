package org.stripejdbc.engine;

import org.stripejdbc.types.SqlType;

/**
 * A scalar expression bound to a row layout, type-checked and ready to evaluate. Values are the runtime classes of
 * {@link SqlType}; SQL NULL is {@code null}.
 *
 * <p>Example: compiled against the columns {@code (id text, amount bigint)}, {@code amount * 2 > 100} evaluates
 * {@code new Object[] {"ch_1", 60L}} to {@code Boolean.TRUE} and {@code new Object[] {"ch_2", null}} to {@code null}.
 */
public interface CompiledExpression {
    /** The static type of the result (never UNKNOWN once compiled as a whole expression). */
    SqlType type();

    /** Evaluates over {@code row} within a running query. */
    Object evaluate(Object[] row, Environment environment);

    /** Evaluates over {@code row} as a standalone execution (no enclosing rows). */
    default Object evaluate(Object[] row, ExecutionContext context) {
        return evaluate(row, new Environment(context));
    }
}
