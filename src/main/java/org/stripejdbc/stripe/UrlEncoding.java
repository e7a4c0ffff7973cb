package org.stripejdbc.stripe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * The two URL encodings the Stripe client needs: one path segment (an object id) and
 * {@code application/x-www-form-urlencoded} components (query strings and POST bodies).
 *
 * <p>Worked examples:
 * <pre>
 *   pathSegment("cus_1")        → cus_1
 *   pathSegment("../balance")   → ..%2Fbalance      (one segment: the slash cannot climb)
 *   pathSegment("..")           → %2E%2E            (a dot segment is encoded too)
 *   pathSegment("x?y=1")        → x%3Fy%3D1
 *   pathSegment("cus 1")        → cus%201
 *   formKey("created[gt]")      → created[gt]       (brackets stay readable in keys, as stripe-java does)
 *   formValue("a@b.c")          → a%40b.c
 *   formValue("a b&c=d+[e]")    → a+b%26c%3Dd%2B%5Be%5D
 *   form([email=a@b.c, limit=100])  → email=a%40b.c&amp;limit=100
 * </pre>
 */
public final class UrlEncoding {
    private static final Pattern RESOURCE_PATH_SEGMENT = Pattern.compile("[A-Za-z0-9_-]+");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {}

    /**
     * Security: encodes {@code id} as exactly one path segment. Only {@code A-Z a-z 0-9 - _ ~ .} stay as they are;
     * every other character (including {@code / ? # % ;} and space) becomes {@code %XX} of its UTF-8 bytes, and
     * the dot segments {@code .} and {@code ..} are encoded entirely, so no id can reach another endpoint. An empty
     * id is rejected, because {@code customers/} would be the list endpoint.
     */
    public static String pathSegment(String id) {
        if (id == null || id.isEmpty()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "a Stripe object id must not be empty");
        }
        if (id.equals(".") || id.equals("..")) {
            return id.equals(".") ? "%2E" : "%2E%2E";
        }
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '~'
                    || c == '.') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Validates a resource path such as {@code customers} or {@code checkout/sessions}: segments of
     * {@code A-Z a-z 0-9 _ -} separated by single slashes (leading and trailing slashes are dropped). Returns the
     * path without the surrounding slashes. Anything else ({@code ..}, {@code ?}, spaces, empty segments) is a
     * {@code 22023} error naming the path.
     */
    public static String resourcePath(String path) {
        if (path == null) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "a Stripe object path must not be null");
        }
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "a Stripe object path must not be empty");
        }
        for (String segment : trimmed.split("/", -1)) {
            if (!RESOURCE_PATH_SEGMENT.matcher(segment).matches()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid Stripe object path '" + Redactor.redactShapes(path)
                                + "': segments may contain only letters, digits, '_' and '-'");
            }
        }
        return trimmed;
    }

    /** A form value: UTF-8 percent-encoding with space as {@code +}; only {@code A-Z a-z 0-9 * - . _} stay. */
    public static String formValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A form key: as {@link #formValue}, but {@code [} and {@code ]} stay literal ({@code items[0][price]}). */
    public static String formKey(String key) {
        return formValue(key).replace("%5B", "[").replace("%5D", "]");
    }

    /**
     * Joins pairs into {@code k=v&k=v} with {@link #formKey} and {@link #formValue}; order and repeated keys are
     * kept; a {@code null} value is sent as an empty value ({@code k=}).
     */
    public static String form(List<Map.Entry<String, String>> pairs) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> pair : pairs) {
            if (pair == null || pair.getKey() == null) {
                throw new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE, "a form or query parameter has no name");
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(formKey(pair.getKey())).append('=');
            if (pair.getValue() != null) {
                out.append(formValue(pair.getValue()));
            }
        }
        return out.toString();
    }
}
