package org.stripejdbc.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The jsonb text of {@link Json#toString()}: fixed examples, and random documents against a plain reference. */
class JsonTextTest {

    @Test
    void keysByLengthThenBytesAndEscapes() {
        assertEquals(
                "{\"b\": 1, \"aa\": \"x\\\"y\\\\z\\n\\u0001\", \"ab\": [true, null, 12.50]}",
                Json.parse("{\"ab\":[true,null,12.50],\"aa\":\"x\\\"y\\\\z\\n\\u0001\",\"b\":1}")
                        .toString());
        // Same length: "z" (0x7a) before "é" (0xc3 0xa9 in UTF-8).
        assertEquals("{\"z\": 1, \"é\": 2}", Json.parse("{\"é\":2,\"z\":1}").toString());
    }

    @Test
    void theRememberedKeyOrderServesObjectsOfTheSameShapeOnly() {
        Json first = Json.parse("{\"name\":\"a\",\"id\":\"cus_1\",\"email\":null}");
        Json second = Json.parse("{\"name\":\"b\",\"id\":\"cus_2\",\"email\":\"b@c.d\"}");
        Json reordered = Json.parse("{\"email\":null,\"name\":\"a\",\"id\":\"cus_1\"}");
        assertEquals("{\"id\": \"cus_1\", \"name\": \"a\", \"email\": null}", first.toString());
        assertEquals("{\"id\": \"cus_2\", \"name\": \"b\", \"email\": \"b@c.d\"}", second.toString());
        assertEquals(first.toString(), reordered.toString());
        assertEquals(first, reordered);
        // A key set of another shape is not confused with a remembered one.
        assertEquals(
                "{\"id\": 1, \"name\": 2, \"email\": 3, \"phone\": 4}",
                Json.parse("{\"phone\":4,\"name\":2,\"id\":1,\"email\":3}").toString());
    }

    @Test
    void objectsInARowWithOtherKeysAtTheSameDepthGetTheirOwnOrder() {
        // The reader reuses the last object's key order when the keys are the same strings; a change of shape
        // (more keys, fewer, another order, nested objects between) must not.
        Json page = Json.parse("[{\"b\":1,\"a\":2},{\"b\":1,\"a\":2,\"cc\":3},{\"a\":1,\"b\":2},"
                + "{\"b\":{\"b\":1,\"a\":2},\"a\":{\"a\":3}},{\"b\":1},{\"b\":1,\"a\":2}]");
        assertEquals(
                "[{\"a\": 2, \"b\": 1}, {\"a\": 2, \"b\": 1, \"cc\": 3}, {\"a\": 1, \"b\": 2},"
                        + " {\"a\": {\"a\": 3}, \"b\": {\"a\": 2, \"b\": 1}}, {\"b\": 1}, {\"a\": 2, \"b\": 1}]",
                page.toString());
        assertEquals(Json.of(2L), page.get(5).get("a"));
        assertEquals(List.of("a", "b", "cc"), page.get(1).keys());
    }

    @Test
    void randomDocumentsPrintAsTheReferenceDoes() {
        Random random = new Random(3);
        for (int i = 0; i < 2_000; i++) {
            JsonNode node = randomNode(random, 0);
            assertEquals(reference(node), Json.fromJackson(node).toString());
        }
    }

    @Test
    void latin1TextIsTheBuilderTextByteForByte() {
        Random random = new Random(5);
        for (int i = 0; i < 3_000; i++) {
            JsonNode node = randomNode(random, 0, LATIN1_ALPHABET);
            Json value = Json.fromJackson(node);
            assertEquals(builderText(value), Latin1Text.jsonb(value), node.toString());
            assertEquals(reference(node), value.toString());
        }
        // Extremes of the numbers, escapes, and nested objects whose text was printed before (copied as is).
        Json nested = Json.parse("{\"b\":{\"y\":\"\\u0000\\u001f\\\"\\\\\\/é\u00ff\",\"x\":-1}}");
        nested.get("b").toString();
        Json numbers = Json.parse("[-9223372036854775808,9223372036854775807,0,-0,123456789012345678901234567890,"
                + "-1.50,1e2,1E-3,true,false,null,[],{}]");
        for (Json value : List.of(nested, numbers, Json.parse("\"\""), Json.parse("{\"é\":1,\"z\":[{}]}"))) {
            assertEquals(builderText(value), Latin1Text.jsonb(value));
        }
        assertEquals("{\"b\": {\"x\": -1, \"y\": \"\\u0000\\u001f\\\"\\\\/é\u00ff\"}}", nested.toString());
    }

    @Test
    void textPastLatin1IsPrintedByTheBuilder() {
        for (String text : List.of("{\"a\":\"€\"}", "{\"€\":1}", "[\"\uD83D\uDE00\"]", "\"\u0100\"")) {
            Json value = Json.parse(text);
            assertNull(Latin1Text.jsonb(value), text);
            assertEquals(builderText(value), value.toString());
        }
        // A key order whose keys are past Latin-1 says so again for the next object of that shape.
        Json second = Json.parse("{\"€\":2}");
        assertNull(Latin1Text.jsonb(second));
        assertEquals("{\"€\": 2}", second.toString());
    }

    private static String builderText(Json value) {
        StringBuilder out = new StringBuilder();
        JsonText.writeJsonb(value, out);
        return out.toString();
    }

    private static final String LATIN1_ALPHABET = "ab\"\\\n\t\r\b\f\u0001\u001f/éÿ\u00a0z0 ";

    private static final String ALPHABET = "ab\"\\\n\t\u0001\u001fé€\uD83D\uDE00\uD800zZ0 ";

    private static String randomString(Random random, String alphabet) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static JsonNode randomNode(Random random, int depth) {
        return randomNode(random, depth, ALPHABET);
    }

    private static JsonNode randomNode(Random random, int depth, String alphabet) {
        JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);
        int kind = random.nextInt(depth > 3 ? 5 : 7);
        switch (kind) {
            case 0:
                return nodes.textNode(randomString(random, alphabet));
            case 1:
                return nodes.numberNode(
                        BigInteger.valueOf(random.nextLong()).multiply(BigInteger.TEN.pow(random.nextInt(3))));
            case 2:
                return nodes.numberNode(new BigDecimal(BigInteger.valueOf(random.nextInt()), random.nextInt(4)));
            case 3:
                return nodes.booleanNode(random.nextBoolean());
            case 4:
                return nodes.nullNode();
            case 5: {
                ArrayNode array = nodes.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomNode(random, depth + 1, alphabet));
                }
                return array;
            }
            default: {
                ObjectNode object = nodes.objectNode();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.set(randomString(random, alphabet), randomNode(random, depth + 1, alphabet));
                }
                return object;
            }
        }
    }

    /** The straightforward algorithm: sort keys by length, then by their UTF-8 bytes; escape char by char. */
    private static String reference(JsonNode n) {
        StringBuilder out = new StringBuilder();
        referenceWrite(n, out);
        return out.toString();
    }

    private static void referenceWrite(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            keys.sort(Comparator.comparingInt(String::length)
                    .thenComparing((a, b) -> Arrays.compareUnsigned(
                            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8))));
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                out.append(i > 0 ? ", " : "");
                referenceString(keys.get(i), out);
                out.append(": ");
                referenceWrite(n.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                out.append(i > 0 ? ", " : "");
                referenceWrite(n.get(i), out);
            }
            out.append(']');
        } else if (n.isTextual()) {
            referenceString(n.textValue(), out);
        } else if (n.isNumber()) {
            out.append(
                    n.isBigDecimal() || n.isFloatingPointNumber()
                            ? n.decimalValue().toPlainString()
                            : n.bigIntegerValue().toString());
        } else if (n.isBoolean()) {
            out.append(n.booleanValue());
        } else {
            out.append("null");
        }
    }

    private static void referenceString(String s, StringBuilder out) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        out.append('"');
    }
}
