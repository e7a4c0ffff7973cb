package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.types.SqlType;

/**
 * The pushdown contract with a table source: which conjuncts are offered, when a LIMIT reaches
 * {@link ScanPlan#open}, and that no more rows are pulled than the query needs.
 */
class PushdownTest {
    private static final List<ResultColumn> COLUMNS = List.of(
            ResultColumn.of("id", SqlType.TEXT),
            ResultColumn.of("status", SqlType.TEXT),
            ResultColumn.of("amount", SqlType.BIGINT),
            ResultColumn.of("customer", SqlType.TEXT));

    private static List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(new Object[] {"ch_" + i, i % 2 == 0 ? "paid" : "open", (long) i * 100, "cus_" + (i % 3)});
        }
        return rows;
    }

    private final RecordingTableSource charges = new RecordingTableSource(COLUMNS, rows(100), "status", "customer");
    private final Engine engine = new Engine().add("stripe.charges", charges);

    @Test
    void limitIsPushedWhenEveryConjunctIsHandled() {
        List<String> result = engine.rows(select(col("id"))
                .from("stripe.charges")
                .where(eq(col("status"), text("paid")))
                .limit(3)
                .build());
        assertEquals(List.of("id=ch_2", "id=ch_4", "id=ch_6"), result);
        assertEquals(List.of(List.of(eq(col("charges.status"), text("paid")))), charges.offered);
        assertEquals(List.of(3L), charges.openedWithLimit);
        assertEquals(6, charges.rowsPulled);
    }

    @Test
    void offsetIsAddedToThePushedLimit() {
        List<String> result = engine.rows(
                select(col("id")).from("stripe.charges").limit(2).offset(3).build());
        assertEquals(List.of("id=ch_4", "id=ch_5"), result);
        assertEquals(List.of(5L), charges.openedWithLimit);
    }

    @Test
    void maxRowsCapsThePushedLimit() {
        List<String> result =
                engine.rows(select(col("id")).from("stripe.charges").limit(10).build(), Engine.contextWithMaxRows(2));
        assertEquals(List.of("id=ch_1", "id=ch_2"), result);
        assertEquals(List.of(2L), charges.openedWithLimit);
    }

    @Test
    void maxRowsAloneIsPushedAtTopLevel() {
        engine.rows(select(col("id")).from("stripe.charges").build(), Engine.contextWithMaxRows(4));
        assertEquals(List.of(4L), charges.openedWithLimit);
        assertEquals(4, charges.rowsPulled);
    }

    @Test
    void limitParameterIsPushed() {
        List<String> result = engine.rows(
                select(col("id")).from("stripe.charges").limit(param(1)).build(), 2);
        assertEquals(List.of("id=ch_1", "id=ch_2"), result);
        assertEquals(List.of(2L), charges.openedWithLimit);
    }

    @Test
    void residualConditionKeepsTheLimitLocalButStaysLazy() {
        List<String> result = engine.rows(select(col("id"))
                .from("stripe.charges")
                .where(gt(col("amount"), number(1000)))
                .limit(2)
                .build());
        assertEquals(List.of("id=ch_11", "id=ch_12"), result);
        assertEquals(List.of(-1L), charges.openedWithLimit);
        assertEquals(12, charges.rowsPulled);
    }

    @Test
    void orderByKeepsTheLimitLocal() {
        List<String> result = engine.rows(select(col("id"))
                .from("stripe.charges")
                .orderBy(desc(col("amount")))
                .limit(1)
                .build());
        assertEquals(List.of("id=ch_100"), result);
        assertEquals(List.of(-1L), charges.openedWithLimit);
        assertEquals(100, charges.rowsPulled);
    }

    @Test
    void aggregatesAndDistinctKeepTheLimitLocal() {
        engine.rows(select(countStar()).from("stripe.charges").limit(1).build());
        engine.rows(
                select(col("status")).distinct().from("stripe.charges").limit(1).build());
        engine.rows(select(col("status"), countStar())
                .from("stripe.charges")
                .groupBy(col("status"))
                .limit(1)
                .build());
        assertEquals(List.of(-1L, -1L, -1L), charges.openedWithLimit);
    }

    @Test
    void distinctStopsPullingOnceEnoughRowsAreFound() {
        List<String> result = engine.rows(
                select(col("status")).distinct().from("stripe.charges").limit(2).build());
        assertEquals(List.of("status=open", "status=paid"), result);
        assertEquals(2, charges.rowsPulled);
    }

    @Test
    void limitZeroNeverOpensTheScan() {
        assertEquals(
                List.of(),
                engine.rows(select(col("id")).from("stripe.charges").limit(0).build()));
        assertEquals(
                List.of(),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .where(gt(col("amount"), number(0)))
                        .orderBy(col("id"))
                        .limit(0)
                        .build()));
        assertEquals(List.of(), charges.openedWithLimit);
    }

    @Test
    void noLimitMeansUnbounded() {
        engine.rows(select(col("id")).from("stripe.charges").build());
        assertEquals(List.of(-1L), charges.openedWithLimit);
        assertEquals(100, charges.rowsPulled);
    }

    @Test
    void aStreamingConsumerPullsOnlyWhatItReads() {
        CompiledQuery query = engine.compiler()
                .compile(select(col("id"))
                        .from("stripe.charges")
                        .where(gt(col("amount"), number(500)))
                        .build());
        try (RowIterator rows = query.execute(Engine.context())) {
            for (int i = 0; i < 3; i++) {
                assertTrue(rows.next());
            }
        }
        assertEquals(8, charges.rowsPulled);
    }

    @Test
    void everyConjunctOfTheTableIsOfferedButNotSubqueriesOrConstants() {
        Expr subquery = exists(select(number(1)).build());
        engine.rows(
                select(col("id"))
                        .from(table("stripe.charges", "c"))
                        .where(and(
                                eq(col("c.status"), text("paid")),
                                or(gt(col("amount"), number(5)), isNull(col("customer"))),
                                subquery,
                                eq(param(1), text("x"))))
                        .build(),
                "x");
        assertEquals(
                List.of(List.of(
                        eq(col("c.status"), text("paid")),
                        or(gt(col("c.amount"), number(5)), isNull(col("c.customer"))))),
                charges.offered);
    }

    @Test
    void aFalseConstantConditionNeverOpensTheScan() {
        assertEquals(
                List.of(),
                engine.rows(
                        select(col("id"))
                                .from("stripe.charges")
                                .where(eq(param(1), text("x")))
                                .limit(5)
                                .build(),
                        "y"));
        assertEquals(List.of(), charges.openedWithLimit);
        engine.rows(
                select(col("id"))
                        .from("stripe.charges")
                        .where(eq(param(1), text("x")))
                        .limit(5)
                        .build(),
                "x");
        assertEquals(List.of(5L), charges.openedWithLimit);
    }

    @Test
    void parametersReachTheSource() {
        List<String> result = engine.rows(
                select(col("id"))
                        .from("stripe.charges")
                        .where(eq(col("customer"), param(1)))
                        .limit(2)
                        .build(),
                "cus_2");
        assertEquals(List.of("id=ch_2", "id=ch_5"), result);
        assertEquals(List.of(List.of("cus_2")), charges.parametersSeen);
        assertEquals(List.of(2L), charges.openedWithLimit);
    }

    @Test
    void joinsOfferEachSideItsOwnConjunctsAndNeverTheLimit() {
        RecordingTableSource customers = new RecordingTableSource(
                List.of(ResultColumn.of("id", SqlType.TEXT), ResultColumn.of("email", SqlType.TEXT)),
                List.of(new Object[] {"cus_1", "a@x"}, new Object[] {"cus_2", "b@x"}),
                "email");
        engine.add("stripe.customers", customers);
        List<String> result = engine.rows(select(col("c.email"), col("ch.id"))
                .from(join(
                        table("stripe.customers", "c"),
                        table("stripe.charges", "ch"),
                        FromItem.JoinType.INNER,
                        eq(col("ch.customer"), col("c.id"))))
                .where(and(eq(col("c.email"), text("b@x")), eq(col("ch.status"), text("paid"))))
                .limit(2)
                .build());
        assertEquals(List.of("email=b@x; id=ch_2", "email=b@x; id=ch_8"), result);
        // (Each side was also offered its key = ANY(keys), which this source cannot push: the join hashes.)
        assertEquals(List.of(eq(col("c.email"), text("b@x"))), customers.offered.get(0));
        assertEquals(List.of(eq(col("ch.status"), text("paid"))), charges.offered.get(0));
        assertEquals(List.of(-1L), customers.openedWithLimit);
        assertEquals(List.of(-1L), charges.openedWithLimit);
    }

    @Test
    void leftJoinDoesNotPushWhereConditionsIntoTheNullableSide() {
        RecordingTableSource customers = new RecordingTableSource(
                List.of(ResultColumn.of("id", SqlType.TEXT)), List.of(new Object[] {"cus_1"}, new Object[] {"cus_7"}));
        engine.add("stripe.customers", customers);
        List<String> result = engine.rows(select(col("c.id"), col("ch.id"))
                .from(join(
                        table("stripe.customers", "c"),
                        table("stripe.charges", "ch"),
                        FromItem.JoinType.LEFT,
                        and(eq(col("ch.customer"), col("c.id")), eq(col("ch.status"), text("paid")))))
                .where(isNull(col("ch.id")))
                .build());
        assertEquals(List.of("id=cus_7; id=null"), result);
        // the ON condition on the nullable side is pushed; the WHERE condition on it is not
        assertEquals(List.of(eq(col("ch.status"), text("paid"))), charges.offered.get(0));
    }

    @Test
    void correlatedReferencesBecomeParametersOfTheInnerScan() {
        RecordingTableSource customers = new RecordingTableSource(
                List.of(ResultColumn.of("id", SqlType.TEXT)),
                List.of(new Object[] {"cus_1"}, new Object[] {"cus_2"}, new Object[] {"cus_7"}));
        engine.add("stripe.customers", customers);
        // EXISTS as a value (not a WHERE condition, which becomes a semi join) runs per row.
        List<String> result = engine.rows(select(
                        col("c.id"),
                        exists(select(number(1))
                                .from(table("stripe.charges", "ch"))
                                .where(eq(col("ch.customer"), col("c.id")))
                                .build()))
                .from(table("stripe.customers", "c"))
                .build());
        assertEquals(List.of("id=cus_1; exists=t", "id=cus_2; exists=t", "id=cus_7; exists=f"), result);
        assertEquals(List.of(eq(col("ch.customer"), param(1))), charges.offered.get(0));
        // The key is a column of the enclosing row: the charges were read once ahead (offered without the
        // correlated condition) instead of once per customer.
        assertTrue(charges.offered.contains(List.of()), charges.offered.toString());
        assertEquals(1, charges.parametersSeen.size());
        // A key computed from the enclosing row is a parameter of a scan per row.
        charges.offered.clear();
        charges.parametersSeen.clear();
        engine.rows(select(
                        col("c.id"),
                        exists(select(number(1))
                                .from(table("stripe.charges", "ch"))
                                .where(eq(col("ch.customer"), fn("lower", col("c.id"))))
                                .build()))
                .from(table("stripe.customers", "c"))
                .build());
        assertEquals(List.of(List.of(eq(col("ch.customer"), fn("lower", param(1))))), charges.offered);
        assertEquals(List.of(List.of("cus_1"), List.of("cus_2"), List.of("cus_7")), charges.parametersSeen);
    }

    @Test
    void aCorrelatedExistsInWhereReadsTheInnerTableOnce() {
        RecordingTableSource customers = new RecordingTableSource(
                List.of(ResultColumn.of("id", SqlType.TEXT)),
                List.of(new Object[] {"cus_1"}, new Object[] {"cus_2"}, new Object[] {"cus_7"}));
        engine.add("stripe.customers", customers);
        List<String> result = engine.rows(select(col("c.id"))
                .from(table("stripe.customers", "c"))
                .where(exists(select(number(1))
                        .from(table("stripe.charges", "ch"))
                        .where(eq(col("ch.customer"), col("c.id")))
                        .build()))
                .build());
        assertEquals(List.of("id=cus_1", "id=cus_2"), result);
        // A semi join: the charges planned without the correlated condition (this source cannot be fetched by
        // customer = ANY(keys), which it was offered too), and read once.
        assertEquals(List.of(), charges.offered.get(0));
        assertEquals(1, charges.parametersSeen.size());
    }

    @Test
    void explainShowsTheScanPlan() {
        List<String> lines = engine.compiler()
                .compile(select(col("id"))
                        .from("stripe.charges")
                        .where(and(eq(col("status"), text("paid")), gt(col("amount"), number(5))))
                        .limit(3)
                        .build())
                .explain(Engine.context());
        assertEquals(
                List.of(
                        "Limit: 3",
                        "  ->  Project: id",
                        "        ->  Scan: stripe.charges",
                        "              GET /v1/fake pushed=1",
                        "              Local filter: (charges.amount > 5)"),
                lines);
    }
}
