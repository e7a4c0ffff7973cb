package org.stripejdbc.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Every connection property, declared once. This enum drives {@code Driver.getPropertyInfo} (what DBeaver
 * shows), the README's property table (see {@code ConnectionPropertyTest}) and the typed getters the engine
 * uses. Properties come from the URL ({@code jdbc:stripe:mem:demo?api_key=...&schema=stripe}) and from
 * {@code java.util.Properties}; the latter win.
 */
public enum ConnectionProperty {
    API_KEY(
            "api_key",
            null,
            Type.SECRET,
            "Stripe secret or restricted key. With an empty catalog, the driver creates server stripe_server "
                    + "(key kept in the vault) and imports every object into schema stripe. Falls back to the "
                    + "STRIPE_API_KEY environment variable."),
    API_URL(
            "api_url",
            "https://api.stripe.com/v1/",
            Type.STRING,
            "Stripe API base URL used by the zero-config server."),
    API_VERSION(
            "api_version",
            null,
            Type.STRING,
            "Stripe-Version header for the zero-config server (the account default when unset)."),
    STRIPE_ACCOUNT(
            "stripe_account",
            null,
            Type.STRING,
            "Connected account id sent as Stripe-Account on every request of this connection."),
    SCHEMA(
            "schema",
            "stripe",
            Type.STRING,
            "Default schema for unqualified table names (the search path is this schema, then public)."),
    CONNECT_TIMEOUT("connect_timeout", "10", Type.SECONDS, "Connect timeout in seconds."),
    READ_TIMEOUT(
            "read_timeout",
            "80",
            Type.SECONDS,
            "How long one request waits for Stripe's answer, in seconds, shared by all its attempts: a request Stripe "
                    + "does not answer fails after about this long (08006, Stripe did not answer ... within ...) and a "
                    + "read timeout is not retried. Statement.cancel() and setQueryTimeout end a waiting statement at "
                    + "once, whatever this is."),
    MAX_RETRIES(
            "max_retries",
            "3",
            Type.INTEGER,
            "Retries of a failed request (network errors, 409, 429, 5xx) with jittered exponential backoff, while "
                    + "the request's read_timeout is not used up (the backoff waits come on top)."),
    REQUESTS_PER_SECOND(
            "requests_per_second",
            null,
            Type.INTEGER,
            "Client-side rate limit, per key and shared by all connections of the JVM: no one-second window ever "
                    + "holds more requests than this, counted when sent (default by key type: 100 live, 25 test; 0 = "
                    + "none until a 429; the lowest rate configured for a key applies). After a 429 every request of "
                    + "the key waits out its Retry-After and the rate drops by a fifth, recovering by 5% a second."),
    SCAN_PARALLELISM(
            "scan_parallelism",
            null,
            Type.INTEGER,
            "Created slices a large list scan walks at most at once, 1 to 16 (default by key type: 16 live, 4 "
                    + "test, 8 for local URLs such as the emulator; 1 = sequential); fewer when the rate limit keeps "
                    + "more from being faster. A parallel scan's rows come in no particular order."),
    SEARCH_REQUESTS_PER_SECOND(
            "search_requests_per_second",
            null,
            Type.INTEGER,
            "Client-side rate limit of search requests (GET /v1/<object>/search), per key and shared by all "
                    + "connections of the JVM, counted apart from requests_per_second with the same strict pacing "
                    + "(default 20, Stripe's search limit; 0 = none until a 429; the lowest rate configured for a key "
                    + "applies)."),
    SEARCH(
            "search",
            "auto",
            Type.STRING,
            "Whether scans may use Stripe's search endpoints (charges, customers, invoices, payment_intents, prices, "
                    + "products, subscriptions) for conditions a list cannot take (LIKE, <>, metadata, ranges): auto "
                    + "(when fewer pages are expected, and not for an object type written through this JVM within "
                    + "search_after_write seconds), off, or always. Search results can lag other writers by about a "
                    + "minute. The table option search overrides it for its table, except that off anywhere wins."),
    SEARCH_AFTER_WRITE(
            "search_after_write",
            "60",
            Type.SECONDS,
            "In search mode auto, an object type written through the driver in this JVM within this many seconds "
                    + "is listed, not searched, so that a session reads its own writes (0 = search anyway)."),
    VAULT_KEY(
            "vault_key",
            null,
            Type.SECRET,
            "Base64 AES-256 key that encrypts vault secrets at rest (default: STRIPE_JDBC_VAULT_KEY, else a key "
                    + "file with owner-only permissions beside the catalog)."),
    AUTO_IMPORT(
            "auto_import",
            "true",
            Type.BOOLEAN,
            "Whether a connection with api_key and an empty catalog creates stripe_server and imports the schema."),
    PROGRESS(
            "progress",
            "false",
            Type.BOOLEAN,
            "Print scan progress (pages and rows fetched) on stderr while long scans run (the shell turns it on)."),
    SAFE_UPDATES(
            "safe_updates",
            "true",
            Type.BOOLEAN,
            "Refuse UPDATE and DELETE without a WHERE clause (or with one that is true for every row) before any "
                    + "request. A session changes it with SET stripe.safe_updates = off."),
    MAX_WRITE_ROWS(
            "max_write_rows",
            "1000",
            Type.INTEGER,
            "The most rows one INSERT, UPDATE or DELETE may write (0 = no cap); a statement over it is refused "
                    + "after its read, before any write. A session changes it with SET stripe.max_write_rows = n."),
    MAX_RECURSIVE_ROWS(
            "max_recursive_rows",
            "100000",
            Type.INTEGER,
            "The most rows one WITH RECURSIVE query may produce (0 = no bound); past it the statement fails with "
                    + "54001 naming the query, so that a recursion that does not end stops.");

