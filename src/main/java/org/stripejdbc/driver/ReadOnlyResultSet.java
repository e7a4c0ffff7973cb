package org.stripejdbc.driver;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.stripejdbc.error.SqlState;

/**
 * The read-only half of the driver's result-set contract: a closed result set is {@code 55000 This ResultSet is
 * closed.}, and every method that would change a row ({@code updateString}, {@code insertRow}, {@code deleteRow}...,
 * by index and by label) is {@code 24000 ResultSets with concurrency CONCUR_READ_ONLY cannot be updated.}, as pgjdbc
 * says it: Stripe rows change only through UPDATE statements. {@link ForwardOnlyResultSet} adds the rest.
 */
abstract class ReadOnlyResultSet extends AvaticaResultSet {

    ReadOnlyResultSet(
            AvaticaStatement statement,
            QueryState state,
            Meta.Signature signature,
            ResultSetMetaData resultSetMetaData,
            TimeZone timeZone,
            Meta.Frame firstFrame)
            throws SQLException {
        super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
    }

    @Override
    protected void checkOpen() throws SQLException {
        if (isClosed()) {
            throw JdbcErrors.closed("ResultSet");
        }
    }

    private SQLException notUpdatable() throws SQLException {
        checkOpen();
        return JdbcErrors.create(
                "ResultSets with concurrency CONCUR_READ_ONLY cannot be updated.", SqlState.INVALID_CURSOR_STATE);
    }

    @Override
    public void insertRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void deleteRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void refreshRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void cancelRowUpdates() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void moveToInsertRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void moveToCurrentRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType, int scaleOrLength)
            throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(int columnIndex, Object x, SQLType targetSqlType) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(String columnLabel, Object x, SQLType targetSqlType) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNull(int columnIndex) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBoolean(int columnIndex, boolean x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateByte(int columnIndex, byte x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateShort(int columnIndex, short x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateInt(int columnIndex, int x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateLong(int columnIndex, long x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateFloat(int columnIndex, float x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateDouble(int columnIndex, double x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBigDecimal(int columnIndex, BigDecimal x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateString(int columnIndex, String x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBytes(int columnIndex, byte[] x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateDate(int columnIndex, Date x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateTime(int columnIndex, Time x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateTimestamp(int columnIndex, Timestamp x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(int columnIndex, Object x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(int columnIndex, Object x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNull(String columnLabel) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBoolean(String columnLabel, boolean x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateByte(String columnLabel, byte x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateShort(String columnLabel, short x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateInt(String columnLabel, int x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateLong(String columnLabel, long x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateFloat(String columnLabel, float x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateDouble(String columnLabel, double x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBigDecimal(String columnLabel, BigDecimal x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateString(String columnLabel, String x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBytes(String columnLabel, byte[] x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateDate(String columnLabel, Date x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateTime(String columnLabel, Time x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateTimestamp(String columnLabel, Timestamp x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(String columnLabel, Object x, int length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateObject(String columnLabel, Object x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateRow() throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateRef(int columnIndex, Ref x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateRef(String columnLabel, Ref x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(int columnIndex, Blob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(String columnLabel, Blob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(int columnIndex, Clob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(String columnLabel, Clob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateArray(int columnIndex, Array x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateArray(String columnLabel, Array x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateRowId(int columnIndex, RowId x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateRowId(String columnLabel, RowId x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNString(int columnIndex, String x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNString(String columnLabel, String x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(int columnIndex, NClob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(String columnLabel, NClob x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateSQLXML(int columnIndex, SQLXML x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateSQLXML(String columnLabel, SQLXML x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(int columnIndex, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(String columnLabel, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x, long length) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(int columnIndex, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(int columnIndex, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(int columnIndex, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateAsciiStream(String columnLabel, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBinaryStream(String columnLabel, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateCharacterStream(String columnLabel, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(int columnIndex, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateBlob(String columnLabel, InputStream x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(int columnIndex, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateClob(String columnLabel, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(int columnIndex, Reader x) throws SQLException {
        throw notUpdatable();
    }

    @Override
    public void updateNClob(String columnLabel, Reader x) throws SQLException {
        throw notUpdatable();
    }
}
