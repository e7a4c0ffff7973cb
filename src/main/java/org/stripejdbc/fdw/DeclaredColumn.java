package org.stripejdbc.fdw;

import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * A column as the user declared it in {@code CREATE FOREIGN TABLE}: its (case-folded) name and its type.
 * Example: {@code created timestamp} is {@code new DeclaredColumn("created", SqlType.TIMESTAMP)}; the quoted
 * {@code "items[0][price]" text} keeps its brackets in the name.
 */
public record DeclaredColumn(String name, SqlType type) {
    public DeclaredColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
