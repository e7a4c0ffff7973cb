package org.stripejdbc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stripejdbc.engine.Engine.assertFails;
import static org.stripejdbc.testkit.Sql.*;

import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Scalar functions (text, math, date/time, json) with Postgres results, NULL handling and errors. */
class FunctionsTest {
    private final Engine engine = Engine.standard();

    private String textOf(Expr e) {
        return engine.text(e);
    }

    private static Expr ts(String text) {
        return cast(text(text), "timestamp");
    }

    private static Expr jsonb(String text) {
        return cast(text(text), "jsonb");
    }

    // ---------------------------------------------------------------- text

    @Test
    void caseAndLength() {
        assertEquals("abc", textOf(fn("lower", text("ABC"))));
        assertEquals("ÉCOLE", textOf(fn("upper", text("école"))));
        assertEquals("5", textOf(fn("length", text("héllo"))));
        assertEquals("1", textOf(fn("char_length", text("😀"))));
        assertEquals("4", textOf(fn("octet_length", text("😀"))));
        assertEquals("null", textOf(fn("lower", nullValue())));
    }

    @Test
    void unknownFunctionsAndArgumentTypes() {
        assertEquals(
                "function lower(integer) does not exist", assertFails("42883", () -> textOf(fn("lower", number(123)))));
        assertEquals(
                "function foo(bigint) does not exist",
                assertFails("42883", () -> textOf(fn("foo", number(5_000_000_000L)))));
        assertEquals("function foo(unknown) does not exist", assertFails("42883", () -> textOf(fn("foo", text("x")))));
        assertEquals(
                "function length(jsonb) does not exist", assertFails("42883", () -> textOf(fn("length", jsonb("[]")))));
    }

    @Test
    void substrings() {
        assertEquals("ell", textOf(fn("substring", text("hello"), number(2), number(3))));
        assertEquals("he", textOf(fn("substring", text("hello"), number(0), number(3))));
        assertEquals("hello", textOf(fn("substring", text("hello"), neg(number(1)))));
        assertEquals("", textOf(fn("substring", text("hello"), number(9))));
        assertEquals("llo", textOf(fn("substr", text("hello"), number(3))));
        assertEquals("123", textOf(fn("substring", text("cus_123"), text("[0-9]+"))));
        assertEquals(
                "negative substring length not allowed",
                assertFails("22000", () -> textOf(fn("substring", text("hello"), number(1), neg(number(1))))));
    }

    @Test
    void positionReplaceTrim() {
        assertEquals("3", textOf(fn("position", text("l"), text("hello"))));
        assertEquals("0", textOf(fn("position", text("z"), text("hello"))));
        assertEquals("3", textOf(fn("strpos", text("hello"), text("l"))));
        assertEquals("aXcaXc", textOf(fn("replace", text("abcabc"), text("b"), text("X"))));
        assertEquals("x", textOf(fn("trim", text("  x  "))));
        assertEquals("a", textOf(fn("btrim", text("xxaxx"), text("x"))));
        assertEquals("ax", textOf(fn("ltrim", text("xxax"), text("x"))));
        assertEquals("  x", textOf(fn("rtrim", text("  x  "))));
    }

    @Test
    void splitPart() {
        assertEquals("b", textOf(fn("split_part", text("a,b,c"), text(","), number(2))));
        assertEquals("c", textOf(fn("split_part", text("a,b,c"), text(","), neg(number(1)))));
        assertEquals("", textOf(fn("split_part", text("a,b,c"), text(","), number(5))));
        assertEquals(
                "field position must not be zero",
                assertFails("22023", () -> textOf(fn("split_part", text("a,b"), text(","), number(0)))));
    }

    @Test
    void concatAndFriends() {
        assertEquals("a1t", textOf(fn("concat", text("a"), nullValue(), number(1), bool(true))));
        assertEquals("a,b", textOf(fn("concat_ws", text(","), text("a"), nullValue(), text("b"))));
        assertEquals("Hello World-Foo", textOf(fn("initcap", text("hello wORLD-foo"))));
        assertEquals("he", textOf(fn("left", text("hello"), number(2))));
        assertEquals("hel", textOf(fn("left", text("hello"), neg(number(2)))));
        assertEquals("lo", textOf(fn("right", text("hello"), number(2))));
        assertEquals("005", textOf(fn("lpad", text("5"), number(3), text("0"))));
        assertEquals("a", textOf(fn("rpad", text("ab"), number(1))));
        assertEquals("cba", textOf(fn("reverse", text("abc"))));
        assertEquals("abab", textOf(fn("repeat", text("ab"), number(2))));
        assertEquals("t", textOf(fn("starts_with", text("cus_1"), text("cus_"))));
    }

