package org.stripejdbc.engine.planner;

import org.stripejdbc.engine.value.TypeRules;
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
public final class ColumnLabels {
    static final String UNNAMED = "?column?";

    private ColumnLabels() {}

    public static String label(Expr e) {
        Figure figure = figure(e);
        return figure == null ? UNNAMED : figure.name();
    }

    /** A label and how strong it is (Postgres' "strength": 2 for a real name, 1 for a fallback such as a type). */
    private record Figure(String name, int strength) {}

    private static Figure figure(Expr e) {
        if (e instanceof Expr.ColumnRef c) {
            return new Figure(c.name(), 2);
        }
        if (e instanceof Expr.FunctionCall f && f.name().equals("^")) {
            return null; // the operator a ^ b, labelled like any operator
        }
        if (e instanceof Expr.FunctionCall f) {
            String name = f.name();
            int dot = name.lastIndexOf('.');
            name = dot >= 0 ? name.substring(dot + 1) : name;
            return new Figure(name.equals("trim") ? "btrim" : name, 2);
        }
        if (e instanceof Expr.Cast c) {
            Figure inner = figure(c.value());
            return inner != null && inner.strength() > 1 ? inner : new Figure(TypeRules.internalName(c.type()), 1);
        }
        if (e instanceof Expr.Case c) {
            // "case when ... else description end" is labelled description, as in Postgres.
            Figure otherwise = c.elseResult() == null ? null : figure(c.elseResult());
            return otherwise != null && otherwise.strength() > 1 ? otherwise : new Figure("case", 1);
        }
        if (e instanceof Expr.ArrayConstructor) {
            return new Figure("array", 2);
        }
        if (e instanceof Expr.Exists) {
            return new Figure("exists", 2);
        }
        if (e instanceof Expr.Extract) {
            return new Figure("extract", 2);
        }
        if (e instanceof Expr.RowConstructor) {
            return new Figure("row", 2);
        }
        if (e instanceof Expr.Subscript s) {
            return figure(s.value());
        }
        if (e instanceof Expr.Slice s) {
            return figure(s.value());
        }
        if (e instanceof Expr.ScalarSubquery s
                && s.subquery() instanceof Query.Select select
                && select.items().size() == 1
                && select.items().get(0) instanceof SelectItem.Column column) {
            String name = column.alias() != null ? column.alias() : label(column.expression());
            return new Figure(name, 2);
        }
        if (e instanceof Expr.Literal l && l.value() != null) {
            SqlType type = l.type();
            if (type == SqlType.BOOLEAN) {
                return new Figure("bool", 1);
            }
            if (type != SqlType.UNKNOWN && type != SqlType.TEXT && !type.isNumeric()) {
                return new Figure(TypeRules.internalName(type), 1);
            }
        }
        return null;
    }
}
