package org.stripejdbc.catalog;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.stripejdbc.catalog.DropPlanner.CatalogObject;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.ColumnDefinition;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.TableAlteration;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import org.stripejdbc.types.SqlType;
import org.stripejdbc.vault.SealedSecret;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.SecretChanges;
import org.stripejdbc.vault.VaultCipher;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * A mutable working copy of one {@link CatalogSnapshot} on which one DDL statement is applied with Postgres
 * semantics: checks in Postgres's order, its SQLSTATEs and message texts, RESTRICT/CASCADE over the dependency
 * graph (extension → wrapper → server → foreign table; schema → extension, foreign table). A failing check throws
 * before anything is committed; {@link #result()} is the new snapshot (the base itself when nothing changed).
 *
 * <p>Not thread-safe: a store runs one editor at a time under its write lock.
 */
final class CatalogEditor {
    static final String KEY_CHECK_TEXT = "stripe-jdbc vault key check";
    static final String KEY_CHECK_ASSOCIATED_DATA = "stripe-jdbc:key-check";

    /** Extensions that can be created, and the functions each provides. */
    private static final Map<String, Set<String>> EXTENSION_FUNCTIONS =
            Map.of("wrappers", Set.of("stripe_fdw_handler", "stripe_fdw_validator"));

    private final CatalogSnapshot base;
    private final VaultKeys keys;
    private final Clock clock;
    private final LinkedHashMap<String, Extension> extensions = new LinkedHashMap<>();
    private final LinkedHashMap<String, ForeignDataWrapper> wrappers = new LinkedHashMap<>();
    private final LinkedHashMap<String, ForeignServer> servers = new LinkedHashMap<>();
    private final LinkedHashMap<String, Schema> schemas = new LinkedHashMap<>();
    private LinkedHashMap<QualifiedName, ForeignTable> tables = new LinkedHashMap<>();
    private final LinkedHashMap<UUID, VaultSecretInfo> secrets = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private String keyCheck;
    private VaultCipher cipher;
    private boolean changed;

    CatalogEditor(CatalogSnapshot base, VaultKeys keys, Clock clock) {
        this.base = Objects.requireNonNull(base, "base");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        base.extensions().forEach(e -> extensions.put(e.name(), e));
        base.wrappers().forEach(w -> wrappers.put(w.name(), w));
        base.servers().forEach(s -> servers.put(s.name(), s));
        base.schemas().forEach(s -> schemas.put(s.name(), s));
        base.tables().forEach(t -> tables.put(t.tableName(), t));
        base.secrets().forEach(s -> secrets.put(s.id(), s));
        keyCheck = base.keyCheck();
    }

    /** The new snapshot (version + 1), or the base when this editor changed nothing. */
    CatalogSnapshot result() {
        if (!changed) {
            return base;
        }
        return new CatalogSnapshot(base.version() + 1, keyCheck, extensions.values(), wrappers.values(),
                servers.values(), schemas.values(), tables.values(), secrets.values());
    }

    DdlResult ddlResult() {
        return DdlResult.of(notices);
    }

    // ------------------------------------------------------------------------------------------ extensions

    void createExtension(String name, boolean ifNotExists, String schema) {
        Objects.requireNonNull(name, "name");
        if (extensions.containsKey(name)) {
            skipOrFail(ifNotExists, SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
            return;
        }
        if (!EXTENSION_FUNCTIONS.containsKey(name)) {
            throw new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED, "extension \"" + name
                    + "\" is not available\nHINT: stripe-jdbc provides the extension wrappers (the Stripe foreign data"
                    + " wrapper); the vault is built in");
        }
        String target = schema == null ? "public" : schema;
        requireStoredSchema(target, "create extension " + name + " in");
        extensions.put(name, new Extension(name, target));
        changed = true;
    }

    void dropExtensions(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (extensions.containsKey(name)) {
                targets.add(new DropPlanner.ExtensionObject(name));
            } else {
                skipOrFail(ifExists, SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
            }
        }
        drop(targets, cascade);
    }

    // ------------------------------------------------------------------------------------------ wrappers

    void createWrapper(String name, String handler, String validator, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        if (wrappers.containsKey(name)) {
            throw new StripeJdbcException(SqlState.DUPLICATE_OBJECT, "foreign-data wrapper \"" + name + "\" already exists");
        }
        String handlerName = handler == null ? null : resolveFunction(handler, true);
        String validatorName = validator == null ? null : resolveFunction(validator, false);
        Map<String, String> copy = OrderedMaps.copy(options, "option");
        copy.forEach((option, value) -> SensitiveOptions.requireNoKey(option, value, "foreign-data wrapper " + name));
        wrappers.put(name, new ForeignDataWrapper(name, handlerName, validatorName, copy, null));
        changed = true;
    }

    private String resolveFunction(String written, boolean handler) {
        int dot = written.lastIndexOf('.');
        String schema = dot < 0 ? null : written.substring(0, dot);
        String name = written.substring(dot + 1);
        String signature = (schema == null ? "" : schema + ".") + name + (handler ? "()" : "(text[], oid)");
        String extension = EXTENSION_FUNCTIONS.entrySet().stream().filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (extension == null) {
            if (name.matches("[a-z0-9_]+_fdw_(handler|validator)")) {
                throw new StripeJdbcException(SqlState.FEATURE_NOT_SUPPORTED, "function " + name
                        + " belongs to another foreign data wrapper; stripe-jdbc implements only the Stripe wrapper"
                        + " (handler stripe_fdw_handler, validator stripe_fdw_validator)");
            }
            throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION, "function " + signature + " does not exist");
        }
        Extension installed = extensions.get(extension);
        if (installed == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION, "function " + signature
                    + " does not exist\nHINT: create extension " + extension + " first");
        }
        if (schema != null && !schema.equals(installed.schema())) {
            throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION, "function " + signature
                    + " does not exist\nHINT: extension " + extension + " is installed in schema " + installed.schema());
        }
        if (name.endsWith("_handler") != handler) {
            throw new StripeJdbcException(SqlState.WRONG_OBJECT_TYPE, handler
                    ? "function " + name + " must return type fdw_handler"
                    : "function " + name + "(text[], oid) does not exist (" + name + " is not a validator)");
        }
        return name;
    }

    void dropWrappers(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (wrappers.containsKey(name)) {
                targets.add(new DropPlanner.WrapperObject(name));
            } else {
                skipOrFail(ifExists, SqlState.UNDEFINED_OBJECT, "foreign-data wrapper \"" + name + "\" does not exist");
            }
        }
        drop(targets, cascade);
    }

    // ------------------------------------------------------------------------------------------ servers

    void createServer(String name, boolean ifNotExists, String wrapper, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wrapper, "wrapper");
        if (servers.containsKey(name)) {
            skipOrFail(ifNotExists, SqlState.DUPLICATE_OBJECT, "server \"" + name + "\" already exists");
            return;
        }
        if (!wrappers.containsKey(wrapper)) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "foreign-data wrapper \"" + wrapper + "\" does not exist");
        }
        UUID id = UUID.randomUUID();
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        OrderedMaps.copy(options, "option").forEach((option, value) -> values.put(option, serverValue(id, option, value)));
        servers.put(name, buildServer(id, name, wrapper, values, null));
        changed = true;
    }

    void alterServer(String name, List<OptionChange> optionChanges) {
        ForeignServer server = requireServer(name);
        if (optionChanges.isEmpty()) {
            return;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        server.options().forEach((option, shown) -> values.put(option,
                server.sealedOptions().containsKey(option) ? server.sealedOptions().get(option) : shown));
        for (OptionChange change : optionChanges) {
            applyOptionChange(values, change, () -> serverValue(server.id(), change.name(), change.value()));
        }
        servers.put(name, buildServer(server.id(), name, server.wrapper(), values, server.comment()));
        changed = true;
    }

    void renameServer(String name, String newName) {
        ForeignServer server = requireServer(name);
        Objects.requireNonNull(newName, "newName");
        if (name.equals(newName)) {
            return;
        }
        if (servers.containsKey(newName)) {
            throw new StripeJdbcException(SqlState.DUPLICATE_OBJECT, "server \"" + newName + "\" already exists");
        }
        LinkedHashMap<String, ForeignServer> renamed = new LinkedHashMap<>();
        servers.forEach((key, value) -> {
            if (key.equals(name)) {
                renamed.put(newName, server.withName(newName));
            } else {
                renamed.put(key, value);
            }
        });
        servers.clear();
        servers.putAll(renamed);
        tables.replaceAll((key, table) -> table.server().equals(name) ? table.withServer(newName) : table);
        changed = true;
    }

    void dropServers(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (servers.containsKey(name)) {
                targets.add(new DropPlanner.ServerObject(name));
            } else {
                skipOrFail(ifExists, SqlState.UNDEFINED_OBJECT, "server \"" + name + "\" does not exist");
            }
        }
        drop(targets, cascade);
    }

    private ForeignServer requireServer(String name) {
        ForeignServer server = servers.get(Objects.requireNonNull(name, "name"));
        if (server == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "server \"" + name + "\" does not exist");
        }
        return server;
    }

    /** A server option's stored form: sealed for sensitive options, the checked plain value otherwise. */
    private Object serverValue(UUID serverId, String option, String value) {
        if (SensitiveOptions.isSealed(option)) {
            return SealedSecret.seal(cipher(), Secret.of(value), SensitiveOptions.associatedData(serverId, option));
        }
        return value;
    }

    private static ForeignServer buildServer(UUID id, String name, String wrapper, Map<String, Object> values,
                                             String comment) {
        LinkedHashMap<String, String> shown = new LinkedHashMap<>();
        LinkedHashMap<String, SealedSecret> sealed = new LinkedHashMap<>();
        values.forEach((option, value) -> {
            if (value instanceof SealedSecret secret) {
                sealed.put(option, secret);
                shown.put(option, secret.masked());
            } else {
                String plain = (String) value;
                ServerRules.checkPlainOption(name, option, plain);
                shown.put(option, plain);
            }
        });
        return new ForeignServer(id, name, wrapper, shown, sealed, comment);
    }

    // ------------------------------------------------------------------------------------------ schemas

    void createSchema(String name, boolean ifNotExists) {
        Objects.requireNonNull(name, "name");
        if (schemas.containsKey(name) || CatalogSnapshot.isReservedSchema(name)) {
            skipOrFail(ifNotExists, SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            return;
        }
        schemas.put(name, new Schema(name, null));
        changed = true;
    }

    void dropSchemas(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (CatalogSnapshot.isReservedSchema(name)) {
                throw new StripeJdbcException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop schema " + name + " because it is required by stripe-jdbc");
            }
            if (schemas.containsKey(name)) {
                targets.add(new DropPlanner.SchemaObject(name));
            } else {
                skipOrFail(ifExists, SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
            }
        }
        drop(targets, cascade);
    }

    private void requireStoredSchema(String schema, String action) {
        if (CatalogSnapshot.isReservedSchema(schema)) {
            throw new StripeJdbcException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to " + action
                    + " schema " + schema + ": it is reserved for stripe-jdbc's own relations");
        }
        if (!schemas.containsKey(schema)) {
            throw new StripeJdbcException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
    }

    // ------------------------------------------------------------------------------------------ foreign tables

    void createForeignTable(String schema, String name, boolean ifNotExists, List<ColumnDefinition> columns, String server,
                            Map<String, String> options) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
        if (CatalogSnapshot.isReservedSchema(schema)) {
            throw new StripeJdbcException(SqlState.INSUFFICIENT_PRIVILEGE, "permission denied to create \"" + schema
                    + "." + name + "\": schema " + schema + " is reserved for stripe-jdbc's own relations");
        }
        requireStoredSchema(schema, "create in");
        QualifiedName key = new QualifiedName(schema, name);
        if (tables.containsKey(key)) {
            skipOrFail(ifNotExists, SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
            return;
        }
        List<ForeignColumn> built = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ColumnDefinition definition : columns) {
            if (!seen.add(definition.name())) {
                throw new StripeJdbcException(SqlState.DUPLICATE_COLUMN,
                        "column \"" + definition.name() + "\" specified more than once");
            }
            built.add(buildColumn(definition, key));
        }
        if (!servers.containsKey(server)) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "server \"" + server + "\" does not exist");
        }
        ForeignTable table = new ForeignTable(schema, name, server, built, OrderedMaps.copy(options, "option"), null);
        TableRules.validate(table);
        tables.put(key, table);
        changed = true;
    }

    private static ForeignColumn buildColumn(ColumnDefinition definition, QualifiedName table) {
        String typeName = definition.typeName().strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        SqlType type = SqlType.fromName(typeName).orElseThrow(() -> new StripeJdbcException(SqlState.UNDEFINED_OBJECT,
                "type \"" + definition.typeName() + "\" does not exist (column " + definition.name() + " of " + table
                        + ")"));
        definition.options().forEach((option, value) ->
                SensitiveOptions.requireNoKey(option, value, "column " + definition.name() + " of " + table));
        return new ForeignColumn(definition.name(), typeName, type, definition.notNull(), definition.options(), null);
    }

    void alterForeignTable(String schema, String name, boolean ifExists, List<TableAlteration> alterations) {
        QualifiedName key = new QualifiedName(Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(name, "name"));
        ForeignTable table = tables.get(key);
        if (table == null) {
            skipOrFail(ifExists, SqlState.UNDEFINED_TABLE, "relation \"" + key + "\" does not exist");
            return;
        }
        ForeignTable working = table;
        for (TableAlteration alteration : alterations) {
            working = alter(working, alteration);
        }
        TableRules.validate(working);
        QualifiedName newKey = working.tableName();
        LinkedHashMap<QualifiedName, ForeignTable> replaced = new LinkedHashMap<>();
        for (Map.Entry<QualifiedName, ForeignTable> entry : tables.entrySet()) {
            if (entry.getKey().equals(key)) {
                replaced.put(newKey, working);
            } else {
                replaced.put(entry.getKey(), entry.getValue());
            }
        }
        tables = replaced;
        changed = true;
    }

    private ForeignTable alter(ForeignTable table, TableAlteration alteration) {
        String relation = "relation \"" + table.name() + "\"";
        if (alteration instanceof TableAlteration.Options options) {
            LinkedHashMap<String, Object> values = new LinkedHashMap<>(table.options());
            for (OptionChange change : options.changes()) {
                applyOptionChange(values, change, change::value);
            }
            LinkedHashMap<String, String> plain = new LinkedHashMap<>();
            values.forEach((option, value) -> plain.put(option, (String) value));
            return table.withOptions(plain);
        }
        if (alteration instanceof TableAlteration.AddColumn add) {
            String column = add.column().name();
            if (table.column(column).isPresent()) {
                skipOrFail(add.ifNotExists(), SqlState.DUPLICATE_COLUMN,
                        "column \"" + column + "\" of " + relation + " already exists");
                return table;
            }
            List<ForeignColumn> columns = new ArrayList<>(table.columns());
            columns.add(buildColumn(add.column(), table.tableName()));
            return table.withColumns(columns);
        }
        if (alteration instanceof TableAlteration.DropColumn drop) {
            if (table.column(drop.column()).isEmpty()) {
                skipOrFail(drop.ifExists(), SqlState.UNDEFINED_COLUMN,
                        "column \"" + drop.column() + "\" of " + relation + " does not exist");
                return table;
            }
            if (table.rowidColumn().filter(drop.column()::equals).isPresent()) {
                throw new StripeJdbcException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column "
                        + drop.column() + " of foreign table " + table.tableName()
                        + " because option rowid_column refers to it\nHINT: set or drop the rowid_column option first");
            }
            return table.withColumns(table.columns().stream().filter(c -> !c.name().equals(drop.column())).toList());
        }
        if (alteration instanceof TableAlteration.RenameColumn rename) {
            if (table.column(rename.from()).isEmpty()) {
                throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN,
                        "column \"" + rename.from() + "\" of " + relation + " does not exist");
            }
            if (rename.from().equals(rename.to())) {
                return table;
            }
            if (table.column(rename.to()).isPresent()) {
                throw new StripeJdbcException(SqlState.DUPLICATE_COLUMN,
                        "column \"" + rename.to() + "\" of " + relation + " already exists");
            }
            ForeignTable renamed = table.withColumns(table.columns().stream()
                    .map(c -> c.name().equals(rename.from()) ? c.withName(rename.to()) : c).toList());
            if (table.rowidColumn().filter(rename.from()::equals).isPresent()) {
                // The option follows its column, as Postgres dependencies follow a rename.
                LinkedHashMap<String, String> options = new LinkedHashMap<>(renamed.options());
                options.put(ForeignTable.ROWID_COLUMN, rename.to());
                renamed = renamed.withOptions(options);
            }
            return renamed;
        }
        TableAlteration.RenameTable rename = (TableAlteration.RenameTable) alteration;
        if (!rename.to().equals(table.name()) && tables.containsKey(new QualifiedName(table.schema(), rename.to()))) {
            throw new StripeJdbcException(SqlState.DUPLICATE_TABLE, "relation \"" + rename.to() + "\" already exists");
        }
        return table.withName(rename.to());
    }

    void dropForeignTables(List<QualifiedName> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (QualifiedName name : names) {
            if (tables.containsKey(name)) {
                targets.add(new DropPlanner.TableObject(name));
            } else {
                skipOrFail(ifExists, SqlState.UNDEFINED_TABLE, "foreign table \"" + name + "\" does not exist");
            }
        }
        drop(targets, cascade);
    }

    ImportResult importForeignSchema(ImportFilter filter, List<String> tableNames, String server, String localSchema,
                                     Map<String, String> options) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(localSchema, "localSchema");
        requireServer(server);
        requireStoredSchema(localSchema, "import into");
        Set<String> listed = Set.copyOf(tableNames);
        String stripeAccount = options == null ? null : options.get(ForeignTable.STRIPE_ACCOUNT);
        List<ForeignTable> created = new ArrayList<>();
        List<QualifiedName> skipped = new ArrayList<>();
        for (StripeObject object : StripeObjects.all()) {
            boolean selected = switch (filter) {
                case ALL -> true;
                case LIMIT_TO -> listed.contains(object.tableName());
                case EXCEPT -> !listed.contains(object.tableName());
            };
            if (!selected) {
                continue;
            }
            QualifiedName key = new QualifiedName(localSchema, object.tableName());
            if (tables.containsKey(key)) {
                skipped.add(key);
                continue;
            }
            ForeignTable table = ImportedTables.of(object, key, server, stripeAccount);
            TableRules.validate(table);
            tables.put(key, table);
            created.add(table);
            changed = true;
        }
        ImportResult result = new ImportResult(created, skipped);
        notices.addAll(result.notices());
        return result;
    }

    // ------------------------------------------------------------------------------------------ comments

    void comment(CommentTarget target, String text) {
        String comment = text == null || text.isEmpty() ? null : text;
        if (target instanceof CommentTarget.OnSchema onSchema) {
            requireStoredSchema(onSchema.name(), "comment on");
            schemas.put(onSchema.name(), new Schema(onSchema.name(), comment));
        } else if (target instanceof CommentTarget.OnServer onServer) {
            servers.put(onServer.name(), requireServer(onServer.name()).withComment(comment));
        } else if (target instanceof CommentTarget.OnForeignTable onTable) {
            ForeignTable table = requireTable(onTable.table());
            tables.put(table.tableName(), table.withComment(comment));
        } else {
            CommentTarget.OnColumn onColumn = (CommentTarget.OnColumn) target;
            ForeignTable table = requireTable(onColumn.table());
            if (table.column(onColumn.column()).isEmpty()) {
                throw new StripeJdbcException(SqlState.UNDEFINED_COLUMN, "column \"" + onColumn.column()
                        + "\" of relation \"" + table.name() + "\" does not exist");
            }
            tables.put(table.tableName(), table.withColumns(table.columns().stream()
                    .map(c -> c.name().equals(onColumn.column()) ? c.withComment(comment) : c).toList()));
        }
        changed = true;
    }

    /** The table of that name; its schema is resolved already (the session did it). */
    private ForeignTable requireTable(QualifiedName key) {
        Objects.requireNonNull(key.schema(), () -> "schema of " + key);
        ForeignTable table = tables.get(key);
        if (table == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"" + key + "\" does not exist");
        }
        return table;
    }

    // ------------------------------------------------------------------------------------------ vault secrets

    UUID createSecret(Secret secret, String name, String description) {
        if (secret == null) {
            throw new StripeJdbcException(SqlState.NOT_NULL_VIOLATION,
                    "null value in column \"secret\" of relation \"secrets\" violates not-null constraint");
        }
        requireUniqueSecretName(name, null);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = now();
        String ciphertext = cipher().seal(secret.reveal(), id.toString());
        secrets.put(id, new VaultSecretInfo(id, name, description, id, now, now, ciphertext));
        changed = true;
        return id;
    }

    boolean updateSecret(UUID id, SecretChanges changes) {
        VaultSecretInfo current = secrets.get(Objects.requireNonNull(id, "id"));
        if (current == null) {
            return false;
        }
        String name = changes.nameChanged() ? changes.name() : current.name();
        String description = changes.descriptionChanged() ? changes.description() : current.description();
        if (changes.nameChanged()) {
            requireUniqueSecretName(name, id);
        }
        String ciphertext = changes.secret() == null ? current.ciphertext()
                : cipher().seal(changes.secret().reveal(), current.associatedData());
        secrets.put(id, new VaultSecretInfo(id, name, description, current.keyId(), current.createdAt(), now(),
                ciphertext));
        changed = true;
        return true;
    }

    boolean deleteSecret(UUID id) {
        if (secrets.remove(Objects.requireNonNull(id, "id")) == null) {
            return false;
        }
        changed = true;
        return true;
    }

    private void requireUniqueSecretName(String name, UUID self) {
        if (name == null) {
            return;
        }
        for (VaultSecretInfo secret : secrets.values()) {
            if (name.equals(secret.name()) && !secret.id().equals(self)) {
                throw new StripeJdbcException(SqlState.UNIQUE_VIOLATION,
                        "duplicate key value violates unique constraint \"secrets_name_idx\"\nDETAIL: Key (name)=("
                                + name + ") already exists.");
            }
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The cipher for new sealed values. Security: the first sealed value of a catalog records a key check; later
     * ones must use the same key, so one catalog never mixes secrets that no single key opens.
     */
    private VaultCipher cipher() {
        if (cipher == null) {
            VaultCipher candidate = new VaultCipher(keys.forWriting());
            if (keyCheck != null && !hasSealedValues()) {
                keyCheck = null; // nothing depends on the old key any more
            }
            if (keyCheck == null) {
                keyCheck = candidate.seal(KEY_CHECK_TEXT, KEY_CHECK_ASSOCIATED_DATA);
                changed = true;
            } else if (candidate.open(keyCheck, KEY_CHECK_ASSOCIATED_DATA).isEmpty()) {
                throw new StripeJdbcException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "the vault key from "
                        + keys.describe() + " is not the key that encrypted the secrets already in this catalog;"
                        + " refusing to mix keys (use the original key, or delete the existing vault secrets and"
                        + " api_key options first)");
            }
            cipher = candidate;
        }
        return cipher;
    }

    private boolean hasSealedValues() {
        return !secrets.isEmpty() || servers.values().stream().anyMatch(s -> !s.sealedOptions().isEmpty());
    }

    // ------------------------------------------------------------------------------------------ shared rules

    private void skipOrFail(boolean skip, SqlState state, String message) {
        if (!skip) {
            throw new StripeJdbcException(state, message);
        }
        notices.add(message + ", skipping");
    }

    /** Postgres option-list semantics: ADD must be new, SET and DROP must exist. */
    private static void applyOptionChange(Map<String, Object> values, OptionChange change,
                                          java.util.function.Supplier<Object> newValue) {
        String name = change.name();
        switch (change.action()) {
            case ADD -> {
                if (values.containsKey(name)) {
                    throw new StripeJdbcException(SqlState.DUPLICATE_OBJECT, "option \"" + name + "\" provided more than once");
                }
                values.put(name, newValue.get());
            }
            case SET -> {
                if (!values.containsKey(name)) {
                    throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "option \"" + name + "\" not found");
                }
                values.put(name, newValue.get());
            }
            case DROP -> {
                if (values.remove(name) == null) {
                    throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "option \"" + name + "\" not found");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ dropping

    private void drop(List<CatalogObject> targets, boolean cascade) {
        if (targets.isEmpty()) {
            return;
        }
        DropPlanner.Plan plan = new DropPlanner(EXTENSION_FUNCTIONS, extensions.values(), wrappers.values(),
                servers.values(), tables.values()).plan(targets, cascade);
        notices.addAll(plan.notices());
        for (CatalogObject object : plan.doomed()) {
            if (object instanceof DropPlanner.ExtensionObject o) {
                extensions.remove(o.name());
            } else if (object instanceof DropPlanner.WrapperObject o) {
                wrappers.remove(o.name());
            } else if (object instanceof DropPlanner.ServerObject o) {
                servers.remove(o.name());
            } else if (object instanceof DropPlanner.SchemaObject o) {
                schemas.remove(o.name());
            } else if (object instanceof DropPlanner.TableObject o) {
                tables.remove(o.name());
            }
        }
        changed = true;
    }
}
