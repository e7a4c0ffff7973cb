package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.types.SqlType;

/**
 * Decorrelated subqueries ({@code SemiJoinNode}, planned by {@code SubqueryJoinPlanner}): EXISTS, NOT EXISTS, IN and
 * NOT IN over a remote-like table that lists in pages of 10 rows (one request each) and can be fetched by
 * {@code customer = ANY(keys)} (one request per key). The rows are the subquery's evaluated per row, NULLs as
 * Postgres; the requests are the fewer of reading the table once and looking the keys up.
 */
class SemiJoinTest {
    private static final List<ResultColumn> CUSTOMER_COLUMNS =
            List.of(ResultColumn.of("id", SqlType.TEXT), ResultColumn.of("cap", SqlType.BIGINT));
    private static final List<ResultColumn> CHARGE_COLUMNS = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("customer", SqlType.TEXT),
            ResultColumn.of("amount", SqlType.BIGINT),
            ResultColumn.of("status", SqlType.TEXT));

    /** Customers c01..cNN (cap = 100 × n), and one without id. */
    private static List<Object[]> customers(int n) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(new Object[] {String.format("c%02d", i), 100L * i});
        }
        rows.add(new Object[] {null, 0L});
        return rows;
    }

    /** A remote-like table: pages of 10 rows, fetched by customer = ANY(keys), every request counted. */
    private static final class PagedSource implements TableSource {
        private final List<Object[]> rows;
        final List<String> requests = new ArrayList<>();

        PagedSource(List<Object[]> rows) {
            this.rows = List.copyOf(rows);
        }

        @Override
        public List<ResultColumn> columns() {
            return CHARGE_COLUMNS;
        }

        @Override
        public ScanPlan plan(List<Expr> conjuncts) {
            Expr.Quantified key = null;
            List<Expr> residual = new ArrayList<>();
            for (Expr conjunct : conjuncts) {
                if (key == null
                        && conjunct instanceof Expr.Quantified q
                        && q.left() instanceof Expr.ColumnRef ref
                        && ref.name().equals("customer")
                        && q.array() instanceof Expr.Parameter) {
                    key = q;
                } else {
                    residual.add(conjunct);
                }
            }
            Expr.Quantified fetchedBy = key;
            return new ScanPlan() {
                @Override
                public List<Expr> residual() {
                    return residual;
                }

                @Override
                public RowIterator open(ExecutionContext context, long limit) {
                    if (fetchedBy != null) {
                        List<?> keys = (List<?>) context.parameter(((Expr.Parameter) fetchedBy.array()).index());
                        List<Object[]> matching = new ArrayList<>();
                        for (Object k : keys) {
                            requests.add("customer=" + k);
                            for (Object[] row : rows) {
                                if (k.equals(row[1])) {
                                    matching.add(row);
                                }
                            }
                        }
                        return RowIterator.of(matching);
                    }
                    return openPaged(context, pages -> true);
                }

                @Override
                public RowIterator openPaged(ExecutionContext context, PageGate gate) {
                    return new RowIterator() {
                        private int position;
                        private int pages;

                        @Override
                        public boolean next() {
                            if (position >= rows.size()) {
                                return false;
                            }
                            if (position % 10 == 0) {
                                if (pages > 0 && !gate.mayRead(pages)) {
                                    return false;
                                }
                                pages++;
                                requests.add("page " + pages);
                            }
                            position++;
                            return true;
                        }

                        @Override
                        public Object[] current() {
                            return rows.get(position - 1);
                        }

                        @Override
                        public void close() {}
                    };
                }

                @Override
                public List<String> explain(ExecutionContext context) {
                    return List.of(fetchedBy == null ? "pages of 10" : "customer = ANY(keys)");
                }
            };
        }
    }

    private PagedSource charges;
    private Engine engine;

    private void tables(int customerCount, List<Object[]> chargeRows) {
        charges = new PagedSource(chargeRows);
        engine = new Engine()
                .add("customers", InMemoryTableSource.of("customers", CUSTOMER_COLUMNS, customers(customerCount)))
                .add("charges", charges);
    }

    /** Charges {@code ch001..}: one per customer in turn (c01, c02, ... cNN, c01...), amount 10 × i. */
    private static List<Object[]> chargesCycling(int count, int customers) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String customer = String.format("c%02d", (i - 1) % customers + 1);
            rows.add(new Object[] {String.format("ch%03d", i), customer, 10L * i, i % 5 == 0 ? "failed" : "paid"});
        }
        return rows;
    }

    private static Query parse(String sql) {
        return ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
    }

    private List<String> rows(String sql) {
        return engine.rows(parse(sql));
    }

    private String explain(String sql) {
        return String.join("\n", engine.compiler().compile(parse(sql)).explain(Engine.context()));
    }

    @Test
    void existsOverManyKeysReadsTheTableOnce() {
        tables(30, chargesCycling(200, 20)); // 20 pages; customers c21..c30 have none
        List<String> found = rows("select count(*) from customers c where exists "
                + "(select 1 from charges ch where ch.customer = c.id and ch.status = 'failed')");
        assertEquals(List.of("count=4"), found); // failed: i % 5 == 0, customers 5, 10, 15, 20
        assertEquals(20, charges.requests.size(), charges.requests.toString());
        assertTrue(charges.requests.stream().allMatch(r -> r.startsWith("page ")));
        String plan = explain("select id from customers c where exists "
                + "(select 1 from charges ch where ch.customer = c.id and ch.status = 'failed')");
        assertTrue(plan.contains("Semi Join: EXISTS"), plan);
        assertTrue(plan.contains("keys: (ch.customer = c.id)"), plan);
        assertTrue(plan.contains("looked up per distinct key (ch.customer = ANY(keys of c.id))"), plan);
        assertTrue(plan.contains("pages of 10") && plan.contains("customer = ANY(keys)"), plan);
    }

    @Test
    void aFewKeysAreLookedUp() {
        tables(3, chargesCycling(200, 20));
        assertEquals(
                List.of("id=c01", "id=c02", "id=c03"),
                rows("select id from customers c where exists (select 1 from charges ch where ch.customer = c.id)"));
        assertEquals(List.of("customer=c01", "customer=c02", "customer=c03"), charges.requests);
    }

    @Test
    void notExistsKeepsTheRowsWithoutMatchIncludingANullKey() {
        tables(25, chargesCycling(200, 20));
        List<String> without =
                rows("select id from customers c where not exists (select 1 from charges ch where ch.customer = c.id)");
        assertEquals(List.of("id=c21", "id=c22", "id=c23", "id=c24", "id=c25", "id=null"), without);
        // Every page decides keys until c01..c20 are all found (page 2); c21..c25 are only proven absent at the end.
        assertEquals(20, charges.requests.size(), charges.requests.toString());
    }

    @Test
    void aScanThatDoesNotPayOffGivesWayToLookups() {
        // 300 charges of customers other than the 15 asked: no page decides a key; after 15 pages (as many as keys)
        // the 15 keys are looked up.
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            rows.add(new Object[] {"ch" + i, "other" + i, 1L, "paid"});
        }
        rows.add(new Object[] {"last", "c07", 1L, "paid"});
        tables(15, rows);
        assertEquals(
                List.of("id=c07"),
                rows("select id from customers c where exists (select 1 from charges ch where ch.customer = c.id)"));
        assertEquals(15 + 15, charges.requests.size(), charges.requests.toString());
        assertEquals("page 15", charges.requests.get(14));
        assertEquals("customer=c01", charges.requests.get(15));
    }

    @Test
    void inWithACorrelatedConditionIsASemiJoinOnBothKeys() {
        tables(20, chargesCycling(200, 20));
        // Failed: charges 5, 10, ... of customers 5, 10, 15, 20; those under 1,000 are the first round.
        assertEquals(
                List.of("id=c05", "id=c10", "id=c15", "id=c20"),
                rows("select id from customers c where 'failed' in "
                        + "(select ch.status from charges ch where ch.customer = c.id and ch.amount < 1000)"
                        + " order by id"));
    }

    @Test
    void notInFollowsPostgresNulls() {
        List<Object[]> rows = new ArrayList<>(chargesCycling(30, 3));
        tables(5, rows);
        // c04, c05 have no charge; the customer without id is NULL NOT IN (...): NULL, so not kept.
        assertEquals(
                List.of("id=c04", "id=c05"),
                rows("select id from customers where id not in (select customer from charges)"));
        // A NULL among the values: no row is ever kept.
        rows.add(new Object[] {"chx", null, 1L, "paid"});
        tables(5, rows);
        assertEquals(List.of(), rows("select id from customers where id not in (select customer from charges)"));
        // No value at all: every row, the NULL id too.
        assertEquals(
                6,
                rows("select id from customers where id not in (select customer from charges where false)")
                        .size());
        // Correlated: each customer against its own charges' statuses only.
        tables(5, chargesCycling(30, 3));
        assertEquals(
                List.of("id=c01", "id=c02", "id=c03", "id=c04", "id=c05", "id=null"),
                rows("select id from customers c where 'refunded' not in "
                        + "(select status from charges ch where ch.customer = c.id)"));
        // Charges 5, 10, ... 30 failed: two of each of c01..c03.
        assertEquals(
                List.of("id=c04", "id=c05", "id=null"),
                rows("select id from customers c where 'failed' not in "
                        + "(select status from charges ch where ch.customer = c.id)"));
    }

    @Test
    void aConditionOnBothRowsIsAFilterReadOnce() {
        tables(10, chargesCycling(100, 10));
        // Customer n has charges of 10n, 10n + 100, ... 10n + 900, and a cap of 100n.
        assertEquals(
                List.of("id=c01", "id=c02", "id=c03", "id=c04", "id=c05", "id=c06", "id=c07", "id=c08", "id=c09"),
                rows("select id from customers c where exists "
                        + "(select 1 from charges ch where ch.customer = c.id and ch.amount > c.cap) order by id"));
        assertEquals(10, charges.requests.size()); // the 10 pages, once, not once per customer
        // No key at all: the table is still read once; the customer without id has a cap of 0.
        assertEquals(
                List.of("id=null"),
                rows("select id from customers c where exists (select 1 from charges ch"
                        + " where ch.amount > c.cap * 100)"));
        assertEquals(20, charges.requests.size());
    }
}
