package org.stripejdbc.fdw;

import java.time.Duration;
import java.util.Objects;
import org.stripejdbc.config.SearchMode;
import org.stripejdbc.stripe.RecentWrites;

/**
 * Whether and when a scan may use the search endpoint: the mode (the connection property {@code search} combined
 * with the table option, see {@link SearchMode#and}), the read-your-writes window {@code search_after_write}, and
 * where recent writes are known (in the driver the account's, {@code StripeClient.recentWrites()}; in tests an
 * instance on a fake clock).
 *
 * <p>Example: {@code new SearchSettings(SearchMode.AUTO, Duration.ofSeconds(60), client.recentWrites())}, the
 * driver's default.
 */
public record SearchSettings(SearchMode mode, Duration afterWrite, RecentWrites writes) {
    /** Never search (the default of a table source built without settings). */
    public static final SearchSettings OFF = new SearchSettings(SearchMode.OFF, Duration.ZERO, RecentWrites.shared());

    public SearchSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(afterWrite, "afterWrite");
        Objects.requireNonNull(writes, "writes");
    }
}
