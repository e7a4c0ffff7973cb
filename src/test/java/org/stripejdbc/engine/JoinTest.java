package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.FromItem.JoinType;

/** Joins of every type, USING/NATURAL, self-joins, and set-returning functions in FROM (LATERAL). */
class JoinTest {
    private final Engine engine = Engine.standard();

    private static FromItem customersJoinCharges(JoinType type) {
        return join(
                table("stripe.customers", "c"),
                table("stripe.charges", "ch"),
                type,
                eq(col("ch.customer"), col("c.id")));
    }

    @Test
    void innerJoin() {
        assertEquals(
                List.of("id=cus_1; id=ch_1", "id=cus_1; id=ch_2", "id=cus_2; id=ch_3", "id=cus_2; id=ch_4"),
                engine.rows(select(col("c.id"), col("ch.id"))
                        .from(customersJoinCharges(JoinType.INNER))
                        .orderBy(col("ch.id"))
                        .build()));
    }

    @Test
    void leftJoinKeepsUnmatchedLeftRows() {
        assertEquals(
                List.of("id=cus_1; n=2", "id=cus_2; n=2", "id=cus_3; n=0", "id=cus_4; n=0"),
                engine.rows(select(col("c.id"), as(fn("count", col("ch.id")), "n"))
                        .from(customersJoinCharges(JoinType.LEFT))
                        .groupBy(col("c.id"))
                        .orderBy(col("c.id"))
                        .build()));
    }

    @Test
    void rightAndFullJoins() {
        assertEquals(
                List.of("id=null; id=ch_5"),
                engine.rows(select(col("c.id"), col("ch.id"))
                        .from(customersJoinCharges(JoinType.RIGHT))
                        .where(isNull(col("c.id")))
                        .build()));
        assertEquals(
                List.of("id=cus_3; id=null", "id=cus_4; id=null", "id=null; id=ch_5"),
                engine.rows(select(col("c.id"), col("ch.id"))
                        .from(customersJoinCharges(JoinType.FULL))
                        .where(or(isNull(col("c.id")), isNull(col("ch.id"))))
                        .orderBy(col("c.id"))
                        .build()));
    }

    @Test
    void nonEquiJoinUsesANestedLoop() {
        FromItem from = join(
                table("stripe.charges", "a"),
                table("stripe.charges", "b"),
                JoinType.INNER,
                and(eq(col("a.currency"), col("b.currency")), lt(col("a.amount"), col("b.amount"))));
        assertEquals(
                List.of("id=ch_1; id=ch_2", "id=ch_3; id=ch_4", "id=ch_5; id=ch_1", "id=ch_5; id=ch_2"),
                engine.rows(select(col("a.id"), col("b.id"))
                        .from(from)
                        .orderBy(col("a.id"), col("b.id"))
                        .build()));
        FromItem cross = join(
                table("stripe.charges", "a"),
                table("stripe.charges", "b"),
                JoinType.INNER,
                lt(col("a.amount"), col("b.amount")));
        List<String> plan = engine.compiler()
                .compile(select(col("a.id")).from(cross).build())
                .explain(Engine.context());
        assertTrue(plan.get(1).contains("Nested Loop"), plan.toString());
        List<String> hashPlan = engine.compiler()
                .compile(select(col("a.id")).from(from).build())
                .explain(Engine.context());
        assertTrue(hashPlan.get(1).contains("Hash Join"), hashPlan.toString());
    }

    @Test
    void crossJoinWithWhereBecomesAnInnerJoin() {
        assertEquals(
                List.of("name=Ann; amount=1000", "name=Ann; amount=2500"),
                engine.rows(select(col("name"), col("amount"))
                        .from(comma(table("stripe.customers", "c"), table("stripe.charges", "ch")))
                        .where(and(eq(col("c.id"), col("ch.customer")), eq(col("c.name"), text("Ann"))))
                        .orderBy(col("amount"))
                        .build()));
        assertEquals(
                20,
                engine.rows(select(number(1))
                                .from(comma(table("stripe.customers"), table("stripe.charges")))
                                .build())
                        .size());
    }

