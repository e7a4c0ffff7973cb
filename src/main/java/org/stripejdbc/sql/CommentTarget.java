package org.stripejdbc.sql;

import java.util.Objects;

/**
 * What {@code COMMENT ON ... IS '...'} annotates. The parser leaves a table's schema as written (null when
 * unqualified); the session resolves it through the search path before the catalog sees it. Examples:
 * <pre>
 *   comment on column stripe.customers.email is 'x'   →  new OnColumn(new QualifiedName("stripe", "customers"),
 *     "email")
 *   comment on foreign table customers is 'x'         →  new OnForeignTable(QualifiedName.of("customers"))
 *   comment on table customers is 'x'                 →  the same (a foreign table is the only kind of table)
 *   comment on server stripe_server is 'x'            →  new OnServer("stripe_server")
 * </pre>
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

    record OnForeignTable(QualifiedName table) implements CommentTarget {
        public OnForeignTable {
            Objects.requireNonNull(table, "table");
        }
    }

    record OnColumn(QualifiedName table, String column) implements CommentTarget {
        public OnColumn {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
        }
    }
}
