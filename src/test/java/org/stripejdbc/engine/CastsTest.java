package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Casts between types with Postgres input/output text formats and error SQLSTATEs. */
class CastsTest {
    private final Engine engine = Engine.standard();

    private String textOf(Expr e) {
        return engine.text(e);
    }

    @Test
    void textToIntegers() {
        assertEquals("42", textOf(cast(text("42"), "bigint")));
        assertEquals("42", textOf(cast(text(" 42 "), "integer")));
        assertEquals("-7", textOf(cast(text("-7"), "int")));
        assertEquals(
                "invalid input syntax for type integer: \"abc\"",
                assertFails("22P02", () -> textOf(cast(text("abc"), "integer"))));
        assertEquals(
                "invalid input syntax for type bigint: \"1.5\"",
                assertFails("22P02", () -> textOf(cast(text("1.5"), "bigint"))));
        assertEquals(
                "value \"99999999999\" is out of range for type integer",
                assertFails("22003", () -> textOf(cast(text("99999999999"), "integer"))));
    }

    @Test
    void numericToIntegerRoundsHalfAwayFromZero() {
        assertEquals("3", textOf(cast(decimal("2.5"), "integer")));
        assertEquals("-3", textOf(cast(neg(decimal("2.5")), "integer")));
        assertEquals("2", textOf(cast(decimal("2.4"), "bigint")));
    }

    @Test
    void floatToIntegerRoundsHalfToEven() {
        assertEquals("2", textOf(cast(cast(decimal("2.5"), "float8"), "integer")));
        assertEquals("4", textOf(cast(cast(decimal("3.5"), "float8"), "integer")));
        assertEquals(
                "integer out of range",
                assertFails("22003", () -> textOf(cast(cast(text("1e10"), "float8"), "integer"))));
    }

    @Test
    void bigintToIntegerChecksRange() {
        assertEquals(
                "integer out of range", assertFails("22003", () -> textOf(cast(number(3_000_000_000L), "integer"))));
    }

    @Test
    void floatToNumericKeepsFifteenDigits() {
        assertEquals("0.1", textOf(cast(cast(decimal("0.1"), "float8"), "numeric")));
        assertEquals("0.333333333333333", textOf(cast(div(cast(number(1), "float8"), number(3)), "numeric")));
    }

    @Test
    void textToNumericAndDouble() {
        assertEquals("12.50", textOf(cast(text("12.50"), "numeric")));
        assertEquals("1000", textOf(cast(text("1e3"), "numeric")));
        assertEquals("Infinity", textOf(cast(text("infinity"), "float8")));
        assertEquals("NaN", textOf(cast(text("NaN"), "double precision")));
        assertEquals("1.5", textOf(cast(text("1.5"), "real")));
    }

    @Test
    void booleans() {
        assertEquals("t", textOf(cast(text("yes"), "boolean")));
        assertEquals("t", textOf(cast(text("TRUE"), "boolean")));
        assertEquals("t", textOf(cast(text(" on "), "boolean")));
        assertEquals("f", textOf(cast(text("off"), "boolean")));
        assertEquals("f", textOf(cast(text("0"), "bool")));
        assertEquals("t", textOf(cast(text("tr"), "bool")));
        assertEquals(
                "invalid input syntax for type boolean: \"maybe\"",
                assertFails("22P02", () -> textOf(cast(text("maybe"), "boolean"))));
        assertFails("22P02", () -> textOf(cast(text("o"), "boolean")));
        assertEquals("true", textOf(cast(bool(true), "text")));
        assertEquals("t", textOf(cast(number(1), "boolean")));
        assertEquals("0", textOf(cast(bool(false), "integer")));
    }

    @Test
    void bigintToBooleanDoesNotExist() {
        assertEquals(
                "cannot cast type bigint to boolean",
                assertFails("42846", () -> textOf(cast(number(5_000_000_000L), "boolean"))));
    }

    @Test
    void timestamps() {
        assertEquals("2023-11-14 22:13:20.5", textOf(cast(text("2023-11-14 22:13:20.5"), "timestamp")));
        assertEquals("2023-11-14 22:13:20", textOf(cast(text("2023-11-14T22:13:20Z"), "timestamp")));
        assertEquals("2024-01-01 00:00:00", textOf(cast(text("2024-01-01"), "timestamp")));
        assertEquals("2024-01-01 10:00:00", textOf(cast(text("2024-01-01 10:00+05"), "timestamp")));
        assertEquals("2024-01-01 05:00:00+00", textOf(cast(text("2024-01-01 10:00+05"), "timestamptz")));
        assertEquals("2024-01-01 10:00:00.123456", textOf(cast(text("2024-01-01 10:00:00.1234564"), "timestamp")));
        assertEquals(
                "invalid input syntax for type timestamp: \"nope\"",
                assertFails("22007", () -> textOf(cast(text("nope"), "timestamp"))));
        assertEquals(
                "date/time field value out of range: \"2024-02-30\"",
                assertFails("22008", () -> textOf(cast(text("2024-02-30"), "date"))));
        assertEquals("2023-11-14 22:13:20", textOf(cast(text("now"), "timestamp")));
        assertEquals("2023-11-14", textOf(cast(text("today"), "date")));
    }

