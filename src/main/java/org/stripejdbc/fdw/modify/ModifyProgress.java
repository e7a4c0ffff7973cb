package org.stripejdbc.fdw.modify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.json.Json;

/**
 * What one running modify has done so far: the applied rows (count, ids, objects when kept) and the warnings,
 * capped at {@link StripeModifier#MAX_ROW_WARNINGS} per-row lines plus one line counting the rest.
 */
final class ModifyProgress {
    private final ModifyOperation operation;
    private final String table;
    private final String objectPath;
    private final Returning returning;
    private final List<Json> objects = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long affected;
    private long rowWarnings;
    private long appliedBeyondCap;
    private long missingBeyondCap;

    ModifyProgress(ModifyOperation operation, String table, String objectPath, Returning returning) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.table = Objects.requireNonNull(table, "table");
        this.objectPath = Objects.requireNonNull(objectPath, "objectPath");
        this.returning = Objects.requireNonNull(returning, "returning");
    }

    /** A statement-level warning (not counted against the per-row cap). */
    void warn(String warning) {
        warnings.add(warning);
    }

    /** Row applied: {@code id} may be null (a created object without an id). */
    void applied(String id, Json object) {
        affected++;
        if (id != null) {
            ids.add(id);
        }
        if (returning == Returning.ROWS) {
            objects.add(object);
        }
        if (rowWarnings++ < StripeModifier.MAX_ROW_WARNINGS) {
            warnings.add(operation.pastTense() + " " + objectPath + (id == null ? "" : " " + id));
        } else {
            appliedBeyondCap++;
        }
    }

    /** Row answered 404: not affected. */
    void notFound(String id) {
        if (rowWarnings++ < StripeModifier.MAX_ROW_WARNINGS) {
            warnings.add(objectPath + " " + id + " was not found; not " + operation.pastTense());
        } else {
            missingBeyondCap++;
        }
    }

    /** The failure of row {@code rowNumber} (1-based), with what was applied before it. */
    PartialModifyException failure(long rowNumber, long totalRows, RuntimeException cause) {
        return new PartialModifyException(operation, table, rowNumber, totalRows, affected, ids, cause);
    }

    ModifyResult result() {
        List<String> all = new ArrayList<>(warnings);
        if (appliedBeyondCap > 0 || missingBeyondCap > 0) {
            StringBuilder rest = new StringBuilder("and ");
            if (appliedBeyondCap > 0) {
                rest.append(appliedBeyondCap)
                        .append(" more ")
                        .append(objectPath)
                        .append(' ')
                        .append(operation.pastTense());
            }
            if (missingBeyondCap > 0) {
                rest.append(appliedBeyondCap > 0 ? ", " : "")
                        .append(missingBeyondCap)
                        .append(" more ")
                        .append(objectPath)
                        .append(" not found");
            }
            all.add(rest.append(" (one line per row stops after ")
                    .append(StripeModifier.MAX_ROW_WARNINGS)
                    .append(" rows)")
                    .toString());
        }
        return new ModifyResult(affected, objects, ids, all);
    }
}
