package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.catalog.ForeignServer;
import org.stripejdbc.catalog.ForeignTable;

/**
 * {@code pg_catalog} as PostgreSQL 16 shows it, for the columns tools read: {@code pg_namespace}, {@code pg_class},
 * {@code pg_attribute}, {@code pg_type}, {@code pg_tables}, {@code pg_foreign_server}, {@code pg_foreign_table} and
 * {@code pg_user_mappings}. Oids come from {@link CatalogObjects}; a Stripe table is {@code relkind} {@code f},
 * a view {@code v}. As in Postgres, {@code pg_tables} lists ordinary tables only, so Stripe's (foreign) tables are
 * not in it: {@code pg_class}, {@code pg_foreign_table} and {@code information_schema.tables} list them. stripe-jdbc
 * has no user mappings (the key is a server option): {@code pg_user_mappings} is empty.
 *
 * <p>Security: server and table options are listed with every secret masked ({@link CatalogObjects#options}):
 * {@code select srvoptions from pg_foreign_server} gives {@code {api_key=****,api_url=http://...}}.
 *
 * <p>Example: {@code select c.relname, a.attname, t.typname from pg_attribute a join pg_class c on c.oid =
 * a.attrelid join pg_type t on t.oid = a.atttypid where c.relname = 'customers' and a.attnum > 0} gives
 * {@code customers id text}, {@code customers email text}, ...
 */
final class PgCatalogViews {
    static final String SCHEMA = "pg_catalog";

    private PgCatalogViews() {}

