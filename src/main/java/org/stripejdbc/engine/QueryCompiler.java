package org.stripejdbc.engine;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.function.FunctionRegistry;
import org.stripejdbc.engine.operator.ExplainWriter;
import org.stripejdbc.engine.operator.PlanNode;
import org.stripejdbc.engine.planner.QueryPlanner;
import org.stripejdbc.engine.planner.QueryVisitor;
import org.stripejdbc.sql.Query;

/**
 * Compiles {@link Query} statements into {@link CompiledQuery}s with Postgres semantics: name resolution, type
 * checking and coercion, WHERE/LIMIT pushdown into the {@link TableSource}s, and a tree of streaming operators.
 *
 * <p>Example:
 * <pre>{@code
 * QueryCompiler compiler = new QueryCompiler(catalog::resolveTable);
 * CompiledQuery query = compiler.compile(parsedSelect);
 * try (RowIterator rows = query.execute(context)) {
 *     while (rows.next()) { ... rows.current() ... }
 * }
 * }</pre>
 * Errors are {@link org.stripejdbc.error.StripeJdbcException}s with Postgres' SQLSTATEs and messages
 * ({@code 42703 column "x" does not exist}, {@code 42883 operator does not exist: text > integer},
 * {@code 0A000} for constructs the engine does not implement).
 */
public final class QueryCompiler {
    private final TableResolver tables;
    private final FunctionRegistry functions;
    private final RecursionBound recursionBound;

    /** A compiler with the built-in functions. */
    public QueryCompiler(TableResolver tables) {
        this(tables, FunctionLibrary.standard());
    }

    /** A compiler whose queries may also call the functions {@code library} adds. */
    public QueryCompiler(TableResolver tables, FunctionLibrary library) {
        this(tables, library, RecursionBound.DEFAULT);
    }

    /**
     * A compiler whose recursive WITH queries stop with 54001 past {@code recursionBound} rows ({@code new
     * RecursionBound(5000, "max_recursive_rows")}: the 5,001st row of one fails naming the setting).
     */
    public QueryCompiler(TableResolver tables, FunctionLibrary library, RecursionBound recursionBound) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.functions = Objects.requireNonNull(library, "library").registry();
        this.recursionBound = Objects.requireNonNull(recursionBound, "recursionBound");
    }

    /** Binds names, checks types and plans pushdown; resolves tables but performs no I/O. */
    public CompiledQuery compile(Query query) {
        Objects.requireNonNull(query, "query");
        int parameterCount = QueryVisitor.maxParameterIndex(query);
        QueryPlanner planner = new QueryPlanner(tables, functions, parameterCount, recursionBound);
        PlanNode root = planner.plan(query, null, true).node();
        return new PlannedQuery(root, parameterCount);
    }

    /** The compiled form: the operator tree's root. */
    private static final class PlannedQuery implements CompiledQuery {
        private final PlanNode root;
        private final int parameterCount;

        PlannedQuery(PlanNode root, int parameterCount) {
            this.root = root;
            this.parameterCount = parameterCount;
        }

        @Override
        public List<ResultColumn> columns() {
            return root.columns();
        }

        @Override
        public int parameterCount() {
            return parameterCount;
        }

        @Override
        public RowIterator execute(ExecutionContext context) {
            Objects.requireNonNull(context, "context");
            RowIterator rows = root.open(new Environment(context));
            long maxRows = context.maxRows();
            if (maxRows <= 0) {
                return rows;
            }
            return RowIterator.limit(rows, 0, maxRows);
        }

        @Override
        public List<String> explain(ExecutionContext context) {
            return explain(context, null);
        }

        @Override
        public List<String> explain(ExecutionContext context, ExecutionAnalysis analysis) {
            ExplainWriter writer = new ExplainWriter(Objects.requireNonNull(context, "context"), analysis);
            root.explain(writer);
            return writer.lines();
        }
    }
}
