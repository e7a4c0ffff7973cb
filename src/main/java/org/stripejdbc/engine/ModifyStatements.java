package org.stripejdbc.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.exec.CompiledQuery;
import org.stripejdbc.exec.CompiledExpression;
import org.stripejdbc.exec.Expressions;
import org.stripejdbc.exec.ExecutionContext;
import org.stripejdbc.exec.ResultColumn;
import org.stripejdbc.exec.RowIterator;
import org.stripejdbc.modify.ModifyOperation;
import org.stripejdbc.modify.ModifyResult;
import org.stripejdbc.modify.PartialModifyException;
import org.stripejdbc.modify.Returning;
import org.stripejdbc.modify.StripeModifier;
import org.stripejdbc.plan.DeclaredColumn;
import org.stripejdbc.plan.ForeignTableDefinition;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

/**
 * INSERT, UPDATE and DELETE on Stripe foreign tables. Finds the rows with the read path's planner and hands
 * the writes to {@link StripeModifier} (one request per row, each with its own Idempotency-Key).
 * <pre>
 *   insert into stripe.customers(email, name) values ('a@b.c', 'A')    → POST /v1/customers
 *   update stripe.customers set description = 'x' where id = 'cus_1'  → POST /v1/customers/cus_1   (no read)
 *   delete from stripe.customers where email = 'a@b.c'                → GET /v1/customers?email=a%40b.c&amp;limit=100,
 *                                                                        then DELETE /v1/customers/&lt;id&gt; per row
 * </pre>
 */
final class ModifyStatements {
    /** The resolved target of a write. */
    record Target(ForeignTableDefinition table, StripeModifier modifier) {
    }

    /** Finds the target table and its client (the session's resolution rules). */
    interface TargetResolver {
        Target resolve(QualifiedName name);
    }

    private static final Object[] NO_ROW = new Object[0];

    private final TargetResolver targets;
    private final Expressions expressions;
    private final QueryCompilerFacade queries;

    ModifyStatements(TargetResolver targets, QueryCompilerFacade queries) {
        this.targets = targets;
        this.expressions = queries.expressions();
        this.queries = queries;
    }

    // ------------------------------------------------------------------ INSERT

