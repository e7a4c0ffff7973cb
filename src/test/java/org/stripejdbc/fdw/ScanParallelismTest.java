package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

class ScanParallelismTest {
    private static final String STRIPE = "https://api.stripe.com/v1/";

    @Test
    void defaultsFollowTheKeyAndTheUrl() {
        assertEquals(16, ScanParallelism.resolve(null, Secret.of("sk_live_abcdefghijkl"), STRIPE));
        assertEquals(16, ScanParallelism.resolve(null, Secret.of("rk_live_abcdefghijkl"), "http://127.0.0.1:9/v1/"));
        assertEquals(4, ScanParallelism.resolve(null, Secret.of("sk_test_abcdefghijkl"), STRIPE));
        assertEquals(4, ScanParallelism.resolve(null, Secret.of("rk_test_abcdefghijkl"), STRIPE));
        assertEquals(8, ScanParallelism.resolve(null, Secret.of("sk_test_abcdefghijkl"), "http://127.0.0.1:4242/v1/"));
        assertEquals(8, ScanParallelism.resolve(null, Secret.of("sk_test_abcdefghijkl"), "http://localhost:4242/v1/"));
        assertEquals(8, ScanParallelism.resolve(null, Secret.of("something-else"), STRIPE));
        assertEquals(8, ScanParallelism.resolve(null, null, null));
    }

    @Test
    void aConfiguredValueWinsWithinOneToSixteen() {
        assertEquals(1, ScanParallelism.resolve(1, Secret.of("sk_live_abcdefghijkl"), STRIPE));
        assertEquals(16, ScanParallelism.resolve(16, Secret.of("sk_test_abcdefghijkl"), STRIPE));
        for (int invalid : new int[] {0, 17, -1}) {
            StripeJdbcException e = assertThrows(
                    StripeJdbcException.class,
                    () -> ScanParallelism.resolve(invalid, Secret.of("sk_live_abcdefghijkl"), STRIPE));
            assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
            assertTrue(e.getMessage().contains("scan_parallelism"), e.getMessage());
            assertFalse(e.getMessage().contains("abcdefghijkl"), e.getMessage());
        }
    }

    @Test
    void localUrls() {
        assertTrue(ScanParallelism.isLocal("http://127.0.0.1:1/v1/"));
        assertTrue(ScanParallelism.isLocal("http://[::1]:1/v1/"));
        assertFalse(ScanParallelism.isLocal(STRIPE));
        assertFalse(ScanParallelism.isLocal("not a url"));
        assertFalse(ScanParallelism.isLocal(null));
    }
}
