package org.stripejdbc.sql;

import java.util.Objects;

/**
 * One ORDER BY key. {@code nullsFirst == null} means the Postgres default: NULLS LAST for ASC, NULLS FIRST
 * for DESC. An ordinal ({@code order by 2}) arrives as an INTEGER literal (Integer value, as Postgres types
 * small integer constants); an output alias as a bare column.
 */
public record OrderItem(Expr expression, boolean descending, Boolean nullsFirst) {
    public OrderItem {
        Objects.requireNonNull(expression, "expression");
    }

    /** Whether NULLs sort first, applying the Postgres default. */
    public boolean effectiveNullsFirst() {
        return nullsFirst != null ? nullsFirst : descending;
    }
}
