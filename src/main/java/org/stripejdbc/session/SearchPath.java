package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stripejdbc.catalog.CatalogSnapshot;

/**
 * The session's {@code search_path}: where unqualified table names are looked up, in order, and where new
 * objects go (the first schema). Default: the {@code schema} connection property ({@code stripe}), then
 * {@code public}. Not thread-safe (one per session).
 */
final class SearchPath {
    private List<String> schemas;

    SearchPath(String firstSchema) {
        set(List.of(firstSchema, "public"));
    }

    List<String> schemas() {
        return schemas;
    }

    void set(List<String> newSchemas) {
        List<String> cleaned = new ArrayList<>();
        for (String s : newSchemas) {
            String name = s.trim();
            if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
                name = name.substring(1, name.length() - 1);
            } else {
                name = name.toLowerCase(Locale.ROOT);
            }
            if (!name.isEmpty() && !name.equals("$user") && !cleaned.contains(name)) {
                cleaned.add(name);
            }
        }
        this.schemas = List.copyOf(cleaned.isEmpty() ? List.of("public") : cleaned);
    }

    /** The first schema: where CREATE without a schema puts things, and JDBC getSchema(). */
    String creationSchema() {
        return schemas.get(0);
    }

    /** The first schema on the path holding a table of that name. */
    Optional<String> findTableSchema(CatalogSnapshot snapshot, String table) {
        for (String schema : schemas) {
            if (snapshot.table(schema, table).isPresent()) {
                return Optional.of(schema);
            }
        }
        return Optional.empty();
    }

    /** {@code SHOW search_path} text: {@code stripe, public}. */
    String show() {
        return String.join(", ", schemas);
    }
}
