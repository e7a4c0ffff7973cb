package org.stripejdbc.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order in which jsonb prints an object's keys (shorter keys first, then by their UTF-8 bytes), remembered per
 * key sequence: objects of one kind (every Stripe customer of a page) have the same keys in the same order, so they
 * are sorted once and looked up afterwards.
 *
 * <p>Example: {@code orderOf(["name", "id", "email"], 3)} → keys {@code [id, name, email]}; the next object with
 * the keys {@code name, id, email} in that order gets the same {@link KeyOrder}. At most
 * {@value #CAPACITY} key sequences are remembered; then the memory starts over.
 */
final class JsonbKeyOrder {
    static final int CAPACITY = 4_096;
    /** Objects with more keys than this are sorted each time (rare, and their key sets rarely repeat). */
    static final int MAXIMUM_KEYS = 64;

    private static final ConcurrentHashMap<KeySequence, KeyOrder> SORTED = new ConcurrentHashMap<>();

    private JsonbKeyOrder() {}

    /** jsonb key order: shorter first, then the UTF-8 bytes compared unsigned. */
    static int compare(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return compareUtf8(a, b);
    }

    /**
     * Orders strings as their UTF-8 bytes compare unsigned. UTF-8 keeps code point order, and UTF-16 units below
     * the surrogates are code points, so characters compare directly; a surrogate falls back to comparing the bytes.
     */
    static int compareUtf8(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x == y) {
                continue;
            }
            if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
            }
            return Character.compare(x, y);
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * The jsonb order of the first {@code count} keys (equal keys keep their arrival order), shared with every
     * object that had the same key sequence.
     */
    static KeyOrder orderOf(String[] keys, int count) {
        if (count > MAXIMUM_KEYS) {
            return build(keys, count);
        }
        KeySequence sequence = new KeySequence(keys, count);
        KeyOrder known = SORTED.get(sequence);
        if (known != null) {
            return known;
        }
        KeyOrder order = build(keys, count);
        if (SORTED.size() >= CAPACITY) {
            SORTED.clear();
        }
        SORTED.put(new KeySequence(Arrays.copyOf(keys, count), count), order);
        return order;
    }

    private static KeyOrder build(String[] keys, int count) {
        int[] sorted = sort(keys, count);
        if (sorted == null) {
            return new KeyOrder(Arrays.copyOf(keys, count), null, false);
        }
        String[] sortedKeys = new String[count];
        int[] arrival = new int[count];
        boolean repeats = false;
        for (int i = 0; i < count; i++) {
            sortedKeys[i] = keys[sorted[i]];
            arrival[sorted[i]] = i;
            repeats |= i > 0 && sortedKeys[i].equals(sortedKeys[i - 1]);
        }
        return new KeyOrder(sortedKeys, arrival, repeats);
    }

    /** Indexes in jsonb order (a stable sort); null when the keys are already strictly in jsonb order. */
    private static int[] sort(String[] keys, int count) {
        boolean ordered = true;
        for (int i = 1; i < count && ordered; i++) {
            ordered = compare(keys[i - 1], keys[i]) < 0;
        }
        if (ordered) {
            return null;
        }
        int[] order = new int[count];
        if (count > MAXIMUM_KEYS) {
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (x, y) -> compare(keys[x], keys[y]));
            for (int i = 0; i < count; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = 1; i < count; i++) {
            int current = order[i];
            int j = i - 1;
            while (j >= 0 && compare(keys[order[j]], keys[current]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = current;
        }
        return order;
    }

    /** An object's first {@code count} keys in their original order, compared element by element. */
    private static final class KeySequence {
        private final String[] keys;
        private final int count;
        private final int hash;

        KeySequence(String[] keys, int count) {
            this.keys = keys;
            this.count = count;
            int h = 1;
            for (int i = 0; i < count; i++) {
                h = 31 * h + keys[i].hashCode();
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KeySequence other
                    && other.hash == hash
                    && other.count == count
                    && Arrays.equals(other.keys, 0, count, keys, 0, count);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
