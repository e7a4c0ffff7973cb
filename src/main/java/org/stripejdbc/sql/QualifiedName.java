package org.stripejdbc.sql;

import java.util.Objects;

/**
 * A possibly schema-qualified object name, already case-folded. {@code schema} is null when the statement
 * did not name one (the session's search path decides).
 */
public record QualifiedName(String schema, String name) {
    public QualifiedName {
        Objects.requireNonNull(name, "name");
    }

    public static QualifiedName of(String name) {
        return new QualifiedName(null, name);
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
