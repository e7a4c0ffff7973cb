package org.stripejdbc.driver;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement. Adds what Avatica leaves out: java.time parameters ({@code setObject(i,
 * LocalDateTime)} and friends, sent as UTC wall-clock timestamps, the same convention as result columns),
 * the JDBC 4.0 setters, generated keys, and SQLSTATE-preserving error translation.
 */
final class StripePreparedStatement extends AvaticaPreparedStatement {

    StripePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
                            int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    private StripeMeta meta() {
        return ((StripeConnection) connection).stripeMeta();
    }

    @Override
    public boolean execute() throws SQLException {
        return SqlExceptions.call(super::execute);
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        return SqlExceptions.call(super::executeQuery);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return SqlExceptions.call(super::executeLargeUpdate);
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

    @Override
    public void setObject(int parameterIndex, Object x) throws SQLException {
        super.setObject(parameterIndex, toJdbcValue(x));
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
        super.setObject(parameterIndex, toJdbcValue(x), targetSqlType);
    }

    @Override
    public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        super.setObject(parameterIndex, toJdbcValue(x), targetSqlType);
    }

    /** java.time values become the JDBC classes Avatica understands, keeping UTC wall-clock semantics. */
    private static Object toJdbcValue(Object x) {
        if (x instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        if (x instanceof OffsetDateTime t) {
            return Timestamp.valueOf(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (x instanceof ZonedDateTime t) {
            return Timestamp.valueOf(t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        }
        if (x instanceof Instant i) {
            return Timestamp.valueOf(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (x instanceof LocalDate d) {
            return java.sql.Date.valueOf(d);
        }
        if (x instanceof LocalTime t) {
            return java.sql.Time.valueOf(t);
        }
        if (x instanceof java.util.UUID || x instanceof Character || x instanceof Enum<?>) {
            return x.toString();
        }
        return x;
    }

    // JDBC 4.0 setters Avatica leaves abstract; each goes to the parameter's site like Avatica's own.

    @Override
    public void setRowId(int parameterIndex, RowId x) throws SQLException {
        getSite(parameterIndex).setRowId(x);
    }

    @Override
    public void setNString(int parameterIndex, String value) throws SQLException {
        getSite(parameterIndex).setNString(value);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value, long length) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(value, length);
    }

    @Override
    public void setNClob(int parameterIndex, NClob value) throws SQLException {
        getSite(parameterIndex).setNClob(value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setClob(reader, length);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream, long length) throws SQLException {
        getSite(parameterIndex).setBlob(inputStream, length);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setNClob(reader, length);
    }

    @Override
    public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
        getSite(parameterIndex).setSQLXML(xmlObject);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x, length);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x, length);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader, long length) throws SQLException {
        getSite(parameterIndex).setCharacterStream(reader, length);
    }

    @Override
    public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setAsciiStream(x);
    }

    @Override
    public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
        getSite(parameterIndex).setBinaryStream(x);
    }

    @Override
    public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setCharacterStream(reader);
    }

    @Override
    public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
        getSite(parameterIndex).setNCharacterStream(value);
    }

    @Override
    public void setClob(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setClob(reader);
    }

    @Override
    public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
        getSite(parameterIndex).setBlob(inputStream);
    }

    @Override
    public void setNClob(int parameterIndex, Reader reader) throws SQLException {
        getSite(parameterIndex).setNClob(reader);
    }
}
