package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WindowDefinition;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import net.sf.jsqlparser.expression.WindowRange;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.NamedExpressionList;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Select;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.types.SqlType;

/**
 * Converts JSqlParser function calls into {@link Expr.FunctionCall}: plain calls, aggregates
 * ({@code count(distinct x) filter (where ...)}, {@code string_agg(x, ',' order by x)}), window calls with
 * their {@link Expr.WindowSpec}, and the SQL-standard special syntaxes, rewritten to their Postgres
 * function form: {@code position(a in b)} → {@code position(a, b)}, {@code substring(x from a for b)} →
 * {@code substring(x, a, b)}, {@code trim(both 'x' from y)} → {@code btrim(y, 'x')}.
 *
 * <p>{@code count(*)} has {@code star = true} and no arguments; {@code count(all x)} is {@code count(x)}.
 * Window frames become normalised text ({@code rows between unbounded preceding and current row}).
 * KEEP, IGNORE NULLS, WITHIN GROUP, named windows, GROUPS frames and the like are 0A000.
 */
final class JsqlFunctionConverter {

    private final JsqlSource source;
    private final JsqlExpressionConverter expressions;
    /** The WINDOW clause of the query block being converted: definitions by name. */
    private Map<String, WindowDefinition> namedWindows = Map.of();

    JsqlFunctionConverter(JsqlSource source, JsqlExpressionConverter expressions) {
        this.source = source;
        this.expressions = expressions;
    }