    @Test
    void usingAndNaturalJoins() {
        FromItem left = subquery(
                select(as(col("id"), "customer"), col("name"))
                        .from("stripe.customers")
                        .build(),
                "c");
        assertEquals(
                List.of("customer=cus_1; name=Ann; id=ch_1", "customer=cus_1; name=Ann; id=ch_2"),
                engine.rows(select(col("customer"), col("name"), col("ch.id"))
                        .from(using(left, table("stripe.charges", "ch"), JoinType.INNER, "customer"))
                        .where(eq(col("customer"), text("cus_1")))
                        .build()));
        FromItem natural = new FromItem.Join(
                left,
                subquery(
                        select(col("customer"), col("amount"))
                                .from("stripe.charges")
                                .build(),
                        "x"),
                JoinType.INNER,
                null,
                List.of(),
                true);
        assertEquals(
                List.of("customer=cus_2; name=Bob; amount=700", "customer=cus_2; name=Bob; amount=1200"),
                engine.rows(select(star())
                        .from(natural)
                        .where(eq(col("name"), text("Bob")))
                        .build()));
        FromItem full = using(
                left,
                subquery(
                        select(col("customer"), col("amount"))
                                .from("stripe.charges")
                                .build(),
                        "x"),
                JoinType.FULL,
                "customer");
        assertEquals(
                List.of("customer=cus_3", "customer=cus_4", "customer=null"),
                engine.rows(select(col("customer"))
                        .from(full)
                        .where(or(isNull(col("amount")), isNull(col("name"))))
                        .orderBy(col("customer"))
                        .build()));
        assertEquals(
                "column \"nope\" specified in USING clause does not exist in left table",
                assertFails(
                        "42703",
                        () -> engine.rows(select(star())
                                .from(using(table("stripe.customers"), table("stripe.charges"), JoinType.INNER, "nope"))
                                .build())));
    }

    @Test
    void selfJoin() {
        assertEquals(
                List.of("a=ch_1; b=ch_2"),
                engine.rows(select(as(col("x.id"), "a"), as(col("y.id"), "b"))
                        .from(join(
                                table("stripe.charges", "x"),
                                table("stripe.charges", "y"),
                                JoinType.INNER,
                                and(eq(col("x.customer"), col("y.customer")), lt(col("x.id"), col("y.id")))))
                        .where(eq(col("x.customer"), text("cus_1")))
                        .build()));
    }

    @Test
    void threeWayJoin() {
        FromItem from = join(
                join(
                        table("stripe.invoices", "i"),
                        table("stripe.customers", "c"),
                        JoinType.INNER,
                        eq(col("c.id"), col("i.customer"))),
                table("stripe.charges", "ch"),
                JoinType.LEFT,
                and(eq(col("ch.customer"), col("c.id")), gt(col("ch.amount"), number(1000))));
        assertEquals(
                List.of("id=in_1; name=Ann; id=ch_2", "id=in_2; name=Bob; id=ch_4"),
                engine.rows(select(col("i.id"), col("c.name"), col("ch.id"))
                        .from(from)
                        .orderBy(col("i.id"))
                        .build()));
    }

    @Test
    void jsonArrayElementsLateral() {
        FromItem from = comma(
                table("stripe.invoices", "i"),
                function(
                        "line",
                        "jsonb_array_elements",
                        op(Expr.BinaryOperator.JSON_GET, arrow(col("i.attrs"), "lines"), text("data"))));
        assertEquals(
                List.of(
                        "id=in_1; line_id=il_1; amount=1000",
                        "id=in_1; line_id=il_2; amount=2500",
                        "id=in_2; line_id=il_3; amount=700"),
                engine.rows(select(
                                col("i.id"),
                                as(arrowText(col("line"), "id"), "line_id"),
                                as(cast(arrowText(col("line.value"), "amount"), "bigint"), "amount"))
                        .from(from)
                        .build()));
        assertEquals(
                List.of("price=price_a; n=2", "price=price_b; n=1"),
                engine.rows(select(as(arrowText(arrow(col("line"), "price"), "id"), "price"), as(countStar(), "n"))
                        .from(from)
                        .groupBy(number(1))
                        .orderBy(number(1))
                        .build()));
    }

