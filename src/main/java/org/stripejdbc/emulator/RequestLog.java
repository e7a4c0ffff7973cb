package org.stripejdbc.emulator;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The bounded, thread-safe log of received requests: the newest {@code capacity} requests are kept, oldest
 * first, so a long benchmark cannot exhaust memory.
 */
final class RequestLog {
    private final int capacity;
    private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();

    RequestLog(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void add(RecordedRequest request) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}