    /** {@code trim([both|leading|trailing] [chars] from s)} → {@code btrim|ltrim|rtrim(s [, chars])}. */
    Expr trim(TrimFunction trim) {
        String name = "btrim";
        if (trim.getTrimSpecification() == TrimFunction.TrimSpecification.LEADING) {
            name = "ltrim";
        } else if (trim.getTrimSpecification() == TrimFunction.TrimSpecification.TRAILING) {
            name = "rtrim";
        }
        if (trim.getFromExpression() == null) {
            if (trim.getExpression() == null) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: TRIM needs a value");
            }
            return Expr.FunctionCall.of(name, expressions.convert(trim.getExpression()));
        }
        if (trim.getExpression() == null) {
            return Expr.FunctionCall.of(name, expressions.convert(trim.getFromExpression()));
        }
        return Expr.FunctionCall.of(
                name, expressions.convert(trim.getFromExpression()), expressions.convert(trim.getExpression()));
    }

    // ---------------------------------------------------------------- function calls

    private String functionName(Function function) {
        List<String> parts = function.getMultipartName();
        if (parts == null || parts.isEmpty()) {
            return source.identifier(function.getName());
        }
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(source.identifier(part));
        }
        return name.toString();
    }

    Expr function(Function function) {
        rejectFunctionExtras(
                function.getKeep(),
                function.getHavingClause(),
                function.getNullHandling(),
                function.getLimit(),
                function.isIgnoreNulls() || function.isIgnoreNullsOutside(),
                function.isUnique(),
                function.getOnOverflowTruncate(),
                function.getKeywordArguments(),
                function.getExtraKeyword());
        if (function.isEscaped()) {
            throw SqlErrors.unsupported("JDBC escape {fn ...}", "call the function directly");
        }
        if (function.getAttribute() != null || function.getChainedParameters() != null) {
            throw SqlErrors.unsupported("field selection from a function result", null);
        }
        String name = functionName(function);
        if (JsqlExpressionConverter.isQuantifier(function)) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    "syntax error at or near \"" + name + "\": ANY/ALL/SOME belong on the right of a comparison");
        }
        if (function.getNamedParameters() != null) {
            return namedArgumentFunction(name, function.getNamedParameters());
        }
        if (ORDERED_SET_AGGREGATES.contains(name)) {
            throw withinGroupRequired(name);
        }
        ExpressionList<?> parameters = function.getParameters();
        if (name.equals("row")) {
            return new Expr.RowConstructor(expressions.convertAll(parameters));
        }
        if (name.equals("array")
                && parameters != null
                && parameters.size() == 1
                && parameters.get(0) instanceof Select) {
            // ARRAY(subquery): the call "array" of a ScalarSubquery (no function can be named array, a keyword).
            return new Expr.FunctionCall(
                    "array",
                    List.of(new Expr.ScalarSubquery(expressions.subquery((Select) parameters.get(0)))),
                    false,
                    false,
                    null,
                    List.of(),
                    null);
        }
        // isAllColumns() means the ALL keyword (count(all x) is count(x)); count(*) arrives as a * argument.
        boolean star = parameters != null && parameters.size() == 1 && parameters.get(0) instanceof AllColumns;
        List<Expr> arguments = star ? List.of() : expressions.convertAll(parameters);
        return new Expr.FunctionCall(
                name,
                arguments,
                function.isDistinct(),
                star,
                null,
                expressions.orderItems(function.getOrderByElements()),
                null);
    }

    private static void rejectFunctionExtras(
            Object keep,
            Object having,
            Object nullHandling,
            Object limit,
            boolean ignoreNulls,
            boolean unique,
            String onOverflow,
            List<?> keywordArguments,
            String extraKeyword) {
        if (keep != null) {
            throw SqlErrors.unsupported("KEEP (...)", null);
        }
        if (having != null) {
            throw SqlErrors.unsupported("HAVING MIN/MAX inside a function call", null);
        }
        if (nullHandling != null || ignoreNulls) {
            throw SqlErrors.unsupported("IGNORE NULLS / RESPECT NULLS", null);
        }
        if (limit != null) {
            throw SqlErrors.unsupported("LIMIT inside a function call", null);
        }
        if (unique) {
            throw SqlErrors.unsupported("UNIQUE inside a function call", "use DISTINCT");
        }
        if (onOverflow != null) {
            throw SqlErrors.unsupported("ON OVERFLOW", null);
        }
        if (keywordArguments != null && !keywordArguments.isEmpty()) {
            throw SqlErrors.unsupported("keyword arguments", null);
        }
        if (extraKeyword != null) {
            throw SqlErrors.unsupported("function keyword " + SqlErrors.mask(extraKeyword), null);
        }
    }

    /** {@code position(a in b)}, {@code substring(x from a for b)}, {@code overlay(...)}. */
    private Expr namedArgumentFunction(String name, NamedExpressionList<?> parameters) {
        List<String> names = new ArrayList<>();
        for (String keyword : parameters.getNames()) {
            names.add(keyword == null ? "" : keyword.trim().toLowerCase(Locale.ROOT));
        }
        List<Expr> values = expressions.convertAll(parameters);
        if (name.equals("position") && names.equals(List.of("", "in"))) {
            return Expr.FunctionCall.of("position", values.get(0), values.get(1));
        }
        if (name.equals("substring")) {
            if (names.equals(List.of("", "from", "for"))) {
                return Expr.FunctionCall.of("substring", values.get(0), values.get(1), values.get(2));
            }
            if (names.equals(List.of("", "from"))) {
                return Expr.FunctionCall.of("substring", values.get(0), values.get(1));
            }
            if (names.equals(List.of("", "for"))) {
                return Expr.FunctionCall.of(
                        "substring", values.get(0), new Expr.Literal(1, SqlType.INTEGER), values.get(1));
            }
        }
        if (name.equals("overlay")) {
            if (names.equals(List.of("", "placing", "from", "for"))) {
                return Expr.FunctionCall.of("overlay", values.get(0), values.get(1), values.get(2), values.get(3));
            }
            if (names.equals(List.of("", "placing", "from"))) {
                return Expr.FunctionCall.of("overlay", values.get(0), values.get(1), values.get(2));
            }
        }
        throw SqlErrors.unsupported(name + "(... " + String.join(" ... ", names).trim() + " ...)", null);
    }

    /**
     * Makes {@code definitions} (a query block's WINDOW clause) the windows {@code OVER name} refers to, and returns
     * the ones in force before (to restore when the block is converted). A name defined twice is 42P20.
     */
    Map<String, WindowDefinition> useWindows(List<WindowDefinition> definitions) {
        Map<String, WindowDefinition> previous = namedWindows;
        Map<String, WindowDefinition> byName = new HashMap<>();
        if (definitions != null) {
            for (WindowDefinition definition : definitions) {
                String name = source.identifier(definition.getWindowName());
                if (byName.put(name, definition) != null) {
                    throw new StripeJdbcException(
                            SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION,
                            "window \"" + name + "\" is already defined");
                }
            }
        }
        namedWindows = byName;
        return previous;
    }

    /** Restores the windows {@link #useWindows} returned. */
    void restoreWindows(Map<String, WindowDefinition> previous) {
        namedWindows = previous;
    }

    Expr analytic(AnalyticExpression analytic) {
        rejectFunctionExtras(
                analytic.getKeep(),
                analytic.getHavingClause(),
                analytic.getNullHandling(),
                analytic.getLimit(),
                analytic.isIgnoreNulls() || analytic.isIgnoreNullsOutside(),
                analytic.isUnique(),
                analytic.getOnOverflowTruncate(),
                analytic.getKeywordArguments(),
                null);
        AnalyticType type = analytic.getType();
        if (type == AnalyticType.WITHIN_GROUP && !analytic.isDistinct() && analytic.getWindowName() == null) {
            return withinGroup(analytic);
        }
        String called = analyticName(analytic.getName());
        if (ORDERED_SET_AGGREGATES.contains(called)) {
            if (type == AnalyticType.OVER || type == AnalyticType.WITHIN_GROUP_OVER) {
                throw SqlErrors.unsupported("OVER for ordered-set aggregate " + called, null);
            }
            if (type == AnalyticType.FILTER_ONLY) {
                throw withinGroupRequired(called);
            }
        }
        if (type != AnalyticType.OVER && type != AnalyticType.FILTER_ONLY) {
            throw SqlErrors.unsupported("WITHIN GROUP with OVER, DISTINCT or a named window", null);
        }
        WindowDefinition named = null;
        if (analytic.getWindowName() != null) {
            named = namedWindows.get(source.identifier(analytic.getWindowName()));
            if (named == null) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_OBJECT,
                        "window \"" + source.identifier(analytic.getWindowName()) + "\" does not exist");
            }
        }
        String name = analyticName(analytic.getName());
        boolean star = analytic.getExpression() instanceof AllColumns;
        List<Expr> arguments = new ArrayList<>();
        if (!star) {
            for (Expression argument :
                    new Expression[] {analytic.getExpression(), analytic.getOffset(), analytic.getDefaultValue()}) {
                if (argument != null) {
                    arguments.add(expressions.convert(argument));
                }
            }
        }
        Expr filter =
                analytic.getFilterExpression() == null ? null : expressions.convert(analytic.getFilterExpression());
        List<OrderItem> orderBy = expressions.orderItems(analytic.getFuncOrderBy());
        Expr.WindowSpec over = null;
        if (type == AnalyticType.OVER && named != null) {
            // OVER w: the definition of w in the WINDOW clause.
            over = new Expr.WindowSpec(
                    expressions.convertAll(named.getPartitionExpressionList()),
                    expressions.orderItems(named.getOrderByElements()),
                    frame(named.getWindowElement()));
        } else if (type == AnalyticType.OVER) {
            ExpressionList<?> partition = analytic.getPartitionExpressionList();
            over = new Expr.WindowSpec(
                    expressions.convertAll(partition),
                    expressions.orderItems(analytic.getOrderByElements()),
                    frame(analytic.getWindowElement()));
        }
        return new Expr.FunctionCall(name, arguments, analytic.isDistinct(), star, filter, orderBy, over);
    }

    /**
     * An ordered-set aggregate, {@code percentile_cont(0.5) within group (order by amount)}: the call
     * {@code percentile_cont(0.5, amount order by amount)}, so that the aggregate receives its direct argument and
     * the sorted value on every row (the engine sorts ordered aggregate inputs).
     */
    private static final java.util.Set<String> ORDERED_SET_AGGREGATES =
            java.util.Set.of("percentile_cont", "percentile_disc", "mode");

    private Expr withinGroup(AnalyticExpression analytic) {
        String name = analyticName(analytic.getName());
        if (!ORDERED_SET_AGGREGATES.contains(name)) {
            throw new StripeJdbcException(
                    SqlState.WRONG_OBJECT_TYPE,
                    "WITHIN GROUP specified, but " + name + " is not an ordered-set aggregate function");
        }
        List<OrderItem> orderBy = expressions.orderItems(analytic.getOrderByElements());
        if (orderBy.size() != 1) {
            throw SqlErrors.unsupported("WITHIN GROUP with other than one ORDER BY expression", null);
        }
        List<Expr> arguments = new ArrayList<>();
        if (analytic.getExpression() != null) {
            arguments.add(expressions.convert(analytic.getExpression()));
        }
        arguments.add(orderBy.get(0).expression());
        Expr filter =
                analytic.getFilterExpression() == null ? null : expressions.convert(analytic.getFilterExpression());
        return new Expr.FunctionCall(name, arguments, false, false, filter, orderBy, null);
    }

    /** Postgres' error for an ordered-set aggregate called as a plain one ({@code percentile_cont(0.5, amount)}). */
    private static StripeJdbcException withinGroupRequired(String name) {
        return new StripeJdbcException(
                SqlState.WRONG_OBJECT_TYPE, "WITHIN GROUP is required for ordered-set aggregate " + name);
    }

    private String analyticName(String raw) {
        StringBuilder name = new StringBuilder();
        for (String part : raw.split("\\.")) {
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(source.identifier(part));
        }
        return name.toString();
    }

    /**
     * The frame as normalised text ({@code rows between unbounded preceding and current row}); a lone start
     * ({@code rows 2 preceding}) is written in its BETWEEN form. GROUPS, EXCLUDE and non-constant offsets
     * are 0A000.
     */
    private static String frame(WindowElement element) {
        if (element == null) {
            return null;
        }
        if (element.getType() == WindowElement.Type.GROUPS) {
            throw SqlErrors.unsupported("GROUPS window frames", "use ROWS or RANGE");
        }
        if (element.getExclusion() != null) {
            throw SqlErrors.unsupported("EXCLUDE in window frames", null);
        }
        String unit = element.getType().name().toLowerCase(Locale.ROOT);
        WindowRange range = element.getRange();
        if (range != null) {
            return unit + " between " + frameBound(range.getStart()) + " and " + frameBound(range.getEnd());
        }
        if (element.getOffset() != null) {
            return unit + " between " + frameBound(element.getOffset()) + " and current row";
        }
        throw SqlErrors.unsupported("window frame " + SqlErrors.mask(element.toString()), null);
    }

    private static String frameBound(WindowOffset offset) {
        if (offset == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error in window frame");
        }
        WindowOffset.Type type = offset.getType();
        if (type == WindowOffset.Type.CURRENT) {
            return "current row";
        }
        String direction = type == WindowOffset.Type.PRECEDING
                ? "preceding"
                : type == WindowOffset.Type.FOLLOWING ? "following" : null;
        if (direction == null) {
            throw SqlErrors.unsupported("window frame bound " + SqlErrors.mask(offset.toString()), null);
        }
        Expression amount = offset.getExpression();
        if (amount == null) {
            return "unbounded " + direction;
        }
        if (amount instanceof LongValue number && number.getBigIntegerValue().signum() >= 0) {
            return number.getStringValue() + " " + direction;
        }
        throw SqlErrors.unsupported(
                "window frame offset " + SqlErrors.mask(amount.toString()),
                "offsets must be non-negative integer constants");
    }
}
