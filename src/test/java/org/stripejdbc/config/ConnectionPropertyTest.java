package org.stripejdbc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.SecretNames;

class ConnectionPropertyTest {

    /** The README's property table is generated from the declarations; this keeps the two in sync. */
    @Test
    void readmeTableMatchesTheDeclarations() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("<!-- property-table:start");
        int end = readme.indexOf("<!-- property-table:end -->");
        assertTrue(start >= 0 && end > start, "README.md has no property table markers");
        String table = readme.substring(readme.indexOf('\n', start) + 1, end).trim();
        assertEquals(
                renderTable(), table, "README.md property table is out of date; replace it with:\n" + renderTable());
    }

    static String renderTable() {
        StringBuilder out = new StringBuilder("| property | default | description |\n|---|---|---|");
        for (ConnectionProperty p : ConnectionProperty.values()) {
            out.append("\n| `")
                    .append(p.key())
                    .append("` | ")
                    .append(p.defaultValue() == null ? "" : "`" + p.defaultValue() + "`")
                    .append(" | ")
                    .append(p.description())
                    .append(" |");
        }
        return out.toString();
    }

    @Test
    void typedValuesAndDefaults() {
        Map<String, String> values = Map.of("read_timeout", "30", "auto_import", "off", "max_retries", "5");
        assertEquals(Duration.ofSeconds(30), ConnectionProperty.READ_TIMEOUT.seconds(values));
        assertEquals(Duration.ofSeconds(10), ConnectionProperty.CONNECT_TIMEOUT.seconds(values));
        assertFalse(ConnectionProperty.AUTO_IMPORT.bool(values));
        assertEquals(5, ConnectionProperty.MAX_RETRIES.integer(values));
        assertEquals("stripe", ConnectionProperty.SCHEMA.string(values));
        assertEquals("https://api.stripe.com/v1/", ConnectionProperty.API_URL.string(values));
    }

    @Test
    void invalidValuesNameThePropertyButNeverASecret() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class,
                () -> ConnectionProperty.READ_TIMEOUT.seconds(Map.of("read_timeout", "soon")));
        assertEquals("22023", e.sqlState().code());
        assertTrue(e.getMessage().contains("read_timeout"));
        assertTrue(e.getMessage().contains("soon"));
        StripeJdbcException secret = assertThrows(
                StripeJdbcException.class,
                () -> ConnectionProperty.VAULT_KEY.integer(Map.of("vault_key", "sk_live_abcdef")));
        assertFalse(secret.getMessage().contains("sk_live_abcdef"));
    }

    /** Security: a property holds a secret exactly when its name says so by the one rule of {@link SecretNames}. */
    @Test
    void secretPropertiesAreTheOnesWithSecretNames() {
        for (ConnectionProperty property : ConnectionProperty.values()) {
            assertEquals(SecretNames.isSecret(property.key()), property.isSecret(), property.key());
        }
        assertTrue(SecretNames.isSecret("password"), "the alias of api_key");
    }

    @Test
    void namesAreMatchedLooselyAndPasswordIsTheApiKey() {
        assertEquals(
                ConnectionProperty.API_KEY, ConnectionProperty.byKey("API-KEY").orElseThrow());
        assertEquals(
                ConnectionProperty.API_KEY, ConnectionProperty.byKey("password").orElseThrow());
        assertTrue(ConnectionProperty.byKey("nope").isEmpty());
        for (ConnectionProperty p : ConnectionProperty.values()) {
            assertEquals(p, ConnectionProperty.byKey(p.key()).orElseThrow());
        }
    }
}
