package org.stripejdbc.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * An immutable JSON value with Postgres {@code jsonb} semantics: the runtime value of {@code jsonb} and
 * {@code json} columns ({@code attrs}), and what the JSON operators work on.
 *
 * <p>{@link #toString()} prints the value the way Postgres prints {@code jsonb}: object keys ordered by
 * length, then bytewise; one space after {@code :} and {@code ,}. Example:
 * {@code Json.parse("{\"name\":\"x\",\"id\":1}").toString()} is {@code {"id": 1, "name": "x"}}.
 *
 * <p>This class is the only place outside the Stripe client that knows Jackson.
 */
public final class Json {
    /** The JSON kinds, named as {@code jsonb_typeof} names them. */
    public enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    // Exact decimals: jsonb keeps 12.50 as 12.50.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(NODES);

    /** JSON {@code null} (not SQL NULL). */
    public static final Json NULL = new Json(NODES.nullNode());

    private static final Comparator<String> JSONB_KEY_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Json::compareUtf8);

    private final JsonNode node;

    private Json(JsonNode node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** Parses JSON text; malformed text is a {@code 22P02} error naming the text's start. */
    public static Json parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            JsonNode parsed = MAPPER.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw invalid(text, "The input string ended unexpectedly.");
            }
            return new Json(parsed);
        } catch (JsonProcessingException e) {
            throw invalid(text, e.getOriginalMessage());
        }
    }

    private static StripeJdbcException invalid(String text, String detail) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new StripeJdbcException(SqlState.INVALID_JSON_TEXT,
                "invalid input syntax for type json: \"" + shown + "\" (" + detail + ")");
    }

    /** Wraps a Jackson tree. Intended for the Stripe client, which parses responses with Jackson itself. */
    public static Json fromJackson(JsonNode node) {
        return new Json(node == null ? NODES.nullNode() : node);
    }

    /** The Jackson tree behind this value (read-only by contract). For the Stripe client and the emulator. */
    public JsonNode toJackson() {
        return node;
    }

    /**
     * Converts a Java value: {@code null} → JSON null; String, Number, Boolean; {@code Map<String,?>} →
     * object; {@code List<?>} → array; {@code Json} as is; anything else by its {@code toString()}.
     */
    public static Json of(Object value) {
        return new Json(toNode(value));
    }

    private static JsonNode toNode(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof Json json) {
            return json.node;
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return NODES.numberNode(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        } else if (value instanceof java.math.BigInteger i) {
            return NODES.numberNode(i);
        } else if (value instanceof Number n) {
            return NODES.numberNode(new BigDecimal(n.toString()));
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                object.set(String.valueOf(e.getKey()), toNode(e.getValue()));
            }
            return object;
        } else if (value instanceof Iterable<?> list) {
            ArrayNode array = NODES.arrayNode();
            for (Object element : list) {
                array.add(toNode(element));
            }
            return array;
        }
        return NODES.textNode(value.toString());
    }

    public Kind kind() {
        switch (node.getNodeType()) {
            case OBJECT: return Kind.OBJECT;
            case ARRAY: return Kind.ARRAY;
            case STRING: return Kind.STRING;
            case NUMBER: return Kind.NUMBER;
            case BOOLEAN: return Kind.BOOLEAN;
            default: return Kind.NULL;
        }
    }

    /** The {@code jsonb_typeof} name: object, array, string, number, boolean or null. */
    public String typeName() {
        return kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isObject() { return node.isObject(); }
    public boolean isArray() { return node.isArray(); }
    public boolean isNull() { return node.isNull(); }

    /** {@code -> 'key'}: the member, or {@code null} (SQL NULL) when this is not an object or has no such key. */
    public Json get(String key) {
        if (!node.isObject()) {
            return null;
        }
        JsonNode child = node.get(key);
        return child == null ? null : new Json(child);
    }

    /** {@code -> n}: the element (negative counts from the end), or {@code null} when absent. */
    public Json get(int index) {
        if (!node.isArray()) {
            return null;
        }
        int i = index < 0 ? node.size() + index : index;
        if (i < 0 || i >= node.size()) {
            return null;
        }
        return new Json(node.get(i));
    }

    /**
     * {@code #> '{a,b,0}'}: follows the path; array steps must be integers. {@code null} when any step is
     * missing.
     */
    public Json path(List<String> steps) {
        Json current = this;
        for (String step : steps) {
            if (current == null) {
                return null;
            }
            if (current.isArray()) {
                try {
                    current = current.get(Integer.parseInt(step.trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            } else {
                current = current.get(step);
            }
        }
        return current;
    }

    /**
     * {@code ->>}: a string's value without quotes, JSON null as SQL NULL ({@code null}), anything else as its
     * jsonb text.
     */
    public String asText() {
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return toString();
    }

    /** The string value of a JSON string, else {@code null}. */
    public String stringValue() {
        return node.isTextual() ? node.textValue() : null;
    }

    /** The value of a JSON number, else {@code null}. */
    public BigDecimal numberValue() {
        return node.isNumber() ? node.decimalValue() : null;
    }

    /** The value of a JSON boolean, else {@code null}. */
    public Boolean booleanValue() {
        return node.isBoolean() ? node.booleanValue() : null;
    }

    /** Number of elements of an array or members of an object; 0 for scalars. */
    public int size() {
        return node.size();
    }

    /** The elements of an array (empty for anything else). */
    public List<Json> elements() {
        List<Json> out = new ArrayList<>(node.size());
        if (node.isArray()) {
            for (JsonNode child : node) {
                out.add(new Json(child));
            }
        }
        return out;
    }

    /** The keys of an object in jsonb order (empty for anything else). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(JSONB_KEY_ORDER);
        }
        return keys;
    }

    /** {@code @>}: Postgres jsonb containment. */
    public boolean contains(Json other) {
        return contains(node, other.node, true);
    }

    private static boolean contains(JsonNode a, JsonNode b, boolean topLevel) {
        if (a.isObject()) {
            if (!b.isObject()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> it = b.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode av = a.get(e.getKey());
                if (av == null || !contains(av, e.getValue(), false)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (b.isArray()) {
                for (JsonNode bv : b) {
                    boolean found = false;
                    for (JsonNode av : a) {
                        if (bv.isContainerNode() ? contains(av, bv, false) : scalarEquals(av, bv)) {
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        return false;
                    }
                }
                return true;
            }
            if (topLevel && !b.isContainerNode()) {
                for (JsonNode av : a) {
                    if (scalarEquals(av, b)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return !b.isContainerNode() && scalarEquals(a, b);
    }

    private static boolean scalarEquals(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** {@code ?}: top-level key exists, or string element of an array. */
    public boolean hasKey(String key) {
        if (node.isObject()) {
            return node.has(key);
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                if (child.isTextual() && child.textValue().equals(key)) {
                    return true;
                }
            }
            return false;
        }
        return node.isTextual() && node.textValue().equals(key);
    }

    /** The jsonb text, as Postgres prints it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** Compact JSON text in the original key order (what a client would send over the wire). */
    public String toCompactString() {
        return node.toString();
    }

    private static void write(JsonNode n, StringBuilder out) {
        if (n.isObject()) {
            String[] keys = new String[n.size()];
            int count = 0;
            for (Iterator<String> names = n.fieldNames(); names.hasNext(); ) {
                keys[count++] = names.next();
            }
            out.append('{');
            String[] ordered = JsonbKeyOrder.sorted(keys, JSONB_KEY_ORDER);
            for (int i = 0; i < ordered.length; i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeString(ordered[i], out);
                out.append(": ");
                write(n.get(ordered[i]), out);
            }
            out.append('}');
        } else if (n.isArray()) {
            out.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(n.get(i), out);
            }
            out.append(']');
        } else if (n.isTextual()) {
            writeString(n.textValue(), out);
        } else if (n.isNumber()) {
            if (n.isBigDecimal() || n.isFloatingPointNumber()) {
                out.append(n.decimalValue().toPlainString());
            } else if (n.canConvertToLong()) {
                out.append(n.longValue());
            } else {
                out.append(n.bigIntegerValue());
            }
        } else if (n.isBoolean()) {
            out.append(n.booleanValue());
        } else {
            out.append("null");
        }
    }

    /** A JSON string literal; runs of characters that need no escape are appended in one go. */
    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default: out.append(String.format("\\u%04x", (int) c));
            }
            plain = i + 1;
        }
        out.append(s, plain, s.length());
        out.append('"');
    }

    /**
     * Orders strings as their UTF-8 bytes compare unsigned. UTF-8 keeps code point order, and UTF-16 units below the
     * surrogates are code points, so characters compare directly; a surrogate falls back to comparing the bytes.
     */
    private static int compareUtf8(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x == y) {
                continue;
            }
            if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return Character.compare(x, y);
        }
        return Integer.compare(a.length(), b.length());
    }

    /** jsonb equality: same structure, numbers compared by value, object key order irrelevant. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Json other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** An unmodifiable view of this object's members in jsonb key order (empty for non-objects). */
    public Map<String, Json> members() {
        if (!node.isObject()) {
            return Collections.emptyMap();
        }
        Map<String, Json> out = new java.util.LinkedHashMap<>();
        for (String key : keys()) {
            out.put(key, new Json(node.get(key)));
        }
        return Collections.unmodifiableMap(out);
    }
}
