package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

class JsqlExpressionConverterTest {

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

    // ---------------------------------------------------------------- literals

    @Test
    void stringLiteralsAreUnknownText() {
        assertEquals(text("it's"), expr("'it''s'"));
        assertEquals(text("a'b\n"), expr("E'a\\'b\\n'"));
        assertEquals(text("x;y"), expr("$$x;y$$"));
    }

    @Test
    void integerLiteralsTakeTheSmallestPostgresType() {
        assertEquals(integer(42), expr("42"));
        assertEquals(integer(2147483647), expr("2147483647"));
        assertEquals(new Literal(2147483648L, SqlType.BIGINT), expr("2147483648"));
        assertEquals(
                new Literal(new BigDecimal("123456789012345678901234"), SqlType.NUMERIC),
                expr("123456789012345678901234"));
    }

    @Test
    void negativeLiteralsFold() {
        assertEquals(integer(-5), expr("-5"));
        assertEquals(integer(Integer.MIN_VALUE), expr("-2147483648"));
        assertEquals(new Literal(new BigDecimal("-1.5"), SqlType.NUMERIC), expr("-1.5"));
        assertEquals(new Expr.Unary(Expr.UnaryOperator.NEGATE, col("x")), expr("-x"));
        assertEquals(new Expr.Unary(Expr.UnaryOperator.PLUS, col("x")), expr("+x"));
    }

    @Test
    void decimalLiteralsAreNumericWithTheirScale() {
        Literal literal = (Literal) expr("1.50");
        assertEquals(SqlType.NUMERIC, literal.type());
        assertEquals(new BigDecimal("1.50"), literal.value());
        assertEquals(new Literal(new BigDecimal("1e5"), SqlType.NUMERIC), expr("1e5"));
        assertEquals(new Literal(new BigDecimal(".5"), SqlType.NUMERIC), expr(".5"));
    }

    @Test
    void booleansAndNull() {
        assertEquals(new Literal(true, SqlType.BOOLEAN), expr("true"));
        assertEquals(new Literal(false, SqlType.BOOLEAN), expr("FALSE"));
        assertEquals(Literal.nullValue(), expr("null"));
    }

    @Test
    void typedLiteralsAndIntervalsAreCasts() {
        assertEquals(new Expr.Cast(text("30 days"), SqlType.INTERVAL, "interval"), expr("interval '30 days'"));
        assertEquals(new Expr.Cast(text("2024-01-01"), SqlType.TIMESTAMP, "timestamp"), expr("timestamp '2024-01-01'"));
        assertEquals(new Expr.Cast(text("2024-01-01"), SqlType.DATE, "date"), expr("DATE '2024-01-01'"));
        assertEquals(new Expr.Cast(text("{\"a\": 1}"), SqlType.JSONB, "jsonb"), expr("jsonb '{\"a\": 1}'"));
        assertEquals(
                binary(BinaryOperator.MINUS, call("now"), new Expr.Cast(text("30 days"), SqlType.INTERVAL, "interval")),
                expr("now() - interval '30 days'"));
        assertUnsupported("interval '1' day", "field restriction");
    }

    // ---------------------------------------------------------------- identifiers and parameters

    @Test
    void columnReferencesFoldUnquotedAndKeepQuoted() {
        assertEquals(col("amount"), expr("Amount"));
        assertEquals(new ColumnRef("c", "email"), expr("C.Email"));
        assertEquals(col("items[0][price]"), expr("\"items[0][price]\""));
        assertEquals(new ColumnRef("My Table", "Id"), expr("\"My Table\".\"Id\""));
        assertEquals(col("caf\u00e9"), expr("caf\u00e9"));
        assertUnsupported("stripe.customers.id", "schema-qualified column reference");
    }

