package org.stripejdbc.engine.expression;

import static org.stripejdbc.types.SqlType.ARRAY;
import static org.stripejdbc.types.SqlType.BOOLEAN;
import static org.stripejdbc.types.SqlType.TEXT;
import static org.stripejdbc.types.SqlType.UNKNOWN;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.function.Patterns;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.TypeRules;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.sql.Query;
import org.stripejdbc.types.SqlType;

/**
 * The part of the {@link ExpressionCompiler} that compiles conditions: AND/OR with three-valued logic, comparisons of
 * row constructors, {@code [NOT] LIKE}/{@code ILIKE} (with ESCAPE), {@code SIMILAR TO}, {@code IN (list)},
 * {@code IN (subquery)} and {@code op ANY/ALL (array or subquery)}. Sub-expressions go back through the compiler.
 *
 * <p>Example: {@code amount in (100, 200, null)} compiles its constant list once into a hash set: it is true for
 * {@code 100}, and NULL (not false) for {@code 300} because of the NULL item; {@code (a, b) < (1, 2)} compares
 * element by element as Postgres does.
 */
final class PredicateCompiler {
    private final ExpressionCompiler compiler;

    PredicateCompiler(ExpressionCompiler compiler) {
        this.compiler = compiler;
    }

    CompiledExpression logical(boolean and, Expr.Binary b) {
        String name = and ? "AND" : "OR";
        CompiledExpression left = ExpressionCompiler.requireBoolean(compiler.compile(b.left()), name);
        CompiledExpression right = ExpressionCompiler.requireBoolean(compiler.compile(b.right()), name);
        Boolean decisive = !and;
        return OperatorExpression.of(BOOLEAN, name.toLowerCase(java.util.Locale.ROOT), (row, env) -> {
            Object l = left.evaluate(row, env);
            if (decisive.equals(l)) {
                return decisive;
            }
            Object r = right.evaluate(row, env);
            if (decisive.equals(r)) {
                return decisive;
            }
            return l == null || r == null ? null : !decisive;
        });
    }

