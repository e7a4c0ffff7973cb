package org.stripejdbc.session;

import java.util.Objects;
import org.stripejdbc.engine.CompiledQuery;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.fdw.modify.ModifyOperation;
import org.stripejdbc.fdw.modify.ModifySettings;

/**
 * One INSERT, UPDATE or DELETE compiled by {@link ModifyStatements}: its target, its RETURNING list, the query that
 * reads its rows (null when it needs none: a VALUES list, {@code WHERE id = constant}) and the step that turns one
 * execution's parameters into a {@link ModifyPlan}. Executing it is {@code plan} then
 * {@code StripeModifier.apply}; {@code EXPLAIN} is {@code plan} alone ({@link ModifyDryRun}).
 *
 * @param operation the statement kind
 * @param target    the table and its modifier
 * @param returning the RETURNING list (absent: an update count)
 * @param read      the query finding the rows, or null
 * @param rowSource how the rows are found when there is no read ({@code VALUES list}, {@code WHERE id = constant})
 * @param planner   guards, read, evaluation and encoding: never writes
 */
record CompiledModify(
        ModifyOperation operation,
        ModifyStatements.Target target,
        ReturningList returning,
        CompiledQuery read,
        String rowSource,
        Planner planner) {

    /** Works out the plan of one execution. */
    @FunctionalInterface
    interface Planner {
        ModifyPlan plan(ExecutionContext context, ModifySettings settings);
    }

    CompiledModify {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(returning, "returning");
        Objects.requireNonNull(planner, "planner");
    }

    ModifyPlan plan(ExecutionContext context, ModifySettings settings) {
        return planner.plan(context, settings);
    }
}