    Command insert(Statement.Insert insert, int parameterCount) {
        Target target = targets.resolve(insert.table());
        ForeignTableDefinition table = target.table();
        target.modifier().checkWritable(ModifyOperation.INSERT);
        List<DeclaredColumn> columns = new ArrayList<>();
        if (insert.columns().isEmpty()) {
            columns.addAll(table.columns());
        } else {
            for (String name : insert.columns()) {
                columns.add(column(table, name));
            }
        }
        CompiledQuery source = insert.source() == null ? null : queries.compile(insert.source());
        if (source != null && source.columns().size() != columns.size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "INSERT has " + source.columns().size()
                    + " expressions but " + columns.size() + " target columns");
        }
        List<List<CompiledExpression>> values = new ArrayList<>();
        for (List<Expr> row : insert.rows()) {
            if (row.size() != columns.size()) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "INSERT has " + (row.size() > columns.size()
                        ? "more" : "fewer") + " expressions than target columns");
            }
            List<CompiledExpression> compiled = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                compiled.add(value(row.get(i), columns.get(i)));
            }
            values.add(compiled);
        }
        ReturningList returning = returning(target, insert.table(), null, insert.returning());
        return command(returning, parameterCount, table, context -> {
            Iterator<Map<String, Object>> rows = source == null ? valuesRows(values, columns, context)
                    : sourceRows(source, columns, context);
            return target.modifier().insert(rows, context, mode(returning));
        });
    }

    private static Iterator<Map<String, Object>> valuesRows(List<List<CompiledExpression>> rows,
                                                            List<DeclaredColumn> columns, ExecutionContext context) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<CompiledExpression> row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i).name(), row.get(i).evaluate(NO_ROW, context));
            }
            out.add(values);
        }
        return out.iterator();
    }

    private static Iterator<Map<String, Object>> sourceRows(CompiledQuery source, List<DeclaredColumn> columns,
                                                            ExecutionContext context) {
        RowIterator rows = source.execute(context);
        return new ClosingIterator<>(rows, current -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i).name(), current[i]);
            }
            return values;
        });
    }

    // ------------------------------------------------------------------ UPDATE and DELETE

    Command update(Statement.Update update, int parameterCount) {
        Target target = targets.resolve(update.table());
        ForeignTableDefinition table = target.table();
        target.modifier().checkWritable(ModifyOperation.UPDATE);
        Map<String, DeclaredColumn> assigned = new LinkedHashMap<>();
        boolean allConstant = true;
        for (Statement.Assignment a : update.assignments()) {
            DeclaredColumn column = column(table, a.column());
            if (assigned.put(column.name(), column) != null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple assignments to same column \""
                        + column.name() + "\"");
            }
            allConstant &= expressions.isConstant(a.value());
        }
        ReturningList returning = returning(target, update.table(), update.alias(), update.returning());
        String rowid = table.rowidColumn();
        Optional<CompiledExpression> directId = allConstant ? directId(update.where(), rowid, update.alias(),
                update.table()) : Optional.empty();
        if (allConstant) {
            Map<String, CompiledExpression> values = new LinkedHashMap<>();
            for (Statement.Assignment a : update.assignments()) {
                values.put(a.column(), value(a.value(), assigned.get(a.column())));
            }
            CompiledQuery finder = directId.isPresent() ? null : finder(update.table(), update.alias(), rowid,
                    List.of(), update.where());
            return command(returning, parameterCount, table, context -> {
                Map<String, Object> set = new LinkedHashMap<>();
                values.forEach((column, value) -> set.put(column, value.evaluate(NO_ROW, context)));
                Iterator<String> ids = directId.isPresent() ? directIds(directId.get(), context)
                        : idIterator(finder, context);
                return target.modifier().update(ids, set, context, mode(returning));
            });
        }
        // SET expressions reading the row (set name = upper(name)): one scan gives the ids and the new values.
        List<SelectItem> values = new ArrayList<>();
        for (Statement.Assignment a : update.assignments()) {
            values.add(new SelectItem.Column(new Expr.Cast(a.value(), assigned.get(a.column()).type(),
                    assigned.get(a.column()).type().postgresName()), a.column()));
        }
        CompiledQuery finder = finder(update.table(), update.alias(), rowid, values, update.where());
        return command(returning, parameterCount, table, context -> {
            List<ModifyResult> results = new ArrayList<>();
            try (RowIterator rows = finder.execute(context)) {
                while (nextRow(rows, results, table)) {
                    Object[] row = rows.current();
                    Map<String, Object> set = new LinkedHashMap<>();
                    for (int i = 0; i < update.assignments().size(); i++) {
                        set.put(update.assignments().get(i).column(), row[i + 1]);
                    }
                    try {
                        results.add(target.modifier().update(List.of(String.valueOf(row[0])), set, context));
                    } catch (PartialModifyException e) {
                        // The modifier saw one row; the statement has applied the rows before it.
                        throw partialUpdate(results, table, e.getCause() instanceof RuntimeException cause ? cause : e);
                    }
                }
            }
            return merge(results);
        });
    }

    /** The scan's next row; a failure of the scan after rows were applied says which were. */
    private static boolean nextRow(RowIterator rows, List<ModifyResult> results, ForeignTableDefinition table) {
        try {
            return rows.next();
        } catch (RuntimeException e) {
            if (results.isEmpty()) {
                throw e;
            }
            throw partialUpdate(results, table, e);
        }
    }

    /** An UPDATE failing at row {@code results.size() + 1} of a scan (total unknown), with what was applied. */
    private static PartialModifyException partialUpdate(List<ModifyResult> results, ForeignTableDefinition table,
                                                        RuntimeException cause) {
        ModifyResult applied = merge(results);
        return new PartialModifyException(ModifyOperation.UPDATE, table.qualifiedName(), results.size() + 1, -1,
                applied.affected(), applied.ids(), cause);
    }

    Command delete(Statement.Delete delete, int parameterCount) {
        Target target = targets.resolve(delete.table());
        ForeignTableDefinition table = target.table();
        target.modifier().checkWritable(ModifyOperation.DELETE);
        ReturningList returning = returning(target, delete.table(), delete.alias(), delete.returning());
        String rowid = table.rowidColumn();
        Optional<CompiledExpression> directId = directId(delete.where(), rowid, delete.alias(), delete.table());
        CompiledQuery finder = directId.isPresent() ? null
                : finder(delete.table(), delete.alias(), rowid, List.of(), delete.where());
        return command(returning, parameterCount, table, context -> {
            Iterator<String> ids = directId.isPresent() ? directIds(directId.get(), context)
                    : idIterator(finder, context);
            return target.modifier().delete(ids, context, mode(returning));
        });
    }

    private static ModifyResult merge(List<ModifyResult> results) {
        long affected = 0;
        List<org.stripejdbc.json.Json> objects = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ModifyResult r : results) {
            affected += r.affected();
            objects.addAll(r.objects());
            ids.addAll(r.ids());
            warnings.addAll(r.warnings());
        }
        return new ModifyResult(affected, objects, ids, warnings);
    }

    /**
     * The constant of {@code WHERE rowid = constant} (either side), the only shape that writes with no read:
     * a 404 then means 0 rows.
     */
    private Optional<CompiledExpression> directId(Expr where, String rowid, String alias, QualifiedName table) {
        if (!(where instanceof Expr.Binary b) || b.operator() != Expr.BinaryOperator.EQUALS) {
            return Optional.empty();
        }
        Expr constant = null;
        if (isRowid(b.left(), rowid, alias, table) && expressions.isConstant(b.right())) {
            constant = b.right();
        } else if (isRowid(b.right(), rowid, alias, table) && expressions.isConstant(b.left())) {
            constant = b.left();
        }
        return constant == null ? Optional.empty()
                : Optional.of(expressions.compileAssignment(constant, SqlType.TEXT, List.of(), null));
    }

    private static boolean isRowid(Expr e, String rowid, String alias, QualifiedName table) {
        return e instanceof Expr.ColumnRef c && c.name().equals(rowid)
                && (c.qualifier() == null || c.qualifier().equals(alias) || c.qualifier().equals(table.name()));
    }

    private static Iterator<String> directIds(CompiledExpression idExpression, ExecutionContext context) {
        Object id = idExpression.evaluate(NO_ROW, context);
        if (id == null) {
            return List.<String>of().iterator(); // rowid = NULL matches nothing
        }
        return List.of(id.toString()).iterator();
    }

    private CompiledQuery finder(QualifiedName table, String alias, String rowid, List<SelectItem> extra, Expr where) {
        List<SelectItem> items = new ArrayList<>();
        items.add(QueryCompilerFacade.column(rowid));
        items.addAll(extra);
        Query.Select select = QueryCompilerFacade.selectFrom(table, alias, items, where);
        return queries.compile(select);
    }

    private static Iterator<String> idIterator(CompiledQuery finder, ExecutionContext context) {
        return new ClosingIterator<>(finder.execute(context), row -> row[0] == null ? null : row[0].toString());
    }

    /** A value written to a column: compiled against the column's type (22P02 and friends when it can't be). */
    private CompiledExpression value(Expr expression, DeclaredColumn column) {
        return expressions.compileAssignment(expression, column.type(), List.of(), null);
    }

    private static DeclaredColumn column(ForeignTableDefinition table, String name) {
        return table.column(name).orElseThrow(() -> new StripeJdbcException(SqlState.UNDEFINED_COLUMN,
                "column \"" + name + "\" of relation \"" + table.qualifiedName() + "\" does not exist"));
    }

    // ------------------------------------------------------------------ RETURNING

    private ReturningList returning(Target target, QualifiedName name, String alias, List<SelectItem> items) {
        if (!items.isEmpty()) {
            target.modifier().checkReturning();
        }
        ForeignTableDefinition table = target.table();
        List<ResultColumn> columns = new ArrayList<>();
        for (DeclaredColumn c : table.columns()) {
            columns.add(new ResultColumn(c.name(), c.type(), table.schema(), table.tableName()));
        }
        return ReturningList.of(items, columns, alias == null ? name.name() : alias, expressions);
    }

    private static Returning mode(ReturningList returning) {
        return returning.present() ? Returning.ROWS : Returning.NONE;
    }

    private static Command command(ReturningList returning, int parameterCount, ForeignTableDefinition table,
                                   java.util.function.Function<ExecutionContext, ModifyResult> action) {
        return new SimpleCommand(returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount),
                context -> {
                    ModifyResult result = action.apply(context);
                    return returning.result(result.affected(), result.ids(),
                            returning.present() ? result.rows(table) : List.of(), result.warnings(), context);
                });
    }

    /** Maps a row stream lazily and closes it when exhausted. */
    private static final class ClosingIterator<T> implements Iterator<T> {
        private final RowIterator rows;
        private final java.util.function.Function<Object[], T> mapper;
        private Boolean hasNext;

        ClosingIterator(RowIterator rows, java.util.function.Function<Object[], T> mapper) {
            this.rows = rows;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            if (hasNext == null) {
                hasNext = rows.next();
                if (!hasNext) {
                    rows.close();
                }
            }
            return hasNext;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            hasNext = null;
            return mapper.apply(rows.current());
        }
    }
}
