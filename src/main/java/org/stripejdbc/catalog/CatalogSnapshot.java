package org.stripejdbc.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * An immutable view of a catalog at one version: what Postgres keeps in {@code pg_extension},
 * {@code pg_foreign_data_wrapper}, {@code pg_foreign_server}, {@code pg_namespace}, {@code pg_foreign_table} and
 * {@code vault.secrets}. Lists keep creation order; lookups are hash lookups. Secrets appear only as metadata and
 * ciphertext, a server's {@code api_key} only masked.
 *
 * <p>Example: after the walkthrough, {@code snapshot.table("stripe", "customers").get().object()} is
 * {@code "customers"} and {@code snapshot.server("stripe_server").get().options().get("api_key")} is
 * {@code "sk_test_...wxyz"}.
 *
 * <p>A new catalog holds the schemas {@code public} and {@code extensions} (the latter so that the walkthrough's
 * {@code create extension ... with schema extensions} works as it does on Supabase). The schemas in
 * {@link #RESERVED_SCHEMAS} always exist but are not stored: they hold the vault's and the engine's own relations.
 */
public final class CatalogSnapshot {
    /** Schemas that exist without being created, cannot be dropped and cannot hold foreign tables. */
    public static final Set<String> RESERVED_SCHEMAS = Set.of("vault", "pg_catalog", "information_schema");
    /** The schemas of a new catalog. */
    public static final List<String> DEFAULT_SCHEMAS = List.of("public", "extensions");

    private static final CatalogSnapshot INITIAL = new CatalogSnapshot(
            0,
            null,
            List.of(),
            List.of(),
            List.of(),
            DEFAULT_SCHEMAS.stream().map(name -> new Schema(name, null)).toList(),
            List.of(),
            List.of());

    private final long version;
    private final String keyCheck;
    private final Map<String, Extension> extensions;
    private final Map<String, ForeignDataWrapper> wrappers;
    private final Map<String, ForeignServer> servers;
    private final Map<String, Schema> schemas;
    private final List<ForeignTable> tables;
    private final Map<String, Map<String, ForeignTable>> tablesBySchema;
    private final Map<UUID, VaultSecretInfo> secrets;
    private final Map<String, VaultSecretInfo> secretsByName;

    CatalogSnapshot(
            long version,
            String keyCheck,
            Collection<Extension> extensions,
            Collection<ForeignDataWrapper> wrappers,
            Collection<ForeignServer> servers,
            Collection<Schema> schemas,
            Collection<ForeignTable> tables,
            Collection<VaultSecretInfo> secrets) {
        this.version = version;
        this.keyCheck = keyCheck;
        this.extensions = index(extensions, Extension::name);
        this.wrappers = index(wrappers, ForeignDataWrapper::name);
        this.servers = index(servers, ForeignServer::name);
        this.schemas = index(schemas, Schema::name);
        this.tables = List.copyOf(tables);
        Map<String, Map<String, ForeignTable>> bySchema = new LinkedHashMap<>();
        for (ForeignTable table : tables) {
            bySchema.computeIfAbsent(table.schema(), s -> new LinkedHashMap<>()).put(table.name(), table);
        }
        bySchema.replaceAll((schema, byName) -> Collections.unmodifiableMap(byName));
        this.tablesBySchema = Collections.unmodifiableMap(bySchema);
        this.secrets = index(secrets, VaultSecretInfo::id);
        Map<String, VaultSecretInfo> byName = new LinkedHashMap<>();
        for (VaultSecretInfo secret : secrets) {
            if (secret.name() != null) {
                byName.put(secret.name(), secret);
            }
        }
        this.secretsByName = Collections.unmodifiableMap(byName);
    }

    private static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> key) {
        Map<K, V> map = new LinkedHashMap<>();
        for (V value : values) {
            map.put(key.apply(value), value);
        }
        return Collections.unmodifiableMap(map);
    }

    /** The catalog of a location nobody has written to yet. */
    static CatalogSnapshot initial() {
        return INITIAL;
    }

    /**
     * Increases by one with every committed change; 0 for a catalog never written. Engine caches (plans, metadata)
     * compare it to know whether the catalog changed.
     */
    public long version() {
        return version;
    }

    /** The sealed marker proving which vault key sealed this catalog's secrets (null before the first secret). */
    String keyCheck() {
        return keyCheck;
    }

    public List<Extension> extensions() {
        return List.copyOf(extensions.values());
    }

    public Optional<Extension> extension(String name) {
        return Optional.ofNullable(extensions.get(name));
    }

    public List<ForeignDataWrapper> wrappers() {
        return List.copyOf(wrappers.values());
    }

    public Optional<ForeignDataWrapper> wrapper(String name) {
        return Optional.ofNullable(wrappers.get(name));
    }

    public List<ForeignServer> servers() {
        return List.copyOf(servers.values());
    }

    public Optional<ForeignServer> server(String name) {
        return Optional.ofNullable(servers.get(name));
    }

    /** The stored schemas ({@code public}, {@code extensions} and those created), without the reserved ones. */
    public List<Schema> schemas() {
        return List.copyOf(schemas.values());
    }

    public Optional<Schema> schema(String name) {
        return Optional.ofNullable(schemas.get(name));
    }

    /** Whether a stored or reserved schema of that name exists. */
    public boolean schemaExists(String name) {
        return schemas.containsKey(name) || isReservedSchema(name);
    }

    /** Whether {@code name} is one of {@link #RESERVED_SCHEMAS}. */
    public static boolean isReservedSchema(String name) {
        return RESERVED_SCHEMAS.contains(name);
    }

    /** Every foreign table, in creation order. */
    public List<ForeignTable> tables() {
        return tables;
    }

    public Optional<ForeignTable> table(String schema, String name) {
        Map<String, ForeignTable> inSchema = tablesBySchema.get(schema);
        return Optional.ofNullable(inSchema == null ? null : inSchema.get(name));
    }

    public Optional<ForeignTable> table(QualifiedName name) {
        return table(name.schema(), name.name());
    }

    /** The tables of one schema, in creation order. */
    public List<ForeignTable> tablesIn(String schema) {
        Map<String, ForeignTable> inSchema = tablesBySchema.get(schema);
        return inSchema == null ? List.of() : List.copyOf(inSchema.values());
    }

    /** The tables that use a server. */
    public List<ForeignTable> tablesOn(String server) {
        return tables.stream().filter(t -> t.server().equals(server)).toList();
    }

    /** The vault's secrets (metadata and ciphertext), in creation order. */
    public List<VaultSecretInfo> secrets() {
        return List.copyOf(secrets.values());
    }

    public Optional<VaultSecretInfo> secret(UUID id) {
        return Optional.ofNullable(secrets.get(id));
    }

    public Optional<VaultSecretInfo> secretNamed(String name) {
        return Optional.ofNullable(secretsByName.get(name));
    }

    /** Whether anything in this catalog is sealed with the vault key. */
    boolean hasSealedValues() {
        return !secrets.isEmpty()
                || servers.values().stream().anyMatch(s -> !s.sealedOptions().isEmpty());
    }

    @Override
    public String toString() {
        return "CatalogSnapshot[version=" + version + ", schemas=" + schemas.keySet() + ", servers=" + servers.keySet()
                + ", tables=" + tables.size() + ", secrets=" + secrets.size() + "]";
    }
}
