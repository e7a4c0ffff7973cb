package org.stripejdbc.fdw;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.stripejdbc.json.Json;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.types.Interval;
import org.stripejdbc.types.SqlType;

/**
 * Renders an {@link Expr} back to Postgres-like SQL text, in the style of Postgres' EXPLAIN {@code Filter:}
 * lines: every operator application is parenthesised, so the text is unambiguous without precedence rules.
 *
 * <pre>
 *   name LIKE 'A%'                  →  (name ~~ 'A%')
 *   a = 1 AND NOT b                 →  ((a = 1) AND (NOT b))
 *   created &gt;= '2024-01-01'::timestamp  →  (created &gt;= '2024-01-01 00:00:00'::timestamp)
 *   id = ANY(?)                     →  (id = ANY ($1))
 *   "items[0][price]" IS NULL       →  ("items[0][price]" IS NULL)
 * </pre>
 *
 * Identifiers are double-quoted when they are not plain lower-case names or are reserved words; string
 * literals double their quotes. Subqueries are shown as {@code (subquery)} (the statement model has no printer
 * for them). The output never contains more than what the expression holds, so it is safe for EXPLAIN as long
 * as the expression itself holds no secret.
 */
public final class ExprPrinter {
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp",
            "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false",
            "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
            "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only",
            "or", "order", "placing", "primary", "references", "returning", "select", "session_user", "some",
            "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using",
            "variadic", "when", "where", "window", "with");

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);

    private ExprPrinter() {
    }

    /** The SQL text of {@code expression}. */
    public static String print(Expr expression) {
        StringBuilder out = new StringBuilder();
        write(expression, out);
        return out.toString();
    }

    /** The conjuncts joined with AND, as Postgres prints a {@code Filter:} ({@code ((a = 1) AND (b = 2))}). */
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

    /** An identifier as SQL text: bare when it is a plain lower-case, non-reserved name, else double-quoted. */
    public static String identifier(String name) {
        if (isPlainIdentifier(name) && !RESERVED.contains(name)) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A string as a single-quoted SQL literal ({@code it's} → {@code 'it''s'}). */
    public static String quote(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /**
     * A runtime value as a SQL literal: {@code NULL}, numbers and booleans bare, strings quoted, temporal,
     * JSON and interval values quoted with a cast ({@code '2024-01-01 00:00:00'::timestamp}), lists as
     * {@code ARRAY[...]}.
     */
    public static String literal(Object value) {
        StringBuilder out = new StringBuilder();
        writeValue(value, null, out);
        return out.toString();
    }

    /** {@code 2009-02-13 23:31:30} (fraction only when present), the way Postgres prints a timestamp. */
    static String formatTimestamp(LocalDateTime value) {
        return TIMESTAMP.format(value);
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
            out.append('(');
            write(binary.left(), out);
            out.append(' ').append(symbol(binary.operator())).append(' ');
            write(binary.right(), out);
            out.append(')');
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
            out.append(in.negated() ? " NOT IN (subquery))" : " IN (subquery))");
        } else if (expression instanceof Expr.Exists exists) {
            out.append(exists.negated() ? "(NOT EXISTS (subquery))" : "EXISTS (subquery)");
        } else if (expression instanceof Expr.ScalarSubquery) {
            out.append("(subquery)");
        } else if (expression instanceof Expr.Quantified quantified) {
            out.append('(');
            write(quantified.left(), out);
            out.append(' ').append(symbol(quantified.operator())).append(quantified.all() ? " ALL (" : " ANY (");
            write(quantified.array(), out);
            out.append("))");
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
            boolean bare = needsNoParentheses(cast.value());
            out.append(bare ? "" : "(");
            write(cast.value(), out);
            out.append(bare ? "::" : ")::").append(cast.typeName() != null ? cast.typeName() : typeName(cast.type()));
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
            out.append('(');
            write(subscript.value(), out);
            out.append(")[");
            write(subscript.index(), out);
            out.append(']');
        } else if (expression instanceof Expr.RowConstructor row) {
            out.append("ROW(");
            writeList(row.elements(), out);
            out.append(')');
        } else {
            out.append(String.valueOf(expression));
        }
    }

    /** Whether {@code ::type} can follow the printed expression directly (it is atomic or self-parenthesised). */
    private static boolean needsNoParentheses(Expr expression) {
        if (expression instanceof Expr.Literal literal) {
            return !(literal.value() instanceof Number); // -1::text would cast before negating
        }
        return expression instanceof Expr.ColumnRef || expression instanceof Expr.Parameter
                || expression instanceof Expr.Binary || expression instanceof Expr.Unary
                || expression instanceof Expr.Like || expression instanceof Expr.SimilarTo
                || expression instanceof Expr.InList || expression instanceof Expr.InSubquery
                || expression instanceof Expr.Quantified || expression instanceof Expr.Between
                || expression instanceof Expr.IsNull || expression instanceof Expr.IsBoolean
                || expression instanceof Expr.ScalarSubquery
                || expression instanceof Expr.FunctionCall call && call.over() == null && call.filter() == null;
    }

    private static void writeUnary(Expr.Unary unary, StringBuilder out) {
        switch (unary.operator()) {
            case NOT -> {
                out.append("(NOT ");
                write(unary.operand(), out);
                out.append(')');
            }
            case NEGATE -> {
                out.append("(- ");
                write(unary.operand(), out);
                out.append(')');
            }
            default -> {
                out.append("(+ ");
                write(unary.operand(), out);
                out.append(')');
            }
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

    private static void writeFunction(Expr.FunctionCall call, StringBuilder out) {
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
            if (item.nullsFirst() != null) {
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

    private static String symbol(Expr.BinaryOperator operator) {
        return switch (operator) {
            case AND, OR, IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> operator.symbol().toUpperCase(Locale.ROOT);
            default -> operator.symbol();
        };
    }

    private static String typeName(SqlType type) {
        return type == null ? "unknown" : type.postgresName();
    }

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
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append(quote(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"))
                        .append("::").append(value instanceof Float ? "real" : "double precision");
            } else {
                out.append(value);
            }
        } else if (value instanceof Number) {
            out.append(value);
        } else if (value instanceof LocalDateTime timestamp) {
            out.append(quote(formatTimestamp(timestamp))).append("::timestamp");
        } else if (value instanceof OffsetDateTime timestamp) {
            LocalDateTime utc = timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            out.append(quote(formatTimestamp(utc) + "+00")).append("::timestamptz");
        } else if (value instanceof LocalDate date) {
            out.append(quote(date.toString())).append("::date");
        } else if (value instanceof LocalTime time) {
            out.append(quote(TIME.format(time))).append("::time");
        } else if (value instanceof Interval interval) {
            out.append(quote(formatInterval(interval))).append("::interval");
        } else if (value instanceof Json json) {
            out.append(quote(json.toString())).append("::").append(type == SqlType.JSON ? "json" : "jsonb");
        } else if (value instanceof java.util.UUID uuid) {
            out.append(quote(uuid.toString())).append("::uuid");
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
            out.append(quote(value.toString()));
        }
    }

    /** Postgres' default interval output: {@code 1 year 2 mons 3 days 04:05:06}. */
    static String formatInterval(Interval interval) {
        StringJoiner parts = new StringJoiner(" ");
        int years = interval.months() / 12;
        int months = interval.months() % 12;
        if (years != 0) {
            parts.add(years + (Math.abs(years) == 1 ? " year" : " years"));
        }
        if (months != 0) {
            parts.add(months + (Math.abs(months) == 1 ? " mon" : " mons"));
        }
        if (interval.days() != 0) {
            parts.add(interval.days() + (Math.abs(interval.days()) == 1 ? " day" : " days"));
        }
        long micros = interval.micros();
        if (micros != 0 || parts.length() == 0) {
            String sign = micros < 0 ? "-" : "";
            long total = Math.abs(micros);
            long hours = total / 3_600_000_000L;
            long minutes = (total / 60_000_000L) % 60;
            long seconds = (total / 1_000_000L) % 60;
            long fraction = total % 1_000_000L;
            String time = String.format(Locale.ROOT, "%s%02d:%02d:%02d", sign, hours, minutes, seconds);
            if (fraction != 0) {
                time += "." + String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", "");
            }
            parts.add(time);
        }
        return parts.toString();
    }
}
