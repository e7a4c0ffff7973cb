package org.stripejdbc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/** The value model of {@link Json}: reading, members, numbers, both text forms, repeats and errors. */
class JsonTest {

    @Test
    void compactTextKeepsArrivalOrderAndJsonbTextSortsKeys() {
        Json value = Json.parse("{\"name\": \"x\", \"id\": 1, \"address\": {\"zip\": \"1\", \"city\": null}}");
        assertEquals("{\"name\":\"x\",\"id\":1,\"address\":{\"zip\":\"1\",\"city\":null}}", value.toCompactString());
        assertEquals("{\"id\": 1, \"name\": \"x\", \"address\": {\"zip\": \"1\", \"city\": null}}", value.toString());
        assertEquals(List.of("id", "name", "address"), value.keys());
        assertEquals(
                List.of("name", "id", "address"),
                List.copyOf(value.membersInArrivalOrder().keySet()));
        assertEquals(
                List.of("id", "name", "address"), List.copyOf(value.members().keySet()));
        assertEquals(
                "{\"name\":\"x\",\"id\":1,\"address\":{\"zip\":\"1\",\"city\":null}}",
                value.toJackson().toString());
    }

    @Test
    void aRepeatedKeyKeepsItsFirstPositionAndItsLastValue() {
        Json value = Json.parse("{\"b\": 1, \"a\": 2, \"b\": 3}");
        assertEquals("{\"b\":3,\"a\":2}", value.toCompactString());
        assertEquals("{\"a\": 2, \"b\": 3}", value.toString());
        assertEquals(2, value.size());
        assertEquals(new BigDecimal(3), value.get("b").numberValue());
    }

    @Test
    void objectsOfOneShapeShareTheirKeyOrder() {
        Json first = Json.parse("{\"name\": \"a\", \"id\": \"cus_1\", \"email\": null}");
        Json second = Json.parse("{\"name\": \"b\", \"id\": \"cus_2\", \"email\": \"b@c.d\"}");
        assertSame(first.membersOrEmpty().order, second.membersOrEmpty().order);
        assertEquals("cus_2", second.get("id").stringValue());
        assertEquals("b@c.d", second.get("email").stringValue());
        assertNull(second.get("phone"));
        assertNull(second.get(""));
    }

    @Test
    void numbersAreExact() {
        Json value = Json.parse("[12, 12.50, 1e2, -0, 92233720368547758070, 1.0, 9223372036854775807]");
        assertEquals("[12, 12.50, 100, 0, 92233720368547758070, 1.0, 9223372036854775807]", value.toString());
        assertEquals(12L, value.get(0).longValue());
        assertNull(value.get(1).longValue());
        assertEquals(100L, value.get(2).longValue());
        assertNull(value.get(4).longValue());
        assertEquals(new BigDecimal("92233720368547758070"), value.get(4).numberValue());
        assertNull(value.get(5).longValue());
        assertEquals(Long.MAX_VALUE, value.get(6).longValue());
        assertNull(Json.parse("\"12\"").longValue());
        assertEquals(new BigDecimal("12.50"), value.get(1).numberValue());
        assertEquals(value.get(-1), value.get(6));
        assertNull(value.get(7));
    }

    @Test
    void javaValuesConvert() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, 2.5, true));
        map.put("a", null);
        map.put("big", new BigInteger("123456789012345678901234567890"));
        map.put("nan", Double.NaN);
        Json value = Json.of(map);
        assertEquals(
                "{\"z\":[1,2.5,true],\"a\":null,\"big\":123456789012345678901234567890,\"nan\":\"NaN\"}",
                value.toCompactString());
        assertSame(value, Json.of(value));
        assertTrue(Json.of(null).isNull());
    }

    @Test
    void containmentAndKeys() {
        Json value = Json.parse("{\"a\": [1, \"x\", {\"b\": 2.0}], \"c\": null}");
        assertTrue(value.contains(Json.parse("{\"a\": [{\"b\": 2}]}")));
        assertTrue(value.contains(Json.parse("{\"c\": null}")));
        assertFalse(value.contains(Json.parse("{\"a\": [3]}")));
        assertTrue(value.get("a").contains(Json.parse("\"x\"")));
        assertTrue(value.hasKey("c"));
        assertTrue(value.get("a").hasKey("x"));
        assertFalse(value.hasKey("x"));
    }

    @Test
    void readLeavesTheParserOnTheValuesLastToken() throws IOException {
        try (JsonParser parser = new JsonFactory().createParser("[{\"id\": \"a\", \"n\": [1]}, 7]")) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            parser.nextToken();
            Json first = Json.read(parser);
            assertEquals(JsonToken.END_OBJECT, parser.currentToken());
            assertEquals("{\"n\": [1], \"id\": \"a\"}", first.toString());
            parser.nextToken();
            assertEquals(7L, Json.read(parser).longValue());
        }
    }

    @Test
    void malformedTextIs22P02() {
        for (String text : List.of("", "{", "{\"a\":1} x", "[1,]", "{\"a\" 1}", "nul")) {
            StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> Json.parse(text), text);
            assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState(), text);
            assertTrue(e.getMessage().startsWith("invalid input syntax for type json: \""), e.getMessage());
        }
        StripeJdbcException deep =
                assertThrows(StripeJdbcException.class, () -> Json.parse("[".repeat(1_500) + "]".repeat(1_500)));
        assertEquals(SqlState.INVALID_JSON_TEXT, deep.sqlState());
    }

    @Test
    void theJsonbTextIsComputedOnce() {
        Json value = Json.parse("{\"b\": [1, 2], \"a\": \"\\u0001\"}");
        String text = value.toString();
        assertEquals("{\"a\": \"\\u0001\", \"b\": [1, 2]}", text);
        assertSame(text, value.toString());
        assertEquals(text.hashCode(), value.hashCode());
    }
}
