package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An answer before it is sent: status, JSON body bytes and headers beyond the ones every answer gets
 * ({@code Content-Type}, {@code Request-Id}, {@code Stripe-Version}).
 */
record HttpAnswer(int status, byte[] body, Map<String, String> headers) {
    HttpAnswer {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static HttpAnswer ok(byte[] body) {
        return new HttpAnswer(200, body, Map.of());
    }

    static HttpAnswer ok(JsonNode body) {
        return ok(EmulatorJson.bytes(body));
    }

    static HttpAnswer error(ApiError error) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (error.shouldRetry()) {
            headers.put("Stripe-Should-Retry", "true");
        } else if (error.status() == 400 || error.status() == 404) {
            headers.put("Stripe-Should-Retry", "false");
        }
        if (error.status() == 401) {
            headers.put("WWW-Authenticate", "Basic realm=\"Stripe\"");
        }
        return new HttpAnswer(error.status(), EmulatorJson.bytes(error.toJson()), headers);
    }

    /** A copy with one more header. */
    HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, body, more);
    }
}
