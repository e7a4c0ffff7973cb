package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.stripejdbc.catalog.ForeignColumn;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifyRefusedException;
import org.stripejdbc.fdw.modify.ModifyResult;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.Returning;
import org.stripejdbc.fdw.modify.StripeModifier;
import org.stripejdbc.fdw.modify.WriteRequest;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;

/**
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} on a Stripe foreign table: writes driven by a join, with the
 * guards of every write. The whole join is one SELECT, planned by the engine like any other (its keyed-join paths
 * read the fewest pages), read to its end before the first write; its target ids are collected once each
 * ({@link JoinedTargets}); then one request per target row is sent, in the order the join first gave it.
 *
 * <pre>
 *   update stripe.customers c set description = 'vip' from stripe.charges ch
 *     where ch.customer = c.id and ch.amount &gt; 10000
 *   → reads  select c.id, 'vip'::text as description from stripe.customers c, stripe.charges ch where ...
 *            (GET /v1/charges?limit=100, then the customers of those charges by key)
 *   → writes POST /v1/customers/&lt;id&gt; description=vip, once per customer, however many charges it has
 * </pre>
 * Beyond Postgres (where it is unpredictable): a target row whose join rows give different new values is refused
 * (21000, {@link JoinedTargets}); a FROM item no condition links to the table is a cross product, which safe
 * updates treat as no WHERE clause ({@link JoinLinks}, 42501). RETURNING may name the FROM items' columns (of the
 * first join row of each target); the table's columns come from Stripe's answer, as for every write.
 */
final class JoinedModify {
    private final QueryCompilerFacade queries;
    private final Expressions expressions;
    private final ModifyRowFinder rowFinder;

    JoinedModify(QueryCompilerFacade queries) {
        this.queries = queries;
        this.expressions = queries.expressions();
        this.rowFinder = new ModifyRowFinder(queries);
    }

    /** One execution's plan and the FROM items' values of each target (for RETURNING). */
    record JoinedPlan(ModifyPlan plan, Map<String, Object[]> sources) {}

    /** A compiled joined write: {@link #modify} for EXPLAIN, {@link #command} to run it. */
    record Compiled(CompiledModify modify, ReturningList returning, CompiledPlanner planner) {
        Command command(int parameterCount, Supplier<ModifySettings> settings) {
            ModifyStatements.Target target = modify.target();
            ForeignTableDefinition table = target.table();
            return new SimpleCommand(
                    returning.kind(), returning.columns(), SimpleCommand.unknownParameters(parameterCount), context -> {
                        JoinedPlan joined = planner.plan(context, settings.get());
                        joined.plan().throwIfRefused();
                        ModifyResult result = target.modifier()
                                .apply(
                                        joined.plan().requests(),
                                        context,
                                        returning.present() ? Returning.ROWS : Returning.NONE);
                        List<Object[]> rows = new ArrayList<>();
                        if (returning.present()) {
                            List<Object[]> answered =
                                    target.modifier().returningRows(result, returning.columnsRead(table), context);
                            List<Object[]> written = joined.plan().returningRows(result.ids(), answered);
                            for (int i = 0; i < written.size(); i++) {
                                Object[] sources =
                                        joined.sources().get(result.ids().get(i));
                                rows.add(concat(written.get(i), sources));
                            }
                        }
                        return returning.result(result.affected(), result.ids(), rows, result.warnings(), context);
                    });
        }
    }

    @FunctionalInterface
    interface CompiledPlanner {
        JoinedPlan plan(ExecutionContext context, ModifySettings settings);
    }

    // ------------------------------------------------------------------ UPDATE ... FROM

