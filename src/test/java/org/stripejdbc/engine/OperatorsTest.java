package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.SqlType;

/** Operators with Postgres typing, NULL semantics and error SQLSTATEs, checked through {@code select <expr>}. */
class OperatorsTest {
    private final Engine engine = Engine.standard();

    private String textOf(Expr e) {
        return engine.text(e);
    }

    // ---------------------------------------------------------------- arithmetic

    @Test
    void integerDivisionTruncatesTowardZero() {
        assertEquals("3", textOf(div(number(7), number(2))));
        assertEquals("-3", textOf(div(neg(number(7)), number(2))));
        assertEquals(SqlType.INTEGER, engine.type(div(number(7), number(2))));
    }

    @Test
    void moduloTakesTheSignOfTheDividend() {
        assertEquals("1", textOf(mod(number(7), number(3))));
        assertEquals("-1", textOf(mod(neg(number(7)), number(3))));
        assertEquals("1.5", textOf(mod(decimal("7.5"), number(2))));
    }

    @Test
    void integerOverflowIsAnError() {
        assertEquals("integer out of range", assertFails("22003", () -> textOf(plus(number(2147483647), number(1)))));
        assertEquals(
                "bigint out of range", assertFails("22003", () -> textOf(plus(number(Long.MAX_VALUE), number(1)))));
        assertEquals("2147483648", textOf(plus(cast(number(2147483647), "bigint"), number(1))));
    }

    @Test
    void divisionByZeroIsAnError() {
        assertEquals("division by zero", assertFails("22012", () -> textOf(div(number(1), number(0)))));
        assertFails("22012", () -> textOf(div(decimal("1.0"), number(0))));
        assertFails("22012", () -> textOf(div(cast(number(1), "float8"), number(0))));
        assertFails("22012", () -> textOf(mod(number(1), number(0))));
    }

    @Test
    void numericDivisionUsesPostgresScale() {
        assertEquals("0.33333333333333333333", textOf(div(cast(number(1), "numeric"), number(3))));
        assertEquals("2.5000000000000000", textOf(div(cast(number(10), "numeric"), number(4))));
        assertEquals("3333.3333333333333333", textOf(div(decimal("10000"), number(3))));
        assertEquals("0.000033333333333333333333", textOf(div(number(1), decimal("30000"))));
    }

    @Test
    void numericAdditionAndMultiplicationKeepScale() {
        assertEquals("2.750", textOf(times(decimal("2.5"), decimal("1.10"))));
        assertEquals("2.5", textOf(plus(decimal("1.5"), number(1))));
        assertEquals(SqlType.NUMERIC, engine.type(plus(decimal("1.5"), number(1))));
        assertEquals(SqlType.BIGINT, engine.type(plus(number(1), number(5_000_000_000L))));
    }

    @Test
    void floatArithmeticPrintsShortestDigits() {
        assertEquals(
                "0.30000000000000004", textOf(plus(cast(decimal("0.1"), "float8"), cast(decimal("0.2"), "float8"))));
        assertEquals(SqlType.DOUBLE, engine.type(plus(number(1), cast(decimal("1.5"), "float8"))));
        assertEquals("1e+20", textOf(cast(decimal("100000000000000000000"), "float8")));
        assertEquals("1", textOf(cast(decimal("1.0"), "float8")));
    }

    @Test
    void floatModuloDoesNotExist() {
        assertEquals(
                "operator does not exist: double precision % integer",
                assertFails("42883", () -> textOf(mod(cast(number(5), "float8"), number(2)))));
    }

    @Test
    void unknownLiteralTakesTheOtherOperandsType() {
        assertEquals("8", textOf(plus(text("5"), number(3))));
        assertEquals(
                "invalid input syntax for type integer: \"abc\"",
                assertFails("22P02", () -> textOf(plus(text("abc"), number(3)))));
    }

    @Test
    void unaryMinusOfTheSmallestIntegerLiteral() {
        assertEquals("-2147483648", textOf(neg(number(2147483648L))));
        assertEquals(SqlType.INTEGER, engine.type(neg(number(2147483648L))));
    }

