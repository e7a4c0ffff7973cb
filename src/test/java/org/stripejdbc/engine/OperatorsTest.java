package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.engine.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.SqlType;

/** Operators with Postgres typing, NULL semantics and error SQLSTATEs, checked through {@code select <expr>}. */
class OperatorsTest {
    private final Engine engine = Engine.standard();

    private String text(Expr e) {
        return engine.text(e);
    }

    // ---------------------------------------------------------------- arithmetic

    @Test
    void integerDivisionTruncatesTowardZero() {
        assertEquals("3", text(div(num(7), num(2))));
        assertEquals("-3", text(div(neg(num(7)), num(2))));
        assertEquals(SqlType.INTEGER, engine.type(div(num(7), num(2))));
    }

    @Test
    void moduloTakesTheSignOfTheDividend() {
        assertEquals("1", text(mod(num(7), num(3))));
        assertEquals("-1", text(mod(neg(num(7)), num(3))));
        assertEquals("1.5", text(mod(dec("7.5"), num(2))));
    }

    @Test
    void integerOverflowIsAnError() {
        assertEquals("integer out of range", assertFails("22003", () -> text(plus(num(2147483647), num(1)))));
        assertEquals("bigint out of range",
                assertFails("22003", () -> text(plus(num(Long.MAX_VALUE), num(1)))));
        assertEquals("2147483648", text(plus(cast(num(2147483647), "bigint"), num(1))));
    }

    @Test
    void divisionByZeroIsAnError() {
        assertEquals("division by zero", assertFails("22012", () -> text(div(num(1), num(0)))));
        assertFails("22012", () -> text(div(dec("1.0"), num(0))));
        assertFails("22012", () -> text(div(cast(num(1), "float8"), num(0))));
        assertFails("22012", () -> text(mod(num(1), num(0))));
    }

    @Test
    void numericDivisionUsesPostgresScale() {
        assertEquals("0.33333333333333333333", text(div(cast(num(1), "numeric"), num(3))));
        assertEquals("2.5000000000000000", text(div(cast(num(10), "numeric"), num(4))));
        assertEquals("3333.3333333333333333", text(div(dec("10000"), num(3))));
        assertEquals("0.000033333333333333333333", text(div(num(1), dec("30000"))));
    }

    @Test
    void numericAdditionAndMultiplicationKeepScale() {
        assertEquals("2.750", text(times(dec("2.5"), dec("1.10"))));
        assertEquals("2.5", text(plus(dec("1.5"), num(1))));
        assertEquals(SqlType.NUMERIC, engine.type(plus(dec("1.5"), num(1))));
        assertEquals(SqlType.BIGINT, engine.type(plus(num(1), num(5_000_000_000L))));
    }

    @Test
    void floatArithmeticPrintsShortestDigits() {
        assertEquals("0.30000000000000004", text(plus(cast(dec("0.1"), "float8"), cast(dec("0.2"), "float8"))));
        assertEquals(SqlType.DOUBLE, engine.type(plus(num(1), cast(dec("1.5"), "float8"))));
        assertEquals("1e+20", text(cast(dec("100000000000000000000"), "float8")));
        assertEquals("1", text(cast(dec("1.0"), "float8")));
    }

    @Test
    void floatModuloDoesNotExist() {
        assertEquals("operator does not exist: double precision % integer",
                assertFails("42883", () -> text(mod(cast(num(5), "float8"), num(2)))));
    }

    @Test
    void unknownLiteralTakesTheOtherOperandsType() {
        assertEquals("8", text(plus(str("5"), num(3))));
        assertEquals("invalid input syntax for type integer: \"abc\"",
                assertFails("22P02", () -> text(plus(str("abc"), num(3)))));
    }

    @Test
    void unaryMinusOfTheSmallestIntegerLiteral() {
        assertEquals("-2147483648", text(neg(num(2147483648L))));
        assertEquals(SqlType.INTEGER, engine.type(neg(num(2147483648L))));
    }

