package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.testkit.Sql.col;
import static org.stripejdbc.testkit.Sql.text;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

class JsqlStatementConverterTest {

    private static final QualifiedName CUSTOMERS = new QualifiedName("stripe", "customers");

    private static Statement parse(String sql) {
        return SqlFrontEnd.parse(sql).statement();
    }

    private static void assertUnsupported(String sql, String construct) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> parse(sql));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(construct), error.getMessage());
    }

    private static void assertSyntaxError(String sql, String message) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> parse(sql));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(message), error.getMessage());
    }

    private static Expr.Literal integer(int value) {
        return new Expr.Literal(value, SqlType.INTEGER);
    }

    @Test
    void insertSeveralRowsWithReturning() {
        assertEquals(
                new Statement.Insert(
                        CUSTOMERS,
                        List.of("email", "name"),
                        List.of(
                                List.of(text("a@b.c"), new Expr.Parameter(1)),
                                List.of(text("d@e.f"), Expr.Literal.nullValue())),
                        null,
                        List.of(new SelectItem.Column(col("id"), null), new SelectItem.Star(null))),
                parse("insert into stripe.customers (email, name) values ('a@b.c', ?), ('d@e.f', null) returning "
                        + "id, *"));
    }

    @Test
    void insertWithoutColumnList() {
        assertEquals(
                new Statement.Insert(QualifiedName.of("t"), List.of(), List.of(List.of(integer(1))), null, List.of()),
                parse("insert into t values (1)"));
    }

    @Test
    void insertFromAQuery() {
        Statement.Insert insert =
                (Statement.Insert) parse("insert into stripe.customers (email) select email from u where x");
        assertEquals(List.of(), insert.rows());
        Query.Select source = assertInstanceOf(Query.Select.class, insert.source());
        assertEquals(col("x"), source.where());
    }

    @Test
    void insertArityIsChecked() {
        assertSyntaxError("insert into t (a, b) values (1)", "INSERT has more target columns than expressions");
        assertSyntaxError("insert into t (a) values (1, 2)", "INSERT has more expressions than target columns");
        assertSyntaxError("insert into t values (1), (1, 2)", "VALUES lists must all be the same length");
    }

    @Test
    void insertUnsupportedForms() {
        assertUnsupported("insert into t (a) values (default)", "DEFAULT");
        assertUnsupported("insert into t default values", "DEFAULT VALUES");
        assertUnsupported("insert into t (a) values (1) on conflict do nothing", "ON CONFLICT");
        assertUnsupported("with x as (select 1) insert into t select * from x", "WITH ... INSERT");
    }

    @Test
    void updateWithAliasWhereAndReturning() {
        assertEquals(
                new Statement.Update(
                        CUSTOMERS,
                        "c",
                        List.of(
                                new Statement.Assignment("description", text("hello")),
                                new Statement.Assignment("name", Expr.Literal.nullValue())),
                        null,
                        new Expr.Binary(BinaryOperator.EQUALS, new Expr.ColumnRef("c", "id"), new Expr.Parameter(1)),
                        List.of(new SelectItem.Star(null))),
                parse("update stripe.customers as c set description = 'hello', name = null where c.id = ? "
                        + "returning *"));
    }

    @Test
    void updateRowAssignmentExpands() {
        Statement.Update update = (Statement.Update) parse("update t set (a, b) = (1, 2)");
        assertEquals(
                List.of(new Statement.Assignment("a", integer(1)), new Statement.Assignment("b", integer(2))),
                update.assignments());
        assertEquals(null, update.where());
    }

    @Test
    void updateUnsupportedAndInvalidForms() {
        assertUnsupported("update t set a = default", "DEFAULT");
        assertUnsupported("update t join u on u.id = t.id set a = u.b", "UPDATE table JOIN");
        assertUnsupported("update t set t.a = 1", "qualified target column");
        assertSyntaxError("update t set (a, b) = (1)", "number of columns does not match number of values");
    }

    @Test
    void deleteWithAliasAndReturning() {
        assertEquals(
                new Statement.Delete(
                        CUSTOMERS,
                        "c",
                        null,
                        new Expr.Binary(BinaryOperator.EQUALS, col("id"), text("cus_1")),
                        List.of(new SelectItem.Column(col("id"), "deleted_id"))),
                parse("delete from stripe.customers c where id = 'cus_1' returning id as deleted_id"));
        assertEquals(new Statement.Delete(QualifiedName.of("t"), null, null, null, List.of()), parse("delete from t"));
    }

    @Test
    void updateFromKeepsItsItemsAsAFromTree() {
        Statement.Update update = (Statement.Update)
                parse("update t c set a = u.b from u, (values (1)) v(x) join w on w.x = v.x where u.id = c.id");
        assertEquals("c", update.alias());
        FromItem.Join comma = (FromItem.Join) update.from();
        assertEquals(FromItem.JoinType.CROSS, comma.type());
        assertEquals(new FromItem.Table(QualifiedName.of("u"), null), comma.left());
        FromItem.Join inner = (FromItem.Join) comma.right();
        assertEquals(FromItem.JoinType.INNER, inner.type());
        assertEquals("v", ((FromItem.Values) inner.left()).alias());
        assertEquals(
                new Expr.Binary(BinaryOperator.EQUALS, new Expr.ColumnRef("u", "id"), new Expr.ColumnRef("c", "id")),
                update.where());
        assertEquals(null, ((Statement.Update) parse("update t set a = 1")).from());
    }

    @Test
    void deleteUsingKeepsItsItemsAsAFromTree() {
        Statement.Delete delete =
                (Statement.Delete) parse("delete from t using u x, (select 1 as k) s where x.id = t.id returning s.k");
        FromItem.Join comma = (FromItem.Join) delete.using();
        assertEquals(FromItem.JoinType.CROSS, comma.type());
        assertEquals(new FromItem.Table(QualifiedName.of("u"), "x"), comma.left());
        assertEquals("s", ((FromItem.Subquery) comma.right()).alias());
        assertEquals(null, ((Statement.Delete) parse("delete from t")).using());
    }

    @Test
    void deleteUsingAJoinWithoutParenthesesAsPostgresAllows() {
        Statement.Delete delete = (Statement.Delete) parse("delete from t using a join b on b.x = a.x, c "
                + "left join d using (k) where c.id = t.id and b.d = date '2024-01-01' returning t.id");
        FromItem.Join comma = (FromItem.Join) delete.using();
        assertEquals(FromItem.JoinType.CROSS, comma.type());
        assertEquals(FromItem.JoinType.INNER, ((FromItem.Join) comma.left()).type());
        assertEquals(FromItem.JoinType.LEFT, ((FromItem.Join) comma.right()).type());
        assertEquals(List.of("k"), ((FromItem.Join) comma.right()).using());
        assertEquals(1, delete.returning().size());
        Statement.Delete last = (Statement.Delete) parse("delete from t using a join b on b.d = date '2024-01-01'");
        assertEquals(FromItem.JoinType.INNER, ((FromItem.Join) last.using()).type());
        assertEquals(null, last.where());
    }

    @Test
    void theTargetAndTheFromItemsExposeDistinctNames() {
        for (String sql : List.of(
                "update t c set a = 1 from u c where true",
                "update t set a = 1 from t where true",
                "delete from t using u t where true",
                "delete from t x using u, v x where true")) {
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> parse(sql), sql);
            assertEquals(SqlState.DUPLICATE_ALIAS, e.sqlState(), sql);
        }
        // A self-join under another name is fine, as in Postgres.
        assertEquals(
                new FromItem.Table(QualifiedName.of("t"), "other"),
                ((Statement.Update) parse("update t set a = 1 from t other where other.id = t.id")).from());
    }

    @Test
    void deleteUnsupportedAndInvalidForms() {
        assertSyntaxError("delete from t where a = 1 limit 1", "syntax error");
    }
}
