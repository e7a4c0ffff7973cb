package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.Expressions;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifySettings;
import org.stripejdbc.fdw.modify.ModifySettings.Restriction;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * How an UPDATE or DELETE (or an {@code INSERT ... SELECT}) finds its rows before it modifies any: the finder query
 * (the read path's planner and pushdown, read to the end), the one shape that needs no read ({@code WHERE rowid =
 * constant}), and what the WHERE clause says to the safe-updates guard. Example: {@code delete from
 * stripe.customers where email = 'a@b.c'} finds its rows with {@code select id from stripe.customers where email =
 * 'a@b.c'} (one {@code GET /v1/customers?email=a%40b.c} per page); {@code delete ... where id = 'cus_1'} has the
 * direct id {@code 'cus_1'} and reads nothing.
 */
final class ModifyRowFinder {
    static final Object[] NO_ROW = new Object[0];

    private final Expressions expressions;
    private final QueryCompilerFacade queries;

    ModifyRowFinder(QueryCompilerFacade queries) {
        this.queries = queries;
        this.expressions = queries.expressions();
    }

    /** The rows a read gave: the first {@code max_write_rows} mapped ({@code kept}), and how many there were. */
    record Collected<T>(List<T> kept, long count) {}

    /**
     * Reads every row of {@code finder} before anything is written (without the JDBC max-rows cap, which limits
     * result sets, not writes). A failure or cancel while reading fails the statement with its own SQLSTATE, saying
     * that nothing was written.
     */
    static <T> Collected<T> collect(
            CompiledQuery finder,
            ExecutionContext context,
            ModifySettings settings,
            ModifyOperation operation,
            String table,
            Function<Object[], T> mapper) {
        ExecutionContext read = context.forWriteTargets();
        List<T> kept = new ArrayList<>();
        long count = 0;
        try (RowIterator rows = finder.execute(read)) {
            while (rows.next()) {
                count++;
                if (settings.keepsRow(count)) {
                    kept.add(mapper.apply(rows.current()));
                }
            }
        } catch (StripeJdbcException e) {
            throw new StripeJdbcException(
                    e.sqlState(),
                    operation.on(table) + ": reading the rows to " + operation.verb()
                            + " failed, so nothing was written: " + e.getMessage(),
                    e);
        }
        return new Collected<>(kept, count);
    }

    /** The rowid a finder's row starts with, as text. */
    static String id(Object[] row) {
        return row[0] == null ? null : row[0].toString();
    }

    /**
     * Whether the WHERE clause restricts the rows, per execution: none, a constant that is true (no column
     * reference: {@code where true}, {@code where 1 = 1}, {@code where ? = ?} bound to equal values), or anything
     * else. A constant false or NULL matches no row, which is a restriction.
     */
    Function<ExecutionContext, Restriction> restriction(Expr where) {
        if (where == null) {
            return context -> Restriction.NONE;
        }
        if (!expressions.isConstant(where)) {
            return context -> Restriction.RESTRICTS;
        }
        CompiledExpression constant = expressions.compileAssignment(where, SqlType.BOOLEAN, List.of(), null);
        return context -> Boolean.TRUE.equals(constant.evaluate(NO_ROW, context))
                ? Restriction.ALWAYS_TRUE
                : Restriction.RESTRICTS;
    }

    /**
     * The constant of {@code WHERE rowid = constant} (either side), the only shape that writes with no read:
     * a 404 then means 0 rows.
     */
    Optional<CompiledExpression> directId(Expr where, String rowid, String alias, QualifiedName table) {
        if (!(where instanceof Expr.Binary b) || b.operator() != Expr.BinaryOperator.EQUALS) {
            return Optional.empty();
        }
        Expr constant = null;
        if (isRowid(b.left(), rowid, alias, table) && expressions.isConstant(b.right())) {
            constant = b.right();
        } else if (isRowid(b.right(), rowid, alias, table) && expressions.isConstant(b.left())) {
            constant = b.left();
        }
        return constant == null
                ? Optional.empty()
                : Optional.of(expressions.compileAssignment(constant, SqlType.TEXT, List.of(), null));
    }

    private static boolean isRowid(Expr e, String rowid, String alias, QualifiedName table) {
        return e instanceof Expr.ColumnRef c
                && c.name().equals(rowid)
                && (c.qualifier() == null
                        || c.qualifier().equals(alias)
                        || c.qualifier().equals(table.name()));
    }

    static List<String> directIds(CompiledExpression idExpression, ExecutionContext context) {
        Object id = idExpression.evaluate(NO_ROW, context);
        return id == null ? List.of() : List.of(id.toString()); // rowid = NULL matches nothing
    }

    /** The query reading {@code rowid} (then {@code extra}) of every row {@code where} matches. */
    CompiledQuery finder(QualifiedName table, String alias, String rowid, List<SelectItem> extra, Expr where) {
        List<SelectItem> items = new ArrayList<>();
        items.add(QueryCompilerFacade.column(rowid));
        items.addAll(extra);
        Query.Select select = QueryCompilerFacade.selectFrom(table, alias, items, where);
        return queries.compile(select);
    }
}