    // ---------------------------------------------------------------- date/time arithmetic

    @Test
    void timestampMinusIntervalLiteral() {
        assertEquals("2023-10-15 22:13:20+00", text(minus(fn("now"), cast(str("30 days"), "interval"))));
        assertEquals("2023-11-15 22:13:20+00", text(plus(fn("now"), str("1 day"))));
    }

    @Test
    void timestamptzMinusUnknownParsesItAsATimestamp() {
        // Postgres resolves "timestamptz - unknown" as timestamptz - timestamptz.
        assertEquals("invalid input syntax for type timestamp with time zone: \"1 day\"",
                assertFails("22007", () -> text(minus(fn("now"), str("1 day")))));
    }

    @Test
    void monthArithmeticClampsToTheMonthEnd() {
        assertEquals("2024-02-29 00:00:00", text(plus(cast(str("2024-01-31"), "timestamp"),
                cast(str("1 month"), "interval"))));
    }

    @Test
    void dateArithmetic() {
        assertEquals("29", text(minus(cast(str("2024-03-01"), "date"), cast(str("2024-02-01"), "date"))));
        assertEquals("2024-03-08", text(plus(cast(str("2024-03-01"), "date"), num(7))));
        assertEquals("2024-02-29 12:00:00", text(minus(cast(str("2024-03-01"), "date"),
                cast(str("12 hours"), "interval"))));
    }

    @Test
    void timestampDifferenceIsDaysAndTime() {
        assertEquals("2 days 10:00:00", text(minus(cast(str("2024-01-03 10:00"), "timestamp"),
                cast(str("2024-01-01"), "timestamp"))));
        assertEquals("-00:30:00", text(minus(cast(str("2024-01-01 00:00"), "timestamp"),
                cast(str("2024-01-01 00:30"), "timestamp"))));
    }

    @Test
    void intervalTimesNumberSpillsFractions() {
        assertEquals("1 day 12:00:00", text(times(cast(str("1 day"), "interval"), dec("1.5"))));
        assertEquals("15 days", text(times(cast(str("1 month"), "interval"), dec("0.5"))));
        assertEquals("00:20:00", text(div(cast(str("1 hour"), "interval"), num(3))));
    }

    // ---------------------------------------------------------------- comparison and logic

    @Test
    void comparingTextWithIntegerDoesNotExist() {
        assertEquals("operator does not exist: text > integer",
                assertFails("42883", () -> text(gt(cast(str("a"), "text"), num(1)))));
    }

    @Test
    void threeValuedLogic() {
        assertEquals("f", text(and(nul(), bool(false))));
        assertEquals("null", text(and(nul(), bool(true))));
        assertEquals("t", text(or(nul(), bool(true))));
        assertEquals("null", text(or(nul(), bool(false))));
        assertEquals("null", text(not(nul())));
        assertEquals("null", text(eq(nul(), nul())));
        assertEquals("null", text(eq(num(1), nul())));
    }

    @Test
    void andRequiresBooleans() {
        assertEquals("argument of AND must be type boolean, not type integer",
                assertFails("42804", () -> text(and(num(1), bool(true)))));
    }

    @Test
    void isDistinctFromTreatsNullsAsValues() {
        assertEquals("f", text(op(BinaryOperator.IS_DISTINCT_FROM, nul(), nul())));
        assertEquals("t", text(op(BinaryOperator.IS_DISTINCT_FROM, num(1), nul())));
        assertEquals("t", text(op(BinaryOperator.IS_NOT_DISTINCT_FROM, num(1), dec("1.0"))));
    }

    @Test
    void isTrueFalseUnknown() {
        assertEquals("f", text(new Expr.IsBoolean(nul(), true, false)));
        assertEquals("t", text(new Expr.IsBoolean(nul(), true, true)));
        assertEquals("t", text(new Expr.IsBoolean(nul(), null, false)));
        assertEquals("t", text(new Expr.IsBoolean(bool(false), false, false)));
        assertEquals("f", text(new Expr.IsBoolean(bool(true), null, false)));
    }

