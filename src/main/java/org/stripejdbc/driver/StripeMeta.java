package org.stripejdbc.driver;

import static org.stripejdbc.driver.MetadataResults.bool;
import static org.stripejdbc.driver.MetadataResults.integer;
import static org.stripejdbc.driver.MetadataResults.smallint;
import static org.stripejdbc.driver.MetadataResults.text;

import java.sql.BatchUpdateException;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.stripejdbc.session.Command;
import org.stripejdbc.session.CommandResult;
import org.stripejdbc.session.MetadataView;
import org.stripejdbc.session.Script;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.runtime.StatementControl;
import org.stripejdbc.types.SqlType;

/**
 * The thin adapter between Avatica and the engine: prepares and executes {@link Command}s, serves their rows
 * to the ResultSet one at a time as it is read ({@link RowCursor}: the first row is read by the execution, every
 * other one only when the caller asks for it, so a Stripe page is requested only for a row the caller wants),
 * enforces {@code setMaxRows}, cancellation and query timeouts, and answers DatabaseMetaData from the engine's
 * {@link MetadataView}. No Stripe logic lives here. {@link #fetch} still serves frames (of at most
 * {@link #MAX_FRAME_ROWS} rows) to any caller of the Meta API.
 */
final class StripeMeta extends MetaImpl {
    /** The most rows a frame carries: one Stripe page. */
    static final int MAX_FRAME_ROWS = 100;

    private final StripeConnection stripeConnection;
    private final Map<Integer, StatementState> states = new ConcurrentHashMap<>();
    private volatile ScanListener scanListener = ScanListener.NONE;

    StripeMeta(StripeConnection connection) {
        super(connection);
        this.stripeConnection = connection;
    }

    void setScanListener(ScanListener listener) {
        this.scanListener = listener == null ? ScanListener.NONE : listener;
    }

    // ------------------------------------------------------------------ prepare and execute