    @Test
    void parametersKeepTheirNumbers() {
        assertEquals(new Expr.Parameter(1), expr("?"));
        assertEquals(new Expr.Parameter(3), expr("$3"));
        ParsedStatement parsed = SqlFrontEnd.parse("select ? from t where a = ? and b in (?, ?) limit ?");
        assertEquals(5, parsed.parameterCount());
        Query.Select select = (Query.Select) ((Statement.QueryStatement) parsed.statement()).query();
        assertEquals(new Expr.Parameter(5), select.limit());
        assertEquals(
                new Expr.InList(col("b"), List.of(new Expr.Parameter(3), new Expr.Parameter(4)), false),
                ((Binary) select.where()).right());
    }

    // ---------------------------------------------------------------- operators

    @Test
    void jsonArrowChainsAreLeftNested() {
        Expr attrsB = binary(BinaryOperator.JSON_GET, col("attrs"), text("b"));
        assertEquals(binary(BinaryOperator.JSON_GET_TEXT, attrsB, text("c")), expr("attrs->'b'->>'c'"));
        assertEquals(
                binary(BinaryOperator.JSON_GET_TEXT, binary(BinaryOperator.JSON_GET, attrsB, integer(0)), text("d")),
                expr("attrs -> 'b' -> 0 ->> 'd'"));
        assertEquals(binary(BinaryOperator.JSON_GET_TEXT, attrsB, text("c")), expr("(attrs->'b')->>'c'"));
    }

    @Test
    void jsonPathOperatorsWorkWithoutSpaces() {
        assertEquals(
                binary(BinaryOperator.JSON_PATH, col("attrs"), text("{lines,data}")), expr("attrs#>'{lines,data}'"));
        assertEquals(binary(BinaryOperator.JSON_PATH_TEXT, col("attrs"), text("{a,b}")), expr("attrs#>>'{a,b}'"));
        assertEquals(
                binary(
                        BinaryOperator.JSON_GET_TEXT,
                        binary(BinaryOperator.JSON_PATH, col("attrs"), text("{a}")),
                        text("b")),
                expr("attrs#>'{a}'->>'b'"));
    }

    @Test
    void jsonArrowsBindTighterThanComparisonsAndLogic() {
        Expr email = binary(
                BinaryOperator.JSON_GET_TEXT,
                binary(BinaryOperator.JSON_GET, col("attrs"), text("metadata")),
                text("k"));
        assertEquals(
                binary(
                        BinaryOperator.AND,
                        binary(BinaryOperator.EQUALS, email, text("x")),
                        binary(BinaryOperator.EQUALS, col("id"), new Expr.Parameter(1))),
                expr("attrs->'metadata'->>'k' = 'x' and id = ?"));
        assertEquals(new Expr.IsNull(email, true), expr("attrs->'metadata'->>'k' is not null"));
        Expr a = binary(BinaryOperator.JSON_GET_TEXT, col("attrs"), text("a"));
        assertEquals(new Expr.Like(a, text("b%"), false, false, null), expr("attrs->>'a' like 'b%'"));
        assertEquals(new Expr.InList(a, List.of(text("x")), false), expr("attrs->>'a' in ('x')"));
        assertEquals(new Expr.Between(a, text("a"), text("b"), false), expr("attrs->>'a' between 'a' and 'b'"));
        assertEquals(
                binary(
                        BinaryOperator.OR,
                        binary(BinaryOperator.EQUALS, a, text("x")),
                        binary(
                                BinaryOperator.JSON_CONTAINS,
                                binary(BinaryOperator.JSON_GET, col("attrs"), text("b")),
                                text("{}"))),
                expr("attrs->>'a' = 'x' or attrs->'b' @> '{}'"));
        assertEquals(
                new Expr.Unary(Expr.UnaryOperator.NOT, binary(BinaryOperator.EQUALS, a, text("b"))),
                expr("not attrs->>'a' = 'b'"));
    }

