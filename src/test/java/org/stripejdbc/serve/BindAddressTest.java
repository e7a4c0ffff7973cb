package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

class BindAddressTest {
    @Test
    void loopbackLiteralsAndNames() {
        BindAddress ipv4 = BindAddress.of("127.0.0.1");
        assertTrue(ipv4.loopback());
        assertFalse(ipv4.wildcard());
        assertEquals("127.0.0.1", ipv4.urlHost());
        BindAddress ipv6 = BindAddress.of("[::1]");
        assertTrue(ipv6.loopback());
        assertEquals("::1", ipv6.host(), "Jetty binds the bare literal");
        assertEquals("[::1]", ipv6.urlHost());
        assertEquals("[::1]", ipv6.toString());
        assertTrue(BindAddress.of(" localhost ").loopback());
    }

    @Test
    void wildcardsAndOtherAddressesAreNotLoopback() {
        BindAddress any = BindAddress.of("0.0.0.0");
        assertFalse(any.loopback());
        assertTrue(any.wildcard());
        assertFalse(any.urlHost().equals("0.0.0.0"), "clients cannot connect to 0.0.0.0");
        BindAddress anyIpv6 = BindAddress.of("::");
        assertFalse(anyIpv6.loopback());
        assertTrue(anyIpv6.wildcard());
        BindAddress lan = BindAddress.of("192.0.2.10");
        assertFalse(lan.loopback());
        assertFalse(lan.wildcard());
        assertEquals("192.0.2.10", lan.urlHost());
        assertEquals("[2001:db8::1]", BindAddress.of("2001:db8::1").urlHost());
    }

    @Test
    void emptyOrUnknownHostsFail() {
        StripeJdbcException empty = assertThrows(StripeJdbcException.class, () -> BindAddress.of(" "));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, empty.sqlState());
        assertEquals("--host: an empty host name", empty.getMessage());
        assertEquals(
                "--host: an empty host name",
                assertThrows(StripeJdbcException.class, () -> BindAddress.of("[]"))
                        .getMessage());
        assertThrows(StripeJdbcException.class, () -> BindAddress.of("no-such-host.invalid"));
    }
}
