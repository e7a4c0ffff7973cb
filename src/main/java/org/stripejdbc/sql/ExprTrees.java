package org.stripejdbc.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Visiting and rewriting {@link Expr} trees: the children of each node, a bottom-up rewriter, "does any node match"
 * searches and the AND-conjunct split used for pushdown. Subqueries are leaves here: their inner expressions
 * belong to another query block. Used by the engine and by the Stripe adapter alike.
 */
public final class ExprTrees {
    private ExprTrees() {}

    /** The direct sub-expressions of {@code e} (subqueries excluded). */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Unary u) {
            out.add(u.operand());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Expr.Like l) {
            out.add(l.value());
            out.add(l.pattern());
            addIfPresent(out, l.escape());
        } else if (e instanceof Expr.SimilarTo s) {
            out.add(s.value());
            out.add(s.pattern());
        } else if (e instanceof Expr.InList in) {
            out.add(in.value());
            out.addAll(in.items());
        } else if (e instanceof Expr.InSubquery in) {
            out.add(in.value());
        } else if (e instanceof Expr.Quantified q) {
            out.add(q.left());
            out.add(q.array());
        } else if (e instanceof Expr.Between b) {
            out.add(b.value());
            out.add(b.low());
            out.add(b.high());
        } else if (e instanceof Expr.IsNull n) {
            out.add(n.value());
        } else if (e instanceof Expr.IsBoolean b) {
            out.add(b.value());
        } else if (e instanceof Expr.Cast c) {
            out.add(c.value());
        } else if (e instanceof Expr.FunctionCall f) {
            out.addAll(f.arguments());
            addIfPresent(out, f.filter());
            for (OrderItem item : f.orderBy()) {
                out.add(item.expression());
            }
            if (f.over() != null) {
                out.addAll(f.over().partitionBy());
                for (OrderItem item : f.over().orderBy()) {
                    out.add(item.expression());
                }
            }
        } else if (e instanceof Expr.Case c) {
            addIfPresent(out, c.operand());
            for (Expr.When when : c.whens()) {
                out.add(when.condition());
                out.add(when.result());
            }
            addIfPresent(out, c.elseResult());
        } else if (e instanceof Expr.ArrayConstructor a) {
            out.addAll(a.elements());
        } else if (e instanceof Expr.Extract x) {
            out.add(x.source());
        } else if (e instanceof Expr.Subscript s) {
            out.add(s.value());
            out.add(s.index());
        } else if (e instanceof Expr.Slice s) {
            out.add(s.value());
            addIfPresent(out, s.from());
            addIfPresent(out, s.to());
        } else if (e instanceof Expr.RowConstructor r) {
            out.addAll(r.elements());
        }
        return out;
    }

    private static void addIfPresent(List<Expr> out, Expr e) {
        if (e != null) {
            out.add(e);
        }
    }

    /** Whether {@code e} or any sub-expression (not looking into subqueries) satisfies {@code test}. */
    public static boolean any(Expr e, Predicate<Expr> test) {
        if (e == null) {
            return false;
        }
        if (test.test(e)) {
            return true;
        }
        for (Expr child : children(e)) {
            if (any(child, test)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code e} contains a subquery (IN, EXISTS, scalar, or a quantified comparison over one). */
    public static boolean containsSubquery(Expr e) {
        return any(
                e, x -> x instanceof Expr.InSubquery || x instanceof Expr.Exists || x instanceof Expr.ScalarSubquery);
    }

    /**
     * Whether {@code e} contains an aggregate call of this query level (not a window call): a call with {@code *} or
     * whose name {@code isAggregate} says is an aggregate.
     */
    public static boolean containsAggregate(Expr e, Predicate<String> isAggregate) {
        return any(
                e,
                x -> x instanceof Expr.FunctionCall f && f.over() == null && (isAggregate.test(f.name()) || f.star()));
    }

    /** The nodes of {@code e} (not looking into subqueries) that satisfy {@code test}, in pre-order. */
    public static List<Expr> collect(Expr e, Predicate<Expr> test) {
        List<Expr> out = new ArrayList<>();
        collect(e, test, out);
        return out;
    }

    private static void collect(Expr e, Predicate<Expr> test, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (test.test(e)) {
            out.add(e);
        }
        for (Expr child : children(e)) {
            collect(child, test, out);
        }
    }

    /** Whether {@code e} contains a window function call. */
    public static boolean containsWindow(Expr e) {
        return any(e, x -> x instanceof Expr.FunctionCall f && f.over() != null);
    }

    /** The conjuncts of an AND tree: {@code a and (b and c)} is {@code [a, b, c]}; null gives none. */
    public static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        collectConjuncts(e, out);
        return out;
    }

    private static void collectConjuncts(Expr e, List<Expr> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Binary b && b.operator() == Expr.BinaryOperator.AND) {
            collectConjuncts(b.left(), out);
            collectConjuncts(b.right(), out);
        } else {
            out.add(e);
        }
    }

    /** {@code a AND b AND ...}, or null for none. */
    public static Expr and(List<Expr> conjuncts) {
        Expr result = null;
        for (Expr conjunct : conjuncts) {
            result = result == null ? conjunct : new Expr.Binary(Expr.BinaryOperator.AND, result, conjunct);
        }
        return result;
    }

    /**
     * Rewrites {@code e} top-down: where {@code replace} returns non-null the node is replaced (and not descended);
     * elsewhere the children are rewritten and the node rebuilt. Subqueries are kept as they are.
     */
    public static Expr rewrite(Expr e, Function<Expr, Expr> replace) {
        if (e == null) {
            return null;
        }
        Expr replaced = replace.apply(e);
        if (replaced != null) {
            return replaced;
        }
        if (e instanceof Expr.Unary u) {
            return new Expr.Unary(u.operator(), rewrite(u.operand(), replace));
        }
        if (e instanceof Expr.Binary b) {
            return new Expr.Binary(b.operator(), rewrite(b.left(), replace), rewrite(b.right(), replace));
        }
        if (e instanceof Expr.Like l) {
            return new Expr.Like(
                    rewrite(l.value(), replace),
                    rewrite(l.pattern(), replace),
                    l.caseInsensitive(),
                    l.negated(),
                    rewrite(l.escape(), replace));
        }
        if (e instanceof Expr.SimilarTo s) {
            return new Expr.SimilarTo(rewrite(s.value(), replace), rewrite(s.pattern(), replace), s.negated());
        }
        if (e instanceof Expr.InList in) {
            return new Expr.InList(rewrite(in.value(), replace), rewriteAll(in.items(), replace), in.negated());
        }
        if (e instanceof Expr.InSubquery in) {
            return new Expr.InSubquery(rewrite(in.value(), replace), in.subquery(), in.negated());
        }
        if (e instanceof Expr.Quantified q) {
            return new Expr.Quantified(q.operator(), rewrite(q.left(), replace), rewrite(q.array(), replace), q.all());
        }
        if (e instanceof Expr.Between b) {
            return new Expr.Between(
                    rewrite(b.value(), replace), rewrite(b.low(), replace), rewrite(b.high(), replace), b.negated());
        }
        if (e instanceof Expr.IsNull n) {
            return new Expr.IsNull(rewrite(n.value(), replace), n.negated());
        }
        if (e instanceof Expr.IsBoolean b) {
            return new Expr.IsBoolean(rewrite(b.value(), replace), b.expected(), b.negated());
        }
        if (e instanceof Expr.Cast c) {
            return new Expr.Cast(rewrite(c.value(), replace), c.type(), c.typeName());
        }
        if (e instanceof Expr.FunctionCall f) {
            Expr.WindowSpec over = f.over() == null
                    ? null
                    : new Expr.WindowSpec(
                            rewriteAll(f.over().partitionBy(), replace),
                            rewriteOrder(f.over().orderBy(), replace),
                            f.over().frame());
            return new Expr.FunctionCall(
                    f.name(),
                    rewriteAll(f.arguments(), replace),
                    f.distinct(),
                    f.star(),
                    rewrite(f.filter(), replace),
                    rewriteOrder(f.orderBy(), replace),
                    over);
        }
        if (e instanceof Expr.Case c) {
            List<Expr.When> whens = new ArrayList<>();
            for (Expr.When when : c.whens()) {
                whens.add(new Expr.When(rewrite(when.condition(), replace), rewrite(when.result(), replace)));
            }
            return new Expr.Case(rewrite(c.operand(), replace), whens, rewrite(c.elseResult(), replace));
        }
        if (e instanceof Expr.ArrayConstructor a) {
            return new Expr.ArrayConstructor(rewriteAll(a.elements(), replace));
        }
        if (e instanceof Expr.Extract x) {
            return new Expr.Extract(x.field(), rewrite(x.source(), replace));
        }
        if (e instanceof Expr.Subscript s) {
            return new Expr.Subscript(rewrite(s.value(), replace), rewrite(s.index(), replace));
        }
        if (e instanceof Expr.Slice s) {
            return new Expr.Slice(
                    rewrite(s.value(), replace),
                    s.from() == null ? null : rewrite(s.from(), replace),
                    s.to() == null ? null : rewrite(s.to(), replace));
        }
        if (e instanceof Expr.RowConstructor r) {
            return new Expr.RowConstructor(rewriteAll(r.elements(), replace));
        }
        return e;
    }

    private static List<Expr> rewriteAll(List<Expr> list, Function<Expr, Expr> replace) {
        List<Expr> out = new ArrayList<>(list.size());
        for (Expr e : list) {
            out.add(rewrite(e, replace));
        }
        return out;
    }

    private static List<OrderItem> rewriteOrder(List<OrderItem> items, Function<Expr, Expr> replace) {
        List<OrderItem> out = new ArrayList<>(items.size());
        for (OrderItem item : items) {
            out.add(new OrderItem(rewrite(item.expression(), replace), item.descending(), item.nullsFirst()));
        }
        return out;
    }
}
