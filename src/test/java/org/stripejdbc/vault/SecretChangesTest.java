package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretChangesTest {
    @Test
    void ofNullableLeavesNullFieldsAlone() {
        SecretChanges changes = SecretChanges.ofNullable(null, "n", null);
        assertNull(changes.secret());
        assertTrue(changes.nameChanged());
        assertEquals("n", changes.name());
        assertFalse(changes.descriptionChanged());
        assertTrue(SecretChanges.ofNullable(null, null, null).isEmpty());
    }

    @Test
    void explicitNullsClearNameAndDescription() {
        SecretChanges changes = SecretChanges.none().withName(null).withDescription(null);
        assertTrue(changes.nameChanged());
        assertNull(changes.name());
        assertEquals("", changes.description());
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String text =
                SecretChanges.none().withSecret("sk_test_51Habcdefghijwxyz").toString();
        assertFalse(text.contains("abcdefghij"));
        assertEquals("SecretChanges[secret=sk_test_...wxyz, name=unchanged, description=unchanged]", text);
    }
}
