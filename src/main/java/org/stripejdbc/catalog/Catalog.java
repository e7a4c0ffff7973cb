package org.stripejdbc.catalog;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.TableAlteration;
import org.stripejdbc.vault.ApiKeyResolver;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.Vault;

/**
 * The embedded catalog: what Postgres keeps in {@code pg_catalog} for the Stripe FDW (extensions, wrappers,
 * servers, schemas, foreign tables) plus the vault's secrets. Obtained from {@link Catalogs#open}; shared by every
 * connection of the JVM that opens the same location and, for a directory, by every process.
 *
 * <p>Reading: {@link #snapshot()} is an immutable view, cheap enough to call for every statement. Writing: each DDL
 * method is one atomic change with Postgres semantics (checks, SQLSTATEs, message texts, RESTRICT/CASCADE); it either
 * commits completely or throws {@link org.stripejdbc.error.StripeJdbcException} and changes nothing. NOTICEs come
 * back in the {@link DdlResult}. Names arrive case-folded; {@code null} arguments where a name is required are
 * programming errors.
 *
 * <p>Example, the walkthrough:
 * <pre>
 *   Catalog catalog = Catalogs.open(CatalogLocation.parse("mem:demo"), VaultKeySource.locationDefault());
 *   catalog.createExtension("wrappers", true, "extensions");
 *   catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of());
 *   UUID keyId = catalog.vault().create("sk_test_...", "stripe", null);
 *   catalog.createServer("stripe_server", false, "stripe_wrapper", Map.of("api_key_id", keyId.toString()));
 *   catalog.createSchema("stripe", false);
 *   catalog.importForeignSchema("stripe", ImportFilter.ALL, List.of(), "stripe_server", "stripe", Map.of());
 *   catalog.snapshot().table("stripe", "customers")   // Optional[ForeignTable customers ...]
 *   catalog.resolveApiKey(catalog.snapshot().server("stripe_server").get())   // Secret sk_test_...wxyz
 * </pre>
 * Thread-safe.
 */
public final class Catalog {
    private final CatalogStore store;
    private final VaultKeys keys;
    private final Clock clock;
    private final CatalogVault vault;
    private final ApiKeyResolver apiKeyResolver;

    Catalog(CatalogStore store, VaultKeys keys, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.vault = new CatalogVault(this, keys, store.redactor());
        this.apiKeyResolver = new ApiKeyResolver(vault);
    }

    public CatalogLocation location() {
        return store.location();
    }

    /** The current catalog. Cheap: cached, and for a directory revalidated by one file stat. */
    public CatalogSnapshot snapshot() {
        return store.read();
    }

    /** The secrets of {@code vault.secrets}. */
    public Vault vault() {
        return vault;
    }

    /** Resolves servers' API keys ({@code api_key} > {@code api_key_id} > {@code api_key_name}). */
    public ApiKeyResolver apiKeyResolver() {
        return apiKeyResolver;
    }

    /** {@code apiKeyResolver().resolve(server)}. */
    public Secret resolveApiKey(ForeignServer server) {
        return apiKeyResolver.resolve(server);
    }

    /** Masks Stripe keys and every secret this location's vault has handed out; use it on every error message. */
    public Redactor redactor() {
        return store.redactor();
    }

    /** Where the vault key comes from, in words (for diagnostics; never the key). */
    public String vaultKeyDescription() {
        return keys.describe();
    }

    // ------------------------------------------------------------------------------------------ extensions

    /**
     * {@code CREATE EXTENSION [IF NOT EXISTS] name [WITH SCHEMA schema]}. Only {@code wrappers} is available
     * ({@code 0A000} otherwise); {@code schema} null means {@code public}; duplicate: {@code 42710}.
     */
    public DdlResult createExtension(String name, boolean ifNotExists, String schema) {
        return ddl(draft -> new CatalogEditor(draft).createExtension(name, ifNotExists, schema));
    }

    /** {@code DROP EXTENSION [IF EXISTS] names [CASCADE]}; dependent wrappers: {@code 2BP01} unless CASCADE. */
    public DdlResult dropExtension(List<String> names, boolean ifExists, boolean cascade) {
        return ddl(draft -> new CatalogEditor(draft).dropExtensions(names, ifExists, cascade));
    }

    // ------------------------------------------------------------------------------------------ wrappers

    /**
     * {@code CREATE FOREIGN DATA WRAPPER name [HANDLER h] [VALIDATOR v] [OPTIONS (..)]}; {@code handler} and
     * {@code validator} may be null ({@code NO HANDLER}). The functions come from the {@code wrappers} extension:
     * without it, {@code 42883 function stripe_fdw_handler() does not exist}. Duplicate: {@code 42710}.
     */
    public DdlResult createWrapper(String name, String handler, String validator, Map<String, String> options) {
        return ddl(draft -> new CatalogEditor(draft).createWrapper(name, handler, validator, options));
    }

    /** {@code DROP FOREIGN DATA WRAPPER [IF EXISTS] names [CASCADE]}. */
    public DdlResult dropWrapper(List<String> names, boolean ifExists, boolean cascade) {
        return ddl(draft -> new CatalogEditor(draft).dropWrappers(names, ifExists, cascade));
    }

    // ------------------------------------------------------------------------------------------ servers

