package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class JsqlSourceTest {

    private static JsqlSource source(String sql) {
        SourceText text = new SourceText(sql);
        return JsqlSource.of(
                ScriptSplitter.split(text, Tokenizer.tokenize(text)).get(0));
    }

    @Test
    void rewritesStringsIdentifiersParametersAndJsonOperators() {
        JsqlSource source = source("select \"Id\", E'a\\'b' from t where attrs#>>'{a,b}' = ? and x=$$q$$");
        assertEquals("select \"i0\", 's0' from t where attrs #>> 's1' = $1 and x = 's2'", source.text());
        assertEquals("Id", source.identifier("\"i0\""));
        assertEquals("a'b", source.string("'s0'"));
        assertEquals("{a,b}", source.string("s1"));
        assertEquals("q", source.string("s2"));
        assertEquals("mixed", source.identifier("MiXeD"));
    }

    @Test
    void rewritesTypedLiteralsAsCasts() {
        assertEquals(
                "select CAST('s0' AS interval), CAST('s1' AS timestamp)",
                source("select interval '30 days', timestamp '2024-01-01'").text());
        assertEquals("select t.date 's0'", source("select t.date 'x'").text(), "a qualified name is no type");
    }

    @Test
    void separatesTokensThatWouldMerge() {
        assertEquals("select 's0' 's1'", source("select 'a'$$b$$").text());
    }

    @Test
    void mapsRewrittenOffsetsBackToOriginalTokens() {
        JsqlSource source = source("select E'long string', xyz");
        Token token = source.tokenAt(source.text().indexOf("xyz"));
        assertEquals("xyz", token.text());
        assertEquals(23, token.start());
        assertEquals(TokenType.END, source.tokenAt(1000).type());
    }

    @Test
    void keywordsPostgresAcceptsAsNamesBecomePlaceholders() {
        JsqlSource source = source("select number, x as window, y as semi, cast(z as integer) as current from t");
        assertEquals("select \"i0\", x as \"i1\", y as \"i2\", cast(z as integer) as \"i3\" from t", source.text());
        assertEquals("number", source.identifier("\"i0\""));
        assertEquals("window", source.identifier("\"i1\""));
        assertEquals(
                "select count( * ) over w from t window w as (order by a)",
                source("select count(*) over w from t window w as (order by a)").text());
        assertEquals(
                "select localtimestamp(), t.localtime",
                source("select localtimestamp, t.localtime").text());
    }

    @Test
    void nonAsciiIdentifiersBecomePlaceholders() {
        JsqlSource source = source("select Caf\u00e9 from t");
        assertEquals("select \"i0\" from t", source.text());
        assertEquals("caf\u00e9", source.identifier("\"i0\""));
    }

    @Test
    void stringsCannotBeNames() {
        StripeJdbcException error =
                assertThrows(StripeJdbcException.class, () -> source("select 1").identifier("'s0'"));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState());
    }
}