    // ---------------------------------------------------------------- date/time arithmetic

    @Test
    void timestampMinusIntervalLiteral() {
        assertEquals("2023-10-15 22:13:20+00", textOf(minus(fn("now"), cast(text("30 days"), "interval"))));
        assertEquals("2023-11-15 22:13:20+00", textOf(plus(fn("now"), text("1 day"))));
    }

    @Test
    void timestamptzMinusUnknownParsesItAsATimestamp() {
        // Postgres resolves "timestamptz - unknown" as timestamptz - timestamptz.
        assertEquals(
                "invalid input syntax for type timestamp with time zone: \"1 day\"",
                assertFails("22007", () -> textOf(minus(fn("now"), text("1 day")))));
    }

    @Test
    void monthArithmeticClampsToTheMonthEnd() {
        assertEquals(
                "2024-02-29 00:00:00",
                textOf(plus(cast(text("2024-01-31"), "timestamp"), cast(text("1 month"), "interval"))));
    }

    @Test
    void dateArithmetic() {
        assertEquals("29", textOf(minus(cast(text("2024-03-01"), "date"), cast(text("2024-02-01"), "date"))));
        assertEquals("2024-03-08", textOf(plus(cast(text("2024-03-01"), "date"), number(7))));
        assertEquals(
                "2024-02-29 12:00:00",
                textOf(minus(cast(text("2024-03-01"), "date"), cast(text("12 hours"), "interval"))));
    }

    @Test
    void timestampDifferenceIsDaysAndTime() {
        assertEquals(
                "2 days 10:00:00",
                textOf(minus(cast(text("2024-01-03 10:00"), "timestamp"), cast(text("2024-01-01"), "timestamp"))));
        assertEquals(
                "-00:30:00",
                textOf(minus(
                        cast(text("2024-01-01 00:00"), "timestamp"), cast(text("2024-01-01 00:30"), "timestamp"))));
    }

    @Test
    void intervalTimesNumberSpillsFractions() {
        assertEquals("1 day 12:00:00", textOf(times(cast(text("1 day"), "interval"), decimal("1.5"))));
        assertEquals("15 days", textOf(times(cast(text("1 month"), "interval"), decimal("0.5"))));
        assertEquals("00:20:00", textOf(div(cast(text("1 hour"), "interval"), number(3))));
    }

    // ---------------------------------------------------------------- comparison and logic

    @Test
    void comparingTextWithIntegerDoesNotExist() {
        assertEquals(
                "operator does not exist: text > integer",
                assertFails("42883", () -> textOf(gt(cast(text("a"), "text"), number(1)))));
    }

    @Test
    void threeValuedLogic() {
        assertEquals("f", textOf(and(nullValue(), bool(false))));
        assertEquals("null", textOf(and(nullValue(), bool(true))));
        assertEquals("t", textOf(or(nullValue(), bool(true))));
        assertEquals("null", textOf(or(nullValue(), bool(false))));
        assertEquals("null", textOf(not(nullValue())));
        assertEquals("null", textOf(eq(nullValue(), nullValue())));
        assertEquals("null", textOf(eq(number(1), nullValue())));
    }

    @Test
    void andRequiresBooleans() {
        assertEquals(
                "argument of AND must be type boolean, not type integer",
                assertFails("42804", () -> textOf(and(number(1), bool(true)))));
    }

    @Test
    void isDistinctFromTreatsNullsAsValues() {
        assertEquals("f", textOf(op(BinaryOperator.IS_DISTINCT_FROM, nullValue(), nullValue())));
        assertEquals("t", textOf(op(BinaryOperator.IS_DISTINCT_FROM, number(1), nullValue())));
        assertEquals("t", textOf(op(BinaryOperator.IS_NOT_DISTINCT_FROM, number(1), decimal("1.0"))));
    }

    @Test
    void isTrueFalseUnknown() {
        assertEquals("f", textOf(new Expr.IsBoolean(nullValue(), true, false)));
        assertEquals("t", textOf(new Expr.IsBoolean(nullValue(), true, true)));
        assertEquals("t", textOf(new Expr.IsBoolean(nullValue(), null, false)));
        assertEquals("t", textOf(new Expr.IsBoolean(bool(false), false, false)));
        assertEquals("f", textOf(new Expr.IsBoolean(bool(true), null, false)));
    }

