package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** JDBC escapes and the plain statement's question mark, outside strings, identifiers and comments only. */
class JdbcTextTest {
    @Test
    void escapesBecomePostgresSql() {
        assertEquals(
                "select  upper('a'), date '2024-01-02', time '03:04:05', timestamp '2024-01-02 03:04:05'",
                JdbcText.escapes(
                        "select {fn ucase('a')}, {d '2024-01-02'}, {t '03:04:05'}, {ts '2024-01-02 03:04:05'}"));
        assertEquals(
                "select * from  a left join b on a.x =  coalesce(b.y, 0)",
                JdbcText.escapes("select * from {oj a left join b on a.x = {fn ifnull(b.y, 0)}}"));
        assertEquals(
                "select  current_date,  localtime,  current_database(), x from t where a like 'a\\_%' escape '\\'",
                JdbcText.escapes("select {fn curdate()}, {fn curtime()}, {fn database()}, x from t"
                        + " where a like 'a\\_%' {escape '\\'}"));
        assertEquals("select 1 limit 5", JdbcText.escapes("select 1 {limit 5}"));
    }

    @Test
    void bracesInStringsIdentifiersAndCommentsStay() {
        String sql = "select '{d x}', \"{fn y}\", $$ {t z} $$, e'\\' {fn a}' -- {fn b}\n/* {ts c} */ , '{1,2}'::int[]";
        assertEquals(sql, JdbcText.escapes(sql));
        assertEquals("select '{\"a\":1}'::jsonb", JdbcText.escapes("select '{\"a\":1}'::jsonb"));
    }

    @Test
    void anUnclosedEscapeIsASyntaxError() {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> JdbcText.escapes("select {fn now()"));
        assertEquals(SqlState.SYNTAX_ERROR, e.sqlState());
        assertEquals("unterminated JDBC escape {fn ...: missing }", e.getMessage());
    }

    @Test
    void aPlainStatementsQuestionMarkIsTheKeyExistsOperator() {
        assertEquals(
                "select attrs ?? 'a', attrs ?| array['a'], attrs ?& array['b'], attrs ?? 'c', '?' from t",
                JdbcText.plainStatement(
                        "select attrs ? 'a', attrs ?| array['a'], attrs ?& array['b'], attrs ?? 'c', '?' from t",
                        true));
        assertEquals("select {fn ucase('a')} ?? 'x'", JdbcText.plainStatement("select {fn ucase('a')} ? 'x'", false));
        assertEquals("select 1 -- why?\n", JdbcText.plainStatement("select 1 -- why?\n", true));
    }
}
