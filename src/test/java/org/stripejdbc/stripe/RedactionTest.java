package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.Secret;

class RedactionTest {

    @Test
    void masksEveryStripeKeyShape() {
        assertEquals("a sk_test_...1234 b sk_live_...WXYZ c rk_live_...9876 d ****",
                Redaction.redact("a sk_test_51HxYzAbCdEfGh1234 b sk_live_51HabcdefghWXYZ c rk_live_abcdefghij9876 "
                        + "d sk_test_short"));
        assertEquals("secret ****", Redaction.redact("secret whsec_abcdefghijklwxyz"));
        assertEquals("nothing to hide", Redaction.redact("nothing to hide"));
        assertNull(Redaction.redact(null));
    }

    @Test
    void masksTheClientsOwnKeyWhateverItsShape() {
        assertEquals("key **** used", Redaction.redact("key my-emulator-key used", Secret.of("my-emulator-key")));
        assertEquals("k sk_test_...1234", Redaction.redact("k sk_test_51HxYzAbCdEfGh1234",
                Secret.of("sk_test_51HxYzAbCdEfGh1234")));
    }
}
