package org.stripejdbc.session;

import static org.stripejdbc.session.ModifyRowFinder.NO_ROW;
import static org.stripejdbc.session.ModifyRowFinder.collect;
import static org.stripejdbc.session.ModifyRowFinder.directIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifyRefusedException;
import org.stripejdbc.fdw.modify.ModifyResult;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.ModifySettings.Restriction;
import org.stripejdbc.fdw.modify.Returning;
import org.stripejdbc.fdw.modify.StripeModifier;
import org.stripejdbc.session.ModifyRowFinder.Collected;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.types.SqlType;

/**
 * INSERT, UPDATE and DELETE on Stripe foreign tables, and their dry run ({@code EXPLAIN}). Every modify runs in
 * two phases: first it finds its rows completely ({@link ModifyRowFinder}: the read path's planner and pushdown,
 * read to the end) and works out every request, checking the guards; only then does {@link StripeModifier#apply}
 * send the write requests, one per row, in order. A failure or cancel while reading changes nothing, and a DELETE never
 * pages with the id of an
 * object it has just deleted.
 * <pre>
 *   insert into stripe.customers(email, name) values ('a@b.c', 'A')    → POST /v1/customers
 *   update stripe.customers set description = 'x' where id = 'cus_1'  → POST /v1/customers/cus_1   (no read)
 *   delete from stripe.customers where email = 'a@b.c'                → GET /v1/customers?email=a%40b.c&amp;limit=100
 *                                                                        (every page), then
 *                                                                        DELETE /v1/customers/&lt;id&gt; per row
 * </pre>
 * Guards, in the order they run (see {@link ModifySettings} and {@link StripeModifier#checkAllowed}):
 * <ol>
 *   <li>dangerous writes (INSERT into charges, DELETE from accounts...) without the table option
 *       {@code allow_dangerous_writes 'true'}: 42501 before any request;</li>
 *   <li>safe updates: UPDATE or DELETE without WHERE, or with a WHERE that references no column and is true:
 *       42501 before any request;</li>
 *   <li>read-only columns and an UPDATE that would send nothing: 428C9 / 22023 before any request;</li>
 *   <li>the row cap ({@code max_write_rows}): after the read, before any write: 54000.</li>
 * </ol>
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} go to {@link JoinedModify}, with the same guards.
 * Memory: an UPDATE or DELETE keeps the ids it read (and, when SET reads the row, each row's new values), at
 * most {@code max_write_rows} of them; it keeps counting past the cap so that the refusal says how many rows
 * matched.
 */
final class ModifyStatements implements ModifyCommands {
    /** The resolved target of a write. */
    record Target(ForeignTableDefinition table, StripeModifier modifier) {}

    /** Finds the target table and its client (the session's resolution rules). */
    interface TargetResolver {
        Target resolve(QualifiedName name);
    }

    private final TargetResolver targets;
    private final Expressions expressions;
    private final QueryCompilerFacade queries;
    private final ModifyRowFinder rowFinder;
    private final JoinedModify joined;
    private final Supplier<ModifySettings> settings;
    private final UnaryOperator<String> redactor;

    /**
     * @param settings the session's write guards, read at every execution
     * @param redactor masks secrets in dry-run text (the catalog's {@code Redactor})
     */
    ModifyStatements(
            TargetResolver targets,
            QueryCompilerFacade queries,
            Supplier<ModifySettings> settings,
            UnaryOperator<String> redactor) {
        this.targets = targets;
        this.expressions = queries.expressions();
        this.queries = queries;
        this.rowFinder = new ModifyRowFinder(queries);
        this.joined = new JoinedModify(queries);
        this.settings = settings;
        this.redactor = redactor;
    }

    @Override
    public Command insert(Statement.Insert insert, int parameterCount) {
        return command(compileInsert(insert), parameterCount);
    }