    Compiled update(Statement.Update update, ModifyStatements.Target target) {
        ForeignTableDefinition table = target.table();
        StripeModifier modifier = target.modifier();
        modifier.checkModifiable(ModifyOperation.UPDATE);
        Map<String, ForeignColumn> assigned = new LinkedHashMap<>();
        for (Statement.Assignment a : update.assignments()) {
            ForeignColumn column = ModifyStatements.column(table, a.column());
            if (assigned.put(column.name(), column) != null) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR, "multiple assignments to same column \"" + column.name() + "\"");
            }
            modifier.encoder().checkAssignable(column.name()); // 428C9 before anything else
        }
        Shape shape = shape(update.table(), update.alias(), update.from(), update.where(), table, update.returning());
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem.Column(new Expr.ColumnRef(shape.name, table.rowidColumn()), null));
        Expr attrsValue = null;
        for (Statement.Assignment a : update.assignments()) {
            ForeignColumn column = assigned.get(a.column());
            items.add(new SelectItem.Column(
                    new Expr.Cast(a.value(), column.type(), column.type().postgresName()), a.column()));
            if (a.column().equals("attrs")) {
                attrsValue = a.value();
            }
        }
        // attrs computed from the row (set attrs = attrs || ch.attrs...) sends only what changed: read it as it was.
        boolean attrsDiff =
                attrsValue != null && assigned.get("attrs").type().isJson() && !expressions.isConstant(attrsValue);
        if (attrsDiff) {
            items.add(new SelectItem.Column(new Expr.ColumnRef(shape.name, "attrs"), "attrs"));
        }
        int sourcesAt = items.size();
        items.addAll(shape.sourceStars());
        CompiledQuery finder = queries.compile(select(shape, items, update.where()));
        String name = table.qualifiedName();
        int setCount = update.assignments().size();
        Function<Object[], Map<String, Object>> values = row -> {
            Map<String, Object> set = new LinkedHashMap<>();
            for (int i = 0; i < setCount; i++) {
                set.put(update.assignments().get(i).column(), row[i + 1]);
            }
            if (attrsDiff) {
                set.put("attrs", modifier.attrsChange(row[setCount + 1], set.get("attrs")));
            }
            return set;
        };
        CompiledPlanner planner = (context, settings) -> {
            try {
                checkRestricted(ModifyOperation.UPDATE, name, shape, update.where(), context, settings);
                modifier.checkAllowed(ModifyOperation.UPDATE, assigned.keySet());
            } catch (ModifyRefusedException e) {
                return new JoinedPlan(ModifyPlan.refusedBeforeRead(e), Map.of());
            }
            JoinedTargets targets = JoinedTargets.collect(
                    finder, context, settings, ModifyOperation.UPDATE, name, values, sources(sourcesAt, shape));
            if (targets.conflict != null) {
                // The read stopped at the disagreement: no row count, the join rows read so far.
                ModifyPlan plan = ModifyPlan.refused(-1, true, List.of(), targets.conflict)
                        .withNotes(List.of("Join rows read: " + count(targets.joinRows)
                                + " (stopped at the first target whose join rows disagree)"));
                return new JoinedPlan(plan, Map.of());
            }
            try {
                settings.checkCount(ModifyOperation.UPDATE, name, targets.count());
            } catch (ModifyRefusedException e) {
                return refused(targets, e, targets.ids());
            }
            List<String> ids = new ArrayList<>();
            List<Map<String, Object>> sets = new ArrayList<>();
            targets.kept.forEach((id, t) -> {
                // A row whose only change is an attrs left as it was sends no request.
                if (!(attrsDiff && t.values.size() == 1 && unchanged(t.values.get("attrs")))) {
                    ids.add(id);
                    sets.add(t.values);
                }
            });
            return planned(targets, modifier.planUpdates(ids, sets), 0);
        };
        return compiled(ModifyOperation.UPDATE, target, shape, update.returning(), finder, planner);
    }

    private static boolean unchanged(Object attrs) {
        return attrs instanceof org.stripejdbc.json.Json json && json.isObject() && json.size() == 0;
    }

    // ------------------------------------------------------------------ DELETE ... USING

    Compiled delete(Statement.Delete delete, ModifyStatements.Target target) {
        ForeignTableDefinition table = target.table();
        StripeModifier modifier = target.modifier();
        modifier.checkModifiable(ModifyOperation.DELETE);
        Shape shape = shape(delete.table(), delete.alias(), delete.using(), delete.where(), table, delete.returning());
        List<SelectItem> items = new ArrayList<>();
        items.add(new SelectItem.Column(new Expr.ColumnRef(shape.name, table.rowidColumn()), null));
        // RETURNING gives the deleted rows as they were read (Stripe answers a deletion with a stub)
        int before = delete.returning().isEmpty() ? 0 : table.columns().size();
        if (before > 0) {
            items.add(new SelectItem.Star(shape.name));
        }
        items.addAll(shape.sourceStars());
        CompiledQuery finder = queries.compile(select(shape, items, delete.where()));
        String name = table.qualifiedName();
        CompiledPlanner planner = (context, settings) -> {
            try {
                modifier.checkAllowed(ModifyOperation.DELETE, List.of());
                checkRestricted(ModifyOperation.DELETE, name, shape, delete.where(), context, settings);
            } catch (ModifyRefusedException e) {
                return new JoinedPlan(ModifyPlan.refusedBeforeRead(e), Map.of());
            }
            JoinedTargets targets = JoinedTargets.collect(
                    finder,
                    context,
                    settings,
                    ModifyOperation.DELETE,
                    name,
                    null,
                    row -> Arrays.copyOfRange(row, 1, row.length));
            try {
                settings.checkCount(ModifyOperation.DELETE, name, targets.count());
            } catch (ModifyRefusedException e) {
                return refused(targets, e, targets.ids());
            }
            return planned(targets, modifier.planDelete(targets.ids()), before);
        };
        return compiled(ModifyOperation.DELETE, target, shape, delete.returning(), finder, planner);
    }

    // ------------------------------------------------------------------ shared

    /**
     * The written table and the FROM items as the join sees them: {@code name} qualifies the table's columns
     * ({@code c}, or the table name), {@code from} is the whole FROM ({@code customers c CROSS JOIN <items>}),
     * {@code sources} the named FROM items with their columns (empty unless RETURNING needs them) and
     * {@code links} every relation's columns for {@link JoinLinks}.
     */
    private record Shape(
            String name,
            FromItem items,
            FromItem from,
            List<Expressions.Relation> tableAndSources,
            List<JoinLinks.Relation> links) {
        List<SelectItem> sourceStars() {
            List<SelectItem> out = new ArrayList<>();
            for (Expressions.Relation source : tableAndSources.subList(1, tableAndSources.size())) {
                out.add(new SelectItem.Star(source.alias()));
            }
            return out;
        }
    }

    private Shape shape(
            QualifiedName written,
            String alias,
            FromItem items,
            Expr where,
            ForeignTableDefinition table,
            List<SelectItem> returning) {
        String name = alias != null ? alias : written.name();
        // The written table last: the right side of a join is the one the planner may fetch by key, and the usual
        // FROM narrows the targets (a few charges), whose rows are then retrieved by id.
        FromItem from = new FromItem.Join(
                items, new FromItem.Table(written, alias), FromItem.JoinType.CROSS, null, List.of(), false);
        List<ResultColumn> tableColumns = new ArrayList<>();
        LinkedHashSet<String> tableNames = new LinkedHashSet<>();
        for (ForeignColumn c : table.columns()) {
            tableColumns.add(new ResultColumn(c.name(), c.type(), table.schema(), table.tableName()));
            tableNames.add(c.name());
        }
        List<Expressions.Relation> relations = new ArrayList<>();
        relations.add(new Expressions.Relation(name, tableColumns));
        List<JoinLinks.Relation> links = new ArrayList<>();
        links.add(new JoinLinks.Relation(name, alias != null ? null : written.toString(), tableNames));
        for (FromItem leaf : leaves(items)) {
            String leafName = exposedName(leaf);
            if (leafName == null) {
                links.add(new JoinLinks.Relation("(unnamed " + kind(leaf) + ")", null, java.util.Set.of()));
                continue;
            }
            // The item's columns, from the engine's own reading of the whole FROM and WHERE (compiled, never run;
            // the WHERE too, as a table that can only be read by id needs its condition to be planned at all).
            List<ResultColumn> columns = queries.compile(new Query.Select(
                            List.of(),
                            false,
                            List.of(),
                            List.of(new SelectItem.Star(leafName)),
                            from,
                            where,
                            List.of(),
                            null,
                            List.of(),
                            null,
                            null))
                    .columns();
            LinkedHashSet<String> names = new LinkedHashSet<>();
            columns.forEach(c -> names.add(c.name()));
            String qualified = leaf instanceof FromItem.Table t && t.alias() == null
                    ? t.name().toString()
                    : null;
            links.add(new JoinLinks.Relation(leafName, qualified, names));
            if (!returning.isEmpty()) {
                relations.add(new Expressions.Relation(leafName, columns));
            }
        }
        return new Shape(name, items, from, relations, links);
    }

    private static Query.Select select(Shape shape, List<SelectItem> items, Expr where) {
        return new Query.Select(
                List.of(), false, List.of(), items, shape.from(), where, List.of(), null, List.of(), null, null);
    }

    /** The FROM items' columns of a join row (starting at {@code from}), kept for RETURNING. */
    private static Function<Object[], Object[]> sources(int from, Shape shape) {
        if (shape.tableAndSources().size() == 1) {
            return row -> new Object[0];
        }
        return row -> Arrays.copyOfRange(row, from, row.length);
    }

    /**
     * Safe updates: no WHERE, a WHERE true for every row, or a FROM item no condition links to the table (a cross
     * product) are refused before any request (42501).
     */
    private void checkRestricted(
            ModifyOperation operation,
            String table,
            Shape shape,
            Expr where,
            ExecutionContext context,
            ModifySettings settings) {
        settings.checkRestricted(operation, table, rowFinder.restriction(where).apply(context));
        if (!settings.safeUpdates() || where == null || expressions.isConstant(where)) {
            return;
        }
        List<String> unlinked = JoinLinks.unlinked(shape.links(), shape.items(), where);
        if (unlinked.isEmpty()) {
            return;
        }
        String clause = operation == ModifyOperation.DELETE ? "USING" : "FROM";
        throw new ModifyRefusedException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                operation.on(table) + " has no condition linking " + table + " to the " + clause + " item"
                        + (unlinked.size() == 1 ? " " : "s ") + String.join(", ", unlinked)
                        + ", a cross product: every row of " + table + " the rest selects would join every row of "
                        + (unlinked.size() == 1 ? "it" : "them") + ", as if there were no WHERE clause; refused by "
                        + "safe updates before any request. Add a condition such as " + shape.name() + "."
                        + "id = " + unlinked.get(0) + ".<column>, or turn safe updates off with SET "
                        + ModifySettings.SAFE_UPDATES + " = off (this session) or the connection property "
                        + ModifySettings.SAFE_UPDATES_PROPERTY + "=false");
    }

    private Compiled compiled(
            ModifyOperation operation,
            ModifyStatements.Target target,
            Shape shape,
            List<SelectItem> returningItems,
            CompiledQuery finder,
            CompiledPlanner planner) {
        if (!returningItems.isEmpty()) {
            target.modifier().checkReturning();
        }
        ReturningList returning = ReturningList.over(returningItems, shape.tableAndSources(), expressions);
        CompiledModify modify = new CompiledModify(
                operation,
                target,
                returning,
                finder,
                null,
                (context, settings) -> planner.plan(context, settings).plan());
        return new Compiled(modify, returning, planner);
    }

    private static JoinedPlan refused(JoinedTargets targets, ModifyRefusedException e, List<String> ids) {
        ModifyPlan plan = ModifyPlan.refused(targets.count(), true, ids, e).withNotes(notes(targets, false));
        return new JoinedPlan(plan, Map.of());
    }

    /**
     * The plan of the collected targets; when each target's kept values start with its whole row as read
     * ({@code before} columns: a DELETE with RETURNING), those become the plan's rows before the write and the rest
     * the FROM items' values.
     */
    private static JoinedPlan planned(JoinedTargets targets, List<WriteRequest> requests, int before) {
        Map<String, Object[]> sources = new LinkedHashMap<>();
        Map<String, Object[]> rows = new LinkedHashMap<>();
        targets.kept.forEach((id, target) -> {
            sources.put(id, Arrays.copyOfRange(target.sources, before, target.sources.length));
            if (before > 0) {
                rows.put(id, Arrays.copyOfRange(target.sources, 0, before));
            }
        });
        ModifyPlan plan =
                ModifyPlan.of(requests, true).withNotes(notes(targets, true)).withBefore(rows);
        return new JoinedPlan(plan, sources);
    }

    /** {@code Join rows read: 7, target rows: 3 (each written once): cus_1, cus_2, cus_3}. */
    private static List<String> notes(JoinedTargets targets, boolean list) {
        String line = "Join rows read: " + count(targets.joinRows) + ", target rows: " + count(targets.count())
                + " (each written once)";
        List<String> ids = targets.ids();
        if (list && !ids.isEmpty()) {
            int shown = Math.min(ModifyDryRun.SHOWN, ids.size());
            line += ": " + String.join(", ", ids.subList(0, shown))
                    + (ids.size() > shown ? " ... and " + count(ids.size() - shown) + " more" : "");
        }
        return List.of(line);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static Object[] concat(Object[] a, Object[] b) {
        if (b == null || b.length == 0) {
            return a;
        }
        Object[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The leaf items (tables, subqueries, VALUES lists, functions) of a FROM tree, left to right. */
    static List<FromItem> leaves(FromItem item) {
        List<FromItem> out = new ArrayList<>();
        if (item instanceof FromItem.Join join) {
            out.addAll(leaves(join.left()));
            out.addAll(leaves(join.right()));
        } else {
            out.add(item);
        }
        return out;
    }

    /** The name a FROM item's columns are qualified by ({@code ch}, {@code charges}), or null. */
    static String exposedName(FromItem item) {
        if (item instanceof FromItem.Table t) {
            return t.alias() != null ? t.alias() : t.name().name();
        }
        if (item instanceof FromItem.Subquery s) {
            return s.alias();
        }
        if (item instanceof FromItem.Values v) {
            return v.alias();
        }
        if (item instanceof FromItem.Function f) {
            return f.alias() != null ? f.alias() : f.call().name();
        }
        return null;
    }

    private static String kind(FromItem item) {
        return item instanceof FromItem.Subquery ? "subquery" : item instanceof FromItem.Values ? "VALUES" : "item";
    }
}
