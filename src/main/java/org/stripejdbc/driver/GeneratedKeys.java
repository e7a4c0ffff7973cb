package org.stripejdbc.driver;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;

/**
 * What {@code getGeneratedKeys()} returns: the rows the last execution (all entries of the last batch) created or
 * changed, in order, one per row, with the columns asked for.
 * <pre>
 *   prepareStatement(insert, RETURN_GENERATED_KEYS), 3 batch entries     id: cus_1, cus_2, cus_3
 *   prepareStatement(insert, new String[] {"id", "created"})           id, created (timestamp): one row per row
 * </pre>
 */
record GeneratedKeys(Meta.Signature signature, List<Object> rows) {
    /** The ids an engine command reports for the rows it wrote (the key column, {@code id}). */
    private static final Meta.Signature ID = MetadataResults.signature(List.of(MetadataResults.text("id")));

    static final GeneratedKeys NONE = new GeneratedKeys(ID, List.of());

    GeneratedKeys {
        rows = List.copyOf(rows);
    }

    static GeneratedKeys ids(List<String> ids) {
        if (ids.isEmpty()) {
            return NONE;
        }
        List<Object> rows = new ArrayList<>(ids.size());
        for (String id : ids) {
            rows.add(new Object[] {id});
        }
        return new GeneratedKeys(ID, rows);
    }

    /** These keys followed by {@code more}'s (a batch: the same statement's keys, entry after entry). */
    GeneratedKeys append(GeneratedKeys more) {
        if (more.rows.isEmpty()) {
            return this;
        }
        if (rows.isEmpty()) {
            return more;
        }
        List<Object> all = new ArrayList<>(rows.size() + more.rows.size());
        all.addAll(rows);
        all.addAll(more.rows);
        return new GeneratedKeys(signature, all);
    }

    Meta.Frame frame() {
        return Meta.Frame.create(0, true, rows);
    }
}