    CompiledExpression rowComparison(BinaryOperator op, Expr left, Expr right) {
        if (!(left instanceof Expr.RowConstructor l) || !(right instanceof Expr.RowConstructor r)) {
            throw StripeJdbcException.unsupported("comparing a row constructor with a non-row value");
        }
        if (l.elements().size() != r.elements().size()) {
            throw new StripeJdbcException(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions");
        }
        List<CompiledExpression> lefts = new ArrayList<>();
        List<CompiledExpression> rights = new ArrayList<>();
        for (int i = 0; i < l.elements().size(); i++) {
            CompiledExpression a = compiler.compile(l.elements().get(i));
            CompiledExpression b = compiler.compile(r.elements().get(i));
            SqlType type = Operators.comparisonType(op.symbol(), a.type(), b.type());
            lefts.add(Coercion.comparand(a, type));
            rights.add(Coercion.comparand(b, type));
        }
        if (op == BinaryOperator.IS_DISTINCT_FROM || op == BinaryOperator.IS_NOT_DISTINCT_FROM) {
            return OperatorExpression.of(BOOLEAN, op.symbol(), (row, env) -> {
                for (int i = 0; i < lefts.size(); i++) {
                    if (!ValueComparator.notDistinct(
                            lefts.get(i).evaluate(row, env), rights.get(i).evaluate(row, env))) {
                        return op == BinaryOperator.IS_DISTINCT_FROM;
                    }
                }
                return op == BinaryOperator.IS_NOT_DISTINCT_FROM;
            });
        }
        if (!op.isComparison()) {
            throw StripeJdbcException.unsupported("operator " + op.symbol() + " on row constructors");
        }
        return OperatorExpression.of(BOOLEAN, op.symbol(), (row, env) -> {
            boolean sawNull = false;
            for (int i = 0; i < lefts.size(); i++) {
                Object a = lefts.get(i).evaluate(row, env);
                Object b = rights.get(i).evaluate(row, env);
                if (a == null || b == null) {
                    if (op == BinaryOperator.EQUALS || op == BinaryOperator.NOT_EQUALS) {
                        sawNull = true;
                        continue;
                    }
                    return null;
                }
                int c = ValueComparator.compare(a, b);
                if (op == BinaryOperator.EQUALS && c != 0) {
                    return false;
                }
                if (op == BinaryOperator.NOT_EQUALS && c != 0) {
                    return true;
                }
                if (op != BinaryOperator.EQUALS && op != BinaryOperator.NOT_EQUALS && c != 0) {
                    return Operators.test(op, c);
                }
            }
            if (sawNull) {
                return null;
            }
            return op == BinaryOperator.EQUALS
                    || op == BinaryOperator.LESS_OR_EQUAL
                    || op == BinaryOperator.GREATER_OR_EQUAL;
        });
    }

    CompiledExpression like(Expr.Like l) {
        CompiledExpression value = compiler.compile(l.value());
        CompiledExpression pattern = compiler.compile(l.pattern());
        String symbol = (l.negated() ? "!" : "") + (l.caseInsensitive() ? "~~*" : "~~");
        requireText(symbol, value, pattern);
        CompiledExpression v = Coercion.coerce(value, TEXT);
        CompiledExpression p = Coercion.coerce(pattern, TEXT);
        CompiledExpression escape = l.escape() == null ? null : Coercion.coerce(compiler.compile(l.escape()), TEXT);
        boolean insensitive = l.caseInsensitive();
        boolean negated = l.negated();
        return OperatorExpression.of(BOOLEAN, symbol, (row, env) -> {
            Object text = v.evaluate(row, env);
            Object patternText = p.evaluate(row, env);
            String escapeText = null;
            if (escape != null) {
                escapeText = (String) escape.evaluate(row, env);
                if (escapeText == null) {
                    return null;
                }
            }
            if (text == null || patternText == null) {
                return null;
            }
            return Patterns.like((String) patternText, escapeText, insensitive)
                            .matcher((String) text)
                            .matches()
                    != negated;
        });
    }

    private static void requireText(String symbol, CompiledExpression left, CompiledExpression right) {
        if ((left.type() != TEXT && left.type() != UNKNOWN) || (right.type() != TEXT && right.type() != UNKNOWN)) {
            throw Operators.undefined(symbol, left.type(), right.type());
        }
    }

    CompiledExpression similarTo(Expr.SimilarTo s) {
        CompiledExpression value = compiler.compile(s.value());
        CompiledExpression pattern = compiler.compile(s.pattern());
        requireText("SIMILAR TO", value, pattern);
        CompiledExpression v = Coercion.coerce(value, TEXT);
        CompiledExpression p = Coercion.coerce(pattern, TEXT);
        boolean negated = s.negated();
        return OperatorExpression.binary(
                BOOLEAN,
                "similar to",
                v,
                p,
                (a, b) -> Patterns.similar((String) b).matcher((String) a).matches() != negated);
    }

    CompiledExpression inList(Expr.InList in) {
        CompiledExpression value = compiler.compile(in.value());
        List<CompiledExpression> items = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        types.add(value.type());
        for (Expr item : in.items()) {
            CompiledExpression compiled = compiler.compile(item);
            items.add(compiled);
            types.add(compiled.type());
        }
        SqlType common;
        try {
            common = TypeRules.commonType(types, "IN");
        } catch (StripeJdbcException e) {
            for (CompiledExpression item : items) {
                Operators.comparisonType("=", value.type(), item.type());
            }
            throw e;
        }
        CompiledExpression v = Coercion.comparand(value, common);
        List<CompiledExpression> coerced = new ArrayList<>();
        boolean allConstant = true;
        for (CompiledExpression item : items) {
            CompiledExpression c = Coercion.comparand(item, common);
            coerced.add(c);
            allConstant &= c instanceof ConstantExpression;
        }
        boolean negated = in.negated();
        if (allConstant) {
            Set<Object> constants = new HashSet<>();
            boolean containsNull = false;
            for (CompiledExpression c : coerced) {
                Object constant = ((ConstantExpression) c).value();
                if (constant == null) {
                    containsNull = true;
                } else {
                    constants.add(ValueComparator.normalize(constant));
                }
            }
            boolean hasNull = containsNull;
            return OperatorExpression.of(BOOLEAN, negated ? "not in" : "in", (row, env) -> {
                Object x = v.evaluate(row, env);
                if (x == null) {
                    return null;
                }
                if (constants.contains(ValueComparator.normalize(x))) {
                    return !negated;
                }
                return hasNull ? null : negated;
            });
        }
        return OperatorExpression.of(BOOLEAN, negated ? "not in" : "in", (row, env) -> {
            Object x = v.evaluate(row, env);
            if (x == null) {
                return null;
            }
            boolean sawNull = false;
            for (CompiledExpression c : coerced) {
                Object item = c.evaluate(row, env);
                if (item == null) {
                    sawNull = true;
                } else if (ValueComparator.compare(x, item) == 0) {
                    return !negated;
                }
            }
            return sawNull ? null : negated;
        });
    }

    CompiledExpression inSubquery(Expr valueExpr, Query query, BinaryOperator op, boolean all) {
        CompiledExpression value = compiler.compile(valueExpr);
        SubqueryPlanner.Subquery planned = compiler.planSubquery(query);
        ExpressionCompiler.requireOneColumn(planned);
        SqlType subqueryType = planned.columns().get(0).type();
        SqlType common = Operators.comparisonType(op.symbol(), value.type(), subqueryType);
        return SubqueryExpressions.quantified(
                Coercion.comparand(value, common), op, all, planned, planned.correlated(), subqueryType, common);
    }

    CompiledExpression quantified(Expr.Quantified q) {
        BinaryOperator op = q.operator();
        if (!op.isComparison()) {
            throw StripeJdbcException.unsupported("operator " + op.symbol() + " with ANY/ALL");
        }
        if (q.array() instanceof Expr.ScalarSubquery s) {
            return inSubquery(q.left(), s.subquery(), op, q.all());
        }
        CompiledExpression left = compiler.compile(q.left());
        CompiledExpression arrayExpr = compiler.compile(q.array());
        SqlType elementType = left.type() == UNKNOWN ? ArrayValuedExpression.elementTypeOf(arrayExpr) : left.type();
        if (arrayExpr.type() != ARRAY && arrayExpr.type() != UNKNOWN) {
            throw new StripeJdbcException(
                    SqlState.WRONG_OBJECT_TYPE, "op ANY/ALL (array) requires array on right side");
        }
        CompiledExpression array = arrayExpr.type() == UNKNOWN
                ? Coercion.convert(arrayExpr, ARRAY, elementType, Coercion.Context.IMPLICIT)
                : arrayExpr;
        SqlType arrayElement = ArrayValuedExpression.elementTypeOf(array);
        SqlType common = Operators.comparisonType(op.symbol(), left.type(), arrayElement);
        CompiledExpression l = Coercion.coerce(left, common);
        boolean all = q.all();
        return OperatorExpression.of(BOOLEAN, op.symbol() + (all ? " all" : " any"), (row, env) -> {
            Object x = l.evaluate(row, env);
            Object list = array.evaluate(row, env);
            if (list == null) {
                return null;
            }
            boolean sawNull = false;
            for (Object element : (List<?>) list) {
                Object y = element == null
                        ? null
                        : Casts.convert(element, Casts.runtimeType(element), common, env.statementTime());
                if (x == null || y == null) {
                    sawNull = true;
                    continue;
                }
                boolean result = Operators.test(op, ValueComparator.compare(x, y));
                if (result && !all) {
                    return true;
                }
                if (!result && all) {
                    return false;
                }
            }
            return sawNull ? null : all;
        });
    }
}
