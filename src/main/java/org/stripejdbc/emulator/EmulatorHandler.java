package org.stripejdbc.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Handles every HTTP exchange: counts an authenticated request against the request budget (a search request
 * against the search budget) as it arrives, waits
 * the injected latency, maybe drops the connection, authenticates, answers 429 beyond the budget, applies injected
 * server errors, picks the account ({@code Stripe-Account}), replays idempotent POSTs, routes, answers with Stripe's
 * headers, and records the request.
 *
 * <p>Every answer carries {@code Request-Id: req_...}, {@code Content-Type: application/json} and
 * {@code Stripe-Version}; injected 500/503 answers and 429s carry {@code Stripe-Should-Retry: true}, and the 429s of
 * the sliding-window budget {@code Retry-After} too.
 */
final class EmulatorHandler implements HttpHandler {
    static final String DEFAULT_API_VERSION = SampleContext.API_VERSION;
    private static final int MAXIMUM_BODY = 1 << 20;
    private static final long REQUEST_ID_STREAM = 0x5EED_0000_4E01_0003L;
    private static final char[] ALPHANUMERIC =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private final EmulatorClock clock;
    private final FaultInjector faults;
    private final RequestBudget budget;
    private final RequestBudget searchBudget;
    private final Predicate<String> acceptedKey;
    private final AccountDirectory accounts;
    private final RequestLog log;
    private final ApiRouter router;
    private final long seed;
    private final AtomicLong requestCounter = new AtomicLong();

    EmulatorHandler(
            EmulatorClock clock,
            FaultInjector faults,
            RequestBudget budget,
            RequestBudget searchBudget,
            Predicate<String> acceptedKey,
            AccountDirectory accounts,
            RequestLog log,
            long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.router = new ApiRouter(faults);
        this.budget = Objects.requireNonNull(budget, "budget");
        this.searchBudget = Objects.requireNonNull(searchBudget, "searchBudget");
        this.acceptedKey = Objects.requireNonNull(acceptedKey, "acceptedKey");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.log = Objects.requireNonNull(log, "log");
        this.seed = seed;
    }

