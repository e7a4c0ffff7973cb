package org.stripejdbc.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.runtime.QueryControl;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Builders of the statement model ({@code sql.Expr}, {@code sql.Query}), standing in for the SQL parser so that a
 * test reads close to the SQL it means. One kit for every package: the Stripe adapter's tests build conditions,
 * the engine's tests whole queries.
 *
 * <p>Example: {@code where email = 'a@b.c' and created >= '2024-01-01'::timestamp} is
 * {@code where(eq(col("email"), text("a@b.c")), ge(col("created"), timestamp("2024-01-01")))}; a query is
 * {@code select(col("id"), as(fn("lower", col("email")), "e")).from("stripe.customers").where(gt(col("amount"),
 * number(100))).limit(5).build()}.
 *
 * <p>Literals are typed as the parser types them: quoted strings are {@code UNKNOWN} until context decides,
 * integers {@code BIGINT}, decimals {@code NUMERIC}.
 */
public final class Sql {
    /** The statement time of {@link #context(Object...)}: 2024-06-01T00:00:00Z. */
    public static final Instant STATEMENT_TIME = Instant.parse("2024-06-01T00:00:00Z");

    private Sql() {}

    // ---------------------------------------------------------------- leaves

    /** {@code name}, or {@code q.name} when the reference has a dot. */
    public static Expr.ColumnRef col(String reference) {
        int dot = reference.lastIndexOf('.');
        return dot < 0
                ? new Expr.ColumnRef(null, reference)
                : new Expr.ColumnRef(reference.substring(0, dot), reference.substring(dot + 1));
    }

    /** A quoted string literal, untyped as the parser gives it: {@code 'a@b.c'}. */
    public static Expr.Literal text(String value) {
        return new Expr.Literal(value, SqlType.UNKNOWN);
    }

    /** An integer literal ({@code bigint}). */
    public static Expr.Literal number(long value) {
        return new Expr.Literal(value, SqlType.BIGINT);
    }

    /** A decimal literal ({@code numeric}): {@code decimal("2.50")}. */
    public static Expr.Literal decimal(String value) {
        return new Expr.Literal(new BigDecimal(value), SqlType.NUMERIC);
    }

    public static Expr.Literal bool(boolean value) {
        return new Expr.Literal(value, SqlType.BOOLEAN);
    }

    /** {@code NULL}. */
    public static Expr.Literal nullValue() {
        return Expr.Literal.nullValue();
    }

    /** The JDBC parameter {@code $index} (1-based). */
    public static Expr.Parameter param(int index) {
        return new Expr.Parameter(index);
    }

    /** {@code 'text'::timestamp}. */
    public static Expr timestamp(String text) {
        return new Expr.Cast(text(text), SqlType.TIMESTAMP, "timestamp");
    }

    /** {@code to_timestamp(seconds)}. */
    public static Expr toTimestamp(long seconds) {
        return Expr.FunctionCall.of("to_timestamp", number(seconds));
    }

    // ---------------------------------------------------------------- operators

    public static Expr op(BinaryOperator operator, Expr left, Expr right) {
        return new Expr.Binary(operator, left, right);
    }

    public static Expr eq(Expr left, Expr right) {
        return op(BinaryOperator.EQUALS, left, right);
    }

    public static Expr ne(Expr left, Expr right) {
        return op(BinaryOperator.NOT_EQUALS, left, right);
    }

    public static Expr lt(Expr left, Expr right) {
        return op(BinaryOperator.LESS, left, right);
    }

    public static Expr le(Expr left, Expr right) {
        return op(BinaryOperator.LESS_OR_EQUAL, left, right);
    }

    public static Expr gt(Expr left, Expr right) {
        return op(BinaryOperator.GREATER, left, right);
    }

    public static Expr ge(Expr left, Expr right) {
        return op(BinaryOperator.GREATER_OR_EQUAL, left, right);
    }

