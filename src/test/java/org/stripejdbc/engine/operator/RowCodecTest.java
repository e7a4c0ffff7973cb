package org.stripejdbc.engine.operator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;

class RowCodecTest {
    @Test
    void everyRuntimeClassRoundTripsWithItsClass() {
        Object[] row = {
            null,
            "cus_1 é ✓",
            5L,
            7,
            (short) 3,
            new BigDecimal("-12.3400"),
            new BigDecimal("1E+3"),
            2.5d,
            1.5f,
            true,
            false,
            LocalDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_000),
            OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 5, ZoneOffset.UTC),
            LocalDate.of(1999, 12, 31),
            LocalTime.of(8, 10, 56, 500_000_000),
            new Interval(14, -3, 3_600_000_001L),
            Json.parse("{\"b\": [1, 2.50, null, {\"z\": \"x\"}], \"a\": true}"),
            UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            Arrays.asList("a", null, 3L),
            "x".repeat(70_000)
        };
        Object[] back = RowCodec.decode(RowCodec.encode(row));
        assertEquals(row.length, back.length);
        for (int i = 0; i < row.length; i++) {
            assertEquals(row[i], back[i], "value " + i);
            if (row[i] instanceof List) {
                assertEquals(true, back[i] instanceof List, "class " + i);
            } else if (row[i] != null) {
                assertEquals(row[i].getClass(), back[i].getClass(), "class " + i);
            }
        }
        assertEquals(
                "{\"b\": [1, 2.50, null, {\"z\": \"x\"}], \"a\": true}".length(),
                ((Json) back[16]).toString().length());
        assertEquals(List.of("a", "b"), ((Json) back[16]).keys());
        assertArrayEquals(new Object[0], RowCodec.decode(RowCodec.encode(new Object[0])));
    }

    @Test
    void unknownClassesAreAnInternalErrorNotACorruptFile() {
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> RowCodec.encode(new Object[] {new StringBuilder("x")}));
        assertEquals(SqlState.INTERNAL_ERROR, e.sqlState());
    }
}
