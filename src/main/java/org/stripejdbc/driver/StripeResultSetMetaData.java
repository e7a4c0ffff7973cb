package org.stripejdbc.driver;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's result set metadata, with a column number out of range reported as pgjdbc does
 * ({@code 22023 The column index is out of range: 9, number of columns: 8.}) instead of an
 * {@code IndexOutOfBoundsException}.
 */
final class StripeResultSetMetaData extends AvaticaResultSetMetaData {
    private final int columnCount;

    StripeResultSetMetaData(AvaticaStatement statement, Meta.Signature signature) {
        super(statement, null, signature);
        this.columnCount = signature.columns.size();
    }

    private void check(int column) throws SQLException {
        if (column < 1 || column > columnCount) {
            throw JdbcErrors.columnIndex(column, columnCount);
        }
    }

    @Override
    public boolean isAutoIncrement(int column) throws SQLException {
        check(column);
        return super.isAutoIncrement(column);
    }

    @Override
    public boolean isCaseSensitive(int column) throws SQLException {
        check(column);
        return super.isCaseSensitive(column);
    }

    @Override
    public boolean isSearchable(int column) throws SQLException {
        check(column);
        return super.isSearchable(column);
    }

    @Override
    public boolean isCurrency(int column) throws SQLException {
        check(column);
        return super.isCurrency(column);
    }

    @Override
    public int isNullable(int column) throws SQLException {
        check(column);
        return super.isNullable(column);
    }

    @Override
    public boolean isSigned(int column) throws SQLException {
        check(column);
        return super.isSigned(column);
    }

    @Override
    public int getColumnDisplaySize(int column) throws SQLException {
        check(column);
        return super.getColumnDisplaySize(column);
    }

    @Override
    public String getColumnLabel(int column) throws SQLException {
        check(column);
        return super.getColumnLabel(column);
    }

    @Override
    public String getColumnName(int column) throws SQLException {
        check(column);
        return super.getColumnName(column);
    }

    @Override
    public String getSchemaName(int column) throws SQLException {
        check(column);
        return super.getSchemaName(column);
    }

    @Override
    public int getPrecision(int column) throws SQLException {
        check(column);
        return super.getPrecision(column);
    }

    @Override
    public int getScale(int column) throws SQLException {
        check(column);
        return super.getScale(column);
    }

    @Override
    public String getTableName(int column) throws SQLException {
        check(column);
        return super.getTableName(column);
    }

    @Override
    public String getCatalogName(int column) throws SQLException {
        check(column);
        return super.getCatalogName(column);
    }

    @Override
    public int getColumnType(int column) throws SQLException {
        check(column);
        // Arrays travel through Avatica as their Postgres text; JDBC sees them as java.sql.Array, as pgjdbc does.
        String typeName = super.getColumnTypeName(column);
        return typeName != null && typeName.startsWith("_") ? java.sql.Types.ARRAY : super.getColumnType(column);
    }

    @Override
    public String getColumnTypeName(int column) throws SQLException {
        check(column);
        return super.getColumnTypeName(column);
    }

    @Override
    public boolean isReadOnly(int column) throws SQLException {
        check(column);
        return super.isReadOnly(column);
    }

    @Override
    public boolean isWritable(int column) throws SQLException {
        check(column);
        return super.isWritable(column);
    }

    @Override
    public boolean isDefinitelyWritable(int column) throws SQLException {
        check(column);
        return super.isDefinitelyWritable(column);
    }

    @Override
    public String getColumnClassName(int column) throws SQLException {
        check(column);
        return super.getColumnClassName(column);
    }
}
