package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.ExprTrees;
import org.stripejdbc.types.SqlType;

/** Small structural questions about expressions that the planner asks. */
final class Exprs {
    private Exprs() {}

    /** A NULL literal, possibly cast ({@code NULL}, {@code NULL::text}, {@code CAST(NULL AS timestamp)}). */
    static boolean isNullLiteral(Expr expression) {
        if (expression instanceof Expr.Literal literal) {
            return literal.value() == null;
        }
        if (expression instanceof Expr.Cast cast) {
            return isNullLiteral(cast.value());
        }
        return false;
    }

    /**
     * The 1-based indexes of the parameters {@code expression} contains, in order of appearance (not looking into
     * subqueries, whose parameters never make an expression constant).
     */
    static List<Integer> parameters(Expr expression) {
        List<Integer> out = new ArrayList<>();
        for (Expr parameter : ExprTrees.collect(expression, e -> e instanceof Expr.Parameter)) {
            out.add(((Expr.Parameter) parameter).index());
        }
        return out;
    }

    /**
     * Whether a pushed value is the same at every execution: built only of literals that are not dates or times,
     * casts to types that are not dates or times, and operators over those. Conservative: parameters, functions
     * ({@code now()}), subqueries and any date/time conversion ({@code 'today'::date} reads the statement time)
     * depend on the execution. Example: {@code 'cus_1'} and {@code -5} → true; {@code $1}, {@code lower('A')} → false.
     */
    static boolean isExecutionIndependent(Expr expression) {
        if (expression instanceof Expr.Literal literal) {
            return !isTemporal(literal.type());
        }
        if (expression instanceof Expr.Cast cast) {
            return !isTemporal(cast.type()) && isExecutionIndependent(cast.value());
        }
        if (expression instanceof Expr.Unary unary) {
            return isExecutionIndependent(unary.operand());
        }
        if (expression instanceof Expr.Binary binary) {
            return isExecutionIndependent(binary.left()) && isExecutionIndependent(binary.right());
        }
        return false;
    }

    /** Date, time, timestamp and interval types: their values from text can depend on the statement time. */
    static boolean isTemporal(SqlType type) {
        return type == SqlType.DATE
                || type == SqlType.TIME
                || type == SqlType.TIMESTAMP
                || type == SqlType.TIMESTAMPTZ
                || type == SqlType.INTERVAL;
    }

    /** Flattens nested ANDs: {@code [a AND (b AND c), d]} → {@code [a, b, c, d]}. */
    static List<Expr> flattenConjuncts(List<Expr> conjuncts) {
        List<Expr> out = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            out.addAll(ExprTrees.conjuncts(conjunct));
        }
        return out;
    }
}
