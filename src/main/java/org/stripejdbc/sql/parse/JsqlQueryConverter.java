package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Distinct;
import net.sf.jsqlparser.statement.select.ExceptOp;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.GroupByElement;
import net.sf.jsqlparser.statement.select.IntersectOp;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.UnionOp;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.ReservedWords;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * Converts JSqlParser queries into {@link Query} trees: SELECT blocks, VALUES, set operations (INTERSECT
 * binding tighter than UNION and EXCEPT, as in Postgres) and WITH; FROM clauses are {@link JsqlFromConverter}'s.
 *
 * <p>{@code DISTINCT} gives {@code distinct = true}; {@code DISTINCT ON (..)} gives {@code distinct = false} with
 * the {@code distinctOn} expressions. {@code LIMIT ALL}/{@code LIMIT NULL} mean no limit;
 * {@code FETCH FIRST n ROWS ONLY} becomes the limit; GROUP BY is {@link JsqlGroupByConverter}'s. Clauses the
 * model cannot hold (FOR UPDATE, TABLESAMPLE, SEARCH/CYCLE...) are 0A000.
 */
final class JsqlQueryConverter {

    /** Non-reserved words Postgres still refuses as a column label without AS. */
    private static final Set<String> LABELS_REQUIRING_AS = Set.of(
            "over", "filter", "within", "without", "varying", "year", "month", "day", "hour", "minute", "second",
            "nulls", "first", "last", "escape", "at", "uescape");

    private final JsqlSource source;
    private final JsqlExpressionConverter expressions;
    private final JsqlFromConverter from;
    private final JsqlGroupByConverter groupings;

    JsqlQueryConverter(JsqlSource source) {
        this.source = source;
        this.expressions = new JsqlExpressionConverter(source, this);
        this.from = new JsqlFromConverter(source, this);
        this.groupings = new JsqlGroupByConverter(expressions);
    }

    JsqlExpressionConverter expressions() {
        return expressions;
    }

    /** The FROM-clause converter (table names and aliases also serve INSERT, UPDATE and DELETE). */
    JsqlFromConverter from() {
        return from;
    }

    /** The clauses that follow a query body: WITH in front, ORDER BY / LIMIT / OFFSET behind. */
    private record Tail(List<Query.CommonTableExpression> with, List<OrderItem> orderBy, Expr limit, Expr offset) {
        boolean isEmpty() {
            return with.isEmpty() && orderBy.isEmpty() && limit == null && offset == null;
        }
    }

    Query query(Select select) {
        if (select instanceof ParenthesedSelect parenthesed) {
            return parenthesed(parenthesed);
        }
        if (select instanceof PlainSelect plain) {
            // The WINDOW clause names windows for this block only (its select list and ORDER BY).
            Map<String, WindowDefinition> outerWindows =
                    expressions.functions().useWindows(plain.getWindowDefinitions());
            try {
                return plainSelect(plain, tail(select));
            } finally {
                expressions.functions().restoreWindows(outerWindows);
            }
        }
        Tail tail = tail(select);
        if (select instanceof SetOperationList list) {
            return setOperation(list, tail);
        }
        if (select instanceof Values values) {
            if (!tail.with().isEmpty()) {
                throw SqlErrors.unsupported("WITH in front of VALUES", "use WITH ... SELECT * FROM (VALUES ...) v");
            }
            JsqlFromConverter.rejectAlias(values.getAlias(), "VALUES");
            return new Query.Values(rows(values), tail.orderBy(), tail.limit(), tail.offset());
        }
        throw SqlErrors.unsupported(JsqlExpressionConverter.describe(select), null);
    }

