package org.stripejdbc.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.stripe.AttemptOutcome.HttpFailure;
import org.stripejdbc.stripe.AttemptOutcome.NetworkFailure;
import org.stripejdbc.stripe.AttemptOutcome.Success;
import org.stripejdbc.vault.Redactor;

/**
 * The Stripe REST client over Apache HttpClient 5: one pooled connection manager per instance, Stripe's headers,
 * JSON parsing with a response size limit, typed errors, retries with backoff and a shared client-side rate limit.
 *
 * <p>Every request carries {@code Authorization: Bearer <key>}, {@code Accept: application/json},
 * {@code Accept-Encoding: gzip} (decoded transparently), {@code User-Agent}, and when configured
 * {@code Stripe-Version} and {@code Stripe-Account}. POSTs carry a form body and an {@code Idempotency-Key}
 * that stays the same on every retry of the call. Worked examples, with the default base URL:
 * <pre>
 *   list("customers", [email=a@b.c, limit=100])   → GET    /v1/customers?email=a%40b.c&amp;limit=100
 *   retrieve("customers", "cus_1")                → GET    /v1/customers/cus_1          (404 → empty)
 *   retrieve("customers", "../balance")           → GET    /v1/customers/..%2Fbalance   (one path segment)
 *   get("balance")                                → GET    /v1/balance
 *   create("customers", [email=x], key)           → POST   /v1/customers   email=x, Idempotency-Key: key
 *   update("customers", "cus_1", [name=n], key)   → POST   /v1/customers/cus_1          (404 → empty)
 *   delete("customers", "cus_1")                  → DELETE /v1/customers/cus_1          (404 → empty)
 * </pre>
 *
 * <p>HTTP policy (see {@link RetryPolicy}): a call is tried up to {@code 1 + maxRetries} times; between attempts
 * it waits with jittered exponential backoff or {@code Retry-After}, polling {@link QueryControl#checkCancelled()}
 * before every attempt and during every wait. All attempts share one answer budget of {@code readTimeout}
 * ({@link AnswerBudget}): each attempt's response timeout is what is left of it, no attempt starts once it is spent,
 * and a read timeout is not retried, so Stripe not answering fails the call after about {@code readTimeout} with
 * {@code 08006 Stripe did not answer GET /v1/customers within 80 s (1 attempt, read_timeout 80 s)}. After the retry
 * budget the last error is thrown.
 *
 * <p>Cancellation: every exchange is registered with the statement's control
 * ({@link QueryControl#onCancel(Runnable)}) while it runs, so {@code Statement.cancel()}, the query timeout or
 * closing the statement aborts it at once, and the call fails with {@link RequestCancelledException} (57014, the
 * control's reason and the request, e.g. {@code canceling statement due to user request (GET /v1/customers was in
 * flight)}); for a write that may have been sent, {@link RequestCancelledException#outcomeUnknown()} is true.
 *
 * <p>Errors are {@link StripeApiException} for HTTP error responses, and {@link StripeJdbcException} with SQLSTATE
 * 08001/08006 for network failures, 54000 for {@code response too large (...)}, 22P02 for
 * {@code parse JSON response failed}, HV000 for {@code invalid response} and 57014 when cancelled. No message
 * contains the API key or the query string.
 *
 * <p>Thread-safe: calls may run concurrently (up to {@code maxConnectionsPerRoute} at once, the rest wait for a
 * pooled connection). {@link #close()} releases the pool; later calls fail with 08000.
 */
public final class HttpStripeClient implements StripeClient {
    private static final System.Logger LOG = System.getLogger(HttpStripeClient.class.getName());
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");
    /** Error bodies are small JSON documents; more than this is not worth reading. */
    private final StripeClientConfig config;

    private final RateLimiter rateLimiter;
    /** Search requests are counted in a budget of their own (Stripe's search rate limit). */
    private final RateLimiter searchRateLimiter;

    private final RetryPolicy retryPolicy;
    private final CloseableHttpClient http;
    /** The default request settings; each attempt copies them with its own response timeout. */
    private final RequestConfig requestConfig;