    @Test
    void isNullTests() {
        assertEquals("t", textOf(isNull(nullValue())));
        assertEquals("f", textOf(isNotNull(nullValue())));
        assertEquals("t", textOf(isNotNull(number(0))));
    }

    @Test
    void inListFollowsNullSemantics() {
        assertEquals("t", textOf(in(number(1), number(1), nullValue())));
        assertEquals("null", textOf(in(number(2), number(1), nullValue())));
        assertEquals("null", textOf(notIn(number(2), number(1), nullValue())));
        assertEquals("t", textOf(notIn(number(2), number(1), number(3))));
        assertEquals("null", textOf(in(nullValue(), number(1))));
        assertEquals("t", textOf(in(decimal("1.0"), number(1), number(2))));
        assertEquals(
                "invalid input syntax for type integer: \"x\"",
                assertFails("22P02", () -> textOf(in(number(1), text("x")))));
    }

    @Test
    void between() {
        assertEquals("t", textOf(new Expr.Between(number(5), number(1), number(10), false)));
        assertEquals("f", textOf(new Expr.Between(number(5), number(1), number(10), true)));
        assertEquals("null", textOf(new Expr.Between(nullValue(), number(1), number(10), false)));
        assertEquals("f", textOf(new Expr.Between(number(0), nullValue(), number(-1), false)));
    }

    @Test
    void rowComparison() {
        Expr left = new Expr.RowConstructor(List.of(number(1), number(2)));
        assertEquals("t", textOf(eq(left, new Expr.RowConstructor(List.of(number(1), number(2))))));
        assertEquals("t", textOf(lt(left, new Expr.RowConstructor(List.of(number(1), number(3))))));
        assertEquals("null", textOf(eq(left, new Expr.RowConstructor(List.of(number(1), nullValue())))));
        assertEquals("f", textOf(eq(left, new Expr.RowConstructor(List.of(number(2), nullValue())))));
    }

    @Test
    void quantifiedComparisonOverArrays() {
        Expr array = new Expr.ArrayConstructor(List.of(number(1), number(2), number(3)));
        assertEquals("t", textOf(new Expr.Quantified(BinaryOperator.EQUALS, number(2), array, false)));
        assertEquals("f", textOf(new Expr.Quantified(BinaryOperator.GREATER, number(2), array, true)));
        assertEquals("t", textOf(new Expr.Quantified(BinaryOperator.EQUALS, text("b"), text("{a,b}"), false)));
        assertEquals(
                "null",
                textOf(new Expr.Quantified(
                        BinaryOperator.EQUALS,
                        number(9),
                        new Expr.ArrayConstructor(List.of(number(1), nullValue())),
                        false)));
    }

    // ---------------------------------------------------------------- text

    @Test
    void concatenation() {
        assertEquals("ab", textOf(concat(text("a"), text("b"))));
        assertEquals("x1", textOf(concat(text("x"), number(1))));
        assertEquals("truex", textOf(concat(bool(true), text("x"))));
        assertEquals("null", textOf(concat(text("a"), nullValue())));
        assertEquals(
                "operator does not exist: integer || integer",
                assertFails("42883", () -> textOf(concat(number(1), number(2)))));
    }

    @Test
    void likeWithWildcardsAndEscapes() {
        assertEquals("t", textOf(like(text("abc"), text("a%"))));
        assertEquals("t", textOf(like(text("abc"), text("a_c"))));
        assertEquals("t", textOf(like(text("a_c"), text("a\\_c"))));
        assertEquals("f", textOf(like(text("abc"), text("a\\_c"))));
        assertEquals("t", textOf(like(text("a%\nb"), text("a%%"))));
        assertEquals("t", textOf(new Expr.Like(text("ABC"), text("a%"), true, false, null)));
        assertEquals("f", textOf(new Expr.Like(text("ABC"), text("a%"), false, false, null)));
        assertEquals("t", textOf(new Expr.Like(text("a%c"), text("a!%c"), false, false, text("!"))));
        assertEquals("t", textOf(new Expr.Like(text("abc"), text("x%"), false, true, null)));
        assertEquals("null", textOf(like(nullValue(), text("a"))));
        assertEquals("t", textOf(new Expr.Like(text("a\\b"), text("a\\b"), false, false, text(""))));
        assertFails("22000", () -> textOf(like(text("abc"), text("ab\\"))));
    }

