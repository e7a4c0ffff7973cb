package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keepsOnlyTheKindAndTheLastFourCharacters() {
        assertEquals("sk_test_...wxyz", ApiKeys.mask("sk_test_51Habcdefghijklmnopwxyz"));
        assertEquals("rk_live_...1234", ApiKeys.mask("rk_live_abcdefgh1234"));
        assertEquals("sk_test_...", ApiKeys.mask("sk_test_short"));
        assertEquals("***", ApiKeys.mask("whatever-secret"));
        assertEquals("***", ApiKeys.mask(""));
        assertEquals("***", ApiKeys.mask(null));
    }

    @Test
    void masksAuthorizationHeadersKeepingTheScheme() {
        assertEquals("Bearer sk_test_...wxyz", ApiKeys.maskAuthorization("Bearer sk_test_51Habcdefghijklmnopwxyz"));
        assertEquals("Basic ***", ApiKeys.maskAuthorization("Basic c2tfdGVzdF94eXo6"));
        assertEquals("***", ApiKeys.maskAuthorization("sk_test_51Habcdefghijklmnopwxyz"));
    }
}