    @Test
    void overlay() {
        assertEquals("Thomas", textOf(fn("overlay", text("Txxxxas"), text("hom"), number(2), number(4))));
        assertEquals("abXYe", textOf(fn("overlay", text("abcde"), text("XY"), number(3))));
    }

    @Test
    void regexpFunctions() {
        assertEquals("X-X", textOf(fn("regexp_replace", text("a-b"), text("[a-z]"), text("X"), text("g"))));
        assertEquals("X-b", textOf(fn("regexp_replace", text("a-b"), text("[a-z]"), text("X"))));
        assertEquals("b-a", textOf(fn("regexp_replace", text("a-b"), text("(.)-(.)"), text("\\2-\\1"))));
        assertEquals("{cus,12}", textOf(fn("regexp_match", text("cus_12"), text("([a-z]+)_([0-9]+)"))));
        assertEquals("{a,b,c}", textOf(fn("string_to_array", text("a,b,c"), text(","))));
        assertEquals("a-c", textOf(fn("array_to_string", cast(text("{a,NULL,c}"), "text[]"), text("-"))));
    }

    // ---------------------------------------------------------------- math

    @Test
    void rounding() {
        assertEquals("3", textOf(fn("round", decimal("2.5"))));
        assertEquals("-3", textOf(fn("round", neg(decimal("2.5")))));
        assertEquals("2", textOf(fn("round", cast(decimal("2.5"), "float8"))));
        assertEquals("2.57", textOf(fn("round", decimal("2.567"), number(2))));
        assertEquals("1200", textOf(fn("round", decimal("1249.5"), neg(number(2)))));
        assertEquals("2.500", textOf(fn("round", decimal("2.5"), number(3))));
        assertEquals(SqlType.DOUBLE, engine.type(fn("round", number(5))));
        assertEquals(
                "function round(double precision, integer) does not exist",
                assertFails("42883", () -> textOf(fn("round", cast(decimal("1.5"), "float8"), number(1)))));
    }

    @Test
    void ceilFloorTruncAbs() {
        assertEquals("3", textOf(fn("ceil", decimal("2.1"))));
        assertEquals("-2", textOf(fn("ceil", decimal("-2.9"))));
        assertEquals("2", textOf(fn("floor", decimal("2.9"))));
        assertEquals("-3", textOf(fn("floor", decimal("-2.1"))));
        assertEquals("2.56", textOf(fn("trunc", decimal("2.567"), number(2))));
        assertEquals("5", textOf(fn("abs", neg(number(5)))));
        assertEquals(SqlType.INTEGER, engine.type(fn("abs", neg(number(5)))));
        assertEquals("1.5", textOf(fn("abs", decimal("-1.5"))));
        assertEquals("integer out of range", assertFails("22003", () -> textOf(fn("abs", neg(number(2147483648L))))));
        assertEquals("1", textOf(fn("mod", number(10), number(3))));
        assertEquals("1024", textOf(fn("power", number(2), number(10))));
        assertEquals("3", textOf(fn("sqrt", number(9))));
    }

    // ---------------------------------------------------------------- date and time

    @Test
    void nowIsTheStatementTime() {
        assertEquals("2023-11-14 22:13:20+00", textOf(fn("now")));
        assertEquals("2023-11-14 22:13:20+00", textOf(fn("current_timestamp")));
        assertEquals("2023-11-14", textOf(fn("current_date")));
        assertEquals(SqlType.TIMESTAMPTZ, engine.type(fn("now")));
    }

    @Test
    void toTimestamp() {
        assertEquals("2023-11-14 22:13:20+00", textOf(fn("to_timestamp", number(1700000000))));
        assertEquals("2023-11-14 22:13:20.5+00", textOf(fn("to_timestamp", decimal("1700000000.5"))));
        assertEquals("1970-01-01 00:00:00+00", textOf(fn("to_timestamp", number(0))));
        assertEquals(SqlType.TIMESTAMPTZ, engine.type(fn("to_timestamp", number(0))));
    }