    @Test
    void jsonArrowsAssociateLeftWithOtherOperatorsOfTheirLevel() {
        assertEquals(
                binary(BinaryOperator.JSON_GET_TEXT, binary(BinaryOperator.CONCAT, col("x"), col("attrs")), text("a")),
                expr("x || attrs->>'a'"));
        assertEquals(
                binary(BinaryOperator.CONCAT, binary(BinaryOperator.JSON_GET, col("attrs"), text("a")), text("b")),
                expr("attrs->'a' || 'b'"));
        assertEquals(
                binary(BinaryOperator.JSON_GET, col("attrs"), binary(BinaryOperator.PLUS, integer(1), integer(1))),
                expr("attrs -> 1 + 1"),
                "+ binds tighter, as in Postgres");
        assertEquals(
                binary(
                        BinaryOperator.JSON_GET_TEXT,
                        col("attrs"),
                        new Expr.Cast(text("amount"), SqlType.NUMERIC, "numeric")),
                expr("attrs->>'amount'::numeric"),
                ":: binds tighter, as in Postgres");
        assertEquals(
                new Expr.Cast(
                        binary(BinaryOperator.JSON_GET_TEXT, col("attrs"), text("amount")), SqlType.NUMERIC, "numeric"),
                expr("(attrs->>'amount')::numeric"));
    }

    @Test
    void jsonContainmentAndKeyOperators() {
        assertEquals(
                binary(BinaryOperator.JSON_CONTAINS, col("attrs"), text("{\"a\":1}")), expr("attrs @> '{\"a\":1}'"));
        assertEquals(binary(BinaryOperator.JSON_CONTAINED_BY, col("attrs"), text("{}")), expr("attrs <@ '{}'"));
        assertEquals(
                binary(
                        BinaryOperator.JSON_HAS_ANY_KEY,
                        col("attrs"),
                        new Expr.ArrayConstructor(List.of(text("a"), text("b")))),
                expr("attrs ?| array['a', 'b']"));
        assertEquals(
                binary(BinaryOperator.JSON_HAS_ALL_KEYS, col("attrs"), new Expr.ArrayConstructor(List.of(text("a")))),
                expr("attrs ?& array['a']"));
        // jsonb "key exists" (?), written ?? in JDBC as in pgjdbc: the same as ?| with one key.
        assertEquals(
                binary(BinaryOperator.JSON_HAS_ANY_KEY, col("attrs"), new Expr.ArrayConstructor(List.of(text("a")))),
                expr("attrs ?? 'a'"));
        assertEquals(
                binary(
                        BinaryOperator.JSON_HAS_ANY_KEY,
                        col("attrs"),
                        new Expr.ArrayConstructor(List.of(new Expr.Parameter(1)))),
                expr("attrs ?? ?"));
        assertUnsupported("attrs ?? 'a'::text", "key-exists operator");
        assertUnsupported("attrs ?? lower('A')", "key-exists operator");
    }

    @Test
    void arithmeticComparisonAndConcatenation() {
        assertEquals(
                binary(BinaryOperator.PLUS, col("a"), binary(BinaryOperator.MULTIPLY, col("b"), integer(2))),
                expr("a + b * 2"));
        assertEquals(binary(BinaryOperator.MODULO, col("a"), integer(2)), expr("a % 2"));
        assertEquals(binary(BinaryOperator.DIVIDE, col("a"), integer(2)), expr("a / 2"));
        assertEquals(binary(BinaryOperator.NOT_EQUALS, col("a"), col("b")), expr("a != b"));
        assertEquals(binary(BinaryOperator.NOT_EQUALS, col("a"), col("b")), expr("a <> b"));
        assertEquals(binary(BinaryOperator.LESS_OR_EQUAL, col("a"), col("b")), expr("a <= b"));
        assertEquals(binary(BinaryOperator.GREATER_OR_EQUAL, col("a"), col("b")), expr("a >= b"));
        assertEquals(binary(BinaryOperator.CONCAT, col("a"), text("b")), expr("a || 'b'"));
        assertUnsupported("a & b", "bitwise");
    }

    @Test
    void isPredicates() {
        assertEquals(new Expr.IsNull(col("a"), false), expr("a is null"));
        assertEquals(new Expr.IsNull(col("a"), true), expr("a is not null"));
        assertEquals(new Expr.IsBoolean(col("a"), true, false), expr("a is true"));
        assertEquals(new Expr.IsBoolean(col("a"), false, true), expr("a is not false"));
        assertEquals(new Expr.IsBoolean(col("a"), null, false), expr("a is unknown"));
        assertEquals(binary(BinaryOperator.IS_DISTINCT_FROM, col("a"), col("b")), expr("a is distinct from b"));
        assertEquals(binary(BinaryOperator.IS_NOT_DISTINCT_FROM, col("a"), col("b")), expr("a is not distinct from b"));
    }