    private final StripeClientStatistics statistics = new StripeClientStatistics();
    private final ResponseBodies bodies;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Where this client's writes are remembered for read-your-writes: its account's ({@link RecentWrites}). */
    private final RecentWrites recentWrites;

    /**
     * A client whose rate limiter is shared with every other client of the same key in this JVM
     * ({@link RateLimiter#shared(org.stripejdbc.vault.Secret, Double, java.util.function.LongSupplier)}: the
     * configured rate, else the key's default; the lowest configured rate of the key applies).
     */
    public HttpStripeClient(StripeClientConfig config) {
        this(
                config,
                RateLimiter.shared(
                        Objects.requireNonNull(config, "config").apiKey(),
                        config.requestsPerSecond(),
                        config.nanoTime()),
                RateLimiter.sharedSearch(config.apiKey(), config.searchRequestsPerSecond(), config.nanoTime()));
    }

    /**
     * A client with an explicit rate limiter (tests, or a caller that manages sharing itself); its search requests
     * use the key's shared search limiter.
     */
    public HttpStripeClient(StripeClientConfig config, RateLimiter rateLimiter) {
        this(
                config,
                rateLimiter,
                RateLimiter.sharedSearch(
                        Objects.requireNonNull(config, "config").apiKey(),
                        config.searchRequestsPerSecond(),
                        config.nanoTime()));
    }

    /** A client with explicit limiters for its search requests and for all its other requests. */
    public HttpStripeClient(StripeClientConfig config, RateLimiter rateLimiter, RateLimiter searchRateLimiter) {
        this.config = Objects.requireNonNull(config, "config");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.searchRateLimiter = Objects.requireNonNull(searchRateLimiter, "searchRateLimiter");
        this.retryPolicy = RetryPolicy.of(config);
        Timeout readTimeout = Timeout.of(config.readTimeout());
        this.requestConfig = RequestConfig.custom()
                .setResponseTimeout(readTimeout)
                .setConnectionRequestTimeout(readTimeout)
                .setRedirectsEnabled(false)
                .build();
        this.http = buildHttpClient(config, requestConfig);
        this.bodies = new ResponseBodies(config, statistics);
        this.recentWrites = RecentWrites.forAccount(config.apiKey(), config.apiUrl());
    }

    @Override
    public RecentWrites recentWrites() {
        return recentWrites;
    }