    @Test
    void likeOnIntegerDoesNotExist() {
        assertEquals(
                "operator does not exist: integer ~~ unknown",
                assertFails("42883", () -> textOf(like(number(1), text("1")))));
    }

    @Test
    void regularExpressions() {
        assertEquals("t", textOf(op(BinaryOperator.REGEX_MATCH, text("abc"), text("b"))));
        assertEquals("f", textOf(op(BinaryOperator.REGEX_MATCH, text("ABC"), text("b"))));
        assertEquals("t", textOf(op(BinaryOperator.REGEX_MATCH_INSENSITIVE, text("ABC"), text("b"))));
        assertEquals("t", textOf(op(BinaryOperator.REGEX_NOT_MATCH, text("abc"), text("^b"))));
        assertEquals("f", textOf(op(BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE, text("ABC"), text("^a"))));
        assertEquals("t", textOf(op(BinaryOperator.REGEX_MATCH, text("cus_123"), text("^cus_[[:digit:]]+$"))));
        assertFails("2201B", () -> textOf(op(BinaryOperator.REGEX_MATCH, text("abc"), text("("))));
    }

    @Test
    void similarTo() {
        assertEquals("t", textOf(new Expr.SimilarTo(text("abc"), text("a%"), false)));
        assertEquals("t", textOf(new Expr.SimilarTo(text("abc"), text("(a|x)bc"), false)));
        assertEquals("f", textOf(new Expr.SimilarTo(text("abc"), text("a.c"), false)));
    }

    // ---------------------------------------------------------------- CASE and friends

    @Test
    void caseExpressions() {
        assertEquals("b", textOf(caseWhen(gt(number(1), number(2)), text("a"), text("b"))));
        assertEquals(SqlType.TEXT, engine.type(caseWhen(gt(number(1), number(2)), text("a"), text("b"))));
        Expr simple = new Expr.Case(number(1), List.of(new Expr.When(number(1), text("one"))), null);
        assertEquals("one", textOf(simple));
        Expr noMatch = new Expr.Case(number(2), List.of(new Expr.When(number(1), text("one"))), null);
        assertEquals("null", textOf(noMatch));
        assertEquals(
                "invalid input syntax for type integer: \"x\"",
                assertFails("22P02", () -> textOf(caseWhen(bool(true), number(1), text("x")))));
        assertEquals(
                "CASE types integer and text cannot be matched",
                assertFails("42804", () -> textOf(caseWhen(bool(true), number(1), cast(text("x"), "text")))));
    }

    @Test
    void caseEvaluatesOnlyTheChosenBranch() {
        assertEquals("1", textOf(caseWhen(bool(true), number(1), div(number(1), number(0)))));
    }

    @Test
    void coalesceNullifGreatestLeast() {
        assertEquals("2", textOf(fn("coalesce", nullValue(), number(2), number(3))));
        assertEquals("null", textOf(fn("coalesce", nullValue(), nullValue())));
        assertEquals(SqlType.TEXT, engine.type(fn("coalesce", nullValue(), nullValue())));
        assertEquals("null", textOf(fn("nullif", number(1), number(1))));
        assertEquals("1", textOf(fn("nullif", number(1), number(2))));
        assertEquals("5", textOf(fn("greatest", number(1), number(5), nullValue(), number(3))));
        assertEquals("a", textOf(fn("least", text("b"), text("a"))));
        assertEquals("2.5", textOf(fn("greatest", number(1), decimal("2.5"))));
        assertEquals(SqlType.NUMERIC, engine.type(fn("greatest", number(1), decimal("2.5"))));
        assertEquals("null", textOf(fn("greatest", nullValue(), nullValue())));
    }

