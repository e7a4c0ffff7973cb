package org.stripejdbc.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.stripejdbc.catalog.DropPlanner.CatalogObject;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.OrderedMaps;
import org.stripejdbc.vault.SealedSecret;
import org.stripejdbc.vault.Secret;

/**
 * The DDL of the objects around foreign tables, applied to a {@link CatalogDraft} with Postgres semantics: extensions,
 * foreign-data wrappers, servers, schemas and {@code COMMENT ON}. Checks run in Postgres's order with its SQLSTATEs
 * and message texts; DROP follows the dependency graph (extension → wrapper → server → foreign table; schema →
 * extension, foreign table) with RESTRICT or CASCADE. Foreign tables themselves are {@link ForeignTableEditor}'s.
 *
 * <p>Example: {@code create server s foreign data wrapper stripe_wrapper options (api_key 'sk_test_...')} stores
 * the server with {@code api_key} sealed (listed as {@code sk_test_...wxyz}); without the wrapper it is
 * {@code 42704 foreign-data wrapper "stripe_wrapper" does not exist}.
 */
final class CatalogEditor {
    private final CatalogDraft draft;

    CatalogEditor(CatalogDraft draft) {
        this.draft = Objects.requireNonNull(draft, "draft");
    }

    // ------------------------------------------------------------------------------------------ extensions

    void createExtension(String name, boolean ifNotExists, String schema) {
        Objects.requireNonNull(name, "name");
        if (draft.extensions.containsKey(name)) {
            draft.skipOrFail(ifNotExists, SqlState.DUPLICATE_OBJECT, "extension \"" + name + "\" already exists");
            return;
        }
        if (!CatalogDraft.EXTENSION_FUNCTIONS.containsKey(name)) {
            throw new StripeJdbcException(
                    SqlState.FEATURE_NOT_SUPPORTED,
                    "extension \"" + name
                            + "\" is not available\nHINT: stripe-jdbc provides the extension wrappers (the Stripe "
                            + "foreign data"
                            + " wrapper); the vault is built in");
        }
        String target = schema == null ? "public" : schema;
        draft.requireStoredSchema(target, "create extension " + name + " in");
        draft.extensions.put(name, new Extension(name, target));
        draft.changed();
    }

