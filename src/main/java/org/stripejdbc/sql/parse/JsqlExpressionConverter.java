package org.stripejdbc.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.ArrayExpression;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.CaseExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DateUnitExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExtractExpression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.JsonExpression;
import net.sf.jsqlparser.expression.LambdaExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.TimezoneExpression;
import net.sf.jsqlparser.expression.TrimFunction;
import net.sf.jsqlparser.expression.WhenClause;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.BitwiseXor;
import net.sf.jsqlparser.expression.operators.arithmetic.Concat;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.expression.operators.arithmetic.Modulo;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ContainedBy;
import net.sf.jsqlparser.expression.operators.relational.Contains;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsBooleanExpression;
import net.sf.jsqlparser.expression.operators.relational.IsDistinctExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.IsUnknownExpression;
import net.sf.jsqlparser.expression.operators.relational.JsonOperator;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.expression.operators.relational.RegExpMatchOperator;
import net.sf.jsqlparser.expression.operators.relational.SimilarToExpression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.Select;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * Converts JSqlParser expressions into {@link Expr} trees, with Postgres meaning.
 *
 * <p>Highlights:
 * <ul>
 *   <li>Literals take Postgres types: {@code 42} INTEGER, {@code 3000000000} BIGINT, larger integers and
 *       {@code 1.50}/{@code 1e5} NUMERIC (BigDecimal, scale kept), {@code 'x'} UNKNOWN text,
 *       {@code -5} folds to the literal -5.</li>
 *   <li>JSON arrows: JSqlParser nests {@code a->'b'->>'c' = 'x'} as {@code a -> ('b' ->> ('c' = 'x'))}.
 *       The converter re-associates it the Postgres way, {@code ((a->'b')->>'c') = 'x'}: the JSON operator
 *       is pushed down onto the leftmost operand of every lower-precedence node it swallowed (comparisons,
 *       IS, LIKE, IN, BETWEEN, AND, OR, and operators of its own precedence such as {@code ||}).</li>
 *   <li>{@code x = any(?)} → {@link Expr.Quantified}; {@code x = any(select ..)} → {@link Expr.InSubquery}
 *       (the two are the same in Postgres); {@code interval '30 days'} → {@code Cast('30 days', INTERVAL)};
 *       {@code current_timestamp} → {@code FunctionCall("current_timestamp")}; {@code x at time zone 'UTC'}
 *       → {@code timezone('UTC', x)}; an unquoted reserved word is never a column
 *       ({@code select distinct on} is a syntax error at "on").</li>
 * </ul>
 * Function calls, aggregates and window calls are delegated to {@link JsqlFunctionConverter}; constants, column
 * references, casts and the other terms to {@link JsqlTermConverter}.
 * Anything it cannot represent faithfully is 0A000 naming the construct; nothing is approximated.
 */
final class JsqlExpressionConverter {

    private final JsqlSource source;
    private final JsqlQueryConverter queries;
    private final JsqlFunctionConverter functions;
    private final JsqlTermConverter terms;

    JsqlExpressionConverter(JsqlSource source, JsqlQueryConverter queries) {
        this.source = source;
        this.queries = queries;
        this.functions = new JsqlFunctionConverter(source, this);
        this.terms = new JsqlTermConverter(source, this);
    }

    /** A JSON operator and its left operand waiting to be attached to the leftmost operand of an expression. */
    private record JsonPrefix(Expr base, BinaryOperator operator) {}

    Expr convert(Expression expression) {
        return convert(expression, null);
    }

    List<Expr> convertAll(List<? extends Expression> expressions) {
        List<Expr> converted = new ArrayList<>(expressions == null ? 0 : expressions.size());
        if (expressions != null) {
            for (Expression expression : expressions) {
                converted.add(convert(expression));
            }
        }
        return converted;
    }

    /** The function converter (it resolves OVER name through the WINDOW clause in force). */
    JsqlFunctionConverter functions() {
        return functions;
    }

    /** A subquery used inside an expression. */
    Query subquery(Select select) {
        return queries.query(select);
    }

