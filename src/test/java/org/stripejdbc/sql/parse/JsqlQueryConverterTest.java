package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.FromItem.JoinType;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

class JsqlQueryConverterTest {

    private static Query query(String sql) {
        return ((Statement.QueryStatement) SqlFrontEnd.parse(sql).statement()).query();
    }

    private static Query.Select select(String sql) {
        return (Query.Select) query(sql);
    }

    private static void assertUnsupported(String sql, String construct) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> query(sql));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(construct), error.getMessage());
    }

    private static void assertSyntaxError(String sql) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> query(sql));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState(), error.getMessage());
    }

    private static Expr.ColumnRef col(String qualifier, String name) {
        return new Expr.ColumnRef(qualifier, name);
    }

    private static Expr.Literal integer(int value) {
        return new Expr.Literal(value, SqlType.INTEGER);
    }

    private static FromItem.Table table(String schema, String name, String alias) {
        return new FromItem.Table(new QualifiedName(schema, name), alias);
    }

    private static Query.Select simple(List<SelectItem> items, FromItem from) {
        return new Query.Select(List.of(), false, List.of(), items, from, null, List.of(), null, List.of(), null, null);
    }

    private static List<SelectItem> one() {
        return List.of(new SelectItem.Column(integer(1), null));
    }

    @Test
    void selectWithoutFrom() {
        assertEquals(simple(one(), null), select("select 1"));
    }

    @Test
    void aNameTwiceInOneFromIs42712() {
        for (String sql : List.of(
                "select 1 from stripe.customers c, stripe.invoices c",
                "select 1 from stripe.customers c join stripe.invoices c on true",
                "select 1 from stripe.customers, stripe.customers",
                "select 1 from stripe.customers c, (select 1) c")) {
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> query(sql), sql);
            assertEquals(SqlState.DUPLICATE_ALIAS, e.sqlState(), sql);
            assertTrue(e.getMessage().endsWith("specified more than once"), e.getMessage());
        }
        query("select 1 from stripe.customers a, stripe.customers b");
        query("select 1 from stripe.customers, other.customers");
        query("select 1 from stripe.customers c where exists (select 1 from stripe.invoices c)");
    }

    @Test
    void selectItemsStarsAndAliases() {
        Query.Select select = select("select *, c.*, email as \"E-Mail\", name n from stripe.customers c");
        assertEquals(
                List.of(
                        new SelectItem.Star(null),
                        new SelectItem.Star("c"),
                        new SelectItem.Column(col(null, "email"), "E-Mail"),
                        new SelectItem.Column(col(null, "name"), "n")),
                select.items());
        assertEquals(table("stripe", "customers", "c"), select.from());
    }

    @Test
    void distinctAndDistinctOn() {
        assertEquals(true, select("select distinct customer from t").distinct());
        Query.Select on =
                select("select distinct on (customer) customer, created from t order by customer, created desc");
        assertEquals(false, on.distinct());
        assertEquals(List.of(col(null, "customer")), on.distinctOn());
        assertEquals(
                List.of(
                        new OrderItem(col(null, "customer"), false, null),
                        new OrderItem(col(null, "created"), true, null)),
                on.orderBy());
    }

    @Test
    void whereGroupByHavingOrderByLimitOffset() {
        Query.Select select =
                select("select customer, count(*) from stripe.charges where amount > 100 group by customer "
                        + "having count(*) > 1 order by 2 desc nulls last, customer limit 10 offset 5");
        assertEquals(new Expr.Binary(BinaryOperator.GREATER, col(null, "amount"), integer(100)), select.where());
        assertEquals(List.of(col(null, "customer")), select.groupBy());
        assertEquals(
                new Expr.Binary(
                        BinaryOperator.GREATER,
                        new Expr.FunctionCall("count", List.of(), false, true, null, List.of(), null),
                        integer(1)),
                select.having());
        assertEquals(
                List.of(new OrderItem(integer(2), true, false), new OrderItem(col(null, "customer"), false, null)),
                select.orderBy());
        assertEquals(integer(10), select.limit());
        assertEquals(integer(5), select.offset());
    }

    @Test
    void limitForms() {
        assertEquals(null, select("select 1 limit all").limit());
        assertEquals(null, select("select 1 limit null").limit());
        assertEquals(integer(5), select("select 1 fetch first 5 rows only").limit());
        assertEquals(integer(1), select("select 1 fetch first row only").limit());
        assertEquals(
                integer(3),
                select("select 1 offset 3 rows fetch next 2 rows only").offset());
        assertEquals(new Expr.Parameter(1), select("select 1 limit ?").limit());
        assertSyntaxError("select 1 limit 5, 10");
        assertUnsupported("select 1 fetch first 5 rows with ties", "TIES");
    }

    @Test
    void commaJoinsFormALeftDeepCrossTree() {
        assertEquals(
                new FromItem.Join(
                        new FromItem.Join(
                                table(null, "a", null), table(null, "b", null), JoinType.CROSS, null, List.of(), false),
                        table(null, "c", null),
                        JoinType.CROSS,
                        null,
                        List.of(),
                        false),
                select("select 1 from a, b, c").from());
    }

    @Test
    void explicitJoinsBindTighterThanCommas() {
        FromItem expected = new FromItem.Join(
                table(null, "a", null),
                new FromItem.Join(
                        table(null, "b", null),
                        table(null, "c", null),
                        JoinType.RIGHT,
                        new Expr.Binary(BinaryOperator.EQUALS, col("b", "x"), col("c", "x")),
                        List.of(),
                        false),
                JoinType.CROSS,
                null,
                List.of(),
                false);
        assertEquals(
                expected, select("select 1 from a, b right join c on b.x = c.x").from());
    }

    @Test
    void joinTypes() {
        FromItem from = select("select 1 from stripe.charges ch join stripe.customers c on c.id = ch.customer "
                        + "left outer join d using (id) full join e on true cross join f natural join g "
                        + "natural left join h")
                .from();
        FromItem.Join natural = (FromItem.Join) from;
        assertEquals(JoinType.LEFT, natural.type());
        assertEquals(true, natural.natural());
        FromItem.Join naturalInner = (FromItem.Join) natural.left();
        assertEquals(JoinType.INNER, naturalInner.type());
        assertEquals(true, naturalInner.natural());
        FromItem.Join cross = (FromItem.Join) naturalInner.left();
        assertEquals(JoinType.CROSS, cross.type());
        FromItem.Join full = (FromItem.Join) cross.left();
        assertEquals(JoinType.FULL, full.type());
        assertEquals(new Expr.Literal(true, SqlType.BOOLEAN), full.condition());
        FromItem.Join left = (FromItem.Join) full.left();
        assertEquals(JoinType.LEFT, left.type());
        assertEquals(List.of("id"), left.using());
        FromItem.Join inner = (FromItem.Join) left.left();
        assertEquals(
                new FromItem.Join(
                        table("stripe", "charges", "ch"),
                        table("stripe", "customers", "c"),
                        JoinType.INNER,
                        new Expr.Binary(BinaryOperator.EQUALS, col("c", "id"), col("ch", "customer")),
                        List.of(),
                        false),
                inner);
    }

    @Test
    void joinConditionsMustMatchTheJoinType() {
        assertSyntaxError("select 1 from a join b");
        assertSyntaxError("select 1 from a cross join b on true");
        assertSyntaxError("select 1 from a natural join b using (x)");
    }

    @Test
    void setReturningFunctionsInFrom() {
        FromItem.Join join = (FromItem.Join) select("select line->>'id' from stripe.invoices i "
                        + "cross join lateral jsonb_array_elements(attrs->'lines'->'data') as line")
                .from();
        Expr lines = new Expr.Binary(
                BinaryOperator.JSON_GET,
                new Expr.Binary(
                        BinaryOperator.JSON_GET, col(null, "attrs"), new Expr.Literal("lines", SqlType.UNKNOWN)),
                new Expr.Literal("data", SqlType.UNKNOWN));
        assertEquals(
                new FromItem.Function(
                        Expr.FunctionCall.of("jsonb_array_elements", lines), "line", List.of(), true, false),
                join.right());
        FromItem.Join each =
                (FromItem.Join) select("select k, v from t, jsonb_each(t.attrs) with ordinality as e(k, v, n)")
                        .from();
        assertEquals(
                new FromItem.Function(
                        Expr.FunctionCall.of("jsonb_each", col("t", "attrs")),
                        "e",
                        List.of("k", "v", "n"),
                        false,
                        true),
                each.right());
    }

    @Test
    void subqueriesInFrom() {
        FromItem.Subquery subquery =
                (FromItem.Subquery) select("select * from (select 1) as s(x)").from();
        assertEquals("s", subquery.alias());
        assertEquals(List.of("x"), subquery.columnAliases());
        assertEquals(false, subquery.lateral());
        assertEquals(simple(one(), null), subquery.query());
        FromItem.Join join = (FromItem.Join)
                select("select * from t, lateral (select t.a) l").from();
        FromItem.Subquery lateral = (FromItem.Subquery) join.right();
        assertEquals(true, lateral.lateral());
        assertEquals("l", lateral.alias());
    }

    @Test
    void valuesInFromAndAtTopLevel() {
        FromItem.Values values = (FromItem.Values)
                select("select * from (values (1, 'a'), (2, 'b')) as v(n, s)").from();
        assertEquals(
                List.of(
                        List.of(integer(1), new Expr.Literal("a", SqlType.UNKNOWN)),
                        List.of(integer(2), new Expr.Literal("b", SqlType.UNKNOWN))),
                values.rows());
        assertEquals("v", values.alias());
        assertEquals(List.of("n", "s"), values.columnAliases());
        assertEquals(
                new Query.Values(List.of(List.of(integer(1), integer(2))), List.of(), null, null),
                query("values (1, 2)"));
        assertEquals(
                new Query.Values(
                        List.of(List.of(integer(1)), List.of(integer(2))),
                        List.of(new OrderItem(integer(1), true, null)),
                        integer(1),
                        null),
                query("values (1), (2) order by 1 desc limit 1"));
        assertSyntaxError("values (1), (2, 3)");
    }

    @Test
    void commonTableExpressions() {
        Query.Select select = select("with recent(id) as (select id from stripe.customers limit 10), x as materialized "
                + "(values (1)) select * from recent");
        assertEquals(2, select.with().size());
        Query.CommonTableExpression recent = select.with().get(0);
        assertEquals("recent", recent.name());
        assertEquals(List.of("id"), recent.columnAliases());
        assertEquals(integer(10), ((Query.Select) recent.query()).limit());
        assertEquals(
                new Query.Values(List.of(List.of(integer(1))), List.of(), null, null),
                select.with().get(1).query());
        assertEquals(false, recent.recursive());
    }

    @Test
    void withRecursiveMarksEveryItemAndTakesTheWordOnlyAfterWith() {
        Query.Select select = select("with recursive t(n) as (select 1 union all select n + 1 from t where n < 3),"
                + " u as (select 2) select * from t, u");
        assertEquals(
                List.of(true, true),
                select.with().stream().map(c -> c.recursive()).toList());
        Query.SetOperation union = (Query.SetOperation) select.with().get(0).query();
        assertEquals(Query.SetOperator.UNION, union.operator());
        assertTrue(union.all());
        assertEquals(List.of("n"), select.with().get(0).columnAliases());
        assertSyntaxError("with a as (select 1), recursive b as (select 1) select 1");
    }

    @Test
    void groupingSetsRollupAndCubeExpandAsInPostgres() {
        Expr a = col(null, "a");
        Expr b = col(null, "b");
        Expr c = col(null, "c");
        Query.Select rollup = select("select a, b from t group by rollup (a, b)");
        assertEquals(List.of(a, b), rollup.groupBy());
        assertEquals(List.of(List.of(a, b), List.of(a), List.of()), rollup.groupingSets());
        assertEquals(
                List.of(List.of(a, b), List.of(a), List.of(b), List.of()),
                select("select 1 from t group by cube (a, b)").groupingSets());
        // A plain key multiplies; GROUPING SETS after other keys, nested, with () and parenthesized lists.
        assertEquals(
                List.of(List.of(c, a, b), List.of(c, b), List.of(c)),
                select("select 1 from t group by c, grouping sets ((a, b), rollup (b))")
                        .groupingSets());
        assertEquals(
                List.of(List.of(a), List.of(b), List.of(), List.of(a)),
                select("select 1 from t group by grouping sets (grouping sets ((a), b), (), a)")
                        .groupingSets());
        assertEquals(
                List.of(List.of(a, b, c), List.of(a, b), List.of()),
                select("select 1 from t group by rollup ((a, b), c)").groupingSets());
        assertEquals(
                List.of(List.of(a, b), List.of()),
                select("select 1 from t group by rollup ((a, b))").groupingSets());
        assertEquals(
                List.of(List.of(a, b)),
                select("select 1 from t group by grouping sets ((a, b))").groupingSets());
        assertEquals(
                List.of(List.of()),
                select("select 1 from t group by grouping sets (())").groupingSets());
        Query.Select empty = select("select count(*) from t group by ()");
        assertEquals(List.of(), empty.groupBy());
        assertEquals(List.of(List.of()), empty.groupingSets());
        assertTrue(empty.grouped());
        // A plain GROUP BY has no sets; (a, b) at the top is the keys a and b.
        Query.Select plain = select("select 1 from t group by (a, b), c");
        assertEquals(List.of(a, b, c), plain.groupBy());
        assertEquals(List.of(), plain.groupingSets());
        // A column named like the call JSqlParser is handed stays a column.
        assertEquals(
                List.of(col(null, "grouping$sets")),
                select("select 1 from t group by grouping$sets").groupBy());
    }

    @Test
    void groupingSetLimits() {
        StripeJdbcException cube = assertThrows(
                StripeJdbcException.class,
                () -> select("select 1 from t group by cube (a, b, c, d, e, f, g, h, i, j, k, l, m)"));
        assertEquals(SqlState.STATEMENT_TOO_COMPLEX, cube.sqlState());
        assertEquals("CUBE is limited to 12 elements", cube.getMessage());
        StripeJdbcException many = assertThrows(
                StripeJdbcException.class,
                () -> select("select 1 from t group by cube (a, b, c, d, e, f, g), cube (h, i, j, k, l, m)"));
        assertEquals(SqlState.STATEMENT_TOO_COMPLEX, many.sqlState());
        assertEquals("too many grouping sets present (maximum 4096)", many.getMessage());
        assertSyntaxError("select 1 from t group by rollup (cube (a))");
    }

    @Test
    void setOperationsWithPostgresPrecedence() {
        Query.SetOperation union =
                (Query.SetOperation) query("select 1 union all select 2 intersect select 3 order by 1 limit 2");
        assertEquals(Query.SetOperator.UNION, union.operator());
        assertEquals(true, union.all());
        assertEquals(simple(one(), null), union.left());
        Query.SetOperation intersect = (Query.SetOperation) union.right();
        assertEquals(Query.SetOperator.INTERSECT, intersect.operator());
        assertEquals(false, intersect.all());
        assertEquals(List.of(new OrderItem(integer(1), false, null)), union.orderBy());
        assertEquals(integer(2), union.limit());
        assertEquals(List.of(), intersect.orderBy());
    }

    @Test
    void setOperationsAreLeftAssociativeAndRespectParentheses() {
        Query.SetOperation except = (Query.SetOperation) query("select 1 union select 2 except select 3");
        assertEquals(Query.SetOperator.EXCEPT, except.operator());
        assertEquals(Query.SetOperator.UNION, ((Query.SetOperation) except.left()).operator());
        Query.SetOperation grouped = (Query.SetOperation) query("select 1 except (select 2 union select 3)");
        assertEquals(Query.SetOperator.EXCEPT, grouped.operator());
        assertEquals(Query.SetOperator.UNION, ((Query.SetOperation) grouped.right()).operator());
        Query.SetOperation withCte = (Query.SetOperation) query("with x as (select 1) select * from x union select 2");
        assertEquals(1, withCte.with().size());
    }

    @Test
    void trailingClausesOfTheLastOperandBelongToTheWholeOperation() {
        Query.SetOperation union = (Query.SetOperation) query("select 1 union select 2 order by 1 limit 3");
        assertEquals(integer(3), union.limit());
        assertEquals(null, ((Query.Select) union.right()).limit());
        assertSyntaxError("select 1 from t limit 2 union select 1");
        assertSyntaxError("select 1 from t order by 1 union select 2");
        assertSyntaxError("select x from t limit 1 offset 2 limit 3");
        Query.SetOperation parenthesized =
                (Query.SetOperation) query("(select 1 limit 1) union (select 2 limit 2) limit 5");
        assertEquals(integer(1), ((Query.Select) parenthesized.left()).limit());
        assertEquals(integer(5), parenthesized.limit());
    }

    @Test
    void parenthesizedQueries() {
        assertEquals(simple(one(), null), query("(select 1)"));
        Query.Select ordered = select("(select 1) order by 1 limit 1");
        assertEquals(integer(1), ordered.limit());
        assertUnsupported("(select 1 limit 1) limit 2", "ORDER BY/LIMIT on a parenthesized query");
    }

    @Test
    void windowClauseNamesWindowsOfItsBlock() {
        Query.Select windowed =
                select("select sum(a) over w, rank() over v from t window w as (partition by c order by b"
                        + " rows between 1 preceding and current row), v as (order by a)");
        Expr.FunctionCall sum =
                (Expr.FunctionCall) ((SelectItem.Column) windowed.items().get(0)).expression();
        assertEquals(
                new Expr.WindowSpec(
                        List.of(new Expr.ColumnRef(null, "c")),
                        List.of(new OrderItem(new Expr.ColumnRef(null, "b"), false, null)),
                        "rows between 1 preceding and current row"),
                sum.over());
        Expr.FunctionCall rank =
                (Expr.FunctionCall) ((SelectItem.Column) windowed.items().get(1)).expression();
        assertEquals(
                List.of(new OrderItem(new Expr.ColumnRef(null, "a"), false, null)),
                rank.over().orderBy());
        StripeJdbcException twice = assertThrows(
                StripeJdbcException.class, () -> select("select 1 from t window w as (), w as (order by a)"));
        assertEquals("window \"w\" is already defined", twice.getMessage());
    }

    @Test
    void unsupportedClauses() {
        assertUnsupported("select * from t for update", "FOR UPDATE");
        assertUnsupported("select * into u from t", "SELECT INTO");
        assertUnsupported("select * from a.b.c", "cross-database reference");
        assertUnsupported("select * from t as x(a, b)", "column aliases on a table");
        assertUnsupported("select * from jsonb_to_record(x) as r(a int)", "column definition lists");
    }
}
