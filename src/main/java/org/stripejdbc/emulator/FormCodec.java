package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes what clients send: query strings and {@code application/x-www-form-urlencoded} bodies into ordered
 * name/value pairs, percent-encoded path segments into ids, and Stripe's bracket keys into a nested tree.
 *
 * <p>Worked example: the body {@code metadata%5Ba%5D=b&items%5B0%5D%5Bprice%5D=price_1&description=} decodes to
 * the pairs {@code [metadata[a]=b, items[0][price]=price_1, description=]} and nests to
 * {@code {"metadata":{"a":"b"},"items":{"0":{"price":"price_1"}},"description":null}}. An empty value becomes
 * JSON null, which Stripe reads as "unset". Objects keyed by indexes stay objects here; the parameter schema
 * ({@link Param.ArrayParam}) turns them into arrays, because only the schema knows which parameters are arrays.
 * {@code expand[]=a&expand[]=b} numbers the empty brackets in order ({@code {"expand":{"0":"a","1":"b"}}}).
 */
final class FormCodec {
    private FormCodec() {}

    /** Splits {@code a=1&b=%20x+y} into ordered, decoded pairs ({@code a=1}, {@code b= x y}); null gives none. */
    static List<Map.Entry<String, String>> parsePairs(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            String value = equals < 0 ? "" : part.substring(equals + 1);
            pairs.add(Map.entry(decode(name, true), decode(value, true)));
        }
        return pairs;
    }

    /**
     * Percent-decodes one path segment exactly once ({@code ..%2Fbalance} → {@code ../balance}); {@code +} stays
     * a plus sign. Malformed escapes are kept literally.
     */
    static String decodePathSegment(String raw) {
        return decode(raw, false);
    }

    private static String decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /**
     * Nests bracket keys: {@code a[b][c]=v} → {@code {"a":{"b":{"c":"v"}}}}; an empty value becomes JSON null.
     * A key that is both a value and a hash ({@code a=1&a[b]=2}) is a 400 naming {@code a}. A key with unbalanced
     * brackets is kept whole, so that it is reported as an unknown parameter.
     */
    static ObjectNode nest(List<Map.Entry<String, String>> pairs) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> pair : pairs) {
            List<String> path = splitKey(pair.getKey());
            JsonNode value = pair.getValue().isEmpty()
                    ? NullNode.getInstance()
                    : JsonNodeFactory.instance.textNode(pair.getValue());
            ObjectNode parent = root;
            StringBuilder shown = new StringBuilder(path.get(0));
            for (int i = 0; i < path.size() - 1; i++) {
                String segment = segmentName(parent, path.get(i));
                JsonNode child = parent.get(segment);
                if (child == null || child.isNull()) {
                    child = JsonNodeFactory.instance.objectNode();
                    parent.set(segment, child);
                } else if (!child.isObject()) {
                    throw ApiError.invalidHash(shown.toString()).exception();
                }
                parent = (ObjectNode) child;
                shown.append('[').append(path.get(i + 1)).append(']');
            }
            String last = segmentName(parent, path.get(path.size() - 1));
            JsonNode existing = parent.get(last);
            if (existing != null && existing.isObject()) {
                throw ApiError.invalidHash(shown.toString()).exception();
            }
            parent.set(last, value);
        }
        return root;
    }

    /** An empty bracket appends: it takes the next free index of its parent. */
    private static String segmentName(ObjectNode parent, String segment) {
        return segment.isEmpty() ? Integer.toString(parent.size()) : segment;
    }

    /** {@code items[0][price]} → {@code [items, 0, price]}; malformed keys come back whole. */
    static List<String> splitKey(String key) {
        int open = key.indexOf('[');
        if (open <= 0 || !key.endsWith("]")) {
            return List.of(key);
        }
        List<String> path = new ArrayList<>();
        path.add(key.substring(0, open));
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                return List.of(key);
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                return List.of(key);
            }
            String segment = key.substring(i + 1, close);
            if (segment.indexOf('[') >= 0) {
                return List.of(key);
            }
            path.add(segment);
            i = close + 1;
        }
        return path;
    }
}