    @Test
    void leftJoinLateralKeepsRowsWithoutElements() {
        FromItem from = join(
                table("stripe.invoices", "i"),
                function(
                        "line",
                        "jsonb_array_elements",
                        op(Expr.BinaryOperator.JSON_PATH, col("i.attrs"), text("{lines,data}"))),
                JoinType.LEFT,
                bool(true));
        assertEquals(
                List.of(
                        "id=in_1; ?column?=il_1",
                        "id=in_1; ?column?=il_2",
                        "id=in_2; ?column?=il_3",
                        "id=in_3; ?column?=null"),
                engine.rows(select(col("i.id"), arrowText(col("line"), "id"))
                        .from(from)
                        .build()));
    }

    @Test
    void setReturningFunctions() {
        assertEquals(
                List.of("key=a; value=1", "key=b; value=\"x\""),
                engine.rows(select(star())
                        .from(function("e", "jsonb_each", cast(text("{\"b\":\"x\",\"a\":1}"), "jsonb")))
                        .build()));
        assertEquals(
                List.of("key=b; value=x"),
                engine.rows(select(star())
                        .from(function("e", "jsonb_each_text", cast(text("{\"b\":\"x\"}"), "jsonb")))
                        .build()));
        assertEquals(
                List.of("g=1", "g=3", "g=5"),
                engine.rows(select(star())
                        .from(function("g", "generate_series", number(1), number(5), number(2)))
                        .build()));
        assertEquals(
                List.of("generate_series=2024-01-01 00:00:00", "generate_series=2024-01-02 00:00:00"),
                engine.rows(select(col("generate_series"))
                        .from(function(
                                null,
                                "generate_series",
                                cast(text("2024-01-01"), "timestamp"),
                                cast(text("2024-01-02"), "timestamp"),
                                cast(text("1 day"), "interval")))
                        .build()));
        assertEquals(
                List.of("u=a; ordinality=1", "u=b; ordinality=2"),
                engine.rows(select(star())
                        .from(new FromItem.Function(
                                Expr.FunctionCall.of("unnest", cast(text("{a,b}"), "text[]")),
                                "u",
                                List.of(),
                                false,
                                true))
                        .build()));
        assertEquals(
                "cannot extract elements from an object",
                assertFails(
                        "22023",
                        () -> engine.rows(select(star())
                                .from(function("x", "jsonb_array_elements", cast(text("{}"), "jsonb")))
                                .build())));
    }

    @Test
    void lateralSubquery() {
        FromItem lateral = new FromItem.Subquery(
                select(as(fn("sum", col("ch.amount")), "total"))
                        .from(table("stripe.charges", "ch"))
                        .where(eq(col("ch.customer"), col("c.id")))
                        .build(),
                "s",
                List.of(),
                true);
        assertEquals(
                List.of("id=cus_1; total=3500", "id=cus_2; total=1900", "id=cus_3; total=null", "id=cus_4; total=null"),
                engine.rows(select(col("c.id"), col("s.total"))
                        .from(comma(table("stripe.customers", "c"), lateral))
                        .build()));
        FromItem notLateral = new FromItem.Subquery(
                select(col("ch.id"))
                        .from(table("stripe.charges", "ch"))
                        .where(eq(col("ch.customer"), col("c.id")))
                        .build(),
                "s",
                List.of(),
                false);
        assertEquals(
                "missing FROM-clause entry for table \"c\"",
                assertFails(
                        "42P01",
                        () -> engine.rows(select(star())
                                .from(comma(table("stripe.customers", "c"), notLateral))
                                .build())));
    }

    @Test
    void generateSeriesIsLazy() {
        assertEquals(
                List.of("n=1", "n=2"),
                engine.rows(select(star())
                        .from(new FromItem.Function(
                                Expr.FunctionCall.of("generate_series", number(1), number(Long.MAX_VALUE)),
                                "s",
                                List.of("n"),
                                false,
                                false))
                        .limit(2)
                        .build()));
    }
}
