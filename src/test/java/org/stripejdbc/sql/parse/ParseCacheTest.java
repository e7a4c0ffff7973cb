package org.stripejdbc.sql.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

/** The parse cache gives what a parse gives, keeps only what it may keep, and stays bounded. */
class ParseCacheTest {
    private static final String QUERY = "select id, email from stripe.customers where id = 'cus_1'";

    @Test
    void aRepeatedTextIsParsedOnceAndEqualsAFreshParse() {
        ParseCache cache = new ParseCache(8);
        List<ParsedStatement> first = cache.parseScript(QUERY);
        assertSame(first, cache.parseScript(QUERY));
        assertEquals(SqlFrontEnd.parseScript(QUERY), first);
        assertEquals(1, cache.size());
        cache.clear();
        assertNotSame(first, cache.parseScript(QUERY));
    }

    @Test
    void queriesAndDmlAreKeptOtherStatementsAndSecretsAreNot() {
        ParseCache cache = new ParseCache(64);
        List<String> kept = List.of(
                QUERY,
                "explain select * from stripe.charges",
                "insert into stripe.customers (email) values ('a@b.c')",
                "update stripe.customers set name = 'n' where id = 'cus_1'",
                "delete from stripe.customers where id = 'x'",
                "select 1; select 2");
        List<String> notKept = List.of(
                "create schema s",
                "set search_path = stripe",
                "show search_path",
                "begin",
                "select * from vault.secrets",
                "select vault.create_secret('x')",
                "insert into vault.secrets (name, secret) values ('n', 'v')",
                "select * from stripe.customers where description = 'sk_live_1234'",
                "select 'SK_TEST_abc'",
                "select 'rk_live_abc'",
                "select 'whsec_abc'",
                "select 1; create schema t",
                "",
                "-- only a comment");
        for (String sql : kept) {
            assertSame(cache.parseScript(sql), cache.parseScript(sql), sql);
        }
        for (String sql : notKept) {
            List<ParsedStatement> once = cache.parseScript(sql);
            assertEquals(SqlFrontEnd.parseScript(sql), once, sql);
            if (!once.isEmpty()) {
                assertNotSame(once, cache.parseScript(sql), sql);
            }
        }
        assertEquals(kept.size(), cache.size());
        assertTrue(ParseCache.mayHoldSecret("select * from VAULT.decrypted_secrets"));
        assertFalse(ParseCache.mayHoldSecret(QUERY));
    }

    @Test
    void longTextsAreNotKept() {
        ParseCache cache = new ParseCache(8);
        String longQuery = "select 1 as " + "x".repeat(ParseCache.MAX_CACHED_LENGTH);
        cache.parseScript(longQuery);
        assertEquals(0, cache.size());
    }

    @Test
    void errorsAreNotKeptAndComeBackEachTime() {
        ParseCache cache = new ParseCache(8);
        StripeJdbcException first = assertThrows(StripeJdbcException.class, () -> cache.parseScript("selec 1"));
        StripeJdbcException second = assertThrows(StripeJdbcException.class, () -> cache.parseScript("selec 1"));
        assertEquals("42601", first.sqlState().code());
        assertEquals(first.getMessage(), second.getMessage());
        assertEquals(0, cache.size());
        assertThrows(StripeJdbcException.class, () -> cache.parseScript(null));
    }

    @Test
    void theLeastRecentlyUsedTextGoesFirst() {
        ParseCache cache = new ParseCache(2);
        List<ParsedStatement> one = cache.parseScript("select 1");
        List<ParsedStatement> two = cache.parseScript("select 2");
        assertSame(one, cache.parseScript("select 1"));
        cache.parseScript("select 3");
        assertEquals(2, cache.size());
        assertSame(one, cache.parseScript("select 1"), "recently used: kept");
        assertNotSame(two, cache.parseScript("select 2"), "least recently used: parsed again");
        assertThrows(IllegalArgumentException.class, () -> new ParseCache(0));
    }
}
