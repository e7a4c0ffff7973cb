package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Compiles {@link Expr} trees into {@link CompiledExpression}s against a {@link Scope}: names are resolved, types
 * are checked and unknown literals and parameters take their context's type, as Postgres' parse analysis does.
 *
 * <p>Example: against {@code (id text, amount bigint, created timestamp)}, {@code created > '2024-01-01'} compiles
 * the literal once to {@code 2024-01-01 00:00:00} and compares timestamps; {@code amount > 'abc'} fails with
 * {@code 22P02 invalid input syntax for type bigint: "abc"}; {@code id > 1} fails with
 * {@code 42883 operator does not exist: text > integer}.
 *
 * <p>After GROUP BY the compiler works on the aggregation's output: an expression equal to a grouping key, or an
 * aggregate call, reads its column; any other reference to an ungrouped column fails with {@code 42803}. With
 * window functions, each {@code f(...) over (...)} reads the column the window operator appended.
 */
public final class ExpressionCompiler {
    /**
     * A value computed by an operator below (a grouping key, an aggregate, a window function) at {@code index}; for
     * an array, the type of its elements when known ({@code array_agg(amount)}: bigint), else null.
     */
    public record Slot(int index, SqlType type, String name, SqlType elementType) {
        public Slot(int index, SqlType type, String name) {
            this(index, type, name, null);
        }

        /** The column this slot is read from, keeping the element type of an array. */
        CompiledExpression read() {
            ColumnExpression column = new ColumnExpression(0, index, type, name);
            return type == SqlType.ARRAY && elementType != null
                    ? new ArrayValuedExpression(column, elementType)
                    : column;
        }
    }

    /**
     * The post-GROUP BY view: keys and aggregate calls by their normalized expression (column references replaced
     * by their resolved position in {@code inputScope}).
     */
    public record Grouping(Scope inputScope, Map<Expr, Slot> keys, Map<Expr, Slot> aggregates) {}

    private final FunctionRegistry functions;
    private final Scope scope;
    private final SubqueryPlanner subqueries;
    private final String clause;
    private final Grouping grouping;
    /** Function calls computed by an operator below (window functions, select-list set-returning functions). */
    private final Map<Expr, Slot> computed;
    /** AND/OR, row comparisons, LIKE, SIMILAR TO, IN and ANY/ALL. */
    private final PredicateCompiler predicates = new PredicateCompiler(this);
    /** Function calls and the special forms written like them (COALESCE, CASE, ARRAY[...], EXTRACT, subscripts). */
    private final CallCompiler calls = new CallCompiler(this);

    public ExpressionCompiler(FunctionRegistry functions, Scope scope, SubqueryPlanner subqueries, String clause) {
        this(functions, scope, subqueries, clause, null, null);
    }

    public ExpressionCompiler(
            FunctionRegistry functions,
            Scope scope,
            SubqueryPlanner subqueries,
            String clause,
            Grouping grouping,
            Map<Expr, Slot> computed) {
        this.functions = Objects.requireNonNull(functions, "functions");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.subqueries = subqueries;
        this.clause = Objects.requireNonNull(clause, "clause");
        this.grouping = grouping;
        this.computed = computed;
    }

    /** The same compiler, naming another clause in its error messages. */
    public ExpressionCompiler forClause(String newClause) {
        return new ExpressionCompiler(functions, scope, subqueries, newClause, grouping, computed);
    }

    public Scope scope() {
        return scope;
    }

    /** The clause being compiled, as error messages name it ({@code WHERE}, {@code JOIN conditions}). */
    String clause() {
        return clause;
    }

    /** The scalar functions calls resolve to. */
    FunctionRegistry functions() {
        return functions;
    }

    /** The post-GROUP BY view this compiler works in, or null. */
    Grouping grouping() {
        return grouping;
    }

    /** The function calls computed below, or null. */
    Map<Expr, Slot> computed() {
        return computed;
    }

