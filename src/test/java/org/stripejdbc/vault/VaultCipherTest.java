package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

class VaultCipherTest {
    private final VaultKey key = VaultKey.generate();
    private final VaultCipher cipher = new VaultCipher(key);

    @Test
    void roundTripsUnicodeAndEmptyValues() {
        for (String plaintext : new String[] {"sk_test_51Habc", "", "ünïcødé ✓ 🔑"}) {
            assertEquals(Optional.of(plaintext), cipher.open(cipher.seal(plaintext, "id-1"), "id-1"));
        }
    }

    @Test
    void sealedFormIsNoncePlusCiphertextPlusTag() {
        byte[] sealed = Base64.getDecoder().decode(cipher.seal("abcd", "id"));
        assertEquals(VaultCipher.NONCE_LENGTH + 4 + 16, sealed.length);
    }

    @Test
    void aFreshNonceEveryTime() {
        assertNotEquals(cipher.seal("same", "id"), cipher.seal("same", "id"));
    }

    @Test
    void otherAssociatedDataOtherKeyOrTamperingDoNotOpen() {
        String sealed = cipher.seal("secret", "id-1");
        assertEquals(Optional.empty(), cipher.open(sealed, "id-2"));
        assertEquals(Optional.empty(), new VaultCipher(VaultKey.generate()).open(sealed, "id-1"));
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertEquals(Optional.empty(), cipher.open(Base64.getEncoder().encodeToString(bytes), "id-1"));
    }

    @Test
    void notASealedValueIsXX001() {
        StripeJdbcException notBase64 = assertThrows(StripeJdbcException.class, () -> cipher.open("***", "id"));
        assertEquals("XX001", notBase64.sqlState().code());
        StripeJdbcException tooShort = assertThrows(StripeJdbcException.class, () -> cipher.open("AAAA", "id"));
        assertEquals("XX001", tooShort.sqlState().code());
        assertTrue(tooShort.getMessage().contains("too short"));
    }
}
