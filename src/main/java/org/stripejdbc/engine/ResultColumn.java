package org.stripejdbc.engine;

import java.util.Objects;
import org.stripejdbc.types.SqlType;

/**
 * A column of a result or of a table source: its label, its type, and where it comes from (for JDBC
 * {@code ResultSetMetaData}; {@code schema}/{@code table} are null for computed columns); for an array, the type of
 * its elements when known ({@code array[1, 2]}: integer), else null (read as text).
 */
public record ResultColumn(String name, SqlType type, String schema, String table, SqlType elementType) {
    public ResultColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public ResultColumn(String name, SqlType type, String schema, String table) {
        this(name, type, schema, table, null);
    }

    public static ResultColumn of(String name, SqlType type) {
        return new ResultColumn(name, type, null, null);
    }

    /** This column with the element type of its arrays (ignored unless the column is an array). */
    public ResultColumn withElementType(SqlType element) {
        return type == SqlType.ARRAY ? new ResultColumn(name, type, schema, table, element) : this;
    }
}