    @Override
    public Command update(Statement.Update update, int parameterCount) {
        if (update.from() != null) {
            return joined.update(update, targets.resolve(update.table())).command(parameterCount, settings);
        }
        return command(compileUpdate(update), parameterCount);
    }

    @Override
    public Command delete(Statement.Delete delete, int parameterCount) {
        if (delete.using() != null) {
            return joined.delete(delete, targets.resolve(delete.table())).command(parameterCount, settings);
        }
        return command(compileDelete(delete), parameterCount);
    }

    /**
     * {@code EXPLAIN} of an INSERT, UPDATE or DELETE: a dry run that reads the rows (as the statement would) and
     * shows the requests it would send, never sending one ({@link ModifyDryRun}). {@code EXPLAIN ANALYZE} of a write
     * would have to write, so it is refused (0A000).
     */
    Command explain(Statement.Explain explain, int parameterCount) {
        Statement inner = explain.statement();
        CompiledModify write;
        if (inner instanceof Statement.Insert insert) {
            write = compileInsert(insert);
        } else if (inner instanceof Statement.Update update) {
            write = compileUpdate(update);
        } else if (inner instanceof Statement.Delete delete) {
            write = compileDelete(delete);
        } else {
            throw new IllegalArgumentException(
                    "not a write: " + inner.getClass().getSimpleName());
        }
        if (explain.analyze()) {
            throw StripeJdbcException.unsupported("EXPLAIN ANALYZE of "
                    + write.operation().name()
                    + " would write to Stripe; use EXPLAIN " + write.operation().name() + " (without ANALYZE), a dry "
                    + "run that reads the rows and shows the write requests without sending them");
        }
        List<ResultColumn> columns = List.of(ResultColumn.of("QUERY PLAN", SqlType.TEXT));
        return SimpleCommand.query(columns, parameterCount, context -> {
            List<Object[]> rows = new ArrayList<>();
            for (String line : ModifyDryRun.lines(write, context, settings.get(), explain.verbose())) {
                rows.add(new Object[] {redactor.apply(line)}); // Security: values as written, secrets masked
            }
            return new CommandResult.Rows(columns, RowIterator.of(rows), List.of());
        });
    }

