package org.stripejdbc.engine;

import java.util.List;
import java.util.Optional;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.types.SqlType;

/**
 * Evaluates expressions that reference no column (literals, parameters, casts and functions of those, such
 * as {@code '2024-01-01'::timestamp}, {@code to_timestamp(1700000000)}, {@code now() - interval '30 days'}).
 * Table sources use it to turn pushable conditions into request parameters, and to compile the conditions they
 * pushed into a check of every row they fetch ({@link #compileCondition}): a server's filtering is never trusted.
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

    /**
     * Compiles {@code conjuncts} (a conjunction; column qualifiers ignored) into one boolean expression over rows
     * laid out as {@code columns}. A table source evaluates it on every row it fetched for a request made from
     * those conditions, and drops the rows for which it is not true. Example: against {@code (id text, email text)},
     * {@code [c.email = 'a@b.c']} is true for {@code ["cus_1", "a@b.c"]} and null for {@code ["cus_2", null]}.
     * Throws when a conjunct cannot be compiled (the caller then leaves it to the executor).
     */
    CompiledExpression compileCondition(List<Expr> conjuncts, List<ResultColumn> columns);
}
