package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security: pins the one rule for secret names (options, unknown URL properties, name=value in messages). */
class SecretNamesTest {
    @Test
    void secretNames() {
        for (String name : List.of(
                "api_key",
                "API_KEY",
                "apiKey",
                "api-key",
                "stripe_api_key",
                "client_secret",
                "secret",
                "password",
                "passwd",
                "token",
                "access_token",
                "refresh_token",
                "vault_key",
                "secretKey")) {
            assertTrue(SecretNames.isSecret(name), name);
        }
    }

    @Test
    void namesThatOnlyReferToASecretOrAreCommonWords() {
        for (String name : List.of(
                "api_key_id",
                "api_key_name",
                "key",
                "api_url",
                "api_version",
                "object",
                "rowid_column",
                "stripe_account",
                "max_response_size",
                "column_name",
                "schema",
                "tokens_used")) {
            assertFalse(SecretNames.isSecret(name), name);
        }
        assertFalse(SecretNames.isSecret(null));
    }

    @Test
    void masksSecretValuesKeepingTheOrder() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("api_url", "http://x");
        options.put("api_key", "sk_test_1");
        options.put("token", "t");
        assertEquals(
                "{api_url=http://x, api_key=****, token=****}",
                SecretNames.mask(options).toString());
        assertEquals("x", SecretNames.maskValue("api_key_id", "x"));
        assertNull(SecretNames.maskValue("password", null));
    }
}