    /**
     * {@code CREATE SERVER [IF NOT EXISTS] name FOREIGN DATA WRAPPER wrapper [OPTIONS (..)]}. {@code api_key} is
     * sealed with the vault key and listed masked. Missing wrapper: {@code 42704 foreign-data wrapper "x" does not
     * exist}; duplicate: {@code 42710 server "x" already exists}; a bad {@code api_url}, {@code max_response_size}
     * or {@code api_key_id}: {@code 22023}/{@code 22P02}.
     */
    public DdlResult createServer(String name, boolean ifNotExists, String wrapper, Map<String, String> options) {
        return ddl(draft -> new CatalogEditor(draft).createServer(name, ifNotExists, wrapper, options));
    }

    /** {@code ALTER SERVER name OPTIONS (ADD|SET|DROP ...)}: ADD of an existing option 42710, SET/DROP of a missing one
     * 42704. */
    public DdlResult alterServer(String name, List<OptionChange> changes) {
        return ddl(draft -> new CatalogEditor(draft).alterServer(name, changes));
    }

    /** {@code ALTER SERVER name RENAME TO newName}; the server's tables follow. */
    public DdlResult renameServer(String name, String newName) {
        return ddl(draft -> new CatalogEditor(draft).renameServer(name, newName));
    }

    /**
     * {@code DROP SERVER [IF EXISTS] names [CASCADE]}: tables using a server are a {@code 2BP01 cannot drop server x
     * because other objects depend on it} error listing them, unless CASCADE drops them too.
     */
    public DdlResult dropServer(List<String> names, boolean ifExists, boolean cascade) {
        return ddl(draft -> new CatalogEditor(draft).dropServers(names, ifExists, cascade));
    }

    // ------------------------------------------------------------------------------------------ schemas

    /** {@code CREATE SCHEMA [IF NOT EXISTS] name}; duplicate (reserved names included): {@code 42P06}. */
    public DdlResult createSchema(String name, boolean ifNotExists) {
        return ddl(draft -> new CatalogEditor(draft).createSchema(name, ifNotExists));
    }

    /** {@code DROP SCHEMA [IF EXISTS] names [CASCADE]}: a non-empty schema is {@code 2BP01} unless CASCADE. */
    public DdlResult dropSchema(List<String> names, boolean ifExists, boolean cascade) {
        return ddl(draft -> new CatalogEditor(draft).dropSchemas(names, ifExists, cascade));
    }

    // ------------------------------------------------------------------------------------------ foreign tables

    /**
     * {@code CREATE FOREIGN TABLE [IF NOT EXISTS] schema.name (columns) SERVER server OPTIONS (..)}. Checked in
     * Postgres's order: schema ({@code 3F000}; reserved schemas {@code 42501}), duplicate ({@code 42P07}),
     * duplicate column ({@code 42701}), column types ({@code 42704}), server ({@code 42704}), then the validator
     * (see {@link TableRules}: {@code object} required {@code HV00J} and known {@code 22023}, {@code rowid_column}
     * a column {@code 42703}).
     */
    public DdlResult createForeignTable(
            String schema,
            String name,
            boolean ifNotExists,
            List<ColumnDefinition> columns,
            String server,
            Map<String, String> options) {
        return ddl(draft ->
                new ForeignTableEditor(draft).createForeignTable(schema, name, ifNotExists, columns, server, options));
    }

    /** {@code ALTER FOREIGN TABLE [IF EXISTS] schema.name action, ...}: all actions or none; re-validated. */
    public DdlResult alterForeignTable(
            String schema, String name, boolean ifExists, List<TableAlteration> alterations) {
        return ddl(draft -> new ForeignTableEditor(draft).alterForeignTable(schema, name, ifExists, alterations));
    }

    /** {@code DROP FOREIGN TABLE [IF EXISTS] names [CASCADE]}; a missing table: {@code 42P01}. */
    public DdlResult dropForeignTables(List<QualifiedName> names, boolean ifExists, boolean cascade) {
        return ddl(draft -> new ForeignTableEditor(draft).dropForeignTables(names, ifExists, cascade));
    }

    /**
     * {@code IMPORT FOREIGN SCHEMA remote [LIMIT TO (..) | EXCEPT (..)] FROM SERVER server INTO localSchema
     * [OPTIONS (..)]}. For every selected object of the registry (by import table name; unknown names ignored, the
     * remote schema name ignored, as upstream) creates, unless a table of that name exists,
     * {@code <table>(<known columns>, attrs jsonb)} with {@code object '<object>'} and {@code rowid_column 'id'} when
     * the object has an id column. The import option {@code stripe_account} is copied to every table.
     */
    public ImportResult importForeignSchema(
            String remoteSchema,
            ImportFilter filter,
            List<String> tables,
            String server,
            String localSchema,
            Map<String, String> options) {
        return edit(draft -> new ForeignTableEditor(draft)
                .importForeignSchema(filter, tables == null ? List.of() : tables, server, localSchema, options));
    }

    /** {@code COMMENT ON ... IS 'text'}; null or {@code ''} removes the comment. */
    public DdlResult comment(CommentTarget target, String text) {
        Objects.requireNonNull(target, "target");
        return ddl(draft -> new CatalogEditor(draft).comment(target, text));
    }

    // ------------------------------------------------------------------------------------------ plumbing

    /** Runs one editing action on a draft of the latest catalog, as one atomic change. */
    <R> R edit(Function<CatalogDraft, R> action) {
        return store.update(latest -> {
            CatalogDraft draft = new CatalogDraft(latest, keys, clock);
            R result = action.apply(draft);
            return new CatalogStore.Change<>(draft.result(), result);
        });
    }

    private DdlResult ddl(Consumer<CatalogDraft> action) {
        return edit(draft -> {
            action.accept(draft);
            return draft.ddlResult();
        });
    }

    CatalogStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "Catalog[" + store.location() + "]";
    }
}
