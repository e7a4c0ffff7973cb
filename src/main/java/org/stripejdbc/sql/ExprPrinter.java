package org.stripejdbc.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Prints an {@link Expr} back as SQL text, the way Postgres' EXPLAIN prints a {@code Filter:}: for EXPLAIN lines (the
 * engine's operators, the scan plans of the Stripe tables) and for error messages that quote a condition. The one
 * printer of the statement model, with Postgres' rules:
 * <ul>
 *   <li>every operator application is parenthesized, so the text is unambiguous without precedence rules, and a chain
 *       of ANDs (or ORs) is printed flat, as Postgres' n-ary AND does;</li>
 *   <li>identifiers are double-quoted only when they would not survive case folding or are reserved words;</li>
 *   <li>string literals are single-quoted with {@code ''} for a quote, and followed by {@code ::type} when they are
 *       typed; a negative number is quoted and cast, as Postgres prints a negative constant;</li>
 *   <li>a cast is {@code ::type} after its operand, which is parenthesized unless it is a literal;</li>
 *   <li>LIKE and ILIKE are printed as the operators Postgres shows ({@code ~~}, {@code ~~*}, {@code !~~},
 *       {@code !~~*}); a subquery, whose text the statement model does not keep, as {@code (SELECT ...)}.</li>
 * </ul>
 *
 * <pre>
 *   name LIKE 'A%'                         →  (name ~~ 'A%')
 *   a = 1 AND b AND NOT c                  →  ((a = 1) AND b AND (NOT c))
 *   created::date = '2024-01-01'           →  ((created)::date = '2024-01-01')
 *   amount &gt; -5                            →  (amount &gt; '-5'::integer)
 *   "items[0][price]" IS NULL AND "order" = $1  →  (("items[0][price]" IS NULL) AND ("order" = $1))
 *   id IN (SELECT customer FROM charges)   →  (id IN (SELECT ...))
 * </pre>
 *
 * The output never holds more than the expression does, so it is safe for EXPLAIN as long as the expression itself
 * holds no secret.
 */
public final class ExprPrinter {
    private ExprPrinter() {}

    /** The SQL text of {@code expression}. */
    public static String print(Expr expression) {
        StringBuilder out = new StringBuilder();
        write(expression, out);
        return out.toString();
    }

    /** The expressions separated by commas: {@code a, lower(b)}. */
    public static String printList(List<Expr> expressions) {
        StringBuilder out = new StringBuilder();
        writeList(expressions, out);
        return out.toString();
    }

    /**
     * The conjuncts joined with AND, as Postgres prints a {@code Filter:}: {@code true} for none, the conjunct itself
     * for one, {@code ((a = 1) AND (b = 2))} for several.
     */
    public static String printConjunction(List<Expr> conjuncts) {
        if (conjuncts.isEmpty()) {
            return "true";
        }
        if (conjuncts.size() == 1) {
            return print(conjuncts.get(0));
        }
        StringJoiner joined = new StringJoiner(" AND ", "(", ")");
        for (Expr conjunct : conjuncts) {
            joined.add(print(conjunct));
        }
        return joined.toString();
    }

