package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client property policy; the connections themselves are exercised end to end in StripeServeTest and
 * ServedTrustTest.
 */
class ServedJdbcMetaTest {
    @Test
    void keepsTheSchemaAndIgnoresTheLoginPairAndTheThinClientsOwnProperties() throws SQLException {
        Map<String, String> client = new HashMap<>();
        client.put("schema", "billing");
        client.put("user", "analyst");
        client.put("password", "sk_test_someone_elses_key");
        client.put("url", "http://127.0.0.1:8765");
        client.put("timeZone", "UTC");
        assertEquals(Map.of("schema", "billing"), ServedJdbcMeta.allowedClientProperties(client));
    }

    @Test
    void refusesEveryOtherDriverPropertyByNameNeverByValue() {
        for (String name : List.of(
                "api_key",
                "api_url",
                "API_URL",
                "api-url",
                "api_version",
                "stripe_account",
                "vault_key",
                "auto_import",
                "connect_timeout",
                "read_timeout",
                "max_retries",
                "requests_per_second",
                "scan_parallelism",
                "progress")) {
            Map<String, String> client = Map.of("schema", "stripe", name, "sk_test_value_shown_nowhere");
            SQLException e =
                    assertThrows(SQLException.class, () -> ServedJdbcMeta.allowedClientProperties(client), name);
            assertEquals("42501", e.getSQLState());
            String key = name.toLowerCase(Locale.ROOT).replace('-', '_');
            assertTrue(
                    e.getMessage().startsWith("served connections cannot set connection property " + key + ": "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("sk_test_value"), e.getMessage());
        }
    }

    @Test
    void copesWithNothingAndWithEmptyValues() throws SQLException {
        assertEquals(Map.of(), ServedJdbcMeta.allowedClientProperties(null));
        assertEquals(Map.of(), ServedJdbcMeta.allowedClientProperties(Map.of("schema", "")));
        assertEquals(Map.of(), ServedJdbcMeta.allowedClientProperties(Map.of("api_url", "")), "empty is unset");
    }
}
