package org.stripejdbc.engine.planner;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RecursionBound;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.TableResolver;
import org.stripejdbc.engine.TableSource;
import org.stripejdbc.engine.expression.ArrayValuedExpression;
import org.stripejdbc.engine.expression.Coercion;
import org.stripejdbc.engine.expression.ColumnExpression;
import org.stripejdbc.engine.expression.ConstantExpression;
import org.stripejdbc.engine.expression.ExpressionCompiler;
import org.stripejdbc.engine.expression.Scope;
import org.stripejdbc.engine.expression.SubqueryPlanner;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.KeyedPrefetch;
import org.stripejdbc.engine.operator.LimitNode;
import org.stripejdbc.engine.operator.MaterializedNode;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.operator.ProjectNode;
import org.stripejdbc.engine.operator.RelabelNode;
import org.stripejdbc.engine.operator.RowBudget;
import org.stripejdbc.engine.operator.SetOperationNode;
import org.stripejdbc.engine.operator.SortKey;
import org.stripejdbc.engine.operator.SortNode;
import org.stripejdbc.engine.operator.SubPlan;
import org.stripejdbc.engine.operator.ValuesNode;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprPrinter;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Turns a {@link Query} into a tree of {@link PlanNode}s: SELECT blocks (through {@link SelectPlanner}), set
 * operations, VALUES, and WITH queries (inlined when referenced once, read once and replayed when referenced several
 * times; recursive ones through {@link RecursiveQueryPlanner}, within the {@link RecursionBound}). One planner plans
 * one statement; it is not reused.
 */
public final class QueryPlanner {
    private final TableResolver tables;
    private final FunctionRegistry functions;
    private final int parameterBase;
    private final RecursionBound recursionBound;
    private final Deque<Map<String, PlanNode>> commonTableExpressions = new ArrayDeque<>();
    /** Correlated subqueries' prefetches, by the scope of the block whose rows they are fetched for. */
    private final Map<Scope, List<KeyedPrefetch>> prefetches = new IdentityHashMap<>();
    /** Correlated subqueries evaluated per row, by the scope of the block whose rows they are evaluated for. */
    private final Map<Scope, List<SubPlan>> subPlans = new IdentityHashMap<>();
    /** How many correlated subqueries the statement has planned so far (SubPlan numbers). */
    private int subPlanCount;
    /** The columns the statement reads, known once its outermost query is planned; else every column. */
    private ReadColumns readColumns = ReadColumns.ALL;

    /**
     * The result of planning a query: its operator tree and whether it references an enclosing block. As a
     * {@link SubqueryPlanner.Subquery} it is what the expression compiler runs for a subquery.
     */
    public record Planned(PlanNode node, boolean correlated) implements SubqueryPlanner.Subquery {
        public Planned {
            Objects.requireNonNull(node, "node");
        }

        @Override
        public List<ResultColumn> columns() {
            return node.columns();
        }

        @Override
        public RowIterator open(Environment environment) {
            return node.open(environment);
        }
    }

    public QueryPlanner(TableResolver tables, FunctionRegistry functions, int parameterBase) {
        this(tables, functions, parameterBase, RecursionBound.DEFAULT);
    }

