package org.stripejdbc.fdw;

import java.util.Objects;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.json.Json;

/**
 * How one execution of a scan turns the objects Stripe returned into rows: each object is shaped into a row of the
 * declared columns ({@link RowShaper}), and it is no row when it is Stripe's marker of a deleted object
 * ({@code {"id": "cus_1", "object": "customer", "deleted": true}}, the answer to a retrieve of a deleted customer
 * or product) or when a condition the scan pushed does not hold for it ({@link PushedConditions}).
 *
 * <p>Thread-safe: the walkers of a parallel scan share one.
 */
final class ScanRows {
    private final RowShaper shaper;
    private final PushedConditions pushed;
    private final ExecutionContext context;

    ScanRows(RowShaper shaper, PushedConditions pushed, ExecutionContext context) {
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.pushed = Objects.requireNonNull(pushed, "pushed");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** The row of {@code object}, or null when it is no row of this scan. */
    Object[] row(Json object) {
        if (isDeletedMarker(object)) {
            return null;
        }
        Object[] row = shaper.shape(object);
        return pushed.hold(row, context) ? row : null;
    }

    /** The shaper, for the balance's entries. */
    RowShaper shaper() {
        return shaper;
    }

    private static boolean isDeletedMarker(Json object) {
        if (object == null || !object.isObject()) {
            return false;
        }
        Json deleted = object.get("deleted");
        return deleted != null && Boolean.TRUE.equals(deleted.booleanValue());
    }
}
