package org.stripejdbc.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.runtime.QueryControl;

/**
 * What one execution of a statement carries: bound parameter values (index 0 is JDBC parameter 1, already
 * converted to the engine's runtime classes), the statement's start time ({@code now()}), the row cap from
 * {@code Statement.setMaxRows} (0 = none), a cancellation check, a progress listener, and whether the rows read are
 * the targets of a write ({@link #forWriteTargets()}: sources then read the complete set, never a search index that
 * may lag).
 */
public record ExecutionContext(
        List<Object> parameters,
        Instant statementTime,
        long maxRows,
        QueryControl control,
        ScanListener listener,
        boolean writeTargets) {
    public ExecutionContext {
        parameters =
                parameters == null ? List.of() : Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
        Objects.requireNonNull(statementTime, "statementTime");
        control = control == null ? QueryControl.NONE : control;
        listener = listener == null ? ScanListener.NONE : listener;
    }

    /** A context of a read (not a write's targets). */
    public ExecutionContext(
            List<Object> parameters, Instant statementTime, long maxRows, QueryControl control, ScanListener listener) {
        this(parameters, statementTime, maxRows, control, listener, false);
    }

    /**
     * This execution reading the rows an UPDATE, DELETE or action will write: every row, without the JDBC max-rows
     * cap (which limits result sets, not writes), and from sources that give the complete set now (a list, never a
     * search whose index can lag writes by a minute).
     */
    public ExecutionContext forWriteTargets() {
        return new ExecutionContext(parameters, statementTime, 0, control, listener, true);
    }

    /**
     * This execution as one scan (or EXPLAIN ANALYZE's measuring run) sees it: {@code parameters} (the statement's,
     * extended with a subquery's correlation values or a join's keys) and {@code listener}, no row cap; the time,
     * cancellation and write-target flag stay.
     */
    public ExecutionContext forScan(List<Object> parameters, ScanListener listener) {
        return new ExecutionContext(parameters, statementTime, 0, control, listener, writeTargets);
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