    /**
     * An identifier as SQL text: bare when it is a plain lower-case, non-reserved name ({@code email},
     * {@code _x$1}), else double-quoted with {@code ""} for a quote ({@code "Name"}, {@code "order"},
     * {@code "items[0][price]"}).
     */
    public static String identifier(String name) {
        if (isPlainIdentifier(name) && !ReservedWords.isReserved(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string as a single-quoted SQL literal ({@code it's} → {@code 'it''s'}). */
    public static String quote(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    private static boolean isPlainIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        char first = name.charAt(0);
        if (!(first >= 'a' && first <= 'z') && first != '_') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '_' && c != '$') {
                return false;
            }
        }
        return true;
    }

    private static void write(Expr expression, StringBuilder out) {
        if (expression instanceof Expr.Literal literal) {
            writeValue(literal.value(), literal.type(), out);
        } else if (expression instanceof Expr.ColumnRef column) {
            if (column.qualifier() != null) {
                out.append(identifier(column.qualifier())).append('.');
            }
            out.append(identifier(column.name()));
        } else if (expression instanceof Expr.Parameter parameter) {
            out.append('$').append(parameter.index());
        } else if (expression instanceof Expr.Unary unary) {
            writeUnary(unary, out);
        } else if (expression instanceof Expr.Binary binary) {
            writeBinary(binary, out);
        } else if (expression instanceof Expr.Like like) {
            writeLike(like, out);
        } else if (expression instanceof Expr.SimilarTo similar) {
            out.append('(');
            write(similar.value(), out);
            out.append(similar.negated() ? " NOT SIMILAR TO " : " SIMILAR TO ");
            write(similar.pattern(), out);
            out.append(')');
        } else if (expression instanceof Expr.InList in) {
            out.append('(');
            write(in.value(), out);
            out.append(in.negated() ? " NOT IN (" : " IN (");
            writeList(in.items(), out);
            out.append("))");
        } else if (expression instanceof Expr.InSubquery in) {
            out.append('(');
            write(in.value(), out);
            out.append(in.negated() ? " NOT IN (" : " IN (")
                    .append(subquery(in.subquery()))
                    .append("))");
        } else if (expression instanceof Expr.Exists exists) {
            String text = "EXISTS (" + subquery(exists.subquery()) + ")";
            out.append(exists.negated() ? "(NOT " + text + ")" : text);
        } else if (expression instanceof Expr.ScalarSubquery scalar) {
            out.append('(').append(subquery(scalar.subquery())).append(')');
        } else if (expression instanceof Expr.Quantified quantified) {
            writeQuantified(quantified, out);
        } else if (expression instanceof Expr.Between between) {
            out.append('(');
            write(between.value(), out);
            out.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
            write(between.low(), out);
            out.append(" AND ");
            write(between.high(), out);
            out.append(')');
        } else if (expression instanceof Expr.IsNull isNull) {
            out.append('(');
            write(isNull.value(), out);
            out.append(isNull.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (expression instanceof Expr.IsBoolean isBoolean) {
            out.append('(');
            write(isBoolean.value(), out);
            out.append(isBoolean.negated() ? " IS NOT " : " IS ");
            out.append(isBoolean.expected() == null ? "UNKNOWN" : isBoolean.expected() ? "TRUE" : "FALSE");
            out.append(')');
        } else if (expression instanceof Expr.Cast cast) {
            writeCast(cast, out);
        } else if (expression instanceof Expr.FunctionCall call) {
            writeFunction(call, out);
        } else if (expression instanceof Expr.Case caseExpression) {
            writeCase(caseExpression, out);
        } else if (expression instanceof Expr.ArrayConstructor array) {
            out.append("ARRAY[");
            writeList(array.elements(), out);
            out.append(']');
        } else if (expression instanceof Expr.Extract extract) {
            out.append("EXTRACT(").append(extract.field()).append(" FROM ");
            write(extract.source(), out);
            out.append(')');
        } else if (expression instanceof Expr.Subscript subscript) {
            // Postgres parenthesizes the subscripted value unless it is a column: items[1], (attrs -> 'a')[0].
            boolean column = subscript.value() instanceof Expr.ColumnRef;
            out.append(column ? "" : "(");
            write(subscript.value(), out);
            out.append(column ? "[" : ")[");
            write(subscript.index(), out);
            out.append(']');
        } else if (expression instanceof Expr.Slice slice) {
            boolean column = slice.value() instanceof Expr.ColumnRef;
            out.append(column ? "" : "(");
            write(slice.value(), out);
            out.append(column ? "[" : ")[");
            if (slice.from() != null) {
                write(slice.from(), out);
            }
            out.append(':');
            if (slice.to() != null) {
                write(slice.to(), out);
            }
            out.append(']');
        } else if (expression instanceof Expr.RowConstructor row) {
            out.append("ROW(");
            writeList(row.elements(), out);
            out.append(')');
        } else {
            out.append(String.valueOf(expression));
        }
    }

    private static void writeUnary(Expr.Unary unary, StringBuilder out) {
        switch (unary.operator()) {
            case NOT -> out.append("(NOT ");
            case NEGATE -> out.append("(- ");
            default -> out.append("(+ ");
        }
        write(unary.operand(), out);
        out.append(')');
    }

    /** {@code (a = 1)}; a chain of one boolean operator flat: {@code (a AND b AND c)} however it nests. */
    private static void writeBinary(Expr.Binary binary, StringBuilder out) {
        Expr.BinaryOperator operator = binary.operator();
        List<Expr> operands = new ArrayList<>();
        if (operator == Expr.BinaryOperator.AND || operator == Expr.BinaryOperator.OR) {
            collectChain(binary, operator, operands);
        } else {
            operands.add(binary.left());
            operands.add(binary.right());
        }
        out.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(' ').append(symbol(operator)).append(' ');
            }
            write(operands.get(i), out);
        }
        out.append(')');
    }

    private static void collectChain(Expr expression, Expr.BinaryOperator operator, List<Expr> out) {
        if (expression instanceof Expr.Binary binary && binary.operator() == operator) {
            collectChain(binary.left(), operator, out);
            collectChain(binary.right(), operator, out);
        } else {
            out.add(expression);
        }
    }

    private static void writeLike(Expr.Like like, StringBuilder out) {
        out.append('(');
        write(like.value(), out);
        if (like.escape() == null) {
            String operator = like.caseInsensitive() ? "~~*" : "~~";
            out.append(' ').append(like.negated() ? "!" + operator : operator).append(' ');
            write(like.pattern(), out);
        } else {
            out.append(like.negated() ? " NOT" : "").append(like.caseInsensitive() ? " ILIKE " : " LIKE ");
            write(like.pattern(), out);
            out.append(" ESCAPE ");
            write(like.escape(), out);
        }
        out.append(')');
    }

    private static void writeQuantified(Expr.Quantified quantified, StringBuilder out) {
        out.append('(');
        write(quantified.left(), out);
        out.append(' ').append(symbol(quantified.operator())).append(quantified.all() ? " ALL (" : " ANY (");
        if (quantified.array() instanceof Expr.ScalarSubquery scalar) {
            out.append(subquery(scalar.subquery()));
        } else {
            write(quantified.array(), out);
        }
        out.append("))");
    }

    /** {@code 'x'::date}, {@code 5::text}, {@code (created)::date}, {@code ((amount + 1))::numeric}, as Postgres. */
    private static void writeCast(Expr.Cast cast, StringBuilder out) {
        boolean literal = cast.value() instanceof Expr.Literal;
        out.append(literal ? "" : "(");
        write(cast.value(), out);
        out.append(literal ? "::" : ")::").append(cast.typeName() != null ? cast.typeName() : typeName(cast.type()));
    }

    private static void writeFunction(Expr.FunctionCall call, StringBuilder out) {
        if (call.name().equals("^") && call.arguments().size() == 2) {
            // The parser gives the operator a ^ b as a call of "^".
            out.append('(');
            write(call.arguments().get(0), out);
            out.append(" ^ ");
            write(call.arguments().get(1), out);
            out.append(')');
            return;
        }
        out.append(call.name()).append('(');
        if (call.star()) {
            out.append('*');
        } else {
            if (call.distinct()) {
                out.append("DISTINCT ");
            }
            writeList(call.arguments(), out);
            if (!call.orderBy().isEmpty()) {
                out.append(" ORDER BY ");
                writeOrder(call.orderBy(), out);
            }
        }
        out.append(')');
        if (call.filter() != null) {
            out.append(" FILTER (WHERE ");
            write(call.filter(), out);
            out.append(')');
        }
        if (call.over() != null) {
            out.append(" OVER (");
            String separator = "";
            if (!call.over().partitionBy().isEmpty()) {
                out.append("PARTITION BY ");
                writeList(call.over().partitionBy(), out);
                separator = " ";
            }
            if (!call.over().orderBy().isEmpty()) {
                out.append(separator).append("ORDER BY ");
                writeOrder(call.over().orderBy(), out);
                separator = " ";
            }
            if (call.over().frame() != null && !call.over().frame().isBlank()) {
                out.append(separator).append(call.over().frame().trim());
            }
            out.append(')');
        }
    }

    /** Order items, with NULLS FIRST/LAST only where it is not the default for the direction (as Postgres). */
    private static void writeOrder(List<OrderItem> items, StringBuilder out) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            OrderItem item = items.get(i);
            write(item.expression(), out);
            if (item.descending()) {
                out.append(" DESC");
            }
            if (item.nullsFirst() != null && item.nullsFirst() != item.descending()) {
                out.append(item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
            }
        }
    }

    private static void writeCase(Expr.Case caseExpression, StringBuilder out) {
        out.append("CASE");
        if (caseExpression.operand() != null) {
            out.append(' ');
            write(caseExpression.operand(), out);
        }
        for (Expr.When when : caseExpression.whens()) {
            out.append(" WHEN ");
            write(when.condition(), out);
            out.append(" THEN ");
            write(when.result(), out);
        }
        if (caseExpression.elseResult() != null) {
            out.append(" ELSE ");
            write(caseExpression.elseResult(), out);
        }
        out.append(" END");
    }

    private static void writeList(List<Expr> expressions, StringBuilder out) {
        for (int i = 0; i < expressions.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            write(expressions.get(i), out);
        }
    }

    /** The statement model keeps no text for a subquery: a SELECT is shown as {@code SELECT ...}. */
    private static String subquery(Query query) {
        return query instanceof Query.Select ? "SELECT ..." : "...";
    }

    private static String symbol(Expr.BinaryOperator operator) {
        return switch (operator) {
            case AND, OR, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM ->
                operator.symbol().toUpperCase(Locale.ROOT);
            default -> operator.symbol();
        };
    }

    private static String typeName(SqlType type) {
        return type == null ? "unknown" : type.postgresName();
    }

    /**
     * A value as a literal: {@code NULL}; booleans and non-negative numbers bare; strings quoted (with their type when
     * it is not text); negative and non-finite numbers and every other value (timestamps, dates, intervals, json,
     * uuids) quoted in their Postgres text form with a cast; lists as {@code ARRAY[...]}.
     */
    private static void writeValue(Object value, SqlType type, StringBuilder out) {
        if (value == null) {
            out.append("NULL");
        } else if (value instanceof String text) {
            out.append(quote(text));
            if (type != null && type != SqlType.TEXT && type != SqlType.UNKNOWN) {
                out.append("::").append(type.postgresName());
            }
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof Number number) {
            String text = PostgresText.format(number);
            if (isPlainNumber(text)) {
                out.append(text);
            } else {
                out.append(quote(text)).append("::").append(numberTypeName(number, type));
            }
        } else if (value instanceof List<?> list) {
            out.append("ARRAY[");
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                writeValue(list.get(i), null, out);
            }
            out.append(']');
        } else {
            SqlType valueType =
                    type != null && type != SqlType.UNKNOWN && type.javaClass().isInstance(value)
                            ? type
                            : runtimeType(value);
            out.append(quote(PostgresText.format(value, valueType)))
                    .append("::")
                    .append(typeName(valueType));
        }
    }

    /** Whether a number's text can stand bare: digits, a point and an exponent, no sign (not NaN, not Infinity). */
    private static boolean isPlainNumber(String text) {
        if (text.isEmpty() || !Character.isDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** The type a quoted number is cast to: an integer literal is integer when it fits, as Postgres types it. */
    private static String numberTypeName(Number number, SqlType type) {
        if ((number instanceof Long || number instanceof Integer)
                && (type == null || type == SqlType.BIGINT || type == SqlType.INTEGER)) {
            long value = number.longValue();
            return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? "integer" : "bigint";
        }
        if (type != null && type.isNumeric()) {
            return type.postgresName();
        }
        return runtimeType(number).postgresName();
    }

    private static SqlType runtimeType(Object value) {
        for (SqlType candidate : SqlType.values()) {
            if (candidate != SqlType.UNKNOWN
                    && candidate != SqlType.JSON
                    && candidate.javaClass().isInstance(value)) {
                return candidate;
            }
        }
        return SqlType.TEXT;
    }
}
