package org.stripejdbc.sql;

import java.util.Objects;

/** One item of a SELECT list (or of a RETURNING clause). */
public sealed interface SelectItem {
    /** {@code *} or {@code t.*}; {@code qualifier} is null for a bare star. */
    record Star(String qualifier) implements SelectItem {}

    /** {@code expr [AS alias]}; {@code alias} null when none was written. */
    record Column(Expr expression, String alias) implements SelectItem {
        public Column {
            Objects.requireNonNull(expression, "expression");
        }
    }
}
