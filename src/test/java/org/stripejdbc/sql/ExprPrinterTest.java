package org.stripejdbc.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.testkit.Sql.and;
import static org.stripejdbc.testkit.Sql.any;
import static org.stripejdbc.testkit.Sql.array;
import static org.stripejdbc.testkit.Sql.between;
import static org.stripejdbc.testkit.Sql.bool;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.eq;
import static org.stripejdbc.testkit.Sql.in;
import static org.stripejdbc.testkit.Sql.like;
import static org.stripejdbc.testkit.Sql.not;
import static org.stripejdbc.testkit.Sql.nullValue;
import static org.stripejdbc.testkit.Sql.number;
import static org.stripejdbc.testkit.Sql.or;
import static org.stripejdbc.testkit.Sql.param;
import static org.stripejdbc.testkit.Sql.text;
import static org.stripejdbc.testkit.Sql.timestamp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * The one printer of {@link Expr}, in the forms Postgres' EXPLAIN prints (checked against PostgreSQL 14's
 * {@code Filter:} lines where the statement model has the construct).
 */
class ExprPrinterTest {

    private static String print(Expr expression) {
        return ExprPrinter.print(expression);
    }

    @Test
    void comparisonsAndLogic() {
        assertEquals("(email = 'a@b.c')", print(eq(col("email"), text("a@b.c"))));
        assertEquals(
                "((a = 1) AND ((b = true) OR (NOT c)))",
                print(and(eq(col("a"), number(1)), or(eq(col("b"), bool(true)), not(col("c"))))));
        assertEquals(
                "(c.name IS DISTINCT FROM NULL)",
                print(new Expr.Binary(BinaryOperator.IS_DISTINCT_FROM, new Expr.ColumnRef("c", "name"), nullValue())));
        assertEquals("(- amount)", print(new Expr.Unary(Expr.UnaryOperator.NEGATE, col("amount"))));
    }

    @Test
    void chainsOfOneBooleanOperatorArePrintedFlat() {
        Expr a = eq(col("a"), number(1));
        Expr b = eq(col("b"), number(2));
        Expr c = eq(col("c"), number(3));
        assertEquals("((a = 1) AND (b = 2) AND (c = 3))", print(and(and(a, b), c)));
        assertEquals("((a = 1) AND (b = 2) AND (c = 3))", print(and(a, and(b, c))));
        assertEquals("((a = 1) OR (b = 2) OR (c = 3))", print(or(or(a, b), c)));
        assertEquals("(((a = 1) OR (b = 2)) AND (c = 3))", print(and(or(a, b), c)));
        assertEquals(print(and(and(a, b), c)), ExprPrinter.printConjunction(List.of(a, b, c)));
    }

    @Test
    void likeIsPrintedAsPostgresOperators() {
        assertEquals("(name ~~ 'A%')", print(like(col("name"), "A%")));
        assertEquals("(name !~~* 'a%')", print(new Expr.Like(col("name"), text("a%"), true, true, null)));
        assertEquals(
                "(name LIKE 'a!%' ESCAPE '!')",
                print(new Expr.Like(col("name"), text("a!%"), false, false, text("!"))));
        assertEquals("(name NOT SIMILAR TO 'a|b')", print(new Expr.SimilarTo(col("name"), text("a|b"), true)));
    }

    @Test
    void identifiersAreQuotedWhenNeeded() {
        assertEquals("\"items[0][price]\"", print(col("items[0][price]")));
        assertEquals("\"Name\"", print(col("Name")));
        assertEquals("\"order\"", print(col("order")));
        assertEquals("\"a\"\"b\"", print(col("a\"b")));
        assertEquals("type", print(col("type")));
        assertEquals("_x$1", print(col("_x$1")));
    }

