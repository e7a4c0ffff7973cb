package org.stripejdbc.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * A compact builder for the statement model, so tests read close to SQL: {@code select(col("id"), as(fn("lower",
 * col("email")), "e")).from(table("stripe.customers")).where(gt(col("amount"), num(100))).limit(5).build()}.
 * Literals are typed as the parser types them: quoted strings are UNKNOWN, integers BIGINT, decimals NUMERIC.
 */
final class Sql {
    private Sql() {
    }

    // ---------------------------------------------------------------- leaves

    /** {@code name} or {@code q.name}. */
    static Expr col(String reference) {
        int dot = reference.lastIndexOf('.');
        return dot < 0 ? new Expr.ColumnRef(null, reference)
                : new Expr.ColumnRef(reference.substring(0, dot), reference.substring(dot + 1));
    }

    /** A quoted string literal (type unknown until context decides). */
    static Expr str(String text) {
        return new Expr.Literal(text, SqlType.UNKNOWN);
    }

    static Expr num(long value) {
        return new Expr.Literal(value, SqlType.BIGINT);
    }

    static Expr dec(String value) {
        return new Expr.Literal(new BigDecimal(value), SqlType.NUMERIC);
    }

    static Expr bool(boolean value) {
        return new Expr.Literal(value, SqlType.BOOLEAN);
    }

    static Expr nul() {
        return Expr.Literal.nullValue();
    }

    static Expr param(int index) {
        return new Expr.Parameter(index);
    }

    // ---------------------------------------------------------------- operators

