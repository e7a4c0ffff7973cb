package org.stripejdbc.fdw;

import java.net.URI;
import java.util.Locale;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

/**
 * How many {@code created} slices a large list scan walks at once (the {@code scan_parallelism} connection
 * property), and when a scan is parallel at all.
 *
 * <p>Defaults follow what the key may spend: Stripe allows about 100 reads per second in live mode and 25 in test
 * mode, and a page takes a few hundred milliseconds, so
 * <pre>
 *   sk_live_… / rk_live_…                         →  {@value #LIVE_KEY_DEFAULT}
 *   sk_test_… / rk_test_… on api.stripe.com        →  {@value #TEST_KEY_DEFAULT}
 *   anything else (the emulator on 127.0.0.1, …)   →  {@value #OTHER_DEFAULT}
 * </pre>
 * {@code scan_parallelism=1} turns parallel scans off. A scan is parallel only when the object's list endpoint
 * accepts {@code created} ranges, there is one list walk (no {@code id} retrieve, no {@code IN} list expanded into
 * several walks), and no LIMIT of at most {@value #SEQUENTIAL_LIMIT} rows is guaranteed (such a LIMIT needs at most
 * {@value #SEQUENTIAL_LIMIT} / 100 pages, asked for exactly, one after the other).
 */
public final class ScanParallelism {
    /** The most walkers one scan may use (the HTTP client keeps 16 connections per host). */
    public static final int MAXIMUM = 16;
    /** Default for live keys. */
    public static final int LIVE_KEY_DEFAULT = 16;
    /** Default for test keys against Stripe. */
    public static final int TEST_KEY_DEFAULT = 4;
    /** Default for other keys and local API URLs (the emulator). */
    public static final int OTHER_DEFAULT = 8;
    /** A scan whose LIMIT is at most this many rows stays sequential. */
    public static final long SEQUENTIAL_LIMIT = 1_000;

    private ScanParallelism() {}

    /**
     * The walkers for a connection: {@code configured} when set (1..{@value #MAXIMUM}, else {@code 22023}),
     * otherwise the default for the key and API URL.
     */
    public static int resolve(Integer configured, Secret apiKey, String apiUrl) {
        if (configured == null) {
            return defaultFor(apiKey, apiUrl);
        }
        if (configured < 1 || configured > MAXIMUM) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for connection property scan_parallelism: " + configured + " (expected 1 to "
                            + MAXIMUM + "; 1 turns parallel scans off)");
        }
        return configured;
    }

    /** The default for a key and API URL (see the class comment); never reveals the key. */
    public static int defaultFor(Secret apiKey, String apiUrl) {
        String key = apiKey == null ? "" : apiKey.reveal();
        if (key.startsWith("sk_live_") || key.startsWith("rk_live_")) {
            return LIVE_KEY_DEFAULT;
        }
        if ((key.startsWith("sk_test_") || key.startsWith("rk_test_")) && !isLocal(apiUrl)) {
            return TEST_KEY_DEFAULT;
        }
        return OTHER_DEFAULT;
    }

    /** Whether the URL's host is this machine (the built-in emulator, a local mock or proxy). */
    static boolean isLocal(String apiUrl) {
        if (apiUrl == null) {
            return false;
        }
        try {
            String host = URI.create(apiUrl.trim()).getHost();
            if (host == null) {
                return false;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
