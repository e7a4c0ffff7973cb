package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.types.SqlType;

/**
 * Join pushdown ({@code JoinNode}'s keyed strategy, planned by {@code JoinPlanner}): a side whose join key its
 * table can be fetched by is fetched per batch of distinct keys when the other side is small or when the table
 * cannot be read without such a key; otherwise the join hashes. Results never depend on the strategy.
 */
class KeyedJoinTest {
    /** {@code stripe.charges}-like rows: id, customer, amount. */
    private static final List<ResultColumn> CHARGE_COLUMNS = List.of(
            new ResultColumn("id", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("customer", SqlType.TEXT, "stripe", "charges"),
            new ResultColumn("amount", SqlType.BIGINT, "stripe", "charges"));

    private static List<Object[]> charges() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"ch_1", "cus_a", 100L});
        rows.add(new Object[] {"ch_2", "cus_b", 200L});
        rows.add(new Object[] {"ch_3", "cus_a", 300L});
        rows.add(new Object[] {"ch_4", "cus_z", 400L});
        rows.add(new Object[] {"ch_5", null, 500L});
        return rows;
    }

    private final KeyedSource chargeSource =
            new KeyedSource(CHARGE_COLUMNS, charges(), Set.of("id", "customer"), false);
    private final Engine engine = new Engine().add("stripe.charges", chargeSource);

    private static Query parse(String sql) {
        Statement statement = SqlFrontEnd.parse(sql).statement();
        return ((Statement.QueryStatement) statement).query();
    }

    private List<String> rows(String sql) {
        return engine.rows(parse(sql));
    }

    private List<String> explain(String sql) {
        return engine.compiler().compile(parse(sql)).explain(Engine.context());
    }

    @Test
    void smallOuterSideFetchesTheInnerSidePerDistinctKey() {
        String sql = "select v.k, ch.id from (values ('cus_a'), ('cus_b'), ('cus_a'), (null), ('cus_c')) v(k) "
                + "join stripe.charges ch on ch.customer = v.k";
        assertEquals(
                List.of(
                        "k=cus_a; id=ch_1",
                        "k=cus_a; id=ch_3",
                        "k=cus_b; id=ch_2",
                        "k=cus_a; id=ch_1",
                        "k=cus_a; id=ch_3"),
                rows(sql));
        // One fetch for the batch: the distinct non-null keys in the order first seen.
        assertEquals(List.of(List.of("cus_a", "cus_b", "cus_c")), chargeSource.keysFetched);
        List<String> plan = explain(sql);
        assertTrue(plan.get(1).contains("Keyed Join: (ch.customer = v.k)"), plan.toString());
        assertTrue(
                plan.get(2)
                        .contains("Inner side (right) fetched per distinct key: ch.customer = ANY(keys of v.k)"
                                + ", up to 100 keys per batch (the left side has at most 5 rows)"),
                plan.toString());
        assertTrue(plan.stream().anyMatch(line -> line.contains("Join keys: $1")), plan.toString());
    }

    @Test
    void leftJoinKeepsOuterRowsWithoutMatchAndRightJoinFetchesTheLeftSide() {
        assertEquals(
                List.of("k=cus_b; id=ch_2", "k=cus_q; id=null", "k=null; id=null"),
                rows("select v.k, ch.id from (values ('cus_b'), ('cus_q'), (null)) v(k) "
                        + "left join stripe.charges ch on ch.customer = v.k"));
        assertEquals(
                List.of("id=ch_2; k=cus_b", "id=null; k=cus_q"),
                rows("select ch.id, v.k from stripe.charges ch right join (values ('cus_b'), ('cus_q')) v(k) "
                        + "on ch.customer = v.k"));
        assertEquals(List.of(List.of("cus_b", "cus_q"), List.of("cus_b", "cus_q")), chargeSource.keysFetched);
        assertTrue(explain("select 1 from stripe.charges ch right join (values ('cus_b')) v(k) on ch.customer = v.k")
                .get(1)
                .contains("Keyed Join Right"));
    }

    @Test
    void otherJoinConditionsAndTheInnerTablesOwnConditionsStillApply() {
        assertEquals(
                List.of("k=cus_a; id=ch_3"),
                rows("select v.k, ch.id from (values ('cus_a', 150)) v(k, floor) "
                        + "join stripe.charges ch on ch.customer = v.k and ch.amount > v.floor where ch.id <> 'ch_9'"));
        assertEquals(List.of(List.of("cus_a")), chargeSource.keysFetched);
    }

    @Test
    void aLimitedSubqueryIsSmall() {
        String sql = "select c.id, ch.id from (select id from stripe.charges where amount >= 300 limit 2) c "
                + "join stripe.charges ch on ch.id = c.id";
        assertEquals(List.of("id=ch_3; id=ch_3", "id=ch_4; id=ch_4"), rows(sql));
        assertEquals(List.of(List.of("ch_3", "ch_4")), chargeSource.keysFetched);
    }

    @Test
    void anUnboundedOuterSideIsDecidedByItsDistinctKeys() {
        String sql = "select a.id, b.id from stripe.charges a join stripe.charges b on b.customer = a.customer";
        assertEquals(6, rows(sql).size());
        // Three distinct customers: looked up (the rows read to count them are not read again).
        assertEquals(List.of(List.of("cus_a", "cus_b", "cus_z")), chargeSource.keysFetched);
        List<String> plan = explain(sql);
        assertTrue(plan.get(1).contains("Hash or Keyed Join: (b.customer = a.customer)"), plan.toString());
        assertTrue(
                plan.get(2)
                        .contains("Inner side (right) fetched for all the outer side's distinct keys (b.customer ="
                                + " ANY(keys of a.customer): up to 10 looked up, more by a request each or a scan,"
                                + " whichever needs fewer requests) when the outer side has at most 10000 rows, else"
                                + " read once and hashed"),
                plan.toString());
        // Eleven distinct customers: the source is given them all at once (this one looks them up).
        List<Object[]> many = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            many.add(new Object[] {"ch_" + i, "cus_" + i, 100L * i});
        }
        KeyedSource more = new KeyedSource(CHARGE_COLUMNS, many, Set.of("id", "customer"), false);
        engine.add("stripe.more", more);
        assertEquals(
                11,
                rows("select a.id, b.id from stripe.more a join stripe.more b on b.customer = a.customer")
                        .size());
        assertEquals(1, more.keysFetched.size(), more.keysFetched.toString());
        assertEquals(11, more.keysFetched.get(0).size());
    }

    @Test
    void aFullJoinAndAKeyTheTableCannotPushAreHashJoined() {
        assertTrue(explain("select 1 from (values ('cus_a')) v(k) full join stripe.charges ch on ch.customer = v.k")
                .get(1)
                .contains("Hash Join Full"));
        assertTrue(explain("select 1 from (values (100::bigint)) v(n) join stripe.charges ch on ch.amount = v.n")
                .get(1)
                .contains("Hash Join"));
        // The key must be the column itself, compared in its own type.
        assertTrue(explain("select 1 from (values ('CUS_A')) v(k) join stripe.charges ch on lower(ch.customer) = v.k")
                .get(1)
                .contains("Hash Join"));
        assertTrue(chargeSource.keysFetched.isEmpty());
    }

    @Test
    void aTableThatNeedsAKeyIsFetchedInBatchesOfAtMostOneHundredKeys() {
        KeyedSource attempts = new KeyedSource(CHARGE_COLUMNS, charges(), Set.of("customer"), true);
        engine.add("stripe.setup_attempts", attempts);
        List<String> result = rows("select count(*) as n from (select 'cus_' || g as k from generate_series(1, 250) g "
                + "union all select 'cus_a') s join stripe.setup_attempts a on a.customer = s.k");
        assertEquals(List.of("n=2"), result);
        List<Integer> sizes = attempts.keysFetched.stream().map(List::size).toList();
        assertEquals(List.of(100, 100, 51), sizes);
        String message = Engine.assertFails("0A000", () -> rows("select count(*) from stripe.setup_attempts"));
        assertTrue(message.contains("needs a key"), message);
    }

    @Test
    void keyedAndHashJoinsGiveTheSameRows() {
        String keyed = "select v.k, ch.id, ch.amount from (values ('cus_a'), ('cus_z'), ('cus_b'), ('cus_a')) v(k) "
                + "left join stripe.charges ch on ch.customer = v.k";
        String hashed = keyed.replace("ch.customer = v.k", "ch.customer || '' = v.k");
        assertTrue(explain(keyed).get(1).contains("Keyed Join Left"));
        assertTrue(explain(hashed).get(1).contains("Hash Join Left"));
        List<String> a = new ArrayList<>(rows(keyed));
        List<String> b = new ArrayList<>(rows(hashed));
        a.sort(null);
        b.sort(null);
        assertEquals(b, a);
    }

    /**
     * A fake remote table that can be fetched by {@code column = ANY($n)} on its key columns (pushed exactly, like
     * Stripe retrieves and list filters), records the key arrays it was opened with, and, when {@code needsKey},
     * refuses scans without a key condition with 0A000 (like setup_attempts).
     */
    private static final class KeyedSource implements TableSource {
        private final List<ResultColumn> columns;
        private final List<Object[]> rows;
        private final Set<String> keyColumns;
        private final boolean needsKey;
        final List<List<Object>> keysFetched = new ArrayList<>();

        KeyedSource(List<ResultColumn> columns, List<Object[]> rows, Set<String> keyColumns, boolean needsKey) {
            this.columns = List.copyOf(columns);
            this.rows = List.copyOf(rows);
            this.keyColumns = Set.copyOf(keyColumns);
            this.needsKey = needsKey;
        }

        @Override
        public List<ResultColumn> columns() {
            return columns;
        }

        @Override
        public ScanPlan plan(List<Expr> conjuncts) {
            Expr.Quantified key = null;
            List<Expr> residual = new ArrayList<>();
            for (Expr conjunct : conjuncts) {
                if (key == null
                        && conjunct instanceof Expr.Quantified q
                        && !q.all()
                        && q.operator() == Expr.BinaryOperator.EQUALS
                        && q.left() instanceof Expr.ColumnRef ref
                        && keyColumns.contains(ref.name())
                        && q.array() instanceof Expr.Parameter) {
                    key = q;
                } else {
                    residual.add(conjunct);
                }
            }
            if (key == null && needsKey) {
                throw StripeJdbcException.unsupported("this table needs a key");
            }
            Expr.Quantified fetchedBy = key;
            return new ScanPlan() {
                @Override
                public List<Expr> residual() {
                    return residual;
                }

                @Override
                public RowIterator open(ExecutionContext context, long limit) {
                    if (fetchedBy == null) {
                        return RowIterator.of(rows);
                    }
                    String column = ((Expr.ColumnRef) fetchedBy.left()).name();
                    int index = 0;
                    while (!columns.get(index).name().equals(column)) {
                        index++;
                    }
                    List<?> keys = (List<?>) context.parameter(((Expr.Parameter) fetchedBy.array()).index());
                    keysFetched.add(List.copyOf(keys));
                    List<Object[]> matching = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (row[index] != null && keys.contains(row[index])) {
                            matching.add(Arrays.copyOf(row, row.length));
                        }
                    }
                    return RowIterator.of(matching);
                }

                @Override
                public List<String> explain(ExecutionContext context) {
                    return List.of(fetchedBy == null ? "every row" : "rows whose key is in the batch");
                }
            };
        }
    }
}
