package org.stripejdbc.session;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.types.SqlType;

/** The catalog as JDBC DatabaseMetaData presents it. Snapshots: each call reflects the catalog now. */
public interface MetadataView {

    /** Schema names, sorted. */
    List<String> schemas();

    /** Every table and view, sorted by schema then name. */
    List<TableInfo> tables();

    /**
     * The foreign keys between tables, sorted by referenced table then referencing table and column (none by
     * default). Example: {@code stripe.charges.customer → stripe.customers.id}, named {@code charges_customer_fkey}.
     */
    default List<ForeignKey> foreignKeys() {
        return List.of();
    }

    /** One single-column foreign key: {@code fkTable.fkColumn} holds ids of {@code pkTable.pkColumn}. */
    record ForeignKey(
            String pkSchema, String pkTable, String pkColumn, String fkSchema, String fkTable, String fkColumn) {
        public ForeignKey {
            Objects.requireNonNull(pkSchema, "pkSchema");
            Objects.requireNonNull(pkTable, "pkTable");
            Objects.requireNonNull(pkColumn, "pkColumn");
            Objects.requireNonNull(fkSchema, "fkSchema");
            Objects.requireNonNull(fkTable, "fkTable");
            Objects.requireNonNull(fkColumn, "fkColumn");
        }

        /** The constraint name Postgres would give it ({@code charges_customer_fkey}). */
        public String name() {
            return fkTable + "_" + fkColumn + "_fkey";
        }

        /** The name of the primary key it references ({@code customers_pkey}). */
        public String pkName() {
            return primaryKeyName(pkTable);
        }
    }

    /** A table: {@code type} is {@code FOREIGN TABLE} for Stripe tables, {@code SYSTEM TABLE} for vault views. */
    record TableInfo(
            String schema,
            String name,
            String type,
            String remarks,
            List<ColumnInfo> columns,
            List<String> primaryKey) {
        public TableInfo {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        /** The name of its primary key, as Postgres names one ({@code customers_pkey}). */
        public String primaryKeyName() {
            return MetadataView.primaryKeyName(name);
        }
    }

    /** The name Postgres gives the primary key of {@code table}: {@code customers_pkey}. */
    static String primaryKeyName(String table) {
        return table + "_pkey";
    }

    /** A column: {@code typeName} as declared ({@code text}, {@code numeric(10,2)}, {@code jsonb}). */
    record ColumnInfo(String name, SqlType type, String typeName, boolean nullable, String remarks) {
        public ColumnInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(typeName, "typeName");
        }
    }
}
