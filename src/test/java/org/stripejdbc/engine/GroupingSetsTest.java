package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;

/**
 * GROUPING SETS, ROLLUP and CUBE in the engine: the rows of each set, grouping() per set, a () set over no rows, and
 * the same answer when the groups outgrow memory and the aggregate spills (rows spilled for one set only).
 */
class GroupingSetsTest {
    private final Engine engine = Engine.standard();

    private static Query query(String sql) {
        return ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
    }

    private List<String> rows(String sql) {
        return engine.rows(query(sql));
    }

    @Test
    void rollupCubeAndGroupingSetsGiveTheRowsOfEachSet() {
        assertEquals(
                List.of(
                        "currency=eur; status=failed; n=1; g=0",
                        "currency=eur; status=succeeded; n=1; g=0",
                        "currency=usd; status=succeeded; n=3; g=0",
                        "currency=eur; status=null; n=2; g=1",
                        "currency=usd; status=null; n=3; g=1",
                        "currency=null; status=null; n=5; g=3"),
                rows("select currency, status, count(*) as n, grouping(currency, status) as g from stripe.charges"
                        + " group by rollup (currency, status) order by g, currency, status"));
        assertEquals(
                List.of("status=failed; n=1", "status=succeeded; n=4", "status=null; n=5"),
                rows("select status, count(*) as n from stripe.charges group by cube (status) order by status"));
        assertEquals(
                List.of("currency=eur; n=2", "currency=eur; n=2", "currency=usd; n=3", "currency=usd; n=3"),
                rows("select currency, count(*) as n from stripe.charges group by grouping sets (currency, currency)"
                        + " order by currency"));
    }

    @Test
    void anEmptySetHasItsRowOverNoRows() {
        assertEquals(
                List.of("currency=null; n=0"),
                rows("select currency, count(*) as n from stripe.charges where false group by rollup (currency)"));
        assertEquals(List.of("one=1"), rows("select 1 as one from stripe.charges where false group by ()"));
        assertEquals(List.of(), rows("select currency from stripe.charges where false group by currency"));
    }

    @Test
    void groupingNeedsGroupingKeys() {
        assertFails("42803", () -> rows("select grouping(status) from stripe.charges group by rollup (currency)"));
        assertFails("42803", () -> rows("select grouping(status) from stripe.charges"));
        assertFails("42803", () -> rows("select currency from stripe.charges where grouping(currency) = 0"));
    }

    @Test
    @Tag("slow")
    void groupsPastTheMemoryBoundSpillPerSetAndGiveTheSameRows() {
        // 150,000 groups of (k) and one of (): past the 100,000 held in memory, rows spill tagged with their set.
        List<String> result = rows("select count(*) as groups, sum(n) as total, max(n) as widest,"
                + " sum(case when g = 1 then n end) as grand, count(*) filter (where n = 2) as pairs"
                + " from (select s % 150000 as k, count(*) as n, grouping(s % 150000) as g"
                + " from generate_series(1, 300000) s group by rollup (s % 150000)) r");
        assertEquals(List.of("groups=150001; total=600000; widest=300000; grand=300000; pairs=150000"), result);
        List<String> plain = new ArrayList<>(rows("select count(*) as groups from (select s % 150000 as k"
                + " from generate_series(1, 300000) s group by 1) r"));
        assertEquals(List.of("groups=150000"), plain);
    }
}
