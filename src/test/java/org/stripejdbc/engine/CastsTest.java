package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.engine.Sql.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Casts between types with Postgres input/output text formats and error SQLSTATEs. */
class CastsTest {
    private final Engine engine = Engine.standard();

    private String text(Expr e) {
        return engine.text(e);
    }

    @Test
    void textToIntegers() {
        assertEquals("42", text(cast(str("42"), "bigint")));
        assertEquals("42", text(cast(str(" 42 "), "integer")));
        assertEquals("-7", text(cast(str("-7"), "int")));
        assertEquals("invalid input syntax for type integer: \"abc\"",
                assertFails("22P02", () -> text(cast(str("abc"), "integer"))));
        assertEquals("invalid input syntax for type bigint: \"1.5\"",
                assertFails("22P02", () -> text(cast(str("1.5"), "bigint"))));
        assertEquals("value \"99999999999\" is out of range for type integer",
                assertFails("22003", () -> text(cast(str("99999999999"), "integer"))));
    }

    @Test
    void numericToIntegerRoundsHalfAwayFromZero() {
        assertEquals("3", text(cast(dec("2.5"), "integer")));
        assertEquals("-3", text(cast(neg(dec("2.5")), "integer")));
        assertEquals("2", text(cast(dec("2.4"), "bigint")));
    }

    @Test
    void floatToIntegerRoundsHalfToEven() {
        assertEquals("2", text(cast(cast(dec("2.5"), "float8"), "integer")));
        assertEquals("4", text(cast(cast(dec("3.5"), "float8"), "integer")));
        assertEquals("integer out of range",
                assertFails("22003", () -> text(cast(cast(str("1e10"), "float8"), "integer"))));
    }

    @Test
    void bigintToIntegerChecksRange() {
        assertEquals("integer out of range", assertFails("22003", () -> text(cast(num(3_000_000_000L), "integer"))));
    }

    @Test
    void floatToNumericKeepsFifteenDigits() {
        assertEquals("0.1", text(cast(cast(dec("0.1"), "float8"), "numeric")));
        assertEquals("0.333333333333333", text(cast(div(cast(num(1), "float8"), num(3)), "numeric")));
    }

    @Test
    void textToNumericAndDouble() {
        assertEquals("12.50", text(cast(str("12.50"), "numeric")));
        assertEquals("1000", text(cast(str("1e3"), "numeric")));
        assertEquals("Infinity", text(cast(str("infinity"), "float8")));
        assertEquals("NaN", text(cast(str("NaN"), "double precision")));
        assertEquals("1.5", text(cast(str("1.5"), "real")));
    }

    @Test
    void booleans() {
        assertEquals("t", text(cast(str("yes"), "boolean")));
        assertEquals("t", text(cast(str("TRUE"), "boolean")));
        assertEquals("t", text(cast(str(" on "), "boolean")));
        assertEquals("f", text(cast(str("off"), "boolean")));
        assertEquals("f", text(cast(str("0"), "bool")));
        assertEquals("t", text(cast(str("tr"), "bool")));
        assertEquals("invalid input syntax for type boolean: \"maybe\"",
                assertFails("22P02", () -> text(cast(str("maybe"), "boolean"))));
        assertFails("22P02", () -> text(cast(str("o"), "boolean")));
        assertEquals("true", text(cast(bool(true), "text")));
        assertEquals("t", text(cast(num(1), "boolean")));
        assertEquals("0", text(cast(bool(false), "integer")));
    }

    @Test
    void bigintToBooleanDoesNotExist() {
        assertEquals("cannot cast type bigint to boolean",
                assertFails("42846", () -> text(cast(num(5_000_000_000L), "boolean"))));
    }

    @Test
    void timestamps() {
        assertEquals("2023-11-14 22:13:20.5", text(cast(str("2023-11-14 22:13:20.5"), "timestamp")));
        assertEquals("2023-11-14 22:13:20", text(cast(str("2023-11-14T22:13:20Z"), "timestamp")));
        assertEquals("2024-01-01 00:00:00", text(cast(str("2024-01-01"), "timestamp")));
        assertEquals("2024-01-01 10:00:00", text(cast(str("2024-01-01 10:00+05"), "timestamp")));
        assertEquals("2024-01-01 05:00:00+00", text(cast(str("2024-01-01 10:00+05"), "timestamptz")));
        assertEquals("2024-01-01 10:00:00.123456", text(cast(str("2024-01-01 10:00:00.1234564"), "timestamp")));
        assertEquals("invalid input syntax for type timestamp: \"nope\"",
                assertFails("22007", () -> text(cast(str("nope"), "timestamp"))));
        assertEquals("date/time field value out of range: \"2024-02-30\"",
                assertFails("22008", () -> text(cast(str("2024-02-30"), "date"))));
        assertEquals("2023-11-14 22:13:20", text(cast(str("now"), "timestamp")));
        assertEquals("2023-11-14", text(cast(str("today"), "date")));
    }

