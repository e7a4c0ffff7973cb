package org.stripejdbc.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable insertion-ordered copies of option maps: options keep the order they were written in, as Postgres
 * lists them. Example: {@code copy({api_url=u, api_key_id=k}, "server option")} iterates {@code api_url} first;
 * a null name or value is a programming error ({@code NullPointerException "server option api_url value"}).
 */
public final class OrderedMaps {
    private OrderedMaps() {}

    /** An unmodifiable, insertion-ordered copy; null or empty gives {@code Map.of()}. */
    public static <V> Map<String, V> copy(Map<String, V> map, String what) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        LinkedHashMap<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, what + " name"), Objects.requireNonNull(v, () -> what + " " + k + " value")));
        return Collections.unmodifiableMap(copy);
    }
}
