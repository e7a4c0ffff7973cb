package org.stripejdbc.driver;

import static org.stripejdbc.driver.MetadataResults.bool;
import static org.stripejdbc.driver.MetadataResults.integer;
import static org.stripejdbc.driver.MetadataResults.smallint;
import static org.stripejdbc.driver.MetadataResults.text;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.avatica.Meta.DatabaseProperty;
import org.stripejdbc.driver.MetadataResults.Table;
import org.stripejdbc.session.MetadataView;
import org.stripejdbc.types.SqlType;

/**
 * The result sets of {@code DatabaseMetaData} (getSchemas, getTables, getColumns, getPrimaryKeys, getTypeInfo...)
 * and its database properties, answered from the session's {@link MetadataView}; {@link StripeMeta} hands them to
 * Avatica. Patterns are JDBC patterns ({@code %}, {@code _}, {@code \}); a null pattern matches everything.
 *
 * <p>Example: {@code getTables(null, "stripe", "cust%", null)} is one row
 * {@code [null, "stripe", "customers", "FOREIGN TABLE", <comment>, null, null, null, null, null]}.
 */
final class MetadataQueries {
    private final MetadataView view;

    MetadataQueries(MetadataView view) {
        this.view = Objects.requireNonNull(view, "view");
    }

    Table schemas(String schemaPattern) {
        List<Object[]> rows = new ArrayList<>();
        for (String schema : view.schemas()) {
            if (MetadataResults.matches(schemaPattern, schema)) {
                rows.add(new Object[] {schema, null});
            }
        }
        return new Table(List.of(text("TABLE_SCHEM"), text("TABLE_CATALOG")), rows);
    }

    static Table catalogs() {
        return new Table(List.of(text("TABLE_CAT")), List.of());
    }

    static Table tableTypes() {
        List<Object[]> rows = new ArrayList<>();
        for (String type : List.of("FOREIGN TABLE", "SYSTEM TABLE", "SYSTEM VIEW", "TABLE", "VIEW")) {
            rows.add(new Object[] {type});
        }
        return new Table(List.of(text("TABLE_TYPE")), rows);
    }

