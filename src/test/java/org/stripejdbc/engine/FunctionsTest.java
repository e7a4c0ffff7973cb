package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.engine.Sql.*;

import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Scalar functions (text, math, date/time, json) with Postgres results, NULL handling and errors. */
class FunctionsTest {
    private final Engine engine = Engine.standard();

    private String text(Expr e) {
        return engine.text(e);
    }

    private static Expr ts(String text) {
        return cast(str(text), "timestamp");
    }

    private static Expr jsonb(String text) {
        return cast(str(text), "jsonb");
    }

    // ---------------------------------------------------------------- text

    @Test
    void caseAndLength() {
        assertEquals("abc", text(fn("lower", str("ABC"))));
        assertEquals("ÉCOLE", text(fn("upper", str("école"))));
        assertEquals("5", text(fn("length", str("héllo"))));
        assertEquals("1", text(fn("char_length", str("😀"))));
        assertEquals("4", text(fn("octet_length", str("😀"))));
        assertEquals("null", text(fn("lower", nul())));
    }

    @Test
    void unknownFunctionsAndArgumentTypes() {
        assertEquals("function lower(integer) does not exist", assertFails("42883", () -> text(fn("lower", num(123)))));
        assertEquals("function foo(bigint) does not exist",
                assertFails("42883", () -> text(fn("foo", num(5_000_000_000L)))));
        assertEquals("function foo(unknown) does not exist", assertFails("42883", () -> text(fn("foo", str("x")))));
        assertEquals("function length(jsonb) does not exist",
                assertFails("42883", () -> text(fn("length", jsonb("[]")))));
    }

    @Test
    void substrings() {
        assertEquals("ell", text(fn("substring", str("hello"), num(2), num(3))));
        assertEquals("he", text(fn("substring", str("hello"), num(0), num(3))));
        assertEquals("hello", text(fn("substring", str("hello"), neg(num(1)))));
        assertEquals("", text(fn("substring", str("hello"), num(9))));
        assertEquals("llo", text(fn("substr", str("hello"), num(3))));
        assertEquals("123", text(fn("substring", str("cus_123"), str("[0-9]+"))));
        assertEquals("negative substring length not allowed",
                assertFails("22000", () -> text(fn("substring", str("hello"), num(1), neg(num(1))))));
    }

    @Test
    void positionReplaceTrim() {
        assertEquals("3", text(fn("position", str("l"), str("hello"))));
        assertEquals("0", text(fn("position", str("z"), str("hello"))));
        assertEquals("3", text(fn("strpos", str("hello"), str("l"))));
        assertEquals("aXcaXc", text(fn("replace", str("abcabc"), str("b"), str("X"))));
        assertEquals("x", text(fn("trim", str("  x  "))));
        assertEquals("a", text(fn("btrim", str("xxaxx"), str("x"))));
        assertEquals("ax", text(fn("ltrim", str("xxax"), str("x"))));
        assertEquals("  x", text(fn("rtrim", str("  x  "))));
    }

    @Test
    void splitPart() {
        assertEquals("b", text(fn("split_part", str("a,b,c"), str(","), num(2))));
        assertEquals("c", text(fn("split_part", str("a,b,c"), str(","), neg(num(1)))));
        assertEquals("", text(fn("split_part", str("a,b,c"), str(","), num(5))));
        assertEquals("field position must not be zero",
                assertFails("22023", () -> text(fn("split_part", str("a,b"), str(","), num(0)))));
    }

    @Test
    void concatAndFriends() {
        assertEquals("a1t", text(fn("concat", str("a"), nul(), num(1), bool(true))));
        assertEquals("a,b", text(fn("concat_ws", str(","), str("a"), nul(), str("b"))));
        assertEquals("Hello World-Foo", text(fn("initcap", str("hello wORLD-foo"))));
        assertEquals("he", text(fn("left", str("hello"), num(2))));
        assertEquals("hel", text(fn("left", str("hello"), neg(num(2)))));
        assertEquals("lo", text(fn("right", str("hello"), num(2))));
        assertEquals("005", text(fn("lpad", str("5"), num(3), str("0"))));
        assertEquals("a", text(fn("rpad", str("ab"), num(1))));
        assertEquals("cba", text(fn("reverse", str("abc"))));
        assertEquals("abab", text(fn("repeat", str("ab"), num(2))));
        assertEquals("t", text(fn("starts_with", str("cus_1"), str("cus_"))));
    }

    @Test
    void overlay() {
        assertEquals("Thomas", text(fn("overlay", str("Txxxxas"), str("hom"), num(2), num(4))));
        assertEquals("abXYe", text(fn("overlay", str("abcde"), str("XY"), num(3))));
    }

