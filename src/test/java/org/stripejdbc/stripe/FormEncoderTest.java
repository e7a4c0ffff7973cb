package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

class FormEncoderTest {

    private static String encode(String json) {
        return FormEncoder.encode(Json.parse(json));
    }

    @Test
    void nestedObjectsAndArraysBecomeBracketKeysInOrder() {
        assertEquals(
                "metadata[a]=b&items[0][price]=p",
                encode("{\"metadata\":{\"a\":\"b\"},\"items\":[{\"price\":\"p\"}]}"));
        assertEquals(
                List.of(Map.entry("metadata[a]", "b"), Map.entry("items[0][price]", "p")),
                FormEncoder.flatten(Json.parse("{\"metadata\":{\"a\":\"b\"},\"items\":[{\"price\":\"p\"}]}")));
    }

    @Test
    void keysKeepTheObjectsOwnOrderNotJsonbOrder() {
        assertEquals("zeta=1&a=2&middle=3", encode("{\"zeta\":1,\"a\":2,\"middle\":3}"));
    }

    @Test
    void arraysOfScalarsAndDeepNesting() {
        assertEquals(
                "expand[0]=customer&expand[1]=invoice.subscription",
                encode("{\"expand\":[\"customer\",\"invoice.subscription\"]}"));
        assertEquals(
                "items[0][price_data][recurring][interval]=month&items[1][quantity]=2",
                encode("{\"items\":[{\"price_data\":{\"recurring\":{\"interval\":\"month\"}}},{\"quantity\":2}]}"));
        assertEquals("a[0][0]=x&a[0][1]=y", encode("{\"a\":[[\"x\",\"y\"]]}"));
    }

    @Test
    void scalars() {
        assertEquals(
                "active=true&livemode=false&amount=1999&rate=1.5&big=12345678901234567890&exp=1000",
                encode("{\"active\":true,\"livemode\":false,\"amount\":1999,\"rate\":1.5,"
                        + "\"big\":12345678901234567890,\"exp\":1e3}"));
    }

    @Test
    void nullAndEmptyContainersUnset() {
        assertEquals(
                "description=&metadata=&tax_ids=", encode("{\"description\":null,\"metadata\":{},\"tax_ids\":[]}"));
        assertEquals("", encode("{}"));
    }

    @Test
    void flatBracketKeysPassThrough() {
        assertEquals(
                "metadata[foo]=bar&items[0][price]=price_1",
                encode("{\"metadata[foo]\":\"bar\",\"items[0][price]\":\"price_1\"}"));
    }

    @Test
    void specialCharactersAreEncoded() {
        assertEquals(
                "q=a%26b%3Dc%2Bd+e%5Bf%5D&name=J%C3%BCrgen+%E2%82%AC+%F0%9F%98%80&email=a%40b.c",
                encode("{\"q\":\"a&b=c+d e[f]\",\"name\":\"Jürgen € 😀\",\"email\":\"a@b.c\"}"));
        // Keys: brackets stay readable, everything else is encoded.
        assertEquals("metadata[a+b%26c]=1&odd%3Dkey=2", encode("{\"metadata\":{\"a b&c\":1},\"odd=key\":2}"));
    }

    @Test
    void mapsAreFlattenedInIterationOrder() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("z", "1");
        metadata.put("a", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", metadata);
        body.put("expand", List.of("x"));
        body.put("count", 3);
        assertEquals(
                List.of(
                        Map.entry("metadata[z]", "1"),
                        Map.entry("metadata[a]", ""),
                        Map.entry("expand[0]", "x"),
                        Map.entry("count", "3")),
                FormEncoder.flatten(body));
    }

    @Test
    void encodeKeepsOrderAndRepeatsAndSendsNullAsEmpty() {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        pairs.add(Map.entry("expand[]", "a"));
        pairs.add(Map.entry("expand[]", "b"));
        pairs.add(new AbstractMap.SimpleEntry<>("description", null));
        assertEquals("expand[]=a&expand[]=b&description=", FormEncoder.encode(pairs));
    }

    @Test
    void nonObjectsAreRejected() {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> FormEncoder.flatten(Json.parse("[1]")));
        assertEquals(SqlState.INVALID_PARAMETER_VALUE, e.sqlState());
        assertEquals("a Stripe form body must be a JSON object, not array", e.getMessage());
        assertThrows(StripeJdbcException.class, () -> FormEncoder.flatten((Json) null));
        assertThrows(StripeJdbcException.class, () -> FormEncoder.flatten((Map<String, ?>) null));
        assertThrows(StripeJdbcException.class, () -> FormEncoder.flatten(Json.parse("{\"\":1}")));
    }
}
