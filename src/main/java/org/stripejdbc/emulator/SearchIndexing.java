package org.stripejdbc.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The search index's delay behind writes, shared by every account of one emulator: Stripe makes a change searchable
 * "in under 1 minute" (longer during incidents), and a client that searches right after writing must not rely on
 * finding its write. A lag of zero (the default) makes every change searchable at once.
 *
 * <p>With a lag {@code L}, measured on the emulator's wall clock ({@link EmulatorClock#now()}), a search at time
 * {@code t} matches each object by its state at {@code t - L}:
 * <ul>
 *   <li>an object created after {@code t - L} is not found;</li>
 *   <li>an object updated after {@code t - L} is matched by its state before that update (its previous indexed
 *       state), so a search for its new value misses it and one for its old value finds it;</li>
 *   <li>the objects found are answered as they are now, not as indexed: Stripe reads the objects a search found
 *       from its store, so a result can disagree with the query that found it (which is why a client evaluates its
 *       predicate again on every result);</li>
 *   <li>a deleted object is not found from its deletion on: the store has nothing left to answer with.</li>
 * </ul>
 * Only changes made while the lag is above zero are delayed; the generated sample data is indexed from the start.
 *
 * <p>Example: with a lag of 60 s, a customer created through the API at 12:00:00 is missing from
 * {@code email:'new@example.com'} until 12:01:00 and found from then on, while the list endpoint answers it at once.
 */
final class SearchIndexing {
    private final EmulatorClock clock;
    private volatile long lagMillis;

    SearchIndexing(EmulatorClock clock, Duration lag) {
        this.clock = Objects.requireNonNull(clock, "clock");
        setLag(lag);
    }

    void setLag(Duration lag) {
        if (lag == null || lag.isNegative()) {
            throw new IllegalArgumentException("searchIndexingLag must be zero or positive: " + lag);
        }
        this.lagMillis = lag.toMillis();
    }

    Duration lag() {
        return Duration.ofMillis(lagMillis);
    }

    long lagMillis() {
        return lagMillis;
    }

    long nowMillis() {
        return clock.now().toEpochMilli();
    }
}
