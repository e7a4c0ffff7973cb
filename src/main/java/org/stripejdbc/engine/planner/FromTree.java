package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem.JoinType;

/**
 * The relation tree of one FROM clause, as {@link FromPlanner} builds it from the FROM items, {@link ConjunctPlacement}
 * places the conjuncts in it and {@link JoinPlanner} turns it into operators: leaves (base tables and derived
 * relations) and the joins over them, each with its names ({@link Scope}), its width, and where its columns start
 * in the rows of the whole FROM clause ({@code rootOffset}).
 *
 * <p>Example: {@code from stripe.invoices i join stripe.customers c on c.id = i.customer} is a {@link Join} whose left
 * leaf {@code i} covers the columns {@code 0..n-1} of the joined rows and whose right leaf {@code c} starts at column
 * {@code n}; the ON conjunct {@code c.id = i.customer} starts in the join's {@code conditions}.
 */
final class FromTree {
    private FromTree() {}

    /** A relation of the FROM tree: its names (indexes local to its own rows) and width. */
    abstract static class Relation {
        Scope scope;
        int width;
        int rootOffset;
    }

    /** A FROM item: a base table, or a derived relation (subquery, VALUES, function, WITH query). */
    static final class Leaf extends Relation {
        String title;
        TableSource table;
        String alias;
        PlanNode node;
        boolean lateral;
        final List<Conjunct> conjuncts = new ArrayList<>();
    }

    /** A join of two relations; {@code conditions} collects its ON conjuncts and the WHERE conjuncts placed here. */
    static final class Join extends Relation {
        Relation left;
        Relation right;
        JoinType type;
        final List<Conjunct> conditions = new ArrayList<>();
        final List<int[]> fullJoinMerged = new ArrayList<>();
        boolean lateralRight;
    }

    /** A condition and the scope it was written in ({@code homeOffset}: where that scope's columns start). */
    record Conjunct(Expr expression, Scope home, int homeOffset) {}

    /** The leaves under {@code relation} (itself when it is one). */
    static Set<Leaf> leaves(Relation relation) {
        Set<Leaf> out = new HashSet<>();
        collectLeaves(relation, out);
        return out;
    }

    private static void collectLeaves(Relation relation, Set<Leaf> out) {
        if (relation instanceof Leaf leaf) {
            out.add(leaf);
        } else {
            Join join = (Join) relation;
            collectLeaves(join.left, out);
            collectLeaves(join.right, out);
        }
    }

    /**
     * Sets every relation's {@code rootOffset} (where its columns start in the rows of the whole tree, which starts at
     * {@code offset}), and gives the ON conjuncts their scope's offset: the join's own.
     */
    static void assignOffsets(Relation relation, int offset) {
        relation.rootOffset = offset;
        if (relation instanceof Join join) {
            assignOffsets(join.left, offset);
            assignOffsets(join.right, offset + join.left.width);
            List<Conjunct> fixed = new ArrayList<>();
            for (Conjunct c : join.conditions) {
                fixed.add(c.homeOffset() < 0 ? new Conjunct(c.expression(), c.home(), offset) : c);
            }
            join.conditions.clear();
            join.conditions.addAll(fixed);
        }
    }
}
