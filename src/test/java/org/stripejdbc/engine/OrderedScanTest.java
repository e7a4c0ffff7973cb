package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.types.SqlType;

/**
 * Reading a scan in its source's order ({@link ScanOrder}): ORDER BY the order column with a LIMIT reads only the
 * rows the top-N needs, {@code max()} of it one row, and a source that breaks its promise fails the statement.
 * The source here is a list of rows with {@code n} descending, ties included, that counts the rows pulled.
 */
class OrderedScanTest {
    private static final List<ResultColumn> COLUMNS =
            List.of(ResultColumn.of("id", SqlType.TEXT), ResultColumn.of("n", SqlType.BIGINT));

    /** n descending: 9, 8, 8, 8, 7, 6, ... 1, with ids that do not follow n. */
    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        long[] values = {9, 8, 8, 8, 7, 6, 5, 4, 3, 2, 1};
        String[] ids = {"k", "c", "a", "b", "j", "i", "h", "g", "f", "e", "d"};
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {ids[i], values[i]});
        }
        return rows;
    }

    /** A table offering {@code n DESC}; {@code pulled} counts rows read, {@code limits} the limits opened with. */
    private static final class OrderedSource implements TableSource {
        private final List<Object[]> rows;
        final List<Long> limits = new ArrayList<>();
        final List<Boolean> inOrder = new ArrayList<>();
        int pulled;

        OrderedSource(List<Object[]> rows) {
            this.rows = rows;
        }

        @Override
        public List<ResultColumn> columns() {
            return COLUMNS;
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
                    inOrder.add(false);
                    return read(limit);
                }

                @Override
                public ScanOrder order() {
                    return new ScanOrder("n", true);
                }

                @Override
                public RowIterator openInOrder(ExecutionContext context, long limit, boolean readAhead) {
                    inOrder.add(true);
                    return read(limit);
                }

                private RowIterator read(long limit) {
                    limits.add(limit);
                    return new AbstractRowIterator() {
                        private int position;

                        @Override
                        protected Object[] advance() {
                            if (position >= rows.size() || (limit >= 0 && position >= limit)) {
                                return null;
                            }
                            pulled++;
                            return rows.get(position++);
                        }
                    };
                }

                @Override
                public List<String> explain(ExecutionContext context) {
                    return List.of("Ordered fake");
                }
            };
        }
    }

    private final OrderedSource source = new OrderedSource(rows());
    private final Engine engine = new Engine().add("t", source);

    private static Query parse(String sql) {
        return ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
    }

    private List<String> rows(String sql) {
        return engine.rows(parse(sql));
    }

    @Test
    void theOrderColumnAloneReadsTheFirstRowsWithTheLimitPushed() {
        assertEquals(List.of("n=9", "n=8", "n=8"), rows("select n from t order by n desc limit 3"));
        assertEquals(List.of(3L), source.limits);
        assertEquals(List.of(true), source.inOrder);
        assertEquals(3, source.pulled);
    }

    @Test
    void moreKeysReadUntilTheLastKeptValueIsPassed() {
        assertEquals(
                List.of("id=k; n=9", "id=a; n=8", "id=b; n=8"),
                rows("select id, n from t order by n desc, id limit 3"));
        assertEquals(List.of(-1L), source.limits);
        assertEquals(5, source.pulled); // 9, the three 8s, and the 7 that shows the 8s are over
    }

    @Test
    void aLocalFilterReadsOnUntilEnoughRowsPass() {
        assertEquals(
                List.of("id=j", "id=h"), rows("select id from t where n % 2 = 1 and n < 9 order by n desc limit 2"));
        assertEquals(List.of(-1L), source.limits);
        assertEquals(7, source.pulled);
    }

    @Test
    void theMaximumIsTheFirstRow() {
        assertEquals(List.of("max=9; ?column?=10"), rows("select max(n), max(n) + 1 from t"));
        assertEquals(List.of(1L), source.limits);
        assertEquals(1, source.pulled);
        assertEquals(List.of("max=7"), rows("select max(n) from t where n < 8"));
        assertEquals(6, source.pulled); // 9, 8, 8, 8 dropped locally, then 7
    }

    @Test
    void theOrderColumnAloneNeedsNoSortAndStreams() {
        List<String> all = rows("select n from t order by n desc");
        assertEquals(11, all.size());
        assertEquals("n=9", all.get(0));
        assertEquals(List.of(true), source.inOrder);
        assertEquals(List.of(-1L), source.limits);
        // A JDBC maxRows at top level reaches the scan as its limit: an IDE showing 2 rows reads 2.
        List<String> capped = engine.rows(parse("select id, n from t order by n desc"), Engine.contextWithMaxRows(2));
        assertEquals(List.of("id=k; n=9", "id=c; n=8"), capped);
        assertEquals(List.of(-1L, 2L), source.limits);
        assertEquals(13, source.pulled);
        String plan = String.join(
                "\n",
                engine.compiler()
                        .compile(parse("select n from t order by n desc"))
                        .explain(Engine.context()));
        assertTrue(plan.contains("Scan: t (in order: n DESC)"), plan);
        assertTrue(!plan.contains("Sort"), plan);
    }

    @Test
    void whatTheOrderDoesNotAnswerReadsEverything() {
        assertEquals(List.of("n=1"), rows("select n from t order by n limit 1"));
        assertEquals(List.of("min=1"), rows("select min(n) from t"));
        assertEquals(List.of("max=9; count=11"), rows("select max(n), count(*) from t"));
        assertEquals(List.of("id=k"), rows("select id from t order by id desc limit 1"));
        assertEquals(List.of(false, false, false, false), source.inOrder);
        assertEquals(44, source.pulled);
    }

    @Test
    void explainSaysTheScanIsReadInOrderAndWhereTheTopNStops() {
        String plan = String.join(
                "\n",
                engine.compiler()
                        .compile(parse("select id from t order by n desc, id limit 3"))
                        .explain(Engine.context()));
        assertTrue(plan.contains("Scan: t (in order: n DESC)"), plan);
        assertTrue(
                plan.contains("the input comes ordered by the first key, so reading stops once a row's first key sorts"
                        + " after the N-th row's"),
                plan);
    }

    @Test
    void aSourceBreakingItsOrderFailsTheStatement() {
        List<Object[]> broken = new ArrayList<>(rows());
        broken.add(1, new Object[] {"z", 10L});
        Engine other = new Engine().add("t", new OrderedSource(broken));
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class, () -> other.rows(parse("select id from t order by n desc, id limit 3")));
        assertEquals("HV000", e.sqlState().code());
        assertTrue(
                e.getMessage().contains("t returned rows out of the order it promised (n DESC): 10 after 9"),
                e.getMessage());
        List<Object[]> nulls = new ArrayList<>(rows());
        nulls.add(0, new Object[] {"z", null});
        StripeJdbcException n = assertThrows(
                StripeJdbcException.class,
                () -> new Engine().add("t", new OrderedSource(nulls)).rows(parse("select max(n) from t")));
        assertTrue(n.getMessage().contains("NULL after null"), n.getMessage());
    }
}