    // ---------------------------------------------------------------- json operators

    private static Expr jsonb(String text) {
        return cast(text(text), "jsonb");
    }

    @Test
    void jsonArrows() {
        Expr doc = jsonb("{\"a\": {\"b\": [1, 2]}, \"s\": \"x\", \"n\": null}");
        assertEquals("{\"b\": [1, 2]}", textOf(arrow(doc, "a")));
        assertEquals("2", textOf(arrowText(arrow(arrow(doc, "a"), "b"), 1L)));
        assertEquals("2", textOf(arrowText(arrow(arrow(doc, "a"), "b"), -1L)));
        assertEquals("x", textOf(arrowText(doc, "s")));
        assertEquals("\"x\"", textOf(arrow(doc, "s")));
        assertEquals("null", textOf(arrowText(doc, "n")));
        assertEquals("null", textOf(arrow(doc, "missing")));
        assertEquals("null", textOf(arrow(arrow(doc, "s"), "x")));
        assertEquals(SqlType.TEXT, engine.type(arrowText(doc, "s")));
    }

    @Test
    void jsonPaths() {
        Expr doc = jsonb("{\"lines\": {\"data\": [{\"amount\": 5}]}}");
        assertEquals("[{\"amount\": 5}]", textOf(op(BinaryOperator.JSON_PATH, doc, text("{lines,data}"))));
        assertEquals("5", textOf(op(BinaryOperator.JSON_PATH_TEXT, doc, text("{lines,data,0,amount}"))));
        assertEquals("null", textOf(op(BinaryOperator.JSON_PATH, doc, text("{lines,nope}"))));
        assertEquals(
                "5",
                textOf(op(
                        BinaryOperator.JSON_PATH_TEXT,
                        doc,
                        new Expr.ArrayConstructor(List.of(text("lines"), text("data"), text("0"), text("amount"))))));
    }

    @Test
    void jsonContainmentAndKeys() {
        Expr doc = jsonb("{\"a\": 1, \"tags\": [\"x\", \"y\"]}");
        assertEquals("t", textOf(op(BinaryOperator.JSON_CONTAINS, doc, text("{\"tags\": [\"y\"]}"))));
        assertEquals("f", textOf(op(BinaryOperator.JSON_CONTAINS, doc, text("{\"a\": 2}"))));
        assertEquals("t", textOf(op(BinaryOperator.JSON_CONTAINED_BY, text("{\"a\": 1}"), doc)));
        assertEquals("t", textOf(op(BinaryOperator.JSON_CONTAINS, jsonb("[1, 2, 3]"), text("[3, 1]"))));
        assertEquals("t", textOf(op(BinaryOperator.JSON_HAS_KEY, doc, text("a"))));
        assertEquals("f", textOf(op(BinaryOperator.JSON_HAS_KEY, doc, text("x"))));
        assertEquals("t", textOf(op(BinaryOperator.JSON_HAS_ANY_KEY, doc, text("{x,a}"))));
        assertEquals("f", textOf(op(BinaryOperator.JSON_HAS_ALL_KEYS, doc, text("{x,a}"))));
    }

    @Test
    void jsonConcatenation() {
        assertEquals("{\"a\": 1, \"b\": 2}", textOf(concat(jsonb("{\"a\": 1}"), text("{\"b\": 2}"))));
        assertEquals("{\"a\": 3}", textOf(concat(jsonb("{\"a\": 1}"), jsonb("{\"a\": 3}"))));
        assertEquals("[1, 2]", textOf(concat(jsonb("[1]"), jsonb("2"))));
        assertEquals("{\"a\": 1}x", textOf(concat(jsonb("{\"a\": 1}"), cast(text("x"), "text"))));
        assertEquals("{\"b\": 2}", textOf(minus(jsonb("{\"a\": 1, \"b\": 2}"), text("a"))));
    }

    @Test
    void arrowOnTextDoesNotExist() {
        assertEquals(
                "operator does not exist: text -> unknown",
                assertFails("42883", () -> textOf(arrow(cast(text("{}"), "text"), "a"))));
    }
}
