package org.stripejdbc.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * Flattens JSON into Stripe's form encoding with bracket keys, the way Stripe's own SDKs do, and encodes the
 * pairs as an {@code application/x-www-form-urlencoded} body.
 *
 * <p>Rules, in the object's own key order:
 * <ul>
 *   <li>object member → {@code parent[key]}; array element → {@code parent[i]};</li>
 *   <li>string as is; number in plain notation ({@code 1e3} → {@code 1000}); boolean {@code true}/{@code false};</li>
 *   <li>JSON null, an empty object and an empty array → empty value ({@code key=}), Stripe's "unset";</li>
 *   <li>keys are not parsed: a flat key such as {@code "metadata[foo]"} passes through unchanged.</li>
 * </ul>
 *
 * <p>Worked examples:
 * <pre>
 *   {"metadata":{"a":"b"},"items":[{"price":"p"}]}  → metadata[a]=b&amp;items[0][price]=p
 *   {"expand":["customer","invoice"]}              → expand[0]=customer&amp;expand[1]=invoice
 *   {"metadata[foo]":"bar","description":null}     → metadata[foo]=bar&amp;description=
 *   {"active":true,"amount":1999,"rate":1.50}      → active=true&amp;amount=1999&amp;rate=1.50
 *   encode([email=a b&amp;c@d.e])                  → email=a+b%26c%40d.e
 * </pre>
 */
public final class FormEncoder {

    private FormEncoder() {}

    /** Flattens a JSON object into ordered bracket-key pairs; anything but an object is a {@code 22023} error. */
    public static List<Map.Entry<String, String>> flatten(Json object) {
        if (object == null || !object.isObject()) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "a Stripe form body must be a JSON object, not "
                            + (object == null ? "SQL NULL" : object.typeName()));
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : object.toJackson().properties()) {
            if (member.getKey().isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "a Stripe form body cannot have an empty key");
            }
            flatten(member.getKey(), member.getValue(), pairs);
        }
        return pairs;
    }

    /**
     * Flattens a map (values: String, Number, Boolean, null, nested {@code Map}/{@code List}, {@code Json}), in the
     * map's iteration order. Example: {@code flatten(Map.of("metadata", Map.of("a", "b")))} → {@code metadata[a]=b}.
     */
    public static List<Map.Entry<String, String>> flatten(Map<String, ?> map) {
        if (map == null) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "a Stripe form body must not be null");
        }
        return flatten(Json.of(map));
    }

    /** {@link UrlEncoding#form}: {@code k=v&k=v} with brackets literal in keys and everything else percent-encoded. */
    public static String encode(List<Map.Entry<String, String>> pairs) {
        return UrlEncoding.form(pairs);
    }

    /** {@code encode(flatten(object))}. */
    public static String encode(Json object) {
        return encode(flatten(object));
    }

    private static void flatten(String key, JsonNode value, List<Map.Entry<String, String>> pairs) {
        if (value.isObject()) {
            if (value.isEmpty()) {
                pairs.add(pair(key, ""));
                return;
            }
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                flatten(key + "[" + member.getKey() + "]", member.getValue(), pairs);
            }
        } else if (value.isArray()) {
            if (value.isEmpty()) {
                pairs.add(pair(key, ""));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                flatten(key + "[" + i + "]", value.get(i), pairs);
            }
        } else {
            pairs.add(pair(key, scalar(value)));
        }
    }

    private static String scalar(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        // Binary or POJO nodes never come out of Json; their text form is the only sensible encoding.
        return value.asText();
    }

    private static Map.Entry<String, String> pair(String key, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
}
