package org.stripejdbc.engine.operator;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.types.SqlType;

/**
 * A correlated subquery that the node holding it evaluates once per row of its input, with its requests: shown
 * in EXPLAIN under that node, as PostgreSQL shows its SubPlans, so that no per-row request is hidden behind a
 * {@code Filter: EXISTS (SELECT ...)}. It only explains: the subquery runs inside the node's compiled expression.
 *
 * <p>Example: a HAVING whose subquery reads a group key and cannot be made a join explains as
 * <pre>
 * Filter: (EXISTS (SELECT ...) OR (count(*) &gt; 3))
 *   SubPlan 1 (per row of HashAggregate: ch.customer)
 *     Requests: 1 per outer row (GET /v1/customers/$1; 404 → no row)
 *     -&gt;  Scan: stripe.customers c
 *           ...
 * </pre>
 *
 * @param number the subplan's number in its statement, from 1
 * @param plan   the subquery's plan
 */
public record SubPlan(int number, PlanNode plan) {
    public SubPlan {
        Objects.requireNonNull(plan, "plan");
    }

    /**
     * {@code expression}, which evaluates {@code subPlans} per row, marked so that the node holding it (a join's
     * condition) shows them; {@code expression} itself when there are none.
     */
    public static CompiledExpression attach(CompiledExpression expression, List<SubPlan> subPlans) {
        return expression == null || subPlans.isEmpty() ? expression : new Evaluating(expression, subPlans);
    }

    /** The subplans {@link #attach} marked {@code expression} with (none for null). */
    static List<SubPlan> of(CompiledExpression expression) {
        return expression instanceof Evaluating e ? e.subPlans() : List.of();
    }

    /** An expression and the subplans it evaluates per row; it evaluates as the expression. */
    private record Evaluating(CompiledExpression expression, List<SubPlan> subPlans) implements CompiledExpression {
        Evaluating {
            subPlans = List.copyOf(subPlans);
        }

        @Override
        public SqlType type() {
            return expression.type();
        }

        @Override
        public Object evaluate(Object[] row, Environment environment) {
            return expression.evaluate(row, environment);
        }
    }
}
