package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.engine.ColumnsRead;
import org.stripejdbc.engine.CompiledProjection;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.sql.SelectItem;

/**
 * The RETURNING list of a write: absent (the statement reports an update count) or compiled once over the
 * written table's columns and applied to the rows the write produced.
 * <pre>
 *   insert into stripe.customers (email) values ('a@b.c') returning id, attrs->>'object' as kind
 *     → columns (id text, kind text); one row per created object, from Stripe's answer
 * </pre>
 */
final class ReturningList {
    private final CompiledProjection projection;
    private final List<SelectItem> items;

    private ReturningList(CompiledProjection projection, List<SelectItem> items) {
        this.projection = projection;
        this.items = List.copyOf(items);
    }

    static ReturningList of(
            List<SelectItem> items, List<ResultColumn> tableColumns, String alias, Expressions expressions) {
        return new ReturningList(
                items.isEmpty() ? null : expressions.compileSelectList(items, tableColumns, alias), items);
    }

    /**
     * The columns of the written {@code table} the list reads, as the planner tells a scan ({@link ColumnsRead}):
     * every column name the list holds, or all of them for a {@code *} or a name that is none of the table's (a
     * whole-row reference such as {@code row_to_json(c)}, a FROM item's column). Never fewer than it reads.
     * Example: {@code returning id, invoice} reads {@code [id, invoice]}; {@code returning *} all.
     */
    ColumnsRead columnsRead(ForeignTableDefinition table) {
        Set<String> names = new HashSet<>();
        for (SelectItem item : items) {
            if (item instanceof SelectItem.Star) {
                return ColumnsRead.ALL;
            }
            if (item instanceof SelectItem.Column c) {
                for (Expr ref : ExprTrees.collect(c.expression(), e -> e instanceof Expr.ColumnRef)) {
                    names.add(((Expr.ColumnRef) ref).name());
                }
            }
        }
        for (String name : names) {
            if (table.column(name).isEmpty()) {
                return ColumnsRead.ALL;
            }
        }
        return ColumnsRead.of(names);
    }

    /**
     * A RETURNING list over the written table and the FROM (or USING) items of {@code UPDATE ... FROM} or
     * {@code DELETE ... USING}: each row handed to {@link #result} is the table's columns followed by the items'
     * ({@code returning c.id, ch.amount}).
     */
    static ReturningList over(List<SelectItem> items, List<Expressions.Relation> relations, Expressions expressions) {
        return new ReturningList(items.isEmpty() ? null : expressions.compileSelectList(items, relations), items);
    }

    boolean present() {
        return projection != null;
    }

    Command.Kind kind() {
        return present() ? Command.Kind.QUERY : Command.Kind.UPDATE;
    }

    List<ResultColumn> columns() {
        return present() ? projection.columns() : List.of();
    }

    /** The statement's result: the projected rows, or the update count with the generated keys. */
    CommandResult result(
            long count,
            List<String> generatedKeys,
            List<Object[]> tableRows,
            List<String> warnings,
            ExecutionContext context) {
        if (!present()) {
            return new CommandResult.Count(count, generatedKeys, warnings);
        }
        List<Object[]> rows = new ArrayList<>(tableRows.size());
        for (Object[] row : tableRows) {
            rows.add(projection.project(row, context));
        }
        return new CommandResult.Rows(projection.columns(), RowIterator.of(rows), warnings);
    }
}
