package org.stripejdbc.emulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * A stateful Stripe API emulator on loopback: deterministic sample data for every object of the registry, the
 * list contract (limit, starting_after, ending_before, has_more, filters, created ranges), retrieves, writes to
 * customers, products and subscriptions with idempotency keys, the search endpoints (with an optional indexing lag
 * and a budget of their own), Stripe's error shapes and headers, and injectable
 * faults (latency, a request budget answered 429, counted as a token bucket or as a strict sliding window, server
 * errors, dropped connections). It is what the shell's demo mode, the test suite and the benchmarks run against.
 *
 * <p>Example:
 * <pre>{@code
 * try (StripeEmulator emulator = StripeEmulator.builder().seed(7).customers(50).start()) {
 *     // GET emulator.baseUrl() + "customers?limit=3" with "Authorization: Bearer " + emulator.apiKey()
 *     // answers {"object":"list","data":[3 customers, newest first],"has_more":true,"url":"/v1/customers"}
 *     emulator.requestLog();   // [RecordedRequest[method=GET, path=/v1/customers, ...]]
 * }
 * }</pre>
 *
 * <p>Security: the server only ever binds 127.0.0.1; the request log keeps API keys masked.
 *
 * <p>Performance: the JDK HTTP server is used with {@code sun.net.httpserver.nodelay=true}, set when this class
 * loads unless already set; without it every answer waits about 40 ms (Nagle). The property is read once per JVM,
 * when the first JDK HTTP server is created.
 */
public final class StripeEmulator implements AutoCloseable {
    /** The key {@link #apiKey()} returns when none was chosen; any {@code sk_test_} key is accepted then. */
    public static final String DEFAULT_API_KEY = "sk_test_stripejdbc_emulator_0000";
    /** The default seed. */
    public static final long DEFAULT_SEED = 42;
    /** The newest second of the default sample data (objects span the two years before it). */
    public static final Instant DEFAULT_DATA_END = Instant.parse("2025-06-01T00:00:00Z");
    /** The only address the emulator binds. */
    public static final String LOOPBACK = "127.0.0.1";

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final int requestedPort;
    private final long seed;
    private final DataSizes sizes;
    private final Instant dataEnd;
    private final String apiKey;
    private final int threads;
    private final EmulatorClock clock;
    private final FaultInjector faults;
    private final RequestBudget budget;
    private final RequestBudget searchBudget;
    private final SearchIndexing searchIndexing;
    private final RequestLog log;
    private final AccountDirectory accounts;
    private final EmulatorHandler handler;
    private HttpServer server;
    private ExecutorService executor;
    private boolean closed;

