package org.stripejdbc.catalog;

import java.util.Objects;

/**
 * What {@code COMMENT ON ... IS '...'} annotates. Example: {@code COMMENT ON COLUMN stripe.customers.email IS 'x'}
 * is {@code new CommentTarget.OnColumn("stripe", "customers", "email")}.
 */
public sealed interface CommentTarget {
    record OnSchema(String name) implements CommentTarget {
        public OnSchema {
            Objects.requireNonNull(name, "name");
        }
    }

    record OnServer(String name) implements CommentTarget {
        public OnServer {
            Objects.requireNonNull(name, "name");
        }
    }

    record OnForeignTable(String schema, String table) implements CommentTarget {
        public OnForeignTable {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
        }
    }

    record OnColumn(String schema, String table, String column) implements CommentTarget {
        public OnColumn {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }
    }
}
