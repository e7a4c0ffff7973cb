package org.stripejdbc.driver;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.Meta.CursorFactory;
import org.stripejdbc.engine.ResultColumn;
import org.stripejdbc.session.Command;
import org.stripejdbc.types.SqlType;

/**
 * What Avatica is told about a prepared {@link Command}: the columns of its rows ({@link ColumnMetaData} from the
 * engine's {@link ResultColumn}s, through {@link TypeMapping}), its parameters ({@code $1}, {@code $2}...) and its
 * statement type. Example: {@code select id, amount from stripe.charges where customer = ?} gives a SELECT signature
 * with columns {@code id} (VARCHAR, text) and {@code amount} (BIGINT, int8) and one parameter {@code $1} (VARCHAR).
 */
final class CommandSignatures {
    private CommandSignatures() {}

    /** The signature of rows with these columns, and the columns' engine types. */
    record QuerySignature(Meta.Signature signature, List<SqlType> types) {}

    static QuerySignature querySignature(List<ResultColumn> resultColumns, String sql) {
        List<ColumnMetaData> columns = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        int index = 0;
        for (ResultColumn c : resultColumns) {
            columns.add(columnMetaData(index++, c));
            types.add(c.type());
        }
        return new QuerySignature(
                Meta.Signature.create(columns, sql, List.of(), CursorFactory.ARRAY, Meta.StatementType.SELECT),
                List.copyOf(types));
    }

    static List<AvaticaParameter> parameters(Command command) {
        List<AvaticaParameter> parameters = new ArrayList<>();
        int p = 1;
        for (SqlType type : command.parameterTypes()) {
            parameters.add(new AvaticaParameter(
                    type.isNumeric(),
                    TypeMapping.precision(type),
                    0,
                    TypeMapping.jdbcType(type),
                    TypeMapping.typeName(type),
                    TypeMapping.className(type),
                    "$" + p++));
        }
        return parameters;
    }

    static Meta.StatementType statementType(Command command) {
        switch (command.kind()) {
            case QUERY:
                return Meta.StatementType.SELECT;
            case UPDATE:
                return Meta.StatementType.UPDATE;
            default:
                return Meta.StatementType.OTHER_DDL;
        }
    }

    private static ColumnMetaData columnMetaData(int index, ResultColumn c) {
        SqlType type = c.type();
        int scale = 0;
        // Avatica prints a timestamp's fraction to "precision" digits; Postgres prints none for whole seconds.
        int precision = type == SqlType.TIMESTAMP || type == SqlType.TIMESTAMPTZ || type == SqlType.TIME
                ? 0
                : TypeMapping.precision(type);
        return new ColumnMetaData(
                index,
                false,
                type == SqlType.TEXT || type == SqlType.UNKNOWN,
                true,
                false,
                DatabaseMetaData.columnNullableUnknown,
                type.isNumeric(),
                TypeMapping.displaySize(type),
                c.name(),
                c.name(),
                c.schema(),
                precision,
                scale,
                c.table(),
                null,
                type == SqlType.ARRAY
                        ? ColumnMetaData.scalar(
                                TypeMapping.jdbcType(type),
                                TypeMapping.arrayTypeName(c.elementType()),
                                TypeMapping.rep(type))
                        : TypeMapping.avaticaType(type),
                true,
                false,
                false,
                TypeMapping.className(type));
    }
}