    @Test
    void literals() {
        assertEquals("'it''s'", print(text("it's")));
        assertEquals("NULL", print(nullValue()));
        assertEquals("12.50", print(new Expr.Literal(new BigDecimal("12.50"), SqlType.NUMERIC)));
        assertEquals(
                "'2024-01-01 00:00:00'::timestamp",
                print(new Expr.Literal(LocalDateTime.of(2024, 1, 1, 0, 0), SqlType.TIMESTAMP)));
        assertEquals(
                "'2024-01-01 00:00:00.5'::timestamp",
                print(new Expr.Literal(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 500_000_000), SqlType.TIMESTAMP)));
        assertEquals(
                "'2023-12-31 22:00:00+00'::timestamptz",
                print(new Expr.Literal(OffsetDateTime.parse("2024-01-01T00:00:00+02:00"), SqlType.TIMESTAMPTZ)));
        assertEquals("'2024-01-01'::date", print(new Expr.Literal(LocalDate.of(2024, 1, 1), SqlType.DATE)));
        assertEquals("'{\"a\": 1}'::jsonb", print(new Expr.Literal(Json.parse("{\"a\":1}"), SqlType.JSONB)));
        assertEquals("ARRAY['a', NULL, 2]", print(new Expr.Literal(Arrays.asList("a", null, 2L), SqlType.ARRAY)));
        assertEquals(
                "'1 year 2 mons 3 days 04:05:06.5'::interval",
                print(new Expr.Literal(new Interval(14, 3, 14_706_500_000L), SqlType.INTERVAL)));
        assertEquals("'00:00:00'::interval", print(new Expr.Literal(Interval.ZERO, SqlType.INTERVAL)));
        assertEquals("'NaN'::double precision", print(new Expr.Literal(Double.NaN, SqlType.DOUBLE)));
        assertEquals("'abc'::uuid", print(new Expr.Literal("abc", SqlType.UUID)));
    }

    @Test
    void negativeNumbersAreQuotedAndCastAsPostgresPrintsThem() {
        assertEquals("'-5'::integer", print(number(-5)));
        assertEquals("'-3000000000'::bigint", print(number(-3_000_000_000L)));
        assertEquals("3000000000", print(number(3_000_000_000L)));
        assertEquals("'-1.5'::numeric", print(new Expr.Literal(new BigDecimal("-1.5"), SqlType.NUMERIC)));
        assertEquals("'-2.5'::double precision", print(new Expr.Literal(-2.5, SqlType.DOUBLE)));
        assertEquals("1e+20", print(new Expr.Literal(1e20, SqlType.DOUBLE)));
        assertEquals(
                "(amount > '-5'::integer)", print(new Expr.Binary(BinaryOperator.GREATER, col("amount"), number(-5))));
    }

    @Test
    void castsParametersAndFunctions() {
        assertEquals("'2024-01-01'::timestamp", print(timestamp("2024-01-01")));
        assertEquals("($1)::text", print(new Expr.Cast(param(1), SqlType.TEXT, "text")));
        assertEquals("(created)::date", print(new Expr.Cast(col("created"), SqlType.DATE, "date")));
        assertEquals(
                "((amount + 1))::numeric",
                print(new Expr.Cast(
                        new Expr.Binary(BinaryOperator.PLUS, col("amount"), number(1)), SqlType.NUMERIC, "numeric")));
        assertEquals("5::text", print(new Expr.Cast(number(5), SqlType.TEXT, null)));
        assertEquals("'-5'::integer::text", print(new Expr.Cast(number(-5), SqlType.TEXT, null)));
        assertEquals("(2 ^ n)", print(Expr.FunctionCall.of("^", number(2), col("n"))));
        assertEquals("lower(email)", print(Expr.FunctionCall.of("lower", col("email"))));
        assertEquals("count(*)", print(new Expr.FunctionCall("count", List.of(), false, true, null, List.of(), null)));
        assertEquals(
                "count(DISTINCT customer) FILTER (WHERE (amount > 0))",
                print(new Expr.FunctionCall(
                        "count",
                        List.of(col("customer")),
                        true,
                        false,
                        new Expr.Binary(BinaryOperator.GREATER, col("amount"), number(0)),
                        List.of(),
                        null)));
        assertEquals(
                "string_agg(id, ',' ORDER BY created DESC NULLS LAST)",
                print(new Expr.FunctionCall(
                        "string_agg",
                        List.of(col("id"), text(",")),
                        false,
                        false,
                        null,
                        List.of(new OrderItem(col("created"), true, false)),
                        null)));
        assertEquals(
                "string_agg(id, ',' ORDER BY created DESC)",
                print(new Expr.FunctionCall(
                        "string_agg",
                        List.of(col("id"), text(",")),
                        false,
                        false,
                        null,
                        List.of(new OrderItem(col("created"), true, true)),
                        null)));
        assertEquals(
                "row_number() OVER (PARTITION BY customer ORDER BY created)",
                print(new Expr.FunctionCall(
                        "row_number",
                        List.of(),
                        false,
                        false,
                        null,
                        List.of(),
                        new Expr.WindowSpec(
                                List.of(col("customer")), List.of(new OrderItem(col("created"), false, null)), null))));
        assertEquals(
                "sum(amount) OVER (ORDER BY created rows between 1 preceding and current row)",
                print(new Expr.FunctionCall(
                        "sum",
                        List.of(col("amount")),
                        false,
                        false,
                        null,
                        List.of(),
                        new Expr.WindowSpec(
                                List.of(),
                                List.of(new OrderItem(col("created"), false, null)),
                                " rows between 1 preceding and current row "))));
    }

    @Test
    void setsRangesAndJson() {
        assertEquals("(id IN ('a', 'b'))", print(in(col("id"), text("a"), text("b"))));
        assertEquals("(id NOT IN ('a'))", print(new Expr.InList(col("id"), List.of(text("a")), true)));
        assertEquals("(id = ANY ($1))", print(any(col("id"), param(1))));
        assertEquals("(id = ANY (ARRAY['a', 'b']))", print(any(col("id"), array(text("a"), text("b")))));
        assertEquals(
                "(amount > ALL ($2))",
                print(new Expr.Quantified(BinaryOperator.GREATER, col("amount"), param(2), true)));
        assertEquals(
                "(created BETWEEN '2024-01-01'::timestamp AND '2024-02-01'::timestamp)",
                print(between(col("created"), timestamp("2024-01-01"), timestamp("2024-02-01"))));
        assertEquals("(email IS NOT NULL)", print(new Expr.IsNull(col("email"), true)));
        assertEquals("(active IS NOT TRUE)", print(new Expr.IsBoolean(col("active"), true, true)));
        assertEquals("(active IS UNKNOWN)", print(new Expr.IsBoolean(col("active"), null, false)));
        assertEquals(
                "((attrs -> 'metadata') ->> 'k')",
                print(new Expr.Binary(
                        BinaryOperator.JSON_GET_TEXT,
                        new Expr.Binary(BinaryOperator.JSON_GET, col("attrs"), text("metadata")),
                        text("k"))));
        assertEquals(
                "(attrs @> '{\"a\": 1}'::jsonb)",
                print(new Expr.Binary(
                        BinaryOperator.JSON_CONTAINS,
                        col("attrs"),
                        new Expr.Literal(Json.parse("{\"a\":1}"), SqlType.JSONB))));
        assertEquals("items[1]", print(new Expr.Subscript(col("items"), number(1))));
        assertEquals(
                "((attrs -> 'a'))[0]",
                print(new Expr.Subscript(
                        new Expr.Binary(BinaryOperator.JSON_GET, col("attrs"), text("a")), number(0))));
        assertEquals("ROW(a, b)", print(new Expr.RowConstructor(List.of(col("a"), col("b")))));
        assertEquals("EXTRACT(year FROM created)", print(new Expr.Extract("year", col("created"))));
    }

    @Test
    void caseAndSubqueries() {
        assertEquals(
                "CASE WHEN (amount > 0) THEN 'credit' ELSE 'debit' END",
                print(new Expr.Case(
                        null,
                        List.of(new Expr.When(
                                new Expr.Binary(BinaryOperator.GREATER, col("amount"), number(0)), text("credit"))),
                        text("debit"))));
        assertEquals(
                "CASE status WHEN 'paid' THEN 1 END",
                print(new Expr.Case(col("status"), List.of(new Expr.When(text("paid"), number(1))), null)));
        Query select = new Query.Select(
                List.of(),
                false,
                List.of(),
                List.of(new SelectItem.Star(null)),
                null,
                null,
                List.of(),
                null,
                List.of(),
                null,
                null);
        assertEquals("(id IN (SELECT ...))", print(new Expr.InSubquery(col("id"), select, false)));
        assertEquals("(id NOT IN (SELECT ...))", print(new Expr.InSubquery(col("id"), select, true)));
        assertEquals("EXISTS (SELECT ...)", print(new Expr.Exists(select, false)));
        assertEquals("(NOT EXISTS (SELECT ...))", print(new Expr.Exists(select, true)));
        assertEquals("(SELECT ...)", print(new Expr.ScalarSubquery(select)));
        assertEquals(
                "(amount > ALL (SELECT ...))",
                print(new Expr.Quantified(
                        BinaryOperator.GREATER, col("amount"), new Expr.ScalarSubquery(select), true)));
    }

    @Test
    void conjunctionsPrintLikeAPostgresFilter() {
        assertEquals("true", ExprPrinter.printConjunction(List.of()));
        assertEquals("(a = 1)", ExprPrinter.printConjunction(List.of(eq(col("a"), number(1)))));
        assertEquals(
                "((a = 1) AND (b ~~ 'x%'))",
                ExprPrinter.printConjunction(List.of(eq(col("a"), number(1)), like(col("b"), "x%"))));
    }
}
