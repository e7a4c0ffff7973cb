package org.stripejdbc.exec;

import java.util.Optional;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * Evaluates expressions that reference no column (literals, parameters, casts and functions of those, such
 * as {@code '2024-01-01'::timestamp}, {@code to_timestamp(1700000000)}, {@code now() - interval '30 days'}).
 * Table sources use it to turn pushable conditions into request parameters.
 */
public interface ConstantEvaluator {
    /** Whether {@code expression} references no column and no subquery (its value is fixed per execution). */
    boolean isConstant(Expr expression);

    /**
     * The value of a constant expression, coerced to {@code targetType} when not null (a string literal
     * compared with a timestamp column becomes a LocalDateTime). Empty when it cannot be evaluated or coerced;
     * the caller then leaves the condition to local evaluation.
     */
    Optional<Object> evaluate(Expr expression, SqlType targetType, ExecutionContext context);
}
