package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.exec.CompiledQuery;
import org.stripejdbc.exec.Expressions;
import org.stripejdbc.exec.FunctionLibrary;
import org.stripejdbc.exec.QueryCompiler;
import org.stripejdbc.exec.ResultColumn;
import org.stripejdbc.exec.RowIterator;
import org.stripejdbc.exec.TableResolver;
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

    QueryCompilerFacade(TableResolver resolver, FunctionLibrary library) {
        this.resolver = resolver;
        this.library = library;
        this.expressions = new Expressions(resolver, library);
    }

    /** Scalar expressions over the same tables and functions (constants for pushdown, DML values). */
    Expressions expressions() {
        return expressions;
    }

    CompiledQuery compile(Query query) {
        return new QueryCompiler(resolver, library).compile(query);
    }

    Command queryCommand(Query query, int parameterCount) {
        CompiledQuery compiled = compile(query);
        List<ResultColumn> columns = compiled.columns();
        return SimpleCommand.query(columns, parameterCount,
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

    /** {@code SELECT <items> FROM <table> [alias] [WHERE where]}. */
    static Query.Select selectFrom(QualifiedName table, String alias, List<SelectItem> items, Expr where) {
        return new Query.Select(List.of(), false, List.of(), items, new FromItem.Table(table, alias), where, List.of(),
                null, List.of(), null, null);
    }

    static SelectItem column(String name) {
        return new SelectItem.Column(new Expr.ColumnRef(null, name), null);
    }
}
