package org.stripejdbc.engine.planner;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.engine.ScanOrder;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.ScanNode;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;

/**
 * Which SELECT blocks over one table its source's order answers without reading the whole table
 * ({@link ScanOrder}: a Stripe list comes newest first, {@code created} descending):
 * <ul>
 *   <li>{@link #orderBy}, {@link OrderAnswer#WHOLE}: {@code ORDER BY c DESC} alone (the order column in the
 *       order's direction, with or without LIMIT/OFFSET): the rows come in that order, so there is no sort at all,
 *       rows stream from the first page and a LIMIT n reads n rows ({@code select id from stripe.customers order by
 *       created desc limit 5} is one request, {@code limit=5}; an IDE showing the first 200 rows of {@code order by
 *       created desc} makes two requests).</li>
 *   <li>{@link #orderBy}, {@link OrderAnswer#FIRST_KEY}: {@code ORDER BY c DESC, more keys LIMIT n [OFFSET m]}: the
 *       scan is read in order and the top-N stops reading once no further row can enter it (up to the end of the
 *       last kept row's {@code c} value), then sorts what it read.</li>
 *   <li>{@link #answersMaximum}: an aggregate without GROUP BY whose every aggregate call is {@code max(c)} (or
 *       {@code min(c)} for an ascending order): the first row read in order holds it, so one row is read
 *       ({@code select max(created) from stripe.charges where customer = 'cus_1'}: {@code limit=1}).</li>
 * </ul>
 * Not answered this way, because the order says nothing about them: {@code ORDER BY c ASC} and {@code min(c)} (a
 * Stripe list has no ascending order: they read every row), an ORDER BY whose first key is another column, grouped
 * aggregates, and anything over a join, DISTINCT, window functions or set-returning functions.
 */
final class ScanOrderPlanner {
    private final FunctionRegistry functions;

    ScanOrderPlanner(FunctionRegistry functions) {
        this.functions = functions;
    }

    /** How a block's ORDER BY is answered by the order its scan can be read in. */
    enum OrderAnswer {
        /** Not at all: the rows are sorted as usual. */
        NONE,
        /** The order is the whole ORDER BY: the rows need no sort. */
        WHOLE,
        /** The order is the first ORDER BY key: a top-N over rows read in order stops early. */
        FIRST_KEY
    }

    /**
     * How {@code select}'s ORDER BY is answered by the order of {@code scan} (its only FROM item, scope
     * {@code scope}). {@code outputs} are the block's select-list outputs (an ORDER BY item may name one, or its
     * position). {@link OrderAnswer#FIRST_KEY} only with a LIMIT (without one every row is read and sorted anyway,
     * so the scan may as well run in parallel).
     */
    OrderAnswer orderBy(Query.Select select, List<SelectPlanner.Output> outputs, Scope scope, ScanNode scan) {
        ScanOrder order = scan.availableOrder();
        if (order == null || select.orderBy().isEmpty()) {
            return OrderAnswer.NONE;
        }
        OrderItem first = select.orderBy().get(0);
        if (first.descending() != order.descending()
                || !isOrderColumn(orderItemColumn(first.expression(), outputs, scope), scope, scan, order)) {
            return OrderAnswer.NONE;
        }
        if (select.orderBy().size() == 1) {
            return OrderAnswer.WHOLE;
        }
        return select.limit() != null ? OrderAnswer.FIRST_KEY : OrderAnswer.NONE;
    }

    /**
     * Whether {@code select} is an aggregate without GROUP BY whose aggregate calls (select list, HAVING, ORDER BY)
     * are all {@code max(c)} of the order column {@code c} descending ({@code min(c)} ascending), without FILTER.
     */
    boolean answersMaximum(Query.Select select, List<Expr> outputExpressions, Scope scope, ScanNode scan) {
        ScanOrder order = scan.availableOrder();
        if (order == null || select.grouped()) {
            return false;
        }
        List<Expr> all = new ArrayList<>(outputExpressions);
        all.add(select.having());
        for (OrderItem item : select.orderBy()) {
            all.add(item.expression());
        }
        String extreme = order.descending() ? "max" : "min";
        boolean found = false;
        for (Expr e : all) {
            for (Expr call : ExprTrees.collect(e, this::isAggregateCall)) {
                Expr.FunctionCall f = (Expr.FunctionCall) call;
                if (!f.name().equals(extreme)
                        || f.star()
                        || f.filter() != null
                        || f.arguments().size() != 1
                        || !isOrderColumn(columnIndex(f.arguments().get(0), scope), scope, scan, order)) {
                    return false;
                }
                found = true;
            }
        }
        return found;
    }

    private boolean isAggregateCall(Expr e) {
        return e instanceof Expr.FunctionCall f && f.over() == null && (functions.isAggregate(f.name()) || f.star());
    }

    /**
     * The scope column an ORDER BY item denotes: that of the output it names or numbers when that output is a column
     * (or a {@code *} column), else its own when it is a column reference; -1 for anything else.
     */
    private static int orderItemColumn(Expr e, List<SelectPlanner.Output> outputs, Scope scope) {
        Integer ordinal = QueryPlanner.ordinal(e);
        SelectPlanner.Output named = null;
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > outputs.size()) {
                return -1;
            }
            named = outputs.get(ordinal - 1);
        } else if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            for (SelectPlanner.Output output : outputs) {
                if (output.name().equals(ref.name())) {
                    if (named != null) {
                        return -1; // ambiguous: the sort planner says so
                    }
                    named = output;
                }
            }
        }
        if (named != null && named.expression() == null) {
            return named.starColumn().index();
        }
        return columnIndex(named != null ? named.expression() : e, scope);
    }

    /** The scope column {@code e} references directly, or -1. */
    private static int columnIndex(Expr e, Scope scope) {
        if (!(e instanceof Expr.ColumnRef ref)) {
            return -1;
        }
        try {
            Scope.Column column = scope.resolveLocal(ref);
            return column == null ? -1 : column.index();
        } catch (StripeJdbcException ambiguous) {
            return -1; // the sort planner reports it
        }
    }

    /** Whether scope column {@code index} is the scan's order column (the scope being the scan's alone). */
    private static boolean isOrderColumn(int index, Scope scope, ScanNode scan, ScanOrder order) {
        return scope.columns().size() == scan.columns().size()
                && index >= 0
                && index < scan.columns().size()
                && scan.columns().get(index).name().equals(order.column());
    }
}
