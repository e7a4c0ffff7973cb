package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;

/**
 * A table whose rows are held in (or computed in) memory: the vault's secrets, metadata views, test fixtures. It
 * pushes nothing down: {@link #plan} keeps every conjunct residual, so the engine filters locally; it honours the
 * {@code limit} of {@link ScanPlan#open} and produces rows lazily.
 *
 * <p>Values are converted to the runtime class of their column's type as they are read (an Integer in a bigint
 * column becomes a Long, a String in a timestamp column is parsed).
 *
 * <p>Example: {@code InMemoryTableSource.of("vault.secrets", List.of(ResultColumn.of("name", TEXT)),
 * List.of(new Object[] {"stripe"}))}.
 */
public final class InMemoryTableSource implements TableSource {
    private final String name;
    private final List<ResultColumn> columns;
    private final Supplier<? extends Iterable<Object[]>> rows;

    /** A table over rows computed on each scan by {@code rows} (for views of changing state). */
    public InMemoryTableSource(String name, List<ResultColumn> columns, Supplier<? extends Iterable<Object[]>> rows) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = List.copyOf(columns);
        this.rows = Objects.requireNonNull(rows, "rows");
    }

    /** A table over a fixed list of rows (copied). */
    public static InMemoryTableSource of(String name, List<ResultColumn> columns, List<Object[]> rows) {
        List<Object[]> copy = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            copy.add(row.clone());
        }
        List<Object[]> fixed = List.copyOf(copy);
        return new InMemoryTableSource(name, columns, () -> fixed);
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
                return scan(context, limit);
            }

            @Override
            public List<String> explain(ExecutionContext context) {
                List<String> lines = new ArrayList<>();
                lines.add("In-memory table " + name + ": every row is read");
                if (!residual.isEmpty()) {
                    lines.add("Conditions evaluated locally: " + ExprPrinter.printConjunction(residual));
                }
                return lines;
            }
        };
    }

    private RowIterator scan(ExecutionContext context, long limit) {
        if (limit == 0) {
            return RowIterator.empty();
        }
        Iterator<Object[]> source = rows.get().iterator();
        return new AbstractRowIterator() {
            private long produced;

            @Override
            protected Object[] advance() {
                if ((limit >= 0 && produced >= limit) || !source.hasNext()) {
                    return null;
                }
                produced++;
                return convert(source.next(), context);
            }
        };
    }

    private Object[] convert(Object[] row, ExecutionContext context) {
        if (row == null || row.length != columns.size()) {
            throw new StripeJdbcException(
                    SqlState.FDW_INVALID_COLUMN_NUMBER,
                    "a row of " + name + " has " + (row == null ? 0 : row.length) + " values for " + columns.size()
                            + " columns");
        }
        Object[] out = row.clone();
        for (int i = 0; i < out.length; i++) {
            Object value = out[i];
            if (value != null && !columns.get(i).type().javaClass().isInstance(value)) {
                out[i] = Casts.convert(
                        value, Casts.runtimeType(value), columns.get(i).type(), context.statementTime());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "InMemoryTableSource[" + name + "]";
    }
}
