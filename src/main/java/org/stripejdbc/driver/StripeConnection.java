package org.stripejdbc.driver;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import java.util.function.LongSupplier;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.stripejdbc.config.ConnectionProperty;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.session.Session;
import org.stripejdbc.sql.parse.JdbcText;

/**
 * A connection: one engine {@link Session}. Stripe has no transactions: every statement takes effect in Stripe when
 * it runs. So that pools and tools work, {@code setAutoCommit(false)}, {@code commit()} and
 * {@code setTransactionIsolation} are accepted, but nothing is hidden: {@code getTransactionIsolation()} is always
 * {@code TRANSACTION_NONE}, and the first {@code rollback()} (and the first request for an isolation level) adds a
 * {@link SQLWarning} to the connection saying that nothing was undone. As with pgjdbc, {@code commit()} and
 * {@code rollback()} in auto-commit mode fail with 25P01. Result sets are forward-only and read-only; asking for
 * another kind downgrades it with a warning (as the JDBC specification allows) and the statement reports the kind
 * it really has. {@code setReadOnly(true)} is enforced (writes fail with 25006). {@code isValid} makes no request.
 */
final class StripeConnection extends AvaticaConnection {
    private final Session session;
    private final JdbcUrl jdbcUrl;
    private final Properties clientInfo = new Properties();

    StripeConnection(StripeDriver driver, AvaticaFactory factory, String url, Properties info) throws SQLException {
        super(driver, factory, url, info);
        try {
            this.jdbcUrl = JdbcUrl.parse(url, info);
            List<String> propertyWarnings = jdbcUrl.checkProperties(); // a bad value fails here, not at a query
            this.session = driver.sessionFactory().open(jdbcUrl.catalogSpec(), jdbcUrl.properties());
            if (ConnectionProperty.PROGRESS.bool(jdbcUrl.properties())) {
                stripeMeta().setScanListener(new StderrScanProgress(System.err));
            }
            propertyWarnings.forEach(w -> addWarning(w, SqlState.WARNING));
        } catch (StripeJdbcException e) {
            throw SqlExceptions.toSqlException(e);
        }
    }

    /**
     * Avatica's view of the connection properties, read once: Avatica alone builds a new one, and parses every
     * property again, for each statement ({@code fetchSize}) and result set ({@code timeZone}). Our own properties
     * are likewise fixed when the connection opens. Not final: Avatica's constructor calls {@link #config()}
     * before this class's fields are assigned.
     */
    private ConnectionConfig config;

    @Override
    public ConnectionConfig config() {
        ConnectionConfig known = config;
        if (known == null) {
            known = new FixedConnectionConfig(info);
            config = known;
        }
        return known;
    }

    /** The {@code timeZone} property's zone, else the JVM's default zone at the time of the call. */
    @Override
    public TimeZone getTimeZone() {
        String name = config().timeZone();
        return name == null ? TimeZone.getDefault() : TimeZone.getTimeZone(name);
    }

    /** Avatica's connection config with the values read per statement and result set computed once. */
    private static final class FixedConnectionConfig extends ConnectionConfigImpl {
        private final int fetchSize;
        private final String timeZone;

        FixedConnectionConfig(Properties properties) {
            super(properties);
            this.fetchSize = super.fetchSize();
            this.timeZone = super.timeZone();
        }

        @Override
        public int fetchSize() {
            return fetchSize;
        }

        @Override
        public String timeZone() {
            return timeZone;
        }
    }

    /** The monotonic clock for query timeouts (the driver's; tests inject one). */
    LongSupplier clock() {
        return ((StripeDriver) driver).clock();
    }

    Session session() {
        return session;
    }

    JdbcUrl jdbcUrl() {
        return jdbcUrl;
    }

    StripeMeta stripeMeta() {
        return (StripeMeta) meta;
    }

    @Override
    public PreparedStatement prepareStatement(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        checkOpen();
        checkResultSetKind(resultSetType, resultSetConcurrency, resultSetHoldability);
        // JDBC escapes are translated when the statement is prepared, as pgjdbc does.
        return SqlExceptions.call(() -> super.prepareStatement(
                sql == null ? null : JdbcText.escapes(sql),
                ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY,
                resultSetHoldability));
    }

