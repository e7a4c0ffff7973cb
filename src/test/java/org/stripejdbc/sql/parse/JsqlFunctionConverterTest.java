package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.Binary;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.Expr.ColumnRef;
import org.stripejdbc.sql.Expr.FunctionCall;
import org.stripejdbc.sql.Expr.Literal;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

class JsqlFunctionConverterTest {

    /** The first select-list expression of {@code select <expression>}. */
    private static Expr expr(String expression) {
        Query.Select select = (Query.Select) ((Statement.QueryStatement)
                        SqlFrontEnd.parse("select " + expression).statement())
                .query();
        return ((SelectItem.Column) select.items().get(0)).expression();
    }

    private static StripeJdbcException failure(String expression) {
        return assertThrows(StripeJdbcException.class, () -> expr(expression));
    }

    private static void assertUnsupported(String expression, String construct) {
        StripeJdbcException error = failure(expression);
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(construct), error.getMessage());
    }

    private static ColumnRef col(String name) {
        return new ColumnRef(null, name);
    }

    private static Literal text(String value) {
        return new Literal(value, SqlType.UNKNOWN);
    }

    private static Literal integer(int value) {
        return new Literal(value, SqlType.INTEGER);
    }

    private static Binary binary(BinaryOperator operator, Expr left, Expr right) {
        return new Binary(operator, left, right);
    }

    private static FunctionCall call(String name, Expr... arguments) {
        return FunctionCall.of(name, arguments);
    }

    @Test
    void functionsWithSpecialSyntax() {
        assertEquals(call("coalesce", col("a"), col("b")), expr("coalesce(a, b)"));
        assertEquals(call("nullif", col("a"), text("")), expr("nullif(a, '')"));
        assertEquals(call("greatest", col("a"), integer(1)), expr("greatest(a, 1)"));
        assertEquals(call("least", col("a"), integer(1)), expr("least(a, 1)"));
        assertEquals(
                call("vault.create_secret", text("s"), text("n"), text("d")),
                expr("vault.create_secret('s', 'n', 'd')"));
        assertEquals(call("position", text("a"), col("b")), expr("position('a' in b)"));
        assertEquals(call("substring", col("x"), integer(1), integer(2)), expr("substring(x from 1 for 2)"));
        assertEquals(call("btrim", col("y"), text("x")), expr("trim(both 'x' from y)"));
        assertEquals(call("ltrim", col("y"), text("x")), expr("trim(leading 'x' from y)"));
        assertEquals(call("lower", col("email")), expr("LOWER(email)"));
    }

    @Test
    void aggregates() {
        assertEquals(new FunctionCall("count", List.of(), false, true, null, List.of(), null), expr("count(*)"));
        assertEquals(
                new FunctionCall("count", List.of(col("customer")), true, false, null, List.of(), null),
                expr("count(distinct customer)"));
        assertEquals(
                new FunctionCall(
                        "count",
                        List.of(),
                        false,
                        true,
                        binary(BinaryOperator.GREATER, col("b"), integer(1)),
                        List.of(),
                        null),
                expr("count(*) filter (where b > 1)"));
        assertEquals(
                new FunctionCall(
                        "string_agg",
                        List.of(col("x"), text(",")),
                        false,
                        false,
                        null,
                        List.of(new OrderItem(col("x"), true, true)),
                        null),
                expr("string_agg(x, ',' order by x desc nulls first)"));
        assertEquals(
                new FunctionCall(
                        "string_agg",
                        List.of(col("x"), text(",")),
                        false,
                        false,
                        col("y"),
                        List.of(new OrderItem(col("x"), false, null)),
                        null),
                expr("string_agg(x, ',' order by x) filter (where y)"));
    }

    @Test
    void countAllIsNotCountStar() {
        assertEquals(call("count", col("x")), expr("count(all x)"));
    }

    @Test
    void windowFunctions() {
        assertEquals(
                new FunctionCall(
                        "row_number",
                        List.of(),
                        false,
                        false,
                        null,
                        List.of(),
                        new Expr.WindowSpec(
                                List.of(col("customer")), List.of(new OrderItem(col("created"), true, null)), null)),
                expr("row_number() over (partition by customer order by created desc)"));
        assertEquals(
                new FunctionCall(
                        "sum",
                        List.of(col("amount")),
                        false,
                        false,
                        null,
                        List.of(),
                        new Expr.WindowSpec(
                                List.of(),
                                List.of(new OrderItem(col("created"), false, null)),
                                "rows between unbounded preceding and current row")),
                expr("sum(amount) over (order by created rows between unbounded preceding and current row)"));
        assertEquals(
                "rows between 3 preceding and current row",
                ((FunctionCall) expr("sum(a) over (rows 3 preceding)")).over().frame());
        assertEquals(
                "range between current row and unbounded following",
                ((FunctionCall) expr("sum(a) over (order by b range between current row and unbounded following)"))
                        .over()
                        .frame());
        assertEquals(
                new FunctionCall(
                        "lag",
                        List.of(col("x"), integer(1), integer(0)),
                        false,
                        false,
                        null,
                        List.of(),
                        new Expr.WindowSpec(List.of(), List.of(new OrderItem(col("y"), false, null)), null)),
                expr("lag(x, 1, 0) over (order by y)"));
        assertEquals(
                new FunctionCall(
                        "count",
                        List.of(),
                        false,
                        true,
                        null,
                        List.of(),
                        new Expr.WindowSpec(List.of(), List.of(), null)),
                expr("count(*) over ()"));
    }

    @Test
    void unrepresentableWindowFormsAre0A000() {
        assertUnsupported("sum(a) over (order by b groups between 1 preceding and current row)", "GROUPS");
        assertUnsupported("sum(a) over (order by b rows between ? preceding and current row)", "window frame offset");
        assertUnsupported("percentile_cont(0.5) within group (order by a, b)", "WITHIN GROUP");
    }

    @Test
    void orderedSetAggregatesPassTheirDirectArgumentThenTheSortedValue() {
        Expr.FunctionCall call = (Expr.FunctionCall) expr("percentile_disc(0.5) within group (order by a desc)");
        assertEquals("percentile_disc", call.name());
        assertEquals(2, call.arguments().size());
        assertEquals(call.arguments().get(1), call.orderBy().get(0).expression());
        assertEquals(true, call.orderBy().get(0).descending());
        Expr.FunctionCall mode = (Expr.FunctionCall) expr("mode() within group (order by a)");
        assertEquals(1, mode.arguments().size());
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> expr("sum(a) within group (order by a)"));
        assertEquals(SqlState.WRONG_OBJECT_TYPE, e.sqlState());
        assertEquals("WITHIN GROUP specified, but sum is not an ordered-set aggregate function", e.getMessage());
    }

    @Test
    void anOrderedSetAggregateNeedsWithinGroupAsInPostgres() {
        for (String sql : List.of(
                "percentile_cont(0.5, a)", "percentile_disc(0.5, a) filter (where a > 0)", "mode(a)", "mode()")) {
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> expr(sql), sql);
            assertEquals(SqlState.WRONG_OBJECT_TYPE, e.sqlState(), sql);
            assertTrue(e.getMessage().startsWith("WITHIN GROUP is required for ordered-set aggregate "), sql);
        }
        assertUnsupported("percentile_cont(0.5) within group (order by a) over ()", "OVER");
        Expr.FunctionCall filtered =
                (Expr.FunctionCall) expr("percentile_cont(0.5) within group (order by a) filter (where a > 1)");
        assertEquals("percentile_cont", filtered.name());
        assertEquals(expr("a > 1"), filtered.filter());
    }

    @Test
    void aWindowNameWithoutWindowClauseDoesNotExist() {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> expr("sum(a) over w"));
        assertEquals(SqlState.UNDEFINED_OBJECT, e.sqlState());
        assertEquals("window \"w\" does not exist", e.getMessage());
    }
}
