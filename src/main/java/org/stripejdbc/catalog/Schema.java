package org.stripejdbc.catalog;

import java.util.Objects;

/** A schema ({@code pg_namespace}) created with {@code create schema}, or the default {@code public}. */
public record Schema(String name, String comment) {
    public Schema {
        Objects.requireNonNull(name, "name");
    }
}