    static Expr op(BinaryOperator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    static Expr eq(Expr a, Expr b) {
        return op(BinaryOperator.EQUALS, a, b);
    }

    static Expr ne(Expr a, Expr b) {
        return op(BinaryOperator.NOT_EQUALS, a, b);
    }

    static Expr lt(Expr a, Expr b) {
        return op(BinaryOperator.LESS, a, b);
    }

    static Expr le(Expr a, Expr b) {
        return op(BinaryOperator.LESS_OR_EQUAL, a, b);
    }

    static Expr gt(Expr a, Expr b) {
        return op(BinaryOperator.GREATER, a, b);
    }

    static Expr ge(Expr a, Expr b) {
        return op(BinaryOperator.GREATER_OR_EQUAL, a, b);
    }

    static Expr and(Expr... conjuncts) {
        Expr result = conjuncts[0];
        for (int i = 1; i < conjuncts.length; i++) {
            result = op(BinaryOperator.AND, result, conjuncts[i]);
        }
        return result;
    }

    static Expr or(Expr a, Expr b) {
        return op(BinaryOperator.OR, a, b);
    }

    static Expr not(Expr a) {
        return new Expr.Unary(Expr.UnaryOperator.NOT, a);
    }

    static Expr neg(Expr a) {
        return new Expr.Unary(Expr.UnaryOperator.NEGATE, a);
    }

    static Expr plus(Expr a, Expr b) {
        return op(BinaryOperator.PLUS, a, b);
    }

    static Expr minus(Expr a, Expr b) {
        return op(BinaryOperator.MINUS, a, b);
    }

    static Expr times(Expr a, Expr b) {
        return op(BinaryOperator.MULTIPLY, a, b);
    }

    static Expr div(Expr a, Expr b) {
        return op(BinaryOperator.DIVIDE, a, b);
    }

    static Expr mod(Expr a, Expr b) {
        return op(BinaryOperator.MODULO, a, b);
    }

    static Expr concat(Expr a, Expr b) {
        return op(BinaryOperator.CONCAT, a, b);
    }

    /** {@code a->key} (text key) or {@code a->n} when {@code key} is a Long. */
    static Expr arrow(Expr a, Object key) {
        return op(BinaryOperator.JSON_GET, a, key instanceof Long n ? num(n) : str((String) key));
    }

    static Expr arrowText(Expr a, Object key) {
        return op(BinaryOperator.JSON_GET_TEXT, a, key instanceof Long n ? num(n) : str((String) key));
    }

    static Expr like(Expr value, Expr pattern) {
        return new Expr.Like(value, pattern, false, false, null);
    }

    static Expr cast(Expr value, String typeName) {
        return new Expr.Cast(value, SqlType.fromName(typeName).orElseThrow(), typeName);
    }

    static Expr fn(String name, Expr... arguments) {
        return Expr.FunctionCall.of(name, arguments);
    }

    static Expr countStar() {
        return new Expr.FunctionCall("count", List.of(), false, true, null, List.of(), null);
    }

    static Expr distinctCall(String name, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), true, false, null, List.of(), null);
    }

    static Expr filtered(String name, Expr filter, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), false, false, filter, List.of(), null);
    }

    static Expr orderedCall(String name, List<OrderItem> orderBy, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), false, false, null, orderBy, null);
    }

    static Expr over(Expr.FunctionCall call, List<Expr> partitionBy, List<OrderItem> orderBy) {
        return new Expr.FunctionCall(call.name(), call.arguments(), call.distinct(), call.star(), call.filter(),
                call.orderBy(), new Expr.WindowSpec(partitionBy, orderBy, null));
    }

    static Expr in(Expr value, Expr... items) {
        return new Expr.InList(value, List.of(items), false);
    }

    static Expr notIn(Expr value, Expr... items) {
        return new Expr.InList(value, List.of(items), true);
    }

    static Expr isNull(Expr value) {
        return new Expr.IsNull(value, false);
    }

    static Expr isNotNull(Expr value) {
        return new Expr.IsNull(value, true);
    }

    static Expr exists(Query query) {
        return new Expr.Exists(query, false);
    }

    static Expr scalar(Query query) {
        return new Expr.ScalarSubquery(query);
    }

    static Expr inQuery(Expr value, Query query) {
        return new Expr.InSubquery(value, query, false);
    }

    static Expr caseWhen(Expr condition, Expr result, Expr otherwise) {
        return new Expr.Case(null, List.of(new Expr.When(condition, result)), otherwise);
    }

    // ---------------------------------------------------------------- select lists, FROM, ORDER BY

    static SelectItem as(Expr e, String alias) {
        return new SelectItem.Column(e, alias);
    }

    static SelectItem star() {
        return new SelectItem.Star(null);
    }

    static SelectItem star(String qualifier) {
        return new SelectItem.Star(qualifier);
    }

    static FromItem table(String name) {
        return table(name, null);
    }

    static FromItem table(String name, String alias) {
        int dot = name.indexOf('.');
        QualifiedName qualified = dot < 0 ? QualifiedName.of(name)
                : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
        return new FromItem.Table(qualified, alias);
    }

    static FromItem join(FromItem left, FromItem right, FromItem.JoinType type, Expr on) {
        return new FromItem.Join(left, right, type, on, List.of(), false);
    }

    static FromItem using(FromItem left, FromItem right, FromItem.JoinType type, String... columns) {
        return new FromItem.Join(left, right, type, null, List.of(columns), false);
    }

    static FromItem comma(FromItem left, FromItem right) {
        return new FromItem.Join(left, right, FromItem.JoinType.CROSS, null, List.of(), false);
    }

    static FromItem function(String alias, String name, Expr... arguments) {
        return new FromItem.Function(Expr.FunctionCall.of(name, arguments), alias, List.of(), false, false);
    }

    static FromItem subquery(Query query, String alias) {
        return new FromItem.Subquery(query, alias, List.of(), false);
    }

    static OrderItem asc(Expr e) {
        return new OrderItem(e, false, null);
    }

    static OrderItem desc(Expr e) {
        return new OrderItem(e, true, null);
    }

    static OrderItem order(Expr e, boolean descending, Boolean nullsFirst) {
        return new OrderItem(e, descending, nullsFirst);
    }

    /** {@code select items...}: Expr arguments become unaliased columns. */
    static SelectBuilder select(Object... items) {
        return new SelectBuilder(items);
    }

    /** Builds a {@link Query.Select}. */
    static final class SelectBuilder {
        private final List<SelectItem> items = new ArrayList<>();
        private final List<Query.CommonTableExpression> with = new ArrayList<>();
        private boolean distinct;
        private List<Expr> distinctOn = List.of();
        private FromItem from;
        private Expr where;
        private List<Expr> groupBy = List.of();
        private Expr having;
        private List<OrderItem> orderBy = List.of();
        private Expr limit;
        private Expr offset;

        SelectBuilder(Object... items) {
            for (Object item : items) {
                this.items.add(item instanceof Expr e ? new SelectItem.Column(e, null) : (SelectItem) item);
            }
        }

        SelectBuilder with(String name, Query query) {
            with.add(new Query.CommonTableExpression(name, List.of(), query));
            return this;
        }

        SelectBuilder distinct() {
            distinct = true;
            return this;
        }

        SelectBuilder distinctOn(Expr... expressions) {
            distinctOn = Arrays.asList(expressions);
            return this;
        }

        SelectBuilder from(FromItem item) {
            from = item;
            return this;
        }

        SelectBuilder from(String tableName) {
            return from(table(tableName));
        }

        SelectBuilder where(Expr condition) {
            where = condition;
            return this;
        }

        SelectBuilder groupBy(Expr... keys) {
            groupBy = Arrays.asList(keys);
            return this;
        }

        SelectBuilder having(Expr condition) {
            having = condition;
            return this;
        }

        SelectBuilder orderBy(OrderItem... keys) {
            orderBy = Arrays.asList(keys);
            return this;
        }

        SelectBuilder orderBy(Expr... keys) {
            List<OrderItem> list = new ArrayList<>();
            for (Expr key : keys) {
                list.add(asc(key));
            }
            orderBy = list;
            return this;
        }

        SelectBuilder limit(Expr count) {
            limit = count;
            return this;
        }

        SelectBuilder limit(long count) {
            return limit(num(count));
        }

        SelectBuilder offset(long count) {
            offset = num(count);
            return this;
        }

        SelectBuilder offset(Expr count) {
            offset = count;
            return this;
        }

        Query.Select build() {
            return new Query.Select(with, distinct, distinctOn, items, from, where, groupBy, having, orderBy, limit,
                    offset);
        }
    }

    static Query union(Query left, Query right, boolean all) {
        return new Query.SetOperation(List.of(), Query.SetOperator.UNION, all, left, right, List.of(), null, null);
    }

    static Query setOperation(Query.SetOperator operator, boolean all, Query left, Query right) {
        return new Query.SetOperation(List.of(), operator, all, left, right, List.of(), null, null);
    }
}
