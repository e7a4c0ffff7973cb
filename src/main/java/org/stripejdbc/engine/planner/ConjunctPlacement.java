package org.stripejdbc.engine.planner;

import static org.stripejdbc.engine.planner.FromTree.leaves;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.planner.FromTree.Conjunct;
import org.stripejdbc.engine.planner.FromTree.Join;
import org.stripejdbc.engine.planner.FromTree.Leaf;
import org.stripejdbc.engine.planner.FromTree.Relation;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem.JoinType;

/**
 * Places the conjuncts of one FROM clause (its ON conditions and the block's WHERE conjuncts) in its
 * {@link FromTree} as deep as each may go without changing the result: a conjunct that references one leaf only goes
 * to that leaf (for a base table, to be offered to its source), unless an outer join makes that leaf the
 * NULL-supplying side; one that spans both sides of an inner join becomes that join's condition. What cannot go
 * down is left to the caller (a filter above the joins).
 *
 * <p>Example: in {@code from stripe.customers c left join stripe.charges ch on ch.customer = c.id and ch.paid where
 * c.email = 'a@b.c'}, {@code ch.paid} goes to the charges leaf (a LEFT join may filter its right side before
 * joining), {@code c.email = 'a@b.c'} to the customers leaf, and {@code ch.customer = c.id} stays the join's condition.
 */
final class ConjunctPlacement {
    /** For each column of the FROM clause's rows, the leaves it comes from. */
    private final List<Set<Leaf>> indexLeaves = new ArrayList<>();

    /** The placement over {@code root}, whose offsets are assigned ({@link FromTree#assignOffsets}). */
    ConjunctPlacement(Relation root) {
        for (int i = 0; i < root.width; i++) {
            indexLeaves.add(new HashSet<>());
        }
        mapLeaves(root, indexLeaves);
    }

    private static void mapLeaves(Relation relation, List<Set<Leaf>> indexLeaves) {
        if (relation instanceof Leaf leaf) {
            for (int i = 0; i < leaf.width; i++) {
                indexLeaves.get(leaf.rootOffset + i).add(leaf);
            }
            return;
        }
        Join join = (Join) relation;
        mapLeaves(join.left, indexLeaves);
        mapLeaves(join.right, indexLeaves);
        int base = join.rootOffset + join.left.width + join.right.width;
        for (int k = 0; k < join.fullJoinMerged.size(); k++) {
            int[] sides = join.fullJoinMerged.get(k);
            indexLeaves.get(base + k).addAll(indexLeaves.get(join.rootOffset + sides[0]));
            indexLeaves.get(base + k).addAll(indexLeaves.get(join.rootOffset + sides[1]));
        }
    }

    /**
     * The leaves whose columns {@code e} references, {@code e} being written in {@code conjunct}'s scope (a conjunct,
     * or one side of it); references to enclosing blocks count for none.
     */
    Set<Leaf> leavesOf(Expr e, Conjunct conjunct) {
        Set<Leaf> leaves = new LinkedHashSet<>();
        ExprTrees.any(e, x -> {
            if (x instanceof Expr.ColumnRef ref) {
                Scope.Resolved resolved = conjunct.home().resolve(ref);
                if (resolved.depth() == 0) {
                    leaves.addAll(indexLeaves.get(
                            conjunct.homeOffset() + resolved.column().index()));
                }
            }
            return false;
        });
        return leaves;
    }

    /**
     * Puts {@code conjunct} (which references exactly {@code referenced}) as deep under {@code relation} as it can
     * go; false when it cannot be placed at or under {@code relation} (the caller keeps it above).
     */
    boolean place(Conjunct conjunct, Set<Leaf> referenced, Relation relation) {
        if (relation instanceof Leaf leaf) {
            if (leaf.lateral || !referenced.equals(Set.of(leaf))) {
                return false;
            }
            leaf.conjuncts.add(conjunct);
            return true;
        }
        Join join = (Join) relation;
        JoinType type = join.type;
        boolean leftFilterable = type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.LEFT;
        boolean rightFilterable = type == JoinType.INNER || type == JoinType.CROSS || type == JoinType.RIGHT;
        if (leftFilterable && leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left)) {
            return true;
        }
        if (rightFilterable && leaves(join.right).containsAll(referenced) && place(conjunct, referenced, join.right)) {
            return true;
        }
        if (type == JoinType.INNER || type == JoinType.CROSS) {
            join.conditions.add(conjunct);
            return true;
        }
        return false;
    }

    /** Pushes each join's own ON conjuncts down where the join type allows it. */
    void distributeJoinConditions(Relation relation) {
        if (!(relation instanceof Join join)) {
            return;
        }
        distributeJoinConditions(join.left);
        distributeJoinConditions(join.right);
        List<Conjunct> own = new ArrayList<>(join.conditions);
        join.conditions.clear();
        for (Conjunct conjunct : own) {
            if (ExprTrees.containsSubquery(conjunct.expression())) {
                join.conditions.add(conjunct);
                continue;
            }
            Set<Leaf> referenced = leavesOf(conjunct.expression(), conjunct);
            boolean placed = false;
            if (!referenced.isEmpty()) {
                switch (join.type) {
                    case INNER:
                    case CROSS:
                        placed = (leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left))
                                || (leaves(join.right).containsAll(referenced)
                                        && place(conjunct, referenced, join.right));
                        break;
                    case LEFT:
                        placed = leaves(join.right).containsAll(referenced) && place(conjunct, referenced, join.right);
                        break;
                    case RIGHT:
                        placed = leaves(join.left).containsAll(referenced) && place(conjunct, referenced, join.left);
                        break;
                    default:
                        break;
                }
            }
            if (!placed) {
                join.conditions.add(conjunct);
            }
        }
    }
}
