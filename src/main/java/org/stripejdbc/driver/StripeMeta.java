package org.stripejdbc.driver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.engine.RowIterator;
import org.stripejdbc.engine.ScanListener;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.runtime.StatementControl;
import org.stripejdbc.session.Command;
import org.stripejdbc.session.MetadataView;
import org.stripejdbc.types.PostgresText;
import org.stripejdbc.types.SqlType;

/**
 * The thin adapter between Avatica and the session: keeps the state of each statement handle, prepares
 * {@link Command}s (their signatures: {@link CommandSignatures}), executes them ({@link CommandRunner}), serves their
 * rows to the ResultSet one at a time as it is read ({@link RowCursor}: the first row is read by the execution,
 * every other one only when the caller asks for it, so a Stripe page is requested only for a row the caller wants),
 * enforces {@code setMaxRows}, cancellation and query timeouts, and hands Avatica the DatabaseMetaData result sets
 * that {@link MetadataQueries} answers from the session's {@link MetadataView}. No Stripe logic lives here.
 * {@link #fetch} still serves frames (of at most {@link #MAX_FRAME_ROWS} rows) to any caller of the Meta API.
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
        Optional<Command> returning = stripeConnection.session().prepareReturning(sql, keyColumns);
        if (returning.isEmpty()) {
            return prepareState(sql);
        }
        Command command = returning.get();
        CommandSignatures.QuerySignature keys = CommandSignatures.querySignature(command.columns(), sql);
        Signature update = Meta.Signature.create(
                List.of(), sql, CommandSignatures.parameters(command), CursorFactory.ARRAY, Meta.StatementType.UPDATE);
        return new StatementState(command, update, List.of(), keys.signature(), keys.types());
    }

    /**
     * The last prepared command's signature: running one text again (the engine then returns the same command)
     * reuses it.
     */
    private volatile PreparedSignature lastSignature;

    private record PreparedSignature(Command command, String sql, Meta.Signature signature, List<SqlType> types) {}

    private StatementState prepareState(String sql) {
        Command command = stripeConnection.session().prepare(sql);
        PreparedSignature last = lastSignature;
        if (last != null && last.command() == command && last.sql().equals(sql)) {
            return new StatementState(command, last.signature(), last.types());
        }
        CommandSignatures.QuerySignature query = CommandSignatures.querySignature(command.columns(), sql);
        Meta.Signature signature = Meta.Signature.create(
                query.signature().columns,
                sql,
                CommandSignatures.parameters(command),
                CursorFactory.ARRAY,
                CommandSignatures.statementType(command));
        lastSignature = new PreparedSignature(command, sql, signature, query.types());
        return new StatementState(command, signature, query.types());
    }

    @Override
    @SuppressWarnings("deprecation")
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
            throws NoSuchStatementException {
        return prepareAndExecute(h, sql, maxRowCount, -1, callback);
    }

    @Override
    public ExecuteResult prepareAndExecute(
            StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame, PrepareCallback callback)
            throws NoSuchStatementException {
        AvaticaStatement statement = stripeConnection.statementOf(h);
        List<String> keyColumns = statement instanceof StripeStatement s ? s.keyColumns() : null;
        StatementState state = keyColumns == null ? prepareState(sql) : keysState(sql, keyColumns);
        replaceState(h, state);
        h.signature = state.signature;
        CommandRunner.First first = run(h, state, List.of(), maxRowCount, false);
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
        MetaResultSet result =
                MetaResultSet.create(h.connectionId, h.id, false, signature, first.frame(), first.updateCount());
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
        CommandRunner.First first = run(h, state, parameters, maxRows, false);
        MetaResultSet result = first.updateCount() >= 0
                ? MetaResultSet.count(h.connectionId, h.id, first.updateCount())
                : MetaResultSet.create(
                        h.connectionId,
                        h.id,
                        false,
                        first.signature() != null ? first.signature() : state.signature,
                        first.frame());
        return new ExecuteResult(List.of(result));
    }

    /** One execution ({@link CommandRunner#run}), with the statement's cancel flag and query timeout. */
    private CommandRunner.First run(
            StatementHandle h, StatementState state, List<Object> parameters, long maxRows, boolean batchEntry) {
        return CommandRunner.run(state, parameters, maxRows, batchEntry, control(h), scanListener);
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
    public Iterable<Object> createIterable(
            StatementHandle h,
            QueryState queryState,
            Signature signature,
            List<TypedValue> parameterValues,
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
                throw BatchFailure.of(e, counts, i);
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
                List<Object> parameters =
                        ParameterValues.convert(parameterValues.get(i), stripeConnection.getTimeZone());
                // Each entry's generated keys and warnings are added to the batch's (one key per row written).
                counts[i] = Math.max(0, run(h, state, parameters, 0, true).updateCount());
                state.closeRows();
            } catch (RuntimeException e) {
                throw BatchFailure.of(e, counts, i);
            }
        }
        return new ExecuteBatchResult(counts);
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
    public boolean syncResults(StatementHandle sh, QueryState state, long offset) {
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
        return stripeConnection.resultSetOf(MetaResultSet.create(
                stripeConnection.id, newStatement().getId(), true, keys.signature(), keys.frame()));
    }

    SQLWarning warnings(StatementHandle h) {
        StatementState state = states.get(h.id);
        return state == null ? null : state.warningChain();
    }

    void clearWarnings(StatementHandle h) {
        StatementState state = states.get(h.id);
        if (state != null) {
            state.clearWarnings();
        }
    }

    private MetaResultSet metaResultSet(List<MetadataResults.Column> columns, List<Object[]> rows) {
        return MetaResultSet.create(
                stripeConnection.id,
                newStatement().getId(),
                true,
                MetadataResults.signature(columns),
                MetadataResults.frame(rows));
    }

    /**
     * The result set of {@code java.sql.Array.getResultSet()}: {@code INDEX} (int4) and {@code VALUE} of the element
     * type (of arrays of it when {@code nested}), from rows holding each value's Postgres text.
     */
    ResultSet arrayResultSet(List<Object[]> rows, SqlType element, boolean nested) throws SQLException {
        ResultColumn value = nested
                ? ResultColumn.of("VALUE", SqlType.ARRAY).withElementType(element)
                : ResultColumn.of("VALUE", element);
        CommandSignatures.QuerySignature signature =
                CommandSignatures.querySignature(List.of(ResultColumn.of("INDEX", SqlType.INTEGER), value), "");
        List<Object> frameRows = new ArrayList<>();
        for (Object[] row : rows) {
            Object text = row[1];
            Object engineValue = text == null || nested
                    ? text
                    : SqlExceptions.call(() -> PostgresText.parse((String) text, element, Instant.EPOCH));
            frameRows.add(TypeMapping.toFrameRow(new Object[] {row[0], engineValue}, signature.types()));
        }
        return stripeConnection.resultSetOf(MetaResultSet.create(
                stripeConnection.id,
                newStatement().getId(),
                true,
                signature.signature(),
                Meta.Frame.create(0, true, frameRows)));
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

    private MetaResultSet metaResultSet(MetadataResults.Table table) {
        return metaResultSet(table.columns(), table.rows());
    }

    private MetadataQueries metadata() {
        return new MetadataQueries(stripeConnection.session().metadata());
    }

    @Override
    public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
        return metaResultSet(metadata().schemas(schemaPattern.s));
    }

    @Override
    public MetaResultSet getCatalogs(ConnectionHandle ch) {
        return metaResultSet(MetadataQueries.catalogs());
    }

    @Override
    public MetaResultSet getTableTypes(ConnectionHandle ch) {
        return metaResultSet(MetadataQueries.tableTypes());
    }

    @Override
    public MetaResultSet getTables(
            ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern, List<String> typeList) {
        return metaResultSet(metadata().tables(schemaPattern.s, tableNamePattern.s, typeList));
    }

    @Override
    public MetaResultSet getColumns(
            ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern, Pat columnNamePattern) {
        return metaResultSet(metadata().columns(schemaPattern.s, tableNamePattern.s, columnNamePattern.s));
    }

    @Override
    public MetaResultSet getPrimaryKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metaResultSet(metadata().primaryKeys(schema, table));
    }

    @Override
    public MetaResultSet getImportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metaResultSet(metadata().importedKeys(schema, table));
    }

    @Override
    public MetaResultSet getExportedKeys(ConnectionHandle ch, String catalog, String schema, String table) {
        return metaResultSet(metadata().exportedKeys(schema, table));
    }

    @Override
    public MetaResultSet getCrossReference(
            ConnectionHandle ch,
            String parentCatalog,
            String parentSchema,
            String parentTable,
            String foreignCatalog,
            String foreignSchema,
            String foreignTable) {
        return metaResultSet(metadata().keys(parentSchema, parentTable, foreignSchema, foreignTable));
    }

    @Override
    public MetaResultSet getTypeInfo(ConnectionHandle ch) {
        return metaResultSet(MetadataQueries.typeInfo());
    }

    @Override
    public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
        return MetadataQueries.databaseProperties(super.getDatabaseProperties(ch));
    }
}
