package org.stripejdbc.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.StatementControl;
import org.stripejdbc.session.Command;
import org.stripejdbc.session.CommandResult;
import org.stripejdbc.session.Script;
import org.stripejdbc.types.SqlType;

/**
 * Runs one execution of a prepared statement's {@link Command} for {@link StripeMeta}: checks the parameters,
 * executes with the statement's control, and records the outcome in its {@link StatementState} (an open cursor, an
 * update count, generated keys, warnings, the pending results of a multi-statement text). Example: executing
 * {@code update stripe.customers set name = ? where id = ?} with {@code ["n", "cus_1"]} records the count 1 and
 * the warning {@code updated customers cus_1}, and returns {@code First.count(1)}.
 */
final class CommandRunner {
    private CommandRunner() {}

    /**
     * What an execution hands Avatica first: an update count (rows null), or rows, streamed from the state's
     * cursor (signature and frame null: the statement's own) or complete in a frame (a multi-statement text).
     */
    record First(long updateCount, Meta.Signature signature, Meta.Frame frame) {
        static final First STREAM = new First(-1, null, null);

        static First count(long count) {
            return new First(count, null, null);
        }
    }

    /**
     * Executes: a query's rows are opened in the state; a modify's count, generated keys and warnings are recorded
     * (added to the batch's when {@code batchEntry}); a multi-statement text runs every statement. {@code control}
     * is the execution's cancel and timeout; it is closed here unless rows stay open (then with the cursor).
     */
    static First run(
            StatementState state,
            List<Object> parameters,
            long maxRows,
            boolean batchEntry,
            StatementControl control,
            ScanListener scanListener) {
        checkParameterCount(state, parameters);
        state.closeRows();
        if (!batchEntry) {
            state.clearResults();
        }
        state.running(control);
        ExecutionContext context =
                new ExecutionContext(parameters, Instant.now(), Math.max(0, maxRows), control, scanListener);
        if (state.command instanceof Script script) {
            try {
                return runScript(state, script, context, maxRows);
            } finally {
                control.close(); // every result is complete: nothing is left in flight
            }
        }
        CommandResult result;
        try {
            result = state.command.execute(context);
        } catch (RuntimeException | Error e) {
            control.close();
            throw e;
        }
        if (result instanceof CommandResult.Rows rows && state.keySignature != null) {
            // A write with generated keys by name: its RETURNING rows are the keys, its result the count.
            try {
                List<Object> keys = drain(rows, state.keyTypes, 0);
                state.addResults(new GeneratedKeys(state.keySignature, keys), rows.warnings());
                return First.count(keys.size());
            } finally {
                control.close();
            }
        }
        if (result instanceof CommandResult.Rows rows) {
            state.addResults(GeneratedKeys.NONE, rows.warnings());
            // The control lives as long as the cursor: closing it aborts requests still in flight.
            state.open(rows.rows(), maxRows);
            return First.STREAM;
        }
        control.close();
        CommandResult.Count count = (CommandResult.Count) result;
        state.addResults(GeneratedKeys.ids(count.generatedKeys()), count.warnings());
        return First.count(count.count());
    }

    /**
     * Runs every statement of a multi-statement text in order, as pgjdbc sends them: each query's rows are read
     * completely (at most {@code maxRows}) before the next statement runs, so that they show the state before it.
     * The first result is returned, the others wait for {@code getMoreResults}. A failing statement stops the text;
     * the ones before it have taken effect in Stripe (there are no transactions), which its message says.
     */
    private static First runScript(StatementState state, Script script, ExecutionContext context, long maxRows) {
        List<StatementResult> results = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            try {
                Command command = script.prepare(i);
                CommandResult result = command.execute(context);
                if (result instanceof CommandResult.Rows rows) {
                    CommandSignatures.QuerySignature query =
                            CommandSignatures.querySignature(command.columns(), script.text(i));
                    List<Object> frameRows = drain(rows, query.types(), maxRows);
                    results.add(new StatementResult.Rows(query.signature(), Meta.Frame.create(0, true, frameRows)));
                    state.addResults(GeneratedKeys.NONE, rows.warnings());
                } else {
                    CommandResult.Count count = (CommandResult.Count) result;
                    results.add(new StatementResult.Count(count.count()));
                    state.addResults(GeneratedKeys.ids(count.generatedKeys()), count.warnings());
                }
            } catch (StripeJdbcException e) {
                if (i == 0) {
                    throw e;
                }
                throw new StripeJdbcException(
                        e.sqlState(),
                        e.getMessage() + " (statement " + (i + 1) + " of "
                                + script.size() + "; the " + (i == 1 ? "statement" : i + " statements")
                                + " before it took effect)",
                        e);
            }
        }
        state.pending(results.subList(1, results.size()));
        StatementResult first = results.get(0);
        if (first instanceof StatementResult.Rows rows) {
            return new First(-1, rows.signature(), rows.frame());
        }
        return First.count(((StatementResult.Count) first).count());
    }

    /** Reads all rows (at most {@code maxRows} when positive) converted for Avatica, and closes them. */
    private static List<Object> drain(CommandResult.Rows rows, List<SqlType> types, long maxRows) {
        List<Object> out = new ArrayList<>();
        try (RowIterator iterator = rows.rows()) {
            while ((maxRows <= 0 || out.size() < maxRows) && iterator.next()) {
                out.add(TypeMapping.toFrameRow(iterator.current(), types));
            }
        }
        return out;
    }

    private static void checkParameterCount(StatementState state, List<Object> parameters) {
        int expected = state.command.parameterTypes().size();
        if (parameters.size() < expected) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "No value specified for parameter " + (parameters.size() + 1) + ".");
        }
    }
}
