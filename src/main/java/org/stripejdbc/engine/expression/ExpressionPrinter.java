package org.stripejdbc.engine.expression;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.OrderItem;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * Prints an {@link Expr} back as SQL text, for EXPLAIN and error messages: {@code ((amount > 100) AND
 * (attrs ->> 'k') IS NOT NULL)}. Binary operations are parenthesized as Postgres' EXPLAIN does.
 */
public final class ExpressionPrinter {
    private ExpressionPrinter() {
    }

    public static String print(Expr e) {
        StringBuilder out = new StringBuilder();
        print(e, out);
        return out.toString();
    }

    public static String print(List<Expr> list) {
        return list.stream().map(ExpressionPrinter::print).collect(Collectors.joining(", "));
    }

    static String printOrder(List<OrderItem> items) {
        return items.stream().map(ExpressionPrinter::printOrderItem).collect(Collectors.joining(", "));
    }

    static String printOrderItem(OrderItem item) {
        String text = print(item.expression()) + (item.descending() ? " DESC" : "");
        if (item.nullsFirst() != null && item.nullsFirst() != item.descending()) {
            text += item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST";
        }
        return text;
    }

    /** An identifier, double-quoted when it would not survive case folding. */
    public static String identifier(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*")) {
            return name;
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static void print(Expr e, StringBuilder out) {
        if (e instanceof Expr.Literal l) {
            printLiteral(l, out);
        } else if (e instanceof Expr.ColumnRef c) {
            if (c.qualifier() != null) {
                out.append(identifier(c.qualifier())).append('.');
            }
            out.append(identifier(c.name()));
        } else if (e instanceof Expr.Parameter p) {
            out.append('$').append(p.index());
        } else if (e instanceof Expr.Unary u) {
            switch (u.operator()) {
                case NOT: out.append("NOT "); break;
                case NEGATE: out.append('-'); break;
                default: out.append('+'); break;
            }
            print(u.operand(), out);
        } else if (e instanceof Expr.Binary b) {
            out.append('(');
            print(b.left(), out);
            out.append(' ').append(b.operator() == Expr.BinaryOperator.AND ? "AND"
                    : b.operator() == Expr.BinaryOperator.OR ? "OR"
                    : b.operator().symbol().toUpperCase(java.util.Locale.ROOT)).append(' ');
            print(b.right(), out);
            out.append(')');
        } else if (e instanceof Expr.Like l) {
            out.append('(');
            print(l.value(), out);
            out.append(l.negated() ? " NOT" : "").append(l.caseInsensitive() ? " ILIKE " : " LIKE ");
            print(l.pattern(), out);
            if (l.escape() != null) {
                out.append(" ESCAPE ");
                print(l.escape(), out);
            }
            out.append(')');
        } else if (e instanceof Expr.SimilarTo s) {
            out.append('(');
            print(s.value(), out);
            out.append(s.negated() ? " NOT SIMILAR TO " : " SIMILAR TO ");
            print(s.pattern(), out);
            out.append(')');
        } else if (e instanceof Expr.InList in) {
            out.append('(');
            print(in.value(), out);
            out.append(in.negated() ? " NOT IN (" : " IN (").append(print(in.items())).append("))");
        } else if (e instanceof Expr.InSubquery in) {
            out.append('(');
            print(in.value(), out);
            out.append(in.negated() ? " NOT IN (" : " IN (").append(printQuery(in.subquery())).append("))");
        } else if (e instanceof Expr.Exists x) {
            out.append(x.negated() ? "NOT EXISTS(" : "EXISTS(").append(printQuery(x.subquery())).append(')');
        } else if (e instanceof Expr.ScalarSubquery s) {
            out.append('(').append(printQuery(s.subquery())).append(')');
        } else if (e instanceof Expr.Quantified q) {
            out.append('(');
            print(q.left(), out);
            out.append(' ').append(q.operator().symbol()).append(q.all() ? " ALL (" : " ANY (");
            print(q.array(), out);
            out.append("))");
        } else if (e instanceof Expr.Between b) {
            out.append('(');
            print(b.value(), out);
            out.append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
            print(b.low(), out);
            out.append(" AND ");
            print(b.high(), out);
            out.append(')');
        } else if (e instanceof Expr.IsNull n) {
            out.append('(');
            print(n.value(), out);
            out.append(n.negated() ? " IS NOT NULL)" : " IS NULL)");
        } else if (e instanceof Expr.IsBoolean b) {
            out.append('(');
            print(b.value(), out);
            out.append(b.negated() ? " IS NOT " : " IS ")
                    .append(b.expected() == null ? "UNKNOWN" : b.expected() ? "TRUE" : "FALSE").append(')');
        } else if (e instanceof Expr.Cast c) {
            print(c.value(), out);
            out.append("::").append(c.typeName() != null ? c.typeName() : c.type().postgresName());
        } else if (e instanceof Expr.FunctionCall f) {
            printFunction(f, out);
        } else if (e instanceof Expr.Case c) {
            out.append("CASE");
            if (c.operand() != null) {
                out.append(' ');
                print(c.operand(), out);
            }
            for (Expr.When when : c.whens()) {
                out.append(" WHEN ");
                print(when.condition(), out);
                out.append(" THEN ");
                print(when.result(), out);
            }
            if (c.elseResult() != null) {
                out.append(" ELSE ");
                print(c.elseResult(), out);
            }
            out.append(" END");
        } else if (e instanceof Expr.ArrayConstructor a) {
            out.append("ARRAY[").append(print(a.elements())).append(']');
        } else if (e instanceof Expr.Extract x) {
            out.append("EXTRACT(").append(x.field()).append(" FROM ");
            print(x.source(), out);
            out.append(')');
        } else if (e instanceof Expr.Subscript s) {
            print(s.value(), out);
            out.append('[');
            print(s.index(), out);
            out.append(']');
        } else if (e instanceof Expr.RowConstructor r) {
            out.append("ROW(").append(print(r.elements())).append(')');
        } else {
            out.append(e);
        }
    }

    private static void printLiteral(Expr.Literal l, StringBuilder out) {
        Object value = l.value();
        if (value == null) {
            out.append("NULL");
        } else if (value instanceof String s) {
            out.append(literal(s));
            if (l.type() != SqlType.UNKNOWN && l.type() != SqlType.TEXT) {
                out.append("::").append(l.type().postgresName());
            }
        } else if (value instanceof Number && !(value instanceof BigDecimal d && d.signum() < 0)) {
            out.append(PostgresText.format(value));
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else {
            out.append(literal(PostgresText.format(value))).append("::").append(l.type().postgresName());
        }
    }

    private static void printFunction(Expr.FunctionCall f, StringBuilder out) {
        if (f.name().equals("^") && f.arguments().size() == 2) {
            out.append('(').append(print(f.arguments().get(0))).append(" ^ ").append(print(f.arguments().get(1)))
                    .append(')');
            return;
        }
        out.append(f.name()).append('(');
        if (f.star()) {
            out.append('*');
        } else {
            if (f.distinct()) {
                out.append("DISTINCT ");
            }
            out.append(print(f.arguments()));
            if (!f.orderBy().isEmpty()) {
                out.append(" ORDER BY ").append(printOrder(f.orderBy()));
            }
        }
        out.append(')');
        if (f.filter() != null) {
            out.append(" FILTER (WHERE ");
            print(f.filter(), out);
            out.append(')');
        }
        if (f.over() != null) {
            out.append(" OVER (");
            boolean space = false;
            if (!f.over().partitionBy().isEmpty()) {
                out.append("PARTITION BY ").append(print(f.over().partitionBy()));
                space = true;
            }
            if (!f.over().orderBy().isEmpty()) {
                out.append(space ? " " : "").append("ORDER BY ").append(printOrder(f.over().orderBy()));
            }
            out.append(')');
        }
    }

    private static String printQuery(Query query) {
        return query instanceof Query.Select ? "SELECT ..." : "...";
    }
}