    @Test
    void dateTrunc() {
        assertEquals("2024-03-01 00:00:00", textOf(fn("date_trunc", text("month"), ts("2024-03-15 10:20"))));
        assertEquals("2024-03-11 00:00:00", textOf(fn("date_trunc", text("week"), ts("2024-03-14 10:20"))));
        assertEquals("2024-01-01 00:00:00", textOf(fn("date_trunc", text("quarter"), ts("2024-03-14"))));
        assertEquals("2024-03-14 10:00:00", textOf(fn("date_trunc", text("HOUR"), ts("2024-03-14 10:20:30"))));
        assertEquals("2023-11-01 00:00:00+00", textOf(fn("date_trunc", text("month"), fn("now"))));
        assertEquals(
                "timestamp units \"fortnight\" not recognized",
                assertFails("22023", () -> textOf(fn("date_trunc", text("fortnight"), ts("2024-03-14")))));
    }

    @Test
    void extractAndDatePart() {
        Expr moment = ts("2023-11-14 22:13:20.5");
        assertEquals("2023", textOf(new Expr.Extract("year", moment)));
        assertEquals("11", textOf(new Expr.Extract("month", moment)));
        assertEquals("2", textOf(new Expr.Extract("dow", moment)));
        assertEquals("20.500000", textOf(new Expr.Extract("second", moment)));
        assertEquals("1700000000.500000", textOf(new Expr.Extract("epoch", moment)));
        assertEquals("4", textOf(new Expr.Extract("quarter", moment)));
        assertEquals("46", textOf(new Expr.Extract("week", moment)));
        assertEquals(SqlType.NUMERIC, engine.type(new Expr.Extract("year", moment)));
        assertEquals("2023", textOf(fn("date_part", text("year"), moment)));
        assertEquals(SqlType.DOUBLE, engine.type(fn("date_part", text("year"), moment)));
        assertEquals("86400.000000", textOf(new Expr.Extract("epoch", cast(text("1 day"), "interval"))));
        assertEquals("1699920000", textOf(new Expr.Extract("epoch", cast(text("2023-11-14"), "date"))));
        assertEquals(
                "unit \"hour\" not supported for type date",
                assertFails("0A000", () -> textOf(new Expr.Extract("hour", cast(text("2023-11-14"), "date")))));
    }

    @Test
    void atTimeZone() {
        assertEquals("2023-11-14 17:13:20", textOf(fn("timezone", text("America/New_York"), fn("now"))));
        assertEquals("2023-11-14 17:13:20", textOf(fn("timezone", text("+05"), fn("now"))));
        assertEquals(
                "2024-01-01 05:00:00+00", textOf(fn("timezone", text("america/new_york"), ts("2024-01-01 00:00"))));
        assertEquals("2023-11-14 22:13:20", textOf(fn("timezone", text("UTC"), fn("now"))));
        assertEquals(
                "time zone \"Mars/Base\" not recognized",
                assertFails("22023", () -> textOf(fn("timezone", text("Mars/Base"), fn("now")))));
        assertEquals("22:13:20", textOf(fn("localtime")));
        assertFails("0A000", () -> textOf(fn("current_time")));
    }

    @Test
    void age() {
        assertEquals("1 year 1 mon 26 days", textOf(fn("age", ts("2024-03-15"), ts("2023-01-20"))));
        assertEquals("-1 years -1 mons -26 days", textOf(fn("age", ts("2023-01-20"), ts("2024-03-15"))));
        // the day borrowed is the earlier value's month (January: 31 days), whichever argument it is
        assertEquals("1 mon 1 day 02:00:00", textOf(fn("age", ts("2024-03-01 01:00:00"), ts("2024-01-30 23:00:00"))));
        assertEquals(
                "-1 mons -1 days -02:00:00", textOf(fn("age", ts("2024-01-30 23:00:00"), ts("2024-03-01 01:00:00"))));
    }

