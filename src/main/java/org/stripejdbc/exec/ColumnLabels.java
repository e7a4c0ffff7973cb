package org.stripejdbc.exec;

import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Query;
import org.stripejdbc.sql.SelectItem;
import org.stripejdbc.types.SqlType;

/**
 * The label Postgres gives an unaliased select-list expression ({@code FigureColname}): the column name for a
 * column, the function name for a call ({@code count}, {@code lower}, {@code coalesce}), the inner label or else
 * the type's internal name for a cast ({@code '1'::integer} is {@code int4}), {@code case}, {@code array},
 * {@code exists}, {@code bool} for a boolean constant, and {@code ?column?} for everything else — including
 * operators such as {@code attrs->>'account_name'}.
 */
final class ColumnLabels {
    static final String UNNAMED = "?column?";

    private ColumnLabels() {
    }

    static String label(Expr e) {
        String label = figure(e);
        return label == null ? UNNAMED : label;
    }

    private static String figure(Expr e) {
        if (e instanceof Expr.ColumnRef c) {
            return c.name();
        }
        if (e instanceof Expr.FunctionCall f) {
            String name = f.name();
            int dot = name.lastIndexOf('.');
            name = dot >= 0 ? name.substring(dot + 1) : name;
            return name.equals("trim") ? "btrim" : name;
        }
        if (e instanceof Expr.Cast c) {
            String inner = figure(c.value());
            if (inner != null) {
                return inner;
            }
            return TypeRules.internalName(c.type());
        }
        if (e instanceof Expr.Case) {
            return "case";
        }
        if (e instanceof Expr.ArrayConstructor) {
            return "array";
        }
        if (e instanceof Expr.Exists) {
            return "exists";
        }
        if (e instanceof Expr.Extract) {
            return "extract";
        }
        if (e instanceof Expr.RowConstructor) {
            return "row";
        }
        if (e instanceof Expr.Subscript s) {
            return figure(s.value());
        }
        if (e instanceof Expr.ScalarSubquery s && s.subquery() instanceof Query.Select select
                && select.items().size() == 1 && select.items().get(0) instanceof SelectItem.Column column) {
            return column.alias() != null ? column.alias() : figure(column.expression());
        }
        if (e instanceof Expr.Literal l && l.value() != null) {
            SqlType type = l.type();
            if (type == SqlType.BOOLEAN) {
                return "bool";
            }
            if (type != SqlType.UNKNOWN && type != SqlType.TEXT && !type.isNumeric()) {
                return TypeRules.internalName(type);
            }
        }
        return null;
    }
}