    @Test
    void patternMatching() {
        assertEquals(new Expr.Like(col("a"), text("x%"), false, false, null), expr("a like 'x%'"));
        assertEquals(new Expr.Like(col("a"), text("x%"), true, false, null), expr("a ilike 'x%'"));
        assertEquals(new Expr.Like(col("a"), text("x!%"), false, true, text("!")), expr("a not like 'x!%' escape '!'"));
        assertEquals(new Expr.Like(col("a"), text("x"), true, true, null), expr("a not ilike 'x'"));
        assertEquals(new Expr.SimilarTo(col("a"), text("(b|c)%"), false), expr("a similar to '(b|c)%'"));
        assertEquals(new Expr.SimilarTo(col("a"), text("b"), true), expr("a not similar to 'b'"));
        assertEquals(binary(BinaryOperator.REGEX_MATCH, col("a"), text("^x")), expr("a ~ '^x'"));
        assertEquals(binary(BinaryOperator.REGEX_MATCH_INSENSITIVE, col("a"), text("^x")), expr("a ~* '^x'"));
        assertEquals(binary(BinaryOperator.REGEX_NOT_MATCH, col("a"), text("^x")), expr("a !~ '^x'"));
        assertEquals(binary(BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE, col("a"), text("^x")), expr("a !~* '^x'"));
    }

    @Test
    void betweenAndIn() {
        assertEquals(new Expr.Between(col("a"), integer(1), integer(2), false), expr("a between 1 and 2"));
        assertEquals(new Expr.Between(col("a"), integer(1), integer(2), true), expr("a not between 1 and 2"));
        assertEquals(
                new Expr.InList(col("customer"), List.of(text("cus_1"), text("cus_2")), false),
                expr("customer in ('cus_1','cus_2')"));
        assertEquals(new Expr.InList(col("a"), List.of(integer(1)), true), expr("a not in (1)"));
        Expr.InSubquery in = (Expr.InSubquery) expr("a in (select b from u)");
        assertEquals(col("a"), in.value());
        assertEquals(false, in.negated());
        assertInstanceOf(Query.Select.class, in.subquery());
        assertEquals(true, ((Expr.InSubquery) expr("a not in (select b from u)")).negated());
    }

    @Test
    void quantifiedComparisons() {
        assertEquals(
                new Expr.Quantified(BinaryOperator.EQUALS, col("id"), new Expr.Parameter(1), false),
                expr("id = any(?)"));
        assertEquals(
                new Expr.Quantified(
                        BinaryOperator.GREATER,
                        col("a"),
                        new Expr.ArrayConstructor(List.of(integer(1), integer(2))),
                        true),
                expr("a > all(array[1, 2])"));
        assertEquals(
                new Expr.Quantified(BinaryOperator.NOT_EQUALS, col("a"), new Expr.Parameter(1), false),
                expr("a <> some(?)"));
        assertInstanceOf(Expr.InSubquery.class, expr("a = any(select b from u)"));
        Expr.InSubquery notIn = (Expr.InSubquery) expr("a <> all (select b from u)");
        assertEquals(true, notIn.negated());
        Expr.Quantified greater = (Expr.Quantified) expr("a > any(select b from u)");
        assertEquals(BinaryOperator.GREATER, greater.operator());
        assertEquals(false, greater.all());
        assertInstanceOf(Expr.ScalarSubquery.class, greater.array());
        assertEquals(true, ((Expr.Quantified) expr("a <= all (select b from u)")).all());
    }

