package org.stripejdbc.stripe;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.Secret;

/**
 * Everything an {@link HttpStripeClient} needs: credentials, endpoint, headers, timeouts, limits, retry budget,
 * rate limit, and the injected time sources (so that tests never really sleep).
 *
 * <p>Example:
 * <pre>
 * StripeClientConfig config = StripeClientConfig.builder(Secret.of("sk_test_..."))
 *         .apiUrl("http://localhost:12111/v1")       // becomes http://localhost:12111/v1/
 *         .apiVersion("2024-06-20")                  // Stripe-Version: 2024-06-20
 *         .stripeAccount("acct_1")                   // Stripe-Account: acct_1 (per request overridable)
 *         .readTimeout(Duration.ofSeconds(30))
 *         .build();
 * </pre>
 *
 * <p>Defaults: {@value #DEFAULT_API_URL}, no {@code Stripe-Version} header (the account's default version
 * applies), connect timeout 10 s, read timeout 80 s (Stripe's own SDK default), responses up to 10 MiB, 3 retries
 * with backoff from 0.5 s to 8 s, {@code Retry-After} honoured up to 60 s, 16 connections per route, and a rate
 * limit chosen by key prefix ({@link RateLimiter#defaultRequestsPerSecond}). {@link #toString()} masks the key.
 *
 * @param apiKey                 the secret key, sent as {@code Authorization: Bearer <key>}
 * @param apiUrl                 the API base URL, always ending with {@code /}
 * @param apiVersion             the {@code Stripe-Version} header, or null for none
 * @param stripeAccount          the default {@code Stripe-Account} header (Connect), or null for none
 * @param connectTimeout         TCP/TLS connect timeout
 * @param readTimeout            how long one call waits for Stripe's answers, shared by all its attempts (each
 *                               attempt's response timeout is what is left; see {@link AnswerBudget})
 * @param maxResponseSize        largest accepted response body in bytes (after decompression)
 * @param maxRetries             retry budget per call (0 = never retry), within the call's {@code readTimeout}
 * @param initialRetryDelay      backoff before the first retry (doubles per retry, jittered)
 * @param maxRetryDelay          backoff cap
 * @param maxRetryAfter          the longest {@code Retry-After} honoured; longer values are capped to it
 * @param requestsPerSecond      client-side rate limit, 0 = unlimited, null = by key prefix
 * @param searchRequestsPerSecond the rate limit of search requests, counted apart, 0 = unlimited, null = 20/s
 * @param maxConnectionsPerRoute connection pool size per host
 * @param userAgent              the {@code User-Agent} header
 * @param sleeper                how backoff and rate limiting wait
 * @param clock                  wall clock (for {@code Retry-After} HTTP dates)
 * @param nanoTime               monotonic time source of the rate limiter
 * @param jitter                 random numbers in [0, 1) for backoff jitter
 */
