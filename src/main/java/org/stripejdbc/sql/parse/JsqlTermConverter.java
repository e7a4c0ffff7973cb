package org.stripejdbc.sql.parse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.expression.ArrayConstructor;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.IntervalExpression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ReservedWords;
import org.stripejdbc.types.SqlType;

/**
 * The terms of an expression for {@link JsqlExpressionConverter}: numeric constants typed as Postgres types them,
 * signs folded into them, column references (with Postgres's reserved-word rule and array subscripts), casts with
 * their normalised type names, {@code interval '...'}, the SQL-standard time keywords and EXTRACT's field. Examples:
 * {@code -5} is the literal {@code -5} (integer), {@code 3000000000} a bigint, {@code 1.50} a numeric of scale 2;
 * {@code c."Email"} is {@code ColumnRef(c, Email)}; {@code x::text} is {@code Cast(x, TEXT, "text")};
 * {@code current_user} is {@code FunctionCall("current_user")}.
 */
final class JsqlTermConverter {
    private static final Pattern QUOTED_PLACEHOLDER = Pattern.compile("\"i\\d+\"");
    private static final Set<String> SQL_VALUE_FUNCTIONS =
            Set.of("current_user", "session_user", "current_role", "user", "current_schema", "current_catalog");

    private final JsqlSource source;
    private final JsqlExpressionConverter expressions;

    JsqlTermConverter(JsqlSource source, JsqlExpressionConverter expressions) {
        this.source = source;
        this.expressions = expressions;
    }

    Expr signed(SignedExpression signed) {
        Expression operand = signed.getExpression();
        switch (signed.getSign()) {
            case '-':
                if (operand instanceof LongValue number) {
                    return integerLiteral("-" + number.getStringValue());
                }
                if (operand instanceof DoubleValue number) {
                    return decimalLiteral("-" + number.toString());
                }
                return new Expr.Unary(Expr.UnaryOperator.NEGATE, expressions.convert(operand));
            case '+':
                return new Expr.Unary(Expr.UnaryOperator.PLUS, expressions.convert(operand));
            default:
                throw SqlErrors.unsupported("prefix operator " + signed.getSign(), null);
        }
    }

