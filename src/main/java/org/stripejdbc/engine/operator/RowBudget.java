package org.stripejdbc.engine.operator;

import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The LIMIT/OFFSET of a query block, evaluated per execution ({@code LIMIT ?} is allowed), plus the JDBC
 * {@code maxRows} cap when the block is the statement's outermost one. Example: {@code LIMIT 10 OFFSET 5} with
 * maxRows 3 reads at most 8 rows of its input and returns 3.
 *
 * @param limit  the LIMIT expression (bigint) or null for none
 * @param offset the OFFSET expression (bigint) or null for none
 * @param constantCount the LIMIT when it is a constant (not a parameter), else -1; maxRows is not counted (the join
 *                      planner reads it: {@code LIMIT 5} makes a side small)
 * @param applyMaxRows whether {@link ExecutionContext#maxRows()} caps the count too
 * @param text   the LIMIT/OFFSET as written, for EXPLAIN ({@code 10 offset 5}; empty for none)
 */
public record RowBudget(
        CompiledExpression limit, CompiledExpression offset, long constantCount, boolean applyMaxRows, String text) {

    /** The evaluated values: {@code count < 0} means no limit. */
    record Values(long count, long offset) {
        /** How many input rows are needed at most (-1 for all). */
        long needed() {
            return count < 0 ? -1 : (Long.MAX_VALUE - offset < count ? Long.MAX_VALUE : count + offset);
        }
    }

    Values evaluate(Environment environment) {
        long count = -1;
        if (limit != null) {
            Object value = limit.evaluate(new Object[0], environment);
            if (value != null) {
                count = ((Number) value).longValue();
                if (count < 0) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_ROW_COUNT_IN_LIMIT_CLAUSE, "LIMIT must not be negative");
                }
            }
        }
        long skip = 0;
        if (offset != null) {
            Object value = offset.evaluate(new Object[0], environment);
            if (value != null) {
                skip = ((Number) value).longValue();
                if (skip < 0) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET_CLAUSE, "OFFSET must not be negative");
                }
            }
        }
        long maxRows = environment.context().maxRows();
        if (applyMaxRows && maxRows > 0) {
            count = count < 0 ? maxRows : Math.min(count, maxRows);
        }
        return new Values(count, skip);
    }

    /** Whether the budget is the JDBC maxRows cap alone (no LIMIT, no OFFSET). */
    boolean onlyMaxRows() {
        return limit == null && offset == null && applyMaxRows;
    }

    boolean isEmpty() {
        return limit == null && offset == null && !applyMaxRows;
    }

    /** The same budget without the maxRows cap. */
    public RowBudget withoutMaxRows() {
        return new RowBudget(limit, offset, constantCount, false, text);
    }

    /** {@code 10}, {@code 10 offset 5}, {@code $1}, with {@code + maxRows} when the JDBC cap applies. */
    String describe() {
        String described = text == null || text.isEmpty() ? "" : text;
        if (applyMaxRows) {
            described = described.isEmpty() ? "maxRows" : described + ", capped by maxRows";
        }
        return described;
    }
}
