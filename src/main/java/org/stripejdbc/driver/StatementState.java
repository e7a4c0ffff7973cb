package org.stripejdbc.driver;

import java.sql.SQLWarning;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.Meta;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.runtime.StatementControl;
import org.stripejdbc.session.Command;
import org.stripejdbc.types.SqlType;

/**
 * What the Meta remembers per statement handle: the prepared command and its signature (Avatica forgets the
 * signature on {@code PreparedStatement.executeUpdate}, CALCITE-1086), the open cursor, how many rows the
 * statement may still return ({@code setMaxRows}), and the last execution's generated keys, warnings and the
 * results still to come of a multi-statement text ({@code getMoreResults}).
 */
final class StatementState {
    final Command command;
    final Meta.Signature signature;
    final List<SqlType> columnTypes;
    /**
     * For a write prepared with generated keys by column name: the signature of the key rows its RETURNING list
     * gives (the statement itself reports an update count); otherwise null.
     */
    final Meta.Signature keySignature;
    /** The engine types of the key rows' columns (with {@link #keySignature}). */
    final List<SqlType> keyTypes;

    private RowIterator rows;
    /** The control of the current execution, until its cursor closes (or at once for an update count). */
    private volatile StatementControl control;

    private long generation;
    /** Generations are unique across states: a re-executed statement gets a new state for the same handle. */
    private static final AtomicLong GENERATIONS = new AtomicLong();

    private long remaining = Long.MAX_VALUE;
    private GeneratedKeys generatedKeys = GeneratedKeys.NONE;
    private final List<String> warnings = new ArrayList<>();
    /**
     * The warnings as {@code getWarnings()} returns them, built once per execution: tools tell warnings apart by
     * identity (sqlline asks twice per statement and prints each warning it has not seen), so a new chain per call
     * printed each notice twice.
     */
    private SQLWarning warningChain;
    /** How many of {@link #warnings} are in {@link #warningChain} (later ones are appended to it, not rebuilt). */
    private int chained;

    private final ArrayDeque<StatementResult> pending = new ArrayDeque<>();

    StatementState(Command command, Meta.Signature signature, List<SqlType> columnTypes) {
        this(command, signature, columnTypes, null, List.of());
    }

    StatementState(
            Command command,
            Meta.Signature signature,
            List<SqlType> columnTypes,
            Meta.Signature keySignature,
            List<SqlType> keyTypes) {
        this.command = command;
        this.signature = signature;
        this.columnTypes = List.copyOf(columnTypes);
        this.keySignature = keySignature;
        this.keyTypes = List.copyOf(keyTypes);
    }

    synchronized void open(RowIterator rows, long maxRows) {
        closeCursor();
        this.rows = rows;
        this.generation = GENERATIONS.incrementAndGet();
        this.remaining = maxRows > 0 ? maxRows : Long.MAX_VALUE;
    }

    /** Which opening of a cursor is current: a ResultSet closes only the cursor it was created for. */
    synchronized long generation() {
        return generation;
    }

    /** Closes the cursor if it is still the one of that generation. */
    synchronized void closeRows(long ofGeneration) {
        if (ofGeneration == generation) {
            closeRows();
        }
    }

    synchronized RowIterator rows() {
        return rows;
    }

    synchronized long remaining() {
        return remaining;
    }

    synchronized void consumed(long count) {
        remaining -= count;
    }

    /**
     * Advances the cursor of that generation by exactly one row and returns it converted for Avatica, or null
     * at its end, once {@code setMaxRows} is reached, or when the cursor was closed or superseded by a newer
     * execution. The cursor is closed as soon as it is known to be exhausted: after its last row, or after the
     * row that reaches {@code setMaxRows} (no further request is made for it). The lock is not held while the
     * engine fetches (a page request can take long; closing from another thread must not wait for it). A
     * failure closes the cursor and propagates unchanged (it keeps its SQLSTATE).
     */
    Object[] nextRow(long ofGeneration) {
        RowIterator iterator;
        synchronized (this) {
            if (rows == null || generation != ofGeneration) {
                return null;
            }
            if (remaining <= 0) {
                closeRows();
                return null;
            }
            iterator = rows;
        }
        Object[] row;
        try {
            row = iterator.next() ? TypeMapping.toCursorRow(iterator.current(), columnTypes) : null;
        } catch (RuntimeException e) {
            closeRows(ofGeneration);
            throw e;
        }
        synchronized (this) {
            if (row == null) {
                closeRows(ofGeneration);
            } else if (generation == ofGeneration && --remaining <= 0) {
                closeRows();
            }
        }
        return row;
    }

    /** Closes the cursor and ends the execution's control (aborting the requests it still has in flight). */
    synchronized void closeRows() {
        try {
            closeCursor();
        } finally {
            StatementControl running = control;
            if (running != null) {
                control = null;
                running.close();
            }
        }
    }

    private void closeCursor() {
        if (rows != null) {
            try {
                rows.close();
            } finally {
                rows = null;
            }
        }
    }

    /** The control of the execution starting now; it ends with {@link #closeRows()}. */
    synchronized void running(StatementControl next) {
        StatementControl previous = control;
        control = next;
        if (previous != null && previous != next) {
            previous.close();
        }
    }

    /** {@code Statement.cancel()}: stops the running execution, if any (lock-free: it comes from another thread). */
    void cancel() {
        StatementControl running = control;
        if (running != null) {
            running.cancel();
        }
    }

    /** Forgets the previous execution's keys, warnings and pending results (a new execution starts). */
    synchronized void clearResults() {
        generatedKeys = GeneratedKeys.NONE;
        warnings.clear();
        warningChain = null;
        chained = 0;
        pending.clear();
    }

    /** Adds one statement's (or one batch entry's) generated keys and warnings to the execution's. */
    synchronized void addResults(GeneratedKeys keys, List<String> newWarnings) {
        generatedKeys = generatedKeys.append(keys);
        warnings.addAll(newWarnings);
    }

    synchronized GeneratedKeys generatedKeys() {
        return generatedKeys;
    }

    /** The results after the first of a multi-statement text, in order. */
    synchronized void pending(List<StatementResult> results) {
        pending.clear();
        pending.addAll(results);
    }

    /** The next result for {@code getMoreResults}, or null when there is none. */
    synchronized StatementResult nextPending() {
        return pending.pollFirst();
    }

    synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Whether a result still to come has rows (executeUpdate then fails, as pgjdbc). */
    synchronized boolean pendingHasRows() {
        return pending.stream().anyMatch(r -> r instanceof StatementResult.Rows);
    }

    /** The last execution's warnings, the same chain (and objects) on every call until the next execution or
     * {@code clearWarnings()}; null when none. */
    synchronized SQLWarning warningChain() {
        for (; chained < warnings.size(); chained++) {
            SQLWarning w = new SQLWarning(warnings.get(chained), SqlState.SUCCESSFUL_COMPLETION.code());
            if (warningChain == null) {
                warningChain = w;
            } else {
                warningChain.setNextWarning(w);
            }
        }
        return warningChain;
    }

    synchronized void clearWarnings() {
        warnings.clear();
        warningChain = null;
        chained = 0;
    }
}
