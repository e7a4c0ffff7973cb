package org.stripejdbc.sql;

import java.util.List;
import java.util.Objects;

/** A query expression: a SELECT block, a set operation or a VALUES list, with optional WITH. */
public sealed interface Query {

    /**
     * One SELECT block. {@code from} is null for {@code select 1}; several FROM items are one left-deep
     * CROSS {@link FromItem.Join} tree. {@code limit}/{@code offset} are expressions (literal or parameter)
     * or null; {@code FETCH FIRST n ROWS ONLY} arrives as {@code limit}. {@code distinct} is plain
     * {@code SELECT DISTINCT}; {@code SELECT DISTINCT ON (a, b)} has {@code distinct == false} and the
     * expressions in {@code distinctOn}.
     *
     * <p>{@code groupingSets} is empty for a plain GROUP BY. With GROUPING SETS, ROLLUP, CUBE or {@code ()} it holds
     * the expanded sets, each a list of expressions of {@code groupBy}, which then lists every grouping expression
     * once: {@code group by status, rollup (currency)} has {@code groupBy = [status, currency]} and
     * {@code groupingSets = [[status, currency], [status]]}.
     */
    record Select(
            List<CommonTableExpression> with,
            boolean distinct,
            List<Expr> distinctOn,
            List<SelectItem> items,
            FromItem from,
            Expr where,
            List<Expr> groupBy,
            Expr having,
            List<OrderItem> orderBy,
            Expr limit,
            Expr offset,
            List<List<Expr>> groupingSets)
            implements Query {
        public Select {
            with = with == null ? List.of() : List.copyOf(with);
            distinctOn = distinctOn == null ? List.of() : List.copyOf(distinctOn);
            items = List.copyOf(items);
            groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
            orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
            groupingSets = groupingSets == null
                    ? List.of()
                    : groupingSets.stream().map(List::copyOf).toList();
        }

        /** A block with a plain GROUP BY (no grouping sets). */
        public Select(
                List<CommonTableExpression> with,
                boolean distinct,
                List<Expr> distinctOn,
                List<SelectItem> items,
                FromItem from,
                Expr where,
                List<Expr> groupBy,
                Expr having,
                List<OrderItem> orderBy,
                Expr limit,
                Expr offset) {
            this(with, distinct, distinctOn, items, from, where, groupBy, having, orderBy, limit, offset, null);
        }

        /** Whether the block groups: a GROUP BY of keys, or of grouping sets only ({@code group by ()}). */
        public boolean grouped() {
            return !groupBy.isEmpty() || !groupingSets.isEmpty();
        }
    }

    enum SetOperator {
        UNION,
        INTERSECT,
        EXCEPT
    }

    /** {@code left UNION [ALL] right ...} with the ORDER BY / LIMIT that apply to the whole. */
    record SetOperation(
            List<CommonTableExpression> with,
            SetOperator operator,
            boolean all,
            Query left,
            Query right,
            List<OrderItem> orderBy,
            Expr limit,
            Expr offset)
            implements Query {
        public SetOperation {
            with = with == null ? List.of() : List.copyOf(with);
            Objects.requireNonNull(operator, "operator");
            orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        }
    }

    /** A top-level {@code VALUES (...), (...)}. */
    record Values(List<List<Expr>> rows, List<OrderItem> orderBy, Expr limit, Expr offset) implements Query {
        public Values {
            rows = rows.stream().map(List::copyOf).toList();
            orderBy = orderBy == null ? List.of() : List.copyOf(orderBy);
        }
    }

    /**
     * {@code name [(columns)] AS (query)} of a WITH clause; {@code recursive} when the clause is
     * {@code WITH RECURSIVE} (the query may then name itself, and every item of the clause sees every other).
     */
    record CommonTableExpression(String name, List<String> columnAliases, Query query, boolean recursive) {
        public CommonTableExpression {
            Objects.requireNonNull(name, "name");
            columnAliases = columnAliases == null ? List.of() : List.copyOf(columnAliases);
            Objects.requireNonNull(query, "query");
        }

        /** An item of a plain (not RECURSIVE) WITH clause. */
        public CommonTableExpression(String name, List<String> columnAliases, Query query) {
            this(name, columnAliases, query, false);
        }
    }
}
