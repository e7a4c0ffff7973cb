package org.stripejdbc.engine.planner;

import java.util.function.Predicate;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;

/**
 * Checks where a recursive WITH query names itself, with Postgres' rules and errors (42P19): never in its
 * non-recursive term, exactly once in its recursive term, and there not inside a subquery of an expression, on the
 * side of an outer join that may be null-extended, under INTERSECT ALL or EXCEPT, nor in a block that aggregates or
 * groups. A WITH inside the query that defines the same name hides it.
 *
 * <p>Example: {@code with recursive t(n) as (select 1 union all select n + 1 from stripe.charges c left join t on
 * true)} fails with {@code recursive reference to query "t" must not appear within an outer join}.
 */
final class RecursionCheck {

    /** Where a self-reference is being looked for, with the error a reference there is. */
    enum Context {
        OK(null),
        NON_RECURSIVE_TERM("within its non-recursive term"),
        SUBLINK("within a subquery"),
        OUTER_JOIN("within an outer join"),
        INTERSECT("within INTERSECT"),
        EXCEPT("within EXCEPT");

        private final String where;

        Context(String where) {
            this.where = where;
        }
    }

    private final String name;
    private final Predicate<String> isAggregate;
    private int references;

    private RecursionCheck(String name, Predicate<String> isAggregate) {
        this.name = name;
        this.isAggregate = isAggregate;
    }

    /** How many times {@code query} names the WITH query {@code name} (not hidden by an inner WITH). */
    static int references(Query query, String name) {
        RecursionCheck counter = new RecursionCheck(name, f -> false);
        counter.countOnly = true;
        counter.query(query, Context.OK);
        return counter.references;
    }

    private boolean countOnly;

    /** Checks the two terms of the recursive WITH query {@code name}; the recursive term must name it once. */
    static void check(Query nonRecursiveTerm, Query recursiveTerm, String name, Predicate<String> isAggregate) {
        new RecursionCheck(name, isAggregate).query(nonRecursiveTerm, Context.NON_RECURSIVE_TERM);
        RecursionCheck recursive = new RecursionCheck(name, isAggregate);
        recursive.query(recursiveTerm, Context.OK);
        if (recursive.references != 1) {
            throw invalid("recursive query \"" + name
                    + "\" does not have the form non-recursive-term UNION [ALL] recursive-term");
        }
    }

    private void query(Query query, Context context) {
        if (query instanceof Query.Select s) {
            if (hides(s.with())) {
                return;
            }
            s.with().forEach(c -> query(c.query(), context));
            if (s.from() != null) {
                from(s.from(), context);
                if (!countOnly && context == Context.OK && namesDirectly(s.from()) && aggregates(s)) {
                    throw invalid("aggregate functions are not allowed in a recursive query's recursive term");
                }
            }
            for (SelectItem item : s.items()) {
                if (item instanceof SelectItem.Column c) {
                    expression(c.expression(), context);
                }
            }
            s.distinctOn().forEach(e -> expression(e, context));
            expression(s.where(), context);
            s.groupBy().forEach(e -> expression(e, context));
            expression(s.having(), context);
            orderAndLimit(s.orderBy(), s.limit(), s.offset(), context);
        } else if (query instanceof Query.SetOperation s) {
            if (hides(s.with())) {
                return;
            }
            s.with().forEach(c -> query(c.query(), context));
            Context left = context;
            Context right = context;
            if (context == Context.OK && s.operator() == Query.SetOperator.INTERSECT && s.all()) {
                left = right = Context.INTERSECT;
            } else if (context == Context.OK && s.operator() == Query.SetOperator.EXCEPT) {
                left = s.all() ? Context.EXCEPT : context;
                right = Context.EXCEPT;
            }
            query(s.left(), left);
            query(s.right(), right);
            orderAndLimit(s.orderBy(), s.limit(), s.offset(), context);
        } else if (query instanceof Query.Values v) {
            v.rows().forEach(row -> row.forEach(e -> expression(e, context)));
            orderAndLimit(v.orderBy(), v.limit(), v.offset(), context);
        }
    }

    private boolean hides(java.util.List<Query.CommonTableExpression> with) {
        return with.stream().anyMatch(c -> c.name().equals(name));
    }

    private void orderAndLimit(java.util.List<OrderItem> orderBy, Expr limit, Expr offset, Context context) {
        orderBy.forEach(o -> expression(o.expression(), context));
        expression(limit, context);
        expression(offset, context);
    }

    private void from(FromItem item, Context context) {
        if (item instanceof FromItem.Table t) {
            if (t.name().schema() == null && t.name().name().equals(name)) {
                reference(context);
            }
        } else if (item instanceof FromItem.Subquery s) {
            query(s.query(), context);
        } else if (item instanceof FromItem.Function f) {
            expression(f.call(), context);
        } else if (item instanceof FromItem.Values v) {
            v.rows().forEach(row -> row.forEach(e -> expression(e, context)));
        } else if (item instanceof FromItem.Join j) {
            Context outer = context == Context.OK ? Context.OUTER_JOIN : context;
            FromItem.JoinType type = j.type();
            from(j.left(), type == FromItem.JoinType.RIGHT || type == FromItem.JoinType.FULL ? outer : context);
            from(j.right(), type == FromItem.JoinType.LEFT || type == FromItem.JoinType.FULL ? outer : context);
            expression(j.condition(), context);
        }
    }

    private void expression(Expr e, Context context) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.InSubquery in) {
            expression(in.value(), context);
            query(in.subquery(), Context.SUBLINK);
            return;
        }
        if (e instanceof Expr.Exists x) {
            query(x.subquery(), Context.SUBLINK);
            return;
        }
        if (e instanceof Expr.ScalarSubquery s) {
            query(s.subquery(), Context.SUBLINK);
            return;
        }
        for (Expr child : ExprTrees.children(e)) {
            expression(child, context);
        }
    }

    private void reference(Context context) {
        if (countOnly) {
            references++;
            return;
        }
        if (context != Context.OK) {
            throw invalid("recursive reference to query \"" + name + "\" must not appear " + context.where);
        }
        if (++references > 1) {
            throw invalid("recursive reference to query \"" + name + "\" must not appear more than once");
        }
    }

    /** Whether the FROM clause itself (its joins included, not its subqueries) names the query. */
    private boolean namesDirectly(FromItem item) {
        if (item instanceof FromItem.Table t) {
            return t.name().schema() == null && t.name().name().equals(name);
        }
        return item instanceof FromItem.Join j && (namesDirectly(j.left()) || namesDirectly(j.right()));
    }

    private boolean aggregates(Query.Select s) {
        if (s.grouped() || s.having() != null) {
            return true;
        }
        for (SelectItem item : s.items()) {
            if (item instanceof SelectItem.Column c && ExprTrees.containsAggregate(c.expression(), isAggregate)) {
                return true;
            }
        }
        return s.orderBy().stream().anyMatch(o -> ExprTrees.containsAggregate(o.expression(), isAggregate));
    }

    private static StripeJdbcException invalid(String message) {
        return new StripeJdbcException(SqlState.INVALID_RECURSION, message);
    }
}