    @Test
    void jsonArrowsOnTheRightOfAComparisonBindTighterThanAndOrIs() {
        Expr left =
                binary(BinaryOperator.JSON_GET_TEXT, binary(BinaryOperator.JSON_GET, col("a"), text("b")), text("c"));
        Expr right = binary(BinaryOperator.JSON_GET_TEXT, col("x"), text("y"));
        assertEquals(
                binary(BinaryOperator.AND, binary(BinaryOperator.EQUALS, left, right), col("ok")),
                expr("a->'b'->>'c' = x->>'y' and ok"));
        assertEquals(
                binary(BinaryOperator.OR, binary(BinaryOperator.LESS, col("n"), right), col("ok")),
                expr("n < x->>'y' or ok"));
        assertEquals(
                new Expr.IsNull(binary(BinaryOperator.IS_DISTINCT_FROM, col("n"), right), false),
                expr("n is distinct from x->>'y' is null"));
        assertEquals(
                binary(BinaryOperator.AND, new Expr.Like(col("n"), right, false, false, null), col("ok")),
                expr("n like x->>'y' and ok"));
        // Parentheses keep what they group.
        assertEquals(
                binary(BinaryOperator.EQUALS, col("n"), binary(BinaryOperator.AND, right, col("ok"))),
                expr("n = (x->>'y' and ok)"));
    }

    @Test
    void jsonArrowsThatJSqlParserReadsAsLambdasOrSignedChains() {
        Expr metadata = binary(BinaryOperator.JSON_GET, col("attrs"), text("metadata"));
        assertEquals(new Expr.Cast(metadata, SqlType.TEXT, "text"), expr("(attrs->'metadata')::text"));
        assertEquals(
                call("jsonb_build_object", text("m"), binary(BinaryOperator.JSON_GET, metadata, text("a"))),
                expr("jsonb_build_object('m', attrs->'metadata'->'a')"));
        assertEquals(
                binary(BinaryOperator.JSON_GET, binary(BinaryOperator.CONCAT, col("a"), col("b")), text("z")),
                expr("(a || b)->'z'"));
        assertEquals(
                binary(
                        BinaryOperator.JSON_GET_TEXT,
                        binary(BinaryOperator.JSON_GET, col("a"), integer(-1)),
                        text("id")),
                expr("a-> -1->>'id'"));
    }

    @Test
    void bareDateUnitWordsAreColumns() {
        assertEquals(col("month"), expr("month"));
    }

    @Test
    void exponentiationBindsTighterThanProducts() {
        Expr power = call("^", integer(3), integer(2));
        assertEquals(binary(BinaryOperator.MULTIPLY, integer(2), power), expr("2 * 3 ^ 2"));
        assertEquals(call("^", call("^", integer(2), integer(3)), integer(2)), expr("2 ^ 3 ^ 2"));
        assertEquals(
                binary(BinaryOperator.MULTIPLY, col("a"), call("^", call("^", col("b"), col("c")), col("d"))),
                expr("a * b ^ c ^ d"));
        assertEquals(
                call("^", binary(BinaryOperator.MULTIPLY, integer(2), integer(3)), integer(2)), expr("(2 * 3) ^ 2"));
    }

    @Test
    void subqueries() {
        Expr.Exists exists = (Expr.Exists) expr("exists (select 1 from t)");
        assertEquals(false, exists.negated());
        assertEquals(true, ((Expr.Exists) expr("not exists (select 1 from t)")).negated());
        Expr.ScalarSubquery scalar = (Expr.ScalarSubquery) expr("(select max(created) from t)");
        Query.Select inner = (Query.Select) scalar.subquery();
        assertEquals(
                call("max", col("created")), ((SelectItem.Column) inner.items().get(0)).expression());
    }

