package org.stripejdbc.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The objects of one type in one account, in list order (newest first, see {@link SortKey}), with an index per
 * list filter so that {@code GET /v1/charges?customer=cus_1} does not scan every charge.
 *
 * <p>Not thread-safe: {@link AccountData} guards it with its read/write lock.
 *
 * <p>Pagination follows Stripe: {@code starting_after=X} gives the {@code limit} objects that follow X;
 * {@code ending_before=X} gives the {@code limit} objects that precede X (still newest first); {@code has_more}
 * says whether more objects lie beyond the page in the direction of travel. An unknown cursor id is
 * {@code 400 No such customer: 'X'} (param starting_after or ending_before).
 */
final class ObjectCollection {
    private final EmulatedObject type;
    private final TreeMap<SortKey, StoredObject> ordered = new TreeMap<>();
    private final Map<String, StoredObject> byId = new HashMap<>();
    private final Map<String, byte[]> tombstones = new HashMap<>();
    /** Per filter: value → the one key having it (a {@link SortKey}) or the keys having it (a TreeSet). */
    private final List<Map<String, Object>> indexes = new ArrayList<>();
    /** The changes search does not see yet (null: the object has no search endpoint, or data is being generated). */
    private SearchHistory searchHistory;

    /** One page of a list. */
    record Page(List<StoredObject> data, boolean hasMore) {
        Page {
            data = List.copyOf(data);
        }
    }

    ObjectCollection(EmulatedObject type) {
        this.type = Objects.requireNonNull(type, "type");
        for (int i = 0; i < type.filters().size(); i++) {
            indexes.add(new HashMap<>());
        }
    }

    EmulatedObject type() {
        return type;
    }

    int size() {
        return byId.size();
    }

    StoredObject get(String id) {
        return byId.get(id);
    }

    /** The {@code {"id","object","deleted":true}} answer for an object deleted through the API, or null. */
    byte[] tombstone(String id) {
        return tombstones.get(id);
    }

    /** From now on, changes reach search through {@code history} (see {@link SearchIndexing}). */
    void trackSearchHistory(SearchHistory history) {
        this.searchHistory = history;
    }

    /** The JSON search matches {@code object} by: as indexed now, null when it is not searchable yet. */
    byte[] searchable(StoredObject object) {
        return searchHistory == null ? object.json() : searchHistory.indexed(object);
    }

    /** Adds an object, or replaces the object with the same id (which keeps its list position). */
    void put(StoredObject object) {
        StoredObject previous = byId.get(object.id());
        if (searchHistory != null) {
            searchHistory.changed(object.id(), previous == null ? null : previous.json());
        }
        if (previous != null) {
            unlink(previous);
        }
        byId.put(object.id(), object);
        ordered.put(object.key(), object);
        String[][] values = object.filterValues();
        for (int i = 0; i < values.length; i++) {
            for (String value : values[i]) {
                index(indexes.get(i), value, object.key());
            }
        }
    }

    /** Most values (emails, customer ids) belong to one object, so a single key is kept without a set. */
    private static void index(Map<String, Object> index, String value, SortKey key) {
        Object existing = index.putIfAbsent(value, key);
        if (existing == null) {
            return;
        }
        if (existing instanceof SortKey single) {
            TreeSet<SortKey> keys = new TreeSet<>();
            keys.add(single);
            keys.add(key);
            index.put(value, keys);
        } else {
            keysOf(existing).add(key);
        }
    }

    @SuppressWarnings("unchecked")
    private static TreeSet<SortKey> keysOf(Object entry) {
        return (TreeSet<SortKey>) entry;
    }

    /** Removes an object; a non-null {@code tombstone} is answered for later retrieves of its id. */
    StoredObject remove(String id, byte[] tombstone) {
        StoredObject previous = byId.remove(id);
        if (previous != null) {
            if (searchHistory != null) {
                searchHistory.removed(id);
            }
            unlink(previous);
            if (tombstone != null) {
                tombstones.put(id, tombstone);
            }
        }
        return previous;
    }

    private void unlink(StoredObject object) {
        byId.remove(object.id());
        ordered.remove(object.key());
        String[][] values = object.filterValues();
        for (int i = 0; i < values.length; i++) {
            for (String value : values[i]) {
                Object entry = indexes.get(i).get(value);
                if (entry instanceof SortKey single) {
                    if (single.equals(object.key())) {
                        indexes.get(i).remove(value);
                    }
                } else if (entry != null) {
                    TreeSet<SortKey> keys = keysOf(entry);
                    keys.remove(object.key());
                    if (keys.isEmpty()) {
                        indexes.get(i).remove(value);
                    }
                }
            }
        }
    }

    /** Every object, newest first. */
    Iterable<StoredObject> newestFirst() {
        return Collections.unmodifiableCollection(ordered.values());
    }

    /** The objects after {@code key} in list order (older), or every object when {@code key} is null. */
    Iterable<StoredObject> after(SortKey key) {
        return Collections.unmodifiableCollection(
                key == null ? ordered.values() : ordered.tailMap(key, false).values());
    }