    Table tables(String schemaPattern, String tableNamePattern, List<String> typeList) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : view.tables()) {
            if (MetadataResults.matches(schemaPattern, t.schema())
                    && MetadataResults.matches(tableNamePattern, t.name())
                    && (typeList == null || typeList.contains(t.type()))) {
                rows.add(
                        new Object[] {null, t.schema(), t.name(), t.type(), t.remarks(), null, null, null, null, null});
            }
        }
        return new Table(
                List.of(
                        text("TABLE_CAT"),
                        text("TABLE_SCHEM"),
                        text("TABLE_NAME"),
                        text("TABLE_TYPE"),
                        text("REMARKS"),
                        text("TYPE_CAT"),
                        text("TYPE_SCHEM"),
                        text("TYPE_NAME"),
                        text("SELF_REFERENCING_COL_NAME"),
                        text("REF_GENERATION")),
                rows);
    }

    Table columns(String schemaPattern, String tableNamePattern, String columnNamePattern) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : view.tables()) {
            if (!MetadataResults.matches(schemaPattern, t.schema())
                    || !MetadataResults.matches(tableNamePattern, t.name())) {
                continue;
            }
            int ordinal = 0;
            for (MetadataView.ColumnInfo c : t.columns()) {
                ordinal++;
                if (!MetadataResults.matches(columnNamePattern, c.name())) {
                    continue;
                }
                SqlType type = c.type();
                int precision = TypeMapping.precision(type);
                rows.add(new Object[] {
                    null,
                    t.schema(),
                    t.name(),
                    c.name(),
                    TypeMapping.jdbcType(type),
                    c.typeName(),
                    precision,
                    null,
                    type.isNumeric() ? 0 : null,
                    type.isNumeric() ? 10 : null,
                    c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
                    c.remarks(),
                    null,
                    null,
                    null,
                    type == SqlType.TEXT ? precision : null,
                    ordinal,
                    c.nullable() ? "YES" : "NO",
                    null,
                    null,
                    null,
                    null,
                    "NO",
                    "NO"
                });
            }
        }
        return new Table(
                aboutColumns(
                        integer("DATA_TYPE"),
                        text("TYPE_NAME"),
                        integer("COLUMN_SIZE"),
                        integer("BUFFER_LENGTH"),
                        integer("DECIMAL_DIGITS"),
                        integer("NUM_PREC_RADIX"),
                        integer("NULLABLE"),
                        text("REMARKS"),
                        text("COLUMN_DEF"),
                        integer("SQL_DATA_TYPE"),
                        integer("SQL_DATETIME_SUB"),
                        integer("CHAR_OCTET_LENGTH"),
                        integer("ORDINAL_POSITION"),
                        text("IS_NULLABLE"),
                        text("SCOPE_CATALOG"),
                        text("SCOPE_SCHEMA"),
                        text("SCOPE_TABLE"),
                        smallint("SOURCE_DATA_TYPE"),
                        text("IS_AUTOINCREMENT"),
                        text("IS_GENERATEDCOLUMN")),
                rows);
    }

    /** Exact names, as JDBC specifies for getPrimaryKeys; null matches every schema or table. */
    Table primaryKeys(String schema, String table) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : view.tables()) {
            if ((schema == null || schema.equals(t.schema())) && (table == null || table.equals(t.name()))) {
                short sequence = 1;
                for (String column : t.primaryKey()) {
                    rows.add(new Object[] {null, t.schema(), t.name(), column, sequence++, t.primaryKeyName()});
                }
            }
        }
        return new Table(aboutColumns(smallint("KEY_SEQ"), text("PK_NAME")), rows);
    }

    /**
     * The foreign keys whose referencing table is {@code table} ({@code getImportedKeys}), exact names, null matching
     * every schema or table; ordered by the referenced table, as JDBC specifies.
     */
    Table importedKeys(String schema, String table) {
        return keys(null, null, schema, table);
    }

    /** The foreign keys that reference {@code table} ({@code getExportedKeys}), ordered by the referencing table. */
    Table exportedKeys(String schema, String table) {
        Table keys = keys(schema, table, null, null);
        List<Object[]> rows = new ArrayList<>(keys.rows());
        rows.sort(java.util.Comparator.comparing((Object[] r) -> (String) r[5])
                .thenComparing(r -> (String) r[6])
                .thenComparing(r -> (String) r[7]));
        return new Table(keys.columns(), rows);
    }

    /**
     * The foreign keys from {@code fkTable} to {@code pkTable} ({@code getCrossReference}); a null name matches
     * every schema or table.
     */
    Table keys(String pkSchema, String pkTable, String fkSchema, String fkTable) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.ForeignKey k : view.foreignKeys()) {
            if ((pkSchema == null || pkSchema.equals(k.pkSchema()))
                    && (pkTable == null || pkTable.equals(k.pkTable()))
                    && (fkSchema == null || fkSchema.equals(k.fkSchema()))
                    && (fkTable == null || fkTable.equals(k.fkTable()))) {
                rows.add(new Object[] {
                    null,
                    k.pkSchema(),
                    k.pkTable(),
                    k.pkColumn(),
                    null,
                    k.fkSchema(),
                    k.fkTable(),
                    k.fkColumn(),
                    (short) 1,
                    (short) DatabaseMetaData.importedKeyNoAction,
                    (short) DatabaseMetaData.importedKeyNoAction,
                    k.name(),
                    k.pkName(),
                    (short) DatabaseMetaData.importedKeyNotDeferrable
                });
            }
        }
        return new Table(
                List.of(
                        text("PKTABLE_CAT"),
                        text("PKTABLE_SCHEM"),
                        text("PKTABLE_NAME"),
                        text("PKCOLUMN_NAME"),
                        text("FKTABLE_CAT"),
                        text("FKTABLE_SCHEM"),
                        text("FKTABLE_NAME"),
                        text("FKCOLUMN_NAME"),
                        smallint("KEY_SEQ"),
                        smallint("UPDATE_RULE"),
                        smallint("DELETE_RULE"),
                        text("FK_NAME"),
                        text("PK_NAME"),
                        smallint("DEFERRABILITY")),
                rows);
    }

    /**
     * The columns of a result about table columns ({@code getColumns}, {@code getPrimaryKeys}): JDBC puts the four
     * that name the column first, {@code TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME}, then {@code rest}.
     */
    private static List<MetadataResults.Column> aboutColumns(MetadataResults.Column... rest) {
        List<MetadataResults.Column> columns = new ArrayList<>(
                List.of(text("TABLE_CAT"), text("TABLE_SCHEM"), text("TABLE_NAME"), text("COLUMN_NAME")));
        columns.addAll(List.of(rest));
        return List.copyOf(columns);
    }

    static Table typeInfo() {
        List<Object[]> rows = new ArrayList<>();
        for (SqlType type : SqlType.values()) {
            if (type == SqlType.UNKNOWN || type == SqlType.ARRAY) {
                continue;
            }
            boolean text = type == SqlType.TEXT || type.isJson();
            String quote = text
                            || type == SqlType.TIMESTAMP
                            || type == SqlType.TIMESTAMPTZ
                            || type == SqlType.DATE
                            || type == SqlType.TIME
                            || type == SqlType.INTERVAL
                            || type == SqlType.UUID
                    ? "'"
                    : null;
            rows.add(new Object[] {
                TypeMapping.typeName(type),
                TypeMapping.jdbcType(type),
                TypeMapping.precision(type),
                quote,
                quote,
                null,
                (short) DatabaseMetaData.typeNullable,
                text,
                (short) DatabaseMetaData.typeSearchable,
                !type.isNumeric(),
                false,
                false,
                TypeMapping.typeName(type),
                (short) 0,
                (short) (type == SqlType.NUMERIC ? 1000 : 0),
                null,
                null,
                type.isNumeric() ? 10 : null
            });
        }
        return new Table(
                List.of(
                        text("TYPE_NAME"),
                        integer("DATA_TYPE"),
                        integer("PRECISION"),
                        text("LITERAL_PREFIX"),
                        text("LITERAL_SUFFIX"),
                        text("CREATE_PARAMS"),
                        smallint("NULLABLE"),
                        bool("CASE_SENSITIVE"),
                        smallint("SEARCHABLE"),
                        bool("UNSIGNED_ATTRIBUTE"),
                        bool("FIXED_PREC_SCALE"),
                        bool("AUTO_INCREMENT"),
                        text("LOCAL_TYPE_NAME"),
                        smallint("MINIMUM_SCALE"),
                        smallint("MAXIMUM_SCALE"),
                        integer("SQL_DATA_TYPE"),
                        integer("SQL_DATETIME_SUB"),
                        integer("NUM_PREC_RADIX")),
                rows);
    }

    /** Avatica's defaults ({@code base}) with the driver's names, version, isolation and function lists. */
    static Map<DatabaseProperty, Object> databaseProperties(Map<DatabaseProperty, Object> base) {
        Map<DatabaseProperty, Object> properties = new EnumMap<>(DatabaseProperty.class);
        properties.putAll(base);
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Stripe");
        properties.put(DatabaseProperty.GET_DATABASE_PRODUCT_VERSION, StripeDriver.VERSION);
        properties.put(DatabaseProperty.GET_DRIVER_NAME, "stripe-jdbc");
        properties.put(DatabaseProperty.GET_DRIVER_VERSION, StripeDriver.VERSION);
        properties.put(DatabaseProperty.GET_DEFAULT_TRANSACTION_ISOLATION, Connection.TRANSACTION_NONE);
        properties.put(
                DatabaseProperty.GET_STRING_FUNCTIONS,
                "concat,length,lower,upper,replace,substring,position,split_part,trim,initcap");
        properties.put(DatabaseProperty.GET_NUMERIC_FUNCTIONS, "abs,ceil,floor,round");
        properties.put(DatabaseProperty.GET_TIME_DATE_FUNCTIONS, "now,date_trunc,extract,date_part,to_timestamp");
        properties.put(DatabaseProperty.GET_SYSTEM_FUNCTIONS, "coalesce,nullif,greatest,least");
        return properties;
    }
}