    private static CloseableHttpClient buildHttpClient(StripeClientConfig config, RequestConfig requestConfig) {
        Timeout connectTimeout = Timeout.of(config.connectTimeout());
        Timeout readTimeout = Timeout.of(config.readTimeout());
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .useSystemProperties()
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connectTimeout)
                        .setSocketTimeout(readTimeout)
                        .build())
                .setMaxConnPerRoute(config.maxConnectionsPerRoute())
                .setMaxConnTotal(config.maxConnectionsPerRoute() * 2)
                .build();
        return HttpClients.custom()
                .useSystemProperties()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(requestConfig)
                // Security: Stripe never redirects; following one could carry the Authorization header elsewhere.
                .disableRedirectHandling()
                // Retries belong to this class (one place for HTTP policy), not to HttpClient.
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(config.userAgent())
                .build();
    }

    /** The configuration (its {@code toString()} masks the key). */
    public StripeClientConfig config() {
        return config;
    }

    /** The request counters of this client. */
    public StripeClientStatistics statistics() {
        return statistics;
    }

    /** The rate limiter this client's requests other than searches wait on. */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The rate limiter this client's search requests wait on. */
    public RateLimiter searchRateLimiter() {
        return searchRateLimiter;
    }

    @Override
    public String apiVersion() {
        return config.apiVersion();
    }

    @Override
    public double pacedRequestsPerSecond() {
        return rateLimiter.currentRate();
    }

    @Override
    public StripePage list(String path, List<Map.Entry<String, String>> parameters, RequestOptions options) {
        String query = parameters == null ? "" : UrlEncoding.form(parameters);
        URI uri = uri(UrlEncoding.resourcePath(path), query);
        String requestLine = "GET " + uri.getRawPath();
        // The page's objects are built when it is read, maybe on another thread: a failure then names the request.
        StripeCall.BodyReader<StripePage> reader =
                in -> StripeJsonReader.readPage(in, requestLine, text -> Redactor.redactShapes(text, config.apiKey()));
        return execute(new StripeCall<>("GET", uri, null, null, reader, null), options);
    }

    /**
     * {@code GET <path>/search?query=..&limit=..[&page=..]}, paced by the key's search limiter: {@code
     * search("customers", "name~\"son\"", 100, null)} →
     * {@code GET /v1/customers/search?query=name%7E%22son%22&limit=100}.
     */
    @Override
    public SearchPage search(String path, String query, int limit, String page, RequestOptions options) {
        List<Map.Entry<String, String>> parameters = new ArrayList<>();
        parameters.add(Map.entry("query", query));
        parameters.add(Map.entry("limit", Integer.toString(limit)));
        if (page != null) {
            parameters.add(Map.entry("page", page));
        }
        URI uri = uri(UrlEncoding.resourcePath(path) + "/search", UrlEncoding.form(parameters));
        return execute(
                new StripeCall<>("GET", uri, null, null, StripeJsonReader::readSearchPage, null),
                options,
                searchRateLimiter);
    }

    @Override
    public Optional<Json> retrieve(String path, String id, RequestOptions options) {
        URI uri = objectUri(UrlEncoding.resourcePath(path), id);
        return execute(
                new StripeCall<>("GET", uri, null, null, HttpStripeClient::readPresent, Optional.empty()), options);
    }

    @Override
    public Json get(String path, RequestOptions options) {
        URI uri = uri(UrlEncoding.resourcePath(path), "");
        return execute(new StripeCall<>("GET", uri, null, null, StripeJsonReader::readObject, null), options);
    }

    @Override
    public Json create(
            String path, List<Map.Entry<String, String>> form, String idempotencyKey, RequestOptions options) {
        URI uri = uri(UrlEncoding.resourcePath(path), "");
        recentWrites.record(path);
        return execute(
                new StripeCall<>(
                        "POST", uri, body(form), idempotencyKey(idempotencyKey), StripeJsonReader::readObject, null),
                options);
    }

    @Override
    public Optional<Json> update(
            String path,
            String id,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options) {
        URI uri = objectUri(UrlEncoding.resourcePath(path), id);
        recentWrites.record(path);
        return execute(
                new StripeCall<>(
                        "POST",
                        uri,
                        body(form),
                        idempotencyKey(idempotencyKey),
                        HttpStripeClient::readPresent,
                        Optional.empty()),
                options);
    }

    @Override
    public Optional<Json> delete(String path, String id, RequestOptions options) {
        URI uri = objectUri(UrlEncoding.resourcePath(path), id);
        recentWrites.record(path);
        return execute(
                new StripeCall<>("DELETE", uri, null, null, HttpStripeClient::readPresent, Optional.empty()), options);
    }

    @Override
    public Optional<Json> action(
            String method,
            String path,
            List<String> ids,
            List<Map.Entry<String, String>> form,
            String idempotencyKey,
            RequestOptions options) {
        String[] parts = path.split("\\{}", -1);
        if (parts.length - 1 != ids.size()
                || !(method.equals("POST") || method.equals("DELETE") || method.equals("GET"))) {
            throw new IllegalArgumentException(
                    "an action is a POST, DELETE or GET on a path with one {} per id: " + method + " " + path);
        }
        // Security: the path comes from the API description; each id is one encoded segment, as for update.
        StringBuilder resource = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String trimmed = part.replaceAll("^/+|/+$", "");
            if (!trimmed.isEmpty()) {
                resource.append(i == 0 ? "" : "/").append(UrlEncoding.resourcePath(trimmed));
            }
            if (i < ids.size()) {
                resource.append("/").append(UrlEncoding.pathSegment(ids.get(i)));
            }
        }
        if (!method.equals("POST")) {
            String query = form == null ? "" : UrlEncoding.form(form);
            return execute(
                    new StripeCall<>(
                            method,
                            uri(resource.toString(), query),
                            null,
                            null,
                            HttpStripeClient::readPresent,
                            Optional.empty()),
                    options);
        }
        return execute(
                new StripeCall<>(
                        "POST",
                        uri(resource.toString(), ""),
                        body(form),
                        idempotencyKey(idempotencyKey),
                        HttpStripeClient::readPresent,
                        Optional.empty()),
                options);
    }

    /** Releases the connection pool. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            http.close(CloseMode.GRACEFUL);
        }
    }

    @Override
    public String toString() {
        return "HttpStripeClient[" + config.apiUrl() + ", key "
                + config.apiKey().masked() + "]";
    }

    // ------------------------------------------------------------------------------------------------ requests

    private <T> T execute(StripeCall<T> call, RequestOptions requestOptions) {
        return execute(call, requestOptions, rateLimiter);
    }

    private <T> T execute(StripeCall<T> call, RequestOptions requestOptions, RateLimiter rateLimiter) {
        RequestOptions options = requestOptions == null ? RequestOptions.DEFAULT : requestOptions;
        if (closed.get()) {
            throw new StripeJdbcException(
                    SqlState.CONNECTION_EXCEPTION, "the Stripe client is closed (" + call.requestLine() + ")");
        }
        String account = options.stripeAccount() != null ? options.stripeAccount() : config.stripeAccount();
        StripeClientConfig.checkHeaderValue("stripe_account", account);
        QueryControl control = options.control();
        statistics.recordCall();
        AnswerBudget budget = new AnswerBudget(config.readTimeout(), config.nanoTime());
        // Whether an earlier attempt of this write may have reached Stripe: a cancellation then leaves it unknown.
        boolean mayHaveApplied = false;
        long started = config.nanoTime().getAsLong();
        int attempts = 0;
        int tooManyRequests = 0;
        try {
            while (true) {
                control.checkCancelled();
                statistics.recordRateLimitWait(rateLimiter.acquire(config.sleeper(), control));
                control.checkCancelled();
                if (attempts > 0) {
                    statistics.recordRetry();
                }
                attempts++;
                AttemptOutcome<T> outcome;
                budget.attemptStarted();
                try {
                    outcome = attempt(call, account, control, budget.attemptTimeoutMillis());
                } finally {
                    budget.attemptEnded();
                }
                if (outcome instanceof Success<T> success) {
                    return success.value();
                }
                mayHaveApplied |= call.writes() && AttemptOutcome.mayHaveReachedStripe(outcome);
                Duration retryAfter = null;
                boolean retryable;
                if (outcome instanceof HttpFailure<T> failure) {
                    retryAfter = failure.retryAfter();
                    if (failure.status() == 429) {
                        tooManyRequests++;
                        // Every request of the key waits out the Retry-After, not only this one's retry.
                        rateLimiter.onRateLimited(retryPolicy.capRetryAfter(retryAfter));
                    }
                    retryable = failure.retryable();
                } else {
                    retryable = ((NetworkFailure<T>) outcome).retryable();
                }
                if (!retryable || attempts > config.maxRetries() || budget.exhausted()) {
                    throw AttemptOutcome.toException(call, outcome, attempts, budget, config);
                }
                long delay = retryPolicy.delayNanos(attempts, retryAfter);
                if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "retrying {0} in {1} ms: {2}",
                            call.requestLine(),
                            delay / 1_000_000,
                            AttemptOutcome.toException(call, outcome, attempts, budget, config)
                                    .getMessage());
                }
                config.sleeper().sleep(delay, control);
            }
        } catch (RuntimeException e) {
            statistics.recordFailure();
            if (mayHaveApplied
                    && e instanceof StripeJdbcException stop
                    && stop.sqlState() == SqlState.QUERY_CANCELED
                    && !(e instanceof RequestCancelledException)) {
                throw new RequestCancelledException(
                        stop.getMessage() + " (while retrying " + call.requestLine() + ")", true, stop);
            }
            throw e;
        } finally {
            options.observer()
                    .callEnded(attempts, tooManyRequests, config.nanoTime().getAsLong() - started);
        }
    }

    /**
     * One HTTP attempt with a response timeout of {@code timeoutMillis} (what is left of the call's answer budget).
     * The exchange is registered with the statement's control while it runs: a cancelled, timed-out or closed
     * statement aborts it at once, and the attempt then fails with {@link RequestCancelledException}.
     */
    private <T> AttemptOutcome<T> attempt(
            StripeCall<T> call, String account, QueryControl control, long timeoutMillis) {
        HttpUriRequestBase request = request(call, account);
        Timeout timeout = Timeout.ofMilliseconds(timeoutMillis);
        request.setConfig(RequestConfig.copy(requestConfig)
                .setResponseTimeout(timeout)
                .setConnectionRequestTimeout(timeout)
                .build());
        statistics.recordRequest(call.body() == null ? 0 : call.body().length);
        QueryControl.Registration abort = control.onCancel(request::cancel);
        try {
            return exchange(call, request, control);
        } finally {
            abort.close();
        }
    }

    private HttpUriRequestBase request(StripeCall<?> call, String account) {
        HttpUriRequestBase request = new HttpUriRequestBase(call.method(), call.uri());
        // Security: the only place the key leaves the process.
        request.setHeader("Authorization", "Bearer " + config.apiKey().reveal());
        request.setHeader("Accept", "application/json");
        request.setHeader("Accept-Encoding", "gzip");
        request.setHeader("User-Agent", config.userAgent());
        if (config.apiVersion() != null) {
            request.setHeader("Stripe-Version", config.apiVersion());
        }
        if (account != null) {
            request.setHeader("Stripe-Account", account);
        }
        if (call.idempotencyKey() != null) {
            request.setHeader("Idempotency-Key", call.idempotencyKey());
        }
        if (call.body() != null) {
            request.setEntity(new ByteArrayEntity(call.body(), FORM));
        }
        return request;
    }

    private <T> AttemptOutcome<T> exchange(StripeCall<T> call, HttpUriRequestBase request, QueryControl control) {
        ClassicHttpResponse response;
        try {
            throwIfAborted(call, request, control, null, false);
            response = http.executeOpen(null, request, null);
        } catch (IOException e) {
            return networkFailure(call, request, control, e);
        } catch (IllegalStateException e) {
            // Also HttpClient's answer to an exchange aborted before its connection was set up.
            throwIfAborted(call, request, control, e, false);
            // HttpClient's answer when the pool was shut down by a concurrent close().
            throw new StripeJdbcException(
                    SqlState.CONNECTION_EXCEPTION,
                    "Stripe request failed on "
                            + call.requestLine() + ": "
                            + Redactor.redactShapes(String.valueOf(e.getMessage()), config.apiKey()),
                    e);
        } catch (StripeJdbcException e) {
            throw e;
        } catch (RuntimeException e) {
            // HttpClient may fail an exchange aborted mid-way by a concurrent cancel with an unchecked exception of
            // its own (a NullPointerException "Connection" when the lease is released under it): that is the
            // cancellation, not an internal error. The request may have left, so a write's outcome is unknown.
            throwIfAborted(call, request, control, e, true);
            throw new StripeJdbcException(
                    SqlState.CONNECTION_EXCEPTION,
                    "Stripe request failed on "
                            + call.requestLine() + ": " + e.getClass().getSimpleName() + ": "
                            + Redactor.redactShapes(String.valueOf(e.getMessage()), config.apiKey()),
                    e);
        }
        boolean complete = false;
        try {
            int status = response.getCode();
            if (status >= 200 && status < 300) {
                T value = bodies.readSuccess(response, call);
                complete = true;
                return new Success<>(value);
            }
            ResponseBodies.ErrorBody body = bodies.readErrorBody(response);
            complete = body.complete();
            if (status == 404 && call.whenNotFound() != null) {
                return new Success<>(call.whenNotFound());
            }
            StripeError error = StripeJsonReader.readError(body.bytes()).redacted(config.apiKey());
            String excerpt = error.message() == null && body.bytes().length > 0
                    ? Redactor.redactShapes(StripeJsonReader.excerpt(body.bytes()), config.apiKey())
                    : null;
            String requestId = headerValue(response, "Request-Id");
            boolean retryable = RetryPolicy.retryableStatus(status, headerValue(response, "Stripe-Should-Retry"));
            Duration retryAfter = retryPolicy.parseRetryAfter(headerValue(response, "Retry-After"));
            return new HttpFailure<>(status, error, requestId, excerpt, retryable, retryAfter);
        } catch (ResponseTooLargeException e) {
            throwIfAborted(call, request, control, e, true);
            throw new StripeJdbcException(
                    SqlState.PROGRAM_LIMIT_EXCEEDED, e.describe() + " on " + call.requestLine(), null);
        } catch (InvalidResponseException e) {
            throwIfAborted(call, request, control, e, true);
            throw new StripeJdbcException(
                    e.sqlState(), Redactor.redactShapes(e.getMessage(), config.apiKey()) + " on " + call.requestLine());
        } catch (JsonProcessingException e) {
            throwIfAborted(call, request, control, e, true);
            IOException transport = transportCause(e);
            if (transport != null) {
                return networkFailure(call, request, control, transport);
            }
            throw new StripeJdbcException(
                    SqlState.INVALID_JSON_TEXT,
                    "parse JSON response failed: "
                            + Redactor.redactShapes(StripeJsonReader.describe(e), config.apiKey()) + " on "
                            + call.requestLine());
        } catch (IOException e) {
            return networkFailure(call, request, control, e);
        } finally {
            ResponseBodies.release(response, request, complete);
        }
    }

    private static Optional<Json> readPresent(LimitedInputStream in) throws IOException {
        return Optional.of(StripeJsonReader.readObject(in));
    }

    private static String headerValue(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private <T> NetworkFailure<T> networkFailure(
            StripeCall<T> call, HttpUriRequestBase request, QueryControl control, IOException error) {
        throwIfAborted(call, request, control, error, true);
        if (Thread.currentThread().isInterrupted()
                && error instanceof InterruptedIOException
                && !(error instanceof SocketTimeoutException)) {
            throw new RequestCancelledException(
                    "canceling statement due to interrupt during a Stripe request (" + call.requestLine()
                            + " was in flight)",
                    call.writes(),
                    error);
        }
        return new NetworkFailure<>(error, RetryPolicy.retryableNetworkError(error));
    }

    /**
     * When the statement's control aborted this exchange (cancel, query timeout, statement closed), the failure at
     * hand is only its echo: throws 57014 with the control's reason instead. A write that may have been sent may
     * also have been applied: its outcome is unknown. Example message:
     * {@code canceling statement due to statement timeout (POST /v1/customers was in flight)}.
     */
    private void throwIfAborted(
            StripeCall<?> call,
            HttpUriRequestBase request,
            QueryControl control,
            Exception failure,
            boolean maybeSent) {
        if (!request.isCancelled()) {
            return;
        }
        String reason = "canceling statement: the request was aborted";
        try {
            control.checkCancelled();
        } catch (RuntimeException stopped) {
            reason = stopped.getMessage();
        }
        throw new RequestCancelledException(
                reason
                        + (maybeSent
                                ? " (" + call.requestLine() + " was in flight)"
                                : " (before " + call.requestLine() + " was sent)"),
                maybeSent && call.writes(),
                failure);
    }

    /** A Jackson exception caused by the transport (a timeout or reset while the body was read), or null. */
    private static IOException transportCause(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
                return io;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** {@code <base><path>[?<query>]}. */
    private URI uri(String resourcePath, String query) {
        String url = config.apiUrl().toString() + resourcePath;
        return URI.create(query.isEmpty() ? url : url + "?" + query);
    }

    /** {@code <base><path>/<id>}; the id is one encoded segment, and a null or empty id is rejected. */
    private URI objectUri(String resourcePath, String id) {
        return URI.create(config.apiUrl().toString() + resourcePath + "/" + UrlEncoding.pathSegment(id));
    }

    private static byte[] body(List<Map.Entry<String, String>> form) {
        return form == null ? new byte[0] : UrlEncoding.form(form).getBytes(StandardCharsets.US_ASCII);
    }

    /** The caller's key, or one fresh UUID for this logical call (reused by all its retries). */
    private static String idempotencyKey(String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        StripeClientConfig.checkHeaderValue("Idempotency-Key", idempotencyKey);
        return idempotencyKey;
    }
}
