package org.stripejdbc.engine.expression;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.value.Casts;
import org.stripejdbc.engine.value.ValueComparator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr.BinaryOperator;
import org.stripejdbc.types.SqlType;

/**
 * Subqueries used as values: scalar {@code (select ...)}, {@code ARRAY(select ...)}, {@code EXISTS},
 * {@code IN (select ...)} and {@code op ANY/ALL (select ...)}. An uncorrelated subquery runs at most once per execution
 * (its result is cached
 * in the {@link Environment}); a correlated one runs for each outer row, with that row visible to its inner
 * references. EXISTS and IN stop reading the subquery as soon as the answer is known.
 */
final class SubqueryExpressions {
    private SubqueryExpressions() {}

    /** {@code (select x ...)}: the single value, NULL for no row, {@code 21000} for more than one row. */
    static CompiledExpression scalar(SubqueryPlanner.Subquery node, boolean correlated, SqlType type) {
        Object owner = new Object();
        return OperatorExpression.of(type, "subquery", (row, environment) -> {
            if (correlated) {
                return scalarValue(node, environment.enter(row));
            }
            return environment.cached(owner, () -> scalarValue(node, environment.enter(row)));
        });
    }

    private static Object scalarValue(SubqueryPlanner.Subquery node, Environment environment) {
        try (RowIterator rows = node.open(environment)) {
            if (!rows.next()) {
                return null;
            }
            Object value = rows.current()[0];
            if (rows.next()) {
                throw new StripeJdbcException(
                        SqlState.CARDINALITY_VIOLATION,
                        "more than one row returned by a subquery used as an expression");
            }
            return value;
        }
    }

    /** {@code ARRAY(select x ...)}: the values of every row, in the subquery's order; empty for no row. */
    static CompiledExpression array(SubqueryPlanner.Subquery node, boolean correlated) {
        Object owner = new Object();
        return OperatorExpression.of(SqlType.ARRAY, "array", (row, environment) -> {
            if (correlated) {
                return arrayValue(node, environment.enter(row));
            }
            return environment.cached(owner, () -> arrayValue(node, environment.enter(row)));
        });
    }

    private static List<Object> arrayValue(SubqueryPlanner.Subquery node, Environment environment) {
        List<Object> values = new ArrayList<>();
        try (RowIterator rows = node.open(environment)) {
            while (rows.next()) {
                environment.tick();
                values.add(rows.current()[0]);
            }
        }
        return java.util.Collections.unmodifiableList(values);
    }

    /** {@code [NOT] EXISTS (select ...)}: reads at most one row. */
    static CompiledExpression exists(SubqueryPlanner.Subquery node, boolean correlated, boolean negated) {
        Object owner = new Object();
        return OperatorExpression.of(SqlType.BOOLEAN, "exists", (row, environment) -> {
            boolean found = correlated
                    ? anyRow(node, environment.enter(row))
                    : environment.cached(owner, () -> anyRow(node, environment.enter(row)));
            return found != negated;
        });
    }

    private static boolean anyRow(SubqueryPlanner.Subquery node, Environment environment) {
        try (RowIterator rows = node.open(environment)) {
            return rows.next();
        }
    }

    /** The values of an uncorrelated IN subquery, hashed once. */
    private record ValueSet(Set<Object> values, boolean containsNull) {}

    /**
     * {@code value op ANY|ALL (select c ...)}; IN is {@code = ANY}, NOT IN is {@code <> ALL}. The subquery's values
     * are converted to {@code comparisonType} (the type {@code value} already has).
     */
    static CompiledExpression quantified(
            CompiledExpression value,
            BinaryOperator op,
            boolean all,
            SubqueryPlanner.Subquery node,
            boolean correlated,
            SqlType subqueryType,
            SqlType comparisonType) {
        Object owner = new Object();
        boolean hashable = op == BinaryOperator.EQUALS && !all && !correlated;
        return OperatorExpression.of(
                SqlType.BOOLEAN, all ? op.symbol() + " all" : op.symbol() + " any", (row, environment) -> {
                    Object left = value.evaluate(row, environment);
                    if (hashable) {
                        ValueSet set = environment.cached(
                                owner,
                                () -> hash(node, environment.enter(row), subqueryType, comparisonType, environment));
                        if (set.values().isEmpty() && !set.containsNull()) {
                            return false;
                        }
                        if (left == null) {
                            return null;
                        }
                        if (set.values().contains(ValueComparator.normalize(left))) {
                            return true;
                        }
                        return set.containsNull() ? null : Boolean.FALSE;
                    }
                    Environment inner = environment.enter(row);
                    boolean sawNull = false;
                    try (RowIterator rows = correlated
                            ? node.open(inner)
                            : RowIterator.of(environment.cached(owner, () -> materialize(node, inner)))) {
                        while (rows.next()) {
                            environment.tick();
                            Object right = convert(rows.current()[0], subqueryType, comparisonType, environment);
                            if (left == null || right == null) {
                                sawNull = true;
                                continue;
                            }
                            boolean result = Operators.test(op, ValueComparator.compare(left, right));
                            if (!all && result) {
                                return true;
                            }
                            if (all && !result) {
                                return false;
                            }
                        }
                    }
                    return sawNull ? null : all;
                });
    }

    private static Object convert(Object value, SqlType from, SqlType to, Environment environment) {
        return from == to || value == null ? value : Casts.convert(value, from, to, environment.statementTime());
    }

    private static ValueSet hash(
            SubqueryPlanner.Subquery node, Environment inner, SqlType from, SqlType to, Environment environment) {
        Set<Object> values = new HashSet<>();
        boolean containsNull = false;
        try (RowIterator rows = node.open(inner)) {
            while (rows.next()) {
                environment.tick();
                Object value = convert(rows.current()[0], from, to, environment);
                if (value == null) {
                    containsNull = true;
                } else {
                    values.add(ValueComparator.normalize(value));
                }
            }
        }
        return new ValueSet(values, containsNull);
    }

    private static List<Object[]> materialize(SubqueryPlanner.Subquery node, Environment inner) {
        List<Object[]> rows = new ArrayList<>();
        try (RowIterator iterator = node.open(inner)) {
            while (iterator.next()) {
                inner.tick();
                rows.add(iterator.current());
            }
        }
        return rows;
    }
}
