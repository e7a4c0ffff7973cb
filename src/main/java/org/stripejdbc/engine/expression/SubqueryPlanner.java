package org.stripejdbc.engine.expression;

import java.util.List;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.sql.Query;

/**
 * How the {@link ExpressionCompiler} has the subqueries of an expression planned without knowing the planner or its
 * operators. This is the engine's one inherent cycle (an expression can hold a query, which holds expressions), made
 * explicit: the planner implements this interface ({@code QueryPlanner::planSubquery}) and hands it to every
 * compiler it creates; the expression package only runs what it gets back.
 *
 * <p>Example: compiling {@code exists (select 1 from stripe.charges c where c.customer = o.id)} calls
 * {@code plan(<the select>, <the scope naming o>)}; the subquery it returns is {@link Subquery#correlated()
 * correlated} (it reads {@code o.id}), so EXISTS opens it once per outer row, in
 * {@code environment.enter(outerRow)}; an uncorrelated one runs once per execution.
 */
@FunctionalInterface
public interface SubqueryPlanner {
    /** Plans {@code query}; its references to enclosing blocks resolve in {@code outer}. */
    Subquery plan(Query query, Scope outer);

    /** A planned subquery: its result columns, how to run it, and whether it reads the enclosing block's row. */
    interface Subquery {
        /** The columns of its rows (a subquery used as a value must have exactly one). */
        List<ResultColumn> columns();

        /** Starts producing its rows in {@code environment} (whose outer row a correlated subquery reads). */
        RowIterator open(Environment environment);

        /** Whether it references the enclosing block, and so must run again for each outer row. */
        boolean correlated();
    }
}