    private StripeEmulator(Builder builder) {
        this.requestedPort = builder.port;
        this.seed = builder.seed;
        this.sizes = builder.sizes;
        this.dataEnd = builder.dataEnd;
        this.apiKey = builder.apiKey;
        this.threads = builder.threads;
        this.clock = builder.clock;
        this.faults = new FaultInjector(seed, builder.latency, builder.errorRate, builder.dropConnectionRate);
        faults.setIgnoreListFilters(builder.ignoreListFilters);
        this.budget = new RequestBudget(clock, builder.requestsPerSecond);
        budget.setSlidingWindow(builder.slidingWindowBudget);
        this.searchBudget = new RequestBudget(clock, builder.searchRequestsPerSecond);
        searchBudget.setSlidingWindow(builder.slidingWindowSearchBudget);
        this.searchIndexing = new SearchIndexing(clock, builder.searchIndexingLag);
        this.log = new RequestLog(builder.requestLogCapacity);
        AccountData platform = SampleDataGenerator.generate(seed, sizes, dataEnd.getEpochSecond(), null);
        this.accounts = new AccountDirectory(platform, seed, dataEnd.getEpochSecond(), searchIndexing);
        this.handler =
                new EmulatorHandler(clock, faults, budget, searchBudget, keyAcceptor(apiKey), accounts, log, seed);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Security: with a chosen key only that key (compared in constant time), else any {@code sk_test_} key. */
    private static Predicate<String> keyAcceptor(String apiKey) {
        if (apiKey == null) {
            return key -> key.startsWith("sk_test_") && key.length() > "sk_test_".length();
        }
        byte[] expected = apiKey.getBytes(StandardCharsets.UTF_8);
        return key -> MessageDigest.isEqual(expected, key.getBytes(StandardCharsets.UTF_8));
    }

    /** Starts listening (on a free port when the port is 0); a second call does nothing. */
    public synchronized StripeEmulator start() {
        if (closed) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "Stripe emulator: already closed");
        }
        if (server != null) {
            return this;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(loopback(), requestedPort), 128);
            created.createContext("/", handler);
            ExecutorService pool = newPool(threads, created.getAddress().getPort());
            created.setExecutor(pool);
            created.start();
            this.server = created;
            this.executor = pool;
        } catch (IOException e) {
            throw new StripeJdbcException(
                    SqlState.IO_ERROR,
                    "Stripe emulator: cannot listen on " + LOOPBACK + ":" + requestedPort + ": " + e.getMessage(),
                    e);
        }
        return this;
    }

    private static ExecutorService newPool(int threads, int port) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "stripe-emulator-" + port + "-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(LOOPBACK, new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot build the loopback address", e);
        }
    }

    /** Stops listening and ends the worker threads; the emulator cannot be started again. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
            executor = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port listened on (the chosen one once started with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "Stripe emulator: not started");
        }
        return server.getAddress().getPort();
    }

    /** The API base URL, for the driver's {@code api_url}: {@code http://127.0.0.1:PORT/v1/}. */
    public String baseUrl() {
        return "http://" + LOOPBACK + ":" + port() + "/v1/";
    }

    /** A key the emulator accepts: the chosen one, else {@link #DEFAULT_API_KEY}. */
    public String apiKey() {
        return apiKey != null ? apiKey : DEFAULT_API_KEY;
    }

    public long seed() {
        return seed;
    }

    public DataSizes sizes() {
        return sizes;
    }

    /** The newest second of the generated data. */
    public Instant dataEndTime() {
        return dataEnd;
    }

    /** The platform account's id ({@code GET /v1/account}). */
    public String accountId() {
        return accounts.platform().accountId();
    }

    /** The connected accounts' ids, usable in a {@code Stripe-Account} header. */
    public List<String> connectedAccountIds() {
        AccountData platform = accounts.platform();
        return platform.read(() -> {
            List<String> ids = new ArrayList<>();
            platform.collection("accounts").newestFirst().forEach(object -> ids.add(object.id()));
            return ids;
        });
    }

    /** The requests received so far (at most the log capacity, oldest first). */
    public List<RecordedRequest> requestLog() {
        return log.snapshot();
    }

    public void clearRequestLog() {
        log.clear();
    }

    public Duration latency() {
        return faults.latency();
    }

    /** Sets the latency added to every request from now on. */
    public void setLatency(Duration latency) {
        checked(() -> faults.setLatency(latency));
    }

    public int requestsPerSecond() {
        return budget.requestsPerSecond();
    }

    /** Sets the request budget (0: unlimited); requests beyond it are answered 429. */
    public void setRequestsPerSecond(int requestsPerSecond) {
        checked(() -> budget.setRequestsPerSecond(requestsPerSecond));
    }

    /** Whether the request budget is a sliding window (the strict server) rather than a token bucket. */
    public boolean slidingWindowBudget() {
        return budget.slidingWindow();
    }

    /**
     * Counts the request budget as a sliding window: no window of one second ever holds more requests than
     * {@link #requestsPerSecond()}, and a 429 says {@code Retry-After} (whole seconds until the window has room), as
     * a strict server would. False goes back to the token bucket (the default: a full second's budget may pass at
     * once after an idle second, so some windows hold up to twice the rate). Either change empties what was counted.
     */
    public void setSlidingWindowBudget(boolean slidingWindow) {
        budget.setSlidingWindow(slidingWindow);
    }

    public int searchRequestsPerSecond() {
        return searchBudget.requestsPerSecond();
    }

    /**
     * Sets the search budget (0: unlimited): the requests per second of {@code GET /v1/<object>/search}, counted
     * apart from {@link #requestsPerSecond()} (a search spends only this budget), answered 429 {@code rate_limit}
     * beyond it. Stripe allows about 20.
     */
    public void setSearchRequestsPerSecond(int requestsPerSecond) {
        checked(() -> searchBudget.setRequestsPerSecond(requestsPerSecond));
    }

    /** Whether the search budget is a sliding window (the strict server) rather than a token bucket. */
    public boolean slidingWindowSearchBudget() {
        return searchBudget.slidingWindow();
    }

    /** Counts the search budget as a sliding window or a token bucket, as {@link #setSlidingWindowBudget}. */
    public void setSlidingWindowSearchBudget(boolean slidingWindow) {
        searchBudget.setSlidingWindow(slidingWindow);
    }

    /** How long a change takes to reach search (zero: at once); see {@link Builder#searchIndexingLag}. */
    public Duration searchIndexingLag() {
        return searchIndexing.lag();
    }

    /** Sets the search indexing lag for the changes made from now on (see {@link Builder#searchIndexingLag}). */
    public void setSearchIndexingLag(Duration lag) {
        checked(() -> searchIndexing.setLag(lag));
    }

    public double errorRate() {
        return faults.errorRate();
    }

    /** Sets the ratio (0..1) of requests answered 500 or 503. */
    public void setErrorRate(double errorRate) {
        checked(() -> faults.setErrorRate(errorRate));
    }

    public double dropConnectionRate() {
        return faults.dropConnectionRate();
    }

    /** Sets the ratio (0..1) of requests whose connection is closed without answer. */
    public void setDropConnectionRate(double dropConnectionRate) {
        checked(() -> faults.setDropConnectionRate(dropConnectionRate));
    }

    public boolean ignoresListFilters() {
        return faults.ignoreListFilters();
    }

    /**
     * Makes list endpoints accept their filter parameters but not apply them (every object, in list order, paged
     * as asked), and search endpoints check their query but answer every object it could search: the double that
     * proves a client never trusts a server to filter for it.
     */
    public void setIgnoreListFilters(boolean ignoreListFilters) {
        checked(() -> faults.setIgnoreListFilters(ignoreListFilters));
    }

    /**
     * The platform account's objects of {@code object} (a registry {@code object} value such as
     * {@code customers} or {@code checkout/sessions}) as the API would list them, newest first, tokens and mandates
     * included; {@code balance} gives the one balance object. For tests that compare query results with the data.
     */
    public List<Json> objects(String object) {
        EmulatedObject type = type(object);
        AccountData platform = accounts.platform();
        return platform.read(() -> {
            List<Json> out = new ArrayList<>();
            if (type.path().equals("balance")) {
                out.add(Json.fromJackson(EmulatorJson.parseObject(platform.balance())));
            } else {
                for (StoredObject stored : platform.collection(type.path()).newestFirst()) {
                    out.add(Json.fromJackson(stored.tree()));
                }
            }
            return out;
        });
    }

    /** One object of the platform account by id, as {@code GET /v1/<object>/<id>} would answer it. */
    public Optional<Json> object(String object, String id) {
        EmulatedObject type = type(object);
        AccountData platform = accounts.platform();
        return platform.read(() -> {
            if (type.path().equals("balance")) {
                return Optional.empty();
            }
            StoredObject stored = platform.collection(type.path()).get(Objects.requireNonNull(id, "id"));
            return Optional.ofNullable(stored).map(s -> Json.fromJackson(s.tree()));
        });
    }

    /** How many objects of {@code object} the platform account holds. */
    public int count(String object) {
        EmulatedObject type = type(object);
        AccountData platform = accounts.platform();
        return type.path().equals("balance")
                ? 1
                : platform.read(() -> platform.collection(type.path()).size());
    }

    private static EmulatedObject type(String object) {
        return EmulatedObjects.byPath(object)
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.UNDEFINED_OBJECT, "Stripe emulator: unknown Stripe object '" + object + "'"));
    }

    private static void checked(Runnable change) {
        try {
            change.run();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "Stripe emulator: " + e.getMessage(), e);
        }
    }

    /**
     * Settings of an emulator. Defaults: port 0 (ephemeral), seed {@value #DEFAULT_SEED}, 300 customers, data up to
     * {@link #DEFAULT_DATA_END}, no latency, no budget (nor search budget), no search indexing lag, no faults, any
     * {@code sk_test_} key, 32 threads, the system clock, the last 10,000 requests logged.
     */
    public static final class Builder {
        private int port;
        private long seed = DEFAULT_SEED;
        private DataSizes sizes = DataSizes.defaults();
        private Instant dataEnd = DEFAULT_DATA_END;
        private Duration latency = Duration.ZERO;
        private int requestsPerSecond;
        private double errorRate;
        private double dropConnectionRate;
        private String apiKey;
        private int threads = 32;
        private EmulatorClock clock = EmulatorClock.system();
        private int requestLogCapacity = 10_000;
        private boolean ignoreListFilters;
        private boolean slidingWindowBudget;
        private int searchRequestsPerSecond;
        private boolean slidingWindowSearchBudget;
        private Duration searchIndexingLag = Duration.ZERO;

        private Builder() {}

        /** The port, 0 for a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw invalid("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** Security: the emulator binds loopback only; anything but {@value #LOOPBACK} is refused. */
        public Builder bindAddress(String address) {
            if (!LOOPBACK.equals(address)) {
                throw invalid("the emulator only binds " + LOOPBACK + ", not " + address);
            }
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sizes derived from a number of customers ({@link DataSizes#forCustomers(int)}). */
        public Builder customers(int customers) {
            this.sizes = DataSizes.forCustomers(customers);
            return this;
        }

        public Builder sizes(DataSizes sizes) {
            this.sizes = Objects.requireNonNull(sizes, "sizes");
            return this;
        }

        /** The newest second of the sample data; {@code Instant.now()} makes "last 7 days" queries meaningful. */
        public Builder dataEndTime(Instant dataEnd) {
            this.dataEnd = Objects.requireNonNull(dataEnd, "dataEnd");
            return this;
        }

        public Builder latency(Duration latency) {
            if (latency == null || latency.isNegative()) {
                throw invalid("latency must be zero or positive: " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** The request budget (0: unlimited); requests beyond it are answered 429. */
        public Builder requestsPerSecond(int requestsPerSecond) {
            if (requestsPerSecond < 0) {
                throw invalid("requestsPerSecond must not be negative: " + requestsPerSecond);
            }
            this.requestsPerSecond = requestsPerSecond;
            return this;
        }

        /**
         * Counts the request budget as a sliding window, the strict server (see
         * {@link StripeEmulator#setSlidingWindowBudget}), instead of a token bucket.
         */
        public Builder slidingWindowBudget(boolean slidingWindow) {
            this.slidingWindowBudget = slidingWindow;
            return this;
        }

        /**
         * The search budget (0, the default: unlimited): requests per second to {@code GET /v1/<object>/search},
         * counted apart from {@link #requestsPerSecond} (a search spends only this one) and answered 429
         * {@code rate_limit} beyond it, as Stripe limits search to about 20 read requests per second.
         */
        public Builder searchRequestsPerSecond(int requestsPerSecond) {
            if (requestsPerSecond < 0) {
                throw invalid("searchRequestsPerSecond must not be negative: " + requestsPerSecond);
            }
            this.searchRequestsPerSecond = requestsPerSecond;
            return this;
        }

        /** Counts the search budget as a strict sliding window instead of a token bucket (as the request budget). */
        public Builder slidingWindowSearchBudget(boolean slidingWindow) {
            this.slidingWindowSearchBudget = slidingWindow;
            return this;
        }

        /**
         * How long a change made through the API takes to reach search (default zero: at once), on the emulator's
         * clock: within it a new object is not found and an updated one is matched by its state before the
         * update; a deleted one is not found at once. Example: {@code searchIndexingLag(Duration.ofSeconds(60))},
         * Stripe's usual "under a minute".
         */
        public Builder searchIndexingLag(Duration lag) {
            if (lag == null || lag.isNegative()) {
                throw invalid("searchIndexingLag must be zero or positive: " + lag);
            }
            this.searchIndexingLag = lag;
            return this;
        }

        /** The ratio (0..1) of requests answered 500 or 503, deterministic with the seed. */
        public Builder errorRate(double errorRate) {
            this.errorRate = ratio("errorRate", errorRate);
            return this;
        }

        /** The ratio (0..1) of requests whose connection is closed without answer, deterministic with the seed. */
        public Builder dropConnectionRate(double dropConnectionRate) {
            this.dropConnectionRate = ratio("dropConnectionRate", dropConnectionRate);
            return this;
        }

        /** List endpoints accept their filters but do not apply them (see {@link #setIgnoreListFilters}). */
        public Builder ignoreListFilters(boolean ignoreListFilters) {
            this.ignoreListFilters = ignoreListFilters;
            return this;
        }

        /** Accept only this key (it must start with {@code sk_test_} or {@code rk_test_}). */
        public Builder apiKey(String apiKey) {
            if (apiKey == null
                    || !(apiKey.startsWith("sk_test_") || apiKey.startsWith("rk_test_"))
                    || apiKey.length() <= 8) {
                throw invalid("the API key must be a test key (sk_test_... or rk_test_...): " + ApiKeys.mask(apiKey));
            }
            this.apiKey = apiKey;
            return this;
        }

        /** Worker threads, i.e. how many requests are served at the same time (1..1024). */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 1024) {
                throw invalid("threads must be between 1 and 1024: " + threads);
            }
            this.threads = threads;
            return this;
        }

        public Builder clock(EmulatorClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many requests the log keeps (the newest; 0 keeps none). */
        public Builder requestLogCapacity(int capacity) {
            if (capacity < 0) {
                throw invalid("requestLogCapacity must not be negative: " + capacity);
            }
            this.requestLogCapacity = capacity;
            return this;
        }

        /** Generates the data; the emulator is not listening yet. */
        public StripeEmulator build() {
            return new StripeEmulator(this);
        }

        /** {@code build().start()}. */
        public StripeEmulator start() {
            return build().start();
        }

        private static double ratio(String name, double value) {
            if (!(value >= 0d && value <= 1d)) {
                throw invalid(name + " must be between 0 and 1: " + value);
            }
            return value;
        }

        private static StripeJdbcException invalid(String message) {
            return new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "Stripe emulator: " + message);
        }
    }
}
