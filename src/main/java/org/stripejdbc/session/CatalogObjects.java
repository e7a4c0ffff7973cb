package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.ForeignDataWrapper;
import org.stripejdbc.catalog.ForeignServer;
import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.SecretNames;

/**
 * The catalog as the system views number it: the schemas and tables DatabaseMetaData shows ({@link MetadataView},
 * so a served session sees what its metadata shows), the servers and wrappers of the snapshot, each with an oid.
 * Postgres' fixed oids are kept ({@code pg_catalog} 11, {@code public} 2200); the others count from 16384 in name
 * order and are stable for one catalog snapshot, not across changes.
 *
 * <p>Example: a catalog with schema {@code stripe} and table {@code stripe.customers} numbers
 * {@code information_schema} 13000, {@code extensions} 16384, {@code stripe} 16385, ..., then
 * {@code stripe.customers} after the schemas.
 */
final class CatalogObjects {
    static final long PG_CATALOG_OID = 11;
    static final long PUBLIC_OID = 2200;
    static final long INFORMATION_SCHEMA_OID = 13000;
    /** The owner every object has ({@code pg_authid} of {@link SessionFunctions#USER}). */
    static final long OWNER_OID = 10;

    private final MetadataView metadata;
    private final CatalogSnapshot snapshot;
    private final Map<String, Long> schemaOids = new LinkedHashMap<>();
    private final Map<String, Long> tableOids = new LinkedHashMap<>();
    private final Map<String, Long> serverOids = new LinkedHashMap<>();
    private final Map<String, Long> wrapperOids = new LinkedHashMap<>();
    private final List<MetadataView.TableInfo> tables;
    private List<MetadataView.ForeignKey> foreignKeys;

    CatalogObjects(MetadataView metadata, CatalogSnapshot snapshot) {
        this.metadata = metadata;
        this.snapshot = snapshot;
        this.tables = metadata.tables();
        long next = 16384;
        for (String schema : metadata.schemas()) {
            long oid = switch (schema) {
                case "pg_catalog" -> PG_CATALOG_OID;
                case "public" -> PUBLIC_OID;
                case "information_schema" -> INFORMATION_SCHEMA_OID;
                default -> next++;
            };
            schemaOids.put(schema, oid);
        }
        for (MetadataView.TableInfo t : tables) {
            tableOids.put(key(t.schema(), t.name()), next++);
        }
        for (ForeignDataWrapper w : snapshot.wrappers()) {
            wrapperOids.put(w.name(), next++);
        }
        for (ForeignServer s : snapshot.servers()) {
            serverOids.put(s.name(), next++);
        }
    }

    private static String key(String schema, String name) {
        return schema + "\u0000" + name;
    }

    List<String> schemas() {
        return metadata.schemas();
    }

    List<MetadataView.TableInfo> tables() {
        return tables;
    }

    /** The foreign keys between the tables ({@link MetadataView#foreignKeys()}), read once. */
    List<MetadataView.ForeignKey> foreignKeys() {
        if (foreignKeys == null) {
            foreignKeys = metadata.foreignKeys();
        }
        return foreignKeys;
    }

    long schemaOid(String schema) {
        Long oid = schemaOids.get(schema);
        return oid == null ? 0 : oid;
    }

    long tableOid(MetadataView.TableInfo table) {
        return tableOids.get(key(table.schema(), table.name()));
    }

    /** The type oid of a table's row type (Postgres gives every relation one; here the table's oid + 1,000,000). */
    long rowTypeOid(MetadataView.TableInfo table) {
        return tableOid(table) + 1_000_000;
    }

    /** The stored foreign table behind a metadata table, if it is one. */
    Optional<ForeignTable> foreignTable(MetadataView.TableInfo table) {
        return "FOREIGN TABLE".equals(table.type()) ? snapshot.table(table.schema(), table.name()) : Optional.empty();
    }

    List<ForeignServer> servers() {
        return snapshot.servers();
    }

    long serverOid(String server) {
        Long oid = serverOids.get(server);
        return oid == null ? 0 : oid;
    }

    long wrapperOid(String wrapper) {
        Long oid = wrapperOids.get(wrapper);
        return oid == null ? 0 : oid;
    }

    /**
     * Security: options as Postgres lists them ({@code {name=value,...}}), every secret value masked: by name
     * ({@link SecretNames}: {@code api_key=****}) and by shape ({@link Redactor#redactShapes}: a key written into
     * any other option). A sealed option is already masked in the catalog; this masks it fully.
     */
    static List<String> options(Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        options.forEach((name, value) ->
                out.add(name + "=" + Redactor.redactShapes(SecretNames.maskValue(name, value == null ? "" : value))));
        return out;
    }
}
