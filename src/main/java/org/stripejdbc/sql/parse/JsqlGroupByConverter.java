package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.GroupByElement;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;

/**
 * Converts a GROUP BY clause: plain keys, or grouping sets expanded as Postgres expands them. Each item of the clause
 * gives a list of sets, and the clause's sets are their cartesian product: a plain key {@code a} gives
 * {@code [(a)]}, {@code ()} gives {@code [()]}, {@code ROLLUP (a, b)} gives {@code [(a, b), (a), ()]},
 * {@code CUBE (a, b)} every subset, {@code GROUPING SETS (...)} the sets of each of its items one after the other
 * (an item is a key, a parenthesized list, {@code ()}, or a nested ROLLUP, CUBE or GROUPING SETS). A parenthesized
 * list {@code (a, b)} in ROLLUP or CUBE is one element; at the top level it is the keys a and b.
 *
 * <p>Example: {@code group by status, rollup (currency, customer)} gives the keys {@code [status, currency,
 * customer]} and the sets {@code [(status, currency, customer), (status, currency), (status)]}. Duplicate sets are
 * kept ({@code grouping sets ((a), (a))} groups twice), as in Postgres. More than {@value #MAX_SETS} sets, or a CUBE
 * of more than {@value #MAX_CUBE} elements, is 54001.
 */
final class JsqlGroupByConverter {
    static final int MAX_SETS = 4096;
    static final int MAX_CUBE = 12;

    /** A converted GROUP BY: every key once, and the sets (empty for a plain GROUP BY). */
    record GroupBy(List<Expr> keys, List<List<Expr>> sets) {}

    private final JsqlExpressionConverter expressions;

    JsqlGroupByConverter(JsqlExpressionConverter expressions) {
        this.expressions = expressions;
    }

