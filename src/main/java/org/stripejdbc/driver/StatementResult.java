package org.stripejdbc.driver;

import org.apache.calcite.avatica.Meta;

/**
 * A result of one statement of a multi-statement text, after the first: what {@code getMoreResults} moves to.
 * <pre>
 *   execute("update ...; select 1; update ...")   first: Count(1)   pending: Rows(select 1), Count(1)
 * </pre>
 * Rows are held complete (as pgjdbc holds them), since the statements after them have already run.
 */
sealed interface StatementResult {

    record Count(long count) implements StatementResult {}

    record Rows(Meta.Signature signature, Meta.Frame frame) implements StatementResult {}
}
