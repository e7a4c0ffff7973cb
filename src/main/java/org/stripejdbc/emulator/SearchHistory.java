package org.stripejdbc.emulator;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The recent changes of one searchable collection, so that a search sees each object as it was
 * {@link SearchIndexing#lag()} ago: per object id, the changes newer than the lag, each with the state the object
 * had before it (null: it did not exist yet).
 *
 * <p>Example, lag 60 s: customer {@code cus_1} is created at 10:00:00 and its email changed at 10:00:30. A search at
 * 10:00:45 sees nothing (before the creation); one at 10:01:10 sees the first email (the state before the change
 * of 10:00:30); one at 10:01:31 the new email (no change within the last minute).
 *
 * <p>Not thread-safe: changes are recorded under the account's write lock and read under its read lock.
 */
final class SearchHistory {
    /** Above this many tracked objects, a change prunes every object's expired changes, not only its own. */
    private static final int PRUNE_ALL_ABOVE = 1024;

    /** One change: when it happened and the indexed state it replaces. */
    private record Change(long atMillis, byte[] previous) {}

    private final SearchIndexing indexing;
    private final Map<String, ArrayDeque<Change>> changes = new HashMap<>();

    SearchHistory(SearchIndexing indexing) {
        this.indexing = Objects.requireNonNull(indexing, "indexing");
    }

    /** Records that object {@code id} changes now; {@code previous} is its JSON before, null when new. */
    void changed(String id, byte[] previous) {
        long lag = indexing.lagMillis();
        if (lag == 0) {
            changes.clear();
            return;
        }
        long now = indexing.nowMillis();
        changes.computeIfAbsent(id, i -> new ArrayDeque<>()).addLast(new Change(now, previous));
        if (changes.size() > PRUNE_ALL_ABOVE) {
            changes.values().removeIf(deque -> prune(deque, now - lag));
        } else {
            prune(changes.get(id), now - lag);
        }
    }

    /** Forgets object {@code id} (deleted: search no longer finds it at all). */
    void removed(String id) {
        changes.remove(id);
    }

    /** The JSON search matches object {@code current} by now: its state as indexed, null when not indexed yet. */
    byte[] indexed(StoredObject current) {
        long lag = indexing.lagMillis();
        ArrayDeque<Change> pending = lag == 0 ? null : changes.get(current.id());
        if (pending == null) {
            return current.json();
        }
        long cutoff = indexing.nowMillis() - lag;
        for (Change change : pending) {
            if (change.atMillis() > cutoff) {
                return change.previous();
            }
        }
        return current.json();
    }

    /** Drops the changes at or before {@code cutoff}; true when none is left. */
    private static boolean prune(ArrayDeque<Change> deque, long cutoff) {
        Iterator<Change> iterator = deque.iterator();
        while (iterator.hasNext() && iterator.next().atMillis() <= cutoff) {
            iterator.remove();
        }
        return deque.isEmpty();
    }
}