    OrderItem orderItem(OrderByElement element) {
        if (element.getWithFill() != null || element.isMysqlWithRollup()) {
            throw SqlErrors.unsupported("ORDER BY ... WITH FILL / WITH ROLLUP", null);
        }
        Boolean nullsFirst = element.getNullOrdering() == null
                ? null
                : element.getNullOrdering() == OrderByElement.NullOrdering.NULLS_FIRST;
        return new OrderItem(convert(element.getExpression()), !element.isAsc(), nullsFirst);
    }

    List<OrderItem> orderItems(List<OrderByElement> elements) {
        List<OrderItem> items = new ArrayList<>();
        if (elements != null) {
            for (OrderByElement element : elements) {
                items.add(orderItem(element));
            }
        }
        return items;
    }

    // ---------------------------------------------------------------- dispatch

    private Expr convert(Expression expression, JsonPrefix prefix) {
        if (expression == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: missing expression");
        }
        if (expression instanceof SignedExpression signed && signed.getExpression() instanceof JsonExpression json) {
            // "-1->>'id'" arrives as -(1->>'id'); the sign binds tighter: (-1)->>'id' (as in attrs->'a'-> -1->>'id').
            Expr base = convert(new SignedExpression(signed.getSign(), json.getExpression()), prefix);
            return jsonChainFrom(base, json);
        }
        if (prefix != null && !isRotatable(expression)) {
            return new Expr.Binary(prefix.operator(), prefix.base(), convert(expression, null));
        }
        if (expression instanceof JsonExpression json) {
            return jsonChain(json, prefix);
        }
        if (expression instanceof AndExpression and) {
            return new Expr.Binary(
                    BinaryOperator.AND, left(and.getLeftExpression(), prefix), convert(and.getRightExpression()));
        }
        if (expression instanceof OrExpression or) {
            return new Expr.Binary(
                    BinaryOperator.OR, left(or.getLeftExpression(), prefix), convert(or.getRightExpression()));
        }
        if (expression instanceof ComparisonOperator comparison) {
            return comparison(comparison, prefix);
        }
        if (expression instanceof IsDistinctExpression distinct) {
            BinaryOperator operator =
                    distinct.isNot() ? BinaryOperator.IS_NOT_DISTINCT_FROM : BinaryOperator.IS_DISTINCT_FROM;
            Expr left = left(distinct.getLeftExpression(), prefix);
            return withRightOperand(distinct.getRightExpression(), right -> new Expr.Binary(operator, left, right));
        }
        if (expression instanceof LikeExpression like) {
            return like(like, prefix);
        }
        if (expression instanceof SimilarToExpression similar) {
            if (similar.getEscape() != null) {
                throw SqlErrors.unsupported("SIMILAR TO ... ESCAPE", null);
            }
            return new Expr.SimilarTo(
                    left(similar.getLeftExpression(), prefix), convert(similar.getRightExpression()), similar.isNot());
        }
        if (expression instanceof Between between) {
            if (between.isUsingSymmetric() || between.isUsingAsymmetric()) {
                throw SqlErrors.unsupported("BETWEEN SYMMETRIC / ASYMMETRIC", null);
            }
            Expr value = left(between.getLeftExpression(), prefix);
            Expr low = convert(between.getBetweenExpressionStart());
            return withRightOperand(
                    between.getBetweenExpressionEnd(), high -> new Expr.Between(value, low, high, between.isNot()));
        }
        if (expression instanceof InExpression in) {
            return in(in, prefix);
        }
        if (expression instanceof IsNullExpression isNull) {
            return new Expr.IsNull(left(isNull.getLeftExpression(), prefix), isNull.isNot());
        }
        if (expression instanceof IsBooleanExpression isBoolean) {
            return new Expr.IsBoolean(
                    left(isBoolean.getLeftExpression(), prefix), isBoolean.isTrue(), isBoolean.isNot());
        }
        if (expression instanceof IsUnknownExpression isUnknown) {
            return new Expr.IsBoolean(left(isUnknown.getLeftExpression(), prefix), null, isUnknown.isNot());
        }
        if (expression instanceof Concat concat) {
            return sameLevelOperator(
                    BinaryOperator.CONCAT, concat.getLeftExpression(), concat.getRightExpression(), prefix);
        }
        if (expression instanceof JsonOperator json) {
            return sameLevelOperator(
                    jsonOperator(json.getStringExpression()),
                    json.getLeftExpression(),
                    json.getRightExpression(),
                    prefix);
        }
        if (expression instanceof Contains contains) {
            return sameLevelOperator(
                    BinaryOperator.JSON_CONTAINS, contains.getLeftExpression(), contains.getRightExpression(), prefix);
        }
        if (expression instanceof ContainedBy containedBy) {
            return sameLevelOperator(
                    BinaryOperator.JSON_CONTAINED_BY,
                    containedBy.getLeftExpression(),
                    containedBy.getRightExpression(),
                    prefix);
        }
        if (expression instanceof RegExpMatchOperator regex) {
            return sameLevelOperator(
                    regexOperator(regex), regex.getLeftExpression(), regex.getRightExpression(), prefix);
        }
        if (expression instanceof LambdaExpression lambda
                && lambda.getIdentifiers() != null
                && lambda.getIdentifiers().size() == 1
                && prefix == null) {
            // Right after "(" or ",", JSqlParser reads "attrs -> 'key'" as a lambda; in Postgres it is the JSON
            // arrow: (attrs->'metadata')::text, jsonb_build_object('meta', attrs->'metadata').
            // JSqlParser keeps only the text of what preceded the arrow ("(a || b)->'k'" gives "a || b"): parse it
            // again as an expression.
            Expression left;
            try {
                left = CCJSqlParserUtil.newParser(lambda.getIdentifiers().get(0))
                        .withAllowComplexParsing(true)
                        .Expression();
            } catch (ParseException | RuntimeException e) {
                throw SqlErrors.unsupported("this use of the JSON operator ->", "write the left operand as a column");
            }
            return convert(lambda.getExpression(), new JsonPrefix(convert(left), BinaryOperator.JSON_GET));
        }
        return leaf(expression);
    }