    static List<CatalogView> views() {
        return List.of(
                CatalogView.of(
                        SCHEMA, "pg_namespace", "oid bigint, nspname text, nspowner bigint, nspacl text[]", o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (String schema : o.schemas()) {
                                rows.add(new Object[] {o.schemaOid(schema), schema, CatalogObjects.OWNER_OID, null});
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "pg_class",
                        "oid bigint, relname text, relnamespace bigint, reltype bigint, reloftype bigint,"
                                + " relowner bigint, relam bigint, relfilenode bigint, reltablespace bigint,"
                                + " relpages integer, reltuples real, relallvisible integer, reltoastrelid bigint,"
                                + " relhasindex boolean, relisshared boolean, relpersistence text, relkind text,"
                                + " relnatts smallint, relchecks smallint, relhasrules boolean,"
                                + " relhastriggers boolean, relhassubclass boolean, relrowsecurity boolean,"
                                + " relforcerowsecurity boolean, relispopulated boolean, relreplident text,"
                                + " relispartition boolean, relacl text[], reloptions text[]",
                        PgCatalogViews::classes),
                CatalogView.of(
                        SCHEMA,
                        "pg_attribute",
                        "attrelid bigint, attname text, atttypid bigint, attlen smallint, attnum smallint,"
                                + " attcacheoff integer, atttypmod integer, attndims smallint, attbyval boolean,"
                                + " attalign text, attstorage text, attcompression text, attnotnull boolean,"
                                + " atthasdef boolean, atthasmissing boolean, attidentity text, attgenerated text,"
                                + " attisdropped boolean, attislocal boolean, attinhcount smallint,"
                                + " attstattarget smallint, attcollation bigint, attacl text[], attoptions text[],"
                                + " attfdwoptions text[]",
                        PgCatalogViews::attributes),
                CatalogView.of(
                        SCHEMA,
                        "pg_type",
                        "oid bigint, typname text, typnamespace bigint, typowner bigint, typlen smallint,"
                                + " typbyval boolean, typtype text, typcategory text, typispreferred boolean,"
                                + " typisdefined boolean, typdelim text, typrelid bigint, typelem bigint,"
                                + " typarray bigint, typnotnull boolean, typbasetype bigint, typtypmod integer,"
                                + " typndims integer, typcollation bigint",
                        PgCatalogViews::types),
                CatalogView.of(
                        SCHEMA,
                        "pg_tables",
                        "schemaname text, tablename text, tableowner text, tablespace text, hasindexes boolean,"
                                + " hasrules boolean, hastriggers boolean, rowsecurity boolean",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (MetadataView.TableInfo t : o.tables()) {
                                if (relkind(t).equals("r")) {
                                    rows.add(new Object[] {
                                        t.schema(), t.name(), SessionFunctions.USER, null, false, false, false, false
                                    });
                                }
                            }
                            return rows;
                        }),
                CatalogView.of(
                        SCHEMA,
                        "pg_foreign_server",
                        "oid bigint, srvname text, srvowner bigint, srvfdw bigint, srvtype text, srvversion text,"
                                + " srvacl text[], srvoptions text[]",
                        o -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (ForeignServer s : o.servers()) {
                                rows.add(new Object[] {
                                    o.serverOid(s.name()),
                                    s.name(),
                                    CatalogObjects.OWNER_OID,
                                    o.wrapperOid(s.wrapper()),
                                    null,
                                    null,
                                    null,
                                    CatalogObjects.options(s.options())
                                });
                            }
                            return rows;
                        }),
                CatalogView.of(SCHEMA, "pg_foreign_table", "ftrelid bigint, ftserver bigint, ftoptions text[]", o -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (MetadataView.TableInfo t : o.tables()) {
                        o.foreignTable(t)
                                .ifPresent(f -> rows.add(new Object[] {
                                    o.tableOid(t), o.serverOid(f.server()), CatalogObjects.options(f.options())
                                }));
                    }
                    return rows;
                }),
                CatalogView.of(
                        SCHEMA,
                        "pg_user_mappings",
                        "umid bigint, srvid bigint, srvname text, umuser bigint, usename text, umoptions text[]",
                        o -> List.of()));
    }

    /** {@code f} for a foreign table, {@code v} for a view, {@code r} for an ordinary table. */
    static String relkind(MetadataView.TableInfo t) {
        if ("FOREIGN TABLE".equals(t.type())) {
            return "f";
        }
        return InformationSchemaViews.isView(t) ? "v" : "r";
    }

    private static List<Object[]> classes(CatalogObjects o) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : o.tables()) {
            rows.add(new Object[] {
                o.tableOid(t),
                t.name(),
                o.schemaOid(t.schema()),
                o.rowTypeOid(t),
                0L,
                CatalogObjects.OWNER_OID,
                0L,
                0L,
                0L,
                0,
                -1.0f,
                0,
                0L,
                false,
                false,
                "p",
                relkind(t),
                (short) t.columns().size(),
                (short) 0,
                false,
                false,
                false,
                false,
                false,
                true,
                relkind(t).equals("v") ? "n" : "d",
                false,
                null,
                null
            });
        }
        return rows;
    }

    private static List<Object[]> attributes(CatalogObjects o) {
        List<Object[]> rows = new ArrayList<>();
        for (MetadataView.TableInfo t : o.tables()) {
            ForeignTable foreign = o.foreignTable(t).orElse(null);
            short number = 0;
            for (MetadataView.ColumnInfo c : t.columns()) {
                number++;
                PgTypes.PgType type = PgTypes.of(c.type(), c.typeName());
                List<String> fdwOptions = foreign == null
                        ? null
                        : foreign.column(c.name())
                                .map(f -> CatalogObjects.options(f.options()))
                                .orElse(null);
                rows.add(new Object[] {
                    o.tableOid(t),
                    c.name(),
                    type.oid(),
                    (short) type.len(),
                    number,
                    -1,
                    PgTypes.typmod(type, c.typeName()),
                    (short) (type.category().equals("A") ? 1 : 0),
                    type.byValue(),
                    type.len() == 8 || type.len() == -1 ? "d" : type.len() == 4 ? "i" : "c",
                    type.len() == -1 ? "x" : "p",
                    "",
                    !c.nullable(),
                    false,
                    false,
                    "",
                    "",
                    false,
                    true,
                    (short) 0,
                    (short) -1,
                    type.category().equals("S") ? 100L : 0L,
                    null,
                    null,
                    fdwOptions
                });
            }
        }
        return rows;
    }

    private static List<Object[]> types(CatalogObjects o) {
        List<Object[]> rows = new ArrayList<>();
        for (PgTypes.PgType t : PgTypes.withArrays()) {
            rows.add(new Object[] {
                t.oid(),
                t.name(),
                CatalogObjects.PG_CATALOG_OID,
                CatalogObjects.OWNER_OID,
                (short) t.len(),
                t.byValue(),
                t.name().equals("unknown") ? "p" : "b",
                t.category(),
                t.name().equals("text") || t.name().equals("float8") || t.name().equals("timestamptz"),
                true,
                ",",
                0L,
                t.elementOid(),
                t.arrayOid(),
                false,
                0L,
                -1,
                0,
                t.category().equals("S") ? 100L : 0L
            });
        }
        return rows;
    }
}