    /** {@code (query) [ORDER BY ..] [LIMIT ..]}: the outer clauses are merged when the inner has none. */
    Query parenthesed(ParenthesedSelect parenthesed) {
        Tail outer = tail(parenthesed);
        Query inner = query(parenthesed.getSelect());
        if (outer.isEmpty()) {
            return inner;
        }
        if (inner instanceof Query.Select s
                && s.with().isEmpty()
                && s.orderBy().isEmpty()
                && s.limit() == null
                && s.offset() == null) {
            return new Query.Select(
                    outer.with(),
                    s.distinct(),
                    s.distinctOn(),
                    s.items(),
                    s.from(),
                    s.where(),
                    s.groupBy(),
                    s.having(),
                    outer.orderBy(),
                    outer.limit(),
                    outer.offset(),
                    s.groupingSets());
        }
        if (inner instanceof Query.SetOperation s
                && s.with().isEmpty()
                && s.orderBy().isEmpty()
                && s.limit() == null
                && s.offset() == null) {
            return new Query.SetOperation(
                    outer.with(),
                    s.operator(),
                    s.all(),
                    s.left(),
                    s.right(),
                    outer.orderBy(),
                    outer.limit(),
                    outer.offset());
        }
        if (inner instanceof Query.Values v
                && outer.with().isEmpty()
                && v.orderBy().isEmpty()
                && v.limit() == null
                && v.offset() == null) {
            return new Query.Values(v.rows(), outer.orderBy(), outer.limit(), outer.offset());
        }
        throw SqlErrors.unsupported(
                "ORDER BY/LIMIT on a parenthesized query that has its own",
                "select from it as a subquery: SELECT * FROM (...) s ORDER BY ...");
    }