    @Test
    void casts() {
        assertEquals(new Expr.Cast(col("amount"), SqlType.NUMERIC, "numeric"), expr("amount::numeric"));
        assertEquals(new Expr.Cast(col("a"), SqlType.NUMERIC, "numeric(10,2)"), expr("a::numeric(10, 2)"));
        assertEquals(new Expr.Cast(col("a"), SqlType.TEXT, "text"), expr("cast(a as TEXT)"));
        assertEquals(
                new Expr.Cast(col("a"), SqlType.TEXT, "character varying(20)"),
                expr("cast(a as character varying(20))"));
        assertEquals(
                new Expr.Cast(col("a"), SqlType.TIMESTAMPTZ, "timestamp with time zone"),
                expr("a::timestamp with time zone"));
        assertEquals(new Expr.Cast(col("a"), SqlType.DOUBLE, "double precision"), expr("a::double precision"));
        assertEquals(new Expr.Cast(col("a"), SqlType.ARRAY, "text[]"), expr("a::text[]"));
        assertEquals(
                new Expr.Cast(text("2024-01-01"), SqlType.TIMESTAMPTZ, "timestamptz"),
                expr("'2024-01-01'::timestamptz"));
        assertEquals(new Expr.Cast(col("a"), SqlType.TEXT, "char"), expr("a::\"char\""));
    }

    @Test
    void unknownCastTypeIs42704() {
        StripeJdbcException error = failure("a::texty");
        assertEquals(SqlState.UNDEFINED_OBJECT, error.sqlState());
        assertEquals("type \"texty\" does not exist", error.getMessage());
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, failure("a::money").sqlState());
    }

    @Test
    void timeFunctionsAndExtract() {
        assertEquals(call("now"), expr("now()"));
        assertEquals(call("current_timestamp"), expr("current_timestamp"));
        assertEquals(call("current_date"), expr("CURRENT_DATE"));
        assertEquals(call("current_user"), expr("current_user"));
        assertEquals(new Expr.Extract("year", col("created")), expr("extract(year from created)"));
        assertEquals(new Expr.Extract("epoch", col("created")), expr("EXTRACT(EPOCH FROM created)"));
        assertEquals(call("timezone", text("UTC"), col("created")), expr("created at time zone 'UTC'"));
        assertEquals(call("to_timestamp", integer(1234567890)), expr("to_timestamp(1234567890)"));
    }

    @Test
    void caseExpressions() {
        assertEquals(
                new Expr.Case(
                        null,
                        List.of(new Expr.When(binary(BinaryOperator.GREATER, col("a"), integer(0)), text("pos"))),
                        text("neg")),
                expr("case when a > 0 then 'pos' else 'neg' end"));
        assertEquals(
                new Expr.Case(
                        col("a"),
                        List.of(new Expr.When(integer(1), text("one")), new Expr.When(integer(2), text("two"))),
                        null),
                expr("case a when 1 then 'one' when 2 then 'two' end"));
    }

    @Test
    void arraysSubscriptsAndRows() {
        assertEquals(new Expr.ArrayConstructor(List.of(integer(1), integer(2))), expr("array[1, 2]"));
        assertEquals(new Expr.Subscript(col("x"), integer(1)), expr("x[1]"));
        assertEquals(new Expr.Subscript(new Expr.Subscript(col("x"), integer(1)), integer(2)), expr("x[1][2]"));
        assertEquals(new Expr.RowConstructor(List.of(integer(1), integer(2))), expr("row(1, 2)"));
        assertEquals(
                binary(
                        BinaryOperator.EQUALS,
                        new Expr.RowConstructor(List.of(col("a"), col("b"))),
                        new Expr.RowConstructor(List.of(integer(1), integer(2)))),
                expr("(a, b) = (1, 2)"));
        assertEquals(new Expr.Slice(col("x"), integer(1), integer(2)), expr("x[1:2]"));
        assertEquals(new Expr.Slice(col("x"), integer(1), integer(2)), expr("x[:2]"));
        assertEquals(new Expr.Slice(col("x"), integer(2), integer(Integer.MAX_VALUE)), expr("x[2:]"));
        FunctionCall array = (FunctionCall) expr("array(select 1)");
        assertEquals("array", array.name());
        assertInstanceOf(Expr.ScalarSubquery.class, array.arguments().get(0));
    }

    @Test
    void misplacedConstructsAreSyntaxErrors() {
        assertEquals(SqlState.SYNTAX_ERROR, failure("any(x)").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure(":name").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("1 as 'alias'").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("a in ()").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("#x").sqlState(), "# never starts an identifier");
        assertUnsupported("a like any (array['x'])", "LIKE ANY");
    }
}
