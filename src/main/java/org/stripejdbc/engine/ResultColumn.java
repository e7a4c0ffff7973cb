package org.stripejdbc.engine;

import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * A column of a result or of a table source: its label, its type, and where it comes from (for JDBC
 * {@code ResultSetMetaData}; {@code schema}/{@code table} are null for computed columns).
 */
public record ResultColumn(String name, SqlType type, String schema, String table) {
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static ResultColumn of(String name, SqlType type) {
        return new ResultColumn(name, type, null, null);
    }
}