    /** The same compiler, also reading {@code more} computed calls. */
    public ExpressionCompiler withComputed(Map<Expr, Slot> more) {
        Map<Expr, Slot> all = new java.util.LinkedHashMap<>();
        if (computed != null) {
            all.putAll(computed);
        }
        all.putAll(more);
        return new ExpressionCompiler(functions, scope, subqueries, clause, grouping, all);
    }

    // ---------------------------------------------------------------- entry points

    /** Compiles {@code e}; an unknown literal or parameter becomes text. */
    public CompiledExpression compileValue(Expr e) {
        return Coercion.resolveUnknown(compile(e));
    }

    /** Compiles a condition; it must be boolean ({@code 42804 argument of WHERE must be type boolean, not type
     * integer}). */
    public CompiledExpression compilePredicate(Expr e) {
        return requireBoolean(compile(e), clause);
    }

    /** Compiles {@code e} for storing into a column of {@code target} (INSERT values, UPDATE SET). */
    public CompiledExpression compileAssignment(Expr e, SqlType target) {
        return Coercion.convert(compile(e), target, null, Coercion.Context.ASSIGNMENT);
    }

    /** Compiles {@code e}, leaving unknown literals unknown (the caller coerces them). */
    public CompiledExpression compile(Expr e) {
        Objects.requireNonNull(e, "expression");
        if (computed != null && e instanceof Expr.FunctionCall) {
            Slot slot = computed.get(normalize(e));
            if (slot != null) {
                return slot.read();
            }
        }
        if (grouping != null && !(e instanceof Expr.Literal) && !(e instanceof Expr.Parameter)) {
            Expr normalized = normalize(e);
            Slot key = grouping.keys().get(normalized);
            if (key != null) {
                return key.read();
            }
            if (isAggregateCall(e)) {
                Slot aggregate = grouping.aggregates().get(normalized);
                if (aggregate == null) {
                    throw new StripeJdbcException(
                            SqlState.INTERNAL_ERROR, "aggregate not planned: " + ExprPrinter.print(e));
                }
                return aggregate.read();
            }
        }
        return compileNode(e);
    }

    boolean isAggregateCall(Expr e) {
        return e instanceof Expr.FunctionCall f && f.over() == null && (functions.isAggregate(f.name()) || f.star());
    }

    /**
     * {@code e} with every column reference replaced by its resolved position, so that {@code c.email} and
     * {@code email} compare equal when they name the same column.
     */
    public Expr normalize(Expr e) {
        Scope base = grouping != null ? grouping.inputScope() : scope;
        return ExprTrees.rewrite(e, x -> {
            if (x instanceof Expr.ColumnRef ref) {
                if (ref.qualifier() == null && base.resolveLocal(ref) == null && base.isRelation(ref.name())) {
                    // A whole-row reference (row_to_json(c)): the relation itself.
                    return new Expr.ColumnRef("#row", ref.name());
                }
                Scope.Resolved resolved = base.resolve(ref);
                return new Expr.ColumnRef(
                        "#" + resolved.depth() + "." + resolved.column().index(), ref.name());
            }
            return null;
        });
    }

    static CompiledExpression requireBoolean(CompiledExpression e, String construct) {
        if (e.type() == BOOLEAN) {
            return e;
        }
        if (e.type() == UNKNOWN) {
            return Coercion.coerce(e, BOOLEAN);
        }
        throw new StripeJdbcException(
                SqlState.DATATYPE_MISMATCH,
                "argument of " + construct + " must be type boolean, not type " + TypeRules.displayName(e.type()));
    }

    // ---------------------------------------------------------------- dispatch

