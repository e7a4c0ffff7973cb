package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;

/**
 * Whether the conditions of an {@code UPDATE ... FROM} or {@code DELETE ... USING} link every FROM item to the
 * written table. An item no condition connects to the table (directly, or through other items) is a cross
 * product: every target row the rest selects joins every one of its rows, and with nothing else in the WHERE
 * clause every object of the table would be written. Safe updates treat such a statement as one without WHERE.
 *
 * <pre>
 *   update stripe.customers c set description = 'vip' from stripe.charges ch
 *     where ch.customer = c.id and ch.amount &gt; 10000        → linked: ch.customer = c.id names both
 *   ... from stripe.charges ch where ch.amount &gt; 10000       → ch not linked (a cross product)
 *   ... from stripe.charges ch join stripe.invoices i on i.id = ch.invoice where ch.customer = c.id
 *                                                        → linked: i through ch, ch to c
 *   ... from stripe.charges ch where c.email = 'a@b.c'    → ch not linked (the WHERE names only the table)
 * </pre>
 * A condition links the relations whose columns it names outside subqueries (a conjunct of the WHERE clause, or a
 * join's ON; {@code USING} and {@code NATURAL} link both sides). A column is the relation's its qualifier names, or
 * for an unqualified name, every relation that has a column of that name.
 */
final class JoinLinks {
    /** One relation: its name as written ({@code c}, {@code customers}), its schema-qualified name, its columns. */
    record Relation(String name, String qualifiedName, Set<String> columns) {}

    private final List<Relation> relations;
    private final int[] parent;

    private JoinLinks(List<Relation> relations) {
        this.relations = relations;
        this.parent = new int[relations.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
    }

    /**
     * The names of the FROM items (relations after the first, the written table) that {@code where} and the
     * joins of {@code from} do not connect to the table; empty when every item is linked.
     */
    static List<String> unlinked(List<Relation> relations, FromItem from, Expr where) {
        JoinLinks links = new JoinLinks(relations);
        for (Expr conjunct : ExprTrees.conjuncts(where)) {
            links.link(links.named(conjunct));
        }
        links.joins(from);
        List<String> out = new ArrayList<>();
        for (int i = 1; i < relations.size(); i++) {
            if (links.root(i) != links.root(0)) {
                out.add(relations.get(i).name());
            }
        }
        return out;
    }

    private void joins(FromItem item) {
        if (!(item instanceof FromItem.Join join)) {
            return;
        }
        joins(join.left());
        joins(join.right());
        if (join.condition() != null) {
            link(named(join.condition()));
        }
        if (!join.using().isEmpty() || join.natural()) {
            List<Integer> both = new ArrayList<>(leaves(join.left()));
            both.addAll(leaves(join.right()));
            link(both);
        }
    }

    /** The relations of the leaf items under {@code item}. */
    private List<Integer> leaves(FromItem item) {
        if (item instanceof FromItem.Join join) {
            List<Integer> out = new ArrayList<>(leaves(join.left()));
            out.addAll(leaves(join.right()));
            return out;
        }
        String name = JoinedModify.exposedName(item);
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < relations.size(); i++) {
            if (name != null && name.equals(relations.get(i).name())) {
                out.add(i);
            }
        }
        return out;
    }

    /** The relations whose columns {@code e} names (outside subqueries). */
    private List<Integer> named(Expr e) {
        List<Integer> out = new ArrayList<>();
        for (Expr found : ExprTrees.collect(e, x -> x instanceof Expr.ColumnRef)) {
            Expr.ColumnRef ref = (Expr.ColumnRef) found;
            for (int i = 0; i < relations.size(); i++) {
                Relation r = relations.get(i);
                boolean match = ref.qualifier() == null
                        ? r.columns().contains(ref.name())
                        : ref.qualifier().equals(r.name()) || ref.qualifier().equals(r.qualifiedName());
                if (match) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    private void link(List<Integer> named) {
        for (int i = 1; i < named.size(); i++) {
            parent[root(named.get(i))] = root(named.get(0));
        }
    }

    private int root(int i) {
        while (parent[i] != i) {
            i = parent[i];
        }
        return i;
    }
}
