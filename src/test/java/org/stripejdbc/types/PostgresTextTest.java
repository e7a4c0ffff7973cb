package org.stripejdbc.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/** Postgres text output and input of every runtime class. */
class PostgresTextTest {
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    @Test
    void formatsEveryRuntimeClass() {
        assertEquals(null, PostgresText.format(null));
        assertEquals("x", PostgresText.format("x"));
        assertEquals("42", PostgresText.format(42L));
        assertEquals("12.50", PostgresText.format(new BigDecimal("12.50")));
        assertEquals("t", PostgresText.format(true));
        assertEquals("true", PostgresText.castToText(true, SqlType.BOOLEAN));
        assertEquals("2023-11-14 22:13:20", PostgresText.format(LocalDateTime.of(2023, 11, 14, 22, 13, 20)));
        assertEquals(
                "2023-11-14 22:13:20.0005", PostgresText.format(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 500_000)));
        assertEquals(
                "2023-11-14 22:13:20+00",
                PostgresText.format(OffsetDateTime.of(2023, 11, 15, 0, 13, 20, 0, ZoneOffset.ofHours(2))));
        assertEquals("2023-11-14", PostgresText.format(LocalDate.of(2023, 11, 14)));
        assertEquals("0044-03-15 BC", PostgresText.format(LocalDate.of(-43, 3, 15)));
        assertEquals("09:05:00", PostgresText.format(LocalTime.of(9, 5)));
        assertEquals("1 year 2 mons 3 days 04:05:06", PostgresText.format(new Interval(14, 3, 14_706_000_000L)));
        assertEquals("00:00:00", PostgresText.format(Interval.ZERO));
        assertEquals("-1 days +02:00:00", PostgresText.format(new Interval(0, -1, 7_200_000_000L)));
        assertEquals("1 day -02:00:00", PostgresText.format(new Interval(0, 1, -7_200_000_000L)));
        assertEquals("36:00:00.25", PostgresText.format(new Interval(0, 0, 129_600_250_000L)));
        assertEquals("{\"a\": 1}", PostgresText.format(Json.parse("{\"a\":1}")));
        assertEquals("{\"a\":1}", PostgresText.format(Json.parse("{\"a\":1}"), SqlType.JSON));
        assertEquals(
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                PostgresText.format(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")));
        assertEquals(
                "{1,NULL,\"a b\",\"\\\"q\\\"\",{2}}",
                PostgresText.format(Arrays.asList(1L, null, "a b", "\"q\"", List.of(2L))));
    }

    @Test
    void formatsFloatsLikePostgres() {
        assertEquals("0.1", PostgresText.formatDouble(0.1));
        assertEquals("1e+15", PostgresText.formatDouble(1e15));
        assertEquals("100000000000000", PostgresText.formatDouble(1e14));
        assertEquals("1.5e-05", PostgresText.formatDouble(1.5e-5));
        assertEquals("-0", PostgresText.formatDouble(-0.0));
        assertEquals("-Infinity", PostgresText.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("3.14", PostgresText.formatFloat(3.14f));
        assertEquals("1.2345679e+06", PostgresText.formatFloat(1234567.9f));
    }

    @Test
    void parsesEveryType() {
        assertEquals(42L, PostgresText.parse(" 42 ", SqlType.BIGINT, NOW));
        assertEquals((short) 7, PostgresText.parse("7", SqlType.SMALLINT, NOW));
        assertEquals(new BigDecimal("1.50"), PostgresText.parse("1.50", SqlType.NUMERIC, NOW));
        assertEquals(true, PostgresText.parse("on", SqlType.BOOLEAN, NOW));
        assertEquals(LocalDateTime.of(2023, 11, 14, 22, 13, 20), PostgresText.parse("now", SqlType.TIMESTAMP, NOW));
        assertEquals(LocalDate.of(2023, 11, 15), PostgresText.parse("tomorrow", SqlType.DATE, NOW));
        assertEquals(new Interval(1, 2, 0), PostgresText.parse("1 mon 2 days", SqlType.INTERVAL, NOW));
        assertEquals(Json.parse("[1]"), PostgresText.parse("[1]", SqlType.JSONB, NOW));
        assertEquals(Arrays.asList("a", null, "b,c"), PostgresText.parse("{a,NULL,\"b,c\"}", SqlType.ARRAY, NOW));
        assertEquals(
                List.of(List.of("1", "2"), List.of("3", "4")), PostgresText.parse("{{1,2},{3,4}}", SqlType.ARRAY, NOW));
    }

    @Test
    void rejectsBadInputWithPostgresCodes() {
        assertEquals("22P02", code(() -> PostgresText.parse("12a", SqlType.INTEGER, NOW)));
        assertEquals("22003", code(() -> PostgresText.parse("32768", SqlType.SMALLINT, NOW)));
        assertEquals("22P02", code(() -> PostgresText.parse("", SqlType.BOOLEAN, NOW)));
        assertEquals("22007", code(() -> PostgresText.parse("2024/01/01", SqlType.DATE, NOW)));
        assertEquals("22008", code(() -> PostgresText.parse("2024-01-01 25:00", SqlType.TIMESTAMP, NOW)));
        assertEquals("22P02", code(() -> PostgresText.parse("{a", SqlType.ARRAY, NOW)));
        assertEquals("0A000", code(() -> PostgresText.parse("infinity", SqlType.TIMESTAMP, NOW)));
    }

    private static String code(Executable action) {
        return assertThrows(StripeJdbcException.class, action).sqlState().code();
    }
}