    private Tail tail(Select select) {
        rejectSelectExtras(select);
        List<Query.CommonTableExpression> with = with(select.getWithItemsList());
        List<OrderItem> orderBy = expressions.orderItems(select.getOrderByElements());
        Expr limit = null;
        Limit written = select.getLimit();
        if (written != null) {
            if (written.getOffset() != null) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR,
                        "LIMIT #,# syntax is not supported: use separate LIMIT and OFFSET clauses");
            }
            if (written.getByExpressions() != null) {
                throw SqlErrors.unsupported("LIMIT ... BY", null);
            }
            if (!written.isLimitAll() && !written.isLimitNull() && written.getRowCount() != null) {
                limit = expressions.convert(written.getRowCount());
            }
        }
        Fetch fetch = select.getFetch();
        if (fetch != null) {
            if (written != null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
            }
            for (String parameter : fetch.getFetchParameters()) {
                String word = parameter.toUpperCase(Locale.ROOT);
                if (word.contains("TIES") || word.contains("PERCENT")) {
                    throw SqlErrors.unsupported("FETCH ... " + word, "use FETCH FIRST n ROWS ONLY");
                }
            }
            if (fetch.getExpression() != null) {
                limit = expressions.convert(fetch.getExpression());
            } else {
                limit = new Expr.Literal(1, SqlType.INTEGER);
            }
        }
        Expr offset = select.getOffset() == null
                ? null
                : expressions.convert(select.getOffset().getOffset());
        return new Tail(with, orderBy, limit, offset);
    }

    private static void rejectSelectExtras(Select select) {
        reject(
                select.getForMode() != null
                        || select.getForUpdate() != null
                        || (select.getForUpdateTables() != null
                                && !select.getForUpdateTables().isEmpty()),
                "FOR UPDATE/SHARE",
                "rows are read from Stripe, they cannot be locked");
        reject(select.getIsolation() != null, "WITH isolation", null);
        reject(select.getForClause() != null, "FOR XML/JSON", null);
        reject(select.getOption() != null, "OPTION (...)", null);
        reject(select.getMySqlProcedureAnalyse() != null, "PROCEDURE ANALYSE", null);
        reject(select.getLimitBy() != null, "LIMIT ... BY", null);
        reject(select.getInterpolate() != null && !select.getInterpolate().isEmpty(), "INTERPOLATE", null);
        reject(select.isOracleSiblings(), "ORDER SIBLINGS BY", null);
        reject(select.getPivot() != null || select.getUnPivot() != null, "PIVOT/UNPIVOT", null);
    }

    static void reject(boolean present, String construct, String detail) {
        if (present) {
            throw SqlErrors.unsupported(construct, detail);
        }
    }

    private List<Query.CommonTableExpression> with(List<WithItem<?>> items) {
        List<Query.CommonTableExpression> ctes = new ArrayList<>();
        if (items == null) {
            return ctes;
        }
        // JSqlParser marks the item after which it read RECURSIVE; Postgres allows the word only after WITH.
        boolean recursive = !items.isEmpty() && items.get(0).isRecursive();
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).isRecursive()) {
                throw source.syntaxErrorAtWord("recursive");
            }
        }
        for (WithItem<?> item : items) {
            reject(item.getSearchClause() != null || item.getCycleClause() != null, "SEARCH/CYCLE in WITH", null);
            reject(item.getWithFunctionDeclaration() != null, "WITH FUNCTION", null);
            if (item.getSelect() == null) {
                throw SqlErrors.unsupported(
                        "data-modifying statements in WITH", "run the INSERT/UPDATE/DELETE on its own");
            }
            if (item.getAlias() == null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: WITH item without a name");
            }
            String name = source.identifier(item.getAlias().getName());
            List<String> columns = new ArrayList<>();
            if (item.getWithItemList() != null) {
                for (net.sf.jsqlparser.statement.select.SelectItem<?> column : item.getWithItemList()) {
                    if (!(column.getExpression() instanceof Column named)
                            || named.getTable() != null && named.getTable().getName() != null) {
                        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error in WITH column list");
                    }
                    columns.add(source.identifier(named.getColumnName()));
                }
            }
            ctes.add(new Query.CommonTableExpression(name, columns, query(item.getSelect()), recursive));
        }
        return ctes;
    }

    private Query.Select plainSelect(PlainSelect select, Tail tail) {
        reject(
                select.getIntoTables() != null && !select.getIntoTables().isEmpty()
                        || select.getMySqlSelectIntoClause() != null
                        || select.getIntoTempTable() != null,
                "SELECT INTO",
                "use INSERT INTO ... SELECT");
        reject(
                select.getTop() != null || select.getSkip() != null || select.getFirst() != null,
                "TOP/SKIP/FIRST",
                "use LIMIT and OFFSET");
        reject(select.getQualify() != null, "QUALIFY", null);
        reject(select.getSampleClause() != null, "TABLESAMPLE", null);
        reject(select.getLateralViews() != null && !select.getLateralViews().isEmpty(), "LATERAL VIEW", null);
        reject(select.getOracleHierarchical() != null, "CONNECT BY", null);
        reject(select.getPreWhere() != null, "PREWHERE", null);
        reject(select.getOracleHint() != null, "optimizer hints", null);
        reject(select.getKsqlWindow() != null, "WINDOW (ksql)", null);
        reject(select.getOptimizeFor() != null, "OPTIMIZE FOR", null);
        reject(select.getSettings() != null && !select.getSettings().isEmpty(), "SETTINGS", null);
        reject(select.getPreferringClause() != null, "PREFERRING", null);
        reject(select.getForXmlPath() != null, "FOR XML PATH", null);
        reject(select.getBigQuerySelectQualifier() != null, "SELECT AS STRUCT/VALUE", null);
        reject(select.isUsingFinal(), "FINAL", null);
        reject(
                select.getMySqlSqlCacheFlag() != null
                        || select.getMySqlSqlCalcFoundRows()
                        || select.getMySqlHintStraightJoin(),
                "MySQL select modifiers",
                null);

        boolean distinct = false;
        List<Expr> distinctOn = List.of();
        Distinct written = select.getDistinct();
        if (written != null) {
            if (written.isUseUnique() || written.isUseDistinctRow()) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: use DISTINCT");
            }
            if (written.getOnSelectItems() != null
                    && !written.getOnSelectItems().isEmpty()) {
                List<Expr> on = new ArrayList<>();
                for (net.sf.jsqlparser.statement.select.SelectItem<?> item : written.getOnSelectItems()) {
                    if (item.getAlias() != null) {
                        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"as\"");
                    }
                    on.add(expressions.convert(item.getExpression()));
                }
                distinctOn = on;
            } else {
                distinct = true;
            }
        }
        List<SelectItem> items = selectItems(select.getSelectItems());
        FromItem from = this.from.fromClause(select.getFromItem(), select.getJoins());
        Expr where = select.getWhere() == null ? null : expressions.convert(select.getWhere());
        JsqlGroupByConverter.GroupBy groupBy = groupBy(select.getGroupBy());
        Expr having = select.getHaving() == null ? null : expressions.convert(select.getHaving());
        return new Query.Select(
                tail.with(),
                distinct,
                distinctOn,
                items,
                from,
                where,
                groupBy.keys(),
                having,
                tail.orderBy(),
                tail.limit(),
                tail.offset(),
                groupBy.sets());
    }

    List<SelectItem> selectItems(List<? extends net.sf.jsqlparser.statement.select.SelectItem<?>> written) {
        List<SelectItem> items = new ArrayList<>();
        if (written == null) {
            return items;
        }
        for (net.sf.jsqlparser.statement.select.SelectItem<?> item : written) {
            items.add(selectItem(item));
        }
        return items;
    }

    private SelectItem selectItem(net.sf.jsqlparser.statement.select.SelectItem<?> item) {
        Expression expression = item.getExpression();
        if (expression instanceof AllColumns star) {
            reject(
                    star.getExceptColumns() != null && !star.getExceptColumns().isEmpty()
                            || star.getReplaceExpressions() != null
                                    && !star.getReplaceExpressions().isEmpty(),
                    "* EXCEPT/REPLACE",
                    null);
            if (item.getAlias() != null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: * cannot have an alias");
            }
            if (star instanceof AllTableColumns tableStar) {
                Table table = tableStar.getTable();
                if (table.getSchemaName() != null || table.getDatabaseName() != null) {
                    throw SqlErrors.unsupported("schema-qualified t.*", "qualify * with the table name or an alias");
                }
                return new SelectItem.Star(source.identifier(table.getName()));
            }
            return new SelectItem.Star(null);
        }
        return new SelectItem.Column(expressions.convert(expression), alias(item.getAlias()));
    }

    /**
     * A select-list alias. Without AS, Postgres takes no reserved word (and a few more, such as OVER and
     * FILTER) as a label, so {@code select 1 order} is a syntax error at "order", not a column named order.
     */
    private String alias(Alias alias) {
        if (alias == null) {
            return null;
        }
        if (alias.getAliasColumns() != null && !alias.getAliasColumns().isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: a column alias takes no column list");
        }
        String raw = alias.getName();
        String folded = raw.toLowerCase(Locale.ROOT);
        if (!alias.isUseAs()
                && !source.isQuoted(raw)
                && (ReservedWords.cannotBeName(folded) || LABELS_REQUIRING_AS.contains(folded))) {
            throw source.syntaxErrorAtWord(folded);
        }
        return source.identifier(raw);
    }

    private JsqlGroupByConverter.GroupBy groupBy(GroupByElement groupBy) {
        if (groupBy != null) {
            reject(groupBy.isMysqlWithRollup(), "WITH ROLLUP", "write GROUP BY ROLLUP (...)");
            reject(groupBy.hasGroupBySortDirections(), "ASC/DESC in GROUP BY", null);
        }
        return groupings.convert(groupBy);
    }

    // ---------------------------------------------------------------- VALUES and set operations

    /** The rows of a VALUES list; one row arrives as one parenthesized list, several as a list of them. */
    List<List<Expr>> rows(Values values) {
        ExpressionList<?> list = values.getExpressions();
        List<List<Expr>> rows = new ArrayList<>();
        if (list instanceof ParenthesedExpressionList<?> single) {
            rows.add(expressions.convertAll(single));
        } else if (list != null) {
            for (Expression row : list) {
                if (!(row instanceof ParenthesedExpressionList<?> parenthesed)) {
                    throw new StripeJdbcException(
                            SqlState.SYNTAX_ERROR, "syntax error: each VALUES row must be in parentheses");
                }
                rows.add(expressions.convertAll(parenthesed));
            }
        }
        if (rows.isEmpty() || rows.get(0).isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"");
        }
        for (List<Expr> row : rows) {
            if (row.size() != rows.get(0).size()) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
            }
        }
        return rows;
    }

    /**
     * Builds the operation tree: INTERSECT first, then UNION/EXCEPT from left to right.
     *
     * <p>JSqlParser also reads MySQL's per-operand clauses: in {@code select 1 union select 2 limit 3} it may
     * hang the LIMIT on the last operand, and it accepts {@code select 1 order by 1 union select 2}. Postgres
     * reads trailing ORDER BY/LIMIT/OFFSET as applying to the whole operation (a leading WITH likewise), and
     * refuses them on any other unparenthesized operand; so do we.
     */
    private Query setOperation(SetOperationList list, Tail tail) {
        List<Select> selects = list.getSelects();
        List<SetOperation> operations = list.getOperations();
        if (selects == null || operations == null || selects.size() != operations.size() + 1 || operations.isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error in set operation");
        }
        Tail hoisted = new Tail(List.of(), List.of(), null, null);
        List<Query> operands = new ArrayList<>();
        for (int i = 0; i < selects.size(); i++) {
            Select select = selects.get(i);
            if (select instanceof ParenthesedSelect) {
                operands.add(query(select));
                continue;
            }
            Tail own = tail(select);
            boolean first = i == 0;
            boolean last = i == selects.size() - 1;
            if (!own.with().isEmpty() && !first) {
                throw source.syntaxErrorAtWord("with");
            }
            if ((!own.orderBy().isEmpty() || own.limit() != null || own.offset() != null) && !last) {
                throw source.syntaxErrorAtWord(operatorWord(operations.get(i)));
            }
            hoisted = new Tail(
                    first ? own.with() : hoisted.with(),
                    last ? own.orderBy() : hoisted.orderBy(),
                    last ? own.limit() : hoisted.limit(),
                    last ? own.offset() : hoisted.offset());
            operands.add(bareOperand(select));
        }
        Tail whole = merge(tail, hoisted);
        List<Query> terms = new ArrayList<>();
        List<SetOperation> lowOperations = new ArrayList<>();
        terms.add(operands.get(0));
        for (int i = 0; i < operations.size(); i++) {
            SetOperation operation = operations.get(i);
            Query next = operands.get(i + 1);
            if (operator(operation) == Query.SetOperator.INTERSECT) {
                Query previous = terms.remove(terms.size() - 1);
                terms.add(new Query.SetOperation(
                        List.of(),
                        Query.SetOperator.INTERSECT,
                        operation.isAll(),
                        previous,
                        next,
                        List.of(),
                        null,
                        null));
            } else {
                lowOperations.add(operation);
                terms.add(next);
            }
        }
        Query result = terms.get(0);
        for (int i = 0; i < lowOperations.size(); i++) {
            SetOperation operation = lowOperations.get(i);
            result = new Query.SetOperation(
                    List.of(), operator(operation), operation.isAll(), result, terms.get(i + 1), List.of(), null, null);
        }
        Query.SetOperation top = (Query.SetOperation) result;
        return new Query.SetOperation(
                whole.with(),
                top.operator(),
                top.all(),
                top.left(),
                top.right(),
                whole.orderBy(),
                whole.limit(),
                whole.offset());
    }

    /** An unparenthesized set-operation operand without its trailing clauses (those were hoisted). */
    private Query bareOperand(Select select) {
        Tail none = new Tail(List.of(), List.of(), null, null);
        if (select instanceof PlainSelect plain) {
            return plainSelect(plain, none);
        }
        if (select instanceof Values values) {
            JsqlFromConverter.rejectAlias(values.getAlias(), "VALUES");
            return new Query.Values(rows(values), List.of(), null, null);
        }
        return query(select);
    }

    private static Tail merge(Tail outer, Tail hoisted) {
        if (!outer.with().isEmpty() && !hoisted.with().isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: WITH given twice");
        }
        if (!outer.orderBy().isEmpty() && !hoisted.orderBy().isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple ORDER BY clauses not allowed");
        }
        if (outer.limit() != null && hoisted.limit() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple LIMIT clauses not allowed");
        }
        if (outer.offset() != null && hoisted.offset() != null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "multiple OFFSET clauses not allowed");
        }
        return new Tail(
                outer.with().isEmpty() ? hoisted.with() : outer.with(),
                outer.orderBy().isEmpty() ? hoisted.orderBy() : outer.orderBy(),
                outer.limit() != null ? outer.limit() : hoisted.limit(),
                outer.offset() != null ? outer.offset() : hoisted.offset());
    }

    private static String operatorWord(SetOperation operation) {
        if (operation instanceof IntersectOp) {
            return "intersect";
        }
        if (operation instanceof ExceptOp) {
            return "except";
        }
        return operation instanceof UnionOp ? "union" : "minus";
    }

    private static Query.SetOperator operator(SetOperation operation) {
        String modifier = operation.getModifier();
        if (modifier != null
                && !modifier.isBlank()
                && !modifier.trim().equalsIgnoreCase("all")
                && !modifier.trim().equalsIgnoreCase("distinct")) {
            throw SqlErrors.unsupported(
                    "set operation modifier " + SqlErrors.mask(modifier.toUpperCase(Locale.ROOT)), null);
        }
        if (operation instanceof UnionOp) {
            return Query.SetOperator.UNION;
        }
        if (operation instanceof IntersectOp) {
            return Query.SetOperator.INTERSECT;
        }
        if (operation instanceof ExceptOp) {
            return Query.SetOperator.EXCEPT;
        }
        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: use EXCEPT instead of MINUS");
    }
}