    private CompiledExpression compileNode(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l);
        }
        if (e instanceof Expr.ColumnRef ref) {
            Scope.Resolved resolved = scope.resolve(ref);
            ColumnExpression column = new ColumnExpression(
                    resolved.depth(),
                    resolved.column().index(),
                    resolved.column().type(),
                    resolved.column().name());
            SqlType element = resolved.column().elementType();
            return element != null && column.type() == SqlType.ARRAY
                    ? new ArrayValuedExpression(column, element)
                    : column;
        }
        if (e instanceof Expr.Parameter p) {
            return new ParameterExpression(p.index(), UNKNOWN);
        }
        if (e instanceof Expr.Unary u) {
            return unary(u);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.Like l) {
            return predicates.like(l);
        }
        if (e instanceof Expr.SimilarTo s) {
            return predicates.similarTo(s);
        }
        if (e instanceof Expr.InList in) {
            return predicates.inList(in);
        }
        if (e instanceof Expr.InSubquery in) {
            return predicates.inSubquery(
                    in.value(),
                    in.subquery(),
                    in.negated() ? BinaryOperator.NOT_EQUALS : BinaryOperator.EQUALS,
                    in.negated());
        }
        if (e instanceof Expr.Exists x) {
            SubqueryPlanner.Subquery planned = planSubquery(x.subquery());
            return SubqueryExpressions.exists(planned, planned.correlated(), x.negated());
        }
        if (e instanceof Expr.ScalarSubquery s) {
            SubqueryPlanner.Subquery planned = planSubquery(s.subquery());
            requireOneColumn(planned);
            return SubqueryExpressions.scalar(
                    planned, planned.correlated(), planned.columns().get(0).type());
        }
        if (e instanceof Expr.Quantified q) {
            return predicates.quantified(q);
        }
        if (e instanceof Expr.Between b) {
            Expr low = new Expr.Binary(BinaryOperator.GREATER_OR_EQUAL, b.value(), b.low());
            Expr high = new Expr.Binary(BinaryOperator.LESS_OR_EQUAL, b.value(), b.high());
            Expr both = new Expr.Binary(BinaryOperator.AND, low, high);
            return compile(b.negated() ? new Expr.Unary(Expr.UnaryOperator.NOT, both) : both);
        }
        if (e instanceof Expr.IsNull n) {
            CompiledExpression value = compile(n.value());
            boolean negated = n.negated();
            return OperatorExpression.of(
                    BOOLEAN, "is null", (row, env) -> (value.evaluate(row, env) == null) != negated);
        }
        if (e instanceof Expr.IsBoolean b) {
            CompiledExpression value = requireBoolean(
                    compile(b.value()), "IS " + (b.expected() == null ? "UNKNOWN" : b.expected() ? "TRUE" : "FALSE"));
            Boolean expected = b.expected();
            boolean negated = b.negated();
            return OperatorExpression.of(
                    BOOLEAN, "is boolean", (row, env) -> Objects.equals(value.evaluate(row, env), expected) != negated);
        }
        if (e instanceof Expr.Cast c) {
            return cast(c);
        }
        if (e instanceof Expr.FunctionCall f) {
            return calls.function(f);
        }
        if (e instanceof Expr.Case c) {
            return calls.caseExpression(c);
        }
        if (e instanceof Expr.ArrayConstructor a) {
            return calls.arrayConstructor(a);
        }
        if (e instanceof Expr.Extract x) {
            return calls.extract(x);
        }
        if (e instanceof Expr.Subscript s) {
            return calls.subscript(s);
        }
        if (e instanceof Expr.Slice s) {
            return calls.slice(s);
        }
        if (e instanceof Expr.RowConstructor) {
            throw StripeJdbcException.unsupported("row constructors are only supported in comparisons");
        }
        throw StripeJdbcException.unsupported("expression " + e.getClass().getSimpleName());
    }

    // ---------------------------------------------------------------- leaves

    private static CompiledExpression literal(Expr.Literal l) {
        Object value = l.value();
        SqlType type = l.type();
        if (value == null) {
            return new ConstantExpression(null, type);
        }
        if (type == SqlType.BIGINT && value instanceof Number n && !(value instanceof BigDecimal)) {
            long v = n.longValue();
            // Postgres types an integer literal as integer when it fits.
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE
                    ? new ConstantExpression((int) v, INTEGER)
                    : new ConstantExpression(v, SqlType.BIGINT);
        }
        if (type == UNKNOWN) {
            return new ConstantExpression(value instanceof String ? value : value.toString(), UNKNOWN);
        }
        if (value instanceof BigDecimal d && d.scale() < 0) {
            return new ConstantExpression(d.setScale(0), type);
        }
        if (type == ARRAY && value instanceof List<?> list) {
            return new ArrayValuedExpression(new ConstantExpression(list, ARRAY), TEXT);
        }
        if (value instanceof String text && type != TEXT) {
            // A typed literal such as timestamp '2024-01-01' or interval '30 days': read as that type
            // (at run time for words like 'now', which depend on the statement time).
            return Coercion.convert(new ConstantExpression(text, UNKNOWN), type, null, Coercion.Context.EXPLICIT);
        }
        if (!type.javaClass().isInstance(value)) {
            value = Casts.convert(value, Casts.runtimeType(value), type, java.time.Instant.EPOCH);
        }
        return new ConstantExpression(value, type);
    }

    private CompiledExpression unary(Expr.Unary u) {
        switch (u.operator()) {
            case NOT: {
                CompiledExpression operand = requireBoolean(compile(u.operand()), "NOT");
                return OperatorExpression.unary(BOOLEAN, "not", operand, v -> !(Boolean) v);
            }
            case NEGATE: {
                if (u.operand() instanceof Expr.Literal l && l.value() instanceof Number n) {
                    return negatedLiteral(l, n);
                }
                return ArithmeticOperators.negate(compile(u.operand()));
            }
            default: {
                CompiledExpression operand = compile(u.operand());
                if (!operand.type().isNumeric() && operand.type() != SqlType.INTERVAL) {
                    throw new StripeJdbcException(
                            SqlState.UNDEFINED_FUNCTION,
                            "operator does not exist: + " + TypeRules.displayName(operand.type()));
                }
                return operand;
            }
        }
    }

    private static CompiledExpression negatedLiteral(Expr.Literal l, Number n) {
        if (n instanceof BigDecimal d) {
            return new ConstantExpression(d.negate(), l.type());
        }
        if (n instanceof Double d) {
            return new ConstantExpression(-d, l.type());
        }
        if (n instanceof Float f) {
            return new ConstantExpression(-f, l.type());
        }
        long v = n.longValue();
        if (v == Long.MIN_VALUE) {
            throw Casts.outOfRange(SqlType.BIGINT);
        }
        return literal(new Expr.Literal(-v, SqlType.BIGINT));
    }

    private CompiledExpression binary(Expr.Binary b) {
        BinaryOperator op = b.operator();
        if (op == BinaryOperator.AND || op == BinaryOperator.OR) {
            return predicates.logical(op == BinaryOperator.AND, b);
        }
        if (b.left() instanceof Expr.RowConstructor || b.right() instanceof Expr.RowConstructor) {
            return predicates.rowComparison(op, b.left(), b.right());
        }
        return Operators.binary(op, compile(b.left()), compile(b.right()));
    }

    /** Plans {@code query} as a subquery of this compiler's scope; 0A000 where subqueries are not allowed. */
    SubqueryPlanner.Subquery planSubquery(Query query) {
        if (subqueries == null) {
            throw StripeJdbcException.unsupported("subqueries in " + clause);
        }
        return subqueries.plan(query, scope);
    }

    /** A subquery used as a value must return one column ({@code 42601}). */
    static void requireOneColumn(SubqueryPlanner.Subquery node) {
        if (node.columns().size() != 1) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    node.columns().size() > 1
                            ? "subquery must return only one column"
                            : "subquery has too few columns");
        }
    }

    private CompiledExpression cast(Expr.Cast c) {
        CompiledExpression value = compile(c.value());
        SqlType target = c.type();
        SqlType elementType = null;
        if (target == ARRAY) {
            String name = c.typeName() == null ? "text[]" : c.typeName();
            String base = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
            elementType = SqlType.fromName(base).orElse(TEXT);
        }
        if (target == UNKNOWN) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "type \"" + c.typeName() + "\" does not exist");
        }
        CompiledExpression converted = Coercion.convert(value, target, elementType, Coercion.Context.EXPLICIT);
        return TypeModifiers.apply(converted, c.typeName());
    }
}
