package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for the emulator tests (java.net.http), with the emulator's key unless told otherwise. */
final class EmulatorClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One answer: status, headers and the parsed JSON body (null when the body is empty). */
    record Answer(int status, HttpResponseHeaders headers, JsonNode body) {
        String header(String name) {
            return headers.first(name);
        }

        /** The ids of a list answer's data, in order. */
        List<String> ids() {
            List<String> ids = new ArrayList<>();
            body.path("data").forEach(node -> ids.add(node.path("id").asText()));
            return ids;
        }

        boolean hasMore() {
            return body.path("has_more").asBoolean();
        }

        JsonNode error() {
            return body.path("error");
        }
    }

    /** Case-insensitive access to response headers. */
    record HttpResponseHeaders(HttpHeaders headers) {
        String first(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final StripeEmulator emulator;
    private final String authorization;

    EmulatorClient(StripeEmulator emulator) {
        this(emulator, "Bearer " + emulator.apiKey());
    }

    EmulatorClient(StripeEmulator emulator, String authorization) {
        this.emulator = emulator;
        this.authorization = authorization;
    }

    EmulatorClient withAuthorization(String authorization) {
        return new EmulatorClient(emulator, authorization);
    }

    /** GET {@code base + pathAndQuery} ({@code customers?limit=3}). */
    Answer get(String pathAndQuery, String... headers) {
        return send(builder(pathAndQuery, headers).GET().build());
    }

    /** POST with a form body given as name/value pairs. */
    Answer post(String path, List<Map.Entry<String, String>> form, String... headers) {
        String body = form.stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(builder(path, headers)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    Answer delete(String path, String... headers) {
        return send(builder(path, headers).DELETE().build());
    }

    /** Sends a raw request; IOException (a dropped connection) is rethrown unchecked. */
    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
            return new Answer(response.statusCode(), new HttpResponseHeaders(response.headers()), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder builder(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    /** Walks a list forward with starting_after; returns every id in order. Bounded by {@code maxPages}. */
    List<String> walkForward(String path, String parameters, int limit, int maxPages) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < maxPages; page++) {
            Answer answer = get(path + "?limit=" + limit + (parameters.isEmpty() ? "" : "&" + parameters)
                    + (cursor == null ? "" : "&starting_after=" + encode(cursor)));
            if (answer.status() != 200) {
                throw new AssertionError("HTTP " + answer.status() + ": " + answer.body());
            }
            List<String> pageIds = answer.ids();
            ids.addAll(pageIds);
            if (!answer.hasMore()) {
                return ids;
            }
            if (pageIds.size() != limit) {
                throw new AssertionError("has_more with a short page of " + pageIds.size());
            }
            cursor = pageIds.get(pageIds.size() - 1);
        }
        throw new AssertionError("more than " + maxPages + " pages for " + path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static Map.Entry<String, String> pair(String name, String value) {
        return Map.entry(name, value);
    }
}
