package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

class TypeMappingTest {
    @Test
    void otherColumnsReadAsPostgresPrintsThem() {
        assertNull(TypeMapping.toFrameValue(null, SqlType.INTERVAL));
        assertEquals(
                "1 year 2 mons 3 days 00:00:04",
                TypeMapping.toFrameValue(new Interval(14, 3, 4_000_000), SqlType.INTERVAL));
        assertEquals(
                "-1 days +02:00:00", TypeMapping.toFrameValue(new Interval(0, -1, 7_200_000_000L), SqlType.INTERVAL));
        assertEquals("-1 years -1 days", TypeMapping.toFrameValue(new Interval(-12, -1, 0), SqlType.INTERVAL));
        assertEquals(
                "{t,f,NULL,\"a b\"}", TypeMapping.toFrameValue(Arrays.asList(true, false, null, "a b"), SqlType.ARRAY));
        assertEquals("{\"a\": [1, 2]}", TypeMapping.toFrameValue(Json.parse("{\"a\":[1,2]}"), SqlType.JSONB));
        assertEquals("{1.50,2}", TypeMapping.toFrameValue(List.of(new BigDecimal("1.50"), 2L), SqlType.ARRAY));
    }

    @Test
    void temporalValuesTravelAsNumbers() {
        assertEquals(
                1_700_000_000_000L,
                TypeMapping.toFrameValue(LocalDateTime.of(2023, 11, 14, 22, 13, 20), SqlType.TIMESTAMP));
        assertEquals(19_675, TypeMapping.toFrameValue(LocalDate.of(2023, 11, 14), SqlType.DATE));
        assertEquals(5L, TypeMapping.toFrameValue(5, SqlType.BIGINT));
    }

    @Test
    void cursorRowsPrintTextCarriedValuesOnlyWhenReadAndAsFramesDo() {
        List<SqlType> types = Arrays.asList(SqlType.values());
        Object[] row = {
            "text",
            (short) 1,
            2,
            3L,
            new BigDecimal("4.50"),
            5.5f,
            6.25,
            true,
            LocalDateTime.of(2023, 11, 14, 22, 13, 20),
            LocalDateTime.of(2023, 11, 14, 22, 13, 20).atOffset(ZoneOffset.UTC),
            LocalDate.of(2023, 11, 14),
            LocalTime.of(12, 30),
            new Interval(14, 3, 4_000_000),
            Json.parse("{\"name\":\"Zoë\",\"id\":\"cus_1\",\"address\":{\"city\":\"€\"},\"n\":[1,2.50,null]}"),
            Json.parse("{\"b\":1,\"a\":2}"),
            UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
            Arrays.asList(1L, null, "x y"),
            "unknown"
        };
        assertEquals(types.size(), row.length);
        Object[] frame = TypeMapping.toFrameRow(row, types);
        Object[] cursor = TypeMapping.toCursorRow(row, types);
        for (int i = 0; i < row.length; i++) {
            SqlType type = types.get(i);
            boolean lazy = TypeMapping.rep(type) == Rep.STRING && !(row[i] instanceof String);
            assertEquals(lazy, cursor[i] instanceof LazyText, type.name());
            assertEquals(frame[i], LazyText.resolve(cursor[i]), type.name());
            // Printed once: the same String every time the row is read.
            assertSame(LazyText.resolve(cursor[i]), LazyText.resolve(cursor[i]), type.name());
        }
        assertEquals(
                "{\"n\": [1, 2.50, null], \"id\": \"cus_1\", \"name\": \"Zoë\", \"address\": {\"city\": \"€\"}}",
                LazyText.resolve(cursor[types.indexOf(SqlType.JSONB)]));
        assertEquals("{\"b\":1,\"a\":2}", LazyText.resolve(cursor[types.indexOf(SqlType.JSON)]));
        assertArrayEquals(
                new Object[] {null, null}, TypeMapping.toCursorRow(new Object[] {null}, types.subList(12, 14)));
    }

    @Test
    void aCursorValueThatIsNotReadIsNotPrinted() {
        Object[] cursor =
                TypeMapping.toCursorRow(new Object[] {"cus_1", new Unprintable()}, List.of(SqlType.TEXT, SqlType.UUID));
        assertEquals("cus_1", cursor[0]);
        assertTrue(cursor[1] instanceof LazyText);
        assertThrows(AssertionError.class, cursor[1]::toString); // printed only now, when asked
    }

    /** A value whose printing fails the test: proves a value is not printed until read. */
    private static final class Unprintable {
        @Override
        public String toString() {
            throw new AssertionError("printed");
        }
    }
}
