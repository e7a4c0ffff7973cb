package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.PostgresText;

/**
 * A hand-written fake of a remote table: it handles {@code column = constant} conjuncts on its pushable columns
 * exactly (like a Stripe list filter) and leaves everything else residual. It records what it was offered, the
 * {@code limit} each scan was opened with, the parameters it saw, and how many rows were pulled from it, so tests
 * can assert the pushdown contract and laziness.
 */
final class RecordingTableSource implements TableSource {
    private final List<ResultColumn> columns;
    private final List<Object[]> rows;
    private final Set<String> pushableColumns;

    final List<List<Expr>> offered = new ArrayList<>();
    /** The columns the planner said each scan's statement reads ({@link TableSource#plan(List, ColumnsRead)}). */
    final List<ColumnsRead> read = new ArrayList<>();

    final List<Long> openedWithLimit = new ArrayList<>();
    final List<List<Object>> parametersSeen = new ArrayList<>();
    int rowsPulled;

    RecordingTableSource(List<ResultColumn> columns, List<Object[]> rows, String... pushableColumns) {
        this.columns = List.copyOf(columns);
        this.rows = List.copyOf(rows);
        this.pushableColumns = Set.of(pushableColumns);
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    private boolean handles(Expr conjunct) {
        return conjunct instanceof Expr.Binary b
                && b.operator() == Expr.BinaryOperator.EQUALS
                && b.left() instanceof Expr.ColumnRef ref
                && pushableColumns.contains(ref.name())
                && (b.right() instanceof Expr.Literal || b.right() instanceof Expr.Parameter);
    }

    private int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Override
    public ScanPlan plan(List<Expr> conjuncts, ColumnsRead columnsRead) {
        read.add(columnsRead);
        return plan(conjuncts);
    }

    @Override
    public ScanPlan plan(List<Expr> conjuncts) {
        offered.add(List.copyOf(conjuncts));
        List<Expr> pushed = new ArrayList<>();
        List<Expr> residual = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            (handles(conjunct) ? pushed : residual).add(conjunct);
        }
        return new ScanPlan() {
            @Override
            public List<Expr> residual() {
                return residual;
            }

            @Override
            public RowIterator open(ExecutionContext context, long limit) {
                openedWithLimit.add(limit);
                parametersSeen.add(new ArrayList<>(context.parameters()));
                return new RowIterator() {
                    private int position = -1;
                    private int produced;
                    private Object[] current;

                    @Override
                    public boolean next() {
                        if (limit >= 0 && produced >= limit) {
                            return false;
                        }
                        while (++position < rows.size()) {
                            rowsPulled++;
                            Object[] row = rows.get(position);
                            if (matches(row, context)) {
                                produced++;
                                current = row;
                                return true;
                            }
                        }
                        return false;
                    }

                    @Override
                    public Object[] current() {
                        return current;
                    }

                    @Override
                    public void close() {}
                };
            }

            private boolean matches(Object[] row, ExecutionContext context) {
                for (Expr conjunct : pushed) {
                    Expr.Binary b = (Expr.Binary) conjunct;
                    Object value = row[columnIndex(((Expr.ColumnRef) b.left()).name())];
                    Object wanted = b.right() instanceof Expr.Literal l
                            ? l.value()
                            : context.parameter(((Expr.Parameter) b.right()).index());
                    if (value == null
                            || wanted == null
                            || !Objects.equals(PostgresText.format(value), PostgresText.format(wanted))) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public List<String> explain(ExecutionContext context) {
                return List.of("GET /v1/fake pushed=" + pushed.size());
            }
        };
    }
}
