package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.planner.ColumnLabels;
import org.stripejdbc.engine.planner.QueryPlanner;
import org.stripejdbc.engine.planner.QueryVisitor;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Compiles and evaluates scalar expressions outside a query: the {@link ConstantEvaluator} the table sources use to
 * turn pushable conditions into request parameters, and the expression compiler the DML executor uses for
 * {@code SET} values, {@code VALUES} rows and {@code RETURNING} lists.
 *
 * <p>Examples: {@code evaluate('2024-01-01', TIMESTAMP, ctx)} is {@code 2024-01-01T00:00};
 * {@code evaluate(now() - interval '30 days', TIMESTAMP, ctx)} is the statement time minus 30 days at UTC;
 * {@code evaluate(1.5, BIGINT, ctx)} is empty (the conversion would round, so the condition must stay local).
 */
public final class Expressions implements ConstantEvaluator {
    private final TableResolver tables;
    private final FunctionRegistry functions;

    /** Expressions with the built-in functions and without subqueries. */
    public Expressions() {
        this.tables = null;
        this.functions = FunctionRegistry.standard();
    }

    /** Expressions whose subqueries read tables through {@code tables}. */
    public Expressions(TableResolver tables) {
        this(tables, FunctionLibrary.standard());
    }

    /** Expressions whose subqueries read tables through {@code tables}, calling the functions of {@code library}. */
    public Expressions(TableResolver tables, FunctionLibrary library) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.functions = Objects.requireNonNull(library, "library").registry();
    }

    @Override
    public boolean isConstant(Expr expression) {
        if (expression == null) {
            return false;
        }
        return !ExprTrees.any(
                expression,
                e -> e instanceof Expr.ColumnRef
                        || e instanceof Expr.InSubquery
                        || e instanceof Expr.Exists
                        || e instanceof Expr.ScalarSubquery
                        || (e instanceof Expr.FunctionCall f
                                && (f.over() != null
                                        || functions.isAggregate(f.name())
                                        || f.star()
                                        || functions.isSetReturning(f.name())
                                        || f.name().equals("random")
                                        || f.name().equals("clock_timestamp"))));
    }

    /**
     * The value of a constant expression, converted to {@code targetType} when that is not null and the
     * conversion is exact (an unknown literal is read as that type; {@code 1.5} is not turned into a bigint).
     * Empty when the expression is not constant, fails to evaluate, is NULL, or cannot be converted exactly.
     */
    @Override
    public Optional<Object> evaluate(Expr expression, SqlType targetType, ExecutionContext context) {
        Objects.requireNonNull(context, "context");
        try {
            PreparedConstant prepared = prepareConstant(expression, targetType);
            if (prepared == null) {
                return Optional.empty();
            }
            CompiledExpression compiled = prepared.compiled();
            SqlType source = prepared.source();
            Environment environment = new Environment(context);
            Object value = compiled.evaluate(new Object[0], environment);
            if (value == null) {
                return Optional.empty();
            }
            if (targetType == null || targetType == SqlType.UNKNOWN || targetType == source) {
                return Optional.of(value);
            }
            if (!TypeRules.explicitlyCastable(source, targetType)) {
                return Optional.empty();
            }
            Object converted = Casts.convert(value, source, targetType, context.statementTime());
            Object back = Casts.convert(converted, targetType, source, context.statementTime());
            if (back == null
                    || ValueComparator.compare(ValueComparator.normalize(back), ValueComparator.normalize(value))
                            != 0) {
                return Optional.empty();
            }
            return Optional.of(converted);
        } catch (StripeJdbcException | IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** A constant expression compiled and coerced for one target type, or (compiled null) not a constant. */
    private record PreparedConstant(CompiledExpression compiled, SqlType source) {
        static final PreparedConstant NOT_CONSTANT = new PreparedConstant(null, null);
    }

    /** An expression by identity (a plan's pushed conditions are the same objects at every execution) and a type. */
    private record ConstantKey(Expr expression, SqlType targetType) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ConstantKey key && key.expression == expression && key.targetType == targetType;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(expression) * 31 + Objects.hashCode(targetType);
        }
    }

    /** How many compiled constants are kept: far more than the pushed conditions of the queries a session repeats. */
    static final int CONSTANT_CACHE_CAPACITY = 256;

    /**
     * Compiled constants: compiling is a function of the expression and the target type alone (the values come
     * from each execution's context), so a cached or prepared query's pushed conditions compile once, not at each
     * execution. Least recently used first out; guarded by itself.
     */
    private final java.util.LinkedHashMap<ConstantKey, PreparedConstant> constants =
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<ConstantKey, PreparedConstant> eldest) {
                    return size() > CONSTANT_CACHE_CAPACITY;
                }
            };

    /** The compiled form of a constant expression for {@code targetType}, or null when it is not constant. */
    private PreparedConstant prepareConstant(Expr expression, SqlType targetType) {
        ConstantKey key = new ConstantKey(expression, targetType);
        PreparedConstant known;
        synchronized (constants) {
            known = constants.get(key);
        }
        if (known == null) {
            known = compileConstant(expression, targetType);
            synchronized (constants) {
                constants.put(key, known);
            }
        }
        return known.compiled() == null ? null : known;
    }

    private PreparedConstant compileConstant(Expr expression, SqlType targetType) {
        if (!isConstant(expression)) {
            return PreparedConstant.NOT_CONSTANT;
        }
        ExpressionCompiler compiler = new ExpressionCompiler(
                functions, Scope.empty(null, new Scope.Correlation()), null, "constant expression");
        CompiledExpression compiled = compiler.compile(expression);
        SqlType source = compiled.type();
        if (targetType != null && targetType != SqlType.UNKNOWN && source == SqlType.UNKNOWN) {
            compiled = Coercion.convert(compiled, targetType, null, Coercion.Context.EXPLICIT);
            source = targetType;
        } else {
            compiled = Coercion.resolveUnknown(compiled);
            source = compiled.type();
        }
        return new PreparedConstant(compiled, source);
    }

    /** The scope of one table's rows, its columns qualified by {@code alias}. */
    private static Scope tableScope(List<ResultColumn> columns, String alias) {
        return Scope.ofRelation(alias, null, null, columns, null, new Scope.Correlation());
    }

    /**
     * A compiler over one table's rows. Correlated scans inside subqueries number their parameters after the
     * highest parameter {@code expressions} use, so the statement's own parameters keep their numbers.
     */
    private ExpressionCompiler compiler(
            List<ResultColumn> columns, String alias, String clause, List<Expr> expressions) {
        Objects.requireNonNull(columns, "columns");
        QueryPlanner planner = tables == null
                ? null
                : new QueryPlanner(tables, functions, QueryVisitor.maxParameterIndex(expressions));
        return new ExpressionCompiler(
                functions, tableScope(columns, alias), planner == null ? null : planner::planSubquery, clause);
    }

    /**
     * Compiles {@code expression} over rows laid out as {@code columns} (qualified by {@code alias}, which may be
     * null); an unknown literal becomes text.
     */
    public CompiledExpression compile(Expr expression, List<ResultColumn> columns, String alias) {
        return compiler(columns, alias, "expression", List.of(expression)).compileValue(expression);
    }

    @Override
    public CompiledExpression compileCondition(List<Expr> conjuncts, List<ResultColumn> columns) {
        List<Expr> unqualified = new ArrayList<>(conjuncts.size());
        for (Expr conjunct : conjuncts) {
            unqualified.add(ExprTrees.rewrite(
                    conjunct,
                    e -> e instanceof Expr.ColumnRef column && column.qualifier() != null
                            ? new Expr.ColumnRef(null, column.name())
                            : null));
        }
        Expr condition = ExprTrees.and(unqualified);
        return compiler(columns, null, "WHERE", unqualified).compilePredicate(condition);
    }

    /** Compiles a condition (must be boolean) over rows laid out as {@code columns}. */
    public CompiledExpression compilePredicate(Expr expression, List<ResultColumn> columns, String alias) {
        return compiler(columns, alias, "WHERE", List.of(expression)).compilePredicate(expression);
    }

    /**
     * Compiles a value to store into a column of {@code target}: {@code UPDATE ... SET created = '2024-01-01'}
     * or an INSERT value. Postgres' assignment conversions apply (numbers to text, timestamptz to timestamp);
     * anything else fails with {@code 42804}.
     */
    public CompiledExpression compileAssignment(
            Expr expression, SqlType target, List<ResultColumn> columns, String alias) {
        return compiler(columns, alias, "SET", List.of(expression))
                .compileAssignment(expression, Objects.requireNonNull(target, "target"));
    }

    /** Compiles a RETURNING list over one table's rows: {@code *}, {@code t.*} and expressions with labels. */
    public CompiledProjection compileSelectList(List<SelectItem> items, List<ResultColumn> columns, String alias) {
        return compileSelectList(items, List.of(new Relation(alias, columns)));
    }

    /**
     * One relation of a RETURNING list over several: its name ({@code c}, {@code ch}; null for none) and its
     * columns, in the order they come in the row.
     */
    public record Relation(String alias, List<ResultColumn> columns) {
        public Relation {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Compiles a RETURNING list over rows that are the relations' columns one after the other: the written table
     * and, for {@code UPDATE ... FROM} and {@code DELETE ... USING}, the FROM items ({@code returning c.id, ch.amount}
     * over {@code [customers c, charges ch]} reads column 0 and the first charges column). {@code *} expands to
     * every relation's columns in order, as Postgres does; an unqualified name in two relations is 42702.
     */
    public CompiledProjection compileSelectList(List<SelectItem> items, List<Relation> relations) {
        List<Expr> written = new ArrayList<>();
        for (SelectItem item : items) {
            if (item instanceof SelectItem.Column column) {
                written.add(column.expression());
            }
        }
        List<ResultColumn> columns = new ArrayList<>();
        List<Scope.Column> scoped = new ArrayList<>();
        for (Relation relation : relations) {
            int offset = columns.size();
            for (Scope.Column c :
                    tableScope(relation.columns(), relation.alias()).columns()) {
                scoped.add(c.at(offset + c.index()));
            }
            columns.addAll(relation.columns());
        }
        Scope scope = new Scope(scoped, scoped, null, new Scope.Correlation());
        QueryPlanner planner =
                tables == null ? null : new QueryPlanner(tables, functions, QueryVisitor.maxParameterIndex(written));
        ExpressionCompiler compiler =
                new ExpressionCompiler(functions, scope, planner == null ? null : planner::planSubquery, "RETURNING");
        List<CompiledExpression> expressions = new ArrayList<>();
        List<ResultColumn> outputs = new ArrayList<>();
        for (SelectItem item : items) {
            if (item instanceof SelectItem.Star star) {
                List<Scope.Column> expanded = star.qualifier() == null
                        ? compiler.scope().starColumns()
                        : compiler.scope().starColumns(star.qualifier());
                for (Scope.Column c : expanded) {
                    expressions.add(new ColumnExpression(0, c.index(), c.type(), c.name()));
                    ResultColumn original = columns.get(c.index());
                    outputs.add(original);
                }
            } else {
                SelectItem.Column column = (SelectItem.Column) item;
                CompiledExpression compiled = compiler.compileValue(column.expression());
                expressions.add(compiled);
                String name = column.alias() != null ? column.alias() : ColumnLabels.label(column.expression());
                outputs.add(ResultColumn.of(name, compiled.type()));
            }
        }
        return new CompiledProjection(expressions, outputs);
    }
}