    @Test
    void isNullTests() {
        assertEquals("t", text(isNull(nul())));
        assertEquals("f", text(isNotNull(nul())));
        assertEquals("t", text(isNotNull(num(0))));
    }

    @Test
    void inListFollowsNullSemantics() {
        assertEquals("t", text(in(num(1), num(1), nul())));
        assertEquals("null", text(in(num(2), num(1), nul())));
        assertEquals("null", text(notIn(num(2), num(1), nul())));
        assertEquals("t", text(notIn(num(2), num(1), num(3))));
        assertEquals("null", text(in(nul(), num(1))));
        assertEquals("t", text(in(dec("1.0"), num(1), num(2))));
        assertEquals("invalid input syntax for type integer: \"x\"",
                assertFails("22P02", () -> text(in(num(1), str("x")))));
    }

    @Test
    void between() {
        assertEquals("t", text(new Expr.Between(num(5), num(1), num(10), false)));
        assertEquals("f", text(new Expr.Between(num(5), num(1), num(10), true)));
        assertEquals("null", text(new Expr.Between(nul(), num(1), num(10), false)));
        assertEquals("f", text(new Expr.Between(num(0), nul(), num(-1), false)));
    }

    @Test
    void rowComparison() {
        Expr left = new Expr.RowConstructor(List.of(num(1), num(2)));
        assertEquals("t", text(eq(left, new Expr.RowConstructor(List.of(num(1), num(2))))));
        assertEquals("t", text(lt(left, new Expr.RowConstructor(List.of(num(1), num(3))))));
        assertEquals("null", text(eq(left, new Expr.RowConstructor(List.of(num(1), nul())))));
        assertEquals("f", text(eq(left, new Expr.RowConstructor(List.of(num(2), nul())))));
    }

    @Test
    void quantifiedComparisonOverArrays() {
        Expr array = new Expr.ArrayConstructor(List.of(num(1), num(2), num(3)));
        assertEquals("t", text(new Expr.Quantified(BinaryOperator.EQUALS, num(2), array, false)));
        assertEquals("f", text(new Expr.Quantified(BinaryOperator.GREATER, num(2), array, true)));
        assertEquals("t", text(new Expr.Quantified(BinaryOperator.EQUALS, str("b"), str("{a,b}"), false)));
        assertEquals("null", text(new Expr.Quantified(BinaryOperator.EQUALS, num(9),
                new Expr.ArrayConstructor(List.of(num(1), nul())), false)));
    }

    // ---------------------------------------------------------------- text

    @Test
    void concatenation() {
        assertEquals("ab", text(concat(str("a"), str("b"))));
        assertEquals("x1", text(concat(str("x"), num(1))));
        assertEquals("truex", text(concat(bool(true), str("x"))));
        assertEquals("null", text(concat(str("a"), nul())));
        assertEquals("operator does not exist: integer || integer",
                assertFails("42883", () -> text(concat(num(1), num(2)))));
    }

    @Test
    void likeWithWildcardsAndEscapes() {
        assertEquals("t", text(like(str("abc"), str("a%"))));
        assertEquals("t", text(like(str("abc"), str("a_c"))));
        assertEquals("t", text(like(str("a_c"), str("a\\_c"))));
        assertEquals("f", text(like(str("abc"), str("a\\_c"))));
        assertEquals("t", text(like(str("a%\nb"), str("a%%"))));
        assertEquals("t", text(new Expr.Like(str("ABC"), str("a%"), true, false, null)));
        assertEquals("f", text(new Expr.Like(str("ABC"), str("a%"), false, false, null)));
        assertEquals("t", text(new Expr.Like(str("a%c"), str("a!%c"), false, false, str("!"))));
        assertEquals("t", text(new Expr.Like(str("abc"), str("x%"), false, true, null)));
        assertEquals("null", text(like(nul(), str("a"))));
        assertEquals("t", text(new Expr.Like(str("a\\b"), str("a\\b"), false, false, str(""))));
        assertFails("22000", () -> text(like(str("abc"), str("ab\\"))));
    }

