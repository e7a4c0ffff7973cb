package org.stripejdbc.fdw;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.fdw.RequestSet.RequestValue;

/**
 * Request lines as EXPLAIN prints them, relative to the API root {@code /v1/}:
 * <pre>
 *   GET /v1/customers?email=a%40b.c&amp;limit=100      (values form-encoded: @ → %40, space → +)
 *   GET /v1/customers/cus%201                        (an id is one percent-encoded path segment)
 *   GET /v1/charges?created[gte]=1704067200&amp;limit=100   (parameter names as sent, unencoded)
 *   GET /v1/customers/$1                             (placeholders of unbound parameters as is)
 * </pre>
 */
final class RequestText {
    static final String API_ROOT = "/v1/";

    private RequestText() {}

    /** {@code GET /v1/<path>?<parameters>} (no {@code ?} without parameters). */
    static String list(String path, List<QueryParameter> parameters) {
        if (parameters.isEmpty()) {
            return "GET " + API_ROOT + path;
        }
        StringJoiner query = new StringJoiner("&", "GET " + API_ROOT + path + "?", "");
        for (QueryParameter parameter : parameters) {
            query.add(parameter.name() + "=" + formValue(parameter.value()));
        }
        return query.toString();
    }

    /** {@code GET /v1/<path>/<id>}. */
    static String retrieve(String path, RequestValue id) {
        return "GET " + API_ROOT + path + "/" + (id.placeholder() ? id.text() : pathSegment(id.text()));
    }

    private static String formValue(RequestValue value) {
        return value.placeholder() ? value.text() : URLEncoder.encode(value.text(), StandardCharsets.UTF_8);
    }

    /** RFC 3986 path segment encoding: unreserved characters stay, everything else is %XX of UTF-8. */
    static String pathSegment(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
