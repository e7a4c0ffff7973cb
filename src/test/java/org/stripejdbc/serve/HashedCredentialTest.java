package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.stripejdbc.vault.Secret;

class HashedCredentialTest {
    @Test
    void checksThePasswordWithoutKeepingIt() {
        HashedCredential credential = HashedCredential.of(Secret.of("correct horse battery"));
        assertTrue(credential.check("correct horse battery"));
        assertTrue(credential.check("correct horse battery".toCharArray()));
        assertFalse(credential.check("correct horse batter"));
        assertFalse(credential.check("correct horse battery "));
        assertFalse(credential.check(""));
        assertFalse(credential.check(null));
        assertFalse(credential.check(42));
        assertEquals("HashedCredential[****]", credential.toString());
    }

    @Test
    void everyCredentialHasItsOwnSalt() {
        HashedCredential first = HashedCredential.of(Secret.of("same password"));
        HashedCredential second = HashedCredential.of(Secret.of("same password"));
        assertTrue(first.check("same password"));
        assertTrue(second.check("same password"));
        assertFalse(Arrays.equals(fieldBytes(first, "digest"), fieldBytes(second, "digest")));
    }

    private static byte[] fieldBytes(HashedCredential credential, String name) {
        try {
            Field field = HashedCredential.class.getDeclaredField(name);
            field.setAccessible(true);
            return (byte[]) field.get(credential);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