    /** {@code a AND b AND c}, nested to the left as the parser nests it: {@code ((a AND b) AND c)}. */
    public static Expr and(Expr... conjuncts) {
        Expr result = conjuncts[0];
        for (int i = 1; i < conjuncts.length; i++) {
            result = op(BinaryOperator.AND, result, conjuncts[i]);
        }
        return result;
    }

    public static Expr or(Expr left, Expr right) {
        return op(BinaryOperator.OR, left, right);
    }

    public static Expr not(Expr operand) {
        return new Expr.Unary(Expr.UnaryOperator.NOT, operand);
    }

    /** Unary minus: {@code -a}. */
    public static Expr neg(Expr operand) {
        return new Expr.Unary(Expr.UnaryOperator.NEGATE, operand);
    }

    public static Expr plus(Expr left, Expr right) {
        return op(BinaryOperator.PLUS, left, right);
    }

    public static Expr minus(Expr left, Expr right) {
        return op(BinaryOperator.MINUS, left, right);
    }

    public static Expr times(Expr left, Expr right) {
        return op(BinaryOperator.MULTIPLY, left, right);
    }

    public static Expr div(Expr left, Expr right) {
        return op(BinaryOperator.DIVIDE, left, right);
    }

    public static Expr mod(Expr left, Expr right) {
        return op(BinaryOperator.MODULO, left, right);
    }

    /** {@code a || b}. */
    public static Expr concat(Expr left, Expr right) {
        return op(BinaryOperator.CONCAT, left, right);
    }

    /** {@code a->'key'} (text key) or {@code a->n} when {@code key} is a Long. */
    public static Expr arrow(Expr value, Object key) {
        return op(BinaryOperator.JSON_GET, value, key instanceof Long n ? number(n) : text((String) key));
    }

    /** {@code a->>'key'} (text key) or {@code a->>n} when {@code key} is a Long. */
    public static Expr arrowText(Expr value, Object key) {
        return op(BinaryOperator.JSON_GET_TEXT, value, key instanceof Long n ? number(n) : text((String) key));
    }

    /** {@code value LIKE 'pattern'}. */
    public static Expr like(Expr value, String pattern) {
        return like(value, text(pattern));
    }

    public static Expr like(Expr value, Expr pattern) {
        return new Expr.Like(value, pattern, false, false, null);
    }

    /** {@code value::typeName}, e.g. {@code cast(text("5"), "integer")}. */
    public static Expr cast(Expr value, String typeName) {
        return new Expr.Cast(value, SqlType.fromName(typeName).orElseThrow(), typeName);
    }

    public static Expr in(Expr value, Expr... items) {
        return new Expr.InList(value, List.of(items), false);
    }

    public static Expr notIn(Expr value, Expr... items) {
        return new Expr.InList(value, List.of(items), true);
    }

    /** {@code value = ANY(array)}. */
    public static Expr any(Expr value, Expr array) {
        return new Expr.Quantified(BinaryOperator.EQUALS, value, array, false);
    }

    /** {@code ARRAY[elements...]}. */
    public static Expr array(Expr... elements) {
        return new Expr.ArrayConstructor(List.of(elements));
    }

    public static Expr between(Expr value, Expr low, Expr high) {
        return new Expr.Between(value, low, high, false);
    }

    public static Expr isNull(Expr value) {
        return new Expr.IsNull(value, false);
    }

    public static Expr isNotNull(Expr value) {
        return new Expr.IsNull(value, true);
    }

    public static Expr caseWhen(Expr condition, Expr result, Expr otherwise) {
        return new Expr.Case(null, List.of(new Expr.When(condition, result)), otherwise);
    }

    // ---------------------------------------------------------------- function calls

    /** {@code name(arguments...)}. */
    public static Expr fn(String name, Expr... arguments) {
        return Expr.FunctionCall.of(name, arguments);
    }

    /** {@code lower(value)}. */
    public static Expr lower(Expr value) {
        return fn("lower", value);
    }

    /** {@code count(*)}. */
    public static Expr countStar() {
        return new Expr.FunctionCall("count", List.of(), false, true, null, List.of(), null);
    }

