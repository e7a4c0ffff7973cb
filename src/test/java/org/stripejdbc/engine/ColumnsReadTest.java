package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;
import org.stripejdbc.types.SqlType;

/**
 * The planner tells each table source which of its columns the statement reads ({@link ColumnsRead}): every place a
 * column can be named, the whole row for {@code *}, and never fewer than the statement reads.
 */
class ColumnsReadTest {
    private static final List<ResultColumn> CHARGES = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("amount", SqlType.BIGINT),
            ResultColumn.of("customer", SqlType.TEXT),
            ResultColumn.of("invoice", SqlType.TEXT));
    private static final List<ResultColumn> INVOICES =
            List.of(ResultColumn.of("id", SqlType.TEXT), ResultColumn.of("total", SqlType.BIGINT));

    private final RecordingTableSource charges = new RecordingTableSource(CHARGES, rows(), "id");
    private final RecordingTableSource invoices = new RecordingTableSource(
            INVOICES, List.<Object[]>of(new Object[] {"in_1", 500L}, new Object[] {"in_2", 700L}), "id");
    private final Engine engine = new Engine().add("stripe.charges", charges).add("stripe.invoices", invoices);

    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"ch_1", 100L, "cus_a", "in_1"});
        rows.add(new Object[] {"ch_2", 200L, "cus_b", "in_2"});
        rows.add(new Object[] {"ch_3", 300L, "cus_a", null});
        return rows;
    }

    private static Query parse(String sql) {
        Statement statement = SqlFrontEnd.parse(sql).statement();
        return ((Statement.QueryStatement) statement).query();
    }

    /** The columns read that the charges source was told, for each of its scans, after running {@code sql}. */
    private List<String> chargesRead(String sql) {
        charges.read.clear();
        engine.rows(parse(sql));
        return charges.read.stream().map(ColumnsRead::toString).distinct().toList();
    }

    @Test
    void theSelectListAndTheWhereClause() {
        assertEquals(List.of("[amount, id]"), chargesRead("select id from stripe.charges where amount > 100"));
        assertEquals(List.of("[id, invoice]"), chargesRead("select id, invoice from stripe.charges where id = 'ch_1'"));
    }

    @Test
    void aColumnNamedOnlyInOneClauseIsRead() {
        assertTrue(chargesRead("select count(*) from stripe.charges group by invoice")
                .get(0)
                .contains("invoice"));
        charges.read.clear();
        assertTrue(chargesRead("select id from stripe.charges order by invoice")
                .get(0)
                .contains("invoice"));
        charges.read.clear();
        assertTrue(chargesRead("select id from stripe.charges group by id having max(invoice) is null")
                .get(0)
                .contains("invoice"));
        charges.read.clear();
        assertTrue(chargesRead("select row_number() over (partition by invoice order by id) from stripe.charges")
                .get(0)
                .contains("invoice"));
        charges.read.clear();
        assertEquals(List.of("[customer, id]"), chargesRead("select c.id from stripe.charges c order by c.customer"));
    }

    @Test
    void aJoinConditionReadsItsColumnOfEachSide() {
        List<String> result = engine.rows(parse("select c.id, i.total from stripe.charges c"
                + " join stripe.invoices i on i.id = c.invoice order by c.id"));
        assertEquals(List.of("id=ch_1; total=500", "id=ch_2; total=700"), result);
        assertEquals(
                List.of("[id, invoice]"),
                charges.read.stream().map(ColumnsRead::toString).distinct().toList());
        // A qualified reference counts for its own table only.
        assertEquals(
                List.of("[id, total]"),
                invoices.read.stream().map(ColumnsRead::toString).distinct().toList());
    }

    @Test
    void aCorrelatedSubqueryReadsTheOuterColumn() {
        engine.rows(parse("select i.id, (select count(*) from stripe.charges c where c.invoice = i.id) from"
                + " stripe.invoices i"));
        assertFalse(charges.read.isEmpty());
        assertTrue(charges.read.stream().allMatch(read -> read.reads("invoice") && !read.reads("amount")));
        engine.rows(parse("select id from stripe.invoices i where exists (select 1 from stripe.charges c"
                + " where c.invoice = i.id and c.amount > 150)"));
        assertTrue(charges.read.stream().allMatch(read -> read.reads("invoice")), charges.read.toString());
    }

    @Test
    void theWholeRowIsEveryColumn() {
        assertEquals(List.of("all"), chargesRead("select * from stripe.charges"));
        charges.read.clear();
        assertEquals(List.of("all"), chargesRead("select c.* from stripe.charges c join stripe.invoices i on true"));
        assertEquals(
                List.of("[]"),
                invoices.read.stream().map(ColumnsRead::toString).distinct().toList());
        charges.read.clear();
        assertEquals(List.of("all"), chargesRead("select row_to_json(c) from stripe.charges c"));
        charges.read.clear();
        assertEquals(List.of("all"), chargesRead("select n from (select * from stripe.charges) s(n)"));
    }

    @Test
    void usingReadsItsColumnsAndANaturalJoinReadsEveryColumn() {
        assertEquals(
                List.of("[amount, id]"),
                chargesRead("select amount from stripe.charges c join stripe.invoices i using (id)"));
        assertEquals(List.of("all"), chargesRead("select 1 from stripe.charges natural join stripe.invoices"));
    }

    @Test
    void aColumnReadThroughAWithQueryOrADerivedTable() {
        assertTrue(chargesRead("with x as (select id, invoice from stripe.charges) select id from x")
                .get(0)
                .contains("invoice"));
        charges.read.clear();
        assertEquals(
                List.of("[id, inv, invoice]"),
                chargesRead("select inv from (select id, invoice as inv from stripe.charges) s"));
    }
}
