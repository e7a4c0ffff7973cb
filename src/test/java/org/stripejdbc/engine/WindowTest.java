package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;

/** Window functions with the default frame, partitions, ties, and windows over aggregates. */
class WindowTest {
    private final Engine engine = Engine.standard();

    private static Expr.FunctionCall call(String name, Expr... arguments) {
        return Expr.FunctionCall.of(name, arguments);
    }

    /** {@code (values ('a', 10), ('a', 20), ('a', 20), ('b', 5)) as v(g, x)}. */
    private static org.stripejdbc.sql.FromItem ties() {
        Query values = new Query.Values(
                List.of(
                        List.of(text("a"), number(10)),
                        List.of(text("a"), number(20)),
                        List.of(text("a"), number(20)),
                        List.of(text("b"), number(5))),
                List.of(),
                null,
                null);
        return new org.stripejdbc.sql.FromItem.Subquery(values, "v", List.of("g", "x"), false);
    }

    @Test
    void rowNumberFollowsTheWindowOrder() {
        assertEquals(
                List.of("id=ch_2; row_number=1", "id=ch_4; row_number=2", "id=ch_1; row_number=3"),
                engine.rows(select(col("id"), over(call("row_number"), List.of(), List.of(desc(col("amount")))))
                        .from("stripe.charges")
                        .orderBy(number(2))
                        .limit(3)
                        .build()));
    }

    @Test
    void rankingWithTies() {
        assertEquals(
                List.of(
                        "g=a; x=10; rank=1; dense_rank=1; row_number=1",
                        "g=a; x=20; rank=2; dense_rank=2; row_number=2",
                        "g=a; x=20; rank=2; dense_rank=2; row_number=3",
                        "g=b; x=5; rank=1; dense_rank=1; row_number=1"),
                engine.rows(select(
                                col("g"),
                                col("x"),
                                over(call("rank"), List.of(col("g")), List.of(asc(col("x")))),
                                over(call("dense_rank"), List.of(col("g")), List.of(asc(col("x")))),
                                over(call("row_number"), List.of(col("g")), List.of(asc(col("x")))))
                        .from(ties())
                        .orderBy(col("g"), col("x"))
                        .build()));
    }

    @Test
    void runningAggregatesIncludePeers() {
        assertEquals(
                List.of(
                        "g=a; x=10; sum=10; count=1",
                        "g=a; x=20; sum=50; count=3",
                        "g=a; x=20; sum=50; count=3",
                        "g=b; x=5; sum=5; count=1"),
                engine.rows(select(
                                col("g"),
                                col("x"),
                                over(call("sum", col("x")), List.of(col("g")), List.of(asc(col("x")))),
                                over(call("count", col("x")), List.of(col("g")), List.of(asc(col("x")))))
                        .from(ties())
                        .orderBy(col("g"), col("x"))
                        .build()));
    }

    @Test
    void aggregateOverTheWholePartition() {
        assertEquals(
                List.of(
                        "id=ch_3; total=1900; share=0.36842105263157894737",
                        "id=ch_4; total=1900; share=0.63157894736842105263"),
                engine.rows(select(
                                col("id"),
                                as(over(call("sum", col("amount")), List.of(col("currency")), List.of()), "total"),
                                as(
                                        div(
                                                cast(col("amount"), "numeric"),
                                                over(call("sum", col("amount")), List.of(col("currency")), List.of())),
                                        "share"))
                        .from("stripe.charges")
                        .where(eq(col("currency"), text("eur")))
                        .orderBy(col("id"))
                        .build()));
    }

    @Test
    void lagLeadFirstAndLastValue() {
        assertEquals(
                List.of(
                        "id=ch_1; lag=null; lead=2500; first_value=1000; last_value=1000",
                        "id=ch_2; lag=1000; lead=300; first_value=1000; last_value=2500",
                        "id=ch_5; lag=2500; lead=0; first_value=1000; last_value=300"),
                engine.rows(select(
                                col("id"),
                                over(call("lag", col("amount")), List.of(), List.of(asc(col("created")))),
                                over(
                                        call("lead", col("amount"), number(1), number(0)),
                                        List.of(),
                                        List.of(asc(col("created")))),
                                over(call("first_value", col("amount")), List.of(), List.of(asc(col("created")))),
                                over(call("last_value", col("amount")), List.of(), List.of(asc(col("created")))))
                        .from("stripe.charges")
                        .where(eq(col("currency"), text("usd")))
                        .orderBy(col("created"))
                        .build()));
    }

