package org.stripejdbc.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The connection properties checked when a connection opens, not at its first query: every known property's value
 * is parsed by its type (a bad one fails with 22023 naming the property, as the typed getters do), and a name that
 * is no property but lies within two edits of one gets a warning naming the closest. Other names are accepted
 * silently: Spark, connection pools and Avatica pass their own.
 *
 * <p>Example: {@code check(Map.of("read_timout", "30"), Set.of())} returns
 * {@code ["unknown connection property read_timout ignored: did you mean read_timeout?"]};
 * {@code check(Map.of("read_timeout", "abc"), Set.of())} throws 22023
 * {@code invalid value for connection property read_timeout: "abc" (expected seconds)}.
 */
public final class PropertyCheck {
    /** Names one or two edits from a property but used by others, never warned about. */
    private static final Set<String> COMMON_FOREIGN = Set.of("user", "username", "url", "driver", "ssl", "host");

    private PropertyCheck() {}

    /**
     * Validates the values of the known properties in {@code values} and returns one warning per name that looks
     * like a misspelt property. {@code othersKnown} are names another layer owns (Avatica's), compared
     * case-insensitively, never warned about.
     */
    public static List<String> check(Map<String, String> values, Set<String> othersKnown) {
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Optional<ConnectionProperty> property = ConnectionProperty.byKey(e.getKey());
            if (property.isPresent()) {
                property.get().validate(values);
                continue;
            }
            String name = e.getKey().trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if (COMMON_FOREIGN.contains(name) || containsIgnoreCase(othersKnown, e.getKey())) {
                continue;
            }
            closest(name)
                    .ifPresent(p -> warnings.add(
                            "unknown connection property " + e.getKey() + " ignored: did you mean " + p.key() + "?"));
        }
        return warnings;
    }

    /** The property whose name is within two edits of {@code name} (the nearest; none for short names). */
    static Optional<ConnectionProperty> closest(String name) {
        ConnectionProperty best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConnectionProperty p : ConnectionProperty.values()) {
            int d = distance(name, p.key());
            if (d < bestDistance) {
                best = p;
                bestDistance = d;
            }
        }
        int allowed = name.length() <= 4 ? 1 : 2;
        return bestDistance > 0 && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Levenshtein distance, with an adjacent transposition counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
