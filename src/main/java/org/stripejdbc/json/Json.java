package org.stripejdbc.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * {@link #toCompactString()} keeps the keys in the order they came ({@code {"name":"x","id":1}}), as the
 * {@code json} type does.
 *
 * <p>The value is held in its own compact form (objects as keys sorted once plus values, arrays as arrays,
 * integers as {@code Long}, other numbers as exact {@code BigDecimal}), built straight from a token stream
 * ({@link #read(JsonParser)}) with no intermediate tree; its jsonb text is computed once, when first asked for.
 *
 * <p>Jackson is known by this package (parsing into and printing {@code Json}), by the Stripe client
 * ({@code stripe}: its streaming reads of responses and its form bodies), by {@code catalog.CatalogFileFormat} (the
 * catalog file) and by the emulator (a stand-in Stripe server that builds its objects as Jackson trees). The SQL
 * engine, the Stripe adapter ({@code fdw}), the session, the parser and the JDBC layer see only {@code Json}.
 */
public final class Json {
    /** The JSON kinds, named as {@code jsonb_typeof} names them. */
    public enum Kind {
        OBJECT,
        ARRAY,
        STRING,
        NUMBER,
        BOOLEAN,
        NULL
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** JSON {@code null} (not SQL NULL). */
    public static final Json NULL = new Json(Kind.NULL, null);

    static final Json TRUE = new Json(Kind.BOOLEAN, Boolean.TRUE);
    static final Json FALSE = new Json(Kind.BOOLEAN, Boolean.FALSE);

    private final Kind kind;
    /** String, Long, BigInteger (past long), BigDecimal, Boolean, null, {@link JsonMembers} or {@code Json[]}. */
    private final Object value;
    /** The jsonb text once computed (racy single-check: Strings are safely published). */
    private String text;

    /**
     * The text of this value as a Postgres {@code json} (not jsonb) value when it is not the compact form: json keeps
     * its input text, and the json builders have their own spacing ({@code json_agg}: {@code [1, 2]},
     * {@code json_build_object}: {@code {"a" : 1}}); null for the compact form.
     */
    private final String jsonText;

    private Json(Kind kind, Object value) {
        this(kind, value, null);
    }

    private Json(Kind kind, Object value, String jsonText) {
        this.kind = kind;
        this.value = value;
        this.jsonText = jsonText;
    }

    /**
     * This value as a {@code json} value printed as {@code jsonText} (jsonb ignores it): {@code json_agg} of 1 and 2
     * is the array [1,2] printed {@code [1, 2]}.
     */
    public Json withJsonText(String jsonText) {
        return new Json(kind, value, Objects.requireNonNull(jsonText, "jsonText"));
    }

    /** The text given by {@link #withJsonText}, or null (the value prints in its compact form as json). */
    public String jsonText() {
        return jsonText;
    }

    static Json string(String value) {
        return new Json(Kind.STRING, Objects.requireNonNull(value, "value"));
    }

    static Json number(long value) {
        return new Json(Kind.NUMBER, value);
    }

    static Json number(BigInteger value) {
        if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
            return number(value.longValue());
        }
        return new Json(Kind.NUMBER, value);
    }

    static Json number(BigDecimal value) {
        return new Json(Kind.NUMBER, Objects.requireNonNull(value, "value"));
    }

    static Json object(JsonMembers members) {
        return new Json(Kind.OBJECT, members);
    }

    static Json array(Json[] elements) {
        return new Json(Kind.ARRAY, elements);
    }

    /** Parses JSON text; malformed text is a {@code 22P02} error naming the text's start. */
    public static Json parse(String text) {
        Objects.requireNonNull(text, "text");
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw invalid(text, "The input string ended unexpectedly.");
            }
            Json value = JsonTreeReader.read(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw invalid(text, "Unexpected " + trailing.asString() + " after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(text, e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /**
     * Reads the value at the parser's current token (a {@code START_OBJECT}, a scalar...), leaving the parser on
     * the value's last token. For the Stripe client, which walks responses token by token.
     */
    public static Json read(JsonParser parser) throws IOException {
        return JsonTreeReader.read(parser);
    }

    private static StripeJdbcException invalid(String text, String detail) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return new StripeJdbcException(
                SqlState.INVALID_JSON_TEXT, "invalid input syntax for type json: \"" + shown + "\" (" + detail + ")");
    }

    /** Converts a Jackson tree. For the emulator, which keeps its objects as Jackson trees. */
    public static Json fromJackson(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return NULL;
        }
        try (JsonParser parser = node.traverse()) {
            parser.nextToken();
            return JsonTreeReader.read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot convert a Jackson tree", e);
        }
    }

    /** A Jackson tree of this value, keys in arrival order. For the emulator and tests. */
    public JsonNode toJackson() {
        switch (kind) {
            case OBJECT: {
                ObjectNode object = NODES.objectNode();
                JsonMembers members = membersOrEmpty();
                for (int position = 0; position < members.size(); position++) {
                    int i = members.arrivalIndex(position);
                    object.set(members.key(i), members.values[i].toJackson());
                }
                return object;
            }
            case ARRAY: {
                ArrayNode array = NODES.arrayNode();
                for (Json element : elementsOrEmpty()) {
                    array.add(element.toJackson());
                }
                return array;
            }
            case STRING:
                return NODES.textNode((String) value);
            case BOOLEAN:
                return NODES.booleanNode((Boolean) value);
            case NUMBER:
                if (value instanceof Long number) {
                    // As Jackson reads numbers: int nodes when they fit, else long nodes.
                    long whole = number;
                    return whole == (int) whole ? NODES.numberNode((int) whole) : NODES.numberNode(whole);
                }
                return value instanceof BigInteger number
                        ? NODES.numberNode(number)
                        : NODES.numberNode((BigDecimal) value);
            default:
                return NODES.nullNode();
        }
    }

    /**
     * Converts a Java value: {@code null} → JSON null; String, Number, Boolean; {@code Map<String,?>} →
     * object; {@code List<?>} → array; {@code Json} as is; anything else by its {@code toString()}.
     */
    public static Json of(Object value) {
        if (value == null) {
            return NULL;
        } else if (value instanceof Json json) {
            return json;
        } else if (value instanceof String s) {
            return string(s);
        } else if (value instanceof Boolean b) {
            return b ? TRUE : FALSE;
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            return number(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            return number(d);
        } else if (value instanceof BigInteger i) {
            return number(i);
        } else if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return string(n.toString());
            }
            return number(new BigDecimal(n.toString()));
        } else if (value instanceof Map<?, ?> map) {
            Map<String, Json> members = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                members.put(String.valueOf(e.getKey()), of(e.getValue()));
            }
            return object(JsonMembers.of(members));
        } else if (value instanceof Iterable<?> list) {
            List<Json> elements = new ArrayList<>();
            for (Object element : list) {
                elements.add(of(element));
            }
            return array(elements.toArray(new Json[0]));
        }
        return string(value.toString());
    }

    public Kind kind() {
        return kind;
    }

    /** The {@code jsonb_typeof} name: object, array, string, number, boolean or null. */
    public String typeName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    public boolean isObject() {
        return kind == Kind.OBJECT;
    }

    public boolean isArray() {
        return kind == Kind.ARRAY;
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /** {@code -> 'key'}: the member, or {@code null} (SQL NULL) when this is not an object or has no such key. */
    public Json get(String key) {
        return kind == Kind.OBJECT ? ((JsonMembers) value).get(key) : null;
    }

    /** {@code -> n}: the element (negative counts from the end), or {@code null} when absent. */
    public Json get(int index) {
        if (kind != Kind.ARRAY) {
            return null;
        }
        Json[] elements = (Json[]) value;
        int i = index < 0 ? elements.length + index : index;
        return i < 0 || i >= elements.length ? null : elements[i];
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
        if (kind == Kind.NULL) {
            return null;
        }
        return kind == Kind.STRING ? (String) value : toString();
    }

    /** The string value of a JSON string, else {@code null}. */
    public String stringValue() {
        return kind == Kind.STRING ? (String) value : null;
    }

    /** The value of a JSON number, else {@code null}. */
    public BigDecimal numberValue() {
        if (value instanceof Long number) {
            return BigDecimal.valueOf(number);
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        return value instanceof BigDecimal number ? number : null;
    }

    /**
     * The value of a JSON number that is a whole number (no digits after the point) fitting a long, else
     * {@code null}. Example: {@code 12} → 12; {@code 1e2} → 100; {@code 1.0}, {@code 1.5}, {@code "1"} → null.
     */
    public Long longValue() {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof BigDecimal number && number.scale() <= 0) {
            try {
                return number.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        return null;
    }

    /** The value of a JSON boolean, else {@code null}. */
    public Boolean booleanValue() {
        return kind == Kind.BOOLEAN ? (Boolean) value : null;
    }

    /** Number of elements of an array or members of an object; 0 for scalars. */
    public int size() {
        return switch (kind) {
            case OBJECT -> ((JsonMembers) value).size();
            case ARRAY -> ((Json[]) value).length;
            default -> 0;
        };
    }

    /** The elements of an array (empty for anything else). */
    public List<Json> elements() {
        return kind == Kind.ARRAY ? Collections.unmodifiableList(Arrays.asList((Json[]) value)) : List.of();
    }

    /** The keys of an object in jsonb order (empty for anything else). */
    public List<String> keys() {
        return kind == Kind.OBJECT
                ? Collections.unmodifiableList(Arrays.asList(((JsonMembers) value).order.keys))
                : List.of();
    }

    /** An unmodifiable view of this object's members in jsonb key order (empty for non-objects). */
    public Map<String, Json> members() {
        return members(false);
    }

    /** The members of an object in the order they came (what a form body or the {@code json} type keeps). */
    public Map<String, Json> membersInArrivalOrder() {
        return members(true);
    }

    private Map<String, Json> members(boolean arrivalOrder) {
        if (kind != Kind.OBJECT) {
            return Collections.emptyMap();
        }
        JsonMembers members = (JsonMembers) value;
        Map<String, Json> out = new LinkedHashMap<>();
        for (int position = 0; position < members.size(); position++) {
            int i = arrivalOrder ? members.arrivalIndex(position) : position;
            out.put(members.key(i), members.values[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code @>}: Postgres jsonb containment. */
    public boolean contains(Json other) {
        return contains(this, other, true);
    }

    private static boolean contains(Json a, Json b, boolean topLevel) {
        if (a.isObject()) {
            if (!b.isObject()) {
                return false;
            }
            JsonMembers wanted = (JsonMembers) b.value;
            for (int i = 0; i < wanted.size(); i++) {
                Json present = a.get(wanted.key(i));
                if (present == null || !contains(present, wanted.values[i], false)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            Json[] elements = (Json[]) a.value;
            if (b.isArray()) {
                for (Json wanted : (Json[]) b.value) {
                    boolean found = false;
                    for (Json present : elements) {
                        if (wanted.isContainer() ? contains(present, wanted, false) : scalarEquals(present, wanted)) {
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
            if (topLevel && !b.isContainer()) {
                for (Json present : elements) {
                    if (scalarEquals(present, b)) {
                        return true;
                    }
                }
            }
            return false;
        }
        return !b.isContainer() && scalarEquals(a, b);
    }

    private boolean isContainer() {
        return kind == Kind.OBJECT || kind == Kind.ARRAY;
    }

    private static boolean scalarEquals(Json a, Json b) {
        if (a.kind != b.kind || a.isContainer()) {
            return false;
        }
        if (a.kind == Kind.NUMBER) {
            return a.numberValue().compareTo(b.numberValue()) == 0;
        }
        return Objects.equals(a.value, b.value);
    }

    /** {@code ?}: top-level key exists, or string element of an array. */
    public boolean hasKey(String key) {
        switch (kind) {
            case OBJECT:
                return get(key) != null;
            case ARRAY:
                for (Json element : (Json[]) value) {
                    if (element.kind == Kind.STRING && element.value.equals(key)) {
                        return true;
                    }
                }
                return false;
            case STRING:
                return value.equals(key);
            default:
                return false;
        }
    }

    /** The jsonb text, as Postgres prints it (computed once). */
    @Override
    public String toString() {
        String known = text;
        if (known == null) {
            // Nearly every Stripe object is Latin-1 text: written as bytes and copied once (Latin1Text); else
            // through a StringBuilder.
            known = Latin1Text.jsonb(this);
            if (known == null) {
                StringBuilder out = new StringBuilder(64);
                JsonText.writeJsonb(this, out);
                known = out.toString();
            }
            text = known;
        }
        return known;
    }

    /**
     * Compact JSON text in the original key order (what a client would send over the wire), or the text a
     * {@code json} value was given ({@link #withJsonText}).
     */
    public String toCompactString() {
        StringBuilder out = new StringBuilder();
        JsonText.writeCompact(this, out);
        return out.toString();
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

    // ------------------------------------------------------------------ for JsonText

    String cachedText() {
        return text;
    }

    JsonMembers membersOrEmpty() {
        return kind == Kind.OBJECT ? (JsonMembers) value : JsonMembers.EMPTY;
    }

    Json[] elementsOrEmpty() {
        return kind == Kind.ARRAY ? (Json[]) value : new Json[0];
    }

    /** The scalar value (String, Long, BigInteger, BigDecimal, Boolean or null). */
    Object scalar() {
        return isContainer() ? null : value;
    }
}
