package org.stripejdbc.catalog;

import java.util.List;
import org.stripejdbc.sql.QualifiedName;

/**
 * The outcome of {@code IMPORT FOREIGN SCHEMA}: the tables created, and the ones left alone because a table of that
 * name already existed ({@code create foreign table if not exists} semantics).
 */
public record ImportResult(List<ForeignTable> created, List<QualifiedName> skipped) {
    public ImportResult {
        created = List.copyOf(created);
        skipped = List.copyOf(skipped);
    }

    /** One NOTICE per skipped table, as Postgres prints for {@code if not exists}. */
    public List<String> notices() {
        return skipped.stream()
                .map(t -> "relation \"" + t.name() + "\" already exists, skipping")
                .toList();
    }
}
