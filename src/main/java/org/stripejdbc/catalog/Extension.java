package org.stripejdbc.catalog;

import java.util.Objects;

/**
 * An installed extension ({@code pg_extension}): {@code create extension if not exists wrappers with schema
 * extensions} gives {@code Extension("wrappers", "extensions")}.
 */
public record Extension(String name, String schema) {
    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
    }
}