    private Command command(CompiledModify write, int parameterCount) {
        ReturningList returning = write.returning();
        ForeignTableDefinition table = write.target().table();
        return new SimpleCommand(
                returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount), context -> {
                    ModifyPlan plan = write.plan(context, settings.get());
                    plan.throwIfRefused();
                    ModifyResult result = write.target()
                            .modifier()
                            .apply(plan.requests(), context, returning.present() ? Returning.ROWS : Returning.NONE);
                    return returning.result(
                            result.affected(),
                            result.ids(),
                            returning.present()
                                    ? plan.returningRows(
                                            result.ids(),
                                            write.target()
                                                    .modifier()
                                                    .returningRows(result, returning.columnsRead(table), context))
                                    : List.of(),
                            result.warnings(),
                            context);
                });
    }

    // ------------------------------------------------------------------ INSERT

    private CompiledModify compileInsert(Statement.Insert insert) {
        Target target = targets.resolve(insert.table());
        ForeignTableDefinition table = target.table();
        StripeModifier modifier = target.modifier();
        modifier.checkModifiable(ModifyOperation.INSERT);
        List<ForeignColumn> columns = new ArrayList<>();
        if (insert.columns().isEmpty()) {
            columns.addAll(table.columns());
        } else {
            for (String name : insert.columns()) {
                columns.add(column(table, name));
            }
        }
        CompiledQuery source = insert.source() == null ? null : queries.compile(insert.source());
        if (source != null && source.columns().size() != columns.size()) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    "INSERT has " + source.columns().size() + " expressions but " + columns.size() + " target columns");
        }
        List<List<CompiledExpression>> values = new ArrayList<>();
        for (List<Expr> row : insert.rows()) {
            if (row.size() != columns.size()) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR,
                        "INSERT has " + (row.size() > columns.size() ? "more" : "fewer")
                                + " expressions than target columns");
            }
            List<CompiledExpression> compiled = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                compiled.add(value(row.get(i), columns.get(i)));
            }
            values.add(compiled);
        }
        ReturningList returning = returning(target, insert.table(), null, insert.returning());
        String name = table.qualifiedName();
        return new CompiledModify(
                ModifyOperation.INSERT, target, returning, source, "a VALUES list", (context, settings) -> {
                    try {
                        modifier.checkAllowed(ModifyOperation.INSERT, List.of());
                    } catch (ModifyRefusedException e) {
                        return ModifyPlan.refusedBeforeRead(e);
                    }
                    List<Map<String, Object>> rows;
                    long count;
                    if (source == null) {
                        rows = new ArrayList<>();
                        for (List<CompiledExpression> row : values) {
                            Map<String, Object> evaluated = new LinkedHashMap<>();
                            for (int i = 0; i < columns.size(); i++) {
                                evaluated.put(columns.get(i).name(), row.get(i).evaluate(NO_ROW, context));
                            }
                            rows.add(evaluated);
                        }
                        count = rows.size();
                    } else {
                        Collected<Map<String, Object>> read =
                                collect(source, context, settings, ModifyOperation.INSERT, name, row -> {
                                    Map<String, Object> evaluated = new LinkedHashMap<>();
                                    for (int i = 0; i < columns.size(); i++) {
                                        evaluated.put(columns.get(i).name(), row[i]);
                                    }
                                    return evaluated;
                                });
                        rows = read.kept();
                        count = read.count();
                    }
                    try {
                        settings.checkCount(ModifyOperation.INSERT, name, count);
                    } catch (ModifyRefusedException e) {
                        return ModifyPlan.refused(count, source != null, List.of(), e);
                    }
                    return ModifyPlan.of(modifier.planInsert(rows), source != null);
                });
    }

    // ------------------------------------------------------------------ UPDATE

    private CompiledModify compileUpdate(Statement.Update update) {
        if (update.from() != null) {
            return joined.update(update, targets.resolve(update.table())).modify(); // UPDATE ... FROM
        }
        Target target = targets.resolve(update.table());
        ForeignTableDefinition table = target.table();
        StripeModifier modifier = target.modifier();
        modifier.checkModifiable(ModifyOperation.UPDATE);
        Map<String, ForeignColumn> assigned = new LinkedHashMap<>();
        boolean allConstant = true;
        for (Statement.Assignment a : update.assignments()) {
            ForeignColumn column = column(table, a.column());
            if (assigned.put(column.name(), column) != null) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + column.name() + "\"");
            }
            // 428C9 before anything else: the id, created, and what only a create may set cannot be assigned.
            modifier.encoder().checkAssignable(column.name());
            allConstant &= expressions.isConstant(a.value());
        }
        ReturningList returning = returning(target, update.table(), update.alias(), update.returning());
        String rowid = table.rowidColumn();
        String name = table.qualifiedName();
        Function<ExecutionContext, Restriction> restriction = rowFinder.restriction(update.where());
        if (allConstant) {
            Map<String, CompiledExpression> values = new LinkedHashMap<>();
            for (Statement.Assignment a : update.assignments()) {
                values.put(a.column(), value(a.value(), assigned.get(a.column())));
            }
            Optional<CompiledExpression> directId =
                    rowFinder.directId(update.where(), rowid, update.alias(), update.table());
            CompiledQuery finder = directId.isPresent()
                    ? null
                    : rowFinder.finder(update.table(), update.alias(), rowid, List.of(), update.where());
            return new CompiledModify(
                    ModifyOperation.UPDATE,
                    target,
                    returning,
                    finder,
                    "WHERE " + rowid + " = constant addresses the row directly; a 404 counts as 0 rows",
                    (context, settings) -> {
                        List<Map.Entry<String, String>> body;
                        try {
                            settings.checkRestricted(ModifyOperation.UPDATE, name, restriction.apply(context));
                            modifier.checkAllowed(ModifyOperation.UPDATE, assigned.keySet());
                            Map<String, Object> set = new LinkedHashMap<>();
                            values.forEach((column, value) -> set.put(column, value.evaluate(NO_ROW, context)));
                            body = modifier.updateBody(set);
                        } catch (ModifyRefusedException e) {
                            return ModifyPlan.refusedBeforeRead(e);
                        }
                        if (directId.isPresent()) {
                            return ModifyPlan.of(modifier.planUpdate(directIds(directId.get(), context), body), false);
                        }
                        Collected<String> ids =
                                collect(finder, context, settings, ModifyOperation.UPDATE, name, ModifyRowFinder::id);
                        try {
                            settings.checkCount(ModifyOperation.UPDATE, name, ids.count());
                        } catch (ModifyRefusedException e) {
                            return ModifyPlan.refused(ids.count(), true, ids.kept(), e);
                        }
                        return ModifyPlan.of(modifier.planUpdate(ids.kept(), body), true);
                    });
        }
        // SET expressions reading the row (set name = upper(name)): one read gives the ids and the new values.
        List<SelectItem> values = new ArrayList<>();
        for (Statement.Assignment a : update.assignments()) {
            values.add(new SelectItem.Column(
                    new Expr.Cast(
                            a.value(),
                            assigned.get(a.column()).type(),
                            assigned.get(a.column()).type().postgresName()),
                    a.column()));
        }
        // attrs computed from the row (set attrs = attrs || '{...}') sends only what changed: read it as it was too.
        boolean attrsDiff =
                assigned.containsKey("attrs") && assigned.get("attrs").type().isJson();
        if (attrsDiff) {
            values.add(new SelectItem.Column(new Expr.ColumnRef(update.alias(), "attrs"), "attrs"));
        }
        CompiledQuery finder = rowFinder.finder(update.table(), update.alias(), rowid, values, update.where());
        return new CompiledModify(ModifyOperation.UPDATE, target, returning, finder, null, (context, settings) -> {
            try {
                settings.checkRestricted(ModifyOperation.UPDATE, name, restriction.apply(context));
                modifier.checkAllowed(ModifyOperation.UPDATE, assigned.keySet());
            } catch (ModifyRefusedException e) {
                return ModifyPlan.refusedBeforeRead(e);
            }
            Collected<RowValues> rows = collect(finder, context, settings, ModifyOperation.UPDATE, name, row -> {
                Map<String, Object> set = new LinkedHashMap<>();
                for (int i = 0; i < update.assignments().size(); i++) {
                    set.put(update.assignments().get(i).column(), row[i + 1]);
                }
                if (attrsDiff) {
                    set.put(
                            "attrs",
                            modifier.attrsChange(row[update.assignments().size() + 1], set.get("attrs")));
                }
                return new RowValues(ModifyRowFinder.id(row), set);
            });
            // A row whose only change is an attrs left as it was sends no request (and is not counted).
            List<RowValues> changed = attrsDiff
                    ? rows.kept().stream()
                            .filter(r -> !(r.values().size() == 1
                                    && unchanged(r.values().get("attrs"))))
                            .toList()
                    : rows.kept();
            List<String> ids = changed.stream().map(RowValues::id).toList();
            try {
                settings.checkCount(ModifyOperation.UPDATE, name, rows.count());
                List<Map<String, Object>> sets =
                        changed.stream().map(RowValues::values).toList();
                return ModifyPlan.of(modifier.planUpdates(ids, sets), true);
            } catch (ModifyRefusedException e) {
                return ModifyPlan.refused(rows.count(), true, ids, e);
            }
        });
    }

    private static boolean unchanged(Object attrs) {
        return attrs instanceof org.stripejdbc.json.Json json && json.isObject() && json.size() == 0;
    }

    /** One row of an UPDATE whose SET reads the row: its id and its new values. */
    private record RowValues(String id, Map<String, Object> values) {}

    // ------------------------------------------------------------------ DELETE

    private CompiledModify compileDelete(Statement.Delete delete) {
        if (delete.using() != null) {
            return joined.delete(delete, targets.resolve(delete.table())).modify(); // DELETE ... USING
        }
        Target target = targets.resolve(delete.table());
        ForeignTableDefinition table = target.table();
        StripeModifier modifier = target.modifier();
        modifier.checkModifiable(ModifyOperation.DELETE);
        ReturningList returning = returning(target, delete.table(), delete.alias(), delete.returning());
        String rowid = table.rowidColumn();
        String name = table.qualifiedName();
        Function<ExecutionContext, Restriction> restriction = rowFinder.restriction(delete.where());
        // RETURNING gives the deleted rows as they were (Stripe answers a deletion with a stub), so a DELETE with
        // RETURNING reads its rows whole first, even by id (one retrieve)
        Optional<CompiledExpression> directId = returning.present()
                ? Optional.empty()
                : rowFinder.directId(delete.where(), rowid, delete.alias(), delete.table());
        List<SelectItem> whole = new ArrayList<>();
        if (returning.present()) {
            table.columns().forEach(c -> whole.add(QueryCompilerFacade.column(c.name())));
        }
        CompiledQuery finder = directId.isPresent()
                ? null
                : rowFinder.finder(delete.table(), delete.alias(), rowid, whole, delete.where());
        return new CompiledModify(
                ModifyOperation.DELETE,
                target,
                returning,
                finder,
                "WHERE " + rowid + " = constant addresses the row directly; a 404 counts as 0 rows",
                (context, settings) -> {
                    try {
                        modifier.checkAllowed(ModifyOperation.DELETE, List.of());
                        settings.checkRestricted(ModifyOperation.DELETE, name, restriction.apply(context));
                    } catch (ModifyRefusedException e) {
                        return ModifyPlan.refusedBeforeRead(e);
                    }
                    if (directId.isPresent()) {
                        return ModifyPlan.of(modifier.planDelete(directIds(directId.get(), context)), false);
                    }
                    Collected<Object[]> read =
                            collect(finder, context, settings, ModifyOperation.DELETE, name, row -> row);
                    List<String> ids = new ArrayList<>(read.kept().size());
                    Map<String, Object[]> before = new HashMap<>();
                    for (Object[] row : read.kept()) {
                        String id = ModifyRowFinder.id(row);
                        ids.add(id);
                        if (id != null && row.length > 1) {
                            before.put(id, Arrays.copyOfRange(row, 1, row.length));
                        }
                    }
                    try {
                        settings.checkCount(ModifyOperation.DELETE, name, read.count());
                    } catch (ModifyRefusedException e) {
                        return ModifyPlan.refused(read.count(), true, ids, e);
                    }
                    return ModifyPlan.of(modifier.planDelete(ids), true).withBefore(before);
                });
    }

    /** A value written to a column: compiled against the column's type (22P02 and friends when it can't be). */
    private CompiledExpression value(Expr expression, ForeignColumn column) {
        return expressions.compileAssignment(expression, column.type(), List.of(), null);
    }

    static ForeignColumn column(ForeignTableDefinition table, String name) {
        return table.column(name)
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + name + "\" of relation \"" + table.qualifiedName() + "\" does not exist"));
    }

    // ------------------------------------------------------------------ RETURNING

    private ReturningList returning(Target target, QualifiedName name, String alias, List<SelectItem> items) {
        if (!items.isEmpty()) {
            target.modifier().checkReturning();
        }
        ForeignTableDefinition table = target.table();
        List<ResultColumn> columns = new ArrayList<>();
        for (ForeignColumn c : table.columns()) {
            columns.add(new ResultColumn(c.name(), c.type(), table.schema(), table.tableName()));
        }
        return ReturningList.of(items, columns, alias == null ? name.name() : alias, expressions);
    }
}
