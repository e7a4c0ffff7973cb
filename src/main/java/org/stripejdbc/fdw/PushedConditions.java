package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.CompiledExpression;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.Expr;

/**
 * The conditions a scan sent to Stripe, compiled once per plan and evaluated again on every row the requests return:
 * Stripe's filtering is an optimisation, never trusted for correctness. A server that ignores {@code email=...},
 * matches {@code currency=USD} regardless of case, expands {@code type=charge.*} or answers a retrieve with another
 * object can cost requests, but it cannot add a row to a result.
 *
 * <pre>
 *   pushed: email = 'a@b.c'
 *   {"id": "cus_1", "email": "a@b.c"}  → kept
 *   {"id": "cus_2", "email": null}     → dropped (the server ignored the filter)
 * </pre>
 *
 * A pushed conjunct that cannot be compiled (it always can when the executor could evaluate it) is reported by
 * {@link #uncheckable()}: the plan leaves it to the executor as well.
 */
final class PushedConditions {
    private static final PushedConditions NONE = new PushedConditions(null, List.of());

    private final CompiledExpression condition;
    private final List<Expr> uncheckable;

    private PushedConditions(CompiledExpression condition, List<Expr> uncheckable) {
        this.condition = condition;
        this.uncheckable = List.copyOf(uncheckable);
    }

    /** The check of {@code pushed} over rows laid out as {@code columns}. */
    static PushedConditions compile(List<Expr> pushed, List<ResultColumn> columns, ConstantEvaluator compiler) {
        Objects.requireNonNull(compiler, "compiler");
        if (pushed.isEmpty()) {
            return NONE;
        }
        try {
            return new PushedConditions(compiler.compileCondition(pushed, columns), List.of());
        } catch (StripeJdbcException | IllegalArgumentException e) {
            // Find the conjuncts that do not compile; the others are still checked here.
            List<Expr> checkable = new ArrayList<>();
            List<Expr> uncheckable = new ArrayList<>();
            for (Expr conjunct : pushed) {
                try {
                    compiler.compileCondition(List.of(conjunct), columns);
                    checkable.add(conjunct);
                } catch (StripeJdbcException | IllegalArgumentException notCompilable) {
                    uncheckable.add(conjunct);
                }
            }
            CompiledExpression condition = checkable.isEmpty() ? null : compiler.compileCondition(checkable, columns);
            return new PushedConditions(condition, uncheckable);
        }
    }

    /** Pushed conjuncts this check does not cover: the executor must evaluate them. */
    List<Expr> uncheckable() {
        return uncheckable;
    }

    /** Whether every pushed condition is true for {@code row} (a row of the declared columns). */
    boolean hold(Object[] row, ExecutionContext context) {
        return condition == null || Boolean.TRUE.equals(condition.evaluate(row, context));
    }
}