    /** Answers a list query; see the class comment for the cursor rules. */
    Page list(ListQuery query) {
        SortKey startingAfter = cursor(query.startingAfter(), "starting_after");
        SortKey endingBefore = cursor(query.endingBefore(), "ending_before");

        // The newest and oldest keys a page may hold: the created range narrowed by the cursor.
        SortKey newest = query.createdMaximum() == Long.MAX_VALUE ? null : SortKey.newestOf(query.createdMaximum());
        boolean newestInclusive = true;
        SortKey oldest = query.createdMinimum() == Long.MIN_VALUE ? null : SortKey.oldestOf(query.createdMinimum());
        boolean oldestInclusive = true;
        if (query.createdMinimum() > query.createdMaximum()) {
            return new Page(List.of(), false);
        }
        if (startingAfter != null && (newest == null || startingAfter.compareTo(newest) >= 0)) {
            newest = startingAfter;
            newestInclusive = false;
        }
        if (endingBefore != null && (oldest == null || endingBefore.compareTo(oldest) <= 0)) {
            oldest = endingBefore;
            oldestInclusive = false;
        }
        if (newest != null && oldest != null) {
            int order = newest.compareTo(oldest);
            if (order > 0 || (order == 0 && !(newestInclusive && oldestInclusive))) {
                return new Page(List.of(), false);
            }
        }

        NavigableSet<SortKey> candidates = candidates(query);
        if (candidates != null && candidates.isEmpty()) {
            return new Page(List.of(), false);
        }
        boolean backwards = endingBefore != null;
        // Without an index the objects are walked straight from the ordered map (no lookup per key).
        Iterator<StoredObject> objects;
        if (candidates == null) {
            NavigableMap<SortKey, StoredObject> inRange =
                    between(ordered, newest, newestInclusive, oldest, oldestInclusive);
            objects = (backwards ? inRange.descendingMap() : inRange).values().iterator();
        } else {
            NavigableSet<SortKey> inRange = between(candidates, newest, newestInclusive, oldest, oldestInclusive);
            Iterator<SortKey> keys = backwards ? inRange.descendingIterator() : inRange.iterator();
            objects = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public StoredObject next() {
                    return ordered.get(keys.next());
                }
            };
        }
        List<StoredObject> page = new ArrayList<>(Math.min(query.limit(), 16));
        boolean hasMore = false;
        while (objects.hasNext()) {
            StoredObject object = objects.next();
            if (!matches(object, query)) {
                continue;
            }
            if (page.size() == query.limit()) {
                hasMore = true;
                break;
            }
            page.add(object);
        }
        if (backwards) {
            Collections.reverse(page);
        }
        return new Page(page, hasMore);
    }

    private SortKey cursor(String id, String parameter) {
        if (id == null) {
            return null;
        }
        StoredObject object = byId.get(id);
        if (object == null) {
            throw ApiError.resourceMissing(type.objectType(), id, parameter).exception();
        }
        return object.key();
    }

    /** The smallest index set that answers one exact condition, or null when no index applies (every key). */
    private NavigableSet<SortKey> candidates(ListQuery query) {
        NavigableSet<SortKey> best = null;
        for (ListQuery.Condition condition : query.conditions()) {
            if (condition.exactSingleValue()) {
                Object entry = indexes.get(condition.filterIndex()).get(condition.singleValue());
                if (entry == null) {
                    return Collections.emptyNavigableSet();
                }
                NavigableSet<SortKey> keys =
                        entry instanceof SortKey single ? new TreeSet<>(List.of(single)) : keysOf(entry);
                if (best == null || keys.size() < best.size()) {
                    best = keys;
                }
            }
        }
        return best;
    }

    private static NavigableSet<SortKey> between(
            NavigableSet<SortKey> keys,
            SortKey newest,
            boolean newestInclusive,
            SortKey oldest,
            boolean oldestInclusive) {
        if (newest != null && oldest != null) {
            return keys.subSet(newest, newestInclusive, oldest, oldestInclusive);
        } else if (newest != null) {
            return keys.tailSet(newest, newestInclusive);
        } else if (oldest != null) {
            return keys.headSet(oldest, oldestInclusive);
        }
        return keys;
    }

    private static NavigableMap<SortKey, StoredObject> between(
            NavigableMap<SortKey, StoredObject> objects,
            SortKey newest,
            boolean newestInclusive,
            SortKey oldest,
            boolean oldestInclusive) {
        if (newest != null && oldest != null) {
            return objects.subMap(newest, newestInclusive, oldest, oldestInclusive);
        } else if (newest != null) {
            return objects.tailMap(newest, newestInclusive);
        } else if (oldest != null) {
            return objects.headMap(oldest, oldestInclusive);
        }
        return objects;
    }

    private static boolean matches(StoredObject object, ListQuery query) {
        for (ListQuery.Condition condition : query.conditions()) {
            if (!condition.matches(object.filterValues())) {
                return false;
            }
        }
        return true;
    }
}
