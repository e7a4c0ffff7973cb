package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/** Subqueries (IN, EXISTS, scalar, correlated), derived tables, WITH, set operations and VALUES. */
class SubqueryTest {
    private final Engine engine = Engine.standard();

    private static Query customersOfCharges() {
        return select(col("customer")).from("stripe.charges").build();
    }

    @Test
    void inSubquery() {
        assertEquals(
                List.of("id=cus_1", "id=cus_2"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(inQuery(col("id"), customersOfCharges()))
                        .build()));
    }

    @Test
    void notInSubqueryWithANullIsNeverTrue() {
        assertEquals(
                List.of(),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(new Expr.InSubquery(col("id"), customersOfCharges(), true))
                        .build()));
        Query nonNull = select(col("customer"))
                .from("stripe.charges")
                .where(isNotNull(col("customer")))
                .build();
        assertEquals(
                List.of("id=cus_3", "id=cus_4"),
                engine.rows(select(col("id"))
                        .from("stripe.customers")
                        .where(new Expr.InSubquery(col("id"), nonNull, true))
                        .build()));
    }

    @Test
    void quantifiedComparisonsWithSubqueries() {
        Query eur = select(col("amount"))
                .from("stripe.charges")
                .where(eq(col("currency"), text("eur")))
                .build();
        assertEquals(
                List.of("id=ch_1", "id=ch_2", "id=ch_4"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .where(new Expr.Quantified(Expr.BinaryOperator.GREATER, col("amount"), scalar(eur), false))
                        .orderBy(col("id"))
                        .build()));
        assertEquals(
                List.of("id=ch_2"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .where(new Expr.Quantified(Expr.BinaryOperator.GREATER, col("amount"), scalar(eur), true))
                        .orderBy(col("id"))
                        .build()));
    }

    @Test
    void existsAndNotExistsCorrelated() {
        Query charges = select(number(1))
                .from(table("stripe.charges", "ch"))
                .where(eq(col("ch.customer"), col("c.id")))
                .build();
        assertEquals(
                List.of("id=cus_1", "id=cus_2"),
                engine.rows(select(col("id"))
                        .from(table("stripe.customers", "c"))
                        .where(exists(charges))
                        .build()));
        assertEquals(
                List.of("id=cus_3", "id=cus_4"),
                engine.rows(select(col("id"))
                        .from(table("stripe.customers", "c"))
                        .where(new Expr.Exists(charges, true))
                        .build()));
    }

    @Test
    void correlatedScalarSubqueryInTheSelectList() {
        Query total = select(fn("sum", col("amount")))
                .from(table("stripe.charges", "ch"))
                .where(eq(col("ch.customer"), col("c.id")))
                .build();
        assertEquals(
                List.of("id=cus_1; total=3500", "id=cus_2; total=1900", "id=cus_3; total=null", "id=cus_4; total=null"),
                engine.rows(select(col("id"), as(scalar(total), "total"))
                        .from(table("stripe.customers", "c"))
                        .build()));
    }

    @Test
    void scalarSubqueryErrors() {
        assertEquals(
                "more than one row returned by a subquery used as an expression",
                assertFails(
                        "21000",
                        () -> engine.rows(select(scalar(
                                        select(col("id")).from("stripe.charges").build()))
                                .build())));
        assertEquals(
                "subquery must return only one column",
                assertFails(
                        "42601",
                        () -> engine.rows(select(scalar(select(col("id"), col("amount"))
                                        .from("stripe.charges")
                                        .build()))
                                .build())));
        assertEquals(
                List.of("max=2500"),
                engine.rows(select(scalar(select(fn("max", col("amount")))
                                .from("stripe.charges")
                                .build()))
                        .build()));
    }

    @Test
    void uncorrelatedSubqueryRunsOnce() {
        RecordingTableSource source = new RecordingTableSource(
                List.of(ResultColumn.of("v", SqlType.BIGINT)), List.of(new Object[] {1000L}, new Object[] {2000L}));
        engine.add("limits", source);
        assertEquals(
                List.of("id=ch_2", "id=ch_4"),
                engine.rows(select(col("id"))
                        .from("stripe.charges")
                        .where(gt(
                                col("amount"),
                                scalar(select(fn("min", col("v")))
                                        .from("limits")
                                        .build())))
                        .build()));
        assertEquals(1, source.openedWithLimit.size());
    }

    @Test
    void derivedTables() {
        Query inner = select(col("customer"), as(fn("sum", col("amount")), "total"))
                .from("stripe.charges")
                .groupBy(col("customer"))
                .build();
        assertEquals(
                List.of("customer=cus_1; total=3500"),
                engine.rows(select(star())
                        .from(subquery(inner, "t"))
                        .where(gt(col("t.total"), number(2000)))
                        .build()));
        Query first =
                select(col("id"), col("amount")).from("stripe.charges").limit(1).build();
        assertEquals(
                List.of("x=ch_1; y=1000"),
                engine.rows(select(star())
                        .from(new org.stripejdbc.sql.FromItem.Subquery(first, "s", List.of("x", "y"), false))
                        .build()));
    }

    @Test
    void withQueries() {
        Query big = select(col("id"), col("amount"))
                .from("stripe.charges")
                .where(gt(col("amount"), number(1000)))
                .build();
        assertEquals(
                List.of("id=ch_2; amount=2500", "id=ch_4; amount=1200"),
                engine.rows(select(star())
                        .with("big", big)
                        .from("big")
                        .orderBy(col("id"))
                        .build()));
    }

    @Test
    void withQueryReferencedTwiceIsReadOnce() {
        RecordingTableSource source = new RecordingTableSource(
                List.of(ResultColumn.of("v", SqlType.BIGINT)), List.of(new Object[] {1L}, new Object[] {2L}));
        engine.add("numbers", source);
        Query twice = select(col("a.v"), col("b.v"))
                .with("n", select(col("v")).from("numbers").build())
                .from(comma(table("n", "a"), table("n", "b")))
                .where(lt(col("a.v"), col("b.v")))
                .build();
        assertEquals(List.of("v=1; v=2"), engine.rows(twice));
        assertEquals(1, source.openedWithLimit.size());
    }

    @Test
    void unionIntersectExcept() {
        Query a = select(col("customer"))
                .from("stripe.charges")
                .where(isNotNull(col("customer")))
                .build();
        Query b = select(col("id")).from("stripe.customers").build();
        assertEquals(
                List.of("customer=cus_1", "customer=cus_2", "customer=cus_3", "customer=cus_4"),
                engine.rows(union(a, b, false)));
        assertEquals(8, engine.rows(union(a, b, true)).size());
        assertEquals(
                List.of("customer=cus_1", "customer=cus_2"),
                engine.rows(setOperation(Query.SetOperator.INTERSECT, false, a, b)));
        assertEquals(List.of("id=cus_3", "id=cus_4"), engine.rows(setOperation(Query.SetOperator.EXCEPT, false, b, a)));
        assertEquals(
                List.of("customer=cus_1", "customer=cus_2"),
                engine.rows(setOperation(Query.SetOperator.EXCEPT, true, a, b)));
        Query ordered = new Query.SetOperation(
                List.of(),
                Query.SetOperator.UNION,
                false,
                a,
                b,
                List.of(new OrderItem(col("customer"), true, null)),
                number(2),
                null);
        assertEquals(List.of("customer=cus_4", "customer=cus_3"), engine.rows(ordered));
        assertEquals(
                "each UNION query must have the same number of columns",
                assertFails(
                        "42601",
                        () -> engine.rows(union(
                                a,
                                select(col("id"), col("email"))
                                        .from("stripe.customers")
                                        .build(),
                                true))));
        assertEquals(
                "UNION types text and bigint cannot be matched",
                assertFails(
                        "42804",
                        () -> engine.rows(union(
                                a, select(col("amount")).from("stripe.charges").build(), true))));
    }

    @Test
    void unionResolvesTypes() {
        Query ints = select(number(1)).build();
        Query decimals = select(decimal("2.5")).build();
        assertEquals(List.of("?column? numeric"), engine.columns(union(ints, decimals, true)));
        assertEquals(List.of("?column?=1", "?column?=2.5"), engine.rows(union(ints, decimals, true)));
        assertEquals(
                List.of("?column? text"),
                engine.columns(
                        union(select(text("a")).build(), select(text("b")).build(), true)));
    }

    @Test
    void valuesLists() {
        Query values = new Query.Values(
                List.of(List.of(number(2), text("b")), List.of(number(1), text("a"))),
                List.of(new OrderItem(col("column1"), false, null)),
                null,
                null);
        assertEquals(List.of("column1=1; column2=a", "column1=2; column2=b"), engine.rows(values));
        assertEquals(List.of("column1 integer", "column2 text"), engine.columns(values));
        List<List<Expr>> rows = new ArrayList<>();
        rows.add(List.of(text("x"), number(10)));
        assertEquals(
                List.of("k=x; v=10"),
                engine.rows(select(star())
                        .from(new org.stripejdbc.sql.FromItem.Values(rows, "t", List.of("k", "v")))
                        .build()));
    }
}