    /** Node types whose leftmost operand binds looser than (or as loose as) a JSON arrow. */
    private static boolean isRotatable(Expression expression) {
        return expression instanceof JsonExpression
                || expression instanceof AndExpression
                || expression instanceof OrExpression
                || expression instanceof ComparisonOperator
                || expression instanceof IsDistinctExpression
                || expression instanceof LikeExpression
                || expression instanceof SimilarToExpression
                || expression instanceof Between
                || expression instanceof InExpression
                || expression instanceof IsNullExpression
                || expression instanceof IsBooleanExpression
                || expression instanceof IsUnknownExpression
                || expression instanceof Concat
                || expression instanceof JsonOperator
                || expression instanceof Contains
                || expression instanceof ContainedBy
                || expression instanceof RegExpMatchOperator;
    }

    private Expr left(Expression left, JsonPrefix prefix) {
        return convert(left, prefix);
    }

    /**
     * The node {@code parent} builds over its right operand {@code right}. JSqlParser lets a JSON arrow on the
     * right swallow the rest of the condition: {@code a = b->>'c' and d} arrives as {@code a = (b ->> ('c' and d))},
     * which re-associates to the operand {@code (b->>'c') and d}. The parent then belongs on that operand's leftmost
     * part below the looser levels (AND, OR, IS): {@code (a = b->>'c') and d}, as Postgres parses it. A
     * parenthesised right operand is not a JSON expression here and is left alone.
     */
    private Expr withRightOperand(Expression right, UnaryOperator<Expr> parent) {
        Expr converted = convert(right);
        return right instanceof JsonExpression ? pushBelowLooserLevels(converted, parent) : parent.apply(converted);
    }

