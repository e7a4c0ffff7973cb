package org.stripejdbc.sql;

import java.util.Map;
import java.util.Objects;

/**
 * A column as written in {@code CREATE FOREIGN TABLE} or {@code ALTER FOREIGN TABLE ADD COLUMN}, from the parser to
 * the catalog: {@code created timestamp not null options (column_name 'created')} is
 * {@code new ColumnDefinition("created", "timestamp", true, {column_name=created})}. The name is case-folded; the
 * type name is as written, lower case ({@code numeric(10,2)}); the catalog resolves it with
 * {@code SqlType.fromName} (an unknown one is {@code 42704 type "x" does not exist}) and stores the column as a
 * {@code catalog.ForeignColumn}. Options keep their written order.
 */
public record ColumnDefinition(String name, String typeName, boolean notNull, Map<String, String> options) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        options = OrderedMaps.copy(options, "column option");
    }

    /** A nullable column without options. */
    public static ColumnDefinition of(String name, String typeName) {
        return new ColumnDefinition(name, typeName, false, Map.of());
    }
}
