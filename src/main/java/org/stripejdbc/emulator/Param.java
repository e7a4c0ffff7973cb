package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The type of one write parameter, as Stripe validates it. {@link #coerce} turns the nested form value
 * ({@link FormCodec#nest}: text, JSON null for "unset", or an object of bracket keys) into a typed JSON value, or
 * throws a Stripe-shaped 400 naming the parameter.
 *
 * <p>Example: {@code new IntegerParam(0, null).coerce("balance", "12")} is the number 12;
 * {@code coerce("balance", "x")} fails with {@code Invalid integer: x} (param {@code balance}).
 */
sealed interface Param {
    JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The typed value; JSON null stays null (the caller decides what "unset" means). */
    JsonNode coerce(String name, JsonNode raw);

    /** A string. */
    record StringParam() implements Param {
        @Override
        public JsonNode coerce(String name, JsonNode raw) {
            if (raw.isNull() || raw.isTextual()) {
                return raw;
            }
            throw ApiError.invalidString(name).exception();
        }
    }

    /**
     * A parameter sent as one text value (a number, a boolean, one of a list): JSON null (unset) stays null, a hash
     * or array is {@code Invalid string}, the text is checked by {@link #coerceText}.
     */
    sealed interface TextParam extends Param {
        @Override
        default JsonNode coerce(String name, JsonNode raw) {
            return raw.isNull() ? raw : coerceText(name, textOf(name, raw));
        }

        /** The typed value of {@code text}, or the 400 naming {@code name}. */
        JsonNode coerceText(String name, String text);
    }

    /**
     * A parameter sent as a hash ({@code metadata[k]=v}, {@code shipping[name]=x}): JSON null (unset) stays null,
     * a plain value is {@code Invalid hash}, the hash is checked by {@link #coerceHash}.
     */
    sealed interface HashValuedParam extends Param {
        @Override
        default JsonNode coerce(String name, JsonNode raw) {
            if (raw.isNull()) {
                return raw;
            }
            if (!raw.isObject()) {
                throw ApiError.invalidHash(name).exception();
            }
            return coerceHash(name, raw);
        }

        /** The typed value of the hash {@code raw}, or the 400 naming {@code name} or one of its members. */
        JsonNode coerceHash(String name, JsonNode raw);
    }

    /** An integer within optional bounds. */
    record IntegerParam(Long minimum, Long maximum) implements TextParam {
        @Override
        public JsonNode coerceText(String name, String text) {
            long value;
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw ApiError.invalidInteger(name, text).exception();
            }
            if (minimum != null && value < minimum) {
                throw ApiError.integerTooSmall(name, minimum).exception();
            }
            if (maximum != null && value > maximum) {
                throw ApiError.integerTooLarge(name, maximum).exception();
            }
            return NODES.numberNode(value);
        }
    }

    /** {@code true} or {@code false}. */
    record BooleanParam() implements TextParam {
        @Override
        public JsonNode coerceText(String name, String text) {
            if (text.equals("true") || text.equals("false")) {
                return NODES.booleanNode(text.equals("true"));
            }
            throw ApiError.invalidBoolean(name, text).exception();
        }
    }

    /** One of a fixed list of strings. */
    record EnumParam(List<String> allowed) implements TextParam {
        public EnumParam {
            allowed = List.copyOf(allowed);
        }

        @Override
        public JsonNode coerceText(String name, String text) {
            if (!allowed.contains(text)) {
                throw ApiError.invalidEnum(name, allowed).exception();
            }
            return NODES.textNode(text);
        }
    }

    /**
     * Stripe's metadata: a hash of strings. A key with an empty value (JSON null) is kept as null, meaning
     * "remove that key"; the whole parameter empty means "remove every key".
     */
    record MetadataParam() implements HashValuedParam {
        static final int MAX_KEYS = 50;
        static final int MAX_KEY_LENGTH = 40;
        static final int MAX_VALUE_LENGTH = 500;

        @Override
        public JsonNode coerceHash(String name, JsonNode raw) {
            if (raw.size() > MAX_KEYS) {
                throw ApiError.invalidRequest(
                                "Invalid " + name + ": metadata can have at most " + MAX_KEYS + " keys", name)
                        .exception();
            }
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : raw.properties()) {
                String key = entry.getKey();
                String shown = name + "[" + key + "]";
                if (key.length() > MAX_KEY_LENGTH) {
                    throw ApiError.invalidRequest(
                                    "Invalid " + shown + ": metadata keys must be at most " + MAX_KEY_LENGTH
                                            + " characters",
                                    shown)
                            .exception();
                }
                JsonNode value = entry.getValue();
                if (!value.isNull() && !value.isTextual()) {
                    throw ApiError.invalidString(shown).exception();
                }
                if (value.isTextual() && value.textValue().length() > MAX_VALUE_LENGTH) {
                    throw ApiError.invalidRequest(
                                    "Invalid " + shown + ": metadata values must be at most " + MAX_VALUE_LENGTH
                                            + " characters",
                                    shown)
                            .exception();
                }
                out.set(key, value);
            }
            return out;
        }
    }

    /** A hash with known members; an unknown member is {@code Received unknown parameter: a[b]}. */
    record HashParam(Map<String, Param> members) implements HashValuedParam {
        public HashParam {
            members = Map.copyOf(members);
        }

        @Override
        public JsonNode coerceHash(String name, JsonNode raw) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : raw.properties()) {
                String shown = name + "[" + entry.getKey() + "]";
                Param member = members.get(entry.getKey());
                if (member == null) {
                    throw ApiError.unknownParameter(shown).exception();
                }
                out.set(entry.getKey(), member.coerce(shown, entry.getValue()));
            }
            return out;
        }
    }

    /**
     * An array sent as indexed keys ({@code items[0][price]}, {@code items[1][price]}, or {@code expand[]}),
     * ordered by index. Empty ({@code items=}) is the empty array.
     */
    record ArrayParam(Param element) implements Param {
        public ArrayParam {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public JsonNode coerce(String name, JsonNode raw) {
            if (raw.isNull()) {
                return NODES.arrayNode();
            }
            if (!raw.isObject()) {
                throw ApiError.invalidArray(name).exception();
            }
            TreeMap<Integer, JsonNode> byIndex = new TreeMap<>();
            for (Map.Entry<String, JsonNode> entry : raw.properties()) {
                int index;
                try {
                    index = Integer.parseInt(entry.getKey());
                } catch (NumberFormatException e) {
                    throw ApiError.invalidArray(name).exception();
                }
                if (index < 0) {
                    throw ApiError.invalidArray(name).exception();
                }
                byIndex.put(index, entry.getValue());
            }
            ArrayNode out = NODES.arrayNode();
            for (Map.Entry<Integer, JsonNode> entry : byIndex.entrySet()) {
                out.add(element.coerce(name + "[" + entry.getKey() + "]", entry.getValue()));
            }
            return out;
        }
    }

    /** Any value, kept as sent (a hash or an array as nested JSON): what the emulator does not model. */
    record AnyParam() implements Param {
        @Override
        public JsonNode coerce(String name, JsonNode raw) {
            return raw;
        }
    }

    /** Accepted and ignored ({@code expand}). */
    record IgnoredParam() implements Param {
        @Override
        public JsonNode coerce(String name, JsonNode raw) {
            return NullNode.getInstance();
        }
    }

    private static String textOf(String name, JsonNode raw) {
        if (!raw.isTextual()) {
            throw ApiError.invalidString(name).exception();
        }
        return raw.textValue();
    }

    /**
     * The top-level parameters of one write endpoint. {@link #coerce} checks every parameter, in the order they
     * were sent, and answers the first unknown one like Stripe: {@code Received unknown parameter: x}.
     */
    record Schema(Map<String, Param> parameters) {
        public Schema {
            parameters = Map.copyOf(parameters);
        }

        static Builder builder() {
            return new Builder();
        }

        ObjectNode coerce(ObjectNode raw) {
            ObjectNode out = NODES.objectNode();
            for (Map.Entry<String, JsonNode> entry : raw.properties()) {
                Param param = parameters.get(entry.getKey());
                if (param == null) {
                    throw ApiError.unknownParameter(firstKey(entry.getKey(), entry.getValue()))
                            .exception();
                }
                if (!(param instanceof IgnoredParam)) {
                    out.set(entry.getKey(), param.coerce(entry.getKey(), entry.getValue()));
                }
            }
            return out;
        }

        /** Stripe names the full bracket key of an unknown parameter ({@code foo[bar]}). */
        private static String firstKey(String name, JsonNode value) {
            StringBuilder key = new StringBuilder(name);
            JsonNode current = value;
            while (current.isObject() && current.size() > 0) {
                String child = current.fieldNames().next();
                key.append('[').append(child).append(']');
                current = current.get(child);
            }
            return key.toString();
        }

        /** Collects parameters in a readable way. */
        static final class Builder {
            private final Map<String, Param> parameters = new LinkedHashMap<>();

            Builder add(String name, Param param) {
                parameters.put(name, param);
                return this;
            }

            Builder strings(String... names) {
                for (String name : names) {
                    add(name, new StringParam());
                }
                return this;
            }

            Builder booleans(String... names) {
                for (String name : names) {
                    add(name, new BooleanParam());
                }
                return this;
            }

            Schema build() {
                return new Schema(parameters);
            }
        }
    }

    /** Convenience for the common list-of-strings parameter ({@code preferred_locales[]}). */
    static ArrayParam stringArray() {
        return new ArrayParam(new StringParam());
    }

    /** Convenience: a hash of string members. */
    static HashParam stringHash(String... members) {
        Map<String, Param> map = new LinkedHashMap<>();
        for (String member : members) {
            map.put(member, new StringParam());
        }
        return new HashParam(map);
    }

    /** Convenience for enumerations. */
    static EnumParam oneOf(String... values) {
        return new EnumParam(new ArrayList<>(List.of(values)));
    }
}