    @Override
    public AvaticaStatement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        checkResultSetKind(resultSetType, resultSetConcurrency, resultSetHoldability);
        return super.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, resultSetHoldability);
    }

    /**
     * Stripe rows are read once, in order: a scrollable or updatable result set is downgraded to forward-only and
     * read-only with a warning on the connection (JDBC allows this). Values that are no JDBC constant are 22023.
     */
    private void checkResultSetKind(int type, int concurrency, int holdability) throws SQLException {
        String typeName = switch (type) {
            case ResultSet.TYPE_FORWARD_ONLY -> "TYPE_FORWARD_ONLY";
            case ResultSet.TYPE_SCROLL_INSENSITIVE -> "TYPE_SCROLL_INSENSITIVE";
            case ResultSet.TYPE_SCROLL_SENSITIVE -> "TYPE_SCROLL_SENSITIVE";
            default ->
                throw JdbcErrors.create(
                        "Unknown value for ResultSet type: " + type + ".", SqlState.INVALID_PARAMETER_VALUE);
        };
        String concurrencyName = switch (concurrency) {
            case ResultSet.CONCUR_READ_ONLY -> "CONCUR_READ_ONLY";
            case ResultSet.CONCUR_UPDATABLE -> "CONCUR_UPDATABLE";
            default ->
                throw JdbcErrors.create(
                        "Unknown value for ResultSet concurrency: " + concurrency + ".",
                        SqlState.INVALID_PARAMETER_VALUE);
        };
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw JdbcErrors.create(
                    "Unknown value for ResultSet holdability: " + holdability + ".", SqlState.INVALID_PARAMETER_VALUE);
        }
        if (type != ResultSet.TYPE_FORWARD_ONLY || concurrency != ResultSet.CONCUR_READ_ONLY) {
            addWarning(
                    "Stripe results are read once, in order: the result set requested as " + typeName + ", "
                            + concurrencyName + " is TYPE_FORWARD_ONLY, CONCUR_READ_ONLY",
                    SqlState.WARNING);
        }
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
        return prepareCall(sql, resultSetType, resultSetConcurrency, getHoldability());
    }

    @Override
    public CallableStatement prepareCall(
            String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
        checkOpen();
        throw JdbcErrors.create(
                "CallableStatement is not supported: call functions in a select with a " + "PreparedStatement",
                SqlState.FEATURE_NOT_SUPPORTED);
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw JdbcErrors.closed("Connection");
        }
    }

    // ------------------------------------------------------------------ warnings and (no) transactions

    private SQLWarning warnings;
    private boolean rollbackWarned;
    private boolean isolationWarned;

    private synchronized void addWarning(String message, SqlState state) {
        SQLWarning warning = new SQLWarning(message, state.code());
        if (warnings == null) {
            warnings = warning;
        } else {
            warnings.setNextWarning(warning);
        }
    }

    @Override
    public synchronized SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return warnings;
    }

    @Override
    public synchronized void clearWarnings() throws SQLException {
        checkOpen();
        warnings = null;
    }

    /** What is really provided: no isolation at all, whatever was asked for. */
    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return TRANSACTION_NONE;
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        String name = switch (level) {
            case TRANSACTION_NONE -> null;
            case TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
            case TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
            case TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
            case TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
            default ->
                throw JdbcErrors.create(
                        "Transaction isolation level " + level + " not supported.", SqlState.INVALID_PARAMETER_VALUE);
        };
        synchronized (this) {
            if (name != null && !isolationWarned) {
                isolationWarned = true;
                addWarning(
                        "Stripe has no transactions: isolation level " + name + " is not provided, every statement "
                                + "takes effect in Stripe when it runs (getTransactionIsolation() stays "
                                + "TRANSACTION_NONE)",
                        SqlState.WARNING);
            }
        }
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (getAutoCommit()) {
            throw JdbcErrors.create("Cannot commit when autoCommit is enabled.", SqlState.NO_ACTIVE_SQL_TRANSACTION);
        }
        // Every statement has already taken effect in Stripe: there is nothing left to commit.
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (getAutoCommit()) {
            throw JdbcErrors.create("Cannot rollback when autoCommit is enabled.", SqlState.NO_ACTIVE_SQL_TRANSACTION);
        }
        synchronized (this) {
            if (!rollbackWarned) {
                rollbackWarned = true;
                addWarning(
                        "Stripe has no transactions: rollback() undid nothing, every statement took effect in "
                                + "Stripe when it ran",
                        SqlState.NO_ACTIVE_SQL_TRANSACTION);
            }
        }
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        throw noSavepoints();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw noSavepoints();
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw noSavepoints();
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw noSavepoints();
    }

    /** 0A000 once the connection is checked open (08003 when closed). */
    private SQLException noSavepoints() throws SQLException {
        checkOpen();
        return JdbcErrors.create(
                "Stripe has no transactions: savepoints are not supported", SqlState.FEATURE_NOT_SUPPORTED);
    }

    /** {@code RETURN_GENERATED_KEYS}: {@code getGeneratedKeys()} has the {@code id} of every row written. */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        MoreResults.checkAutoGeneratedKeys(autoGeneratedKeys);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        MoreResults.checkColumnIndexes(columnIndexes);
        return prepareStatement(sql);
    }

    /**
     * Generated keys by column name: an INSERT, UPDATE or DELETE runs with those columns as its RETURNING list
     * ({@code "*"}: all), as pgjdbc runs it, and {@code getGeneratedKeys()} has them for every row written.
     */
    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        if (columnNames == null || columnNames.length == 0) {
            return prepareStatement(sql);
        }
        checkOpen();
        List<String> columns = List.of(columnNames);
        return SqlExceptions.call(() -> {
            Meta.StatementHandle h = stripeMeta().prepareWithKeys(handle, sql, columns);
            return factory.newPreparedStatement(
                    this, h, h.signature, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, getHoldability());
        });
    }

    /** A result set over complete rows of {@code statement} (the next result of a multi-statement text). */
    StripeResultSet openResultSet(AvaticaStatement statement, StatementResult.Rows rows) throws SQLException {
        StripeResultSet resultSet = (StripeResultSet)
                factory.newResultSet(statement, new QueryState(), rows.signature(), getTimeZone(), rows.frame());
        return resultSet.open();
    }

    @Override
    public boolean isValid(int timeout) throws SQLException {
        if (timeout < 0) {
            throw new SQLException("isValid: timeout must not be negative", "22023");
        }
        return !isClosed();
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return session.currentSchema();
    }

    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        SqlExceptions.call(() -> {
            session.setCurrentSchema(schema);
            return null;
        });
    }

    /** Read-only is enforced, not a hint: writes then fail with SQLSTATE 25006 before any request. */
    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        super.setReadOnly(readOnly);
        session.setReadOnly(readOnly);
        this.readOnly = readOnly;
    }

    /**
     * Writable until {@code setReadOnly(true)}: Avatica alone reports an unset flag as read-only, which
     * makes pools and Avatica's own JdbcMeta skip a later {@code setReadOnly(true)}.
     */
    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    private volatile boolean readOnly;

    /** The type map is always empty: there are no user-defined types (Avatica alone throws here). */
    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        return new HashMap<>();
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) {
            throw new SQLFeatureNotSupportedException("user-defined type mappings are not supported", "0A000");
        }
    }

    /**
     * Client info (DBeaver and IntelliJ set {@code ApplicationName}) is kept for {@link #getClientInfo} only: it is
     * never sent to Stripe. Avatica alone refuses it.
     */
    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        checkOpenForClientInfo();
        if (name == null) {
            return;
        }
        if (value == null) {
            clientInfo.remove(name);
        } else {
            clientInfo.setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        checkOpenForClientInfo();
        clientInfo.clear();
        if (properties != null) {
            properties.stringPropertyNames().forEach(n -> clientInfo.setProperty(n, properties.getProperty(n)));
        }
    }

    private void checkOpenForClientInfo() throws SQLClientInfoException {
        boolean closed;
        try {
            closed = isClosed();
        } catch (SQLException e) {
            closed = true;
        }
        if (closed) {
            throw new SQLClientInfoException("connection is closed", "08003", Map.of());
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return name == null ? null : clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo);
        return copy;
    }

    @Override
    public java.sql.Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        checkOpen();
        return StripeArray.of(typeName, elements == null ? new Object[0] : elements);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return SqlExceptions.call(() -> JdbcText.escapes(sql));
    }

    /** A result set built from in-memory metadata rows (used for DatabaseMetaData and generated keys). */
    ResultSet resultSetOf(Meta.MetaResultSet metaResultSet) throws SQLException {
        return createResultSet(metaResultSet, new QueryState());
    }

    /** The statement with that handle, if still open. */
    AvaticaStatement statementOf(Meta.StatementHandle h) {
        return statementMap.get(h.id);
    }

    @Override
    public String toString() {
        return "StripeConnection[" + jdbcUrl + "]";
    }
}
