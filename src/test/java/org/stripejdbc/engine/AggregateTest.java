package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.testkit.Sql;

/** GROUP BY, HAVING and the aggregate functions, with Postgres result types and grouping errors. */
class AggregateTest {
    private final Engine engine = Engine.standard();

    private List<String> charges(Sql.SelectBuilder query) {
        return engine.rows(query.from("stripe.charges").build());
    }

    @Test
    void countsIgnoreNulls() {
        assertEquals(
                List.of("count=5; count=4; count=2"),
                charges(select(countStar(), fn("count", col("customer")), distinctCall("count", col("currency")))));
    }

    @Test
    void sumAndAverageTypes() {
        assertEquals(
                List.of("sum=5700; avg=1140.0000000000000000; min=300; max=2500"),
                charges(select(
                        fn("sum", col("amount")),
                        fn("avg", col("amount")),
                        fn("min", col("amount")),
                        fn("max", col("amount")))));
        assertEquals(
                List.of("sum numeric", "avg numeric", "min bigint"),
                engine.columns(select(fn("sum", col("amount")), fn("avg", col("amount")), fn("min", col("amount")))
                        .from("stripe.charges")
                        .build()));
        Query values = new Query.Values(List.of(List.of(number(1)), List.of(number(2))), List.of(), null, null);
        assertEquals(
                List.of("sum=3; avg=1.5000000000000000"),
                engine.rows(select(fn("sum", col("column1")), fn("avg", col("column1")))
                        .from(subquery(values, "v"))
                        .build()));
        assertEquals(
                List.of("sum bigint", "avg numeric"),
                engine.columns(select(fn("sum", col("column1")), fn("avg", col("column1")))
                        .from(subquery(values, "v"))
                        .build()));
    }

    @Test
    void groupByWithOrderAndHaving() {
        assertEquals(
                List.of("currency=eur; count=2; sum=1900", "currency=usd; count=3; sum=3800"),
                charges(select(col("currency"), countStar(), fn("sum", col("amount")))
                        .groupBy(col("currency"))
                        .orderBy(col("currency"))));
        assertEquals(
                List.of("currency=usd; n=3"),
                charges(select(col("currency"), as(countStar(), "n"))
                        .groupBy(number(1))
                        .having(gt(countStar(), number(2)))));
        assertEquals(
                List.of("c=usd; total=3800", "c=eur; total=1900"),
                charges(select(as(col("currency"), "c"), as(fn("sum", col("amount")), "total"))
                        .groupBy(col("c"))
                        .orderBy(desc(fn("sum", col("amount"))))));
    }

    @Test
    void groupByExpressions() {
        assertEquals(
                List.of("upper=EUR; count=2", "upper=USD; count=3"),
                charges(select(fn("upper", col("currency")), countStar())
                        .groupBy(fn("upper", col("currency")))
                        .orderBy(number(1))));
        assertEquals(
                List.of("y=2023; count=4", "y=2024; count=1"),
                charges(select(as(new org.stripejdbc.sql.Expr.Extract("year", col("created")), "y"), countStar())
                        .groupBy(col("y"))
                        .orderBy(col("y"))));
        assertEquals(
                "column \"charges.currency\" must appear in the GROUP BY clause or be used in an aggregate function",
                assertFails(
                        "42803",
                        () -> charges(select(col("currency"), countStar()).groupBy(fn("upper", col("currency"))))));
    }

    @Test
    void nullKeysFormOneGroup() {
        assertEquals(
                List.of("customer=cus_1; count=2", "customer=cus_2; count=2", "customer=null; count=1"),
                charges(select(col("customer"), countStar())
                        .groupBy(col("customer"))
                        .orderBy(col("customer"))));
    }

    @Test
    void aggregatesOverNoRows() {
        assertEquals(
                List.of("count=0; sum=null; max=null; string_agg=null"),
                charges(select(
                                countStar(),
                                fn("sum", col("amount")),
                                fn("max", col("id")),
                                fn("string_agg", col("id"), text(",")))
                        .where(bool(false))));
        assertEquals(
                List.of(),
                charges(select(col("currency"), countStar())
                        .where(gt(col("amount"), number(99999)))
                        .groupBy(col("currency"))));
    }

    @Test
    void booleanAndCollectionAggregates() {
        assertEquals(
                List.of("currency=eur; bool_and=f; bool_or=t", "currency=usd; bool_and=f; bool_or=t"),
                charges(select(
                                col("currency"),
                                fn("bool_and", gt(col("amount"), number(800))),
                                fn("bool_or", gt(col("amount"), number(800))))
                        .groupBy(col("currency"))
                        .orderBy(col("currency"))));
        assertEquals(
                List.of("string_agg=ch_5,ch_2,ch_1; array_agg={300,1000,2500}"),
                charges(select(
                                orderedCall("string_agg", List.of(desc(col("id"))), col("id"), text(",")),
                                orderedCall("array_agg", List.of(asc(col("amount"))), col("amount")))
                        .where(eq(col("currency"), text("usd")))));
        assertEquals(
                List.of("jsonb_agg=[\"ch_3\", \"ch_4\"]; jsonb_object_agg={\"ch_3\": 700, \"ch_4\": 1200}"),
                charges(select(fn("jsonb_agg", col("id")), fn("jsonb_object_agg", col("id"), col("amount")))
                        .where(eq(col("currency"), text("eur")))));
        assertEquals(
                List.of("array_agg={cus_1,cus_2,NULL}"), charges(select(distinctCall("array_agg", col("customer")))));
    }