    public QueryPlanner(
            TableResolver tables, FunctionRegistry functions, int parameterBase, RecursionBound recursionBound) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.parameterBase = parameterBase;
        this.recursionBound = Objects.requireNonNull(recursionBound, "recursionBound");
    }

    /** The statement's highest parameter number; correlated scan parameters are numbered after it. */
    int parameterBase() {
        return parameterBase;
    }

    /** The columns of the table named {@code alias} that the statement reads (all when not known). */
    org.stripejdbc.engine.ColumnsRead columnsRead(String alias) {
        return readColumns.forTable(alias);
    }

    TableSource resolveTable(QualifiedName name) {
        TableSource source = tables.resolve(name);
        if (source == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
        }
        return source;
    }

    /**
     * Records that a correlated subquery's scan can find its rows in {@code prefetch} if the block named by
     * {@code scope} fetches them ahead for its rows ({@link SelectPlanner} does, under its filter and select list).
     */
    void registerPrefetch(Scope scope, KeyedPrefetch prefetch) {
        prefetches.computeIfAbsent(scope, s -> new ArrayList<>()).add(prefetch);
    }

    /** The prefetches registered for the block named by {@code scope} so far, which the caller now places. */
    List<KeyedPrefetch> takePrefetches(Scope scope) {
        List<KeyedPrefetch> taken = prefetches.remove(scope);
        return taken == null ? List.of() : taken;
    }

    /** The plan of the WITH query {@code name} visible here, or null. */
    PlanNode commonTableExpression(String name) {
        for (Map<String, PlanNode> level : commonTableExpressions) {
            PlanNode node = level.get(name);
            if (node != null) {
                return node;
            }
        }
        return null;
    }

    /** Plans a subquery used in an expression, with {@code outer} as the enclosing block's names. */
    public SubqueryPlanner.Subquery planSubquery(Query query, Scope outer) {
        Planned planned = plan(query, outer, false);
        if (planned.correlated()) {
            subPlans.computeIfAbsent(outer, s -> new ArrayList<>()).add(new SubPlan(++subPlanCount, planned.node()));
        }
        return planned;
    }

    /**
     * The correlated subqueries planned so far for the rows named by {@code scope} (run per row: the caller shows
     * them under the node that evaluates them), now taken.
     */
    List<SubPlan> takeSubPlans(Scope scope) {
        List<SubPlan> taken = subPlans.remove(scope);
        return taken == null ? List.of() : taken;
    }

    /**
     * Plans {@code query}. {@code outer} is the enclosing block's scope (null at top level); {@code topLevel} is true
     * for the statement's outermost query, whose row count the JDBC maxRows also caps.
     */
    public Planned plan(Query query, Scope outer, boolean topLevel) {
        if (topLevel && readColumns == ReadColumns.ALL) {
            readColumns = ReadColumns.of(query); // the whole statement: every table learns what it reads of it
        }
        List<Query.CommonTableExpression> with = query instanceof Query.Select s
                ? s.with()
                : query instanceof Query.SetOperation o ? o.with() : List.of();
        if (with.isEmpty()) {
            return planBody(query, outer, topLevel);
        }
        Map<String, PlanNode> level = new LinkedHashMap<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Query.CommonTableExpression cte : with) {
            if (!names.add(cte.name())) {
                throw new StripeJdbcException(
                        SqlState.DUPLICATE_ALIAS, "WITH query name \"" + cte.name() + "\" specified more than once");
            }
        }
        boolean recursive = with.get(0).recursive();
        RecursiveQueryPlanner recursion = new RecursiveQueryPlanner(this, functions);
        commonTableExpressions.push(level);
        try {
            for (Query.CommonTableExpression cte : recursive ? RecursiveQueryPlanner.order(with) : with) {
                boolean selfReferencing = recursive && RecursiveQueryPlanner.isRecursive(cte);
                Planned planned = selfReferencing
                        ? recursion.plan(cte, outer, level, recursionBound.rows(), recursionBound.setting())
                        : plan(cte.query(), outer, false);
                List<ResultColumn> columns = planned.node().columns();
                if (cte.columnAliases().size() > columns.size()) {
                    throw new StripeJdbcException(
                            SqlState.INVALID_COLUMN_REFERENCE,
                            "WITH query \"" + cte.name()
                                    + "\" has " + columns.size() + " columns available but "
                                    + cte.columnAliases().size()
                                    + " columns specified");
                }
                List<ResultColumn> renamed = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    renamed.add(
                            i < cte.columnAliases().size()
                                    ? ResultColumn.of(
                                                    cte.columnAliases().get(i),
                                                    columns.get(i).type())
                                            .withElementType(columns.get(i).elementType())
                                    : columns.get(i));
                }
                PlanNode node = new RelabelNode(planned.node(), renamed, "CTE: " + cte.name());
                int references = QueryVisitor.countTableReferences(query, cte.name())
                        - (selfReferencing ? QueryVisitor.countTableReferences(cte.query(), cte.name()) : 0);
                if (references > 1 && !planned.correlated()) {
                    node = new MaterializedNode(node, cte.name());
                } else if (references > 1 && selfReferencing) {
                    throw StripeJdbcException.unsupported("a recursive WITH query (\"" + cte.name()
                            + "\") that refers to an enclosing query and is read more than once");
                }
                level.put(cte.name(), node);
            }
            return planBody(query, outer, topLevel);
        } finally {
            commonTableExpressions.pop();
        }
    }

    private Planned planBody(Query query, Scope outer, boolean topLevel) {
        if (query instanceof Query.Select select) {
            return new SelectPlanner(this, functions, outer, topLevel).plan(select);
        }
        if (query instanceof Query.SetOperation operation) {
            return setOperation(operation, outer, topLevel);
        }
        if (query instanceof Query.Values values) {
            Scope.Correlation correlation = new Scope.Correlation();
            PlanNode node = values(values.rows(), outer, correlation);
            node = orderAndLimit(node, values.orderBy(), values.limit(), values.offset(), outer, correlation, topLevel);
            return new Planned(node, correlation.referencesOuter());
        }
        throw StripeJdbcException.unsupported("query " + query.getClass().getSimpleName());
    }

    /** {@code VALUES (..), (..)}: each column typed as the common type of its values; named column1, column2... */
    PlanNode values(List<List<Expr>> rows, Scope outer, Scope.Correlation correlation) {
        if (rows.isEmpty()) {
            throw StripeJdbcException.syntax("VALUES must have at least one row");
        }
        int width = rows.get(0).size();
        ExpressionCompiler compiler =
                new ExpressionCompiler(functions, Scope.empty(outer, correlation), this::planSubquery, "VALUES");
        List<List<CompiledExpression>> compiled = new ArrayList<>();
        for (List<Expr> row : rows) {
            if (row.size() != width) {
                throw StripeJdbcException.syntax("VALUES lists must all be the same length");
            }
            List<CompiledExpression> cells = new ArrayList<>();
            for (Expr cell : row) {
                cells.add(compiler.compile(cell));
            }
            compiled.add(cells);
        }
        List<ResultColumn> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            List<SqlType> types = new ArrayList<>();
            for (List<CompiledExpression> row : compiled) {
                types.add(row.get(c).type());
            }
            SqlType type = TypeRules.commonType(types, "VALUES");
            List<SqlType> elements = new ArrayList<>();
            for (List<CompiledExpression> row : compiled) {
                elements.add(ArrayValuedExpression.knownElementType(row.get(c)));
                row.set(c, Coercion.coerce(row.get(c), type));
            }
            columns.add(ResultColumn.of("column" + (c + 1), type).withElementType(sharedElement(elements)));
        }
        return new ValuesNode(compiled, columns);
    }

    private Planned setOperation(Query.SetOperation operation, Scope outer, boolean topLevel) {
        Planned left = plan(operation.left(), outer, false);
        Planned right = plan(operation.right(), outer, false);
        String name = operation.operator().name();
        List<ResultColumn> leftColumns = left.node().columns();
        List<ResultColumn> rightColumns = right.node().columns();
        if (leftColumns.size() != rightColumns.size()) {
            throw StripeJdbcException.syntax("each " + name + " query must have the same number of columns");
        }
        List<ResultColumn> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        for (int i = 0; i < leftColumns.size(); i++) {
            SqlType type = TypeRules.commonType(
                    List.of(leftColumns.get(i).type(), rightColumns.get(i).type()), name);
            types.add(type);
            SqlType element = sharedElement(java.util.Arrays.asList(
                    leftColumns.get(i).elementType(), rightColumns.get(i).elementType()));
            columns.add(new ResultColumn(leftColumns.get(i).name(), type, null, null, element));
        }
        PlanNode node = new SetOperationNode(
                operation.operator(),
                operation.all(),
                convert(left.node(), types),
                convert(right.node(), types),
                columns);
        Scope.Correlation correlation = new Scope.Correlation();
        if (left.correlated() || right.correlated()) {
            correlation.markReferencesOuter();
        }
        node = orderAndLimit(
                node, operation.orderBy(), operation.limit(), operation.offset(), outer, correlation, topLevel);
        return new Planned(node, correlation.referencesOuter());
    }

    /**
     * The element type of an array column whose values come from several branches or rows: the known element type
     * they agree on ({@code select array[1] union select null}: integer), else null (unknown).
     */
    private static SqlType sharedElement(List<SqlType> elements) {
        SqlType shared = null;
        for (SqlType element : elements) {
            if (element != null && shared != null && element != shared) {
                return null;
            }
            shared = element != null ? element : shared;
        }
        return shared;
    }

    /** {@code node}'s rows with each column converted to {@code types} (identity when nothing changes). */
    static PlanNode convert(PlanNode node, List<SqlType> types) {
        boolean same = true;
        List<CompiledExpression> expressions = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            ResultColumn column = node.columns().get(i);
            CompiledExpression e = new ColumnExpression(0, i, column.type(), column.name());
            if (column.type() != types.get(i)) {
                same = false;
                e = Coercion.coerce(e, types.get(i));
            }
            expressions.add(e);
            columns.add(new ResultColumn(
                    column.name(), types.get(i), column.schema(), column.table(), column.elementType()));
        }
        return same ? node : new ProjectNode(node, expressions, columns);
    }

    /**
     * ORDER BY (output column names or positions only) and LIMIT/OFFSET over a query's output: for VALUES and set
     * operations.
     */
    private PlanNode orderAndLimit(
            PlanNode node,
            List<OrderItem> orderBy,
            Expr limit,
            Expr offset,
            Scope outer,
            Scope.Correlation correlation,
            boolean topLevel) {
        List<ResultColumn> columns = node.columns();
        RowBudget budget = budget(limit, offset, outer, correlation, topLevel);
        if (!orderBy.isEmpty()) {
            List<SortKey> keys = new ArrayList<>();
            for (OrderItem item : orderBy) {
                keys.add(new SortKey(
                        outputColumn(item.expression(), columns), item.descending(), item.effectiveNullsFirst()));
            }
            node = new SortNode(node, keys, budget, SortNode.describe(columns, keys));
        }
        if (limit != null || offset != null) {
            node = new LimitNode(node, budget.withoutMaxRows());
        }
        return node;
    }

    private static int outputColumn(Expr e, List<ResultColumn> columns) {
        Integer ordinal = ordinal(e);
        if (ordinal != null) {
            if (ordinal < 1 || ordinal > columns.size()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + ordinal + " is not in select list");
            }
            return ordinal - 1;
        }
        if (e instanceof Expr.ColumnRef ref && ref.qualifier() == null) {
            int found = -1;
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(ref.name())) {
                    if (found >= 0) {
                        throw new StripeJdbcException(
                                SqlState.AMBIGUOUS_COLUMN, "ORDER BY \"" + ref.name() + "\" is ambiguous");
                    }
                    found = i;
                }
            }
            if (found >= 0) {
                return found;
            }
            throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, "column \"" + ref.name() + "\" does not exist");
        }
        throw StripeJdbcException.unsupported(
                "ORDER BY on a UNION/INTERSECT/EXCEPT/VALUES result must name an " + "output column or its position");
    }

    /** The position written as {@code ORDER BY 2} / {@code GROUP BY 2}, or null when {@code e} is not one. */
    static Integer ordinal(Expr e) {
        if (e instanceof Expr.Literal l
                && l.value() != null
                && (l.type() == SqlType.BIGINT || l.type() == SqlType.INTEGER || l.type() == SqlType.SMALLINT)) {
            long value = ((Number) l.value()).longValue();
            return value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? Integer.MAX_VALUE : (int) value;
        }
        if (e instanceof Expr.Literal l && l.value() instanceof BigDecimal) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "non-integer constant in ORDER BY");
        }
        return null;
    }

    /** The LIMIT/OFFSET of a block compiled to bigint (constants or parameters; no column references). */
    RowBudget budget(Expr limit, Expr offset, Scope outer, Scope.Correlation correlation, boolean topLevel) {
        ExpressionCompiler compiler =
                new ExpressionCompiler(functions, Scope.empty(outer, correlation), this::planSubquery, "LIMIT");
        CompiledExpression limitValue = limit == null ? null : toBigint(compiler.compile(limit));
        CompiledExpression offsetValue =
                offset == null ? null : toBigint(compiler.forClause("OFFSET").compile(offset));
        String text = (limit == null ? "ALL" : ExprPrinter.print(limit))
                + (offset == null ? "" : " offset " + ExprPrinter.print(offset));
        long constantCount = limitValue instanceof ConstantExpression constant
                        && constant.value() instanceof Number number
                        && number.longValue() >= 0
                ? number.longValue()
                : -1;
        return new RowBudget(
                limitValue, offsetValue, constantCount, topLevel, limit == null && offset == null ? "" : text);
    }

    /** A LIMIT/OFFSET value as bigint; an integer constant stays a constant (the join planner reads it). */
    private static CompiledExpression toBigint(CompiledExpression value) {
        if (value instanceof ConstantExpression constant
                && value.type().isInteger()
                && constant.value() instanceof Number number) {
            return new ConstantExpression(number.longValue(), SqlType.BIGINT);
        }
        return Coercion.convert(value, SqlType.BIGINT, null, Coercion.Context.ASSIGNMENT);
    }
}
