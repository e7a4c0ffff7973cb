package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

class SqlErrorsTest {

    @Test
    void masksStripeKeyShapes() {
        assertEquals("sk_test_...wxyz", SqlErrors.mask("sk_test_51HxAbCdEfGhwxyz"));
        assertEquals("key rk_live_...1234 here", SqlErrors.mask("key rk_live_abc_def1234 here"));
        assertEquals("whsec_****", SqlErrors.mask("whsec_zzzz9876"));
        assertEquals("password=****", SqlErrors.mask("password=hunter22"));
        assertEquals("plain", SqlErrors.mask("plain"));
    }

    @Test
    void shortensLongText() {
        String masked = SqlErrors.mask("x".repeat(100));
        assertEquals(63, masked.length());
    }

    @Test
    void excerptsStopBeforeStringQuotesAndLineEnds() {
        assertEquals("\"abc ...", SqlErrors.excerpt("\"abc 'secret value' more"));
        assertEquals("/* a...", SqlErrors.excerpt("/* a\nb 'x'"));
        assertEquals("\"abc", SqlErrors.excerpt("\"abc"));
    }

    @Test
    void neverEchoesStringLiteralsOrKeysInSyntaxErrors() {
        StripeJdbcException literal = assertThrows(
                StripeJdbcException.class,
                () -> SqlFrontEnd.parse(
                        "create server s foreign data wrapper w options (api_key 'sk_live_abcdef' 'x')"));
        assertFalse(literal.getMessage().contains("abcdef"), literal.getMessage());
        StripeJdbcException bare = assertThrows(
                StripeJdbcException.class,
                () -> SqlFrontEnd.parse("create server s foreign data wrapper w options (api_key sk_live_abcdefgh)"));
        assertEquals("syntax error at or near \"****\"", ((SqlParseException) bare).reason());
        StripeJdbcException unterminated = assertThrows(
                StripeJdbcException.class,
                () -> SqlFrontEnd.parse(
                        "insert into vault.secrets (name, secret) values ('stripe', 'my vault secret)"));
        assertFalse(unterminated.getMessage().contains("vault secret"), unterminated.getMessage());
        StripeJdbcException identifier = assertThrows(
                StripeJdbcException.class,
                () -> SqlFrontEnd.parse("select \"x from t where secret = 'my vault secret'"));
        assertFalse(identifier.getMessage().contains("vault secret"), identifier.getMessage());
    }
}
