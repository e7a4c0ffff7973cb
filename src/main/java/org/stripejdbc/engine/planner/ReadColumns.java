package org.stripejdbc.engine.planner;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;

/**
 * The columns a whole statement reads, per table alias, for {@link org.stripejdbc.engine.TableSource#plan(
 * java.util.List, ColumnsRead)}: one pass over the statement, subqueries and WITH queries included, collecting every
 * column reference (a qualified one counts for that alias only, an unqualified one for every table) and the aliases
 * whose whole row is read: a {@code *} of a block (its base tables), {@code c.*}, a whole-row reference {@code c}
 * ({@code row_to_json(c)}), the two sides of a NATURAL join. {@code USING (a)} reads {@code a}. Conservative by
 * design: the same alias in two blocks gets the union.
 *
 * <p>Example: {@code select c.id, i.total from stripe.charges c join stripe.invoices i on i.id = c.invoice where
 * amount > 0} gives charges {@code [amount, id, invoice]} and invoices {@code [amount, id, total]}.
 */
final class ReadColumns {
    /** Planners made without a statement (expressions of a write) tell every table {@link ColumnsRead#ALL}. */
    static final ReadColumns ALL = new ReadColumns();

    private final boolean all;
    private final Set<String> unqualified = new HashSet<>();
    private final Map<String, Set<String>> qualified = new HashMap<>();
    private final Set<String> wholeRows = new HashSet<>();

    private ReadColumns() {
        this.all = true;
    }

    private ReadColumns(Query query) {
        this.all = false;
        QueryVisitor.visit(query, this::expression, this::fromItem, this::block);
    }

    /** What {@code query} reads. */
    static ReadColumns of(Query query) {
        return new ReadColumns(query);
    }

    /** The columns read of the table that the statement names {@code alias} (its alias, else its name). */
    ColumnsRead forTable(String alias) {
        String key = lower(alias);
        if (all || wholeRows.contains(key) || unqualified.contains(key)) {
            return ColumnsRead.ALL; // unqualified: a bare alias is a whole-row reference
        }
        Set<String> names = new HashSet<>(unqualified);
        names.addAll(qualified.getOrDefault(key, Set.of()));
        return ColumnsRead.of(names);
    }

    private void expression(Expr e) {
        if (e instanceof Expr.ColumnRef ref) {
            if (ref.qualifier() == null) {
                unqualified.add(lower(ref.name()));
            } else {
                qualified
                        .computeIfAbsent(lastPart(ref.qualifier()), q -> new HashSet<>())
                        .add(lower(ref.name()));
            }
        }
    }

    private void fromItem(FromItem item) {
        if (item instanceof FromItem.Join join) {
            join.using().forEach(column -> unqualified.add(lower(column)));
            if (join.natural()) {
                tablesOf(join, wholeRows);
            }
        }
    }

    private void block(Query.Select select) {
        for (SelectItem item : select.items()) {
            if (item instanceof SelectItem.Star star) {
                if (star.qualifier() == null) {
                    tablesOf(select.from(), wholeRows);
                } else {
                    wholeRows.add(lastPart(star.qualifier()));
                }
            }
        }
    }

    /** The aliases of the tables of {@code item}'s join tree (not inside its subqueries). */
    private static void tablesOf(FromItem item, Set<String> out) {
        if (item instanceof FromItem.Table table) {
            out.add(lower(table.alias() != null ? table.alias() : table.name().name()));
        } else if (item instanceof FromItem.Join join) {
            tablesOf(join.left(), out);
            tablesOf(join.right(), out);
        }
    }

    /** {@code c} of {@code stripe.c}: a qualifier may name the schema too. */
    private static String lastPart(String qualifier) {
        return lower(qualifier.substring(qualifier.lastIndexOf('.') + 1));
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
