package org.stripejdbc.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stripejdbc.json.Json;

class ValueFormatTest {
    @Test
    void otherColumnsReadAsPostgresPrintsThem() {
        assertNull(ValueFormat.toText(null));
        assertEquals("true", ValueFormat.toText(true));
        assertEquals("1 year 2 mons 3 days 00:00:04", ValueFormat.toText(new Interval(14, 3, 4_000_000)));
        assertEquals("-1 days +02:00:00", ValueFormat.toText(new Interval(0, -1, 7_200_000_000L)));
        assertEquals("-1 years -1 days", ValueFormat.toText(new Interval(-12, -1, 0)));
        assertEquals("{t,f,NULL,\"a b\"}", ValueFormat.toText(Arrays.asList(true, false, null, "a b")));
        assertEquals("{\"a\": [1, 2]}", ValueFormat.toText(Json.parse("{\"a\":[1,2]}")));
        assertEquals("{1.50,2}", ValueFormat.toText(List.of(new java.math.BigDecimal("1.50"), 2L)));
    }
}
