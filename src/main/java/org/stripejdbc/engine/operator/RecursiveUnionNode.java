package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.AbstractRowIterator;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * A recursive WITH query ({@code non-recursive term UNION [ALL] recursive term}), evaluated as Postgres does: the
 * rows of the non-recursive term are the first working table; the recursive term runs over the working table
 * ({@link WorkTableNode}) and its rows are the next one, until a step gives no row. Every row is returned as it is
 * produced, so a LIMIT above stops the recursion early. With UNION (not ALL) a row already produced is dropped (and
 * does not reach the next step).
 *
 * <p>A recursion must end: past {@code maxRows} rows (0 = no bound) the query fails with 54001 naming the WITH query
 * and the bound. Memory holds one step's rows (and every row once for UNION).
 *
 * <p>Example: {@code with recursive t(n) as (select 1 union all select n + 1 from t where n < 3) select * from t}
 * gives 1 (non-recursive term), 2 (step 1), 3 (step 2); step 3 gives nothing.
 */
public final class RecursiveUnionNode implements PlanNode {
    private final String name;
    private final PlanNode nonRecursive;
    private final PlanNode recursive;
    private final WorkTableNode workTable;
    private final boolean distinct;
    private final long maxRows;
    private final String boundName;
    private final List<ResultColumn> columns;

    /**
     * {@code boundName} names the setting of {@code maxRows} in the error past it ({@code max_recursive_rows}).
     */
    public RecursiveUnionNode(
            String name,
            PlanNode nonRecursive,
            PlanNode recursive,
            WorkTableNode workTable,
            boolean distinct,
            long maxRows,
            String boundName,
            List<ResultColumn> columns) {
        this.name = Objects.requireNonNull(name, "name");
        this.nonRecursive = Objects.requireNonNull(nonRecursive, "nonRecursive");
        this.recursive = Objects.requireNonNull(recursive, "recursive");
        this.workTable = Objects.requireNonNull(workTable, "workTable");
        this.distinct = distinct;
        this.maxRows = maxRows;
        this.boundName = boundName;
        this.columns = List.copyOf(columns);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public RowIterator open(Environment environment) {
        WorkTableNode.Rows working = workTable.rows(environment);
        if (working.busy) {
            throw StripeJdbcException.unsupported(
                    "reading the recursive query \"" + name + "\" twice at the same time");
        }
        working.busy = true;
        RowIterator first;
        try {
            first = nonRecursive.open(environment);
        } catch (RuntimeException | Error e) {
            working.busy = false;
            throw e;
        }
        return new AbstractRowIterator() {
            private RowIterator current = first;
            private List<Object[]> next = new ArrayList<>();
            private final Set<List<Object>> seen = distinct ? new HashSet<>() : null;
            private long produced;

            @Override
            protected Object[] advance() {
                while (true) {
                    if (current.next()) {
                        environment.tick();
                        Object[] row = current.current();
                        if (seen != null && !seen.add(ValueComparator.key(row))) {
                            continue;
                        }
                        if (maxRows > 0 && ++produced > maxRows) {
                            throw tooManyRows();
                        }
                        next.add(row);
                        return row;
                    }
                    current.close();
                    if (next.isEmpty()) {
                        working.rows = List.of();
                        return null;
                    }
                    working.rows = next;
                    next = new ArrayList<>();
                    current = recursive.open(environment);
                }
            }

            @Override
            protected void release() {
                working.busy = false;
                working.rows = List.of();
                current.close();
            }
        };
    }

    private StripeJdbcException tooManyRows() {
        return new StripeJdbcException(
                SqlState.STATEMENT_TOO_COMPLEX,
                "recursive query \"" + name + "\" produced more than " + maxRows + " rows, the bound "
                        + boundName + ": its recursion does not end, or ends later; add a condition that stops it"
                        + " (where n < 100), or raise " + boundName + " (0 = no bound)");
    }

    @Override
    public void explain(ExplainWriter out) {
        out.title("Recursive Union" + (distinct ? "" : " All") + ": " + name
                + (maxRows > 0 ? " (at most " + maxRows + " rows)" : ""));
        out.child(nonRecursive);
        out.child(recursive);
    }
}