    @Test
    void windowOverAnAggregate() {
        assertEquals(
                List.of("currency=usd; sum=3800; rank=1", "currency=eur; sum=1900; rank=2"),
                engine.rows(select(
                                col("currency"),
                                fn("sum", col("amount")),
                                over(call("rank"), List.of(), List.of(desc(fn("sum", col("amount"))))))
                        .from("stripe.charges")
                        .groupBy(col("currency"))
                        .orderBy(number(3))
                        .build()));
    }

    @Test
    void ntileAndPercentRank() {
        assertEquals(
                List.of(
                        "x=5; ntile=1; percent_rank=0",
                        "x=10; ntile=1; percent_rank=0.3333333333333333",
                        "x=20; ntile=2; percent_rank=0.6666666666666666",
                        "x=20; ntile=2; percent_rank=0.6666666666666666"),
                engine.rows(select(
                                col("x"),
                                over(call("ntile", number(2)), List.of(), List.of(asc(col("x")))),
                                over(call("percent_rank"), List.of(), List.of(asc(col("x")))))
                        .from(ties())
                        .orderBy(col("x"))
                        .build()));
    }

    private static Expr framed(String name, Expr argument, String frame) {
        return new Expr.FunctionCall(
                name,
                List.of(argument),
                false,
                false,
                null,
                List.of(),
                new Expr.WindowSpec(List.of(), List.of(asc(col("id"))), frame));
    }

    @Test
    void explicitFrames() {
        assertEquals(
                List.of(
                        "id=ch_1; moving=1000; rest=5700; last=1000",
                        "id=ch_2; moving=3500; rest=4700; last=2500",
                        "id=ch_3; moving=3200; rest=2200; last=700",
                        "id=ch_4; moving=1900; rest=1500; last=1200",
                        "id=ch_5; moving=1500; rest=300; last=300"),
                engine.rows(select(
                                col("id"),
                                as(framed("sum", col("amount"), "rows between 1 preceding and current row"), "moving"),
                                as(
                                        framed(
                                                "sum",
                                                col("amount"),
                                                "rows between current row and unbounded following"),
                                        "rest"),
                                as(
                                        framed(
                                                "last_value",
                                                col("amount"),
                                                "rows between unbounded preceding and current row"),
                                        "last"))
                        .from("stripe.charges")
                        .orderBy(col("id"))
                        .build()));
        assertEquals(
                List.of("id=ch_1; s=null", "id=ch_2; s=1000"),
                engine.rows(select(
                                col("id"),
                                as(
                                        framed(
                                                "sum",
                                                col("amount"),
                                                "rows between unbounded preceding and 1 preceding"),
                                        "s"))
                        .from("stripe.charges")
                        .orderBy(col("id"))
                        .limit(2)
                        .build()));
    }

    @Test
    void windowErrors() {
        assertEquals(
                "window functions are not allowed in WHERE",
                assertFails(
                        "42000",
                        () -> engine.rows(select(col("id"))
                                .from("stripe.charges")
                                .where(gt(over(call("row_number"), List.of(), List.of()), number(1)))
                                .build())));
        assertEquals(
                "window function row_number requires an OVER clause",
                assertFails(
                        "42000",
                        () -> engine.rows(
                                select(fn("row_number")).from("stripe.charges").build())));
        assertFails(
                "0A000",
                () -> engine.rows(select(new Expr.FunctionCall(
                                "sum",
                                List.of(col("amount")),
                                false,
                                false,
                                null,
                                List.of(),
                                new Expr.WindowSpec(List.of(), List.of(), "range between 1 preceding and current row")))
                        .from("stripe.charges")
                        .build()));
    }
}
