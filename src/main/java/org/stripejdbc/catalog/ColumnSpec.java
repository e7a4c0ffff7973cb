package org.stripejdbc.catalog;

import java.util.Map;
import java.util.Objects;

/**
 * A column as written in {@code CREATE FOREIGN TABLE} or {@code ALTER FOREIGN TABLE ADD COLUMN}:
 * {@code created timestamp not null options (column_name 'created')} is
 * {@code ColumnSpec("created", "timestamp", true, {column_name=created})}. The type name is resolved with
 * {@code SqlType.fromName}; an unknown one is {@code 42704 type "x" does not exist}.
 */
public record ColumnSpec(String name, String typeName, boolean notNull, Map<String, String> options) {
    public ColumnSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        options = OrderedMaps.copy(options, "column option");
    }

    /** A nullable column without options. */
    public static ColumnSpec of(String name, String typeName) {
        return new ColumnSpec(name, typeName, false, Map.of());
    }
}
