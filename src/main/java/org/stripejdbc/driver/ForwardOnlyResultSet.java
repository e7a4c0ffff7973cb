package org.stripejdbc.driver;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.stripejdbc.error.SqlState;

/**
 * The JDBC contract of every result set of the driver, whatever its values: forward-only and read-only (the only
 * kind Stripe rows can give; the connection downgrades other requests with a warning), and every failure an
 * {@link SQLException} with a SQLSTATE that names what is wrong, as pgjdbc reports it:
 * <pre>
 *   rs.getString(99)          22023  The column index is out of range: 99, number of columns: 8.
 *   rs.getString("nope")      42703  The column name nope was not found in this ResultSet.
 *   rs.last()                 24000  Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.
 *   rs.updateString(1, "x")   24000  ResultSets with concurrency CONCUR_READ_ONLY cannot be updated.
 *   rs.getBlob(1)             0A000  large objects are not supported (column 1, id): read text with getString
 *   after close()             55000  This ResultSet is closed.
 * </pre>
 * Avatica alone answers these with {@code IndexOutOfBoundsException}s or SQLExceptions without SQLSTATE. Values
 * themselves (numbers, text, timestamps) are converted by {@link StripeResultSet}; the label variants of every
 * getter go through {@link #findColumn} to the index variant, so each conversion is written once.
 */
abstract class ForwardOnlyResultSet extends ReadOnlyResultSet {
    /** The rows below the cursor ({@link #execute()}), for {@link #isLast()}; null before execution. */
    private Iterator<Object> rows;

    private static final String NO_TEXT_LOBS =
            "large objects are not supported: read the value with getString or getCharacterStream";

    ForwardOnlyResultSet(
            AvaticaStatement statement,
            QueryState state,
            Meta.Signature signature,
            ResultSetMetaData resultSetMetaData,
            TimeZone timeZone,
            Meta.Frame firstFrame)
            throws SQLException {
        super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
    }

    // ------------------------------------------------------------------ state and columns

    /** Checks that the result set is open and that {@code columnIndex} names one of its columns. */
    final void checkColumn(int columnIndex) throws SQLException {
        checkOpen();
        if (columnIndex < 1 || columnIndex > columnMetaDataList.size()) {
            throw JdbcErrors.columnIndex(columnIndex, columnMetaDataList.size());
        }
    }

    /** The column's metadata (1-based), after {@link #checkColumn}. */
    final ColumnMetaData column(int columnIndex) {
        return columnMetaDataList.get(columnIndex - 1);
    }

    /** Case-insensitive, the first of equal labels (JDBC); an unknown label is 42703 naming it. */
    @Override
    public int findColumn(String columnLabel) throws SQLException {
        checkOpen();
        if (columnLabel != null) {
            for (ColumnMetaData c : columnMetaDataList) {
                if (c.label.equalsIgnoreCase(columnLabel)) {
                    return c.ordinal + 1;
                }
            }
        }
        throw JdbcErrors.create(
                "The column name " + columnLabel + " was not found in this ResultSet.", SqlState.UNDEFINED_COLUMN);
    }

    /** "column 3 (created, timestamp)": how messages name a column. */
    final String describeColumn(int columnIndex) {
        ColumnMetaData c = column(columnIndex);
        return "column " + columnIndex + " (" + c.label + ", " + c.type.name + ")";
    }

    /** 22000: the column's value cannot be read as {@code target}. */
    final SQLException cannotConvert(int columnIndex, String target, Throwable cause) {
        return SqlExceptions.create(
                "cannot convert " + describeColumn(columnIndex) + " to " + target,
                SqlState.DATA_EXCEPTION.code(),
                cause);
    }

    /** A getter of Avatica's, its failures given a SQLSTATE naming the column and the target. */
    interface Read<T> {
        T read() throws SQLException;
    }

    final <T> T read(int columnIndex, String target, Read<T> read) throws SQLException {
        checkColumn(columnIndex);
        try {
            return read.read();
        } catch (SQLException e) {
            if (e.getSQLState() != null) {
                throw e;
            }
            throw cannotConvert(columnIndex, target, e);
        } catch (RuntimeException e) {
            throw cannotConvert(columnIndex, target, e);
        }
    }

    /** 0A000 for {@code what}, naming the column, once the column is checked (55000, 22023). */
    final SQLException notSupported(int columnIndex, String what) throws SQLException {
        checkColumn(columnIndex);
        return JdbcErrors.create(what + " (" + describeColumn(columnIndex) + ")", SqlState.FEATURE_NOT_SUPPORTED);
    }

