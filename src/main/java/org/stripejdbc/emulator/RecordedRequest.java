package org.stripejdbc.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One request the emulator received, as the request log keeps it, for tests that assert the exact requests a
 * client made.
 *
 * <p>Example: a driver scanning customers makes {@code GET /v1/customers?limit=100}; its record has
 * {@code method() = "GET"}, {@code path() = "/v1/customers"}, {@code queryParameter("limit") = "100"},
 * {@code status() = 200}, and {@code header("authorization") = "Bearer sk_test_...1234"}.
 *
 * <p>Security: the {@code Authorization} header is never kept as sent, only masked (its scheme and a key masked
 * as {@code sk_test_...abcd}); so are {@code Proxy-Authorization} and {@code Cookie}.
 *
 * @param method          HTTP method ({@code GET}, {@code POST}, {@code DELETE})
 * @param path            the path exactly as sent, still percent-encoded ({@code /v1/customers/cus%201})
 * @param queryParameters the decoded query parameters in the order sent
 * @param headers         request headers by lower-case name (repeated headers joined with {@code ", "})
 * @param formParameters  the decoded form body parameters in the order sent (empty for GET)
 * @param status          the answer's HTTP status, or 0 when the emulator dropped the connection without answer
 * @param timestamp       when the request arrived, by the emulator's clock
 * @param requestId       the {@code Request-Id} answered ({@code req_...})
 */
public record RecordedRequest(
        String method,
        String path,
        List<Map.Entry<String, String>> queryParameters,
        Map<String, String> headers,
        List<Map.Entry<String, String>> formParameters,
        int status,
        Instant timestamp,
        String requestId) {

    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        queryParameters = List.copyOf(queryParameters);
        headers = Map.copyOf(headers);
        formParameters = List.copyOf(formParameters);
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** The first value of a query parameter, or null. */
    public String queryParameter(String name) {
        return first(queryParameters, name);
    }

    /** The first value of a form parameter, or null. */
    public String formParameter(String name) {
        return first(formParameters, name);
    }

    /** A header by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether the emulator dropped the connection instead of answering. */
    public boolean dropped() {
        return status == 0;
    }

    /**
     * The request in one readable line, query decoded: {@code GET /v1/customers?email=a@b.c&limit=100}. Handy
     * for assertions.
     */
    public String describe() {
        String query = queryParameters.stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return method + " " + path + (query.isEmpty() ? "" : "?" + query);
    }

    private static String first(List<Map.Entry<String, String>> pairs, String name) {
        for (Map.Entry<String, String> pair : pairs) {
            if (pair.getKey().equals(name)) {
                return pair.getValue();
            }
        }
        return null;
    }
}
