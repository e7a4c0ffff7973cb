package org.stripejdbc.catalog;

import java.util.List;
import java.util.Objects;

/**
 * One action of {@code ALTER FOREIGN TABLE}. Actions of one statement are applied in order, all or nothing; the
 * result is validated as {@code CREATE FOREIGN TABLE} would validate it ({@code object} present and known,
 * {@code rowid_column} naming a column).
 */
public sealed interface TableAlteration {
    /** {@code OPTIONS (ADD|SET|DROP ...)}. */
    record Options(List<OptionChange> changes) implements TableAlteration {
        public Options {
            changes = List.copyOf(changes);
        }
    }

    /** {@code ADD COLUMN [IF NOT EXISTS] name type ...}. */
    record AddColumn(ColumnSpec column, boolean ifNotExists) implements TableAlteration {
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