    // ------------------------------------------------------------------ getters Avatica cannot do or gets wrong

    /** The value's text as bytes (UTF-8), as pgjdbc gives the text of any column that is not bytea. */
    @Override
    public byte[] getBytes(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public InputStream getAsciiStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public InputStream getBinaryStream(int columnIndex) throws SQLException {
        byte[] b = getBytes(columnIndex);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int columnIndex) throws SQLException {
        String s = getString(columnIndex);
        return s == null ? null : new StringReader(s);
    }

    @Override
    public Reader getNCharacterStream(int columnIndex) throws SQLException {
        return getCharacterStream(columnIndex);
    }

    @Override
    public String getNString(int columnIndex) throws SQLException {
        return getString(columnIndex);
    }

    /** Without type mappings, {@link #getObject(int)}; user-defined type mappings are not supported (as pgjdbc). */
    @Override
    public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
        if (map == null || map.isEmpty()) {
            return getObject(columnIndex);
        }
        throw notSupported(columnIndex, "user-defined type mappings are not supported");
    }

    @Override
    public Array getArray(int columnIndex) throws SQLException {
        return read(columnIndex, "java.sql.Array", () -> super.getArray(columnIndex));
    }

    @Override
    public Ref getRef(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, "REF values are not supported");
    }

    @Override
    public Blob getBlob(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, "large objects are not supported: read the value with getString or getBytes");
    }

    @Override
    public Clob getClob(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, NO_TEXT_LOBS);
    }

    @Override
    public NClob getNClob(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, NO_TEXT_LOBS);
    }

    @Override
    public SQLXML getSQLXML(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, "xml values are not supported: read the value with getString");
    }

    @Override
    public RowId getRowId(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, "ROWID values are not supported");
    }

    @Override
    public URL getURL(int columnIndex) throws SQLException {
        throw notSupported(columnIndex, "URL values are not supported: read the value with getString");
    }

    @Override
    public String getCursorName() throws SQLException {
        checkOpen();
        return null;
    }

    // ------------------------------------------------------------------ every label variant: by index

    @Override
    public String getString(String columnLabel) throws SQLException {
        return getString(findColumn(columnLabel));
    }

    @Override
    public boolean getBoolean(String columnLabel) throws SQLException {
        return getBoolean(findColumn(columnLabel));
    }

    @Override
    public byte getByte(String columnLabel) throws SQLException {
        return getByte(findColumn(columnLabel));
    }

    @Override
    public short getShort(String columnLabel) throws SQLException {
        return getShort(findColumn(columnLabel));
    }

    @Override
    public int getInt(String columnLabel) throws SQLException {
        return getInt(findColumn(columnLabel));
    }

    @Override
    public long getLong(String columnLabel) throws SQLException {
        return getLong(findColumn(columnLabel));
    }

    @Override
    public float getFloat(String columnLabel) throws SQLException {
        return getFloat(findColumn(columnLabel));
    }

    @Override
    public double getDouble(String columnLabel) throws SQLException {
        return getDouble(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
        return getBigDecimal(findColumn(columnLabel), scale);
    }

    @Override
    public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
        return getBigDecimal(findColumn(columnLabel));
    }

    @Override
    public byte[] getBytes(String columnLabel) throws SQLException {
        return getBytes(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel) throws SQLException {
        return getDate(findColumn(columnLabel));
    }

    @Override
    public Date getDate(String columnLabel, Calendar calendar) throws SQLException {
        return getDate(findColumn(columnLabel), calendar);
    }

    @Override
    public Time getTime(String columnLabel) throws SQLException {
        return getTime(findColumn(columnLabel));
    }

    @Override
    public Time getTime(String columnLabel, Calendar calendar) throws SQLException {
        return getTime(findColumn(columnLabel), calendar);
    }

    @Override
    public Timestamp getTimestamp(String columnLabel) throws SQLException {
        return getTimestamp(findColumn(columnLabel));
    }

    @Override
    public Timestamp getTimestamp(String columnLabel, Calendar calendar) throws SQLException {
        return getTimestamp(findColumn(columnLabel), calendar);
    }

    @Override
    public InputStream getAsciiStream(String columnLabel) throws SQLException {
        return getAsciiStream(findColumn(columnLabel));
    }

    @Override
    @Deprecated
    public InputStream getUnicodeStream(String columnLabel) throws SQLException {
        return getUnicodeStream(findColumn(columnLabel));
    }

    @Override
    public InputStream getBinaryStream(String columnLabel) throws SQLException {
        return getBinaryStream(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel) throws SQLException {
        return getObject(findColumn(columnLabel));
    }

    @Override
    public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(columnLabel), map);
    }

    @Override
    public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
        return getObject(findColumn(columnLabel), type);
    }

    @Override
    public Reader getCharacterStream(String columnLabel) throws SQLException {
        return getCharacterStream(findColumn(columnLabel));
    }

    @Override
    public Reader getNCharacterStream(String columnLabel) throws SQLException {
        return getNCharacterStream(findColumn(columnLabel));
    }

    @Override
    public String getNString(String columnLabel) throws SQLException {
        return getNString(findColumn(columnLabel));
    }

    @Override
    public Array getArray(String columnLabel) throws SQLException {
        return getArray(findColumn(columnLabel));
    }

    @Override
    public Ref getRef(String columnLabel) throws SQLException {
        return getRef(findColumn(columnLabel));
    }

    @Override
    public Blob getBlob(String columnLabel) throws SQLException {
        return getBlob(findColumn(columnLabel));
    }

    @Override
    public Clob getClob(String columnLabel) throws SQLException {
        return getClob(findColumn(columnLabel));
    }

    @Override
    public NClob getNClob(String columnLabel) throws SQLException {
        return getNClob(findColumn(columnLabel));
    }

    @Override
    public SQLXML getSQLXML(String columnLabel) throws SQLException {
        return getSQLXML(findColumn(columnLabel));
    }

    @Override
    public RowId getRowId(String columnLabel) throws SQLException {
        return getRowId(findColumn(columnLabel));
    }

    @Override
    public URL getURL(String columnLabel) throws SQLException {
        return getURL(findColumn(columnLabel));
    }

    // ------------------------------------------------------------------ forward-only

    /** 24000 once the result set is checked open (55000 when closed), as pgjdbc refuses a scroll. */
    private SQLException notScrollable() throws SQLException {
        checkOpen();
        return JdbcErrors.create(
                "Operation requires a scrollable ResultSet, but this ResultSet is FORWARD_ONLY.",
                SqlState.INVALID_CURSOR_STATE);
    }

    @Override
    public boolean previous() throws SQLException {
        throw notScrollable();
    }

    @Override
    public boolean first() throws SQLException {
        throw notScrollable();
    }

    @Override
    public boolean last() throws SQLException {
        throw notScrollable();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        throw notScrollable();
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        throw notScrollable();
    }

    @Override
    public void beforeFirst() throws SQLException {
        throw notScrollable();
    }

    @Override
    public void afterLast() throws SQLException {
        throw notScrollable();
    }

    /**
     * Whether the current row is the last, as pgjdbc answers it: false before the first row, after the last and on
     * an empty result. It reads the next row ahead only when asked, so that {@code isLast()} on row 100 of a
     * 100-row Stripe page requests the next page (to know whether a row follows) while plain {@code next()} calls
     * never read ahead ({@link RowCursor}); the row read ahead is the one the next {@code next()} returns.
     */
    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        if (rows == null) {
            throw JdbcErrors.create("isLast() is not supported on this result set", SqlState.FEATURE_NOT_SUPPORTED);
        }
        if (getRow() == 0 || isBeforeFirst() || isAfterLast()) {
            return false;
        }
        return !SqlExceptions.call(rows::hasNext);
    }

    /**
     * As Avatica's, keeping the row iterator below the cursor: a {@link RowCursor} (or Avatica's frame iterator)
     * reads a row in {@code hasNext()} and hands it out in {@code next()}, so {@link #isLast()} can ask it.
     */
    @Override
    protected AvaticaResultSet execute() throws SQLException {
        if (!(statement.connection instanceof StripeConnection connection)) {
            return super.execute();
        }
        Iterable<Object> iterable =
                connection.stripeMeta().createIterable(statement.handle, state, signature, List.of(), firstFrame);
        Iterator<Object> iterator = iterable.iterator();
        rows = iterator;
        return execute2(MetaImpl.createCursor(signature.cursorFactory, () -> iterator), columnMetaDataList);
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        switch (direction) {
            case ResultSet.FETCH_FORWARD:
                super.setFetchDirection(direction);
                return;
            case ResultSet.FETCH_REVERSE:
            case ResultSet.FETCH_UNKNOWN:
                throw notScrollable();
            default:
                throw JdbcErrors.create(
                        "Invalid fetch direction constant: " + direction + ".", SqlState.INVALID_PARAMETER_VALUE);
        }
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }
}
