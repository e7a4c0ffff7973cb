package org.stripejdbc.sql;

import java.util.List;
import java.util.Objects;

/**
 * One action of {@code ALTER FOREIGN TABLE}. The catalog applies the actions of one statement in order, all or
 * nothing, and validates the result as {@code CREATE FOREIGN TABLE} would ({@code object} present and known,
 * {@code rowid_column} naming a column). Example: {@code alter foreign table stripe.customers rename column email to
 * mail, options (set rowid_column 'id')} is {@code [RenameColumn("email", "mail"), Options([SET rowid_column 'id'])]}.
 */
public sealed interface TableAlteration {
    /** {@code OPTIONS (ADD|SET|DROP ...)}. */
    record Options(List<OptionChange> changes) implements TableAlteration {
        public Options {
            changes = List.copyOf(changes);
        }
    }

    /** {@code ADD COLUMN [IF NOT EXISTS] name type ...}. */
    record AddColumn(ColumnDefinition column, boolean ifNotExists) implements TableAlteration {
        public AddColumn {
            Objects.requireNonNull(column, "column");
        }
    }

    /** {@code DROP COLUMN [IF EXISTS] name}. */
    record DropColumn(String column, boolean ifExists) implements TableAlteration {
        public DropColumn {
            Objects.requireNonNull(column, "column");
        }
    }

    /** {@code RENAME [COLUMN] from TO to}; a {@code rowid_column} option naming it follows the rename. */
    record RenameColumn(String from, String to) implements TableAlteration {
        public RenameColumn {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** {@code RENAME TO to} (same schema). */
    record RenameTable(String to) implements TableAlteration {
        public RenameTable {
            Objects.requireNonNull(to, "to");
        }
    }
}