    @Test
    void timestampConversions() {
        assertEquals("2023-11-14", textOf(cast(cast(text("2023-11-14 22:13:20"), "timestamp"), "date")));
        assertEquals("2023-11-14 00:00:00", textOf(cast(cast(text("2023-11-14"), "date"), "timestamp")));
        assertEquals("2023-11-14 22:13:20", textOf(cast(fn("now"), "timestamp")));
        assertEquals("22:13:20", textOf(cast(fn("now"), "time")));
    }

    @Test
    void intervals() {
        assertEquals("1 day 02:03:04", textOf(cast(text("1 day 02:03:04"), "interval")));
        assertEquals("30 days", textOf(cast(text("30 days"), "interval")));
        assertEquals("1 year 2 mons", textOf(cast(text("1 year 2 months"), "interval")));
        assertEquals("01:30:00", textOf(cast(text("90 minutes"), "interval")));
        assertEquals("-1 days +02:00:00", textOf(cast(text("-1 day 2 hours"), "interval")));
        assertEquals("1 day 12:00:00", textOf(cast(text("1.5 days"), "interval")));
        assertEquals("-3 days", textOf(cast(text("3 days ago"), "interval")));
        assertEquals("1 day 02:00:00", textOf(cast(text("P1DT2H"), "interval")));
        assertEquals("00:00:00", textOf(cast(text("0 seconds"), "interval")));
        assertEquals(
                "invalid input syntax for type interval: \"soon\"",
                assertFails("22007", () -> textOf(cast(text("soon"), "interval"))));
    }

    @Test
    void jsonb() {
        assertEquals("{\"a\": 2, \"b\": 1}", textOf(cast(text("{\"b\":1,\"a\":2}"), "jsonb")));
        assertEquals("{\"a\": 2, \"b\": 1}", textOf(cast(cast(text("{\"b\":1,\"a\":2}"), "jsonb"), "text")));
        assertEquals("{\"b\":1,\"a\":2}", textOf(cast(text("{\"b\":1,\"a\":2}"), "json")));
        assertFails("22P02", () -> textOf(cast(text("{oops"), "jsonb")));
        assertEquals("12.5", textOf(cast(cast(text("12.5"), "jsonb"), "numeric")));
        assertEquals("13", textOf(cast(cast(text("12.5"), "jsonb"), "integer")));
        assertEquals("t", textOf(cast(cast(text("true"), "jsonb"), "boolean")));
        assertEquals(
                "cannot cast jsonb string to type numeric",
                assertFails("22023", () -> textOf(cast(cast(text("\"x\""), "jsonb"), "numeric"))));
        assertEquals("cannot cast type integer to jsonb", assertFails("42846", () -> textOf(cast(number(1), "jsonb"))));
    }

    @Test
    void arrays() {
        assertEquals("{a,b}", textOf(cast(text("{a,b}"), "text[]")));
        assertEquals("{1,2}", textOf(cast(text("{1, 2}"), "bigint[]")));
        assertEquals("{a,\"b c\",NULL,\"\"}", textOf(cast(text("{a,\"b c\",NULL,\"\"}"), "text[]")));
        assertEquals(
                "y", textOf(new Expr.Subscript(new Expr.ArrayConstructor(List.of(text("x"), text("y"))), number(2))));
        assertEquals("null", textOf(new Expr.Subscript(new Expr.ArrayConstructor(List.of(text("x"))), number(5))));
        assertEquals(SqlType.BIGINT, engine.type(new Expr.Subscript(cast(text("{1,2}"), "bigint[]"), number(1))));
        assertFails("22P02", () -> textOf(cast(text("a,b"), "text[]")));
    }

    @Test
    void uuids() {
        assertEquals(
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                textOf(cast(text("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), "uuid")));
        assertEquals(
                "invalid input syntax for type uuid: \"x\"",
                assertFails("22P02", () -> textOf(cast(text("x"), "uuid"))));
    }

    @Test
    void numbersToText() {
        assertEquals("12.50", textOf(cast(decimal("12.50"), "text")));
        assertEquals("1e+20", textOf(cast(cast(decimal("1e20"), "float8"), "text")));
        assertEquals("1.2345678901234568e+18", textOf(cast(cast(decimal("1234567890123456789"), "float8"), "text")));
        assertEquals("123456789012345", textOf(cast(cast(decimal("123456789012345"), "float8"), "text")));
        assertEquals("1e-05", textOf(cast(cast(decimal("0.00001"), "float8"), "text")));
        assertEquals("0.0001", textOf(cast(cast(decimal("0.0001"), "float8"), "text")));
        assertEquals("1e+06", textOf(cast(cast(number(1000000), "real"), "text")));
    }

    @Test
    void typedLiterals() {
        assertEquals("2024-01-01 00:00:00", textOf(new Expr.Literal("2024-01-01", SqlType.TIMESTAMP)));
        assertEquals("2023-11-14 22:13:20+00", textOf(new Expr.Literal("now", SqlType.TIMESTAMPTZ)));
        assertEquals("30 days", textOf(new Expr.Literal("30 days", SqlType.INTERVAL)));
        assertEquals("timestamp", engine.label(new Expr.Literal("2024-01-01", SqlType.TIMESTAMP)));
    }

    @Test
    void functionStyleCasts() {
        assertEquals("2023-11-14", textOf(fn("date", cast(text("2023-11-14 10:00"), "timestamp"))));
        assertEquals("5", textOf(fn("text", number(5))));
    }
}