    @Override
    public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
        StatementState state = prepareState(sql);
        StatementHandle h = createStatement(ch);
        h.signature = state.signature;
        states.put(h.id, state);
        return h;
    }

    /**
     * Prepares {@code sql} for generated keys by column name ({@code prepareStatement(sql, new String[] {"id",
     * "created"})}): a single INSERT, UPDATE or DELETE runs with those columns as its RETURNING list, reports its
     * update count, and keeps the returned rows as its generated keys (as pgjdbc does). Any other text is prepared
     * as usual.
     */
    StatementHandle prepareWithKeys(ConnectionHandle ch, String sql, List<String> keyColumns) {
        StatementState state = keysState(sql, keyColumns);
        StatementHandle h = createStatement(ch);
        h.signature = state.signature;
        states.put(h.id, state);
        return h;
    }

    private StatementState keysState(String sql, List<String> keyColumns) {
        java.util.Optional<Command> returning = stripeConnection.session().prepareReturning(sql, keyColumns);
        if (returning.isEmpty()) {
            return prepareState(sql);
        }
        Command command = returning.get();
        QuerySignature keys = querySignature(command.columns(), sql);
        Signature update = Meta.Signature.create(List.of(), sql, parameters(command), CursorFactory.ARRAY,
                Meta.StatementType.UPDATE);
        return new StatementState(command, update, List.of(), keys.signature(), keys.types());
    }

    /** The last prepared command's signature: running one text again (the engine then returns the same command) reuses it. */
    private volatile PreparedSignature lastSignature;

    private record PreparedSignature(Command command, String sql, Meta.Signature signature, List<SqlType> types) {
    }

    private StatementState prepareState(String sql) {
        Command command = stripeConnection.session().prepare(sql);
        PreparedSignature last = lastSignature;
        if (last != null && last.command() == command && last.sql().equals(sql)) {
            return new StatementState(command, last.signature(), last.types());
        }
        QuerySignature query = querySignature(command.columns(), sql);
        Meta.Signature signature = Meta.Signature.create(query.signature().columns, sql, parameters(command),
                CursorFactory.ARRAY, statementType(command));
        lastSignature = new PreparedSignature(command, sql, signature, query.types());
        return new StatementState(command, signature, query.types());
    }

    /** The signature of rows with these columns, and the columns' engine types. */
    private record QuerySignature(Meta.Signature signature, List<SqlType> types) {
    }

    private static QuerySignature querySignature(List<ResultColumn> resultColumns, String sql) {
        List<ColumnMetaData> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        int index = 0;
        for (ResultColumn c : resultColumns) {
            columns.add(columnMetaData(index++, c));
            types.add(c.type());
        }
        return new QuerySignature(Meta.Signature.create(columns, sql, List.of(), CursorFactory.ARRAY,
                Meta.StatementType.SELECT), List.copyOf(types));
    }

    private static List<AvaticaParameter> parameters(Command command) {
        List<AvaticaParameter> parameters = new ArrayList<>();
        int p = 1;
        for (SqlType type : command.parameterTypes()) {
            parameters.add(new AvaticaParameter(type.isNumeric(), TypeMapping.precision(type), 0,
                    TypeMapping.jdbcType(type), TypeMapping.typeName(type), TypeMapping.className(type), "$" + p++));
        }
        return parameters;
    }

    private static Meta.StatementType statementType(Command command) {
        switch (command.kind()) {
            case QUERY: return Meta.StatementType.SELECT;
            case UPDATE: return Meta.StatementType.UPDATE;
            default: return Meta.StatementType.OTHER_DDL;
        }
    }

    private static ColumnMetaData columnMetaData(int index, ResultColumn c) {
        SqlType type = c.type();
        int scale = 0;
        // Avatica prints a timestamp's fraction to "precision" digits; Postgres prints none for whole seconds.
        int precision = type == SqlType.TIMESTAMP || type == SqlType.TIMESTAMPTZ || type == SqlType.TIME ? 0
                : TypeMapping.precision(type);
        return new ColumnMetaData(index, false, type == SqlType.TEXT || type == SqlType.UNKNOWN, true, false,
                DatabaseMetaData.columnNullableUnknown, type.isNumeric(), TypeMapping.displaySize(type), c.name(),
                c.name(), c.schema(), precision, scale, c.table(), null,
                TypeMapping.avaticaType(type), true, false, false, TypeMapping.className(type));
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
                                           PrepareCallback callback) throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
                                           PrepareCallback callback) throws NoSuchStatementException {
        AvaticaStatement statement = stripeConnection.statementOf(h);
        List<String> keyColumns = statement instanceof StripeStatement s ? s.keyColumns() : null;
        StatementState state = keyColumns == null ? prepareState(sql) : keysState(sql, keyColumns);
        replaceState(h, state);
        h.signature = state.signature;
        First first = run(h, state, List.of(), maxRowCount, false);
        Signature signature = first.signature() != null ? first.signature() : state.signature;
        try {
            synchronized (callback.getMonitor()) {
                callback.clear();
                callback.assign(signature, first.frame(), first.updateCount());
            }
            callback.execute();
        } catch (SQLException e) {
            throw new RuntimeException(e);
        }
        MetaResultSet result = MetaResultSet.create(h.connectionId, h.id, false, signature, first.frame(),
                first.updateCount());
        return new ExecuteResult(List.of(result));
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
            throws NoSuchStatementException {
        return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
            throws NoSuchStatementException {
        StatementState state = stateOf(h);
        List<Object> parameters = ParameterValues.convert(parameterValues, stripeConnection.getTimeZone());
        AvaticaStatement statement = stripeConnection.statementOf(h);
        long maxRows = 0;
        try {
            maxRows = statement == null ? 0 : statement.getLargeMaxRows();
        } catch (SQLException e) {
            // a closed statement: no cap to apply
        }
        First first = run(h, state, parameters, maxRows, false);
        MetaResultSet result = first.updateCount() >= 0
                ? MetaResultSet.count(h.connectionId, h.id, first.updateCount())
                : MetaResultSet.create(h.connectionId, h.id, false,
                        first.signature() != null ? first.signature() : state.signature, first.frame());
        return new ExecuteResult(List.of(result));
    }

    /**
     * What an execution hands Avatica first: an update count (rows null), or rows, streamed from the state's
     * cursor (signature and frame null: the statement's own) or complete in a frame (a multi-statement text).
     */
    private record First(long updateCount, Signature signature, Frame frame) {
        static final First STREAM = new First(-1, null, null);

        static First count(long count) {
            return new First(count, null, null);
        }
    }

    /**
     * Executes: a query's rows are opened in the state; a write's count, generated keys and warnings are recorded
     * (added to the batch's when {@code batchEntry}); a multi-statement text runs every statement.
     */
    private First run(StatementHandle h, StatementState state, List<Object> parameters, long maxRows,
                      boolean batchEntry) {
        checkParameterCount(state, parameters);
        state.closeRows();
        if (!batchEntry) {
            state.clearResults();
        }
        StatementControl control = control(h);
        state.running(control);
        ExecutionContext context = new ExecutionContext(parameters, Instant.now(), Math.max(0, maxRows),
                control, scanListener);
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
    private First runScript(StatementState state, Script script, ExecutionContext context, long maxRows) {
        List<StatementResult> results = new ArrayList<>();
        for (int i = 0; i < script.size(); i++) {
            try {
                Command command = script.prepare(i);
                CommandResult result = command.execute(context);
                if (result instanceof CommandResult.Rows rows) {
                    QuerySignature query = querySignature(command.columns(), script.text(i));
                    List<Object> frameRows = drain(rows, query.types(), maxRows);
                    results.add(new StatementResult.Rows(query.signature(), Frame.create(0, true, frameRows)));
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
                throw new StripeJdbcException(e.sqlState(), e.getMessage() + " (statement " + (i + 1) + " of "
                        + script.size() + "; the " + (i == 1 ? "statement" : i + " statements")
                        + " before it took effect)", e);
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

    /** The next result of a multi-statement text ({@code getMoreResults}), or null. */
    StatementResult nextResult(StatementHandle h) {
        StatementState state = states.get(h.id);
        return state == null ? null : state.nextPending();
    }

    boolean hasMoreResults(StatementHandle h) {
        StatementState state = states.get(h.id);
        return state != null && state.hasPending();
    }

    boolean moreResultsHaveRows(StatementHandle h) {
        StatementState state = states.get(h.id);
        return state != null && state.pendingHasRows();
    }

    private static void checkParameterCount(StatementState state, List<Object> parameters) {
        int expected = state.command.parameterTypes().size();
        if (parameters.size() < expected) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE,
                    "No value specified for parameter " + (parameters.size() + 1) + ".");
        }
    }

    /**
     * Cancellation ({@code Statement.cancel()}) and {@code setQueryTimeout} of one execution: polled by the engine,
     * and pushed to the HTTP exchanges in flight (see {@link StatementControl}), so that a statement waiting for
     * Stripe ends when it is cancelled or times out, not when the read timeout passes.
     */
    private StatementControl control(StatementHandle h) {
        AtomicBoolean cancelled;
        try {
            cancelled = stripeConnection.getCancelFlag(h);
        } catch (NoSuchStatementException e) {
            cancelled = new AtomicBoolean();
        }
        AvaticaStatement statement = stripeConnection.statementOf(h);
        int timeoutSeconds = 0;
        try {
            timeoutSeconds = statement == null ? 0 : statement.getQueryTimeout();
        } catch (SQLException e) {
            timeoutSeconds = 0;
        }
        cancelled.set(false);
        return new StatementControl(cancelled, stripeConnection.clock(), Math.max(0, timeoutSeconds) * 1_000_000_000L);
    }

    /** {@code Statement.cancel()}: stops the running execution of the statement and aborts its requests in flight. */
    void cancel(StatementHandle h) {
        StatementState state = states.get(h.id);
        if (state != null) {
            state.cancel();
        }
    }

    /**
     * The rows a result set reads: for an open engine cursor, a {@link RowCursor} that asks the engine for a row
     * only when the caller asks for it (Avatica's own iterator reads one row ahead, which requests the next
     * Stripe page while the caller still reads the last row of the current one). Metadata and other in-memory
     * results keep Avatica's frame iteration.
     */
    @Override
    public Iterable<Object> createIterable(StatementHandle h, org.apache.calcite.avatica.QueryState queryState,
                                          Signature signature, List<TypedValue> parameterValues,
                                          Frame firstFrame) {
        StatementState state = firstFrame == null ? states.get(h.id) : null;
        if (state != null && state.rows() != null) {
            RowCursor cursor = new RowCursor(state, state.generation());
            return () -> cursor;
        }
        return super.createIterable(h, queryState, signature, parameterValues, firstFrame);
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
            throws NoSuchStatementException, MissingResultsException {
        StatementState state = stateOf(h);
        RowIterator rows = state.rows();
        if (rows == null) {
            return Frame.create(offset, true, List.of());
        }
        int limit = fetchMaxRowCount > 0 ? Math.min(fetchMaxRowCount, MAX_FRAME_ROWS) : MAX_FRAME_ROWS;
        long remaining = state.remaining();
        List<Object> frameRows = new ArrayList<>(Math.min(limit, 128));
        boolean done = false;
        try {
            while (frameRows.size() < limit) {
                if (frameRows.size() >= remaining || !rows.next()) {
                    done = true;
                    break;
                }
                frameRows.add(TypeMapping.toFrameRow(rows.current(), state.columnTypes));
            }
            state.consumed(frameRows.size());
            if (!done && state.remaining() <= 0) {
                done = true;
            }
        } catch (RuntimeException e) {
            state.closeRows();
            throw e;
        }
        if (done) {
            state.closeRows();
        }
        return Frame.create(offset, done, frameRows);
    }

    @Override
    public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
            throws NoSuchStatementException {
        long[] counts = new long[sqlCommands.size()];
        for (int i = 0; i < sqlCommands.size(); i++) {
            try {
                StatementState state = prepareState(sqlCommands.get(i));
                replaceState(h, state);
                counts[i] = Math.max(0, run(h, state, List.of(), 0, false).updateCount());
                state.closeRows();
            } catch (RuntimeException e) {
                throw batchFailure(e, counts, i);
            }
        }
        return new ExecuteBatchResult(counts);
    }

    @Override
    public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
            throws NoSuchStatementException {
        StatementState state = stateOf(h);
        state.clearResults();
        long[] counts = new long[parameterValues.size()];
        for (int i = 0; i < parameterValues.size(); i++) {
            try {
                List<Object> parameters = ParameterValues.convert(parameterValues.get(i),
                        stripeConnection.getTimeZone());
                // Each entry's generated keys and warnings are added to the batch's (one key per row written).
                counts[i] = Math.max(0, run(h, state, parameters, 0, true).updateCount());
                state.closeRows();
            } catch (RuntimeException e) {
                throw batchFailure(e, counts, i);
            }
        }
        return new ExecuteBatchResult(counts);
    }

    private static RuntimeException batchFailure(RuntimeException e, long[] counts, int failedIndex) {
        SQLException cause = SqlExceptions.translate(e);
        long[] done = java.util.Arrays.copyOf(counts, failedIndex);
        BatchUpdateException batch = new BatchUpdateException("batch entry " + failedIndex + " failed after "
                + failedIndex + " succeeded: " + cause.getMessage(), cause.getSQLState(), 0, done, cause);
        return new BatchFailure(batch);
    }

    /** Carries a BatchUpdateException through Avatica's RuntimeException-only Meta interface. */
    static final class BatchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final BatchUpdateException batch;

        BatchFailure(BatchUpdateException batch) {
            super(batch.getMessage(), batch);
            this.batch = batch;
        }
    }

    private StatementState stateOf(StatementHandle h) throws NoSuchStatementException {
        StatementState state = states.get(h.id);
        if (state == null) {
            throw new NoSuchStatementException(h);
        }
        return state;
    }

    private void replaceState(StatementHandle h, StatementState state) {
        StatementState old = states.put(h.id, state);
        if (old != null && old != state) {
            old.closeRows();
        }
    }

    /** The generation of the statement's current cursor (see {@link StatementState#generation()}). */
    long cursorGeneration(StatementHandle h) {
        StatementState state = states.get(h.id);
        return state == null ? -1 : state.generation();
    }

    /**
     * Called when a ResultSet closes: stop its scan, unless the statement has already moved on to a newer
     * cursor (Avatica closes the previous ResultSet after the next execution has opened its cursor).
     */
    void closeCursor(StatementHandle h, long generation) {
        StatementState state = states.get(h.id);
        if (state != null) {
            state.closeRows(generation);
        }
    }

    @Override
    public void closeStatement(StatementHandle h) {
        StatementState state = states.remove(h.id);
        if (state != null) {
            state.closeRows();
        }
    }

    @Override
    public boolean syncResults(StatementHandle sh, org.apache.calcite.avatica.QueryState state, long offset) {
        return false;
    }

    @Override
    public void commit(ConnectionHandle ch) {
        // autocommit only: every statement has already taken effect
    }

    @Override
    public void rollback(ConnectionHandle ch) {
        // autocommit only: nothing to roll back
    }

    @Override
    public void closeConnection(ConnectionHandle ch) {
        for (StatementState state : states.values()) {
            state.closeRows();
        }
        states.clear();
        stripeConnection.session().close();
    }

    // ------------------------------------------------------------------ generated keys and warnings

    ResultSet generatedKeys(AvaticaStatement statement, StatementHandle h) throws SQLException {
        StatementState state = states.get(h.id);
        GeneratedKeys keys = state == null ? GeneratedKeys.NONE : state.generatedKeys();
        return stripeConnection.resultSetOf(MetaResultSet.create(stripeConnection.id, newStatement().getId(), true,
                keys.signature(), keys.frame()));
    }

    SQLWarning warnings(StatementHandle h) {
        StatementState state = states.get(h.id);
        if (state == null) {
            return null;
        }
        SQLWarning first = null;
        for (String message : state.warnings()) {
            SQLWarning w = new SQLWarning(message, SqlState.SUCCESSFUL_COMPLETION.code());
            if (first == null) {
                first = w;
            } else {
                first.setNextWarning(w);
            }
        }
        return first;
    }

    void clearWarnings(StatementHandle h) {
        StatementState state = states.get(h.id);
        if (state != null) {
            state.clearWarnings();
        }
    }

    private MetaResultSet metaResultSet(List<MetadataResults.Column> columns, List<Object[]> rows) {
        return MetaResultSet.create(stripeConnection.id, newStatement().getId(), true,
                MetadataResults.signature(columns), MetadataResults.frame(rows));
    }

    /** A statement of its own for an in-memory result set (metadata, generated keys). */
    private AvaticaStatement newStatement() {
        try {
            return stripeConnection.createStatement();
        } catch (SQLException e) {
            throw new StripeJdbcException(SqlState.CONNECTION_EXCEPTION, "connection is closed", e);
        }
    }

    // ------------------------------------------------------------------ DatabaseMetaData

    private MetadataView metadata() {
        return stripeConnection.session().metadata();
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        List<Object[]> rows = new ArrayList<>();
        for (String schema : metadata().schemas()) {
            if (MetadataResults.matches(schemaPattern.s, schema)) {
                rows.add(new Object[] {schema, null});
            }
        }
        return metaResultSet(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return metaResultSet(List.of(text("TABLE_CAT")), List.of());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        List<Object[]> rows = new ArrayList<>();
        for (String type : List.of("FOREIGN TABLE", "SYSTEM TABLE", "SYSTEM VIEW", "TABLE", "VIEW")) {
            rows.add(new Object[] {type});
        }
        return metaResultSet(List.of(text("TABLE_TYPE")), rows);
    }

    @Override
    public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                   List<String> typeList) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : metadata().tables()) {
            if (MetadataResults.matches(schemaPattern.s, t.schema())
                    && MetadataResults.matches(tableNamePattern.s, t.name())
                    && (typeList == null || typeList.contains(t.type()))) {
                rows.add(new Object[] {null, t.schema(), t.name(), t.type(), t.remarks(), null, null, null, null,
                        null});
            }
        }
        return metaResultSet(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                text("TABLE_TYPE"), text("REMARKS"), text("TYPE_CAT"), text("TYPE_SCHEM"), text("TYPE_NAME"),
                text("SELF_REFERENCING_COL_NAME"), text("REF_GENERATION")), rows);
    }

    @Override
    public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
                                    Pat columnNamePattern) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : metadata().tables()) {
            if (!MetadataResults.matches(schemaPattern.s, t.schema())
                    || !MetadataResults.matches(tableNamePattern.s, t.name())) {
                continue;
            }
            int ordinal = 0;
            for (MetadataView.ColumnInfo c : t.columns()) {
                ordinal++;
                if (!MetadataResults.matches(columnNamePattern.s, c.name())) {
                    continue;
                }
                SqlType type = c.type();
                int precision = TypeMapping.precision(type);
                rows.add(new Object[] {null, t.schema(), t.name(), c.name(), TypeMapping.jdbcType(type),
                        c.typeName(), precision, null, type.isNumeric() ? 0 : null, type.isNumeric() ? 10 : null,
                        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                        c.remarks(), null, null, null, type == SqlType.TEXT ? precision : null, ordinal,
                        c.nullable() ? "YES" : "NO", null, null, null, null, "NO", "NO"});
            }
        }
        return metaResultSet(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"), text("COLUMN_NAME"),
                integer("DATA_TYPE"), text("TYPE_NAME"), integer("COLUMN_SIZE"), integer("BUFFER_LENGTH"),
                integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"), integer("NULLABLE"), text("REMARKS"),
                text("COLUMN_DEF"), integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"),
                integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"), text("IS_NULLABLE"),
                text("SCOPE_CATALOG"), text("SCOPE_SCHEMA"), text("SCOPE_TABLE"), smallint("SOURCE_DATA_TYPE"),
                text("IS_AUTOINCREMENT"), text("IS_GENERATEDCOLUMN")), rows);
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : metadata().tables()) {
            if ((schema == null || schema.equals(t.schema())) && (table == null || table.equals(t.name()))) {
                short sequence = 1;
                for (String column : t.primaryKey()) {
                    rows.add(new Object[] {null, t.schema(), t.name(), column, sequence++, t.name() + "_pkey"});
                }
            }
        }
        return metaResultSet(List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"),
                text("COLUMN_NAME"), smallint("KEY_SEQ"), text("PK_NAME")), rows);
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        List<Object[]> rows = new ArrayList<>();
        for (SqlType type : SqlType.values()) {
            if (type == SqlType.UNKNOWN || type == SqlType.ARRAY) {
                continue;
            }
            boolean text = type == SqlType.TEXT || type.isJson();
            String quote = text || type == SqlType.TIMESTAMP || type == SqlType.TIMESTAMPTZ || type == SqlType.DATE
                    || type == SqlType.TIME || type == SqlType.INTERVAL || type == SqlType.UUID ? "'" : null;
            rows.add(new Object[] {TypeMapping.typeName(type), TypeMapping.jdbcType(type),
                    TypeMapping.precision(type), quote, quote, null, (short) DatabaseMetaData.typeNullable,
                    text, (short) DatabaseMetaData.typeSearchable, !type.isNumeric(), false, false,
                    TypeMapping.typeName(type), (short) 0, (short) (type == SqlType.NUMERIC ? 1000 : 0), null, null,
                    type.isNumeric() ? 10 : null});
        }
        return metaResultSet(List.of(text("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
                text("LITERAL_PREFIX"), text("LITERAL_SUFFIX"), text("CREATE_PARAMS"), smallint("NULLABLE"),
                bool("CASE_SENSITIVE"), smallint("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"), bool("FIXED_PREC_SCALE"),
                bool("AUTO_INCREMENT"), text("LOCAL_TYPE_NAME"), smallint("MINIMUM_SCALE"), smallint("MAXIMUM_SCALE"),
                integer("SQL_DATA_TYPE"), integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX")), rows);
    }

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        Map<DatabaseProperty, Object> properties = new java.util.EnumMap<>(DatabaseProperty.class);
        properties.putAll(super.getDatabaseProperties(ch));
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Stripe");
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, StripeDriver.VERSION);
        properties.put(DatabaseProperty.GET_DRIVER_NAME, "stripe-jdbc");
        properties.put(DatabaseProperty.GET_DRIVER_VERSION, StripeDriver.VERSION);
        properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, java.sql.Connection.TRANSACTION_NONE);
        properties.put(DatabaseProperty.GET_STRING_FUNCTIONS,
                "concat,length,lower,upper,replace,substring,position,split_part,trim,initcap");
        properties.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, "abs,ceil,floor,round");
        properties.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, "now,date_trunc,extract,date_part,to_timestamp");
        properties.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, "coalesce,nullif,greatest,least");
        return properties;
    }
}
