package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.stripejdbc.json.Json;

/**
 * What one list page says about the data around it: how many objects it held and the {@code created} seconds of
 * its newest (first) and oldest (last) object. A page of 100 objects spanning 50 seconds tells that the data there
 * holds about 2 objects per second; the slice splitter sizes the slices it cuts from that.
 *
 * <p>Example: a page whose objects have created 1000, 1000, 999, 990 gives {@code objects = 4, newest = 1000,
 * oldest = 990} and {@link #perSecond()} = 4 / 11.
 *
 * @param objects the number of objects on the page (at least 1)
 * @param newest  the created second of the first object
 * @param oldest  the created second of the last object, at most {@code newest}
 */
record PageDensity(int objects, long newest, long oldest) {
    PageDensity {
        if (objects < 1 || oldest > newest || oldest < 0) {
            throw new IllegalArgumentException(
                    "invalid page density: " + objects + " objects in [" + oldest + ", " + newest + "]");
        }
    }

    /** Objects per second over the seconds the page spans (both ends included). */
    double perSecond() {
        return objects / (double) (newest - oldest + 1);
    }

    /**
     * The density of a page, or empty when it cannot be known: an empty page, an object without a whole-second
     * {@code created}, or a page that is not newest first.
     */
    static Optional<PageDensity> of(List<Json> page) {
        if (page.isEmpty()) {
            return Optional.empty();
        }
        Long newest = createdSecond(page.get(0));
        Long oldest = createdSecond(page.get(page.size() - 1));
        if (newest == null || oldest == null || oldest > newest || oldest < 0) {
            return Optional.empty();
        }
        return Optional.of(new PageDensity(page.size(), newest, oldest));
    }

    /** The object's {@code created} as whole Unix seconds, or null. */
    static Long createdSecond(Json object) {
        Json created = object == null ? null : object.get("created");
        BigDecimal value = created == null ? null : created.numberValue();
        if (value == null) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