    @Test
    void regexpFunctions() {
        assertEquals("X-X", text(fn("regexp_replace", str("a-b"), str("[a-z]"), str("X"), str("g"))));
        assertEquals("X-b", text(fn("regexp_replace", str("a-b"), str("[a-z]"), str("X"))));
        assertEquals("b-a", text(fn("regexp_replace", str("a-b"), str("(.)-(.)"), str("\\2-\\1"))));
        assertEquals("{cus,12}", text(fn("regexp_match", str("cus_12"), str("([a-z]+)_([0-9]+)"))));
        assertEquals("{a,b,c}", text(fn("string_to_array", str("a,b,c"), str(","))));
        assertEquals("a-c", text(fn("array_to_string", cast(str("{a,NULL,c}"), "text[]"), str("-"))));
    }

    // ---------------------------------------------------------------- math

    @Test
    void rounding() {
        assertEquals("3", text(fn("round", dec("2.5"))));
        assertEquals("-3", text(fn("round", neg(dec("2.5")))));
        assertEquals("2", text(fn("round", cast(dec("2.5"), "float8"))));
        assertEquals("2.57", text(fn("round", dec("2.567"), num(2))));
        assertEquals("1200", text(fn("round", dec("1249.5"), neg(num(2)))));
        assertEquals("2.500", text(fn("round", dec("2.5"), num(3))));
        assertEquals(SqlType.DOUBLE, engine.type(fn("round", num(5))));
        assertEquals("function round(double precision, integer) does not exist",
                assertFails("42883", () -> text(fn("round", cast(dec("1.5"), "float8"), num(1)))));
    }

    @Test
    void ceilFloorTruncAbs() {
        assertEquals("3", text(fn("ceil", dec("2.1"))));
        assertEquals("-2", text(fn("ceil", dec("-2.9"))));
        assertEquals("2", text(fn("floor", dec("2.9"))));
        assertEquals("-3", text(fn("floor", dec("-2.1"))));
        assertEquals("2.56", text(fn("trunc", dec("2.567"), num(2))));
        assertEquals("5", text(fn("abs", neg(num(5)))));
        assertEquals(SqlType.INTEGER, engine.type(fn("abs", neg(num(5)))));
        assertEquals("1.5", text(fn("abs", dec("-1.5"))));
        assertEquals("integer out of range", assertFails("22003", () -> text(fn("abs", neg(num(2147483648L))))));
        assertEquals("1", text(fn("mod", num(10), num(3))));
        assertEquals("1024", text(fn("power", num(2), num(10))));
        assertEquals("3", text(fn("sqrt", num(9))));
    }

    // ---------------------------------------------------------------- date and time

    @Test
    void nowIsTheStatementTime() {
        assertEquals("2023-11-14 22:13:20+00", text(fn("now")));
        assertEquals("2023-11-14 22:13:20+00", text(fn("current_timestamp")));
        assertEquals("2023-11-14", text(fn("current_date")));
        assertEquals(SqlType.TIMESTAMPTZ, engine.type(fn("now")));
    }

    @Test
    void toTimestamp() {
        assertEquals("2023-11-14 22:13:20+00", text(fn("to_timestamp", num(1700000000))));
        assertEquals("2023-11-14 22:13:20.5+00", text(fn("to_timestamp", dec("1700000000.5"))));
        assertEquals("1970-01-01 00:00:00+00", text(fn("to_timestamp", num(0))));
        assertEquals(SqlType.TIMESTAMPTZ, engine.type(fn("to_timestamp", num(0))));
    }

    @Test
    void dateTrunc() {
        assertEquals("2024-03-01 00:00:00", text(fn("date_trunc", str("month"), ts("2024-03-15 10:20"))));
        assertEquals("2024-03-11 00:00:00", text(fn("date_trunc", str("week"), ts("2024-03-14 10:20"))));
        assertEquals("2024-01-01 00:00:00", text(fn("date_trunc", str("quarter"), ts("2024-03-14"))));
        assertEquals("2024-03-14 10:00:00", text(fn("date_trunc", str("HOUR"), ts("2024-03-14 10:20:30"))));
        assertEquals("2023-11-01 00:00:00+00", text(fn("date_trunc", str("month"), fn("now"))));
        assertEquals("timestamp units \"fortnight\" not recognized",
                assertFails("22023", () -> text(fn("date_trunc", str("fortnight"), ts("2024-03-14")))));
    }