    GroupBy convert(GroupByElement groupBy) {
        if (groupBy == null) {
            return new GroupBy(List.of(), List.of());
        }
        List<List<List<Expr>>> items = new ArrayList<>();
        boolean plain = true;
        if (groupBy.getGroupingSets() != null && !groupBy.getGroupingSets().isEmpty()) {
            // Not reached through JsqlSource (it hands GROUPING SETS over as a call); read the same way if it is.
            List<List<Expr>> sets = new ArrayList<>();
            for (Object item : groupBy.getGroupingSets()) {
                sets.addAll(groupingSetItem((Expression) item));
            }
            items.add(sets);
            plain = false;
        }
        ExpressionList<?> list = groupBy.getGroupByExpressionList();
        if (list != null) {
            for (Expression expression : list) {
                String construct = construct(expression);
                if (construct != null) {
                    items.add(expand((Function) expression, construct));
                    plain = false;
                } else if (expression instanceof ParenthesedExpressionList<?> parenthesed) {
                    if (parenthesed.isEmpty()) {
                        plain = false;
                    }
                    items.add(List.of(element(parenthesed)));
                } else {
                    items.add(List.of(List.of(key(expression))));
                }
            }
        }
        if (items.isEmpty()) {
            // group by (): one set without keys.
            return new GroupBy(List.of(), List.of(List.of()));
        }
        List<List<Expr>> sets = List.of(List.of());
        for (List<List<Expr>> item : items) {
            List<List<Expr>> product = new ArrayList<>();
            for (List<Expr> left : sets) {
                for (List<Expr> right : item) {
                    List<Expr> set = new ArrayList<>(left);
                    set.addAll(right);
                    product.add(set);
                    checkCount(product.size());
                }
            }
            sets = product;
        }
        List<Expr> keys = new ArrayList<>();
        for (List<Expr> set : sets) {
            for (Expr key : set) {
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return new GroupBy(keys, plain ? List.of() : sets);
    }

    /** {@code rollup}, {@code cube} or {@code grouping sets} when {@code e} is that construct, else null. */
    private static String construct(Expression e) {
        if (!(e instanceof Function f) || f.getName() == null) {
            return null;
        }
        String name = f.getName().toLowerCase(Locale.ROOT);
        if (name.equals(JsqlSource.GROUPING_SETS)) {
            return "grouping sets";
        }
        return name.equals("rollup") || name.equals("cube") ? name : null;
    }

    private List<List<Expr>> expand(Function f, String construct) {
        if (f.isDistinct()
                || f.isAllColumns()
                || f.getKeep() != null
                || f.getOrderByElements() != null && !f.getOrderByElements().isEmpty()
                || f.getAttribute() != null) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR, "syntax error in " + construct.toUpperCase(Locale.ROOT));
        }
        List<Expression> arguments = new ArrayList<>();
        if (f.getParameters() instanceof ParenthesedExpressionList<?> single) {
            // JSqlParser gives rollup ((a, b)) the list (a, b) as its parameters: one parenthesized argument.
            arguments.add(single);
        } else if (f.getParameters() != null) {
            arguments.addAll(f.getParameters());
        }
        if (construct.equals("grouping sets")) {
            List<List<Expr>> sets = new ArrayList<>();
            for (Expression item : arguments) {
                sets.addAll(groupingSetItem(item));
                checkCount(sets.size());
            }
            return sets;
        }
        List<List<Expr>> elements = new ArrayList<>();
        for (Expression argument : arguments) {
            if (construct(argument) != null
                    || argument instanceof ParenthesedExpressionList<?> p && p.isEmpty() && arguments.size() > 1) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR,
                        "syntax error: " + construct.toUpperCase(Locale.ROOT)
                                + " takes expressions and parenthesized lists of them");
            }
            elements.add(argument instanceof ParenthesedExpressionList<?> p ? element(p) : List.of(key(argument)));
        }
        List<List<Expr>> sets = new ArrayList<>();
        if (construct.equals("rollup")) {
            for (int n = elements.size(); n >= 0; n--) {
                sets.add(concat(elements.subList(0, n)));
            }
            return sets;
        }
        if (elements.size() > MAX_CUBE) {
            throw new StripeJdbcException(
                    SqlState.STATEMENT_TOO_COMPLEX, "CUBE is limited to " + MAX_CUBE + " elements");
        }
        int all = (1 << elements.size()) - 1;
        for (int mask = all; mask >= 0; mask--) {
            List<List<Expr>> chosen = new ArrayList<>();
            for (int i = 0; i < elements.size(); i++) {
                if ((mask & (1 << (elements.size() - 1 - i))) != 0) {
                    chosen.add(elements.get(i));
                }
            }
            sets.add(concat(chosen));
        }
        return sets;
    }

    /** One item of GROUPING SETS (...): its sets. */
    private List<List<Expr>> groupingSetItem(Expression item) {
        String construct = construct(item);
        if (construct != null) {
            return expand((Function) item, construct);
        }
        if (item instanceof ParenthesedExpressionList<?> parenthesed) {
            return List.of(element(parenthesed));
        }
        if (item instanceof ExpressionList<?> list) {
            List<Expr> set = new ArrayList<>();
            for (Expression e : list) {
                set.add(key(e));
            }
            return List.of(set);
        }
        return List.of(List.of(key(item)));
    }

    private List<Expr> element(ParenthesedExpressionList<?> parenthesed) {
        List<Expr> keys = new ArrayList<>();
        for (Expression e : parenthesed) {
            if (construct(e) != null || e instanceof ParenthesedExpressionList<?> p && p.isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR, "syntax error: a parenthesized grouping list takes expressions");
            }
            keys.add(key(e));
        }
        return keys;
    }

    private Expr key(Expression e) {
        return expressions.convert(e);
    }

    private static List<Expr> concat(List<List<Expr>> elements) {
        List<Expr> set = new ArrayList<>();
        for (List<Expr> element : elements) {
            set.addAll(element);
        }
        return set;
    }

    private static void checkCount(int sets) {
        if (sets > MAX_SETS) {
            throw new StripeJdbcException(
                    SqlState.STATEMENT_TOO_COMPLEX, "too many grouping sets present (maximum " + MAX_SETS + ")");
        }
    }
}
