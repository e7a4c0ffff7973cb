package org.stripejdbc.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a scan may use Stripe's search endpoints: the connection property {@code search} and the table option of
 * the same name. {@code auto}: when the search is expected to read fewer pages than the list, and not for an object
 * type written through this JVM in the last {@code search_after_write} seconds; {@code off}: never; {@code always}:
 * whenever the conditions translate, whatever the cost and recent writes.
 *
 * <p>Combined ({@link #and}): {@code off} on either side wins, then {@code always}, then {@code auto}. Example: the
 * connection says {@code auto} and the table {@code always}: always; the connection {@code off}: off.
 */
public enum SearchMode {
    AUTO,
    OFF,
    ALWAYS;

    /** The mode a text names ({@code auto}, {@code off}, {@code always}, any case), or empty. */
    public static Optional<SearchMode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.of(AUTO);
            case "off" -> Optional.of(OFF);
            case "always" -> Optional.of(ALWAYS);
            default -> Optional.empty();
        };
    }

    /** This mode combined with another ({@code other} null: this one): off wins, then always. */
    public SearchMode and(SearchMode other) {
        if (other == null) {
            return this;
        }
        if (this == OFF || other == OFF) {
            return OFF;
        }
        return this == ALWAYS || other == ALWAYS ? ALWAYS : AUTO;
    }

    /** As written in options and EXPLAIN: {@code auto}, {@code off}, {@code always}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
