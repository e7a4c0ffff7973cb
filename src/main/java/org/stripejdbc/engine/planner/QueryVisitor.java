package org.stripejdbc.engine.planner;

import java.util.function.Consumer;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;

/**
 * Visits every expression and FROM item of a query, subqueries included: used to find the highest parameter
 * number of a statement, to count the references to a WITH query and to find the columns it reads
 * ({@link ReadColumns}).
 */
public final class QueryVisitor {
    private final Consumer<Expr> expressions;
    private final Consumer<FromItem> fromItems;
    private final Consumer<Query.Select> blocks;

    private QueryVisitor(Consumer<Expr> expressions, Consumer<FromItem> fromItems) {
        this(expressions, fromItems, s -> {});
    }

    private QueryVisitor(Consumer<Expr> expressions, Consumer<FromItem> fromItems, Consumer<Query.Select> blocks) {
        this.expressions = expressions;
        this.fromItems = fromItems;
        this.blocks = blocks;
    }

    /** Visits every expression, FROM item and SELECT block of {@code query}, subqueries included. */
    static void visit(
            Query query, Consumer<Expr> expressions, Consumer<FromItem> fromItems, Consumer<Query.Select> blocks) {
        new QueryVisitor(expressions, fromItems, blocks).query(query);
    }

    /** The highest {@code $n} used anywhere in {@code query} (0 when none). */
    public static int maxParameterIndex(Query query) {
        int[] max = {0};
        new QueryVisitor(
                        e -> {
                            if (e instanceof Expr.Parameter p) {
                                max[0] = Math.max(max[0], p.index());
                            }
                        },
                        f -> {})
                .query(query);
        return max[0];
    }

    /** The highest {@code $n} used anywhere in {@code expressions}, their subqueries included (0 when none). */
    public static int maxParameterIndex(java.util.List<Expr> expressions) {
        int[] max = {0};
        QueryVisitor visitor = new QueryVisitor(
                e -> {
                    if (e instanceof Expr.Parameter p) {
                        max[0] = Math.max(max[0], p.index());
                    }
                },
                f -> {});
        for (Expr e : expressions) {
            visitor.expression(e);
        }
        return max[0];
    }

    /** How many FROM items in {@code query} name the unqualified table {@code name}. */
    static int countTableReferences(Query query, String name) {
        int[] count = {0};
        new QueryVisitor(e -> {}, f -> {
                    if (f instanceof FromItem.Table t
                            && t.name().schema() == null
                            && t.name().name().equals(name)) {
                        count[0]++;
                    }
                })
                .query(query);
        return count[0];
    }

    private void query(Query query) {
        if (query instanceof Query.Select s) {
            blocks.accept(s);
            s.with().forEach(c -> query(c.query()));
            s.distinctOn().forEach(this::expression);
            for (SelectItem item : s.items()) {
                if (item instanceof SelectItem.Column c) {
                    expression(c.expression());
                }
            }
            if (s.from() != null) {
                from(s.from());
            }
            expression(s.where());
            s.groupBy().forEach(this::expression);
            expression(s.having());
            order(s);
            expression(s.limit());
            expression(s.offset());
        } else if (query instanceof Query.SetOperation s) {
            s.with().forEach(c -> query(c.query()));
            query(s.left());
            query(s.right());
            s.orderBy().forEach(o -> expression(o.expression()));
            expression(s.limit());
            expression(s.offset());
        } else if (query instanceof Query.Values v) {
            v.rows().forEach(row -> row.forEach(this::expression));
            v.orderBy().forEach(o -> expression(o.expression()));
            expression(v.limit());
            expression(v.offset());
        }
    }

    private void order(Query.Select s) {
        for (OrderItem item : s.orderBy()) {
            expression(item.expression());
        }
    }

    private void from(FromItem item) {
        fromItems.accept(item);
        if (item instanceof FromItem.Subquery s) {
            query(s.query());
        } else if (item instanceof FromItem.Function f) {
            expression(f.call());
        } else if (item instanceof FromItem.Values v) {
            v.rows().forEach(row -> row.forEach(this::expression));
        } else if (item instanceof FromItem.Join j) {
            from(j.left());
            from(j.right());
            expression(j.condition());
        }
    }

    private void expression(Expr e) {
        if (e == null) {
            return;
        }
        expressions.accept(e);
        if (e instanceof Expr.InSubquery in) {
            query(in.subquery());
        } else if (e instanceof Expr.Exists x) {
            query(x.subquery());
        } else if (e instanceof Expr.ScalarSubquery s) {
            query(s.subquery());
        }
        for (Expr child : ExprTrees.children(e)) {
            expression(child);
        }
    }
}
