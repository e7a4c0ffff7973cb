package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReturningClause;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.sql.Statement;

/**
 * Converts a JSqlParser statement (SELECT, VALUES, INSERT, UPDATE, DELETE) into the statement model.
 *
 * <p>Examples:
 * <pre>
 *   insert into vault.secrets (name, secret) values ('stripe', 'sk_...') returning key_id
 *     → Insert(vault.secrets, [name, secret], [[Literal stripe, Literal sk_...]], null, [Column key_id])
 *   update stripe.customers set description = 'hello fdw' where id = 'cus_xxx'
 *     → Update(stripe.customers, null, [description = Literal 'hello fdw'], id = 'cus_xxx', [])
 * </pre>
 * {@code UPDATE ... FROM} and {@code DELETE ... USING} keep their items as a SELECT's FROM tree:
 * {@code update t c set x = s.x from s where s.id = c.id} → {@code Update(t, c, [x = s.x], Table s, s.id = c.id,
 * [])}.
 * Postgres-foreign forms JSqlParser also accepts are rejected: {@code UPDATE ... ORDER BY/LIMIT} and
 * {@code DELETE ... LIMIT} are 42601; ON CONFLICT, MySQL's {@code UPDATE t JOIN ...} and {@code DELETE ... JOIN},
 * WITH on DML and DEFAULT values are 0A000.
 */
final class JsqlStatementConverter {

    private final JsqlSource source;
    private final JsqlQueryConverter queries;
    private final JsqlExpressionConverter expressions;

    JsqlStatementConverter(JsqlSource source) {
        this.source = source;
        this.queries = new JsqlQueryConverter(source);
        this.expressions = queries.expressions();
    }

    Statement convert(net.sf.jsqlparser.statement.Statement statement) {
        if (statement instanceof Select select) {
            return new Statement.QueryStatement(queries.query(select));
        }
        if (statement instanceof Insert insert) {
            return insert(insert);
        }
        if (statement instanceof Update update) {
            return update(update);
        }
        if (statement instanceof Delete delete) {
            return delete(delete);
        }
        throw SqlErrors.unsupported(
                JsqlExpressionConverter.describe(statement).replace(" expression", " statement"), null);
    }

    private Statement insert(Insert insert) {
        reject(
                insert.getWithItemsList() != null && !insert.getWithItemsList().isEmpty(),
                "WITH ... INSERT",
                "run the query and the INSERT separately");
        reject(
                insert.getConflictAction() != null || insert.getConflictTarget() != null,
                "INSERT ... ON CONFLICT",
                "Stripe objects have no unique constraints to conflict on");
        reject(
                insert.isUseDuplicate()
                        || insert.getDuplicateUpdateSets() != null
                        || insert.getDuplicateAction() != null,
                "ON DUPLICATE KEY UPDATE",
                null);
        reject(insert.isUseSet() || insert.getSetUpdateSets() != null, "INSERT ... SET", "use INSERT ... VALUES");
        reject(insert.isOnlyDefaultValues(), "INSERT ... DEFAULT VALUES", "name at least one column and value");
        reject(
                insert.isOverriding()
                        || insert.getOverridingMode() != null
                                && !insert.getOverridingMode().name().equals("NONE"),
                "OVERRIDING",
                null);
        reject(insert.getOutputClause() != null, "OUTPUT", "use RETURNING");
        reject(
                insert.getOracleHint() != null
                        || insert.getModifierPriority() != null
                        || insert.isModifierIgnore()
                        || insert.isOverwrite()
                        || insert.isOracleMultiInsert()
                        || insert.getPartitions() != null
                                && !insert.getPartitions().isEmpty()
                        || insert.getRowAlias() != null,
                "this INSERT form",
                null);
        Table table = insert.getTable();
        if (table.getAlias() != null) {
            throw SqlErrors.unsupported("INSERT INTO ... AS alias", null);
        }
        QualifiedName name = queries.from().qualifiedName(table);
        List<String> columns = new ArrayList<>();
        if (insert.getColumns() != null) {
            for (Column column : insert.getColumns()) {
                columns.add(plainColumn(column, "INSERT"));
            }
        }
        List<SelectItem> returning = returning(insert.getReturningClause());
        // Insert.getValues() casts the source to Values; look at the source itself instead.
        Select select = insert.getSelect();
        if (select instanceof Values values) {
            List<List<Expr>> rows = queries.rows(values);
            checkInsertArity(columns, rows.get(0).size());
            return new Statement.Insert(name, columns, rows, null, returning);
        }
        if (select == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: INSERT needs VALUES or a query");
        }
        Query query = queries.query(select);
        if (query instanceof Query.Values valuesQuery
                && valuesQuery.orderBy().isEmpty()
                && valuesQuery.limit() == null
                && valuesQuery.offset() == null) {
            checkInsertArity(columns, valuesQuery.rows().get(0).size());
            return new Statement.Insert(name, columns, valuesQuery.rows(), null, returning);
        }
        return new Statement.Insert(name, columns, List.of(), query, returning);
    }