    @Override
    public void handle(HttpExchange exchange) {
        Instant arrival = clock.now();
        String requestId = nextRequestId();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        Headers headers = exchange.getRequestHeaders();
        List<Map.Entry<String, String>> query =
                FormCodec.parsePairs(exchange.getRequestURI().getRawQuery());
        List<Map.Entry<String, String>> form = List.of();
        // The budget counts a request when it arrives, before the latency: a strict server's window is one of
        // arrivals. A request without a valid key is answered 401 and spends nothing. Search requests spend the
        // search budget only (Stripe limits search on its own, about 20 read requests per second).
        RequestBudget spent = SearchEndpoint.resource(method, rawPath).isPresent() ? searchBudget : budget;
        long budgetWait = authenticates(headers) ? spent.acquire() : 0;
        try {
            byte[] body = readBody(exchange.getRequestBody());
            if (body.length > 0 && body.length <= MAXIMUM_BODY) {
                form = FormCodec.parsePairs(new String(body, StandardCharsets.UTF_8));
            }
            Duration latency = faults.latency();
            if (!latency.isZero()) {
                clock.sleep(latency);
            }
            if (faults.dropConnection()) {
                record(method, rawPath, query, headers, form, 0, arrival, requestId);
                // Closing before the response headers are sent makes the JDK server close the socket unanswered.
                exchange.close();
                return;
            }
            HttpAnswer answer;
            try {
                if (body.length > MAXIMUM_BODY) {
                    throw ApiError.invalidRequest(
                                    "Request body too large (the limit is " + MAXIMUM_BODY + " bytes).", null)
                            .exception();
                }
                answer = budgetWait > 0
                        ? rateLimited(budgetWait, spent)
                        : answer(method, rawPath, query, form, requestId, headers);
            } catch (ApiErrorException e) {
                answer = HttpAnswer.error(e.error());
            } catch (RuntimeException e) {
                answer = HttpAnswer.error(ApiError.internalError());
            }
            // Recorded before answering, so a client that has its answer also finds its request in the log.
            record(method, rawPath, query, headers, form, answer.status(), arrival, requestId);
            send(exchange, method, answer, requestId, headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException | RuntimeException e) {
            // The client went away, or the server is closing: nothing left to answer.
            exchange.close();
        }
    }

    private void record(
            String method,
            String rawPath,
            List<Map.Entry<String, String>> query,
            Headers headers,
            List<Map.Entry<String, String>> form,
            int status,
            Instant arrival,
            String requestId) {
        log.add(new RecordedRequest(method, rawPath, query, loggedHeaders(headers), form, status, arrival, requestId));
    }

    private HttpAnswer answer(
            String method,
            String rawPath,
            List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> form,
            String requestId,
            Headers headers) {
        authenticate(headers.getFirst("Authorization"));
        Optional<ApiError> injected = faults.serverError();
        if (injected.isPresent()) {
            throw injected.get().exception();
        }
        String contentType = headers.getFirst("Content-Type");
        if (!form.isEmpty()
                && contentType != null
                && !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw ApiError.invalidRequest(
                            "Invalid request: unsupported Content-Type " + contentType + ". If error "
                                    + "persists and you need assistance, please contact support@stripe.com.",
                            null)
                    .exception();
        }
        AccountData account = accounts.resolve(headers.getFirst("Stripe-Account"));
        String idempotencyKey = headers.getFirst("Idempotency-Key");
        ApiRequest request = new ApiRequest(
                method,
                rawPath,
                query,
                form,
                requestId,
                method.equals("POST") ? idempotencyKey : null,
                clock.now().getEpochSecond(),
                headers.getFirst("Stripe-Version"));
        if (!method.equals("POST") || idempotencyKey == null) {
            return router.route(request, account);
        }
        if (idempotencyKey.length() > 255) {
            throw ApiError.invalidRequest("Idempotency-Key must be at most 255 characters long.", null)
                    .exception();
        }
        String fingerprint = ApiRouter.fingerprint(request);
        Optional<IdempotencyCache.Entry> previous = account.idempotency().begin(idempotencyKey, fingerprint);
        if (previous.isPresent()) {
            IdempotencyCache.Entry entry = previous.get();
            if (!entry.fingerprint().equals(fingerprint)) {
                throw ApiError.idempotencyMismatch(idempotencyKey).exception();
            }
            if (entry instanceof IdempotencyCache.Completed completed) {
                return completed
                        .answer()
                        .withHeader("Idempotent-Replayed", "true")
                        .withHeader("Original-Request", completed.requestId());
            }
            throw ApiError.idempotencyKeyInUse().exception();
        }
        HttpAnswer answer;
        try {
            answer = router.route(request, account);
        } catch (ApiErrorException e) {
            answer = HttpAnswer.error(e.error());
        } catch (RuntimeException e) {
            answer = HttpAnswer.error(ApiError.internalError());
        }
        account.idempotency().complete(idempotencyKey, fingerprint, answer, requestId);
        return answer;
    }

    /** Security: accepts {@code Bearer <key>} or Basic with the key as user name; never echoes the key whole. */
    private boolean authenticates(Headers headers) {
        try {
            authenticate(headers.getFirst("Authorization"));
            return true;
        } catch (ApiErrorException e) {
            return false;
        }
    }

    /**
     * The 429 of a request beyond the budget. The sliding window, the strict server, says when to come back:
     * {@code Retry-After} in whole seconds, rounded up ({@code budgetWait} is the nanoseconds until the window has
     * room); the token bucket, like Stripe, does not.
     */
    private static HttpAnswer rateLimited(long budgetWait, RequestBudget budget) {
        HttpAnswer answer = HttpAnswer.error(ApiError.rateLimited());
        if (!budget.slidingWindow()) {
            return answer;
        }
        long seconds = Math.max(1, (budgetWait + 999_999_999L) / 1_000_000_000L);
        return answer.withHeader("Retry-After", Long.toString(seconds));
    }

    private void authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.missingApiKey().exception();
        }
        String key;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidApiKey("***").exception();
            }
        } else {
            throw ApiError.missingApiKey().exception();
        }
        if (key.isEmpty()) {
            throw ApiError.missingApiKey().exception();
        }
        if (!acceptedKey.test(key)) {
            throw ApiError.invalidApiKey(ApiKeys.mask(key)).exception();
        }
    }

    private static void send(
            HttpExchange exchange, String method, HttpAnswer answer, String requestId, Headers requestHeaders)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Request-Id", requestId);
        headers.set("Cache-Control", "no-cache, no-store");
        String version = requestHeaders.getFirst("Stripe-Version");
        headers.set("Stripe-Version", version == null || version.isBlank() ? DEFAULT_API_VERSION : version);
        String idempotencyKey = requestHeaders.getFirst("Idempotency-Key");
        if (idempotencyKey != null && method.equals("POST")) {
            headers.set("Idempotency-Key", idempotencyKey);
        }
        answer.headers().forEach(headers::set);
        byte[] body = answer.body();
        boolean head = method.equals("HEAD");
        exchange.sendResponseHeaders(answer.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readNBytes(MAXIMUM_BODY + 1);
        }
    }

    /** Request headers for the log, lower-case names; Security: credentials only masked. */
    private static Map<String, String> loggedHeaders(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = String.join(", ", header.getValue());
            switch (name) {
                case "authorization":
                case "proxy-authorization":
                    value = ApiKeys.maskAuthorization(value);
                    break;
                case "cookie":
                    value = "***";
                    break;
                default:
                    break;
            }
            out.put(name, value);
        }
        return out;
    }

    /** {@code req_} and 14 characters, deterministic with the seed (the n-th request of a run gets the same id). */
    private String nextRequestId() {
        long n = requestCounter.getAndIncrement();
        char[] id = new char[14];
        for (int half = 0; half < 2; half++) {
            long bits = FaultInjector.mix(seed ^ REQUEST_ID_STREAM, 2 * n + half);
            for (int i = 0; i < 7; i++) {
                id[half * 7 + i] = ALPHANUMERIC[(int) Long.remainderUnsigned(bits, ALPHANUMERIC.length)];
                bits = Long.divideUnsigned(bits, ALPHANUMERIC.length);
            }
        }
        return "req_" + new String(id);
    }
}
