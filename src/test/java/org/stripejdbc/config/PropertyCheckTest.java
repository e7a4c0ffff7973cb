package org.stripejdbc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.StripeJdbcException;

class PropertyCheckTest {

    @Test
    void aMisspeltNameIsWarnedAboutWithTheClosestProperty() {
        assertEquals(
                List.of("unknown connection property read_timout ignored: did you mean read_timeout?"),
                PropertyCheck.check(Map.of("read_timout", "30"), Set.of()));
        assertEquals(
                List.of("unknown connection property Scan-Paralelism ignored: did you mean scan_parallelism?"),
                PropertyCheck.check(Map.of("Scan-Paralelism", "2"), Set.of()));
        assertEquals(
                List.of("unknown connection property shcema ignored: did you mean schema?"),
                PropertyCheck.check(Map.of("shcema", "x"), Set.of()));
    }

    @Test
    void namesOthersPassAreAcceptedSilently() {
        assertEquals(
                List.of(),
                PropertyCheck.check(
                        Map.of(
                                "user", "x",
                                "numPartitions", "4",
                                "fetchsize", "10",
                                "timeZone", "UTC",
                                "maximumPoolSize", "3",
                                "url", "jdbc:stripe:"),
                        Set.of("timeZone", "fetchSize")));
        assertEquals(List.of(), PropertyCheck.check(Map.of("read_timeout", "30", "api_key", "sk_test_x"), Set.of()));
    }

    @Test
    void anInvalidValueFailsNamingThePropertyAndNeverShowsASecret() {
        StripeJdbcException e = assertThrows(
                StripeJdbcException.class, () -> PropertyCheck.check(Map.of("read_timeout", "abc"), Set.of()));
        assertEquals("22023", e.sqlState().code());
        assertEquals("invalid value for connection property read_timeout: \"abc\" (expected seconds)", e.getMessage());
        e = assertThrows(
                StripeJdbcException.class, () -> PropertyCheck.check(Map.of("safe_updates", "maybe"), Set.of()));
        assertTrue(e.getMessage().contains("safe_updates"), e.getMessage());
        e = assertThrows(
                StripeJdbcException.class, () -> PropertyCheck.check(Map.of("max_write_rows", "-1"), Set.of()));
        assertTrue(e.getMessage().contains("max_write_rows"), e.getMessage());
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertEquals(1, PropertyCheck.distance("shcema", "schema"));
        assertEquals(1, PropertyCheck.distance("read_timout", "read_timeout"));
        assertEquals(0, PropertyCheck.distance("schema", "schema"));
    }
}
