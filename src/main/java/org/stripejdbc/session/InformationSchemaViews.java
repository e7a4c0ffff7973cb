package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code information_schema} as PostgreSQL 16 shows it, for the columns tools read: {@code schemata}, {@code tables},
 * {@code columns}, {@code views}, {@code table_constraints}, {@code key_column_usage},
 * {@code referential_constraints}. Rows come from the same {@link MetadataView} as DatabaseMetaData: a Stripe table
 * is {@code FOREIGN} (its {@code rowid_column} the primary key {@code <table>_pkey}, as {@code getPrimaryKeys}
 * reports it, and its references the foreign keys {@code getImportedKeys} reports, such as
 * {@code charges_customer_fkey}, though Postgres has no keys on foreign tables),
 * the vault's views and the system views are {@code VIEW}. The catalog is {@code current_database()}'s name.
 *
 * <p>Example: {@code select table_name, table_type from information_schema.tables where table_schema = 'stripe'}
 * lists {@code accounts FOREIGN}, {@code balance FOREIGN}, ...; {@code information_schema.columns} gives
 * {@code customers.created} the {@code data_type} {@code timestamp without time zone}, {@code udt_name}
 * {@code timestamp}.
 */
final class InformationSchemaViews {
    static final String SCHEMA = "information_schema";

    private InformationSchemaViews() {}