    /** Value types, for validation and {@code DriverPropertyInfo}. */
    public enum Type {
        STRING,
        SECRET,
        INTEGER,
        SECONDS,
        BOOLEAN
    }

    private final String key;
    private final String defaultValue;
    private final Type type;
    private final String description;

    ConnectionProperty(String key, String defaultValue, Type type, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.type = type;
        this.description = description;
    }

    /** The property name as written in URLs and {@code Properties} ({@code api_key}). */
    public String key() {
        return key;
    }

    /** The default as text, or null when there is none. */
    public String defaultValue() {
        return defaultValue;
    }

    public Type type() {
        return type;
    }

    public String description() {
        return description;
    }

    /** Whether the value must never be shown (API keys, vault keys). */
    public boolean isSecret() {
        return type == Type.SECRET;
    }

    /**
     * The property with that name (case-insensitive, {@code -} and {@code _} alike), if any. {@code password}
     * is an alias of {@code api_key}, so that tools with a user/password form (DBeaver, sqlline) keep the key
     * in their masked password field.
     */
    public static Optional<ConnectionProperty> byKey(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (n.equals("password")) {
            return Optional.of(API_KEY);
        }
        for (ConnectionProperty p : values()) {
            if (p.key.equals(n)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The raw value in {@code values}, else the default (may be null). */
    public String raw(Map<String, String> values) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    /** The value as text (null when unset and without default). */
    public String string(Map<String, String> values) {
        return raw(values);
    }

    /** The value as an integer, validated; null when unset and without default. */
    public Integer integer(Map<String, String> values) {
        String v = raw(values);
        if (v == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(v.trim());
            if (parsed < 0) {
                throw invalid(v);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(v);
        }
    }

    /** The value as a duration in seconds. */
    public Duration seconds(Map<String, String> values) {
        Integer s = integer(values);
        return s == null ? null : Duration.ofSeconds(s);
    }

    /** The value as a boolean ({@code true/false/yes/no/on/off/1/0}). */
    public boolean bool(Map<String, String> values) {
        String v = raw(values);
        if (v == null) {
            return false;
        }
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
            case "1":
            case "t":
                return true;
            case "false":
            case "no":
            case "off":
            case "0":
            case "f":
                return false;
            default:
                throw invalid(v);
        }
    }

    /**
     * Parses this property's value in {@code values} by its type, throwing 22023 naming the property when it is
     * not one ({@code read_timeout=abc}); text and secrets are always valid.
     */
    public void validate(Map<String, String> values) {
        switch (type) {
            case INTEGER, SECONDS -> integer(values);
            case BOOLEAN -> bool(values);
            default -> {}
        }
        if (this == SEARCH) {
            searchMode(values);
        }
    }

    /** The value of {@link #SEARCH} as a mode: {@code auto}, {@code off} or {@code always} (22023 otherwise). */
    public SearchMode searchMode(Map<String, String> values) {
        String v = raw(values);
        return SearchMode.parse(v)
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for connection property " + key + ": \"" + v
                                + "\" (expected auto, off or always)"));
    }

    private StripeJdbcException invalid(String value) {
        String shown = isSecret() ? "****" : value;
        return new StripeJdbcException(
                SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for connection property " + key + ": \"" + shown + "\" (expected "
                        + type.name().toLowerCase(Locale.ROOT) + ")");
    }
}