    @Test
    void toChar() {
        assertEquals("2023-11", textOf(fn("to_char", ts("2023-11-14 22:13:20"), text("YYYY-MM"))));
        assertEquals(
                "Tue 14 Nov 2023 10:13 PM",
                textOf(fn("to_char", ts("2023-11-14 22:13:20"), text("Dy DD Mon YYYY HH12:MI AM"))));
        assertEquals("November  14", textOf(fn("to_char", ts("2023-11-14"), text("Month DD"))));
        assertEquals("November 14", textOf(fn("to_char", ts("2023-11-14"), text("FMMonth DD"))));
        assertEquals("Q4 of 2023", textOf(fn("to_char", ts("2023-11-14"), text("\"Q\"Q \"of\" YYYY"))));
        // Roman months padded to 4, Julian day, week of month, century, and numeric patterns in lower case.
        assertEquals("XI  |xi|2460263|2|21", textOf(fn("to_char", ts("2023-11-14"), text("RM|FMrm|J|W|CC"))));
        assertEquals("2023-11-14 22h", textOf(fn("to_char", ts("2023-11-14 22:13:20"), text("yyyy-mm-dd hh24\"h\""))));
        assertEquals(
                "1st 02ND 3rd 11th 12TH 13th 22nd",
                textOf(fn(
                        "to_char",
                        ts("2023-01-02 03:00:00"),
                        text("FMMMth DDTH FMHH24th \"11th\" \"12TH\" \"13th\" \"22nd\""))));
        assertEquals("21st of November", textOf(fn("to_char", ts("2023-11-21"), text("FMDDth \"of\" FMMonth"))));
    }

    // ---------------------------------------------------------------- json

    @Test
    void jsonFunctions() {
        assertEquals("3", textOf(fn("jsonb_array_length", jsonb("[1,2,3]"))));
        assertEquals(
                "cannot get array length of a non-array",
                assertFails("22023", () -> textOf(fn("jsonb_array_length", jsonb("{}")))));
        assertEquals("number", textOf(fn("jsonb_typeof", jsonb("1.5"))));
        assertEquals("object", textOf(fn("jsonb_typeof", jsonb("{}"))));
        assertEquals("x", textOf(fn("jsonb_extract_path_text", jsonb("{\"a\":{\"b\":\"x\"}}"), text("a"), text("b"))));
        assertEquals("{\"b\": \"x\"}", textOf(fn("jsonb_extract_path", jsonb("{\"a\":{\"b\":\"x\"}}"), text("a"))));
        assertEquals(
                "{\"a\": 1, \"b\": null}",
                textOf(fn("jsonb_build_object", text("a"), number(1), text("b"), nullValue())));
        assertEquals("[1, \"x\", null]", textOf(fn("jsonb_build_array", number(1), text("x"), nullValue())));
        assertEquals("\"2023-11-14T22:13:20+00:00\"", textOf(fn("to_jsonb", fn("now"))));
        assertEquals("{\"a\": 1}", textOf(fn("jsonb_strip_nulls", jsonb("{\"a\":1,\"b\":null}"))));
        assertEquals("{\n    \"a\": [\n        1\n    ]\n}", textOf(fn("jsonb_pretty", jsonb("{\"a\":[1]}"))));
    }

    @Test
    void pgTypeof() {
        assertEquals("integer", textOf(fn("pg_typeof", number(1))));
        assertEquals("timestamp with time zone", textOf(fn("pg_typeof", fn("now"))));
        assertEquals("unknown", textOf(fn("pg_typeof", text("x"))));
    }

    // ---------------------------------------------------------------- added for issue 17

    @Test
    void formatWithPositionsWidthsAndQuoting() {
        assertEquals(
                "a-2 \"x y\" 'it''s'",
                textOf(fn("format", text("%s-%s %I %L"), text("a"), number(2), text("x y"), text("it's"))));
        assertEquals("ab   |  c|ab", textOf(fn("format", text("%-5s|%3s|%1$s"), text("ab"), text("c"))));
        assertEquals(
                "NULL  \"select\" abc 100%",
                textOf(fn("format", text("%L %s %I %I 100%%"), nullValue(), nullValue(), text("select"), text("abc"))));
        // As quote_ident: a type or function name key word is quoted like a reserved one, a non-reserved one not.
        assertEquals("\"left\" name", textOf(fn("format", text("%I %I"), text("left"), text("name"))));
        assertEquals("E'a\\\\b'", textOf(fn("format", text("%L"), text("a\\b"))));
        assertEquals("null", textOf(fn("format", nullValue(), text("x"))));
        assertEquals(
                "too few arguments for format()",
                assertFails("22023", () -> textOf(fn("format", text("%s %s"), text("a")))));
        assertEquals(
                "unrecognized format() type specifier \"d\"",
                assertFails("22023", () -> textOf(fn("format", text("%d"), number(1)))));
        assertEquals(
                "null values cannot be formatted as an SQL identifier",
                assertFails("22004", () -> textOf(fn("format", text("%I"), nullValue()))));
    }

