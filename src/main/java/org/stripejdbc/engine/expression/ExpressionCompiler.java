package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.INTEGER;
import static org.stripejdbc.types.SqlType.NUMERIC;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.DateTimeFunctions;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.function.Patterns;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.Expr;
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
    /** A value computed by an operator below (a grouping key, an aggregate, a window function) at {@code index}. */
    public record Slot(int index, SqlType type, String name) {}

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

    public ExpressionCompiler(FunctionRegistry functions, Scope scope, SubqueryPlanner subqueries, String clause) {
        this(functions, scope, subqueries, clause, null, null);
    }

    public ExpressionCompiler(FunctionRegistry functions, Scope scope, SubqueryPlanner subqueries, String clause,
                       Grouping grouping, Map<Expr, Slot> computed) {
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

    /** Compiles a condition; it must be boolean ({@code 42804 argument of WHERE must be type boolean, not type integer}). */
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
                return new ColumnExpression(0, slot.index(), slot.type(), slot.name());
            }
        }
        if (grouping != null && !(e instanceof Expr.Literal) && !(e instanceof Expr.Parameter)) {
            Expr normalized = normalize(e);
            Slot key = grouping.keys().get(normalized);
            if (key != null) {
                return new ColumnExpression(0, key.index(), key.type(), key.name());
            }
            if (isAggregateCall(e)) {
                Slot aggregate = grouping.aggregates().get(normalized);
                if (aggregate == null) {
                    throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "aggregate not planned: "
                            + ExpressionPrinter.print(e));
                }
                return new ColumnExpression(0, aggregate.index(), aggregate.type(), aggregate.name());
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
                Scope.Resolved resolved = base.resolve(ref);
                return new Expr.ColumnRef("#" + resolved.depth() + "." + resolved.column().index(), ref.name());
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
        throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "argument of " + construct
                + " must be type boolean, not type " + TypeRules.displayName(e.type()));
    }

    // ---------------------------------------------------------------- dispatch

    private CompiledExpression compileNode(Expr e) {
        if (e instanceof Expr.Literal l) {
            return literal(l);
        }
        if (e instanceof Expr.ColumnRef ref) {
            Scope.Resolved resolved = scope.resolve(ref);
            return new ColumnExpression(resolved.depth(), resolved.column().index(), resolved.column().type(),
                    resolved.column().name());
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
            return like(l);
        }
        if (e instanceof Expr.SimilarTo s) {
            return similarTo(s);
        }
        if (e instanceof Expr.InList in) {
            return inList(in);
        }
        if (e instanceof Expr.InSubquery in) {
            return inSubquery(in.value(), in.subquery(), in.negated() ? BinaryOperator.NOT_EQUALS : BinaryOperator.EQUALS,
                    in.negated());
        }
        if (e instanceof Expr.Exists x) {
            SubqueryPlanner.Subquery planned = planSubquery(x.subquery());
            return SubqueryExpressions.exists(planned, planned.correlated(), x.negated());
        }
        if (e instanceof Expr.ScalarSubquery s) {
            SubqueryPlanner.Subquery planned = planSubquery(s.subquery());
            requireOneColumn(planned);
            return SubqueryExpressions.scalar(planned, planned.correlated(),
                    planned.columns().get(0).type());
        }
        if (e instanceof Expr.Quantified q) {
            return quantified(q);
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
            return OperatorExpression.of(BOOLEAN, "is null", (row, env) -> (value.evaluate(row, env) == null) != negated);
        }
        if (e instanceof Expr.IsBoolean b) {
            CompiledExpression value = requireBoolean(compile(b.value()), "IS " + (b.expected() == null ? "UNKNOWN"
                    : b.expected() ? "TRUE" : "FALSE"));
            Boolean expected = b.expected();
            boolean negated = b.negated();
            return OperatorExpression.of(BOOLEAN, "is boolean",
                    (row, env) -> Objects.equals(value.evaluate(row, env), expected) != negated);
        }
        if (e instanceof Expr.Cast c) {
            return cast(c);
        }
        if (e instanceof Expr.FunctionCall f) {
            return function(f);
        }
        if (e instanceof Expr.Case c) {
            return caseExpression(c);
        }
        if (e instanceof Expr.ArrayConstructor a) {
            return arrayConstructor(a);
        }
        if (e instanceof Expr.Extract x) {
            return extract(x);
        }
        if (e instanceof Expr.Subscript s) {
            return subscript(s);
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
                    ? new ConstantExpression((int) v, INTEGER) : new ConstantExpression(v, SqlType.BIGINT);
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
                return Operators.negate(compile(u.operand()));
            }
            default: {
                CompiledExpression operand = compile(u.operand());
                if (!operand.type().isNumeric() && operand.type() != SqlType.INTERVAL) {
                    throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION,
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

    // ---------------------------------------------------------------- operators

    private CompiledExpression binary(Expr.Binary b) {
        BinaryOperator op = b.operator();
        if (op == BinaryOperator.AND || op == BinaryOperator.OR) {
            return logical(op == BinaryOperator.AND, b);
        }
        if (b.left() instanceof Expr.RowConstructor || b.right() instanceof Expr.RowConstructor) {
            return rowComparison(op, b.left(), b.right());
        }
        return Operators.binary(op, compile(b.left()), compile(b.right()));
    }

    private CompiledExpression logical(boolean and, Expr.Binary b) {
        String name = and ? "AND" : "OR";
        CompiledExpression left = requireBoolean(compile(b.left()), name);
        CompiledExpression right = requireBoolean(compile(b.right()), name);
        Boolean decisive = !and;
        return OperatorExpression.of(BOOLEAN, name.toLowerCase(java.util.Locale.ROOT), (row, env) -> {
            Object l = left.evaluate(row, env);
            if (decisive.equals(l)) {
                return decisive;
            }
            Object r = right.evaluate(row, env);
            if (decisive.equals(r)) {
                return decisive;
            }
            return l == null || r == null ? null : !decisive;
        });
    }

    private CompiledExpression rowComparison(BinaryOperator op, Expr left, Expr right) {
        if (!(left instanceof Expr.RowConstructor l) || !(right instanceof Expr.RowConstructor r)) {
            throw StripeJdbcException.unsupported("comparing a row constructor with a non-row value");
        }
        if (l.elements().size() != r.elements().size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions");
        }
        List<CompiledExpression> lefts = new ArrayList<>();
        List<CompiledExpression> rights = new ArrayList<>();
        for (int i = 0; i < l.elements().size(); i++) {
            CompiledExpression a = compile(l.elements().get(i));
            CompiledExpression b = compile(r.elements().get(i));
            SqlType type = Operators.comparisonType(op.symbol(), a.type(), b.type());
            lefts.add(Coercion.comparand(a, type));
            rights.add(Coercion.comparand(b, type));
        }
        switch (op) {
            case EQUALS: case NOT_EQUALS: case LESS: case LESS_OR_EQUAL: case GREATER: case GREATER_OR_EQUAL:
                break;
            case IS_DISTINCT_FROM: case IS_NOT_DISTINCT_FROM:
                return OperatorExpression.of(BOOLEAN, op.symbol(), (row, env) -> {
                    for (int i = 0; i < lefts.size(); i++) {
                        Object a = lefts.get(i).evaluate(row, env);
                        Object b = rights.get(i).evaluate(row, env);
                        boolean same = a == null || b == null ? a == b : ValueComparator.compare(a, b) == 0;
                        if (!same) {
                            return op == BinaryOperator.IS_DISTINCT_FROM;
                        }
                    }
                    return op == BinaryOperator.IS_NOT_DISTINCT_FROM;
                });
            default:
                throw StripeJdbcException.unsupported("operator " + op.symbol() + " on row constructors");
        }
        return OperatorExpression.of(BOOLEAN, op.symbol(), (row, env) -> {
            boolean sawNull = false;
            for (int i = 0; i < lefts.size(); i++) {
                Object a = lefts.get(i).evaluate(row, env);
                Object b = rights.get(i).evaluate(row, env);
                if (a == null || b == null) {
                    if (op == BinaryOperator.EQUALS || op == BinaryOperator.NOT_EQUALS) {
                        sawNull = true;
                        continue;
                    }
                    return null;
                }
                int c = ValueComparator.compare(a, b);
                if (op == BinaryOperator.EQUALS && c != 0) {
                    return false;
                }
                if (op == BinaryOperator.NOT_EQUALS && c != 0) {
                    return true;
                }
                if (op != BinaryOperator.EQUALS && op != BinaryOperator.NOT_EQUALS && c != 0) {
                    return Operators.test(op, c);
                }
            }
            if (sawNull) {
                return null;
            }
            return op == BinaryOperator.EQUALS || op == BinaryOperator.LESS_OR_EQUAL
                    || op == BinaryOperator.GREATER_OR_EQUAL;
        });
    }

    private CompiledExpression like(Expr.Like l) {
        CompiledExpression value = compile(l.value());
        CompiledExpression pattern = compile(l.pattern());
        String symbol = (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~");
        requireText(symbol, value, pattern);
        CompiledExpression v = Coercion.coerce(value, TEXT);
        CompiledExpression p = Coercion.coerce(pattern, TEXT);
        CompiledExpression escape = l.escape() == null ? null : Coercion.coerce(compile(l.escape()), TEXT);
        boolean insensitive = l.caseInsensitive();
        boolean negated = l.negated();
        return OperatorExpression.of(BOOLEAN, symbol, (row, env) -> {
            Object text = v.evaluate(row, env);
            Object patternText = p.evaluate(row, env);
            String escapeText = null;
            if (escape != null) {
                escapeText = (String) escape.evaluate(row, env);
                if (escapeText == null) {
                    return null;
                }
            }
            if (text == null || patternText == null) {
                return null;
            }
            return Patterns.like((String) patternText, escapeText, insensitive).matcher((String) text).matches() != negated;
        });
    }

    private static void requireText(String symbol, CompiledExpression left, CompiledExpression right) {
        if ((left.type() != TEXT && left.type() != UNKNOWN) || (right.type() != TEXT && right.type() != UNKNOWN)) {
            throw Operators.undefined(symbol, left.type(), right.type());
        }
    }

    private CompiledExpression similarTo(Expr.SimilarTo s) {
        CompiledExpression value = compile(s.value());
        CompiledExpression pattern = compile(s.pattern());
        requireText("SIMILAR TO", value, pattern);
        CompiledExpression v = Coercion.coerce(value, TEXT);
        CompiledExpression p = Coercion.coerce(pattern, TEXT);
        boolean negated = s.negated();
        return OperatorExpression.binary(BOOLEAN, "similar to", v, p,
                (a, b) -> Patterns.similar((String) b).matcher((String) a).matches() != negated);
    }

    private CompiledExpression inList(Expr.InList in) {
        CompiledExpression value = compile(in.value());
        List<CompiledExpression> items = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        types.add(value.type());
        for (Expr item : in.items()) {
            CompiledExpression compiled = compile(item);
            items.add(compiled);
            types.add(compiled.type());
        }
        SqlType common;
        try {
            common = TypeRules.commonType(types, "IN");
        } catch (StripeJdbcException e) {
            for (CompiledExpression item : items) {
                Operators.comparisonType("=", value.type(), item.type());
            }
            throw e;
        }
        CompiledExpression v = Coercion.comparand(value, common);
        List<CompiledExpression> coerced = new ArrayList<>();
        boolean allConstant = true;
        for (CompiledExpression item : items) {
            CompiledExpression c = Coercion.comparand(item, common);
            coerced.add(c);
            allConstant &= c instanceof ConstantExpression;
        }
        boolean negated = in.negated();
        if (allConstant) {
            Set<Object> constants = new HashSet<>();
            boolean containsNull = false;
            for (CompiledExpression c : coerced) {
                Object constant = ((ConstantExpression) c).value();
                if (constant == null) {
                    containsNull = true;
                } else {
                    constants.add(ValueComparator.normalize(constant));
                }
            }
            boolean hasNull = containsNull;
            return OperatorExpression.of(BOOLEAN, negated ? "not in" : "in", (row, env) -> {
                Object x = v.evaluate(row, env);
                if (x == null) {
                    return null;
                }
                if (constants.contains(ValueComparator.normalize(x))) {
                    return !negated;
                }
                return hasNull ? null : negated;
            });
        }
        return OperatorExpression.of(BOOLEAN, negated ? "not in" : "in", (row, env) -> {
            Object x = v.evaluate(row, env);
            if (x == null) {
                return null;
            }
            boolean sawNull = false;
            for (CompiledExpression c : coerced) {
                Object item = c.evaluate(row, env);
                if (item == null) {
                    sawNull = true;
                } else if (ValueComparator.compare(x, item) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        });
    }

    private SubqueryPlanner.Subquery planSubquery(Query query) {
        if (subqueries == null) {
            throw StripeJdbcException.unsupported("subqueries in " + clause);
        }
        return subqueries.plan(query, scope);
    }

    private static void requireOneColumn(SubqueryPlanner.Subquery node) {
        if (node.columns().size() != 1) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, node.columns().size() > 1
                    ? "subquery must return only one column" : "subquery has too few columns");
        }
    }

    private CompiledExpression inSubquery(Expr valueExpr, Query query, BinaryOperator op, boolean all) {
        CompiledExpression value = compile(valueExpr);
        SubqueryPlanner.Subquery planned = planSubquery(query);
        requireOneColumn(planned);
        SqlType subqueryType = planned.columns().get(0).type();
        SqlType common = Operators.comparisonType(op.symbol(), value.type(), subqueryType);
        return SubqueryExpressions.quantified(Coercion.comparand(value, common), op, all, planned,
                planned.correlated(), subqueryType, common);
    }

    private CompiledExpression quantified(Expr.Quantified q) {
        BinaryOperator op = q.operator();
        switch (op) {
            case EQUALS: case NOT_EQUALS: case LESS: case LESS_OR_EQUAL: case GREATER: case GREATER_OR_EQUAL:
                break;
            default:
                throw StripeJdbcException.unsupported("operator " + op.symbol() + " with ANY/ALL");
        }
        if (q.array() instanceof Expr.ScalarSubquery s) {
            return inSubquery(q.left(), s.subquery(), op, q.all());
        }
        CompiledExpression left = compile(q.left());
        CompiledExpression arrayExpr = compile(q.array());
        SqlType elementType = left.type() == UNKNOWN ? ArrayValuedExpression.elementTypeOf(arrayExpr) : left.type();
        if (arrayExpr.type() != ARRAY && arrayExpr.type() != UNKNOWN) {
            throw new StripeJdbcException(SqlState.WRONG_OBJECT_TYPE,
                    "op ANY/ALL (array) requires array on right side");
        }
        CompiledExpression array = arrayExpr.type() == UNKNOWN
                ? Coercion.convert(arrayExpr, ARRAY, elementType, Coercion.Context.IMPLICIT) : arrayExpr;
        SqlType arrayElement = ArrayValuedExpression.elementTypeOf(array);
        SqlType common = Operators.comparisonType(op.symbol(), left.type(), arrayElement);
        CompiledExpression l = Coercion.coerce(left, common);
        boolean all = q.all();
        return OperatorExpression.of(BOOLEAN, op.symbol() + (all ? " all" : " any"), (row, env) -> {
            Object x = l.evaluate(row, env);
            Object list = array.evaluate(row, env);
            if (list == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object element : (List<?>) list) {
                Object y = element == null ? null : Casts.convert(element, Casts.runtimeType(element), common,
                        env.statementTime());
                if (x == null || y == null) {
                    sawNull = true;
                    continue;
                }
                boolean result = Operators.test(op, ValueComparator.compare(x, y));
                if (result && !all) {
                    return true;
                }
                if (!result && all) {
                    return false;
                }
            }
            return sawNull ? null : all;
        });
    }

    // ---------------------------------------------------------------- casts, functions, CASE

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

    private CompiledExpression function(Expr.FunctionCall f) {
        String name = f.name();
        if (f.over() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "window functions are not allowed in " + clause);
        }
        if (functions.isWindowFunction(name)) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                    "window function " + name + " requires an OVER clause");
        }
        if (isAggregateCall(f)) {
            throw new StripeJdbcException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in " + clause);
        }
        if (f.distinct() || !f.orderBy().isEmpty() || f.filter() != null || f.star()) {
            String what = f.distinct() ? "DISTINCT" : f.filter() != null ? "FILTER" : f.star() ? "*" : "ORDER BY";
            throw new StripeJdbcException(SqlState.WRONG_OBJECT_TYPE,
                    what + " specified, but " + name + " is not an aggregate function");
        }
        if (functions.isSetReturning(name)) {
            throw StripeJdbcException.unsupported("set-returning function " + name + "() in " + clause
                    + "; use it in FROM, e.g. from t, " + name + "(...) as x");
        }
        switch (name) {
            case "array":
                if (f.arguments().size() == 1 && f.arguments().get(0) instanceof Expr.ScalarSubquery s) {
                    // ARRAY(subquery), as the parser gives it: the subquery's values as one array.
                    SubqueryPlanner.Subquery planned = planSubquery(s.subquery());
                    requireOneColumn(planned);
                    return new ArrayValuedExpression(SubqueryExpressions.array(planned, planned.correlated()),
                            planned.columns().get(0).type());
                }
                break;
            case "coalesce":
                return coalesce(f);
            case "nullif":
                return nullif(f);
            case "greatest":
            case "least":
                return extremum(f, name.equals("greatest"));
            case "pg_typeof": {
                if (f.arguments().size() != 1) {
                    throw FunctionRegistry.undefined(name, argumentTypes(f.arguments()));
                }
                String typeName = TypeRules.displayName(compile(f.arguments().get(0)).type());
                return new ConstantExpression(typeName, TEXT);
            }
            default:
                break;
        }
        List<CompiledExpression> arguments = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr argument : f.arguments()) {
            CompiledExpression compiled = compile(argument);
            arguments.add(compiled);
            types.add(compiled.type());
        }
        if (!functions.exists(name)) {
            Optional<SqlType> castType = SqlType.fromName(name);
            if (castType.isPresent() && arguments.size() == 1 && castType.get() != ARRAY) {
                return Coercion.convert(arguments.get(0), castType.get(), null, Coercion.Context.EXPLICIT);
            }
            throw FunctionRegistry.undefined(name, types);
        }
        FunctionRegistry.Overload overload = functions.resolve(name, types);
        List<CompiledExpression> coerced = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            SqlType parameter = overload.parameterType(i);
            CompiledExpression argument = arguments.get(i);
            if (parameter == UNKNOWN) {
                coerced.add(Coercion.resolveUnknown(argument));
            } else if (parameter == ARRAY) {
                coerced.add(Coercion.convert(argument, ARRAY, TEXT, Coercion.Context.IMPLICIT));
            } else {
                coerced.add(Coercion.coerce(argument, parameter));
            }
        }
        CompiledExpression call = overload.strict()
                ? OperatorExpression.strict(overload.returnType(), name, coerced, overload.implementation()::apply)
                : OperatorExpression.lenient(overload.returnType(), name, coerced, overload.implementation()::apply);
        return overload.returnType() == ARRAY ? new ArrayValuedExpression(call, TEXT) : call;
    }

    private List<SqlType> argumentTypes(List<Expr> arguments) {
        List<SqlType> types = new ArrayList<>();
        for (Expr argument : arguments) {
            types.add(compile(argument).type());
        }
        return types;
    }

    /** Compiles several expressions to their common type (CASE, COALESCE, GREATEST...). */
    private List<CompiledExpression> commonTyped(List<Expr> expressions, String construct) {
        List<CompiledExpression> compiled = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (Expr e : expressions) {
            CompiledExpression c = compile(e);
            compiled.add(c);
            types.add(c.type());
        }
        SqlType common = TypeRules.commonType(types, construct);
        List<CompiledExpression> out = new ArrayList<>();
        for (CompiledExpression c : compiled) {
            out.add(Coercion.coerce(c, common));
        }
        return out;
    }

    private CompiledExpression coalesce(Expr.FunctionCall f) {
        if (f.arguments().isEmpty()) {
            throw FunctionRegistry.undefined("coalesce", List.of());
        }
        List<CompiledExpression> arguments = commonTyped(f.arguments(), "COALESCE");
        return OperatorExpression.of(arguments.get(0).type(), "coalesce", (row, env) -> {
            for (CompiledExpression argument : arguments) {
                Object value = argument.evaluate(row, env);
                if (value != null) {
                    return value;
                }
            }
            return null;
        });
    }

    private CompiledExpression nullif(Expr.FunctionCall f) {
        if (f.arguments().size() != 2) {
            throw FunctionRegistry.undefined("nullif", argumentTypes(f.arguments()));
        }
        CompiledExpression first = compile(f.arguments().get(0));
        CompiledExpression second = compile(f.arguments().get(1));
        if (first.type() == UNKNOWN && second.type() == UNKNOWN) {
            first = Coercion.resolveUnknown(first);
        }
        SqlType type = Operators.comparisonType("=", first.type(), second.type());
        CompiledExpression a = Coercion.coerce(first, type);
        CompiledExpression b = Coercion.coerce(second, type);
        // The result is the first argument of the implied "=": promoted to the comparison type (nullif(1, 2.2) is
        // numeric, nullif(null, 1) integer), except between integer types, which compare without promotion.
        CompiledExpression result = first.type().isInteger() && second.type().isInteger() ? first : a;
        return OperatorExpression.of(result.type(), "nullif", (row, env) -> {
            Object x = result.evaluate(row, env);
            if (x == null) {
                return null;
            }
            Object left = a.evaluate(row, env);
            Object right = b.evaluate(row, env);
            return right != null && ValueComparator.compare(left, right) == 0 ? null : x;
        });
    }

    private CompiledExpression extremum(Expr.FunctionCall f, boolean greatest) {
        String construct = greatest ? "GREATEST" : "LEAST";
        if (f.arguments().isEmpty()) {
            throw FunctionRegistry.undefined(f.name(), List.of());
        }
        List<CompiledExpression> arguments = commonTyped(f.arguments(), construct);
        return OperatorExpression.of(arguments.get(0).type(), f.name(), (row, env) -> {
            Object best = null;
            for (CompiledExpression argument : arguments) {
                Object value = argument.evaluate(row, env);
                if (value != null && (best == null
                        || (greatest ? ValueComparator.compare(value, best) > 0 : ValueComparator.compare(value, best) < 0))) {
                    best = value;
                }
            }
            return best;
        });
    }

    private CompiledExpression caseExpression(Expr.Case c) {
        List<CompiledExpression> conditions = new ArrayList<>();
        if (c.operand() != null) {
            List<CompiledExpression> typed = new ArrayList<>();
            CompiledExpression operand = compile(c.operand());
            for (Expr.When when : c.whens()) {
                typed.add(Operators.comparison(BinaryOperator.EQUALS, operand, compile(when.condition())));
            }
            conditions.addAll(typed);
        } else {
            for (Expr.When when : c.whens()) {
                conditions.add(requireBoolean(compile(when.condition()), "CASE/WHEN"));
            }
        }
        List<Expr> results = new ArrayList<>();
        for (Expr.When when : c.whens()) {
            results.add(when.result());
        }
        if (c.elseResult() != null) {
            results.add(c.elseResult());
        }
        List<CompiledExpression> typedResults = commonTyped(results, "CASE");
        CompiledExpression otherwise = c.elseResult() == null ? null : typedResults.get(typedResults.size() - 1);
        SqlType type = typedResults.get(0).type();
        return OperatorExpression.of(type, "case", (row, env) -> {
            for (int i = 0; i < conditions.size(); i++) {
                if (Boolean.TRUE.equals(conditions.get(i).evaluate(row, env))) {
                    return typedResults.get(i).evaluate(row, env);
                }
            }
            return otherwise == null ? null : otherwise.evaluate(row, env);
        });
    }

    private CompiledExpression arrayConstructor(Expr.ArrayConstructor a) {
        List<CompiledExpression> elements = a.elements().isEmpty() ? List.of() : commonTyped(a.elements(), "ARRAY");
        SqlType elementType = elements.isEmpty() ? TEXT : elements.get(0).type();
        return new ArrayValuedExpression(OperatorExpression.of(ARRAY, "array", (row, env) -> {
            List<Object> out = new ArrayList<>(elements.size());
            for (CompiledExpression element : elements) {
                out.add(element.evaluate(row, env));
            }
            return out;
        }), elementType);
    }

    private CompiledExpression extract(Expr.Extract x) {
        CompiledExpression source = compile(x.source());
        SqlType type = source.type() == UNKNOWN ? SqlType.TIMESTAMPTZ : source.type();
        if (type != SqlType.TIMESTAMP && type != SqlType.TIMESTAMPTZ && type != SqlType.DATE
                && type != SqlType.INTERVAL) {
            throw FunctionRegistry.undefined("extract", List.of(UNKNOWN, type));
        }
        CompiledExpression value = Coercion.coerce(source, type);
        String field = x.field();
        return OperatorExpression.unary(NUMERIC, "extract", value, v -> DateTimeFunctions.extract(field, v, type));
    }

    private CompiledExpression subscript(Expr.Subscript s) {
        CompiledExpression value = compile(s.value());
        CompiledExpression index = compile(s.index());
        if (value.type() == SqlType.JSONB) {
            if (index.type() == TEXT || index.type() == UNKNOWN) {
                return OperatorExpression.binary(SqlType.JSONB, "[]", value, Coercion.coerce(index, TEXT),
                        (a, b) -> ((Json) a).get((String) b));
            }
            if (index.type() == INTEGER || index.type() == SqlType.SMALLINT || index.type() == SqlType.BIGINT) {
                return OperatorExpression.binary(SqlType.JSONB, "[]", value, index,
                        (a, b) -> ((Json) a).get((int) ((Number) b).longValue()));
            }
            throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "subscript type "
                    + TypeRules.displayName(index.type()) + " is not supported for jsonb");
        }
        if (value.type() != ARRAY) {
            throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "cannot subscript type "
                    + TypeRules.displayName(value.type()) + " because it does not support subscripting");
        }
        if (!index.type().isInteger() && index.type() != UNKNOWN) {
            throw new StripeJdbcException(SqlState.DATATYPE_MISMATCH, "array subscript must have type integer");
        }
        CompiledExpression i = Coercion.coerce(index, index.type() == UNKNOWN ? INTEGER : index.type());
        SqlType elementType = ArrayValuedExpression.elementTypeOf(value);
        return OperatorExpression.binary(elementType, "[]", value, i, (a, b) -> {
            List<?> list = (List<?>) a;
            long position = ((Number) b).longValue();
            if (position < 1 || position > list.size()) {
                return null;
            }
            Object element = list.get((int) position - 1);
            if (element == null || element instanceof List) {
                return null;
            }
            return Casts.convert(element, Casts.runtimeType(element), elementType, java.time.Instant.EPOCH);
        });
    }
}
