package org.stripejdbc.stripe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.stripejdbc.runtime.QueryControl;

/** A monotonic clock that only moves when something sleeps on it; records every requested delay. */
final class FakeTime implements Sleeper, LongSupplier {
    private long nanos = 1_000_000_000L;
    private final List<Long> delays = new ArrayList<>();

    @Override
    public synchronized long getAsLong() {
        return nanos;
    }

    @Override
    public synchronized void sleep(long sleepNanos) {
        nanos += Math.max(0, sleepNanos);
    }

    @Override
    public void sleep(long sleepNanos, QueryControl control) {
        synchronized (this) {
            delays.add(sleepNanos);
        }
        Sleeper.super.sleep(sleepNanos, control);
    }

    synchronized void advanceMillis(long millis) {
        nanos += millis * 1_000_000L;
    }

    synchronized void advanceNanos(long by) {
        nanos += by;
    }

    /** Each delay passed to {@link #sleep(long, QueryControl)}, in milliseconds. */
    synchronized List<Long> delaysMillis() {
        return delays.stream().map(d -> d / 1_000_000L).toList();
    }
}
