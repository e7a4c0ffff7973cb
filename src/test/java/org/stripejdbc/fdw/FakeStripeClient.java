package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.RequestOptions;
import org.stripejdbc.stripe.SearchPage;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.StripePage;

/**
 * A hand-written Stripe: serves list pages from in-memory objects (newest first, as given), honouring
 * {@code limit} (1..100, else the test fails), {@code starting_after}, equality filters on top-level fields (an
 * empty value is no filter, as on Stripe), {@code created[gt|gte|lt|lte]} (and the same ranges on other fields)
 * and {@code status=all}; retrieves by id (empty = 404); {@code GET balance}.
 * Every call is recorded as text ({@code GET customers?email=a@b.c&limit=100}, unencoded) with its options.
 */
class FakeStripeClient implements StripeClient {
    /** One recorded call. */
    record Call(
            String method,
            String path,
            List<Map.Entry<String, String>> parameters,
            RequestOptions options,
            String thread) {
        @Override
        public String toString() {
            if (parameters.isEmpty()) {
                return method + " " + path;
            }
            StringJoiner query = new StringJoiner("&", method + " " + path + "?", "");
            parameters.forEach(p -> query.add(p.getKey() + "=" + p.getValue()));
            return query.toString();
        }
    }

    private final Map<String, List<Json>> lists = new LinkedHashMap<>();
    private final Map<String, Map<String, Json>> retrievable = new LinkedHashMap<>();
    private final Map<String, Json> singletons = new LinkedHashMap<>();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> ignoredFilters = new HashSet<>();
    private volatile String apiVersion;

    // Concurrency probe for retrieves: each retrieve waits (bounded) until `gate` opens.
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch gate;
    private volatile int gateOpensAt;

    // Retrieves of these ids block (at most 5 s) until interrupted; failing ids throw.
    private final Set<String> blockedIds = ConcurrentHashMap.newKeySet();
    private final Set<String> failingIds = ConcurrentHashMap.newKeySet();
    final CountDownLatch blockedRetrieveStarted = new CountDownLatch(1);
    final CountDownLatch blockedRetrieveInterrupted = new CountDownLatch(1);

    /** Adds list objects of {@code path} (also retrievable by id), in list order (newest first). */
    FakeStripeClient add(String path, Json... objects) {
        lists.computeIfAbsent(path, p -> new ArrayList<>());
        for (Json object : objects) {
            lists.computeIfAbsent(path, p -> new ArrayList<>()).add(object);
            addRetrievable(path, object);
        }
        return this;
    }

    /** Answers {@code GET path/id} with {@code object}, whatever its own id (a server that misbehaves). */
    FakeStripeClient answerRetrieve(String path, String id, Json object) {
        retrievable.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(id, object);
        return this;
    }

    /** Adds objects only retrievable by id (tokens, mandates, deleted objects). */
    FakeStripeClient addRetrievable(String path, Json object) {
        retrievable
                .computeIfAbsent(path, p -> new LinkedHashMap<>())
                .put(object.get("id").stringValue(), object);
        return this;
    }

    /** Makes list calls accept but not apply the filter {@code key} (like a wildcard-matching Stripe filter). */
    FakeStripeClient ignoreFilter(String key) {
        ignoredFilters.add(key);
        return this;
    }

