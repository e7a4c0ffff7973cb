package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The property filter; the connections themselves are exercised end to end in StripeServeTest. */
class ServedJdbcMetaTest {
    @Test
    void keepsOnlyTheSchemaOfWhatAClientSends() {
        Map<String, String> client = new HashMap<>();
        client.put("schema", "billing");
        client.put("password", "sk_test_someone_elses_key");
        client.put("api_key", "sk_test_someone_elses_key");
        client.put("api_url", "http://elsewhere.example/v1/");
        client.put("vault_key", "AAAA");
        client.put("stripe_account", "acct_1");
        client.put("progress", "true");
        client.put("url", "http://127.0.0.1:8765");
        assertEquals(Map.of("schema", "billing"), ServedJdbcMeta.allowedClientProperties(client));
    }

    @Test
    void copesWithNothingAndWithEmptyValues() {
        assertEquals(Map.of(), ServedJdbcMeta.allowedClientProperties(null));
        assertEquals(Map.of(), ServedJdbcMeta.allowedClientProperties(Map.of("schema", "")));
    }
}
