package org.stripejdbc.json;

/**
 * The keys of one object shape in jsonb order, and where each arrived: shared by every object with the same key
 * sequence (all the customers of a page), so that an object itself only holds its values. Also remembers how long
 * the jsonb text of such an object was, so the next one is printed into a buffer of the right size.
 *
 * <p>Example: for the arrival sequence {@code [name, id, email]}: {@code keys=[id, name, email]},
 * {@code arrival=[1, 0, 2]} (the first key to arrive, {@code name}, is at sorted index 1).
 */
final class KeyOrder {
    static final KeyOrder EMPTY = new KeyOrder(new String[0], null, false);

    /** Keys in jsonb order (with repeats when {@link #repeats}). */
    final String[] keys;
    /** Sorted index of the key that arrived at each position; null when arrival order is jsonb order. */
    final int[] arrival;
    /** Whether a key occurs more than once (such objects are rebuilt without the repeats). */
    final boolean repeats;
    /** The quoted keys followed by {@code ": "}, as jsonb prints them; built on first print. */
    private volatile String[] prefixes;
    /** The length of the last jsonb text printed for an object of this shape (racy hint, any value is safe). */
    int lengthHint;

    KeyOrder(String[] keys, int[] arrival, boolean repeats) {
        this.keys = keys;
        this.arrival = arrival;
        this.repeats = repeats;
    }

    int size() {
        return keys.length;
    }

    /** The sorted index of the key that arrived at {@code position}. */
    int arrivalIndex(int position) {
        return arrival == null ? position : arrival[position];
    }

    /** {@code "key": } for each sorted key. */
    String[] prefixes() {
        String[] known = prefixes;
        if (known == null) {
            known = new String[keys.length];
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < keys.length; i++) {
                out.setLength(0);
                JsonText.writeString(keys[i], out);
                known[i] = out.append(": ").toString();
            }
            prefixes = known;
        }
        return known;
    }

    /** The index of {@code key} in {@link #keys}, or -1 (binary search in jsonb order). */
    int indexOf(String key) {
        int low = 0;
        int high = keys.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int comparison = JsonbKeyOrder.compare(keys[middle], key);
            if (comparison < 0) {
                low = middle + 1;
            } else if (comparison > 0) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }
}
