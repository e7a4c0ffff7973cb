package org.stripejdbc.sql.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stripejdbc.sql.Statement;

/**
 * A bounded cache of parsed scripts by their exact SQL text, in front of {@link SqlFrontEnd#parseScript}: an
 * application that runs the same text again (a pool's validation query, a retrieve by id in a loop, a
 * {@code PreparedStatement} prepared per call) pays for the parse once. Parsing is a pure function of the text
 * and the statement model is immutable, so a cached result is exactly what a new parse would give.
 *
 * <pre>
 *   ParseCache cache = ParseCache.shared();
 *   cache.parseScript("select * from stripe.customers where id = 'cus_1'");   // parsed (about 0.1-0.3 ms)
 *   cache.parseScript("select * from stripe.customers where id = 'cus_1'");   // the same list, from the cache
 * </pre>
 *
 * <p>What is kept: only queries, EXPLAIN and INSERT/UPDATE/DELETE (DDL, SET and the like are rare and some carry
 * options worth keeping out of memory), of texts up to {@value #MAX_CACHED_LENGTH} characters, and never a text
 * that may hold a secret: one that mentions the vault ({@code vault.secrets}, {@code vault.create_secret(...)})
 * or a Stripe key ({@code sk_live_}, {@code sk_test_}, {@code rk_live_}, {@code rk_test_}, {@code whsec_}).
 * Errors are not cached: a bad text fails again, with the same error, each time. At most {@code capacity} texts are
 * kept; the least recently used one goes first. Thread-safe.
 */
public final class ParseCache {
    /** How many texts the shared cache keeps. */
    public static final int DEFAULT_CAPACITY = 256;
    /** Longer texts are parsed every time (they are rarely repeated, and their models are large). */
    public static final int MAX_CACHED_LENGTH = 4_096;

    private static final ParseCache SHARED = new ParseCache(DEFAULT_CAPACITY);
    private static final List<String> SECRET_MARKERS =
            List.of("vault", "sk_live", "sk_test", "rk_live", "rk_test", "whsec_");

    private final int capacity;
    private final LinkedHashMap<String, List<ParsedStatement>> entries;

    /** A cache of at most {@code capacity} (at least 1) texts. */
    public ParseCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ParsedStatement>> eldest) {
                return size() > ParseCache.this.capacity;
            }
        };
    }

    /** The cache shared by every connection of the JVM. */
    public static ParseCache shared() {
        return SHARED;
    }

    /** {@link SqlFrontEnd#parseScript(String)}, from the cache when this text was parsed before. */
    public List<ParsedStatement> parseScript(String sql) {
        boolean candidate = sql != null && sql.length() <= MAX_CACHED_LENGTH;
        if (candidate) {
            List<ParsedStatement> cached;
            synchronized (entries) {
                cached = entries.get(sql);
            }
            if (cached != null) {
                return cached;
            }
        }
        List<ParsedStatement> parsed = SqlFrontEnd.parseScript(sql);
        if (candidate && cacheable(sql, parsed)) {
            synchronized (entries) {
                entries.put(sql, parsed);
            }
        }
        return parsed;
    }

    /** How many texts are cached now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Forgets every text. */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    private static boolean cacheable(String sql, List<ParsedStatement> parsed) {
        if (parsed.isEmpty()) {
            return false;
        }
        for (ParsedStatement statement : parsed) {
            if (!isQueryOrDml(statement.statement())) {
                return false;
            }
        }
        return !mayHoldSecret(sql);
    }

    /**
     * Whether a text may carry a secret and so must not be kept in memory beyond its statement: it mentions the
     * vault, or holds something that looks like a Stripe key or webhook secret. Example:
     * {@code select vault.create_secret('sk_test_...')} → true; {@code select * from stripe.customers} → false.
     */
    public static boolean mayHoldSecret(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isQueryOrDml(Statement statement) {
        if (statement instanceof Statement.Explain explain) {
            return isQueryOrDml(explain.statement());
        }
        return statement instanceof Statement.QueryStatement
                || statement instanceof Statement.Insert
                || statement instanceof Statement.Update
                || statement instanceof Statement.Delete;
    }
}
