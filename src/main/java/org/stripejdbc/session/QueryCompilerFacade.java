package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionAnalysis;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.FunctionLibrary;
import org.stripejdbc.engine.QueryCompiler;
import org.stripejdbc.engine.RecursionBound;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.TableResolver;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/** The engine's use of the local executor: query and EXPLAIN commands, and row-finding queries for DML. */
final class QueryCompilerFacade {
    private final TableResolver resolver;
    private final FunctionLibrary library;
    private final Expressions expressions;
    private final RecursionBound recursionBound;

    QueryCompilerFacade(TableResolver resolver, FunctionLibrary library) {
        this(resolver, library, RecursionBound.DEFAULT);
    }

    /** With the bound of recursive WITH queries ({@code max_recursive_rows}). */
    QueryCompilerFacade(TableResolver resolver, FunctionLibrary library, RecursionBound recursionBound) {
        this.resolver = resolver;
        this.library = library;
        this.expressions = new Expressions(resolver, library);
        this.recursionBound = recursionBound;
    }

    /** Scalar expressions over the same tables and functions (constants for pushdown, DML values). */
    Expressions expressions() {
        return expressions;
    }

    CompiledQuery compile(Query query) {
        return new QueryCompiler(resolver, library, recursionBound).compile(query);
    }

    Command queryCommand(Query query, int parameterCount) {
        CompiledQuery compiled = compile(query);
        List<ResultColumn> columns = compiled.columns();
        return SimpleCommand.query(
                columns,
                parameterCount,
                context -> new CommandResult.Rows(columns, compiled.execute(context), List.of()));
    }

    Command explainCommand(Query query, int parameterCount) {
        CompiledQuery compiled = compile(query);
        List<ResultColumn> columns = List.of(ResultColumn.of("QUERY PLAN", SqlType.TEXT));
        return SimpleCommand.query(columns, parameterCount, context -> {
            List<Object[]> rows = new ArrayList<>();
            for (String line : compiled.explain(context)) {
                rows.add(new Object[] {line});
            }
            return new CommandResult.Rows(columns, RowIterator.of(rows), List.of());
        });
    }

    /**
     * EXPLAIN ANALYZE of a query: runs it to the end (its rows are read and dropped, as Postgres does), then prints the
     * plan with what each scan really did ({@code Actual: 37 rows, 1 loop, 812.4 ms; 3 requests for 2 pages (1 retry,
     * 1 answered 429), 200 objects received}), the rows returned and the execution time.
     */
    Command explainAnalyzeCommand(Query query, int parameterCount) {
        CompiledQuery compiled = compile(query);
        List<ResultColumn> columns = List.of(ResultColumn.of("QUERY PLAN", SqlType.TEXT));
        return SimpleCommand.query(columns, parameterCount, context -> {
            ExecutionAnalysis analysis = new ExecutionAnalysis(context.listener());
            ExecutionContext measured = context.forScan(context.parameters(), analysis);
            long started = System.nanoTime();
            long rows = 0;
            try (RowIterator result = compiled.execute(measured)) {
                while (result.next()) {
                    rows++;
                }
            }
            long elapsed = System.nanoTime() - started;
            List<Object[]> lines = new ArrayList<>();
            for (String line : compiled.explain(measured, analysis)) {
                lines.add(new Object[] {line});
            }
            lines.add(new Object[] {"Rows: " + rows});
            lines.add(new Object[] {String.format(Locale.ROOT, "Execution Time: %.3f ms", elapsed / 1_000_000.0)});
            return new CommandResult.Rows(columns, RowIterator.of(lines), List.of());
        });
    }

    /** {@code SELECT <items> FROM <table> [alias] [WHERE where]}. */
    static Query.Select selectFrom(QualifiedName table, String alias, List<SelectItem> items, Expr where) {
        return new Query.Select(
                List.of(),
                false,
                List.of(),
                items,
                new FromItem.Table(table, alias),
                where,
                List.of(),
                null,
                List.of(),
                null,
                null);
    }

    static SelectItem column(String name) {
        return new SelectItem.Column(new Expr.ColumnRef(null, name), null);
    }
}