    /** {@code name(DISTINCT arguments...)}. */
    public static Expr distinctCall(String name, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), true, false, null, List.of(), null);
    }

    /** {@code name(arguments...) FILTER (WHERE filter)}. */
    public static Expr filtered(String name, Expr filter, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), false, false, filter, List.of(), null);
    }

    /** {@code name(arguments... ORDER BY orderBy)}. */
    public static Expr orderedCall(String name, List<OrderItem> orderBy, Expr... arguments) {
        return new Expr.FunctionCall(name, List.of(arguments), false, false, null, orderBy, null);
    }

    /** {@code call OVER (PARTITION BY partitionBy ORDER BY orderBy)}. */
    public static Expr over(Expr.FunctionCall call, List<Expr> partitionBy, List<OrderItem> orderBy) {
        return new Expr.FunctionCall(
                call.name(),
                call.arguments(),
                call.distinct(),
                call.star(),
                call.filter(),
                call.orderBy(),
                new Expr.WindowSpec(partitionBy, orderBy, null));
    }

    // ---------------------------------------------------------------- subqueries

    public static Expr exists(Query query) {
        return new Expr.Exists(query, false);
    }

    /** {@code (select ...)} as a value. */
    public static Expr scalar(Query query) {
        return new Expr.ScalarSubquery(query);
    }

    /** {@code value IN (select ...)}. */
    public static Expr inQuery(Expr value, Query query) {
        return new Expr.InSubquery(value, query, false);
    }

    // ---------------------------------------------------------------- conditions of a scan

    /** The conjuncts of a WHERE clause as the planner offers them to a table: {@code where(a, b)} is a AND b. */
    public static List<Expr> where(Expr... conjuncts) {
        return List.of(conjuncts);
    }

    /** An execution with these parameter values (nulls allowed), at {@link #STATEMENT_TIME}, reporting to listener. */
    public static ExecutionContext context(ScanListener listener, Object... parameters) {
        return new ExecutionContext(
                new ArrayList<>(Arrays.asList(parameters)), STATEMENT_TIME, 0, QueryControl.NONE, listener);
    }

    /** An execution with these parameter values (nulls allowed), at {@link #STATEMENT_TIME}. */
    public static ExecutionContext context(Object... parameters) {
        return context(ScanListener.NONE, parameters);
    }

    /** A {@code timestamp} parameter value: {@code utc("2024-01-01T00:00:00")}. */
    public static LocalDateTime utc(String iso) {
        return LocalDateTime.parse(iso);
    }

    /** A {@code timestamptz} parameter value: {@code utcOffset("2024-01-01T02:00:00+02:00")}. */
    public static OffsetDateTime utcOffset(String iso) {
        return OffsetDateTime.parse(iso);
    }

    // ---------------------------------------------------------------- select lists, FROM, ORDER BY

    /** {@code e AS alias}. */
    public static SelectItem as(Expr e, String alias) {
        return new SelectItem.Column(e, alias);
    }

    /** {@code *}. */
    public static SelectItem star() {
        return new SelectItem.Star(null);
    }

    /** {@code qualifier.*}. */
    public static SelectItem star(String qualifier) {
        return new SelectItem.Star(qualifier);
    }

    /** {@code name} or {@code schema.name}. */
    public static FromItem table(String name) {
        return table(name, null);
    }

    /** {@code name alias} or {@code schema.name alias}. */
    public static FromItem table(String name, String alias) {
        int dot = name.indexOf('.');
        QualifiedName qualified =
                dot < 0 ? QualifiedName.of(name) : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
        return new FromItem.Table(qualified, alias);
    }

    /** {@code left <type> JOIN right ON on}. */
    public static FromItem join(FromItem left, FromItem right, FromItem.JoinType type, Expr on) {
        return new FromItem.Join(left, right, type, on, List.of(), false);
    }

    /** {@code left <type> JOIN right USING (columns...)}. */
    public static FromItem using(FromItem left, FromItem right, FromItem.JoinType type, String... columns) {
        return new FromItem.Join(left, right, type, null, List.of(columns), false);
    }

    /** {@code left, right}. */
    public static FromItem comma(FromItem left, FromItem right) {
        return new FromItem.Join(left, right, FromItem.JoinType.CROSS, null, List.of(), false);
    }

    /** {@code name(arguments...) alias} in FROM: {@code function("g", "generate_series", number(1), number(3))}. */
    public static FromItem function(String alias, String name, Expr... arguments) {
        return new FromItem.Function(Expr.FunctionCall.of(name, arguments), alias, List.of(), false, false);
    }

    /** {@code (query) alias}. */
    public static FromItem subquery(Query query, String alias) {
        return new FromItem.Subquery(query, alias, List.of(), false);
    }

    public static OrderItem asc(Expr e) {
        return new OrderItem(e, false, null);
    }

    public static OrderItem desc(Expr e) {
        return new OrderItem(e, true, null);
    }

    /** {@code e [DESC] [NULLS FIRST|LAST]}; a null {@code nullsFirst} is the default for the direction. */
    public static OrderItem order(Expr e, boolean descending, Boolean nullsFirst) {
        return new OrderItem(e, descending, nullsFirst);
    }

    // ---------------------------------------------------------------- queries

    /** {@code select items...}: Expr arguments become unaliased columns, SelectItems are taken as they are. */
    public static SelectBuilder select(Object... items) {
        return new SelectBuilder(items);
    }

    /** {@code left UNION [ALL] right}. */
    public static Query union(Query left, Query right, boolean all) {
        return setOperation(Query.SetOperator.UNION, all, left, right);
    }

    /** {@code left UNION|INTERSECT|EXCEPT [ALL] right}. */
    public static Query setOperation(Query.SetOperator operator, boolean all, Query left, Query right) {
        return new Query.SetOperation(List.of(), operator, all, left, right, List.of(), null, null);
    }

    /** Builds a {@link Query.Select} clause by clause; {@link #build()} gives it. */
    public static final class SelectBuilder {
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

        /** {@code WITH name AS (query)}. */
        public SelectBuilder with(String name, Query query) {
            with.add(new Query.CommonTableExpression(name, List.of(), query));
            return this;
        }

        public SelectBuilder distinct() {
            distinct = true;
            return this;
        }

        public SelectBuilder distinctOn(Expr... expressions) {
            distinctOn = Arrays.asList(expressions);
            return this;
        }

        public SelectBuilder from(FromItem item) {
            from = item;
            return this;
        }

        /** {@code FROM name} or {@code FROM schema.name}. */
        public SelectBuilder from(String tableName) {
            return from(table(tableName));
        }

        public SelectBuilder where(Expr condition) {
            where = condition;
            return this;
        }

        public SelectBuilder groupBy(Expr... keys) {
            groupBy = Arrays.asList(keys);
            return this;
        }

        public SelectBuilder having(Expr condition) {
            having = condition;
            return this;
        }

        public SelectBuilder orderBy(OrderItem... keys) {
            orderBy = Arrays.asList(keys);
            return this;
        }

        /** {@code ORDER BY keys...}, each ascending. */
        public SelectBuilder orderBy(Expr... keys) {
            List<OrderItem> list = new ArrayList<>();
            for (Expr key : keys) {
                list.add(asc(key));
            }
            orderBy = list;
            return this;
        }

        public SelectBuilder limit(Expr count) {
            limit = count;
            return this;
        }

        public SelectBuilder limit(long count) {
            return limit(number(count));
        }

        public SelectBuilder offset(long count) {
            return offset(number(count));
        }

        public SelectBuilder offset(Expr count) {
            offset = count;
            return this;
        }

        public Query.Select build() {
            return new Query.Select(
                    with, distinct, distinctOn, items, from, where, groupBy, having, orderBy, limit, offset);
        }
    }
}
