package org.stripejdbc.sql.parse;

import static org.stripejdbc.sql.parse.JsqlQueryConverter.reject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.LateralSubSelect;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.ReservedWords;

/**
 * Converts JSqlParser FROM clauses into {@link FromItem} trees: tables, subqueries ({@code LATERAL} too), VALUES
 * lists, set-returning functions, and joins. Explicit joins bind tighter than commas, so {@code from a, b join c on
 * ...} is {@code CROSS(a, JOIN(b, c))}, and the comma-separated items form one left-deep CROSS join tree; {@code
 * USING (x)} and {@code NATURAL} keep their column lists for the planner. Part of {@link JsqlQueryConverter}, whose
 * queries it converts for subqueries; table names and aliases also serve INSERT, UPDATE and DELETE. Clauses the
 * model cannot hold (PIVOT, TABLESAMPLE, table hints, time travel...) are 0A000.
 */
final class JsqlFromConverter {
    private final JsqlSource source;
    private final JsqlQueryConverter queries;
    private final JsqlExpressionConverter expressions;

    JsqlFromConverter(JsqlSource source, JsqlQueryConverter queries) {
        this.source = source;
        this.queries = queries;
        this.expressions = queries.expressions();
    }

    /** FROM items and joins: explicit joins chain onto the current item, commas start a new one. */
    FromItem fromClause(net.sf.jsqlparser.statement.select.FromItem first, List<Join> joins) {
        if (first == null) {
            if (joins != null && !joins.isEmpty()) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"join\"");
            }
            return null;
        }
        List<FromItem> items = new ArrayList<>();
        FromItem current = fromItem(first);
        if (joins != null) {
            for (Join join : joins) {
                if (join.isSimple()) {
                    if (!onExpressions(join).isEmpty()
                            || !join.getUsingColumns().isEmpty()) {
                        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"on\"");
                    }
                    items.add(current);
                    current = fromItem(join.getRightItem());
                } else {
                    current = join(current, join);
                }
            }
        }
        items.add(current);
        FromItem tree = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            tree = new FromItem.Join(tree, items.get(i), FromItem.JoinType.CROSS, null, List.of(), false);
        }
        checkDistinctNames(tree, new java.util.HashMap<>());
        return tree;
    }

    /**
     * Postgres' rule for one FROM clause: no two items may expose the same name ({@code from customers c,
     * invoices c} is 42712 {@code table name "c" specified more than once}); two tables without aliases conflict
     * only when they are the same table.
     */
    static void checkDistinctNames(FromItem item, java.util.Map<String, Object> seen) {
        if (item instanceof FromItem.Join join) {
            checkDistinctNames(join.left(), seen);
            checkDistinctNames(join.right(), seen);
            return;
        }
        String name;
        Object identity;
        if (item instanceof FromItem.Table table) {
            name = table.alias() != null ? table.alias() : table.name().name();
            identity = table.alias() != null ? item : table.name();
        } else if (item instanceof FromItem.Subquery subquery) {
            name = subquery.alias();
            identity = item;
        } else if (item instanceof FromItem.Function function) {
            name = function.alias() != null ? function.alias() : function.call().name();
            identity = item;
        } else {
            name = ((FromItem.Values) item).alias();
            identity = item;
        }
        if (name == null) {
            return;
        }
        Object previous = seen.putIfAbsent(name, identity);
        if (previous != null
                && (previous == identity
                        || !(previous instanceof QualifiedName)
                        || !(identity instanceof QualifiedName)
                        || previous.equals(identity))) {
            throw new StripeJdbcException(
                    SqlState.DUPLICATE_ALIAS, "table name \"" + name + "\" specified more than once");
        }
    }

    private static Collection<Expression> onExpressions(Join join) {
        Collection<Expression> on = join.getOnExpressions();
        return on == null ? List.of() : on;
    }

    private FromItem join(FromItem left, Join join) {
        reject(
                join.isSemi()
                        || join.isApply()
                        || join.isStraight()
                        || join.isGlobal()
                        || join.isWindowJoin()
                        || join.isArray()
                        || join.isAsOf()
                        || join.isAny()
                        || join.isAll()
                        || join.getJoinHint() != null
                        || join.getJoinWindow() != null
                        || join.isFetch(),
                "this join form",
                "use [INNER|LEFT|RIGHT|FULL|CROSS] JOIN");
        FromItem.JoinType type;
        if (join.isCross()) {
            type = FromItem.JoinType.CROSS;
        } else if (join.isFull()) {
            type = FromItem.JoinType.FULL;
        } else if (join.isLeft()) {
            type = FromItem.JoinType.LEFT;
        } else if (join.isRight()) {
            type = FromItem.JoinType.RIGHT;
        } else {
            type = FromItem.JoinType.INNER;
        }
        Collection<Expression> on = onExpressions(join);
        List<String> using = new ArrayList<>();
        for (Column column : join.getUsingColumns() == null ? List.<Column>of() : join.getUsingColumns()) {
            if (column.getTable() != null && column.getTable().getName() != null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: USING takes plain column names");
            }
            using.add(source.identifier(column.getColumnName()));
        }
        boolean hasCondition = !on.isEmpty() || !using.isEmpty();
        if (on.size() > 1 || (!on.isEmpty() && !using.isEmpty())) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: a join has one ON or one USING clause");
        }
        if ((type == FromItem.JoinType.CROSS || join.isNatural()) && hasCondition) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    "syntax error: " + (join.isNatural() ? "NATURAL" : "CROSS") + " JOIN takes no ON or USING clause");
        }
        if (type != FromItem.JoinType.CROSS && !join.isNatural() && !hasCondition) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: JOIN needs an ON or USING clause");
        }
        FromItem right = fromItem(join.getRightItem());
        Expr condition = on.isEmpty() ? null : expressions.convert(on.iterator().next());
        return new FromItem.Join(left, right, type, condition, using, join.isNatural());
    }

    private FromItem fromItem(net.sf.jsqlparser.statement.select.FromItem item) {
        if (item instanceof Table table) {
            return table(table);
        }
        if (item instanceof LateralSubSelect lateral) {
            return new FromItem.Subquery(
                    queries.parenthesed(lateral),
                    aliasName(lateral.getAlias()),
                    columnAliases(lateral.getAlias()),
                    true);
        }
        if (item instanceof ParenthesedSelect subquery) {
            reject(subquery.getSampleClause() != null, "TABLESAMPLE", null);
            return new FromItem.Subquery(
                    queries.parenthesed(subquery),
                    aliasName(subquery.getAlias()),
                    columnAliases(subquery.getAlias()),
                    false);
        }
        if (item instanceof TableFunction function) {
            return tableFunction(function);
        }
        if (item instanceof ParenthesedFromItem parenthesed) {
            reject(parenthesed.getPivot() != null || parenthesed.getUnPivot() != null, "PIVOT/UNPIVOT", null);
            reject(parenthesed.getSampleClause() != null, "TABLESAMPLE", null);
            FromItem inner = fromClause(parenthesed.getFromItem(), parenthesed.getJoins());
            Alias alias = parenthesed.getAlias();
            if (alias == null) {
                return inner;
            }
            if (inner instanceof FromItem.Values values && values.alias() == null) {
                return new FromItem.Values(values.rows(), aliasName(alias), columnAliases(alias));
            }
            throw SqlErrors.unsupported("an alias on a parenthesized join", null);
        }
        if (item instanceof Values values) {
            return new FromItem.Values(
                    queries.rows(values), aliasName(values.getAlias()), columnAliases(values.getAlias()));
        }
        throw SqlErrors.unsupported(JsqlExpressionConverter.describe(item) + " in FROM", null);
    }

    private FromItem table(Table table) {
        reject(table.getPivot() != null || table.getUnPivot() != null, "PIVOT/UNPIVOT", null);
        reject(table.getSampleClause() != null, "TABLESAMPLE", null);
        reject(table.getIndexHint() != null || table.getSqlServerHints() != null, "table hints", null);
        reject(table.getTimeTravel() != null, "time travel clauses", null);
        Alias alias = table.getAlias();
        if (alias != null
                && alias.getAliasColumns() != null
                && !alias.getAliasColumns().isEmpty()) {
            throw SqlErrors.unsupported(
                    "column aliases on a table (t AS x(a, b))", "alias the columns in the select list");
        }
        return new FromItem.Table(qualifiedName(table), aliasName(alias));
    }

    /** {@code name} or {@code schema.name}; three-part names are 0A000. */
    QualifiedName qualifiedName(Table table) {
        if (table == null) {
            throw source.syntaxErrorAtEnd();
        }
        List<String> parts = table.getNameParts();
        if (parts != null && parts.size() > 2) {
            throw SqlErrors.unsupported(
                    "cross-database reference " + SqlErrors.mask(table.getFullyQualifiedName()),
                    "name tables as schema.table");
        }
        if (table.getName() == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: missing table name");
        }
        String schema = table.getSchemaName() == null ? null : source.identifier(table.getSchemaName());
        return new QualifiedName(schema, source.identifier(table.getName()));
    }

    private FromItem tableFunction(TableFunction function) {
        reject(function.isRowsFrom(), "ROWS FROM (...)", null);
        reject(function.getPivot() != null || function.getUnPivot() != null, "PIVOT/UNPIVOT", null);
        reject(function.getSampleClause() != null, "TABLESAMPLE", null);
        Expr call = expressions.convert(function.getFunction());
        if (!(call instanceof Expr.FunctionCall functionCall)) {
            throw SqlErrors.unsupported("this expression as a FROM item", "call a set-returning function");
        }
        if (functionCall.over() != null || functionCall.filter() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: window or FILTER clause in FROM");
        }
        String prefix = function.getPrefix();
        boolean lateral = prefix != null && prefix.trim().equalsIgnoreCase("lateral");
        if (prefix != null && !lateral) {
            throw SqlErrors.unsupported(SqlErrors.mask(prefix.toUpperCase(Locale.ROOT)) + " function in FROM", null);
        }
        String withClause = function.getWithClause();
        boolean ordinality = withClause != null && withClause.trim().equalsIgnoreCase("ordinality");
        if (withClause != null && !ordinality) {
            throw SqlErrors.unsupported("WITH " + SqlErrors.mask(withClause.toUpperCase(Locale.ROOT)), null);
        }
        return new FromItem.Function(
                functionCall, aliasName(function.getAlias()), columnAliases(function.getAlias()), lateral, ordinality);
    }

    /**
     * A FROM-item alias. Postgres allows no reserved word there, quoted or not after AS, while JSqlParser
     * happily reads {@code from t order} as the table t aliased "order": that is a syntax error at "order".
     */
    String aliasName(Alias alias) {
        if (alias == null) {
            return null;
        }
        String raw = alias.getName();
        if (!source.isQuoted(raw) && ReservedWords.cannotBeName(raw.toLowerCase(Locale.ROOT))) {
            throw source.syntaxErrorAtWord(raw.toLowerCase(Locale.ROOT));
        }
        return source.identifier(raw);
    }

    private List<String> columnAliases(Alias alias) {
        List<String> names = new ArrayList<>();
        if (alias == null || alias.getAliasColumns() == null) {
            return names;
        }
        for (Alias.AliasColumn column : alias.getAliasColumns()) {
            if (column.colDataType != null) {
                throw SqlErrors.unsupported(
                        "column definition lists (AS t(a type))", "cast the columns in the select list");
            }
            names.add(source.identifier(column.name));
        }
        return names;
    }

    static void rejectAlias(Alias alias, String what) {
        if (alias != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: " + what + " takes no alias here");
        }
    }
}
