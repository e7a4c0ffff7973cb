package org.stripejdbc.engine;

import java.util.List;
import org.stripejdbc.sql.Expr;

/**
 * A table the executor can scan: a Stripe foreign table, the vault's secrets, a metadata view. The executor
 * offers it the WHERE conjuncts that reference only this table and keeps evaluating whatever the returned
 * plan leaves as residual (Calcite's pushdown contract: a source removes only what it handles exactly).
 */
public interface TableSource {
    /** The columns, in declaration order (what {@code *} expands to). */
    List<ResultColumn> columns();

    /**
     * Plans a scan. Column references in {@code conjuncts} name this table's columns (their qualifier is the
     * alias used in the query and may be ignored); they may contain {@link Expr.Parameter}s whose values
     * arrive at {@link ScanPlan#open}. Never throws for conditions it cannot push: it leaves them residual.
     */
    ScanPlan plan(List<Expr> conjuncts);

    /**
     * Plans a scan as {@link #plan(List)}, knowing which of this table's columns the statement reads ({@code read};
     * conservative, see {@link ColumnsRead}): a source whose columns cost requests may fill only those. The planner
     * always calls this one; the default ignores {@code read}. Example: {@code select id from stripe.charges where
     * amount > 100} gives {@code plan([amount > 100], [amount, id])}.
     */
    default ScanPlan plan(List<Expr> conjuncts, ColumnsRead read) {
        return plan(conjuncts);
    }
}
