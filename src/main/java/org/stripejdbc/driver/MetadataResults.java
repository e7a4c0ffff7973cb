package org.stripejdbc.driver;

import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Builds the fixed-shape result sets of {@code DatabaseMetaData} (getTables, getColumns...) as array frames
 * with explicit column metadata, and matches JDBC name patterns ({@code %}, {@code _}, {@code \} escape).
 */
final class MetadataResults {
    private MetadataResults() {}

    /** A column of a metadata result: its JDBC name and type. */
    record Column(String name, int jdbcType) {}

    /** A whole metadata result: its columns and its rows (in the order JDBC documents for the method). */
    record Table(List<Column> columns, List<Object[]> rows) {}

    static Column text(String name) {
        return new Column(name, Types.VARCHAR);
    }

    static Column integer(String name) {
        return new Column(name, Types.INTEGER);
    }

    static Column smallint(String name) {
        return new Column(name, Types.SMALLINT);
    }

    static Column bool(String name) {
        return new Column(name, Types.BOOLEAN);
    }

    static List<ColumnMetaData> columnMetaData(List<Column> columns) {
        List<ColumnMetaData> out = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            ColumnMetaData.Rep rep;
            String typeName;
            switch (c.jdbcType()) {
                case Types.INTEGER:
                    rep = ColumnMetaData.Rep.INTEGER;
                    typeName = "int4";
                    break;
                case Types.SMALLINT:
                    rep = ColumnMetaData.Rep.SHORT;
                    typeName = "int2";
                    break;
                case Types.BOOLEAN:
                    rep = ColumnMetaData.Rep.BOOLEAN;
                    typeName = "bool";
                    break;
                default:
                    rep = ColumnMetaData.Rep.STRING;
                    typeName = "text";
            }
            out.add(new ColumnMetaData(
                    i,
                    false,
                    true,
                    false,
                    false,
                    DatabaseMetaData.columnNullable,
                    true,
                    0,
                    c.name(),
                    c.name(),
                    null,
                    0,
                    0,
                    null,
                    null,
                    ColumnMetaData.scalar(c.jdbcType(), typeName, rep),
                    true,
                    false,
                    false,
                    rep.clazz.getName()));
        }
        return out;
    }

    static Meta.Signature signature(List<Column> columns) {
        return Meta.Signature.create(
                columnMetaData(columns), "", List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    }

    static Meta.Frame frame(List<Object[]> rows) {
        return Meta.Frame.create(0, true, new ArrayList<>(rows));
    }

    /** Whether {@code value} matches a JDBC pattern; a null pattern matches everything. */
    static boolean matches(String pattern, String value) {
        if (pattern == null) {
            return true;
        }
        if (value == null) {
            return false;
        }
        return toRegex(pattern).matcher(value).matches();
    }

    private static Pattern toRegex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
