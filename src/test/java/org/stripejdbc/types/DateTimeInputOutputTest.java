package org.stripejdbc.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Date/time text forms for a UTC session. */
class DateTimeInputOutputTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void timestampInputForms() {
        LocalDateTime expected = LocalDateTime.of(2024, 1, 2, 3, 4, 5);
        assertEquals(expected, DateTimeInput.parseTimestamp("2024-01-02 03:04:05", NOW));
        assertEquals(expected, DateTimeInput.parseTimestamp("2024-01-02T03:04:05Z", NOW));
        assertEquals(expected, DateTimeInput.parseTimestamp("2024-1-2 3:04:05", NOW));
        assertEquals(LocalDateTime.of(2024, 1, 3, 0, 0), DateTimeInput.parseTimestamp("2024-01-02 24:00", NOW));
        assertEquals(LocalDateTime.of(1970, 1, 1, 0, 0), DateTimeInput.parseTimestamp("epoch", NOW));
    }

    @Test
    void timestamptzAppliesTheWrittenZone() {
        assertEquals(
                OffsetDateTime.of(2024, 1, 1, 22, 30, 0, 0, ZoneOffset.UTC),
                DateTimeInput.parseTimestampTz("2024-01-02 04:00:00+05:30", NOW));
        assertEquals(
                OffsetDateTime.of(2024, 1, 2, 4, 0, 0, 0, ZoneOffset.UTC),
                DateTimeInput.parseTimestampTz("2024-01-02 04:00", NOW));
        assertEquals(
                OffsetDateTime.of(2024, 1, 2, 6, 0, 0, 0, ZoneOffset.UTC),
                DateTimeInput.parseTimestampTz("2024-01-02 04:00-0200", NOW));
    }

    @Test
    void intervalInputForms() {
        assertEquals(new Interval(0, 30, 0), DateTimeInput.parseInterval("30 days"));
        assertEquals(new Interval(14, 0, 0), DateTimeInput.parseInterval("1 year 2 months"));
        assertEquals(new Interval(0, 1, 7_384_000_000L), DateTimeInput.parseInterval("1 day 02:03:04"));
        assertEquals(new Interval(0, 0, -3_600_000_000L), DateTimeInput.parseInterval("-1 hour"));
        assertEquals(new Interval(0, 0, 1_500_000L), DateTimeInput.parseInterval("1.5"));
        assertEquals(new Interval(0, 14, 0), DateTimeInput.parseInterval("2 weeks"));
        assertEquals(new Interval(0, -1, 0), DateTimeInput.parseInterval("@ 1 day ago"));
        assertEquals(new Interval(1, 15, 0), DateTimeInput.parseInterval("1.5 mons"));
        assertEquals(new Interval(0, 0, 90_000_000L), DateTimeInput.parseInterval("1 min 30 secs"));
    }

    @Test
    void timeOutput() {
        assertEquals("23:59:59.999999", DateTimeOutput.formatTime(LocalTime.of(23, 59, 59, 999_999_000)));
        assertEquals(LocalTime.of(10, 30), DateTimeInput.parseTime("10:30"));
    }
}
