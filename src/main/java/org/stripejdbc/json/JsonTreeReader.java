package org.stripejdbc.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;

/**
 * Builds a {@link Json} value straight from a Jackson token stream, with no intermediate tree: objects become
 * {@link JsonMembers} (keys sorted once per key sequence), integers {@code Long} (BigInteger past long), other
 * numbers exact {@code BigDecimal}. Example: the tokens of {@code {"b":[1,2.50],"a":null}} become an object whose
 * jsonb text is {@code {"a": null, "b": [1, 2.50]}}.
 */
final class JsonTreeReader {
    private static final int MAXIMUM_DEPTH = 1_000;

    private JsonTreeReader() {}

    /** The value starting at the parser's current token; the parser is left on the value's last token. */
    static Json read(JsonParser parser) throws IOException {
        return read(parser, parser.currentToken(), 0);
    }

    private static Json read(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "The input string ended unexpectedly.");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(parser, depth);
            case START_ARRAY:
                return readArray(parser, depth);
            case VALUE_STRING:
                return Json.string(parser.getText());
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? Json.number(parser.getBigIntegerValue())
                        : Json.number(parser.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return Json.number(parser.getDecimalValue());
            case VALUE_TRUE:
                return Json.TRUE;
            case VALUE_FALSE:
                return Json.FALSE;
            case VALUE_NULL:
                return Json.NULL;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static Json readObject(JsonParser parser, int depth) throws IOException {
        checkDepth(parser, depth);
        Scratch scratch = Scratch.of(depth);
        String[] keys = scratch.keys;
        Json[] values = scratch.values;
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            if (count == keys.length) {
                keys = scratch.keys = Arrays.copyOf(keys, count * 2);
                values = scratch.values = Arrays.copyOf(values, count * 2);
            }
            keys[count] = parser.currentName();
            values[count++] = read(parser, parser.nextToken(), depth + 1);
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "The input string ended unexpectedly.");
        }
        JsonMembers members =
                count == 0 ? JsonMembers.EMPTY : JsonMembers.of(scratch.orderOf(keys, count), keys, values, count);
        Arrays.fill(values, 0, count, null);
        return Json.object(members);
    }

    private static Json readArray(JsonParser parser, int depth) throws IOException {
        checkDepth(parser, depth);
        Json[] elements = null;
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new JsonParseException(parser, "The input string ended unexpectedly.");
            }
            if (elements == null) {
                elements = new Json[4];
            } else if (count == elements.length) {
                elements = Arrays.copyOf(elements, count * 2);
            }
            elements[count++] = read(parser, token, depth + 1);
        }
        if (count == 0) {
            return Json.array(new Json[0]);
        }
        return Json.array(count == elements.length ? elements : Arrays.copyOf(elements, count));
    }

    private static void checkDepth(JsonParser parser, int depth) throws IOException {
        if (depth >= MAXIMUM_DEPTH) {
            throw new JsonParseException(parser, "JSON nesting deeper than " + MAXIMUM_DEPTH + " levels");
        }
    }

    /**
     * The key and value arrays an object at one depth is collected into before its members are built, reused by
     * every object read at that depth on this thread (the members copy what they keep).
     */
    private static final class Scratch {
        private static final ThreadLocal<Scratch[]> LEVELS = ThreadLocal.withInitial(() -> new Scratch[8]);

        String[] keys = new String[32];
        Json[] values = new Json[32];
        /** The key sequence of the last object read at this depth, and its order. */
        private String[] lastKeys = new String[0];

        private int lastCount = -1;
        private KeyOrder lastOrder;

        /**
         * The key order of the first {@code count} keys: the last object's when the keys are the very same strings
         * (Jackson hands out one instance per field name, so the objects of a page compare by reference and skip
         * the shared lookup, which hashes and compares every key), else {@link JsonbKeyOrder#orderOf}.
         */
        KeyOrder orderOf(String[] keys, int count) {
            if (count == lastCount && sameKeys(keys, count)) {
                return lastOrder;
            }
            KeyOrder order = JsonbKeyOrder.orderOf(keys, count);
            if (lastKeys.length < count) {
                lastKeys = new String[keys.length];
            }
            System.arraycopy(keys, 0, lastKeys, 0, count);
            lastCount = count;
            lastOrder = order;
            return order;
        }

        private boolean sameKeys(String[] keys, int count) {
            for (int i = 0; i < count; i++) {
                if (keys[i] != lastKeys[i]) {
                    return false;
                }
            }
            return true;
        }

        static Scratch of(int depth) {
            Scratch[] levels = LEVELS.get();
            if (depth >= levels.length) {
                levels = Arrays.copyOf(levels, Math.max(depth + 1, levels.length * 2));
                LEVELS.set(levels);
            }
            Scratch scratch = levels[depth];
            if (scratch == null) {
                scratch = levels[depth] = new Scratch();
            }
            return scratch;
        }
    }
}
