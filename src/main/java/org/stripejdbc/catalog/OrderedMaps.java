package org.stripejdbc.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Immutable insertion-ordered copies of option maps (options keep the order they were written in). */
final class OrderedMaps {
    private OrderedMaps() {
    }

    static <V> Map<String, V> copy(Map<String, V> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " name"),
                Objects.requireNonNull(v, () -> what + " " + k + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
