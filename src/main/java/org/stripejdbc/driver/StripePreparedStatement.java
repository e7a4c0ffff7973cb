package org.stripejdbc.driver;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Types;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSite;
import org.apache.calcite.avatica.Meta;
import org.stripejdbc.error.SqlState;

/**
 * A prepared statement. Adds what Avatica leaves out or gets wrong: java.time parameters ({@code setObject(i,
 * LocalDateTime)} and friends, sent as UTC wall-clock timestamps, the same convention as result columns),
 * {@code setObject} with a target type converted as pgjdbc converts it ({@link ParameterBinding}; Avatica throws
 * {@code RuntimeException("not implemented")} for {@code Types.OTHER}), the JDBC 4.0 setters (text streams read,
 * binary refused; Avatica silently ignores several), parameter numbers checked (22023), generated keys, the results
 * of a parameterless multi-statement text ({@link MoreResults}), and SQLSTATE-preserving error translation.
 */
final class StripePreparedStatement extends AvaticaPreparedStatement {

    StripePreparedStatement(
            AvaticaConnection connection,
            Meta.StatementHandle h,
            Meta.Signature signature,
            int resultSetType,
            int resultSetConcurrency,
            int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    private StripeMeta meta() {
        return ((StripeConnection) connection).stripeMeta();
    }

    @Override
    public boolean execute() throws SQLException {
        kept.closeAll();
        return SqlExceptions.call(super::execute);
    }

    /** As pgjdbc: exactly one result, with rows (02000 without, 0100E with several). */
    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        boolean rows = execute();
        return MoreResults.singleResultSet(rows, getResultSet(), meta().hasMoreResults(handle));
    }