    @Test
    void likeOnIntegerDoesNotExist() {
        assertEquals("operator does not exist: integer ~~ unknown",
                assertFails("42883", () -> text(like(num(1), str("1")))));
    }

    @Test
    void regularExpressions() {
        assertEquals("t", text(op(BinaryOperator.REGEX_MATCH, str("abc"), str("b"))));
        assertEquals("f", text(op(BinaryOperator.REGEX_MATCH, str("ABC"), str("b"))));
        assertEquals("t", text(op(BinaryOperator.REGEX_MATCH_INSENSITIVE, str("ABC"), str("b"))));
        assertEquals("t", text(op(BinaryOperator.REGEX_NOT_MATCH, str("abc"), str("^b"))));
        assertEquals("f", text(op(BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE, str("ABC"), str("^a"))));
        assertEquals("t", text(op(BinaryOperator.REGEX_MATCH, str("cus_123"), str("^cus_[[:digit:]]+$"))));
        assertFails("2201B", () -> text(op(BinaryOperator.REGEX_MATCH, str("abc"), str("("))));
    }

    @Test
    void similarTo() {
        assertEquals("t", text(new Expr.SimilarTo(str("abc"), str("a%"), false)));
        assertEquals("t", text(new Expr.SimilarTo(str("abc"), str("(a|x)bc"), false)));
        assertEquals("f", text(new Expr.SimilarTo(str("abc"), str("a.c"), false)));
    }

    // ---------------------------------------------------------------- CASE and friends

    @Test
    void caseExpressions() {
        assertEquals("b", text(caseWhen(gt(num(1), num(2)), str("a"), str("b"))));
        assertEquals(SqlType.TEXT, engine.type(caseWhen(gt(num(1), num(2)), str("a"), str("b"))));
        Expr simple = new Expr.Case(num(1), List.of(new Expr.When(num(1), str("one"))), null);
        assertEquals("one", text(simple));
        Expr noMatch = new Expr.Case(num(2), List.of(new Expr.When(num(1), str("one"))), null);
        assertEquals("null", text(noMatch));
        assertEquals("invalid input syntax for type integer: \"x\"",
                assertFails("22P02", () -> text(caseWhen(bool(true), num(1), str("x")))));
        assertEquals("CASE types integer and text cannot be matched",
                assertFails("42804", () -> text(caseWhen(bool(true), num(1), cast(str("x"), "text")))));
    }

    @Test
    void caseEvaluatesOnlyTheChosenBranch() {
        assertEquals("1", text(caseWhen(bool(true), num(1), div(num(1), num(0)))));
    }

    @Test
    void coalesceNullifGreatestLeast() {
        assertEquals("2", text(fn("coalesce", nul(), num(2), num(3))));
        assertEquals("null", text(fn("coalesce", nul(), nul())));
        assertEquals(SqlType.TEXT, engine.type(fn("coalesce", nul(), nul())));
        assertEquals("null", text(fn("nullif", num(1), num(1))));
        assertEquals("1", text(fn("nullif", num(1), num(2))));
        assertEquals("5", text(fn("greatest", num(1), num(5), nul(), num(3))));
        assertEquals("a", text(fn("least", str("b"), str("a"))));
        assertEquals("2.5", text(fn("greatest", num(1), dec("2.5"))));
        assertEquals(SqlType.NUMERIC, engine.type(fn("greatest", num(1), dec("2.5"))));
        assertEquals("null", text(fn("greatest", nul(), nul())));
    }