    private static Expr pushBelowLooserLevels(Expr operand, UnaryOperator<Expr> parent) {
        if (operand instanceof Expr.Binary binary
                && (binary.operator() == BinaryOperator.AND
                        || binary.operator() == BinaryOperator.OR
                        || binary.operator() == BinaryOperator.IS_DISTINCT_FROM
                        || binary.operator() == BinaryOperator.IS_NOT_DISTINCT_FROM)) {
            return new Expr.Binary(binary.operator(), pushBelowLooserLevels(binary.left(), parent), binary.right());
        }
        if (operand instanceof Expr.IsNull isNull) {
            return new Expr.IsNull(pushBelowLooserLevels(isNull.value(), parent), isNull.negated());
        }
        if (operand instanceof Expr.IsBoolean isBoolean) {
            return new Expr.IsBoolean(
                    pushBelowLooserLevels(isBoolean.value(), parent), isBoolean.expected(), isBoolean.negated());
        }
        return parent.apply(operand);
    }

    // ---------------------------------------------------------------- JSON

    /** {@code base op1 ident1 op2 ident2 ...}, left-nested, each ident re-associated. */
    private Expr jsonChain(JsonExpression json, JsonPrefix prefix) {
        return jsonChainFrom(convert(json.getExpression(), prefix), json);
    }

    /** The operators and operands of {@code json} applied to {@code result} (its already converted base). */
    private Expr jsonChainFrom(Expr base, JsonExpression json) {
        Expr result = base;
        List<Expression> idents = json.getIdents();
        List<String> operators = json.getOperators();
        if (idents == null || operators == null || idents.size() != operators.size() || idents.isEmpty()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error in JSON operator expression");
        }
        for (int i = 0; i < idents.size(); i++) {
            result = convert(idents.get(i), new JsonPrefix(result, jsonOperator(operators.get(i))));
        }
        return result;
    }

    /**
     * An operator of the "any other operator" precedence level ({@code ||}, {@code @>}, {@code ~}...). It is
     * left-associative with the JSON arrows, so {@code x || attrs->>'a'} is {@code (x || attrs)->>'a'}.
     */
    private Expr sameLevelOperator(
            BinaryOperator operator, Expression leftExpression, Expression rightExpression, JsonPrefix prefix) {
        Expr left = left(leftExpression, prefix);
        if (rightExpression instanceof JsonExpression json) {
            Expr combined = new Expr.Binary(operator, left, convert(json.getExpression()));
            for (int i = 0; i < json.getIdents().size(); i++) {
                combined = convert(
                        json.getIdents().get(i),
                        new JsonPrefix(
                                combined, jsonOperator(json.getOperators().get(i))));
            }
            return combined;
        }
        return new Expr.Binary(operator, left, convert(rightExpression));
    }

    /**
     * {@code value[index]}, or the slice {@code value[a:b]}, which JSqlParser reads as the index {@code a : b} (a
     * JSON key-value expression).
     */
    Expr subscriptOrSlice(Expr value, Expression index) {
        if (index instanceof JsonExpression json
                && json.getOperators() != null
                && json.getOperators().size() == 1
                && ":".equals(json.getOperators().get(0).trim())) {
            return new Expr.Slice(
                    value,
                    convert(json.getExpression()),
                    convert(json.getIdents().get(0)));
        }
        if (index instanceof JsonOperator bounds
                && ":".equals(bounds.getStringExpression().trim())) {
            return new Expr.Slice(value, convert(bounds.getLeftExpression()), convert(bounds.getRightExpression()));
        }
        return new Expr.Subscript(value, convert(index));
    }

    private static BinaryOperator jsonOperator(String symbol) {
        switch (symbol == null ? "" : symbol.trim()) {
            case "->":
                return BinaryOperator.JSON_GET;
            case "->>":
                return BinaryOperator.JSON_GET_TEXT;
            case "#>":
                return BinaryOperator.JSON_PATH;
            case "#>>":
                return BinaryOperator.JSON_PATH_TEXT;
            case "@>":
                return BinaryOperator.JSON_CONTAINS;
            case "<@":
                return BinaryOperator.JSON_CONTAINED_BY;
            case "?|":
                return BinaryOperator.JSON_HAS_ANY_KEY;
            case "?&":
                return BinaryOperator.JSON_HAS_ALL_KEYS;
            default:
                throw SqlErrors.unsupported("operator " + SqlErrors.mask(String.valueOf(symbol)), null);
        }
    }

