package org.stripejdbc.json;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order in which jsonb prints an object's keys (shorter keys first, then by their UTF-8 bytes), remembered per
 * key sequence: objects of one kind (every Stripe customer of a page) have the same keys in the same order, so they
 * are sorted once and looked up afterwards.
 *
 * <p>Example: {@code sorted(["name", "id", "email"])} → {@code ["id", "name", "email"]}; the next object with
 * the keys {@code name, id, email} in that order gets the remembered answer. At most {@value #CAPACITY} key
 * sequences are remembered; then the memory starts over.
 */
final class JsonbKeyOrder {
    static final int CAPACITY = 4_096;
    /** Objects with more keys than this are sorted each time (rare, and their key sets rarely repeat). */
    static final int MAXIMUM_KEYS = 64;

    private static final ConcurrentHashMap<KeySequence, String[]> SORTED = new ConcurrentHashMap<>();

    private JsonbKeyOrder() {
    }

    /** The keys in jsonb order; {@code keys} is not changed and the answer must not be changed either. */
    static String[] sorted(String[] keys, Comparator<String> order) {
        if (keys.length < 2) {
            return keys;
        }
        if (keys.length > MAXIMUM_KEYS) {
            String[] copy = keys.clone();
            Arrays.sort(copy, order);
            return copy;
        }
        KeySequence sequence = new KeySequence(keys);
        String[] known = SORTED.get(sequence);
        if (known != null) {
            return known;
        }
        String[] copy = keys.clone();
        Arrays.sort(copy, order);
        if (SORTED.size() >= CAPACITY) {
            SORTED.clear();
        }
        SORTED.put(sequence, copy);
        return copy;
    }

    /** An object's keys in their original order, compared element by element. */
    private static final class KeySequence {
        private final String[] keys;
        private final int hash;

        KeySequence(String[] keys) {
            this.keys = keys;
            this.hash = Arrays.hashCode(keys);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeySequence other && other.hash == hash && Arrays.equals(other.keys, keys);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