public record StripeClientConfig(
        Secret apiKey,
        URI apiUrl,
        String apiVersion,
        String stripeAccount,
        Duration connectTimeout,
        Duration readTimeout,
        long maxResponseSize,
        int maxRetries,
        Duration initialRetryDelay,
        Duration maxRetryDelay,
        Duration maxRetryAfter,
        Double requestsPerSecond,
        Double searchRequestsPerSecond,
        int maxConnectionsPerRoute,
        String userAgent,
        Sleeper sleeper,
        Clock clock,
        LongSupplier nanoTime,
        DoubleSupplier jitter) {

    public static final String DEFAULT_API_URL = "https://api.stripe.com/v1/";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(80);
    public static final long DEFAULT_MAX_RESPONSE_SIZE = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_INITIAL_RETRY_DELAY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofSeconds(8);
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ROUTE = 16;
    /** The largest retry budget accepted, so that a typo cannot make a statement retry for hours. */
    public static final int MAX_RETRIES_LIMIT = 20;
    /** The default monotonic clock; one shared instance so that rate limiters can be shared by identity. */
    public static final LongSupplier SYSTEM_NANO_TIME = System::nanoTime;
    /** The default jitter source. */
    public static final DoubleSupplier RANDOM_JITTER =
            () -> ThreadLocalRandom.current().nextDouble();

    public StripeClientConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        checkApiKey(apiKey);
        apiUrl = normalizeApiUrl(Objects.requireNonNull(apiUrl, "apiUrl"));
        checkHeaderValue("api_version", apiVersion);
        checkHeaderValue("stripe_account", stripeAccount);
        requirePositive("connect timeout", connectTimeout);
        requirePositive("read timeout", readTimeout);
        if (maxResponseSize <= 0) {
            throw invalid("max_response_size must be positive, got " + maxResponseSize);
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
            throw invalid("max_retries must be between 0 and " + MAX_RETRIES_LIMIT + ", got " + maxRetries);
        }
        requireNotNegative("initial retry delay", initialRetryDelay);
        requireNotNegative("max retry delay", maxRetryDelay);
        requireNotNegative("max Retry-After", maxRetryAfter);
        if (requestsPerSecond != null
                && (requestsPerSecond.isNaN() || requestsPerSecond.isInfinite() || requestsPerSecond < 0)) {
            throw invalid("requests_per_second must be 0 (unlimited) or positive, got " + requestsPerSecond);
        }
        if (searchRequestsPerSecond != null
                && (searchRequestsPerSecond.isNaN()
                        || searchRequestsPerSecond.isInfinite()
                        || searchRequestsPerSecond < 0)) {
            throw invalid(
                    "search_requests_per_second must be 0 (unlimited) or positive, got " + searchRequestsPerSecond);
        }
        if (maxConnectionsPerRoute <= 0) {
            throw invalid("max connections per route must be positive, got " + maxConnectionsPerRoute);
        }
        Objects.requireNonNull(userAgent, "userAgent");
        checkHeaderValue("user_agent", userAgent);
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nanoTime, "nanoTime");
        Objects.requireNonNull(jitter, "jitter");
    }

    /** A builder with every default; only the API key is required. */
    public static Builder builder(Secret apiKey) {
        return new Builder(apiKey);
    }

    /** The rate limit in effect: the configured one, or the default for the key's prefix (0 = unlimited). */
    public double effectiveRequestsPerSecond() {
        return requestsPerSecond != null ? requestsPerSecond : RateLimiter.defaultRequestsPerSecond(apiKey);
    }

    /** {@code stripe-jdbc/<version> (Java <version>)}. */
    public static String defaultUserAgent() {
        String version = StripeClientConfig.class.getPackage() == null
                ? null
                : StripeClientConfig.class.getPackage().getImplementationVersion();
        return "stripe-jdbc/" + (version == null ? "dev" : version) + " (Java "
                + System.getProperty("java.version", "unknown") + ")";
    }

    /**
     * Parses an {@code api_url} option: an absolute http(s) URL without credentials, query or fragment; a missing
     * trailing {@code /} is appended. Example: {@code "http://localhost:12111/v1"} → {@code
     * http://localhost:12111/v1/}.
     * Anything else is {@code parse url failed: <reason>} (HV000); the URL itself is not echoed, as it may hold a
     * secret.
     */
    public static URI parseApiUrl(String text) {
        if (text == null || text.isBlank()) {
            throw parseUrlFailed("empty URL");
        }
        try {
            return normalizeApiUrl(new URI(text.trim()));
        } catch (URISyntaxException e) {
            throw parseUrlFailed(e.getReason() + " at index " + e.getIndex());
        }
    }

    private static URI normalizeApiUrl(URI uri) {
        if (!uri.isAbsolute()) {
            throw parseUrlFailed("relative URL without a base");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw parseUrlFailed("unsupported scheme '" + Redactor.redactShapes(scheme) + "' (expected http or https)");
        }
        if (uri.getRawUserInfo() != null) {
            throw parseUrlFailed("credentials in the URL are not allowed");
        }
        if (uri.getHost() == null) {
            throw parseUrlFailed("empty host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw parseUrlFailed("the URL must not have a query or a fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        try {
            return new URI(scheme + "://" + uri.getRawAuthority() + path);
        } catch (URISyntaxException e) {
            throw parseUrlFailed(e.getReason());
        }
    }

    private static StripeJdbcException parseUrlFailed(String reason) {
        return new StripeJdbcException(SqlState.FDW_ERROR, "parse url failed: " + reason);
    }

    private static void checkApiKey(Secret apiKey) {
        String key = apiKey.reveal();
        boolean valid = !key.isEmpty();
        for (int i = 0; valid && i < key.length(); i++) {
            char c = key.charAt(i);
            valid = c > 0x20 && c < 0x7F;
        }
        if (!valid) {
            // Security: the key itself is never part of the message.
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "invalid api_key header: the key is empty or contains characters not allowed in an HTTP header");
        }
    }

    /** Rejects header values with control or non-ASCII characters (header injection). Null means "no header". */
    static void checkHeaderValue(String option, String value) {
        if (value == null) {
            return;
        }
        boolean valid = !value.isBlank();
        for (int i = 0; valid && i < value.length(); i++) {
            char c = value.charAt(i);
            valid = c >= 0x20 && c < 0x7F;
        }
        if (!valid) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "invalid " + option + " header value: it must be non-empty printable ASCII without line breaks");
        }
    }

    private static void requirePositive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isZero() || value.isNegative()) {
            throw invalid(what + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative()) {
            throw invalid(what + " must not be negative, got " + value);
        }
    }

    private static StripeJdbcException invalid(String message) {
        return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, message);
    }

    /** Security: masks the key; leaves out the injected time sources. */
    @Override
    public String toString() {
        return "StripeClientConfig[apiKey=" + apiKey.masked() + ", apiUrl=" + apiUrl + ", apiVersion=" + apiVersion
                + ", stripeAccount=" + stripeAccount + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", maxResponseSize=" + maxResponseSize + ", maxRetries=" + maxRetries
                + ", requestsPerSecond=" + (requestsPerSecond == null ? "by key prefix" : requestsPerSecond)
                + ", searchRequestsPerSecond="
                + (searchRequestsPerSecond == null ? RateLimiter.SEARCH_REQUESTS_PER_SECOND : searchRequestsPerSecond)
                + ", maxConnectionsPerRoute=" + maxConnectionsPerRoute + ", userAgent=" + userAgent + "]";
    }

    /** Builds a {@link StripeClientConfig}; every setter returns {@code this}. */
    public static final class Builder {
        private final Secret apiKey;
        private URI apiUrl = URI.create(DEFAULT_API_URL);
        private String apiVersion;
        private String stripeAccount;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration initialRetryDelay = DEFAULT_INITIAL_RETRY_DELAY;
        private Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private Double requestsPerSecond;
        private Double searchRequestsPerSecond;
        private int maxConnectionsPerRoute = DEFAULT_MAX_CONNECTIONS_PER_ROUTE;
        private String userAgent = defaultUserAgent();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = SYSTEM_NANO_TIME;
        private DoubleSupplier jitter = RANDOM_JITTER;

        private Builder(Secret apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        }

        /** Parses with {@link #parseApiUrl}. */
        public Builder apiUrl(String apiUrl) {
            this.apiUrl = parseApiUrl(apiUrl);
            return this;
        }

        public Builder apiUrl(URI apiUrl) {
            this.apiUrl = Objects.requireNonNull(apiUrl, "apiUrl");
            return this;
        }

        public Builder apiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        public Builder stripeAccount(String stripeAccount) {
            this.stripeAccount = stripeAccount;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        public Builder maxResponseSize(long maxResponseSize) {
            this.maxResponseSize = maxResponseSize;
            return this;
        }

        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        public Builder initialRetryDelay(Duration initialRetryDelay) {
            this.initialRetryDelay = initialRetryDelay;
            return this;
        }

        public Builder maxRetryDelay(Duration maxRetryDelay) {
            this.maxRetryDelay = maxRetryDelay;
            return this;
        }

        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        /** 0 = unlimited; null = the default for the key's prefix. */
        public Builder requestsPerSecond(Double requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        /** The rate of search requests, counted apart: 0 = unlimited; null = 20/s. */
        public Builder searchRequestsPerSecond(Double searchRequestsPerSecond) {
            this.searchRequestsPerSecond = searchRequestsPerSecond;
            return this;
        }

        public Builder maxConnectionsPerRoute(int maxConnectionsPerRoute) {
            this.maxConnectionsPerRoute = maxConnectionsPerRoute;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        public Builder jitter(DoubleSupplier jitter) {
            this.jitter = jitter;
            return this;
        }

        public StripeClientConfig build() {
            return new StripeClientConfig(
                    apiKey,
                    apiUrl,
                    apiVersion,
                    stripeAccount,
                    connectTimeout,
                    readTimeout,
                    maxResponseSize,
                    maxRetries,
                    initialRetryDelay,
                    maxRetryDelay,
                    maxRetryAfter,
                    requestsPerSecond,
                    searchRequestsPerSecond,
                    maxConnectionsPerRoute,
                    userAgent,
                    sleeper,
                    clock,
                    nanoTime,
                    jitter);
        }
    }
}
