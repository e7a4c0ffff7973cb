package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Statement;

class StatementParserTest {

    private static Statement parse(String sql) {
        return SqlFrontEnd.parse(sql).statement();
    }

    private static void assertUnsupported(String sql, String message) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> parse(sql));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().startsWith(message), error.getMessage());
    }

    @Test
    void routesQueriesAndDmlToJsqlParser() {
        assertInstanceOf(Statement.QueryStatement.class, parse("select 1"));
        assertInstanceOf(Statement.QueryStatement.class, parse("(select 1)"));
        assertInstanceOf(Statement.QueryStatement.class, parse("with x as (select 1) select * from x"));
        assertInstanceOf(Statement.QueryStatement.class, parse("values (1)"));
        assertInstanceOf(Statement.Insert.class, parse("insert into t values (1)"));
        assertInstanceOf(Statement.Update.class, parse("update t set a = 1"));
        assertInstanceOf(Statement.Delete.class, parse("delete from t"));
    }

    @Test
    void explainForms() {
        Statement.Explain plain = (Statement.Explain) parse("explain select * from stripe.customers");
        assertEquals(false, plain.analyze());
        assertEquals(false, plain.verbose());
        assertInstanceOf(Statement.QueryStatement.class, plain.statement());
        Statement.Explain both = (Statement.Explain) parse("EXPLAIN ANALYZE VERBOSE delete from t where id = 'x'");
        assertEquals(true, both.analyze());
        assertEquals(true, both.verbose());
        assertInstanceOf(Statement.Delete.class, both.statement());
        Statement.Explain options =
                (Statement.Explain) parse("explain (analyze, verbose false, costs off, format text) select 1");
        assertEquals(true, options.analyze());
        assertEquals(false, options.verbose());
        assertInstanceOf(Statement.QueryStatement.class, ((Statement.Explain) parse("explain (select 1)")).statement());
    }

    @Test
    void explainKeepsParameterCountAndOriginalPositions() {
        ParsedStatement parsed = SqlFrontEnd.parse("explain select * from t where id = ? and x = ?");
        assertEquals(2, parsed.parameterCount());
        SqlParseException error = assertThrows(SqlParseException.class, () -> parse("explain select * frm t"));
        assertEquals(SqlState.SYNTAX_ERROR, error.sqlState());
        assertTrue(error.position() > 16, "position counts from the start of the whole text");
    }

    @Test
    void explainErrors() {
        assertEquals(
                "syntax error at or near \"create\"",
                assertThrows(SqlParseException.class, () -> parse("explain create schema s"))
                        .reason());
        assertEquals(
                "unrecognized EXPLAIN option \"fancy\"",
                assertThrows(SqlParseException.class, () -> parse("explain (fancy) select 1"))
                        .reason());
        assertEquals(
                "EXPLAIN option requires a Boolean value",
                assertThrows(SqlParseException.class, () -> parse("explain (analyze maybe) select 1"))
                        .reason());
        assertUnsupported("explain (format json) select 1", "EXPLAIN (FORMAT JSON) is not supported");
    }

    @Test
    void unsupportedCommandsNameThemselves() {
        assertUnsupported("grant select on t to bob", "GRANT is not supported");
        assertUnsupported("truncate stripe.customers", "TRUNCATE is not supported");
        assertUnsupported("vacuum", "VACUUM is not supported");
        assertUnsupported("copy t from stdin", "COPY is not supported");
        assertUnsupported("create table t (a int)", "CREATE TABLE is not supported");
        assertUnsupported("create temp table t (a int)", "CREATE TABLE is not supported");
        assertUnsupported("create view v as select 1", "CREATE VIEW is not supported");
        assertUnsupported("create or replace view v as select 1", "CREATE OR REPLACE VIEW is not supported");
        assertUnsupported("create user mapping for current_user server s", "CREATE USER MAPPING is not supported");
        assertUnsupported("create unique index i on t (a)", "CREATE UNIQUE INDEX is not supported");
        assertUnsupported(
                "alter foreign data wrapper w options (a 'b')", "ALTER FOREIGN DATA WRAPPER is not supported");
        assertUnsupported("alter extension wrappers update", "ALTER EXTENSION is not supported");
        assertUnsupported("drop view v", "DROP VIEW is not supported");
        assertUnsupported("drop user mapping for current_user server s", "DROP USER MAPPING is not supported");
        assertUnsupported("table t", "TABLE is not supported");
    }

    @Test
    void unknownWordsAreSyntaxErrors() {
        SqlParseException error = assertThrows(SqlParseException.class, () -> parse("  frobnicate the table"));
        assertEquals("syntax error at or near \"frobnicate\"", error.reason());
        assertEquals(3, error.position());
        assertEquals(
                "syntax error at or near \"xyz\"",
                assertThrows(SqlParseException.class, () -> parse("create xyz")).reason());
        assertEquals(
                "syntax error at or near \"42\"",
                assertThrows(SqlParseException.class, () -> parse("42")).reason());
        SqlParseException typo = assertThrows(SqlParseException.class, () -> parse("create foreign tabel x (id text)"));
        assertEquals("syntax error at or near \"tabel\"", typo.reason());
        assertEquals(16, typo.position());
        assertEquals(
                "syntax error at or near \"tables\"",
                assertThrows(SqlParseException.class, () -> parse("drop foreign tables x"))
                        .reason());
    }

    @Test
    void deepNestingIsALimitNotACrash() {
        String sql = "select " + "(".repeat(500) + "1" + ")".repeat(500);
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> parse(sql));
        assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, error.sqlState());
    }

    @Test
    void longFlatExpressionsDoNotOverflowTheStack() {
        StringBuilder sql = new StringBuilder("select 1");
        for (int i = 0; i < 3000; i++) {
            sql.append(" + 1");
        }
        try {
            assertInstanceOf(Statement.QueryStatement.class, parse(sql.toString()));
        } catch (StripeJdbcException e) {
            assertEquals(SqlState.PROGRAM_LIMIT_EXCEEDED, e.sqlState(), e.getMessage());
        }
    }
}
