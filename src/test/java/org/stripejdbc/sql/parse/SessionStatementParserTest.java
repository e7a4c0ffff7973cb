package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.Statement.TransactionAction;

class SessionStatementParserTest {

    private static Statement parse(String sql) {
        return SqlFrontEnd.parse(sql).statement();
    }

    private static Statement.SetVariable set(String name, String... values) {
        return new Statement.SetVariable(name, List.of(values));
    }

    private static void assertUnsupported(String sql, String construct) {
        StripeJdbcException error = assertThrows(StripeJdbcException.class, () -> parse(sql));
        assertEquals(SqlState.FEATURE_NOT_SUPPORTED, error.sqlState(), error.getMessage());
        assertTrue(error.getMessage().contains(construct), error.getMessage());
    }

    private static String syntaxReason(String sql) {
        return assertThrows(SqlParseException.class, () -> parse(sql)).reason();
    }

    @Test
    void setForms() {
        assertEquals(set("search_path", "stripe", "public"), parse("SET search_path TO stripe, public"));
        assertEquals(set("search_path", "Stripe", "public"), parse("set search_path = \"Stripe\", 'public'"));
        assertEquals(set("application_name", "DBeaver 24.1"), parse("SET SESSION application_name = 'DBeaver 24.1'"));
        assertEquals(set("extra_float_digits", "3"), parse("SET extra_float_digits = 3"));
        assertEquals(set("x", "-1.5"), parse("set x to -1.5"));
        assertEquals(set("enable_x", "on"), parse("set enable_x = ON"));
        assertEquals(set("myapp.setting", "v"), parse("set myapp.setting = v"));
    }

    @Test
    void setSpecialForms() {
        assertEquals(set("timezone", "UTC"), parse("SET TIME ZONE 'UTC'"));
        assertEquals(new Statement.ResetVariable("timezone"), parse("set time zone local"));
        assertEquals(set("search_path", "stripe"), parse("set schema 'stripe'"));
        assertEquals(set("client_encoding", "UTF8"), parse("set names 'UTF8'"));
        assertEquals(new Statement.ResetVariable("statement_timeout"), parse("set statement_timeout to default"));
        assertEquals(
                set("transaction_isolation", "read committed"),
                parse("set transaction isolation level read committed"));
        assertEquals(
                set("default_transaction_read_only", "off"),
                parse("set session characteristics as transaction read write"));
    }

    @Test
    void setUnsupportedAndErrors() {
        assertUnsupported("set local search_path = stripe", "SET LOCAL");
        assertUnsupported("set role admin", "SET ROLE");
        assertUnsupported("set session authorization bob", "SET SESSION AUTHORIZATION");
        assertUnsupported("set transaction isolation level serializable, read only", "several transaction modes");
        assertEquals("syntax error at end of input", syntaxReason("set search_path to"));
        assertEquals("syntax error at or near \"stripe\"", syntaxReason("set search_path stripe"));
        assertEquals("syntax error at or near \"(\"", syntaxReason("set x = (1)"));
    }

    @Test
    void resetAndShow() {
        assertEquals(new Statement.ResetVariable("search_path"), parse("RESET search_path"));
        assertEquals(new Statement.ResetVariable("all"), parse("reset all"));
        assertEquals(new Statement.ResetVariable("timezone"), parse("reset time zone"));
        assertEquals(new Statement.ShowVariable("search_path"), parse("SHOW search_path"));
        assertEquals(new Statement.ShowVariable("all"), parse("show all"));
        assertEquals(new Statement.ShowVariable("timezone"), parse("show time zone"));
        assertEquals(new Statement.ShowVariable("transaction_isolation"), parse("show transaction isolation level"));
        assertEquals("syntax error at end of input", syntaxReason("show"));
        assertUnsupported("reset role", "RESET ROLE");
    }

    @Test
    void transactionStatements() {
        Statement begin = new Statement.Transaction(TransactionAction.BEGIN);
        Statement commit = new Statement.Transaction(TransactionAction.COMMIT);
        Statement rollback = new Statement.Transaction(TransactionAction.ROLLBACK);
        assertEquals(begin, parse("begin"));
        assertEquals(begin, parse("BEGIN WORK"));
        assertEquals(begin, parse("begin transaction isolation level repeatable read, read write not deferrable"));
        assertEquals(begin, parse("start transaction isolation level serializable"));
        assertEquals(commit, parse("commit"));
        assertEquals(commit, parse("commit work"));
        assertEquals(commit, parse("END TRANSACTION"));
        assertEquals(commit, parse("commit and no chain"));
        assertEquals(rollback, parse("rollback"));
        assertEquals(rollback, parse("abort transaction"));
    }

    @Test
    void transactionUnsupportedAndErrors() {
        assertUnsupported("begin read only", "READ ONLY");
        assertUnsupported("commit and chain", "AND CHAIN");
        assertUnsupported("rollback to savepoint a", "ROLLBACK TO SAVEPOINT");
        assertUnsupported("commit prepared 'x'", "COMMIT PREPARED");
        assertEquals("syntax error at or near \"now\"", syntaxReason("commit now"));
        assertEquals("syntax error at end of input", syntaxReason("start"));
        assertEquals("syntax error at or near \"level\"", syntaxReason("begin isolation level level"));
    }
}