    static List<CatalogView> views(String catalogName) {
        return List.of(
                CatalogView.of(
                        SCHEMA,
                        "schemata",
                        "catalog_name text, schema_name text, schema_owner text, default_character_set_catalog text,"
                                + " default_character_set_schema text, default_character_set_name text, sql_path text",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (String schema : o.schemas()) {
                                rows.add(
                                        new Object[] {catalogName, schema, SessionFunctions.USER, null, null, null, null
                                        });
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "tables",
                        "table_catalog text, table_schema text, table_name text, table_type text,"
                                + " self_referencing_column_name text, reference_generation text,"
                                + " user_defined_type_catalog text, user_defined_type_schema text,"
                                + " user_defined_type_name text, is_insertable_into text, is_typed text,"
                                + " commit_action text",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.TableInfo t : o.tables()) {
                                rows.add(new Object[] {
                                    catalogName,
                                    t.schema(),
                                    t.name(),
                                    tableType(t),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    yesOrNo(insertable(t)),
                                    "NO",
                                    null
                                });
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "columns",
                        "table_catalog text, table_schema text, table_name text, column_name text,"
                                + " ordinal_position integer, column_default text, is_nullable text, data_type text,"
                                + " character_maximum_length integer, character_octet_length integer,"
                                + " numeric_precision integer, numeric_precision_radix integer, numeric_scale integer,"
                                + " datetime_precision integer, interval_type text, interval_precision integer,"
                                + " udt_catalog text, udt_schema text, udt_name text, dtd_identifier text,"
                                + " is_self_referencing text, is_identity text, is_generated text, is_updatable text",
                        o -> columns(o, catalogName)),
                CatalogView.of(
                        SCHEMA,
                        "views",
                        "table_catalog text, table_schema text, table_name text, view_definition text,"
                                + " check_option text, is_updatable text, is_insertable_into text,"
                                + " is_trigger_updatable text, is_trigger_deletable text,"
                                + " is_trigger_insertable_into text",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.TableInfo t : o.tables()) {
                                if (isView(t)) {
                                    rows.add(new Object[] {
                                        catalogName,
                                        t.schema(),
                                        t.name(),
                                        null,
                                        "NONE",
                                        yesOrNo(insertable(t)),
                                        yesOrNo(insertable(t)),
                                        "NO",
                                        "NO",
                                        "NO"
                                    });
                                }
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "table_constraints",
                        "constraint_catalog text, constraint_schema text, constraint_name text, table_catalog text,"
                                + " table_schema text, table_name text, constraint_type text, is_deferrable text,"
                                + " initially_deferred text, enforced text, nulls_distinct text",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.TableInfo t : o.tables()) {
                                if (!t.primaryKey().isEmpty()) {
                                    rows.add(constraintRow(
                                            catalogName,
                                            t.schema(),
                                            t.primaryKeyName(),
                                            t.name(),
                                            "PRIMARY KEY",
                                            "NO",
                                            "NO",
                                            "YES",
                                            null));
                                }
                            }
                            for (MetadataView.ForeignKey k : o.foreignKeys()) {
                                rows.add(constraintRow(
                                        catalogName,
                                        k.fkSchema(),
                                        k.name(),
                                        k.fkTable(),
                                        "FOREIGN KEY",
                                        "NO",
                                        "NO",
                                        "YES",
                                        null));
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "key_column_usage",
                        "constraint_catalog text, constraint_schema text, constraint_name text, table_catalog text,"
                                + " table_schema text, table_name text, column_name text, ordinal_position integer,"
                                + " position_in_unique_constraint integer",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.TableInfo t : o.tables()) {
                                int position = 0;
                                for (String column : t.primaryKey()) {
                                    position++;
                                    rows.add(constraintRow(
                                            catalogName,
                                            t.schema(),
                                            t.primaryKeyName(),
                                            t.name(),
                                            column,
                                            position,
                                            null));
                                }
                            }
                            for (MetadataView.ForeignKey k : o.foreignKeys()) {
                                rows.add(constraintRow(
                                        catalogName, k.fkSchema(), k.name(), k.fkTable(), k.fkColumn(), 1, 1));
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "referential_constraints",
                        "constraint_catalog text, constraint_schema text, constraint_name text,"
                                + " unique_constraint_catalog text, unique_constraint_schema text,"
                                + " unique_constraint_name text, match_option text, update_rule text, delete_rule text",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.ForeignKey k : o.foreignKeys()) {
                                rows.add(new Object[] {
                                    catalogName,
                                    k.fkSchema(),
                                    k.name(),
                                    catalogName,
                                    k.pkSchema(),
                                    k.pkName(),
                                    "NONE",
                                    "NO ACTION",
                                    "NO ACTION"
                                });
                            }
                            return rows;
                        }));
    }

    private static List<Object[]> columns(CatalogObjects o, String catalogName) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : o.tables()) {
            int ordinal = 0;
            for (MetadataView.ColumnInfo c : t.columns()) {
                ordinal++;
                PgTypes.PgType type = PgTypes.of(c.type(), c.typeName());
                rows.add(new Object[] {
                    catalogName,
                    t.schema(),
                    t.name(),
                    c.name(),
                    ordinal,
                    null,
                    yesOrNo(c.nullable()),
                    type.dataType(),
                    PgTypes.characterMaximumLength(type, c.typeName()),
                    PgTypes.characterOctetLength(type, c.typeName()),
                    PgTypes.numericPrecision(type, c.typeName()),
                    PgTypes.numericPrecisionRadix(type),
                    PgTypes.numericScale(type, c.typeName()),
                    PgTypes.datetimePrecision(type),
                    null,
                    null,
                    catalogName,
                    "pg_catalog",
                    type.name(),
                    String.valueOf(ordinal),
                    "NO",
                    "NO",
                    "NEVER",
                    yesOrNo(insertable(t))
                });
            }
        }
        return rows;
    }

    /** Postgres' {@code table_type}: {@code FOREIGN}, {@code VIEW}, or {@code BASE TABLE}. */
    static String tableType(MetadataView.TableInfo t) {
        if ("FOREIGN TABLE".equals(t.type())) {
            return "FOREIGN";
        }
        return isView(t) ? "VIEW" : "BASE TABLE";
    }

    static boolean isView(MetadataView.TableInfo t) {
        return t.type().endsWith("VIEW");
    }

    /** Stripe tables and {@code vault.secrets} take INSERT; the other views do not. */
    private static boolean insertable(MetadataView.TableInfo t) {
        return "FOREIGN TABLE".equals(t.type())
                || (VaultTables.SCHEMA.equals(t.schema()) && VaultTables.SECRETS.equals(t.name()));
    }

    /**
     * A row of {@code table_constraints} or {@code key_column_usage}: the constraint's catalog, schema and name, the
     * table's catalog, schema and name (a constraint lives in its table's schema), then {@code rest}.
     */
    private static Object[] constraintRow(
            String catalog, String schema, String constraint, String table, Object... rest) {
        Object[] row = new Object[6 + rest.length];
        row[0] = catalog;
        row[1] = schema;
        row[2] = constraint;
        row[3] = catalog;
        row[4] = schema;
        row[5] = table;
        System.arraycopy(rest, 0, row, 6, rest.length);
        return row;
    }

    private static String yesOrNo(boolean value) {
        return value ? "YES" : "NO";
    }
}
