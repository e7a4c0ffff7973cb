package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;

/**
 * The grouping sets of an {@link AggregateNode}: for each set, which of the node's keys it groups by (the others are
 * NULL in its rows), and the value each {@code grouping(...)} call of the query has in the rows of each set.
 *
 * <p>Example: {@code group by rollup (currency, status)} with {@code grouping(currency, status)} has the keys
 * {@code [currency, status]}, the sets {@code [0, 1], [0], []} and the call's values {@code 0, 1, 3}: a bit per
 * argument, the first argument the most significant, set when that argument is not grouped in the row's set.
 */
public final class GroupingSets {
    private final int keyCount;
    private final boolean[][] grouped;
    private final int[][] callValues;

    /**
     * {@code sets} lists, per set, the indexes of the keys it groups by; {@code calls} lists, per
     * {@code grouping(...)} call, the key index of each argument.
     */
    public GroupingSets(int keyCount, List<List<Integer>> sets, List<List<Integer>> calls) {
        if (sets.isEmpty()) {
            throw new IllegalArgumentException("no grouping set");
        }
        this.keyCount = keyCount;
        this.grouped = new boolean[sets.size()][keyCount];
        for (int s = 0; s < sets.size(); s++) {
            for (int key : sets.get(s)) {
                grouped[s][key] = true;
            }
        }
        this.callValues = new int[calls.size()][sets.size()];
        for (int c = 0; c < calls.size(); c++) {
            List<Integer> arguments = calls.get(c);
            for (int s = 0; s < sets.size(); s++) {
                int value = 0;
                for (int key : arguments) {
                    value = (value << 1) | (grouped[s][key] ? 0 : 1);
                }
                callValues[c][s] = value;
            }
        }
    }

    /** One set of every key and no {@code grouping(...)} call: a plain GROUP BY. */
    public static GroupingSets plain(int keyCount) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < keyCount; i++) {
            all.add(i);
        }
        return new GroupingSets(keyCount, List.of(all), List.of());
    }

    int size() {
        return grouped.length;
    }

    int keyCount() {
        return keyCount;
    }

    int callCount() {
        return callValues.length;
    }

    /** Whether this is one set of every key: a plain GROUP BY, whose groups need no set number. */
    boolean isPlain() {
        if (grouped.length != 1) {
            return false;
        }
        for (boolean g : grouped[0]) {
            if (!g) {
                return false;
            }
        }
        return true;
    }

    boolean grouped(int set, int key) {
        return grouped[set][key];
    }

    /** Whether set {@code set} groups by no key (it then has a row even for an empty input). */
    boolean isEmpty(int set) {
        for (boolean g : grouped[set]) {
            if (g) {
                return false;
            }
        }
        return true;
    }

    int callValue(int call, int set) {
        return callValues[call][set];
    }
}