    // ---------------------------------------------------------------- json operators

    private static Expr jsonb(String text) {
        return cast(str(text), "jsonb");
    }

    @Test
    void jsonArrows() {
        Expr doc = jsonb("{\"a\": {\"b\": [1, 2]}, \"s\": \"x\", \"n\": null}");
        assertEquals("{\"b\": [1, 2]}", text(arrow(doc, "a")));
        assertEquals("2", text(arrowText(arrow(arrow(doc, "a"), "b"), 1L)));
        assertEquals("2", text(arrowText(arrow(arrow(doc, "a"), "b"), -1L)));
        assertEquals("x", text(arrowText(doc, "s")));
        assertEquals("\"x\"", text(arrow(doc, "s")));
        assertEquals("null", text(arrowText(doc, "n")));
        assertEquals("null", text(arrow(doc, "missing")));
        assertEquals("null", text(arrow(arrow(doc, "s"), "x")));
        assertEquals(SqlType.TEXT, engine.type(arrowText(doc, "s")));
    }

    @Test
    void jsonPaths() {
        Expr doc = jsonb("{\"lines\": {\"data\": [{\"amount\": 5}]}}");
        assertEquals("[{\"amount\": 5}]", text(op(BinaryOperator.JSON_PATH, doc, str("{lines,data}"))));
        assertEquals("5", text(op(BinaryOperator.JSON_PATH_TEXT, doc, str("{lines,data,0,amount}"))));
        assertEquals("null", text(op(BinaryOperator.JSON_PATH, doc, str("{lines,nope}"))));
        assertEquals("5", text(op(BinaryOperator.JSON_PATH_TEXT, doc,
                new Expr.ArrayConstructor(List.of(str("lines"), str("data"), str("0"), str("amount"))))));
    }

    @Test
    void jsonContainmentAndKeys() {
        Expr doc = jsonb("{\"a\": 1, \"tags\": [\"x\", \"y\"]}");
        assertEquals("t", text(op(BinaryOperator.JSON_CONTAINS, doc, str("{\"tags\": [\"y\"]}"))));
        assertEquals("f", text(op(BinaryOperator.JSON_CONTAINS, doc, str("{\"a\": 2}"))));
        assertEquals("t", text(op(BinaryOperator.JSON_CONTAINED_BY, str("{\"a\": 1}"), doc)));
        assertEquals("t", text(op(BinaryOperator.JSON_CONTAINS, jsonb("[1, 2, 3]"), str("[3, 1]"))));
        assertEquals("t", text(op(BinaryOperator.JSON_HAS_KEY, doc, str("a"))));
        assertEquals("f", text(op(BinaryOperator.JSON_HAS_KEY, doc, str("x"))));
        assertEquals("t", text(op(BinaryOperator.JSON_HAS_ANY_KEY, doc, str("{x,a}"))));
        assertEquals("f", text(op(BinaryOperator.JSON_HAS_ALL_KEYS, doc, str("{x,a}"))));
    }

    @Test
    void jsonConcatenation() {
        assertEquals("{\"a\": 1, \"b\": 2}", text(concat(jsonb("{\"a\": 1}"), str("{\"b\": 2}"))));
        assertEquals("{\"a\": 3}", text(concat(jsonb("{\"a\": 1}"), jsonb("{\"a\": 3}"))));
        assertEquals("[1, 2]", text(concat(jsonb("[1]"), jsonb("2"))));
        assertEquals("{\"a\": 1}x", text(concat(jsonb("{\"a\": 1}"), cast(str("x"), "text"))));
        assertEquals("{\"b\": 2}", text(minus(jsonb("{\"a\": 1, \"b\": 2}"), str("a"))));
    }

    @Test
    void arrowOnTextDoesNotExist() {
        assertEquals("operator does not exist: text -> unknown",
                assertFails("42883", () -> text(arrow(cast(str("{}"), "text"), "a"))));
    }
}
