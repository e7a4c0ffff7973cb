package org.stripejdbc.engine;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a running query carries while its rows are produced: the {@link ExecutionContext} (parameters, statement
 * time, cancellation), the rows of the enclosing query blocks (read by correlated references such as
 * {@code o.customer} inside {@code exists (select 1 from charges c where c.customer = o.id)}), and a cache shared
 * by the whole execution (results of uncorrelated subqueries, materialized WITH queries).
 *
 * <p>A correlated subquery is evaluated in {@link #enter(Object[]) enter(outerRow)}: a child environment whose
 * outer row is the current row of the enclosing block. A column reference compiled at depth {@code d} reads
 * {@link #outerRow(int) outerRow(d)}.
 *
 * <p>Not thread-safe: one execution, one thread.
 */
public final class Environment {
    private static final int CANCEL_CHECK_INTERVAL = 1024;

    private final ExecutionContext context;
    private final Environment parent;
    private final Object[] outerRow;
    private final Shared shared;

    private static final class Shared {
        final Map<Object, Object> cache = new IdentityHashMap<>();
        int ticks;
    }

    /** The environment of a top-level execution. */
    public Environment(ExecutionContext context) {
        this(Objects.requireNonNull(context, "context"), null, null, new Shared());
    }

    private Environment(ExecutionContext context, Environment parent, Object[] outerRow, Shared shared) {
        this.context = context;
        this.parent = parent;
        this.outerRow = outerRow;
        this.shared = shared;
    }

    public ExecutionContext context() {
        return context;
    }

    /** The statement's start time: what {@code now()} returns. */
    public Instant statementTime() {
        return context.statementTime();
    }

    /** A child environment for a nested query block evaluated for {@code row} of this block. */
    public Environment enter(Object[] row) {
        return new Environment(context, this, row, shared);
    }

    /** The row of the enclosing block {@code depth} levels up (1 = the immediately enclosing block). */
    public Object[] outerRow(int depth) {
        Environment current = this;
        for (int i = 1; i < depth; i++) {
            current = current.parent;
        }
        if (current == null || current.outerRow == null) {
            throw new IllegalStateException("no enclosing row at depth " + depth);
        }
        return current.outerRow;
    }

    /** Counts one unit of work and checks for cancellation every 1024 units. */
    public void tick() {
        if (++shared.ticks >= CANCEL_CHECK_INTERVAL) {
            shared.ticks = 0;
            context.control().checkCancelled();
        }
    }

    /** A value computed once per execution for {@code owner} (compared by identity). */
    @SuppressWarnings("unchecked")
    public <T> T cached(Object owner, Supplier<T> computation) {
        Object value = shared.cache.get(owner);
        if (value == null && !shared.cache.containsKey(owner)) {
            value = computation.get();
            shared.cache.put(owner, value);
        }
        return (T) value;
    }
}
