package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Statement;

class SqlFrontEndTest {

    @Test
    void parseReturnsTheStatementItsTextAndParameterCount() {
        ParsedStatement parsed = SqlFrontEnd.parse("  select * from stripe.customers where id = ? and email = ? ;  ");
        assertInstanceOf(Statement.QueryStatement.class, parsed.statement());
        assertEquals("select * from stripe.customers where id = ? and email = ?", parsed.text());
        assertEquals(2, parsed.parameterCount());
    }

    @Test
    void parameterCountIsTheHighestNumberedParameter() {
        assertEquals(
                3, SqlFrontEnd.parse("select * from t where a = $3 or b = $1").parameterCount());
        assertEquals(
                0,
                SqlFrontEnd.parse("select '?', \"?\", $$?$$ -- ?\n from t /* ? */")
                        .parameterCount());
        assertEquals(0, SqlFrontEnd.parse("create schema s").parameterCount());
        assertEquals(
                1, SqlFrontEnd.parse("insert into t (a) values (?) returning a").parameterCount());
        assertEquals(
                2,
                SqlFrontEnd.parse("update t set a = ? where attrs ?| array['x'] and b = ?")
                        .parameterCount());
    }

    @Test
    void parseRefusesSeveralStatements() {
        SqlParseException error = assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select 1; select 2"));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState());
        assertEquals("cannot insert multiple commands into a prepared statement", error.reason());
        assertEquals(11, error.position());
    }

    @Test
    void parseRefusesEmptyText() {
        assertEquals(
                SqlState.SYNTAX_ERROR,
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse(" -- x\n;"))
                        .sqlState());
        assertEquals(
                SqlState.SYNTAX_ERROR,
                assertThrows(StripeJdbcException.class, () -> SqlFrontEnd.parse(null))
                        .sqlState());
        assertEquals(
                SqlState.SYNTAX_ERROR,
                assertThrows(StripeJdbcException.class, () -> SqlFrontEnd.parseScript(null))
                        .sqlState());
    }

    @Test
    void parseScriptKeepsOrderAndSkipsEmptyStatements() {
        List<ParsedStatement> parsed = SqlFrontEnd.parseScript(
                "create schema stripe; -- comment only\n;;create server s foreign data wrapper w;\nselect ?");
        assertEquals(
                List.of(
                        new Statement.CreateSchema("stripe", false),
                        new Statement.CreateServer("s", false, "w", Map.of())),
                parsed.subList(0, 2).stream().map(ParsedStatement::statement).toList());
        assertEquals("select ?", parsed.get(2).text());
        assertEquals(1, parsed.get(2).parameterCount());
        assertEquals(List.of(), SqlFrontEnd.parseScript("/* nothing */"));
    }

    @Test
    void errorPositionsCountFromTheStartOfTheScript() {
        SqlParseException error =
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parseScript("select 1;\nselect * frm t"));
        assertEquals(2, error.line());
        assertEquals("syntax error at or near \"t\"", error.reason());
        assertEquals(24, error.position());
        assertEquals("syntax error at or near \"t\"\n  Position: 24 (line 2, column 14)", error.getMessage());
    }

    @Test
    void syntaxErrorsPointAtTheOriginalTokenDespiteRewriting() {
        SqlParseException error = assertThrows(
                SqlParseException.class, () -> SqlFrontEnd.parse("select E'a\\nb', \"Mixed\", ? , attrs#>'{a}' frm t"));
        assertEquals("syntax error at or near \"t\"", error.reason());
        assertEquals(47, error.position());
        assertEquals(
                "syntax error at end of input",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select * from t where a ="))
                        .reason());
        assertEquals(
                "syntax error at or near \";\"",
                assertThrows(
                                SqlParseException.class,
                                () -> SqlFrontEnd.parseScript("select * from t where a =; select 1"))
                        .reason());
    }

    @Test
    void wordsPostgresReservesAreNeverSilentlyReadAsNames() {
        assertEquals(
                "syntax error at or near \"order\"",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select * from t order"))
                        .reason());
        assertEquals(
                "syntax error at or near \"order\"",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select 1 order"))
                        .reason());
        assertEquals(
                "syntax error at or near \"on\"",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select distinct on"))
                        .reason());
        assertEquals(
                "syntax error at or near \"filter\"",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select count(*) filter"))
                        .reason());
        assertEquals(
                "syntax error at or near \"order\"",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("delete from t order where id = 1"))
                        .reason());
        assertInstanceOf(
                Statement.QueryStatement.class,
                SqlFrontEnd.parse("select 1 as \"order\", \"on\" from t").statement());
        assertInstanceOf(
                Statement.QueryStatement.class,
                SqlFrontEnd.parse("select 1 as order").statement());
    }

    @Test
    void aDanglingNullsInOrderByIsASyntaxError() {
        assertEquals(
                "syntax error at end of input",
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parse("select a from t order by 2 desc nulls"))
                        .reason());
        assertEquals(
                "syntax error at or near \"limit\"",
                assertThrows(
                                SqlParseException.class,
                                () -> SqlFrontEnd.parse("select a from t order by a nulls limit 1"))
                        .reason());
        assertInstanceOf(
                Statement.QueryStatement.class,
                SqlFrontEnd.parse("select nulls from t order by nulls, x nulls last")
                        .statement());
    }

    @Test
    void aStatementSplitOffAfterAnErrorIsNeverParsed() {
        assertEquals(
                SqlState.SYNTAX_ERROR,
                assertThrows(SqlParseException.class, () -> SqlFrontEnd.parseScript("select (1; select 2)"))
                        .sqlState());
    }
}
