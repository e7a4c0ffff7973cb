package org.stripejdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
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
}