    private static void checkInsertArity(List<String> columns, int width) {
        if (columns.isEmpty()) {
            return;
        }
        if (width > columns.size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "INSERT has more expressions than target columns");
        }
        if (width < columns.size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "INSERT has more target columns than expressions");
        }
    }

    private Statement update(Update update) {
        reject(
                update.getWithItemsList() != null && !update.getWithItemsList().isEmpty(),
                "WITH ... UPDATE",
                "run the query and the UPDATE separately");
        reject(
                update.getStartJoins() != null && !update.getStartJoins().isEmpty(),
                "UPDATE table JOIN ...",
                "write the other tables in FROM: UPDATE t SET ... FROM other WHERE ...");
        if (update.getOrderByElements() != null && !update.getOrderByElements().isEmpty()
                || update.getLimit() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: UPDATE takes no ORDER BY or LIMIT");
        }
        reject(update.getOutputClause() != null, "OUTPUT", "use RETURNING");
        reject(update.isUseSelect() || update.getSelect() != null, "SET (...) = (SELECT ...)", null);
        reject(
                update.getOracleHint() != null
                        || update.getModifierPriority() != null
                        || update.isModifierIgnore()
                        || update.getForPortionClause() != null
                        || update.getPreferringClause() != null
                        || update.getOption() != null,
                "this UPDATE form",
                null);
        Table table = update.getTable();
        QualifiedName name = queries.from().qualifiedName(table);
        String alias = queries.from().aliasName(table.getAlias());
        List<Statement.Assignment> assignments = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            assignments.addAll(assignments(set));
        }
        FromItem from = update.getFromItem() == null
                ? null
                : withTarget(name, alias, queries.from().fromClause(update.getFromItem(), update.getJoins()));
        Expr where = update.getWhere() == null ? null : expressions.convert(update.getWhere());
        return new Statement.Update(name, alias, assignments, from, where, returning(update.getReturningClause()));
    }

    /** {@code a = 1} or {@code (a, b) = (1, 2)}; a sub-select on the right is 0A000. */
    private List<Statement.Assignment> assignments(UpdateSet set) {
        ExpressionList<Column> columns = set.getColumns();
        ExpressionList<?> values = set.getValues();
        if (columns == null || values == null || columns.isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error in SET clause");
        }
        List<Expression> valueList = new ArrayList<>(values);
        if (columns.size() > 1
                && valueList.size() == 1
                && valueList.get(0) instanceof ParenthesedExpressionList<?> row) {
            valueList = new ArrayList<>(row);
        }
        if (valueList.size() == 1 && valueList.get(0) instanceof Select && columns.size() > 1) {
            throw SqlErrors.unsupported("SET (...) = (SELECT ...)", null);
        }
        if (columns.size() != valueList.size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "number of columns does not match number of values");
        }
        List<Statement.Assignment> assignments = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            assignments.add(new Statement.Assignment(
                    plainColumn(columns.get(i), "UPDATE"), expressions.convert(valueList.get(i))));
        }
        return assignments;
    }

    private Statement delete(Delete delete) {
        reject(
                delete.getWithItemsList() != null && !delete.getWithItemsList().isEmpty(),
                "WITH ... DELETE",
                "run the query and the DELETE separately");
        reject(
                delete.getJoins() != null && !delete.getJoins().isEmpty(),
                "DELETE ... JOIN",
                "write the other tables in USING: DELETE FROM t USING other WHERE ...");
        reject(delete.getTables() != null && !delete.getTables().isEmpty(), "multi-table DELETE", null);
        if (delete.getOrderByElements() != null && !delete.getOrderByElements().isEmpty()
                || delete.getLimit() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: DELETE takes no ORDER BY or LIMIT");
        }
        if (!delete.isHasFrom()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: DELETE needs FROM");
        }
        reject(delete.getOutputClause() != null, "OUTPUT", "use RETURNING");
        reject(
                delete.getOracleHint() != null
                        || delete.getModifierPriority() != null
                        || delete.isModifierIgnore()
                        || delete.isModifierQuick()
                        || delete.getForPortionClause() != null
                        || delete.getPreferringClause() != null
                        || delete.getOption() != null,
                "this DELETE form",
                null);
        Table table = delete.getTable();
        QualifiedName name = queries.from().qualifiedName(table);
        String alias = queries.from().aliasName(table.getAlias());
        FromItem using = null;
        if (delete.getUsingFromItemList() != null) {
            for (net.sf.jsqlparser.statement.select.FromItem item : delete.getUsingFromItemList()) {
                FromItem next = queries.from().fromClause(item, null);
                using = using == null
                        ? next
                        : new FromItem.Join(using, next, FromItem.JoinType.CROSS, null, List.of(), false);
            }
        }
        using = using == null ? null : withTarget(name, alias, using);
        Expr where = delete.getWhere() == null ? null : expressions.convert(delete.getWhere());
        return new Statement.Delete(name, alias, using, where, returning(delete.getReturningClause()));
    }

    /**
     * {@code items} after checking Postgres' rule that the target and the FROM (or USING) items expose distinct
     * names: {@code update stripe.customers c set ... from stripe.charges c} is 42712, as is naming the target table
     * again without an alias.
     */
    private static FromItem withTarget(QualifiedName table, String alias, FromItem items) {
        JsqlFromConverter.checkDistinctNames(
                new FromItem.Join(
                        new FromItem.Table(table, alias), items, FromItem.JoinType.CROSS, null, List.of(), false),
                new java.util.HashMap<>());
        return items;
    }

    private List<SelectItem> returning(ReturningClause returning) {
        if (returning == null) {
            return List.of();
        }
        if (returning.getDataItems() != null && !returning.getDataItems().isEmpty()
                || returning.getOutputAliases() != null
                        && !returning.getOutputAliases().isEmpty()) {
            throw SqlErrors.unsupported("RETURNING ... INTO / OLD/NEW aliases", null);
        }
        if (returning.getKeyword() != null && !returning.getKeyword().name().equals("RETURNING")) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: use RETURNING");
        }
        return queries.selectItems(returning);
    }

    /** A target column: a plain name ({@code t.c} and {@code c[1]} are 0A000). */
    private String plainColumn(Column column, String statement) {
        if (column.getTable() != null && column.getTable().getName() != null) {
            throw SqlErrors.unsupported(
                    "qualified target column " + SqlErrors.mask(column.getFullyQualifiedName()) + " in " + statement,
                    "name the column alone");
        }
        if (column.getArrayConstructor() != null) {
            throw SqlErrors.unsupported("assigning to an array element in " + statement, null);
        }
        return source.identifier(column.getColumnName());
    }

    private static void reject(boolean present, String construct, String detail) {
        if (present) {
            throw SqlErrors.unsupported(construct, detail);
        }
    }
}
