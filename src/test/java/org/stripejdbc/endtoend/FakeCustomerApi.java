package org.stripejdbc.endtoend;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

/**
 * A MockWebServer dispatcher playing Stripe's customers endpoints with state, for the write tests: lists page
 * newest first with {@code limit} and {@code starting_after}, and a {@code starting_after} naming an object that does
 * not exist (any more) is answered as Stripe does: {@code 400 No such customer: 'cus_x'} (param starting_after).
 * {@code POST /v1/customers/<id>} sets the form's {@code description}; {@code DELETE} removes the customer.
 * Everything received is logged as {@code "METHOD target"}.
 *
 * <p>Customers are {@code cus_0001} (newest) to {@code cus_<n>}; names cycle through "Anna", "Bob", "Carla".
 */
final class FakeCustomerApi extends Dispatcher {
    private final Map<String, Map<String, String>> customers = new LinkedHashMap<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    FakeCustomerApi(int count) {
        String[] names = {"Anna", "Bob", "Carla"};
        for (int i = 1; i <= count; i++) {
            Map<String, String> customer = new LinkedHashMap<>();
            customer.put("name", names[(i - 1) % names.length] + " " + i);
            customer.put("description", null);
            customers.put(String.format("cus_%04d", i), customer);
        }
    }

    /** Every request received, as {@code "GET /v1/customers?limit=100"}. */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** The ids of the customers whose name starts with {@code prefix}, newest first. */
    synchronized List<String> idsNamed(String prefix) {
        return customers.entrySet().stream()
                .filter(e -> e.getValue().get("name").startsWith(prefix))
                .map(Map.Entry::getKey)
                .toList();
    }

    synchronized int size() {
        return customers.size();
    }

    synchronized String description(String id) {
        return customers.get(id).get("description");
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
        log.add(request.getMethod() + " " + request.getTarget());
        HttpUrl url = request.getUrl();
        List<String> segments = url.pathSegments();
        if (segments.size() < 2 || !segments.get(1).equals("customers")) {
            return answer(404, error("Unrecognized request URL", null));
        }
        String id = segments.size() > 2 ? segments.get(2) : null;
        switch (request.getMethod()) {
            case "GET":
                return id == null
                        ? list(url)
                        : customers.containsKey(id)
                                ? answer(200, customer(id))
                                : answer(404, error("No such customer: '" + id + "'", "id"));
            case "POST":
                if (id == null || !customers.containsKey(id)) {
                    return answer(404, error("No such customer: '" + id + "'", "id"));
                }
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                for (String pair : body.split("&")) {
                    if (pair.startsWith("description=")) {
                        customers
                                .get(id)
                                .put(
                                        "description",
                                        URLDecoder.decode(
                                                pair.substring("description=".length()), StandardCharsets.UTF_8));
                    }
                }
                return answer(200, customer(id));
            case "DELETE":
                if (id == null || customers.remove(id) == null) {
                    return answer(404, error("No such customer: '" + id + "'", "id"));
                }
                return answer(200, "{\"id\":\"" + id + "\",\"object\":\"customer\",\"deleted\":true}");
            default:
                return answer(405, error("method", null));
        }
    }

    private MockResponse list(HttpUrl url) {
        int limit = url.queryParameter("limit") == null ? 10 : Integer.parseInt(url.queryParameter("limit"));
        String after = url.queryParameter("starting_after");
        List<String> ids = new ArrayList<>(customers.keySet());
        int start = 0;
        if (after != null) {
            int index = ids.indexOf(after);
            if (index < 0) {
                // Stripe's answer to a cursor whose object was deleted.
                return answer(
                        400,
                        "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                                + "\"message\":\"No such customer: '" + after + "'\",\"param\":\"starting_after\"}}");
            }
            start = index + 1;
        }
        int end = Math.min(ids.size(), start + limit);
        StringBuilder data = new StringBuilder();
        for (int i = start; i < end; i++) {
            data.append(i == start ? "" : ",").append(customer(ids.get(i)));
        }
        return answer(
                200,
                "{\"object\":\"list\",\"url\":\"/v1/customers\",\"has_more\":" + (end < ids.size()) + ",\"data\":["
                        + data + "]}");
    }

    private String customer(String id) {
        Map<String, String> c = customers.get(id);
        String description = c.get("description");
        int number = Integer.parseInt(id.substring(4));
        return "{\"id\":\"" + id + "\",\"object\":\"customer\",\"name\":\"" + c.get("name") + "\",\"email\":\""
                + id + "@example.com\",\"description\":" + (description == null ? "null" : "\"" + description + "\"")
                + ",\"created\":" + (1_700_000_000L - number) + ",\"livemode\":false,\"metadata\":{}}";
    }

    private static String error(String message, String param) {
        return "{\"error\":{\"type\":\"invalid_request_error\",\"message\":\"" + message + "\""
                + (param == null ? "" : ",\"param\":\"" + param + "\"") + "}}";
    }

    private static MockResponse answer(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json")
                .addHeader("Request-Id", "req_" + code)
                .body(body)
                .build();
    }
}
