package org.stripejdbc.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.runtime.QueryControl;

/**
 * What one execution of a statement carries: bound parameter values (index 0 is JDBC parameter 1, already
 * converted to the engine's runtime classes), the statement's start time ({@code now()}), the row cap from
 * {@code Statement.setMaxRows} (0 = none), a cancellation check, and a progress listener.
 */
public record ExecutionContext(
        List<Object> parameters, Instant statementTime, long maxRows, QueryControl control, ScanListener listener) {
    public ExecutionContext {
        parameters =
                parameters == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        Objects.requireNonNull(statementTime, "statementTime");
        control = control == null ? QueryControl.NONE : control;
        listener = listener == null ? ScanListener.NONE : listener;
    }

    /** A context with no parameters, no cap, no cancellation. */
    public static ExecutionContext simple() {
        return new ExecutionContext(List.of(), Instant.now(), 0, QueryControl.NONE, ScanListener.NONE);
    }

    /** The value of JDBC parameter {@code index} (1-based); a 42P02 error if absent. */
    public Object parameter(int index) {
        if (index < 1 || index > parameters.size()) {
            throw new org.stripejdbc.error.StripeJdbcException(
                    org.stripejdbc.error.SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + index);
        }
        return parameters.get(index - 1);
    }
}