    @Test
    void timestampConversions() {
        assertEquals("2023-11-14", text(cast(cast(str("2023-11-14 22:13:20"), "timestamp"), "date")));
        assertEquals("2023-11-14 00:00:00", text(cast(cast(str("2023-11-14"), "date"), "timestamp")));
        assertEquals("2023-11-14 22:13:20", text(cast(fn("now"), "timestamp")));
        assertEquals("22:13:20", text(cast(fn("now"), "time")));
    }

    @Test
    void intervals() {
        assertEquals("1 day 02:03:04", text(cast(str("1 day 02:03:04"), "interval")));
        assertEquals("30 days", text(cast(str("30 days"), "interval")));
        assertEquals("1 year 2 mons", text(cast(str("1 year 2 months"), "interval")));
        assertEquals("01:30:00", text(cast(str("90 minutes"), "interval")));
        assertEquals("-1 days +02:00:00", text(cast(str("-1 day 2 hours"), "interval")));
        assertEquals("1 day 12:00:00", text(cast(str("1.5 days"), "interval")));
        assertEquals("-3 days", text(cast(str("3 days ago"), "interval")));
        assertEquals("1 day 02:00:00", text(cast(str("P1DT2H"), "interval")));
        assertEquals("00:00:00", text(cast(str("0 seconds"), "interval")));
        assertEquals("invalid input syntax for type interval: \"soon\"",
                assertFails("22007", () -> text(cast(str("soon"), "interval"))));
    }

    @Test
    void jsonb() {
        assertEquals("{\"a\": 2, \"b\": 1}", text(cast(str("{\"b\":1,\"a\":2}"), "jsonb")));
        assertEquals("{\"a\": 2, \"b\": 1}", text(cast(cast(str("{\"b\":1,\"a\":2}"), "jsonb"), "text")));
        assertEquals("{\"b\":1,\"a\":2}", text(cast(str("{\"b\":1,\"a\":2}"), "json")));
        assertFails("22P02", () -> text(cast(str("{oops"), "jsonb")));
        assertEquals("12.5", text(cast(cast(str("12.5"), "jsonb"), "numeric")));
        assertEquals("13", text(cast(cast(str("12.5"), "jsonb"), "integer")));
        assertEquals("t", text(cast(cast(str("true"), "jsonb"), "boolean")));
        assertEquals("cannot cast jsonb string to type numeric",
                assertFails("22023", () -> text(cast(cast(str("\"x\""), "jsonb"), "numeric"))));
        assertEquals("cannot cast type integer to jsonb",
                assertFails("42846", () -> text(cast(num(1), "jsonb"))));
    }

    @Test
    void arrays() {
        assertEquals("{a,b}", text(cast(str("{a,b}"), "text[]")));
        assertEquals("{1,2}", text(cast(str("{1, 2}"), "bigint[]")));
        assertEquals("{a,\"b c\",NULL,\"\"}", text(cast(str("{a,\"b c\",NULL,\"\"}"), "text[]")));
        assertEquals("y", text(new Expr.Subscript(new Expr.ArrayConstructor(List.of(str("x"), str("y"))), num(2))));
        assertEquals("null", text(new Expr.Subscript(new Expr.ArrayConstructor(List.of(str("x"))), num(5))));
        assertEquals(SqlType.BIGINT, engine.type(new Expr.Subscript(cast(str("{1,2}"), "bigint[]"), num(1))));
        assertFails("22P02", () -> text(cast(str("a,b"), "text[]")));
    }

    @Test
    void uuids() {
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                text(cast(str("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"), "uuid")));
        assertEquals("invalid input syntax for type uuid: \"x\"", assertFails("22P02", () -> text(cast(str("x"), "uuid"))));
    }

    @Test
    void numbersToText() {
        assertEquals("12.50", text(cast(dec("12.50"), "text")));
        assertEquals("1e+20", text(cast(cast(dec("1e20"), "float8"), "text")));
        assertEquals("1.2345678901234568e+18", text(cast(cast(dec("1234567890123456789"), "float8"), "text")));
        assertEquals("123456789012345", text(cast(cast(dec("123456789012345"), "float8"), "text")));
        assertEquals("1e-05", text(cast(cast(dec("0.00001"), "float8"), "text")));
        assertEquals("0.0001", text(cast(cast(dec("0.0001"), "float8"), "text")));
        assertEquals("1e+06", text(cast(cast(num(1000000), "real"), "text")));
    }

    @Test
    void typedLiterals() {
        assertEquals("2024-01-01 00:00:00", text(new Expr.Literal("2024-01-01", SqlType.TIMESTAMP)));
        assertEquals("2023-11-14 22:13:20+00", text(new Expr.Literal("now", SqlType.TIMESTAMPTZ)));
        assertEquals("30 days", text(new Expr.Literal("30 days", SqlType.INTERVAL)));
        assertEquals("timestamp", engine.label(new Expr.Literal("2024-01-01", SqlType.TIMESTAMP)));
    }

    @Test
    void functionStyleCasts() {
        assertEquals("2023-11-14", text(fn("date", cast(str("2023-11-14 10:00"), "timestamp"))));
        assertEquals("5", text(fn("text", num(5))));
    }
}
