package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class TokenizerTest {

    private static List<Token> tokens(String sql) {
        return Tokenizer.tokenize(new SourceText(sql));
    }

    /** Tokens as "TYPE:value" strings, END excluded. */
    private static String describe(String sql) {
        return tokens(sql).stream()
                .filter(token -> token.type() != TokenType.END)
                .map(token -> token.type() + ":" + token.value())
                .collect(Collectors.joining(" "));
    }

    private static StripeJdbcException failure(String sql) {
        return assertThrows(StripeJdbcException.class, () -> tokens(sql));
    }

    @Test
    void splitsASimpleQueryIntoTypedTokens() {
        assertEquals(
                "IDENTIFIER:select QUOTED_IDENTIFIER:Id COMMA:, IDENTIFIER:attrs OPERATOR:->> STRING:k "
                        + "IDENTIFIER:from IDENTIFIER:t IDENTIFIER:where IDENTIFIER:x OPERATOR:= PARAMETER:?",
                describe("SELECT \"Id\", attrs->>'k' FROM t WHERE x = ?"));
    }

    @Test
    void endTokenSitsAtTheEndOfTheText() {
        List<Token> tokens = tokens("select 1  ");
        Token end = tokens.get(tokens.size() - 1);
        assertEquals(TokenType.END, end.type());
        assertEquals(10, end.start());
    }

    @Test
    void recordsOffsetsAndOriginalText() {
        Token literal = tokens("select 'it''s'").get(1);
        assertEquals(7, literal.start());
        assertEquals(14, literal.end());
        assertEquals("'it''s'", literal.text());
        assertEquals("it's", literal.value());
    }

    @Test
    void foldsUnquotedIdentifiersAndKeepsQuotedOnes() {
        assertEquals("IDENTIFIER:stripe DOT:. IDENTIFIER:customers", describe("Stripe.CUSTOMERS"));
        assertEquals(
                "QUOTED_IDENTIFIER:Stripe DOT:. QUOTED_IDENTIFIER:items[0][price]",
                describe("\"Stripe\".\"items[0][price]\""));
        assertEquals("QUOTED_IDENTIFIER:a\"b", describe("\"a\"\"b\""));
        assertEquals("IDENTIFIER:caf\u00c9$x1", describe("CAF\u00c9$x1"), "only ASCII letters fold");
    }

    @Test
    void decodesEscapeStrings() {
        assertEquals("STRING:a'b\n\t\\ q", describe("E'a\\'b\\n\\t\\\\ \\q'"));
        assertEquals("STRING:AA\u00e9\ud83d\ude00", describe("e'\\x41\\101\\u00e9\\U0001F600'"));
        assertEquals("STRING:\u00e9", describe("E'\\xC3\\xA9'"), "bytes form UTF-8");
        assertEquals("STRING:\ud83d\ude00", describe("E'\\uD83D\\uDE00'"), "surrogate pair");
        assertEquals("STRING:it's", describe("E'it''s'"));
    }

    @Test
    void rejectsInvalidEscapes() {
        assertEquals(SqlState.DATA_EXCEPTION, failure("select E'\\0'").sqlState());
        assertEquals(SqlState.DATA_EXCEPTION, failure("select E'\\xC3'").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select E'\\u12'").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select E'\\uD83D'").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select E'abc\\'").sqlState());
    }

    @Test
    void standardStringsKeepBackslashes() {
        assertEquals("STRING:a\\b", describe("'a\\b'"));
        assertEquals("STRING:x", describe("N'x'"));
    }

    @Test
    void readsDollarQuotedStrings() {
        assertEquals("STRING:a;b'c", describe("$$a;b'c$$"));
        assertEquals("STRING:x$$y", describe("$tag$x$$y$tag$"));
        assertEquals("STRING:", describe("$$$$"));
        assertEquals("IDENTIFIER:a$b", describe("a$b"), "a dollar inside a word is part of it");
    }

    @Test
    void joinsStringsSeparatedByANewline() {
        assertEquals("STRING:ab", describe("'a'\n  'b'"));
        assertEquals("STRING:a STRING:b", describe("'a' 'b'"), "on one line they stay apart");
        assertEquals("STRING:a\nb", describe("E'a'\n'\\nb'"), "the continuation keeps escape mode");
    }

    @Test
    void skipsCommentsIncludingNestedBlockComments() {
        assertEquals(
                "IDENTIFIER:select NUMBER:1 COMMA:, NUMBER:2",
                describe("select /* a /* nested */ b */ 1 -- trailing ; comment\n, 2"));
        assertEquals("", describe("-- only a comment"));
    }

    @Test
    void readsNumbers() {
        assertEquals(
                "NUMBER:1 NUMBER:1.5 NUMBER:.5 NUMBER:1e5 NUMBER:1.5E-3 NUMBER:2.", describe("1 1.5 .5 1e5 1.5E-3 2."));
        assertEquals("NUMBER:1 DOT:. NUMBER:.2", describe("1..2"));
    }

    @Test
    void rejectsTrailingJunkAfterNumbersAndParameters() {
        SqlParseException number = (SqlParseException) failure("select 123abc");
        assertEquals("trailing junk after numeric literal at or near \"123abc\"", number.reason());
        assertEquals(8, number.position());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select $1a").sqlState());
    }

    @Test
    void readsParametersAndQuestionMarkOperators() {
        List<Token> tokens = tokens("? $12 ?| ?& ??");
        assertEquals(TokenType.PARAMETER, tokens.get(0).type());
        assertEquals(0, tokens.get(0).parameterIndex(), "? is numbered per statement by the splitter");
        assertEquals(12, tokens.get(1).parameterIndex());
        assertEquals("OPERATOR:?| OPERATOR:?& OPERATOR:??", describe("?| ?& ??"));
        assertEquals(SqlState.UNDEFINED_PARAMETER, failure("select $0").sqlState());
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, failure("select $70000").sqlState());
    }

    @Test
    void readsOperatorsLongestFirst() {
        assertEquals(
                "IDENTIFIER:a OPERATOR:->> STRING:b OPERATOR:#>> STRING:c OPERATOR:#> STRING:d OPERATOR:-> NUMBER:0",
                describe("a->>'b'#>>'c'#>'d'->0"));
        assertEquals(
                "OPERATOR::: OPERATOR:@> OPERATOR:<@ OPERATOR:|| OPERATOR:!= OPERATOR:<> OPERATOR:<= "
                        + "OPERATOR:>= OPERATOR:~* OPERATOR:!~* OPERATOR:!~ OPERATOR:~",
                describe(":: @> <@ || != <> <= >= ~* !~* !~ ~"));
        assertEquals("IDENTIFIER:a OPERATOR:< OPERATOR:- NUMBER:1", describe("a<-1"));
        assertEquals("IDENTIFIER:a OPERATOR:= NUMBER:1", describe("a=--comment\n1"));
        assertEquals("IDENTIFIER:x OPERATOR::: IDENTIFIER:int COLON:: NUMBER:2", describe("x::int:2"));
    }

    @Test
    void reportsUnterminatedPiecesWithTheirPosition() {
        SqlParseException string = (SqlParseException) failure("select 'abc");
        assertEquals("unterminated quoted string at or near \"'...\"", string.reason(), "content is never echoed");
        assertEquals(8, string.position());
        SqlParseException escape = (SqlParseException) failure("select E'abc");
        assertEquals("unterminated quoted string at or near \"E'...\"", escape.reason());
        SqlParseException dollar = (SqlParseException) failure("select $x$abc");
        assertEquals("unterminated dollar-quoted string at or near \"$x$...\"", dollar.reason());
        SqlParseException identifier = (SqlParseException) failure("select \"abc");
        assertEquals("unterminated quoted identifier at or near \"\"abc\"", identifier.reason());
        SqlParseException comment = (SqlParseException) failure("select 1 /* a /* b */");
        assertEquals("unterminated /* comment at or near \"/* a /* b */\"", comment.reason());
        assertEquals(10, comment.position());
        SqlParseException empty = (SqlParseException) failure("select \"\"");
        assertEquals("zero-length delimited identifier at or near \"\"\"\"", empty.reason());
    }

    @Test
    void rejectsCharactersThatStartNoToken() {
        SqlParseException backtick = (SqlParseException) failure("select `a`");
        assertEquals("syntax error at or near \"`\"", backtick.reason());
        assertEquals(8, backtick.position());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select \\").sqlState());
        assertEquals(SqlState.SYNTAX_ERROR, failure("select $").sqlState());
    }

    @Test
    void bitStringsAndUnicodeEscapesAreNotSupported() {
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, failure("select B'101'").sqlState());
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, failure("select X'1F'").sqlState());
        assertEquals(
                SqlState.FEATURE_NOT_SUPPORTED, failure("select U&'d\\0061t'").sqlState());
        assertTrue(failure("select U&\"x\"").getMessage().contains("U&"));
    }

    @Test
    void positionsCountCharactersAndLines() {
        // Each emoji is two UTF-16 units but one character, as Postgres counts.
        SqlParseException error = (SqlParseException) failure("select 1,\n  '\ud83d\ude00\ud83d\ude00' || 'x");
        assertEquals(21, error.position());
        assertEquals(2, error.line());
        assertEquals(11, error.column());
        assertTrue(error.getMessage().endsWith("Position: 21 (line 2, column 11)"), error.getMessage());
    }
}
