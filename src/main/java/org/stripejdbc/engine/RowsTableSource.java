package org.stripejdbc.engine;

import java.util.List;
import java.util.function.Supplier;
import org.stripejdbc.exec.ExecutionContext;
import org.stripejdbc.exec.ResultColumn;
import org.stripejdbc.exec.RowIterator;
import org.stripejdbc.exec.ScanPlan;
import org.stripejdbc.exec.TableSource;
import org.stripejdbc.sql.Expr;

/**
 * A small in-memory table whose rows are produced when a scan opens (vault views, RETURNING rows). It
 * pushes nothing down: every condition stays with the executor.
 */
final class RowsTableSource implements TableSource {
    private final List<ResultColumn> columns;
    private final Supplier<List<Object[]>> rows;

    RowsTableSource(List<ResultColumn> columns, Supplier<List<Object[]>> rows) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public ScanPlan plan(List<Expr> conjuncts) {
        List<Expr> residual = List.copyOf(conjuncts);
        return new ScanPlan() {
            @Override
            public List<Expr> residual() {
                return residual;
            }

            @Override
            public RowIterator open(ExecutionContext context, long limit) {
                List<Object[]> all = rows.get();
                return RowIterator.of(limit >= 0 && limit < all.size() ? all.subList(0, (int) limit) : all);
            }

            @Override
            public List<String> explain(ExecutionContext context) {
                return List.of("Scan of " + (columns.isEmpty() || columns.get(0).table() == null ? "rows"
                        : columns.get(0).schema() + "." + columns.get(0).table()) + " (in memory)");
            }
        };
    }
}
