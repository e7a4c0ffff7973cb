package org.stripejdbc.fdw.modify;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Collects the form pairs of one request body, remembering which column (or {@code attrs}) gave each key, and
 * rejects a body in which one Stripe parameter would be given twice ({@code 42701}):
 * <pre>
 *   column "email" gives email=a@b.c, attrs gives email=x@y.z        → 42701: "email" given twice
 *   column "metadata" gives metadata=, attrs gives metadata[a]=b       → 42701: "metadata" both a value and nested
 *   column "items[0][price]" gives items[0][price]=p,
 *   attrs gives items[0][quantity]=2                                  → fine: different parameters
 * </pre>
 */
final class FormBodyBuilder {
    private final String location;
    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();
    /** Full key → who gave it. */
    private final Map<String, String> keys = new HashMap<>();
    /** Every bracket prefix of a given key ({@code metadata} of {@code metadata[a]}) → that key. */
    private final Map<String, String> prefixes = new HashMap<>();

    FormBodyBuilder(String location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    /** Adds pairs given by {@code source} ({@code column "email"}, {@code attrs}). */
    void add(String source, List<Map.Entry<String, String>> newPairs) {
        for (Map.Entry<String, String> pair : newPairs) {
            add(source, pair.getKey(), pair.getValue());
        }
    }

    void add(String source, String key, String value) {
        String earlier = keys.get(key);
        if (earlier != null) {
            throw conflict("Stripe parameter \"" + key + "\" is given twice, "
                    + (earlier.equals(source) ? "both times by " + source : "by " + earlier + " and by " + source));
        }
        String nested = prefixes.get(key);
        if (nested != null) {
            throw conflict(bothValueAndNested(key, source, nested, keys.get(nested)));
        }
        List<String> ownPrefixes = bracketPrefixes(key);
        for (String prefix : ownPrefixes) {
            String owner = keys.get(prefix);
            if (owner != null) {
                throw conflict(bothValueAndNested(prefix, owner, key, source));
            }
        }
        keys.put(key, source);
        for (String prefix : ownPrefixes) {
            prefixes.putIfAbsent(prefix, key);
        }
        pairs.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
    }

    /** The pairs, in the order they were added. */
    List<Map.Entry<String, String>> pairs() {
        return List.copyOf(pairs);
    }

    private static String bothValueAndNested(String key, String valueSource, String nestedKey, String nestedSource) {
        return "Stripe parameter \"" + key + "\" is given both as a value (by " + valueSource
                + ") and as nested parameters (\"" + nestedKey + "\" by " + nestedSource + ")";
    }

    private StripeJdbcException conflict(String detail) {
        return new StripeJdbcException(
                SqlState.DUPLICATE_COLUMN,
                location + ": " + detail + "; give each Stripe parameter once, either as a column or inside attrs");
    }

    /** {@code items[0][price]} → {@code items}, {@code items[0]}. */
    private static List<String> bracketPrefixes(String key) {
        List<String> out = new ArrayList<>(2);
        for (int i = 1; i < key.length(); i++) {
            if (key.charAt(i) == '[') {
                out.add(key.substring(0, i));
            }
        }
        return out;
    }
}