    /** As pgjdbc: no result with rows (0100E, after running); the first result's count. */
    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        boolean rows = execute();
        MoreResults.checkNoRows(rows, meta().moreResultsHaveRows(handle));
        return getLargeUpdateCount();
    }

    private final MoreResults.Kept kept = new MoreResults.Kept();

    /** Moves to the next result of a multi-statement text ({@link MoreResults}). */
    @Override
    public synchronized boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        MoreResults.Next next = kept.next(this, openResultSet, current);
        openResultSet = next.resultSet();
        updateCount = next.updateCount();
        return openResultSet != null;
    }

    @Override
    public synchronized void close() throws SQLException {
        kept.closeAll();
        super.close();
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return SqlExceptions.call(super::executeBatch);
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return SqlExceptions.call(super::executeLargeBatch);
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return SqlExceptions.call(() -> super.execute(sql));
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        return SqlExceptions.call(() -> super.executeQuery(sql));
    }

    /**
     * Sets the cancel flag (Avatica) and stops the running execution at once: its requests in flight are aborted,
     * so the executing thread fails with 57014 now rather than when Stripe answers or the read timeout passes.
     */
    @Override
    public void cancel() throws SQLException {
        super.cancel();
        meta().cancel(handle);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return meta().generatedKeys(this, handle);
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return meta().warnings(handle);
    }

    @Override
    public void clearWarnings() throws SQLException {
        meta().clearWarnings(handle);
    }

    /** Checks the parameter number first: 22023 naming it and the count, as pgjdbc (Avatica: no SQLSTATE). */
    @Override
    protected AvaticaParameter getParameter(int param) throws SQLException {
        checkOpen();
        int count = getParameterCount();
        if (param < 1 || param > count) {
            throw JdbcErrors.parameterIndex(param, count);
        }
        return super.getParameter(param);
    }

    @Override
    public int isNullable(int param) throws SQLException {
        getParameter(param);
        return super.isNullable(param);
    }

    @Override
    protected AvaticaSite getSite(int param) throws SQLException {
        getParameter(param);
        return super.getSite(param);
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw JdbcErrors.closed("Statement");
        }
    }

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        getSite(parameterIndex).setObject(ParameterBinding.untypedValue(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        setObject(parameterIndex, x, targetSqlType, -1);
    }

    /**
     * Converted for the target type as pgjdbc converts ({@link ParameterBinding}); {@code Types.OTHER} binds text
     * that its context types, which is how pgjdbc users bind jsonb ({@code setObject(i, json, Types.OTHER)}).
     */
    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        AvaticaSite site = getSite(parameterIndex);
        if (x == null) {
            site.setNull(targetSqlType);
            return;
        }
        site.setObject(ParameterBinding.convert(
                x, targetSqlType, isDecimal(targetSqlType) ? scaleOrLength : -1, parameterIndex));
    }

    private static boolean isDecimal(int type) {
        return type == Types.NUMERIC || type == Types.DECIMAL;
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(parameterIndex, x, vendorType(targetSqlType, parameterIndex), scaleOrLength);
    }

    @Override
    public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
        setObject(parameterIndex, x, vendorType(targetSqlType, parameterIndex), -1);
    }

    private static int vendorType(SQLType type, int parameterIndex) throws SQLException {
        Integer number = type == null ? null : type.getVendorTypeNumber();
        if (number == null) {
            throw JdbcErrors.create(
                    "parameter " + parameterIndex + ": unsupported SQLType " + type, SqlState.INVALID_PARAMETER_TYPE);
        }
        return number;
    }

    /** The type name is only a hint for user-defined types; Avatica alone ignores the call (the value stays unset). */
    @Override
    public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
        setNull(parameterIndex, sqlType);
    }

    @Override
    public void setURL(int parameterIndex, URL x) throws SQLException {
        throw notSupported("URL values (bind url.toString() with setString)", parameterIndex);
    }

    @Override
    public void setRef(int parameterIndex, Ref x) throws SQLException {
        throw notSupported("REF values", parameterIndex);
    }

    @Override
    public void setBlob(int parameterIndex, Blob x) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setClob(int parameterIndex, Clob x) throws SQLException {
        setText(parameterIndex, x == null ? null : x.getCharacterStream(), -1);
    }

    @Override
    public void setBytes(int parameterIndex, byte[] x) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    @Deprecated
    public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setText(parameterIndex, x == null ? null : new InputStreamReader(x, StandardCharsets.UTF_8), -1);
    }

    /** A character stream bound as its text (at most {@code length} characters; negative: all of it). */
    private void setText(int parameterIndex, Reader reader, long length) throws SQLException {
        AvaticaSite site = getSite(parameterIndex);
        if (reader == null) {
            site.setNull(Types.VARCHAR);
        } else {
            site.setString(ParameterBinding.read(reader, length, parameterIndex));
        }
    }

    /** 0A000 for a binary value (there is no bytea), after the parameter number is checked (22023). */
    private SQLException binary(int parameterIndex) throws SQLException {
        getSite(parameterIndex);
        return ParameterBinding.binary(parameterIndex);
    }

    /** 0A000 for {@code what}, after the parameter number is checked (22023). */
    private SQLException notSupported(String what, int parameterIndex) throws SQLException {
        getSite(parameterIndex);
        return ParameterBinding.notSupported(what, parameterIndex);
    }

    private static Reader ascii(InputStream x) {
        return x == null ? null : new InputStreamReader(x, StandardCharsets.US_ASCII);
    }

    // JDBC 4.0 setters Avatica leaves abstract or ignores: text streams are read into a string, binary refused.

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        throw notSupported("ROWID values", parameterIndex);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        getSite(parameterIndex).setString(value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        setText(parameterIndex, value, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        setText(parameterIndex, value == null ? null : value.getCharacterStream(), -1);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setText(parameterIndex, reader, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        setText(parameterIndex, reader, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        throw notSupported("xml values (bind the text with setString)", parameterIndex);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        setText(parameterIndex, ascii(x), length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
        setText(parameterIndex, ascii(x), length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        setText(parameterIndex, reader, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, int length) throws SQLException {
        setText(parameterIndex, reader, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        setText(parameterIndex, ascii(x), -1);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        setText(parameterIndex, reader, -1);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        setText(parameterIndex, value, -1);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        setText(parameterIndex, reader, -1);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        throw binary(parameterIndex);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        setText(parameterIndex, reader, -1);
    }
}
