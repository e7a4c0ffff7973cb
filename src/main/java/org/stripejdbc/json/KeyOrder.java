package org.stripejdbc.json;

import java.nio.charset.StandardCharsets;

/**
 * The keys of one object shape in jsonb order, and where each arrived: shared by every object with the same key
 * sequence (all the customers of a page), so that an object itself only holds its values. Also holds the printed
 * {@code "key": } prefixes of jsonb text, as text and as Latin-1 bytes ({@link Latin1Text}).
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
    /** The {@link #prefixes()} as Latin-1 bytes, for {@link Latin1Text}; built on first print. */
    private volatile byte[][] latin1Prefixes;
    /** Whether some key has a character above U+00FF (then {@link #latin1Prefixes} stays null). */
    private volatile boolean wide;

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

    /** The {@link #prefixes()} as Latin-1 bytes, or null when a key has a character above U+00FF. */
    byte[][] latin1Prefixes() {
        byte[][] known = latin1Prefixes;
        if (known == null && !wide) {
            String[] texts = prefixes();
            byte[][] bytes = new byte[texts.length][];
            for (int i = 0; i < texts.length; i++) {
                for (int j = 0; j < texts[i].length(); j++) {
                    if (texts[i].charAt(j) > 0xFF) {
                        wide = true;
                        return null;
                    }
                }
                bytes[i] = texts[i].getBytes(StandardCharsets.ISO_8859_1);
            }
            latin1Prefixes = known = bytes;
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
