package org.stripejdbc.catalog;

import java.util.Objects;

/** A foreign table's schema-qualified name (both parts already case-folded and resolved). */
public record TableName(String schema, String name) {
    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code stripe.customers}. */
    @Override
    public String toString() {
        return schema + "." + name;
    }
}