    void dropExtensions(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (draft.extensions.containsKey(name)) {
                targets.add(new DropPlanner.ExtensionObject(name));
            } else {
                draft.skipOrFail(ifExists, SqlState.UNDEFINED_OBJECT, "extension \"" + name + "\" does not exist");
            }
        }
        draft.drop(targets, cascade);
    }

    // ------------------------------------------------------------------------------------------ wrappers

    void createWrapper(String name, String handler, String validator, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        if (draft.wrappers.containsKey(name)) {
            throw new StripeJdbcException(
                    SqlState.DUPLICATE_OBJECT, "foreign-data wrapper \"" + name + "\" already exists");
        }
        String handlerName = handler == null ? null : resolveFunction(handler, true);
        String validatorName = validator == null ? null : resolveFunction(validator, false);
        Map<String, String> copy = OrderedMaps.copy(options, "option");
        copy.forEach((option, value) -> SensitiveOptions.requireNoKey(option, value, "foreign-data wrapper " + name));
        draft.wrappers.put(name, new ForeignDataWrapper(name, handlerName, validatorName, copy, null));
        draft.changed();
    }

    private String resolveFunction(String written, boolean handler) {
        int dot = written.lastIndexOf('.');
        String schema = dot < 0 ? null : written.substring(0, dot);
        String name = written.substring(dot + 1);
        String signature = (schema == null ? "" : schema + ".") + name + (handler ? "()" : "(text[], oid)");
        String extension = CatalogDraft.EXTENSION_FUNCTIONS.entrySet().stream()
                .filter(e -> e.getValue().contains(name))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
        if (extension == null) {
            if (name.matches("[a-z0-9_]+_fdw_(handler|validator)")) {
                throw new StripeJdbcException(
                        SqlState.FEATURE_NOT_SUPPORTED,
                        "function " + name
                                + " belongs to another foreign data wrapper; stripe-jdbc implements only the Stripe "
                                + "wrapper"
                                + " (handler stripe_fdw_handler, validator stripe_fdw_validator)");
            }
            throw new StripeJdbcException(SqlState.UNDEFINED_FUNCTION, "function " + signature + " does not exist");
        }
        Extension installed = draft.extensions.get(extension);
        if (installed == null) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + signature + " does not exist\nHINT: create extension " + extension + " first");
        }
        if (schema != null && !schema.equals(installed.schema())) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_FUNCTION,
                    "function " + signature
                            + " does not exist\nHINT: extension " + extension + " is installed in schema "
                            + installed.schema());
        }
        if (name.endsWith("_handler") != handler) {
            throw new StripeJdbcException(
                    SqlState.WRONG_OBJECT_TYPE,
                    handler
                            ? "function " + name + " must return type fdw_handler"
                            : "function " + name + "(text[], oid) does not exist (" + name + " is not a validator)");
        }
        return name;
    }

    void dropWrappers(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (draft.wrappers.containsKey(name)) {
                targets.add(new DropPlanner.WrapperObject(name));
            } else {
                draft.skipOrFail(
                        ifExists, SqlState.UNDEFINED_OBJECT, "foreign-data wrapper \"" + name + "\" does not exist");
            }
        }
        draft.drop(targets, cascade);
    }

    // ------------------------------------------------------------------------------------------ servers

    void createServer(String name, boolean ifNotExists, String wrapper, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(wrapper, "wrapper");
        if (draft.servers.containsKey(name)) {
            draft.skipOrFail(ifNotExists, SqlState.DUPLICATE_OBJECT, "server \"" + name + "\" already exists");
            return;
        }
        if (!draft.wrappers.containsKey(wrapper)) {
            throw new StripeJdbcException(
                    SqlState.UNDEFINED_OBJECT, "foreign-data wrapper \"" + wrapper + "\" does not exist");
        }
        UUID id = UUID.randomUUID();
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        OrderedMaps.copy(options, "option")
                .forEach((option, value) -> values.put(option, serverValue(id, option, value)));
        draft.servers.put(name, buildServer(id, name, wrapper, values, null));
        draft.changed();
    }

    void alterServer(String name, List<OptionChange> optionChanges) {
        ForeignServer server = draft.requireServer(name);
        if (optionChanges.isEmpty()) {
            return;
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        server.options()
                .forEach((option, shown) -> values.put(
                        option,
                        server.sealedOptions().containsKey(option)
                                ? server.sealedOptions().get(option)
                                : shown));
        for (OptionChange change : optionChanges) {
            CatalogDraft.applyOptionChange(
                    values, change, () -> serverValue(server.id(), change.name(), change.value()));
        }
        draft.servers.put(name, buildServer(server.id(), name, server.wrapper(), values, server.comment()));
        draft.changed();
    }

    void renameServer(String name, String newName) {
        ForeignServer server = draft.requireServer(name);
        Objects.requireNonNull(newName, "newName");
        if (name.equals(newName)) {
            return;
        }
        if (draft.servers.containsKey(newName)) {
            throw new StripeJdbcException(SqlState.DUPLICATE_OBJECT, "server \"" + newName + "\" already exists");
        }
        LinkedHashMap<String, ForeignServer> renamed = new LinkedHashMap<>();
        draft.servers.forEach((key, value) -> {
            if (key.equals(name)) {
                renamed.put(newName, server.withName(newName));
            } else {
                renamed.put(key, value);
            }
        });
        draft.servers.clear();
        draft.servers.putAll(renamed);
        draft.tables.replaceAll((key, table) -> table.server().equals(name) ? table.withServer(newName) : table);
        draft.changed();
    }

    void dropServers(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (draft.servers.containsKey(name)) {
                targets.add(new DropPlanner.ServerObject(name));
            } else {
                draft.skipOrFail(ifExists, SqlState.UNDEFINED_OBJECT, "server \"" + name + "\" does not exist");
            }
        }
        draft.drop(targets, cascade);
    }

    /** A server option's stored form: sealed for sensitive options, the checked plain value otherwise. */
    private Object serverValue(UUID serverId, String option, String value) {
        if (SensitiveOptions.isSealed(option)) {
            return SealedSecret.seal(
                    draft.cipher(), Secret.of(value), SensitiveOptions.associatedData(serverId, option));
        }
        return value;
    }

    private static ForeignServer buildServer(
            UUID id, String name, String wrapper, Map<String, Object> values, String comment) {
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
        if (draft.schemas.containsKey(name) || CatalogSnapshot.isReservedSchema(name)) {
            draft.skipOrFail(ifNotExists, SqlState.DUPLICATE_SCHEMA, "schema \"" + name + "\" already exists");
            return;
        }
        draft.schemas.put(name, new Schema(name, null));
        draft.changed();
    }

    void dropSchemas(List<String> names, boolean ifExists, boolean cascade) {
        List<CatalogObject> targets = new ArrayList<>();
        for (String name : names) {
            if (CatalogSnapshot.isReservedSchema(name)) {
                throw new StripeJdbcException(
                        SqlState.DEPENDENT_OBJECTS_STILL_EXIST,
                        "cannot drop schema " + name + " because it is required by stripe-jdbc");
            }
            if (draft.schemas.containsKey(name)) {
                targets.add(new DropPlanner.SchemaObject(name));
            } else {
                draft.skipOrFail(ifExists, SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
            }
        }
        draft.drop(targets, cascade);
    }

    // ------------------------------------------------------------------------------------------ comments

    void comment(CommentTarget target, String text) {
        String comment = text == null || text.isEmpty() ? null : text;
        if (target instanceof CommentTarget.OnSchema onSchema) {
            draft.requireStoredSchema(onSchema.name(), "comment on");
            draft.schemas.put(onSchema.name(), new Schema(onSchema.name(), comment));
        } else if (target instanceof CommentTarget.OnServer onServer) {
            draft.servers.put(
                    onServer.name(), draft.requireServer(onServer.name()).withComment(comment));
        } else if (target instanceof CommentTarget.OnForeignTable onTable) {
            ForeignTable table = draft.requireTable(onTable.table());
            draft.tables.put(table.tableName(), table.withComment(comment));
        } else {
            CommentTarget.OnColumn onColumn = (CommentTarget.OnColumn) target;
            ForeignTable table = draft.requireTable(onColumn.table());
            if (table.column(onColumn.column()).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_COLUMN,
                        "column \"" + onColumn.column() + "\" of relation \"" + table.name() + "\" does not exist");
            }
            draft.tables.put(
                    table.tableName(),
                    table.withColumns(table.columns().stream()
                            .map(c -> c.name().equals(onColumn.column()) ? c.withComment(comment) : c)
                            .toList()));
        }
        draft.changed();
    }
}