    @Test
    void filterClause() {
        assertEquals(
                List.of("failed=1; usd=3800"),
                charges(select(
                        as(filtered("count", eq(col("status"), text("failed")), col("id")), "failed"),
                        as(filtered("sum", eq(col("currency"), text("usd")), col("amount")), "usd"))));
    }

    @Test
    void aggregateErrors() {
        assertEquals(
                "aggregate function calls cannot be nested",
                assertFails("42803", () -> charges(select(fn("sum", fn("count", col("id")))))));
        assertEquals(
                "function sum(text) does not exist", assertFails("42883", () -> charges(select(fn("sum", col("id"))))));
        assertEquals(
                "column \"charges.id\" must appear in the GROUP BY clause or be used in an aggregate function",
                assertFails("42803", () -> charges(select(col("id"), countStar()))));
        assertEquals(
                "function string_agg(bigint, unknown) does not exist",
                assertFails("42883", () -> charges(select(fn("string_agg", col("amount"), text(","))))));
        assertEquals(
                "aggregate functions are not allowed in GROUP BY",
                assertFails("42803", () -> charges(select(countStar()).groupBy(countStar()))));
    }

    @Test
    void groupedColumnsOfAJoin() {
        assertEquals(
                List.of("name=Ann; total=3500", "name=Bob; total=1900"),
                engine.rows(select(col("c.name"), as(fn("sum", col("ch.amount")), "total"))
                        .from(join(
                                table("stripe.customers", "c"),
                                table("stripe.charges", "ch"),
                                FromItem.JoinType.INNER,
                                eq(col("ch.customer"), col("c.id"))))
                        .groupBy(col("c.name"))
                        .orderBy(col("c.name"))
                        .build()));
    }

    @Test
    void selectStarWithGroupByOfEveryColumn() {
        assertEquals(
                List.of("currency=eur", "currency=usd"),
                engine.rows(select(star())
                        .from(subquery(
                                select(col("currency")).from("stripe.charges").build(), "s"))
                        .groupBy(col("currency"))
                        .orderBy(col("currency"))
                        .build()));
    }

    @Test
    void statisticsFollowPostgresTypesAndScales() {
        assertEquals(
                List.of("var_samp=693000.000000000000; var_pop=554400.000000000000; stddev=832.466215530696"),
                charges(select(
                        fn("var_samp", col("amount")), fn("var_pop", col("amount")), fn("stddev", col("amount")))));
        assertEquals(
                List.of("stddev_pop=744.5804187594514; variance=null; regr_count=5; covar_pop=554400"),
                charges(select(
                        fn("stddev_pop", cast(col("amount"), "float8")),
                        fn("variance", cast(nullValue(), "numeric")),
                        fn("regr_count", col("amount"), col("amount")),
                        fn("covar_pop", col("amount"), col("amount")))));
        assertEquals(
                List.of("corr=1; regr_slope=2; regr_intercept=0"),
                charges(select(
                        fn("corr", col("amount"), col("amount")),
                        fn("regr_slope", times(col("amount"), number(2)), col("amount")),
                        fn("regr_intercept", times(col("amount"), number(2)), col("amount")))));
        assertEquals(
                List.of("bit_and=0; bit_or=4092"),
                charges(select(fn("bit_and", col("amount")), fn("bit_or", col("amount")))));
        assertEquals(
                "function stddev(text) does not exist",
                Engine.assertFails("42883", () -> charges(select(fn("stddev", col("currency"))))));
    }

    @Test
    void anUnknownFunctionIs42883EvenOverAnUngroupedColumn() {
        assertEquals(
                "function foo_agg(text) does not exist",
                assertFails(
                        "42883",
                        () -> charges(select(col("customer"), fn("foo_agg", col("currency")))
                                .groupBy(col("customer")))));
        assertEquals(
                "column \"charges.currency\" must appear in the GROUP BY clause or be used in an aggregate function",
                assertFails(
                        "42803",
                        () -> charges(select(col("customer"), fn("lower", col("currency")))
                                .groupBy(col("customer")))));
    }

    @Test
    void rowToJsonOfAWholeRow() {
        List<String> rows = engine.rows(select(fn("row_to_json", col("c")), fn("to_jsonb", col("c")))
                .from(new FromItem.Table(new org.stripejdbc.sql.QualifiedName("stripe", "charges"), "c"))
                .where(eq(col("c.id"), text("ch_3")))
                .build());
        assertEquals(
                List.of("row_to_json={\"id\":\"ch_3\",\"amount\":700,\"currency\":\"eur\",\"customer\":\"cus_2\","
                        + "\"status\":\"failed\",\"created\":\"2023-07-01T00:00:00\"}; to_jsonb={\"id\": \"ch_3\", "
                        + "\"amount\": 700, \"status\": \"failed\", \"created\": \"2023-07-01T00:00:00\", "
                        + "\"currency\": \"eur\", \"customer\": \"cus_2\"}"),
                rows);
    }
}