    /** Makes {@link #apiVersion()} say {@code version}, as a server's {@code api_version} does. */
    FakeStripeClient apiVersion(String version) {
        this.apiVersion = version;
        return this;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    /** Sets the answer of {@code GET path}. */
    FakeStripeClient singleton(String path, Json object) {
        singletons.put(path, object);
        return this;
    }

    /** Makes retrieves wait until {@code concurrent} of them run at the same time (at most 5 s). */
    void holdRetrievesUntilConcurrent(int concurrent) {
        gateOpensAt = concurrent;
        gate = new CountDownLatch(1);
    }

    /** Retrieves of {@code id} block until interrupted (at most 5 s). */
    void blockRetrieveOf(String id) {
        blockedIds.add(id);
    }

    /** Retrieves of {@code id} fail with a 500-like error. */
    void failRetrieveOf(String id) {
        failingIds.add(id);
    }

    int maxConcurrentRetrieves() {
        return maxInFlight.get();
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** The calls as text, in order. */
    List<String> requests() {
        return calls().stream().map(Call::toString).toList();
    }

    @Override
    public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
        calls.add(new Call(
                "GET",
                path,
                List.copyOf(parameters),
                options,
                Thread.currentThread().getName()));
        List<Json> all = lists.get(path);
        if (all == null) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_OBJECT, "Unrecognized request URL (GET: /v1/" + path + ")");
        }
        int limit = 10;
        String startingAfter = null;
        List<Json> matching = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getKey().equals("limit")) {
                limit = Integer.parseInt(parameter.getValue());
                if (limit < 1 || limit > 100) {
                    throw new AssertionError("limit must be 1..100: " + limit);
                }
            } else if (parameter.getKey().equals("starting_after")) {
                startingAfter = parameter.getValue();
            }
        }
        for (Json object : all) {
            if (matches(object, parameters)) {
                matching.add(object);
            }
        }
        int start = 0;
        if (startingAfter != null) {
            start = -1;
            for (int i = 0; i < matching.size(); i++) {
                if (startingAfter.equals(matching.get(i).get("id").stringValue())) {
                    start = i + 1;
                }
            }
            if (start < 0) {
                throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "No such object: " + startingAfter);
            }
        }
        int end = Math.min(matching.size(), start + limit);
        return new StripePage(matching.subList(start, end), end < matching.size(), 100);
    }

    private boolean matches(Json object, List<Map.Entry<String, String>> parameters) {
        for (Map.Entry<String, String> parameter : parameters) {
            String key = parameter.getKey();
            String value = parameter.getValue();
            // As Stripe: an empty value is no filter, and status=all lists every status.
            if (key.equals("limit")
                    || key.equals("starting_after")
                    || ignoredFilters.contains(key)
                    || value.isEmpty()
                    || (key.equals("status") && value.equals("all"))) {
                continue;
            }
            if (key.matches("[a-z_]+\\[[a-z_]+]") && !key.matches(".*\\[(gt|gte|lt|lte)]")) {
                // A nested field (payment[payment_intent]=pi_1 of the invoice payments).
                Json nested = object.path(List.of(
                        key.substring(0, key.indexOf('[')), key.substring(key.indexOf('[') + 1, key.length() - 1)));
                if (nested == null || !value.equals(nested.stringValue())) {
                    return false;
                }
                continue;
            }
            if (key.contains("[")) {
                // A range on created or any other Unix time (due_date[gte]); no value is outside every range.
                Json field = object.get(key.substring(0, key.indexOf('[')));
                if (field == null || field.isNull()) {
                    return false;
                }
                long seconds = field.numberValue().longValueExact();
                long bound = Long.parseLong(value);
                boolean ok = switch (key.substring(key.indexOf('['))) {
                    case "[gt]" -> seconds > bound;
                    case "[gte]" -> seconds >= bound;
                    case "[lt]" -> seconds < bound;
                    case "[lte]" -> seconds <= bound;
                    default -> throw new AssertionError("unknown parameter " + key);
                };
                if (!ok) {
                    return false;
                }
                continue;
            }
            Json field = object.get(key);
            String text = field == null
                    ? null
                    : field.booleanValue() != null ? field.booleanValue().toString() : field.stringValue();
            if (!value.equals(text)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code GET <path>/search}: recorded as {@code GET customers/search?query=name~"son"&limit=100[&page=..]}, and
     * answered with every list object of the path, whatever the query (a search that returns extra rows: the scan
     * must drop them), {@code limit} per page and {@code page} tokens {@code page_<offset>}.
     */
    @Override
    public SearchPage search(String path, String query, int limit, String page, RequestOptions options) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("query", query));
        parameters.add(Map.entry("limit", Integer.toString(limit)));
        if (page != null) {
            parameters.add(Map.entry("page", page));
        }
        calls.add(new Call(
                "GET",
                path + "/search",
                parameters,
                options,
                Thread.currentThread().getName()));
        if (limit < 1 || limit > 100) {
            throw new AssertionError("limit must be 1..100: " + limit);
        }
        List<Json> all = lists.getOrDefault(path, List.of());
        int start = page == null ? 0 : Integer.parseInt(page.substring("page_".length()));
        int end = Math.min(all.size(), start + limit);
        boolean more = end < all.size();
        return new SearchPage(all.subList(start, end), more, more ? "page_" + end : null, 100);
    }

    @Override
    public Optional<Json> retrieve(String path, String id, RequestOptions options) {
        calls.add(new Call(
                "GET",
                path + "/" + id,
                List.of(),
                options,
                Thread.currentThread().getName()));
        if (failingIds.contains(id)) {
            throw new StripeJdbcException(SqlState.CONNECTION_FAILURE, "Stripe answered 500 for " + id);
        }
        if (blockedIds.contains(id)) {
            blockedRetrieveStarted.countDown();
            try {
                new CountDownLatch(1).await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                blockedRetrieveInterrupted.countDown();
                Thread.currentThread().interrupt();
                throw new StripeJdbcException(SqlState.QUERY_CANCELED, "interrupted");
            }
            throw new AssertionError("a blocked retrieve was never interrupted");
        }
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            CountDownLatch latch = gate;
            if (latch != null) {
                if (now >= gateOpensAt) {
                    latch.countDown();
                }
                try {
                    latch.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StripeJdbcException(SqlState.QUERY_CANCELED, "interrupted");
                }
            }
            Map<String, Json> byId = retrievable.getOrDefault(path, Map.of());
            return Optional.ofNullable(byId.get(id));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public Json get(String path, RequestOptions options) {
        calls.add(
                new Call("GET", path, List.of(), options, Thread.currentThread().getName()));
        Json object = singletons.get(path);
        if (object == null) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_OBJECT, "Unrecognized request URL (GET: /v1/" + path + ")");
        }
        return object;
    }

    @Override
    public Json create(
            String path, List<Map.Entry<String, String>> form, String idempotencyKey, RequestOptions options) {
        throw new AssertionError("a scan must not POST");
    }

    @Override
    public Optional<Json> update(
            String path,
            String id,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options) {
        throw new AssertionError("a scan must not POST");
    }

    @Override
    public Optional<Json> delete(String path, String id, RequestOptions options) {
        throw new AssertionError("a scan must not DELETE");
    }

    @Override
    public void close() {}

    /** {@code n} customers cus_001.. with created descending from {@code newest}, newest first. */
    static Json[] customers(int n, long newest) {
        Json[] out = new Json[n];
        for (int i = 0; i < n; i++) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("id", String.format("cus_%03d", i + 1));
            object.put("object", "customer");
            object.put("email", "c" + (i + 1) + "@example.com");
            object.put("name", "Customer " + (i + 1));
            object.put("created", BigDecimal.valueOf(newest - i));
            out[i] = Json.of(object);
        }
        return out;
    }
}
