package org.stripejdbc.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The members of a JSON object: its {@link KeyOrder} (keys in jsonb order, shorter first then by UTF-8 bytes, and
 * the order in which they came; shared by objects of the same shape) and its values in jsonb key order. A key
 * given twice keeps its first position and its last value, as Postgres and Jackson do.
 *
 * <p>Example: the members of {@code {"name":"x","id":1}} are {@code keys=[id, name]}, {@code values=[1, "x"]},
 * arrival order {@code name, id}.
 */
final class JsonMembers {
    static final JsonMembers EMPTY = new JsonMembers(KeyOrder.EMPTY, new Json[0]);

    final KeyOrder order;
    /** {@code values[i]} belongs to {@code order.keys[i]}. */
    final Json[] values;

    private JsonMembers(KeyOrder order, Json[] values) {
        this.order = order;
        this.values = values;
    }

    /** The members of {@code count} key/value pairs in arrival order (the arrays may be longer than count). */
    static JsonMembers of(String[] keys, Json[] values, int count) {
        return count == 0 ? EMPTY : of(JsonbKeyOrder.orderOf(keys, count), keys, values, count);
    }

    /** As {@link #of(String[], Json[], int)}, with the key order of those keys already looked up. */
    static JsonMembers of(KeyOrder order, String[] keys, Json[] values, int count) {
        if (count == 0) {
            return EMPTY;
        }
        if (order.repeats) {
            Map<String, Json> unique = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                unique.put(keys[i], values[i]);
            }
            return of(unique);
        }
        Json[] sorted = new Json[count];
        if (order.arrival == null) {
            System.arraycopy(values, 0, sorted, 0, count);
        } else {
            for (int i = 0; i < count; i++) {
                sorted[order.arrival[i]] = values[i];
            }
        }
        return new JsonMembers(order, sorted);
    }

    /** The members of a map (keys without repeats), in its iteration order. */
    static JsonMembers of(Map<String, Json> map) {
        String[] keys = new String[map.size()];
        Json[] values = new Json[map.size()];
        int count = 0;
        for (Map.Entry<String, Json> entry : map.entrySet()) {
            keys[count] = entry.getKey();
            values[count++] = entry.getValue();
        }
        return of(keys, values, count);
    }

    int size() {
        return values.length;
    }

    String key(int index) {
        return order.keys[index];
    }

    /** The value of {@code key}, or null. */
    Json get(String key) {
        int index = order.indexOf(key);
        return index < 0 ? null : values[index];
    }

    /** The index into the sorted keys of the {@code position}-th key to arrive. */
    int arrivalIndex(int position) {
        return order.arrivalIndex(position);
    }
}