    @Test
    void extractAndDatePart() {
        Expr moment = ts("2023-11-14 22:13:20.5");
        assertEquals("2023", text(new Expr.Extract("year", moment)));
        assertEquals("11", text(new Expr.Extract("month", moment)));
        assertEquals("2", text(new Expr.Extract("dow", moment)));
        assertEquals("20.500000", text(new Expr.Extract("second", moment)));
        assertEquals("1700000000.500000", text(new Expr.Extract("epoch", moment)));
        assertEquals("4", text(new Expr.Extract("quarter", moment)));
        assertEquals("46", text(new Expr.Extract("week", moment)));
        assertEquals(SqlType.NUMERIC, engine.type(new Expr.Extract("year", moment)));
        assertEquals("2023", text(fn("date_part", str("year"), moment)));
        assertEquals(SqlType.DOUBLE, engine.type(fn("date_part", str("year"), moment)));
        assertEquals("86400.000000", text(new Expr.Extract("epoch", cast(str("1 day"), "interval"))));
        assertEquals("1699920000", text(new Expr.Extract("epoch", cast(str("2023-11-14"), "date"))));
        assertEquals("unit \"hour\" not supported for type date",
                assertFails("0A000", () -> text(new Expr.Extract("hour", cast(str("2023-11-14"), "date")))));
    }

    @Test
    void atTimeZone() {
        assertEquals("2023-11-14 17:13:20", text(fn("timezone", str("America/New_York"), fn("now"))));
        assertEquals("2023-11-14 17:13:20", text(fn("timezone", str("+05"), fn("now"))));
        assertEquals("2024-01-01 05:00:00+00", text(fn("timezone", str("america/new_york"),
                ts("2024-01-01 00:00"))));
        assertEquals("2023-11-14 22:13:20", text(fn("timezone", str("UTC"), fn("now"))));
        assertEquals("time zone \"Mars/Base\" not recognized",
                assertFails("22023", () -> text(fn("timezone", str("Mars/Base"), fn("now")))));
        assertEquals("22:13:20", text(fn("localtime")));
        assertFails("0A000", () -> text(fn("current_time")));
    }

    @Test
    void age() {
        assertEquals("1 year 1 mon 26 days", text(fn("age", ts("2024-03-15"), ts("2023-01-20"))));
        assertEquals("-1 years -1 mons -26 days", text(fn("age", ts("2023-01-20"), ts("2024-03-15"))));
    }

    @Test
    void toChar() {
        assertEquals("2023-11", text(fn("to_char", ts("2023-11-14 22:13:20"), str("YYYY-MM"))));
        assertEquals("Tue 14 Nov 2023 10:13 PM", text(fn("to_char", ts("2023-11-14 22:13:20"),
                str("Dy DD Mon YYYY HH12:MI AM"))));
        assertEquals("November  14", text(fn("to_char", ts("2023-11-14"), str("Month DD"))));
        assertEquals("November 14", text(fn("to_char", ts("2023-11-14"), str("FMMonth DD"))));
        assertEquals("Q4 of 2023", text(fn("to_char", ts("2023-11-14"), str("\"Q\"Q \"of\" YYYY"))));
        assertEquals("1st 02ND 3rd 11th 12TH 13th 22nd", text(fn("to_char", ts("2023-01-02 03:00:00"),
                str("FMMMth DDTH FMHH24th \"11th\" \"12TH\" \"13th\" \"22nd\""))));
        assertEquals("21st of November", text(fn("to_char", ts("2023-11-21"), str("FMDDth \"of\" FMMonth"))));
    }

    // ---------------------------------------------------------------- json

    @Test
    void jsonFunctions() {
        assertEquals("3", text(fn("jsonb_array_length", jsonb("[1,2,3]"))));
        assertEquals("cannot get array length of a non-array",
                assertFails("22023", () -> text(fn("jsonb_array_length", jsonb("{}")))));
        assertEquals("number", text(fn("jsonb_typeof", jsonb("1.5"))));
        assertEquals("object", text(fn("jsonb_typeof", jsonb("{}"))));
        assertEquals("x", text(fn("jsonb_extract_path_text", jsonb("{\"a\":{\"b\":\"x\"}}"), str("a"), str("b"))));
        assertEquals("{\"b\": \"x\"}", text(fn("jsonb_extract_path", jsonb("{\"a\":{\"b\":\"x\"}}"), str("a"))));
        assertEquals("{\"a\": 1, \"b\": null}", text(fn("jsonb_build_object", str("a"), num(1), str("b"), nul())));
        assertEquals("[1, \"x\", null]", text(fn("jsonb_build_array", num(1), str("x"), nul())));
        assertEquals("\"2023-11-14T22:13:20+00:00\"", text(fn("to_jsonb", fn("now"))));
        assertEquals("{\"a\": 1}", text(fn("jsonb_strip_nulls", jsonb("{\"a\":1,\"b\":null}"))));
        assertEquals("{\n    \"a\": [\n        1\n    ]\n}", text(fn("jsonb_pretty", jsonb("{\"a\":[1]}"))));
    }

    @Test
    void pgTypeof() {
        assertEquals("integer", text(fn("pg_typeof", num(1))));
        assertEquals("timestamp with time zone", text(fn("pg_typeof", fn("now"))));
        assertEquals("unknown", text(fn("pg_typeof", str("x"))));
    }
}
