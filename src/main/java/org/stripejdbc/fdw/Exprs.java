package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/** Small structural questions about expressions that the planner asks. */
final class Exprs {
    private Exprs() {
    }

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

    /** The 1-based indexes of the parameters {@code expression} contains, in order of appearance. */
    static List<Integer> parameters(Expr expression) {
        List<Integer> out = new ArrayList<>();
        collectParameters(expression, out);
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
        return type == SqlType.DATE || type == SqlType.TIME || type == SqlType.TIMESTAMP
                || type == SqlType.TIMESTAMPTZ || type == SqlType.INTERVAL;
    }

    /** Flattens nested ANDs: {@code [a AND (b AND c), d]} → {@code [a, b, c, d]}. */
    static List<Expr> flattenConjuncts(List<Expr> conjuncts) {
        List<Expr> out = new ArrayList<>();
        for (Expr conjunct : conjuncts) {
            flatten(conjunct, out);
        }
        return out;
    }

    private static void flatten(Expr expression, List<Expr> out) {
        if (expression instanceof Expr.Binary binary && binary.operator() == Expr.BinaryOperator.AND) {
            flatten(binary.left(), out);
            flatten(binary.right(), out);
        } else if (expression != null) {
            out.add(expression);
        }
    }

    private static void collectParameters(Expr expression, List<Integer> out) {
        if (expression == null) {
            return;
        }
        if (expression instanceof Expr.Parameter parameter) {
            out.add(parameter.index());
        } else if (expression instanceof Expr.Unary unary) {
            collectParameters(unary.operand(), out);
        } else if (expression instanceof Expr.Binary binary) {
            collectParameters(binary.left(), out);
            collectParameters(binary.right(), out);
        } else if (expression instanceof Expr.Like like) {
            collectParameters(like.value(), out);
            collectParameters(like.pattern(), out);
            collectParameters(like.escape(), out);
        } else if (expression instanceof Expr.SimilarTo similar) {
            collectParameters(similar.value(), out);
            collectParameters(similar.pattern(), out);
        } else if (expression instanceof Expr.InList in) {
            collectParameters(in.value(), out);
            in.items().forEach(item -> collectParameters(item, out));
        } else if (expression instanceof Expr.InSubquery in) {
            collectParameters(in.value(), out);
        } else if (expression instanceof Expr.Quantified quantified) {
            collectParameters(quantified.left(), out);
            collectParameters(quantified.array(), out);
        } else if (expression instanceof Expr.Between between) {
            collectParameters(between.value(), out);
            collectParameters(between.low(), out);
            collectParameters(between.high(), out);
        } else if (expression instanceof Expr.IsNull isNull) {
            collectParameters(isNull.value(), out);
        } else if (expression instanceof Expr.IsBoolean isBoolean) {
            collectParameters(isBoolean.value(), out);
        } else if (expression instanceof Expr.Cast cast) {
            collectParameters(cast.value(), out);
        } else if (expression instanceof Expr.FunctionCall call) {
            call.arguments().forEach(argument -> collectParameters(argument, out));
            collectParameters(call.filter(), out);
            call.orderBy().forEach(item -> collectParameters(item.expression(), out));
            if (call.over() != null) {
                call.over().partitionBy().forEach(item -> collectParameters(item, out));
                call.over().orderBy().forEach(item -> collectParameters(item.expression(), out));
            }
        } else if (expression instanceof Expr.Case caseExpression) {
            collectParameters(caseExpression.operand(), out);
            for (Expr.When when : caseExpression.whens()) {
                collectParameters(when.condition(), out);
                collectParameters(when.result(), out);
            }
            collectParameters(caseExpression.elseResult(), out);
        } else if (expression instanceof Expr.ArrayConstructor array) {
            array.elements().forEach(element -> collectParameters(element, out));
        } else if (expression instanceof Expr.Extract extract) {
            collectParameters(extract.source(), out);
        } else if (expression instanceof Expr.Subscript subscript) {
            collectParameters(subscript.value(), out);
            collectParameters(subscript.index(), out);
        } else if (expression instanceof Expr.RowConstructor row) {
            row.elements().forEach(element -> collectParameters(element, out));
        }
        // Literal, ColumnRef, Exists and ScalarSubquery hold no parameter the planner could bind (a subquery's
        // parameters never make an expression constant).
    }
}