    private static BinaryOperator regexOperator(RegExpMatchOperator regex) {
        switch (regex.getOperatorType()) {
            case MATCH_CASESENSITIVE:
                return BinaryOperator.REGEX_MATCH;
            case MATCH_CASEINSENSITIVE:
                return BinaryOperator.REGEX_MATCH_INSENSITIVE;
            case NOT_MATCH_CASESENSITIVE:
                return BinaryOperator.REGEX_NOT_MATCH;
            case NOT_MATCH_CASEINSENSITIVE:
                return BinaryOperator.REGEX_NOT_MATCH_INSENSITIVE;
            default:
                throw SqlErrors.unsupported("regular expression operator " + regex.getStringExpression(), null);
        }
    }

    // ---------------------------------------------------------------- predicates

    private Expr comparison(ComparisonOperator comparison, JsonPrefix prefix) {
        if (comparison.getOldOracleJoinSyntax() != 0 || comparison.getOraclePriorPosition() != 0) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: Oracle (+) join syntax is not SQL");
        }
        BinaryOperator operator = comparisonOperator(comparison);
        Expr left = left(comparison.getLeftExpression(), prefix);
        Expression right = comparison.getRightExpression();
        if (right instanceof Function function && isQuantifier(function)) {
            ExpressionList<?> parameters = function.getParameters();
            if (parameters == null || parameters.size() != 1 || function.getNamedParameters() != null) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR,
                        "syntax error: " + function.getName().toUpperCase(Locale.ROOT) + " takes one array expression");
            }
            Expression array = parameters.get(0);
            boolean all = function.getName().equalsIgnoreCase("all");
            if (array instanceof Select select) {
                return quantifiedSubquery(operator, left, select, all);
            }
            return new Expr.Quantified(operator, left, convert(array), all);
        }
        if (right instanceof AnyComparisonExpression any) {
            return quantifiedSubquery(operator, left, any.getSelect(), any.getAnyType() == AnyType.ALL);
        }
        if (right instanceof AllValue) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"all\"");
        }
        return withRightOperand(right, r -> new Expr.Binary(operator, left, r));
    }

    static boolean isQuantifier(Function function) {
        String name = function.getName();
        return name != null
                && (name.equalsIgnoreCase("any") || name.equalsIgnoreCase("some") || name.equalsIgnoreCase("all"))
                && (function.getMultipartName() == null
                        || function.getMultipartName().size() <= 1);
    }

    /**
     * {@code x = ANY (subquery)} is IN, {@code x <> ALL (subquery)} is NOT IN; any other comparison is
     * {@code Quantified(op, x, ScalarSubquery(subquery), all)}: the subquery's rows are the values compared.
     */
    private Expr quantifiedSubquery(BinaryOperator operator, Expr left, Select select, boolean all) {
        if (!all && operator == BinaryOperator.EQUALS) {
            return new Expr.InSubquery(left, queries.query(select), false);
        }
        if (all && operator == BinaryOperator.NOT_EQUALS) {
            return new Expr.InSubquery(left, queries.query(select), true);
        }
        return new Expr.Quantified(operator, left, new Expr.ScalarSubquery(queries.query(select)), all);
    }

    private static BinaryOperator comparisonOperator(ComparisonOperator comparison) {
        if (comparison instanceof EqualsTo) {
            return BinaryOperator.EQUALS;
        }
        if (comparison instanceof NotEqualsTo) {
            return BinaryOperator.NOT_EQUALS;
        }
        if (comparison instanceof GreaterThan) {
            return BinaryOperator.GREATER;
        }
        if (comparison instanceof GreaterThanEquals) {
            return BinaryOperator.GREATER_OR_EQUAL;
        }
        if (comparison instanceof MinorThan) {
            return BinaryOperator.LESS;
        }
        if (comparison instanceof MinorThanEquals) {
            return BinaryOperator.LESS_OR_EQUAL;
        }
        throw SqlErrors.unsupported("comparison operator " + SqlErrors.mask(comparison.getStringExpression()), null);
    }

    private Expr like(LikeExpression like, JsonPrefix prefix) {
        if (like.isUseBinary() || like.getOldOracleJoinSyntax() != 0) {
            throw SqlErrors.unsupported("LIKE BINARY", null);
        }
        LikeExpression.KeyWord keyword = like.getLikeKeyWord();
        if (like.getRightExpression() instanceof Function function && isQuantifier(function)) {
            throw SqlErrors.unsupported(
                    String.valueOf(keyword).replace('_', ' ') + " "
                            + function.getName().toUpperCase(Locale.ROOT) + " (...)",
                    "combine single LIKE tests with OR / AND");
        }
        Expr value = left(like.getLeftExpression(), prefix);
        if (like.getEscape() == null
                && keyword != LikeExpression.KeyWord.SIMILAR_TO
                && like.getRightExpression() instanceof JsonExpression) {
            boolean insensitive = keyword == LikeExpression.KeyWord.ILIKE;
            return withRightOperand(
                    like.getRightExpression(),
                    pattern -> new Expr.Like(value, pattern, insensitive, like.isNot(), null));
        }
        Expr pattern = convert(like.getRightExpression());
        if (keyword == LikeExpression.KeyWord.SIMILAR_TO) {
            if (like.getEscape() != null) {
                throw SqlErrors.unsupported("SIMILAR TO ... ESCAPE", null);
            }
            return new Expr.SimilarTo(value, pattern, like.isNot());
        }
        if (keyword != LikeExpression.KeyWord.LIKE && keyword != LikeExpression.KeyWord.ILIKE) {
            throw new StripeJdbcException(
                    SqlState.SYNTAX_ERROR,
                    "syntax error at or near \"" + String.valueOf(keyword).toLowerCase(Locale.ROOT) + "\"");
        }
        Expr escape = like.getEscape() == null ? null : convert(like.getEscape());
        return new Expr.Like(value, pattern, keyword == LikeExpression.KeyWord.ILIKE, like.isNot(), escape);
    }

    private Expr in(InExpression in, JsonPrefix prefix) {
        if (in.isGlobal() || in.getOldOracleJoinSyntax() != 0) {
            throw SqlErrors.unsupported("GLOBAL IN", null);
        }
        Expr value = left(in.getLeftExpression(), prefix);
        Expression right = in.getRightExpression();
        if (right instanceof Select select) {
            return new Expr.InSubquery(value, queries.query(select), in.isNot());
        }
        if (right instanceof ParenthesedExpressionList<?> list) {
            if (list.size() == 1 && list.get(0) instanceof Select select) {
                return new Expr.InSubquery(value, queries.query(select), in.isNot());
            }
            if (list.isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.SYNTAX_ERROR, "syntax error at or near \")\": IN needs at least one value");
            }
            return new Expr.InList(value, convertAll(list), in.isNot());
        }
        throw new StripeJdbcException(
                SqlState.SYNTAX_ERROR, "syntax error: IN must be followed by a parenthesized list or subquery");
    }

    // ---------------------------------------------------------------- everything else

    private Expr leaf(Expression expression) {
        if (expression instanceof StringValue string) {
            return new Expr.Literal(source.string(string.getValue()), SqlType.UNKNOWN);
        }
        if (expression instanceof LongValue number) {
            return JsqlTermConverter.integerLiteral(number.getStringValue());
        }
        if (expression instanceof DoubleValue number) {
            return JsqlTermConverter.decimalLiteral(number.toString());
        }
        if (expression instanceof BooleanValue bool) {
            return new Expr.Literal(bool.getValue(), SqlType.BOOLEAN);
        }
        if (expression instanceof NullValue) {
            return Expr.Literal.nullValue();
        }
        if (expression instanceof SignedExpression signed) {
            return terms.signed(signed);
        }
        if (expression instanceof JdbcParameter parameter) {
            if (!parameter.isUseFixedIndex() || parameter.getIndex() == null || parameter.getIndex() < 1) {
                throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "SQL front end lost track of a parameter");
            }
            return new Expr.Parameter(parameter.getIndex());
        }
        if (expression instanceof JdbcNamedParameter) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \":\"");
        }
        if (expression instanceof Column column) {
            return terms.column(column);
        }
        if (expression instanceof ParenthesedExpressionList<?> list) {
            if (list.isEmpty()) {
                throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \")\"");
            }
            if (list.size() == 1) {
                return convert(list.get(0));
            }
            return new Expr.RowConstructor(convertAll(list));
        }
        if (expression instanceof Select select) {
            return new Expr.ScalarSubquery(queries.query(select));
        }
        if (expression instanceof NotExpression not) {
            if (not.isExclamationMark()) {
                throw SqlErrors.unsupported("prefix operator !", "use NOT");
            }
            if (not.getExpression() instanceof ExistsExpression exists) {
                return exists(exists, !exists.isNot());
            }
            return new Expr.Unary(Expr.UnaryOperator.NOT, convert(not.getExpression()));
        }
        if (expression instanceof ExistsExpression exists) {
            return exists(exists, exists.isNot());
        }
        if (expression instanceof Addition addition) {
            return arithmetic(BinaryOperator.PLUS, addition.getLeftExpression(), addition.getRightExpression());
        }
        if (expression instanceof Subtraction subtraction) {
            return arithmetic(BinaryOperator.MINUS, subtraction.getLeftExpression(), subtraction.getRightExpression());
        }
        if (expression instanceof Multiplication multiplication) {
            return arithmetic(
                    BinaryOperator.MULTIPLY, multiplication.getLeftExpression(), multiplication.getRightExpression());
        }
        if (expression instanceof Division division) {
            return arithmetic(BinaryOperator.DIVIDE, division.getLeftExpression(), division.getRightExpression());
        }
        if (expression instanceof Modulo modulo) {
            return arithmetic(BinaryOperator.MODULO, modulo.getLeftExpression(), modulo.getRightExpression());
        }
        if (expression instanceof CastExpression cast) {
            return terms.cast(cast);
        }
        if (expression instanceof IntervalExpression interval) {
            return terms.interval(interval);
        }
        if (expression instanceof DateTimeLiteralExpression literal) {
            String typeName = literal.getType().name().toLowerCase(Locale.ROOT);
            return new Expr.Cast(
                    new Expr.Literal(source.string(literal.getValue()), SqlType.UNKNOWN),
                    TypeNames.resolve(typeName),
                    typeName);
        }
        if (expression instanceof TimeKeyExpression key) {
            return JsqlTermConverter.timeKey(key);
        }
        if (expression instanceof DateUnitExpression unit) {
            // JSqlParser reads a bare month, day, year... as a date unit; in Postgres it is a column name.
            return new Expr.ColumnRef(null, unit.getType().name().toLowerCase(Locale.ROOT));
        }
        if (expression instanceof ExtractExpression extract) {
            return new Expr.Extract(terms.extractField(extract.getName()), convert(extract.getExpression()));
        }
        if (expression instanceof TimezoneExpression timezone) {
            Expr value = convert(timezone.getLeftExpression());
            for (Expression zone : zones(timezone.getTimezoneExpressions(), new ArrayList<>())) {
                value = Expr.FunctionCall.of("timezone", convert(zone), value);
            }
            return value;
        }
        if (expression instanceof CaseExpression caseExpression) {
            return caseExpression(caseExpression);
        }
        if (expression instanceof ArrayConstructor array) {
            if (array.getDataType() != null) {
                throw SqlErrors.unsupported("typed ARRAY<...> constructor", null);
            }
            return new Expr.ArrayConstructor(convertAll(array.getExpressions()));
        }
        if (expression instanceof ArrayExpression subscript) {
            if (subscript.getIndexExpression() != null) {
                return subscriptOrSlice(convert(subscript.getObjExpression()), subscript.getIndexExpression());
            }
            if (subscript.getIndexExpression() == null) {
                return new Expr.Slice(
                        convert(subscript.getObjExpression()),
                        subscript.getStartIndexExpression() == null
                                ? null
                                : convert(subscript.getStartIndexExpression()),
                        subscript.getStopIndexExpression() == null
                                ? null
                                : convert(subscript.getStopIndexExpression()));
            }
            return new Expr.Subscript(convert(subscript.getObjExpression()), convert(subscript.getIndexExpression()));
        }
        if (expression instanceof TrimFunction trim) {
            return functions.trim(trim);
        }
        if (expression instanceof AnalyticExpression analytic) {
            return functions.analytic(analytic);
        }
        if (expression instanceof Function function) {
            return functions.function(function);
        }
        if (expression instanceof AllColumns) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error at or near \"*\"");
        }
        if (expression instanceof BitwiseXor xor) {
            // Postgres' ^ is exponentiation, binding tighter than * / %; JSqlParser reads it as bitwise xor at the
            // level of *, so 2 * 3 ^ 2 arrives as (2 * 3) ^ 2 and is regrouped as 2 * (3 ^ 2).
            Expression regrouped = exponentPrecedence(xor);
            if (regrouped != xor) {
                return convert(regrouped);
            }
            return new Expr.FunctionCall(
                    "^",
                    List.of(convert(xor.getLeftExpression()), convert(xor.getRightExpression())),
                    false,
                    false,
                    null,
                    List.of(),
                    null);
        }
        if (expression instanceof AnyComparisonExpression || expression instanceof AllValue) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: ANY/ALL outside a comparison");
        }
        throw SqlErrors.unsupported(describe(expression), null);
    }

    /**
     * {@code xor} regrouped so that {@code ^} binds tighter than {@code *}, {@code /} and {@code %}: a product on the
     * left of {@code ^} keeps its left factor and takes the power of its right one. Parenthesised products are
     * not regrouped (JSqlParser keeps them as a parenthesised list).
     */
    private static Expression exponentPrecedence(BitwiseXor xor) {
        Expression left = xor.getLeftExpression() instanceof BitwiseXor inner
                ? exponentPrecedence(inner)
                : xor.getLeftExpression();
        if (left instanceof Multiplication || left instanceof Division || left instanceof Modulo) {
            BinaryExpression product = (BinaryExpression) left;
            BitwiseXor power = new BitwiseXor();
            power.setLeftExpression(product.getRightExpression());
            power.setRightExpression(xor.getRightExpression());
            product.setRightExpression(exponentPrecedence(power));
            return product;
        }
        xor.setLeftExpression(left);
        return xor;
    }

    /**
     * The zones of {@code x AT TIME ZONE a AT TIME ZONE b}, in order: JSqlParser nests the second one inside the
     * first ({@code x AT TIME ZONE (a AT TIME ZONE b)}), while it applies to the result of the first.
     */
    private static List<Expression> zones(List<Expression> written, List<Expression> out) {
        for (Expression zone : written) {
            if (zone instanceof TimezoneExpression nested) {
                out.add(nested.getLeftExpression());
                zones(nested.getTimezoneExpressions(), out);
            } else {
                out.add(zone);
            }
        }
        return out;
    }

    /** A human name for a JSqlParser node type: {@code BitwiseXor} → {@code "bitwise xor expression"}. */
    static String describe(Object node) {
        String simple = node.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(Locale.ROOT);
        return simple.endsWith("expression") ? simple : simple + " expression";
    }

    private Expr arithmetic(BinaryOperator operator, Expression left, Expression right) {
        return new Expr.Binary(operator, convert(left), convert(right));
    }

    private Expr exists(ExistsExpression exists, boolean negated) {
        Expression right = exists.getRightExpression();
        if (right instanceof Select select) {
            return new Expr.Exists(queries.query(select), negated);
        }
        if (right instanceof ParenthesedExpressionList<?> list
                && list.size() == 1
                && list.get(0) instanceof Select select) {
            return new Expr.Exists(queries.query(select), negated);
        }
        throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: EXISTS needs a subquery");
    }

    private Expr caseExpression(CaseExpression caseExpression) {
        List<Expr.When> whens = new ArrayList<>();
        for (WhenClause when : caseExpression.getWhenClauses()) {
            whens.add(new Expr.When(convert(when.getWhenExpression()), convert(when.getThenExpression())));
        }
        Expr operand =
                caseExpression.getSwitchExpression() == null ? null : convert(caseExpression.getSwitchExpression());
        Expr otherwise =
                caseExpression.getElseExpression() == null ? null : convert(caseExpression.getElseExpression());
        return new Expr.Case(operand, whens, otherwise);
    }
}