    @Test
    void hexDigestAndRegexpSubstr() {
        assertEquals("ff", textOf(fn("to_hex", number(255))));
        assertEquals("ffffffff", textOf(fn("to_hex", number(-1))));
        assertEquals("7fffffffffffffff", textOf(fn("to_hex", number(Long.MAX_VALUE))));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", textOf(fn("md5", text("abc"))));
        assertEquals("22", textOf(fn("regexp_substr", text("a1b22c"), text("[0-9]+"), number(1), number(2))));
        assertEquals("22", textOf(fn("regexp_substr", text("a1b22c"), text("[0-9]+"), number(3))));
        assertEquals("null", textOf(fn("regexp_substr", text("a1b22c"), text("[0-9]+"), number(1), number(3))));
        assertEquals(
                "invalid value for parameter \"start\": 0",
                assertFails("22023", () -> textOf(fn("regexp_substr", text("a"), text("a"), number(0)))));
    }

    @Test
    void toDateToTimestampAndToNumber() {
        assertEquals("2024-03-05", textOf(fn("to_date", text("2024-03-05"), text("YYYY-MM-DD"))));
        assertEquals("2024-03-05", textOf(fn("to_date", text("05 Mar 2024"), text("DD Mon YYYY"))));
        assertEquals("2024-03-05", textOf(fn("to_date", text("20240305"), text("YYYYMMDD"))));
        assertEquals(
                "2024-03-05 14:07:09+00",
                textOf(fn("to_timestamp", text("2024-03-05 02:07:09 PM"), text("YYYY-MM-DD HH:MI:SS AM"))));
        assertEquals(
                "invalid value \"xx-05\" for \"MM\"",
                assertFails("22007", () -> textOf(fn("to_date", text("2024-xx-05"), text("YYYY-MM-DD")))));
        assertEquals(
                "date/time field value out of range: \"2024-02-30\"",
                assertFails("22008", () -> textOf(fn("to_date", text("2024-02-30"), text("YYYY-MM-DD")))));
        assertEquals("12345.6", textOf(fn("to_number", text("12,345.6"), text("99G999D9"))));
        assertEquals("-1.23", textOf(fn("to_number", text("-1.239"), text("9.99"))));
        assertEquals("12345.60", textOf(fn("to_number", text("12,345.60"), text("99G999D99"))));
        assertEquals(
                "invalid input syntax for type numeric: \" \"",
                assertFails("22P02", () -> textOf(fn("to_number", text("abc"), text("999")))));
    }

    @Test
    void dateBinAndMakeTimestamp() {
        assertEquals(
                "2024-01-01 10:15:00",
                textOf(fn("date_bin", cast(text("15 minutes"), "interval"), ts("2024-01-01 10:22"), ts("2000-01-01"))));
        assertEquals(
                "1999-12-31 06:00:00",
                textOf(fn(
                        "date_bin", cast(text("1 day"), "interval"), ts("1999-12-31 10:00"), ts("2000-01-01 06:00"))));
        assertEquals(
                "timestamps cannot be binned into intervals containing months or years",
                assertFails(
                        "0A000",
                        () -> textOf(fn(
                                "date_bin", cast(text("1 month"), "interval"), ts("2024-01-01"), ts("2000-01-01")))));
        assertEquals(
                "stride must be greater than zero",
                assertFails(
                        "22023",
                        () -> textOf(fn(
                                "date_bin", cast(text("0 seconds"), "interval"), ts("2024-01-01"), ts("2000-01-01")))));
        assertEquals(
                "2024-01-02 03:04:05.5",
                textOf(fn("make_timestamp", number(2024), number(1), number(2), number(3), number(4), decimal("5.5"))));
        assertEquals(
                "2024-07-01 10:00:00+00",
                textOf(fn(
                        "make_timestamptz",
                        number(2024),
                        number(7),
                        number(1),
                        number(12),
                        number(0),
                        number(0),
                        text("Europe/Paris"))));
        assertEquals(
                "time field value out of range: 25:00:0",
                assertFails(
                        "22008",
                        () -> textOf(fn(
                                "make_timestamp",
                                number(2024),
                                number(1),
                                number(2),
                                number(25),
                                number(0),
                                number(0)))));
    }

