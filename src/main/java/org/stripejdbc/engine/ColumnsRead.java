package org.stripejdbc.engine;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of one table that a statement reads, as the planner tells a {@link TableSource} with the conditions
 * ({@link TableSource#plan(java.util.List, ColumnsRead)}): every column named anywhere in the statement (select list,
 * WHERE, join conditions, GROUP BY, HAVING, ORDER BY, window specifications, subqueries and their correlation),
 * or all of them when the statement reads the whole row ({@code select *}, {@code c.*}, a whole-row reference such
 * as {@code row_to_json(c)}, a NATURAL join). It is conservative: a source may be told of a column it is not asked
 * for (a name another table of the statement also has), never the other way round. Names compare ignoring case.
 *
 * <p>Example: {@code select id, invoice from stripe.charges where amount > 100} reads {@code [amount, id,
 * invoice]} of charges; {@code select * from stripe.charges} reads {@link #ALL}. A source may use it to skip work
 * for a column nobody reads (a Stripe source derives a removed field only when it is read).
 */
public final class ColumnsRead {
    /** Every column: what a source is told when the planner cannot tell ({@code select *}, a statement unseen). */
    public static final ColumnsRead ALL = new ColumnsRead(null);

    /** Lower-case names, or null for all. */
    private final Set<String> names;

    private ColumnsRead(Set<String> names) {
        this.names = names;
    }

    /** Exactly the columns {@code names} (any case). */
    public static ColumnsRead of(Collection<String> names) {
        Set<String> lower = new TreeSet<>();
        for (String name : names) {
            lower.add(name.toLowerCase(Locale.ROOT));
        }
        return new ColumnsRead(Set.copyOf(lower));
    }

    /** Whether every column is read. */
    public boolean all() {
        return names == null;
    }

    /** Whether the statement reads {@code column}. */
    public boolean reads(String column) {
        return names == null || names.contains(column.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ColumnsRead read && java.util.Objects.equals(names, read.names);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(names);
    }

    /** {@code all} or {@code [amount, id]}. */
    @Override
    public String toString() {
        return names == null ? "all" : new TreeSet<>(names).toString();
    }
}
