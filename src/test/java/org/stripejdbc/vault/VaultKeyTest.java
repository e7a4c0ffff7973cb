package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

class VaultKeyTest {
    @Test
    void parsesStandardAndUrlSafeBase64() {
        byte[] bytes = new byte[32];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (250 - i);
        }
        VaultKey standard = VaultKey.fromBase64(" " + Base64.getEncoder().encodeToString(bytes) + "\n");
        VaultKey urlSafe = VaultKey.fromBase64(Base64.getUrlEncoder().encodeToString(bytes));
        assertEquals(standard, urlSafe);
        assertEquals(Base64.getEncoder().encodeToString(bytes), standard.toBase64());
    }

    @Test
    void wrongLengthOrNotBase64Is22023WithoutEchoingTheValue() {
        StripeJdbcException shortKey = assertThrows(
                StripeJdbcException.class,
                () -> VaultKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])));
        assertEquals("22023", shortKey.sqlState().code());
        assertEquals(
                "invalid vault key: it decodes to 16 bytes; a vault key is 32 random bytes in base64, e.g. the "
                        + "output of `openssl rand -base64 32`",
                shortKey.getMessage());
        StripeJdbcException garbage = assertThrows(StripeJdbcException.class, () -> VaultKey.fromBase64("not*base64!"));
        assertFalse(garbage.getMessage().contains("not*base64!"));
    }

    @Test
    void neverPrintsItselfAndGeneratesDistinctKeys() {
        VaultKey key = VaultKey.generate();
        assertEquals("VaultKey[****]", key.toString());
        assertNotEquals(key, VaultKey.generate());
    }
}
