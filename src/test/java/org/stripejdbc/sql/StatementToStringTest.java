package org.stripejdbc.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Security: statement records never print the secrets they carry. */
class StatementToStringTest {
    @Test
    void serverOptionsAreMasked() {
        String key = "sk_live_0123456789abcdefghij";
        String create = new Statement.CreateServer("s", false, "w", Map.of("api_key", key, "api_url", "u")).toString();
        assertFalse(create.contains(key), create);
        assertTrue(create.contains("api_url=u"), create);
        String alter = new Statement.AlterServer("s", List.of(OptionChange.set("api_key", key)), null).toString();
        assertFalse(alter.contains(key), alter);
    }
}
