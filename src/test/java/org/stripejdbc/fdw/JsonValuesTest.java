package org.stripejdbc.fdw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

class JsonValuesTest {

    @Test
    void unixSecondsAreTheUtcWallClockWhateverTheDayBefore() {
        long[] seconds = {0, 1, 86_399, 86_400, -1, -86_400, -86_401, 1_234_567_890, 1_748_736_000, 253_402_300_799L};
        for (long s : seconds) {
            assertEquals(LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC), JsonValues.timestamp(Json.of(s)), "" + s);
        }
        // Rows alternate between days and repeat them: the day remembered from the row before must never leak.
        Random random = new Random(1);
        for (int i = 0; i < 20_000; i++) {
            long s = 1_700_000_000L + (i % 3 == 0 ? random.nextInt(86_400) : random.nextInt(60_000_000));
            assertEquals(LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC), JsonValues.timestamp(Json.of(s)));
        }
    }

    @Test
    void whatIsNoTimestampIsNull() {
        assertNull(JsonValues.timestamp(null));
        assertNull(JsonValues.timestamp(Json.of("1700000000")));
        assertNull(JsonValues.timestamp(Json.of(new BigDecimal("1700000000.5"))));
        assertNull(JsonValues.timestamp(Json.of(Long.MAX_VALUE)), "beyond year 999,999,999");
        assertNull(JsonValues.timestamp(Json.of(Long.MIN_VALUE)));
        assertEquals(LocalDateTime.of(2023, 11, 14, 22, 13, 20), JsonValues.timestamp(Json.of(1_700_000_000L)));
    }
}