    /** Postgres types an integer constant as integer, else bigint, else numeric. */
    static Expr.Literal integerLiteral(String text) {
        BigInteger value;
        try {
            value = new BigInteger(text.trim());
        } catch (NumberFormatException e) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "invalid numeric constant " + SqlErrors.mask(text));
        }
        if (value.bitLength() < 32) {
            return new Expr.Literal(value.intValue(), SqlType.INTEGER);
        }
        if (value.bitLength() < 64) {
            return new Expr.Literal(value.longValue(), SqlType.BIGINT);
        }
        return new Expr.Literal(new BigDecimal(value), SqlType.NUMERIC);
    }

    /** A constant with a point or an exponent is numeric, written scale kept ({@code 1.50} has scale 2). */
    static Expr.Literal decimalLiteral(String text) {
        try {
            return new Expr.Literal(new BigDecimal(text.trim()), SqlType.NUMERIC);
        } catch (NumberFormatException e) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "invalid numeric constant " + SqlErrors.mask(text));
        }
    }

    Expr column(Column column) {
        if (column.getOldOracleJoinSyntax() != 0) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: Oracle (+) join syntax is not SQL");
        }
        String raw = column.getColumnName();
        Table table = column.getTable();
        String qualifier = null;
        if (table != null && table.getName() != null && !table.getName().isEmpty()) {
            if (table.getSchemaName() != null || table.getDatabaseName() != null) {
                throw SqlErrors.unsupported(
                        "schema-qualified column reference " + SqlErrors.mask(column.getFullyQualifiedName()),
                        "qualify columns with the table name or an alias");
            }
            if (!source.isQuoted(table.getName())
                    && ReservedWords.cannotBeName(table.getName().toLowerCase(Locale.ROOT))) {
                throw source.syntaxErrorAtWord(table.getName().toLowerCase(Locale.ROOT));
            }
            qualifier = source.identifier(table.getName());
        }
        Expr result;
        if (qualifier == null && !source.isQuoted(raw) && SQL_VALUE_FUNCTIONS.contains(raw.toLowerCase(Locale.ROOT))) {
            result = Expr.FunctionCall.of(raw.toLowerCase(Locale.ROOT));
        } else if (qualifier == null && !source.isQuoted(raw) && raw.equalsIgnoreCase("default")) {
            throw SqlErrors.unsupported("DEFAULT as a value", "omit the column, or write NULL");
        } else {
            // Postgres never reads an unquoted reserved word as a column: "select distinct on" is an error.
            if (!source.isQuoted(raw) && ReservedWords.cannotBeName(raw.toLowerCase(Locale.ROOT))) {
                throw source.syntaxErrorAtWord(raw.toLowerCase(Locale.ROOT));
            }
            result = new Expr.ColumnRef(qualifier, source.identifier(raw));
        }
        if (column.getArrayConstructor() != null) {
            result = subscripts(result, column.getArrayConstructor());
        }
        return result;
    }

    private Expr subscripts(Expr value, ArrayConstructor subscript) {
        ExpressionList<?> indexes = subscript.getExpressions();
        if (indexes == null || indexes.size() != 1) {
            throw SqlErrors.unsupported("multi-dimensional subscripts", "use a single subscript");
        }
        return expressions.subscriptOrSlice(value, indexes.get(0));
    }

    Expr cast(CastExpression cast) {
        if (cast.getColumnDefinitions() != null && !cast.getColumnDefinitions().isEmpty()) {
            throw SqlErrors.unsupported("CAST to a row type", null);
        }
        if (cast.keyword != null && !cast.keyword.equalsIgnoreCase("cast")) {
            throw SqlErrors.unsupported(cast.keyword.toUpperCase(Locale.ROOT), "use CAST or ::");
        }
        if (cast.getFormat() != null) {
            throw SqlErrors.unsupported("CAST ... FORMAT", null);
        }
        String typeName = typeName(cast.getColDataType());
        return new Expr.Cast(expressions.convert(cast.getLeftExpression()), TypeNames.resolve(typeName), typeName);
    }

    private String typeName(ColDataType type) {
        if (type == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: missing type name");
        }
        if (type.getCharacterSet() != null || type.getIntervalQualifier() != null) {
            throw SqlErrors.unsupported("type " + SqlErrors.mask(type.toString()), null);
        }
        Matcher quoted = QUOTED_PLACEHOLDER.matcher(type.toString());
        StringBuilder resolved = new StringBuilder();
        while (quoted.find()) {
            quoted.appendReplacement(resolved, Matcher.quoteReplacement(source.identifier(quoted.group())));
        }
        quoted.appendTail(resolved);
        return TypeNames.normalize(resolved.toString());
    }

    Expr interval(IntervalExpression interval) {
        String parameter = interval.getParameter();
        if (interval.getExpression() != null
                || interval.getIntervalType() != null
                || interval.getIntervalQualifier() != null
                || !source.isStringPlaceholder(parameter)) {
            throw SqlErrors.unsupported("this INTERVAL form", "write interval '30 days'");
        }
        return new Expr.Cast(new Expr.Literal(source.string(parameter), SqlType.UNKNOWN), SqlType.INTERVAL, "interval");
    }

    static Expr timeKey(TimeKeyExpression key) {
        String name = key.getStringValue().trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "current_timestamp":
            case "current_date":
            case "current_time":
            case "localtimestamp":
            case "localtime":
                return Expr.FunctionCall.of(name);
            default:
                throw SqlErrors.unsupported(SqlErrors.mask(name), "use current_timestamp, current_date or now()");
        }
    }

    String extractField(String raw) {
        if (raw == null) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "syntax error: EXTRACT needs a field");
        }
        if (source.isStringPlaceholder(raw)) {
            return source.string(raw).toLowerCase(Locale.ROOT);
        }
        return source.identifier(raw).toLowerCase(Locale.ROOT);
    }
}