    @Test
    void jsonbSetAndInsert() {
        assertEquals("{\"a\": 1, \"b\": 2}", textOf(fn("jsonb_set", jsonb("{\"a\":1}"), text("{b}"), jsonb("2"))));
        assertEquals("{\"a\": 1}", textOf(fn("jsonb_set", jsonb("{\"a\":1}"), text("{b}"), jsonb("2"), bool(false))));
        assertEquals(
                "{\"a\": {\"b\": [1, 2, \"x\"]}}",
                textOf(fn("jsonb_set", jsonb("{\"a\":{\"b\":[1,2,3]}}"), text("{a,b,-1}"), jsonb("\"x\""))));
        assertEquals("[0, 1, 2]", textOf(fn("jsonb_set", jsonb("[1,2]"), text("{-5}"), jsonb("0"))));
        assertEquals("[1, 9, 2]", textOf(fn("jsonb_insert", jsonb("[1,2]"), text("{1}"), jsonb("9"))));
        assertEquals("[1, 2, 9]", textOf(fn("jsonb_insert", jsonb("[1,2]"), text("{1}"), jsonb("9"), bool(true))));
        assertEquals("null", textOf(fn("jsonb_set", jsonb("{}"), text("{a}"), nullValue())));
        assertEquals(
                "cannot replace existing key; try using the function jsonb_set to replace key value",
                assertFails("22023", () -> textOf(fn("jsonb_insert", jsonb("{\"a\":1}"), text("{a}"), jsonb("2")))));
        assertEquals(
                "path element at position 1 is not an integer: \"x\"",
                assertFails("22P02", () -> textOf(fn("jsonb_set", jsonb("[1]"), text("{x}"), jsonb("2")))));
        assertEquals(
                "cannot set path in scalar",
                assertFails("22023", () -> textOf(fn("jsonb_set", jsonb("1"), text("{x}"), jsonb("2")))));
    }

    @Test
    void jsonPathMatchAndFilters() {
        assertEquals("t", textOf(fn("jsonb_path_match", jsonb("{\"a\":1}"), text("$.a == 1"))));
        assertEquals("f", textOf(fn("jsonb_path_match", jsonb("{\"a\":[1,2]}"), text("exists($.a ? (@ == 3))"))));
        assertEquals("null", textOf(fn("jsonb_path_match", jsonb("{\"a\":\"x\"}"), text("$.a > 1"))));
        assertEquals(
                "single boolean result is expected",
                assertFails("22038", () -> textOf(fn("jsonb_path_match", jsonb("{\"a\":1}"), text("$.a")))));
        assertEquals("[1, 3]", textOf(fn("jsonb_path_query_array", jsonb("[1,\"x\",null,3]"), text("$[*] ? (@ > 0)"))));
    }

    @Test
    void arrayPositionsBoundsAndEdits() {
        Expr letters = cast(text("{a,b,c,b}"), "text[]");
        assertEquals("2", textOf(fn("array_position", letters, text("b"))));
        assertEquals("4", textOf(fn("array_position", letters, text("b"), number(3))));
        assertEquals("null", textOf(fn("array_position", letters, text("z"))));
        assertEquals("2", textOf(fn("array_position", cast(text("{1,NULL}"), "int[]"), nullValue())));
        assertEquals(
                "1",
                textOf(fn("array_position", cast(text("{7,8}"), "int[]"), number(7_000_000_000L / 1_000_000_000L))));
        assertEquals("{2,4}", textOf(fn("array_positions", letters, text("b"))));
        assertEquals("4", textOf(fn("array_upper", letters, number(1))));
        assertEquals("null", textOf(fn("array_upper", cast(text("{}"), "int[]"), number(1))));
        assertEquals("{a,b,c,b,d}", textOf(fn("array_append", letters, text("d"))));
        assertEquals("{a,c}", textOf(fn("array_remove", letters, text("b"))));
        assertEquals("4", textOf(fn("cardinality", cast(text("{{1,2},{3,4}}"), "int[]"))));
    }
}
