package org.stripejdbc.catalog;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.stripejdbc.catalog.DropPlanner.CatalogObject;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.vault.VaultCipher;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * A mutable working copy of one {@link CatalogSnapshot}, on which one statement is applied: DDL
 * ({@link CatalogEditor}, {@link ForeignTableEditor}) or a change of {@code vault.secrets} ({@link SecretEditor}).
 * It holds what they share: the objects by name, the NOTICEs, whether anything changed, the vault cipher with its key
 * check, and the rules every statement uses (lookups with Postgres's errors, {@code IF [NOT] EXISTS}, option lists,
 * RESTRICT/CASCADE). A failing check throws before anything is committed; {@link #result()} is the new snapshot (the
 * base itself when nothing changed).
 *
 * <p>Example: {@code drop server if exists nope} on a draft leaves it unchanged with the NOTICE
 * {@code server "nope" does not exist, skipping}; {@code result()} is then the base snapshot.
 *
 * <p>Not thread-safe: a store runs one draft at a time under its write lock.
 */
final class CatalogDraft {
    static final String KEY_CHECK_TEXT = "stripe-jdbc vault key check";
    static final String KEY_CHECK_ASSOCIATED_DATA = "stripe-jdbc:key-check";

    /** Extensions that can be created, and the functions each provides. */
    static final Map<String, Set<String>> EXTENSION_FUNCTIONS =
            Map.of("wrappers", Set.of("stripe_fdw_handler", "stripe_fdw_validator"));

    private final CatalogSnapshot base;
    private final VaultKeys keys;
    private final Clock clock;
    final LinkedHashMap<String, Extension> extensions = new LinkedHashMap<>();
    final LinkedHashMap<String, ForeignDataWrapper> wrappers = new LinkedHashMap<>();
    final LinkedHashMap<String, ForeignServer> servers = new LinkedHashMap<>();
    final LinkedHashMap<String, Schema> schemas = new LinkedHashMap<>();
    final LinkedHashMap<QualifiedName, ForeignTable> tables = new LinkedHashMap<>();
    final LinkedHashMap<UUID, VaultSecretInfo> secrets = new LinkedHashMap<>();
    private final List<String> notices = new ArrayList<>();
    private String keyCheck;
    private VaultCipher cipher;
    private boolean changed;

    CatalogDraft(CatalogSnapshot base, VaultKeys keys, Clock clock) {
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

    /** The new snapshot (version + 1), or the base when this draft changed nothing. */
    CatalogSnapshot result() {
        if (!changed) {
            return base;
        }
        return new CatalogSnapshot(
                base.version() + 1,
                keyCheck,
                extensions.values(),
                wrappers.values(),
                servers.values(),
                schemas.values(),
                tables.values(),
                secrets.values());
    }

    DdlResult ddlResult() {
        return DdlResult.of(notices);
    }

    /** Records that the statement changed the catalog. */
    void changed() {
        changed = true;
    }

    void notice(String message) {
        notices.add(message);
    }

    void notices(List<String> messages) {
        notices.addAll(messages);
    }

    /** Now, as {@code vault.secrets} stores it: UTC, whole microseconds. */
    OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    // ------------------------------------------------------------------------------------------ lookups

    ForeignServer requireServer(String name) {
        ForeignServer server = servers.get(Objects.requireNonNull(name, "name"));
        if (server == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_OBJECT, "server \"" + name + "\" does not exist");
        }
        return server;
    }

    /** The table of that name; its schema is resolved already (the session did it). */
    ForeignTable requireTable(QualifiedName key) {
        Objects.requireNonNull(key.schema(), () -> "schema of " + key);
        ForeignTable table = tables.get(key);
        if (table == null) {
            throw new StripeJdbcException(SqlState.UNDEFINED_TABLE, "relation \"" + key + "\" does not exist");
        }
        return table;
    }

    void requireStoredSchema(String schema, String action) {
        if (CatalogSnapshot.isReservedSchema(schema)) {
            throw new StripeJdbcException(
                    SqlState.INSUFFICIENT_PRIVILEGE,
                    "permission denied to " + action + " schema " + schema
                            + ": it is reserved for stripe-jdbc's own relations");
        }
        if (!schemas.containsKey(schema)) {
            throw new StripeJdbcException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema + "\" does not exist");
        }
    }

    /** Replaces the table stored under {@code key} by {@code table} (renamed or not), keeping the tables' order. */
    void replaceTable(QualifiedName key, ForeignTable table) {
        LinkedHashMap<QualifiedName, ForeignTable> replaced = new LinkedHashMap<>();
        for (Map.Entry<QualifiedName, ForeignTable> entry : tables.entrySet()) {
            if (entry.getKey().equals(key)) {
                replaced.put(table.tableName(), table);
            } else {
                replaced.put(entry.getKey(), entry.getValue());
            }
        }
        tables.clear();
        tables.putAll(replaced);
    }

    // ------------------------------------------------------------------------------------------ shared rules

    /** {@code IF [NOT] EXISTS}: with {@code skip}, a NOTICE "..., skipping"; without, the error. */
    void skipOrFail(boolean skip, SqlState state, String message) {
        if (!skip) {
            throw new StripeJdbcException(state, message);
        }
        notices.add(message + ", skipping");
    }

    /** Postgres option-list semantics: ADD must be new, SET and DROP must exist. */
    static void applyOptionChange(Map<String, Object> values, OptionChange change, Supplier<Object> newValue) {
        String name = change.name();
        switch (change.action()) {
            case ADD -> {
                if (values.containsKey(name)) {
                    throw new StripeJdbcException(
                            SqlState.DUPLICATE_OBJECT, "option \"" + name + "\" provided more than once");
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

    /** Drops {@code targets} with RESTRICT or CASCADE ({@link DropPlanner}); nothing to do when empty. */
    void drop(List<CatalogObject> targets, boolean cascade) {
        if (targets.isEmpty()) {
            return;
        }
        DropPlanner.Plan plan = new DropPlanner(
                        EXTENSION_FUNCTIONS, extensions.values(), wrappers.values(), servers.values(), tables.values())
                .plan(targets, cascade);
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

    // ------------------------------------------------------------------------------------------ sealing

    /**
     * The cipher for new sealed values (vault secrets, sealed server options). Security: the first sealed value of a
     * catalog records a key check; later ones must use the same key, so one catalog never mixes secrets that no
     * single key opens.
     */
    VaultCipher cipher() {
        if (cipher == null) {
            VaultCipher candidate = new VaultCipher(keys.forWriting());
            if (keyCheck != null && !hasSealedValues()) {
                keyCheck = null; // nothing depends on the old key any more
            }
            if (keyCheck == null) {
                keyCheck = candidate.seal(KEY_CHECK_TEXT, KEY_CHECK_ASSOCIATED_DATA);
                changed = true;
            } else if (candidate.open(keyCheck, KEY_CHECK_ASSOCIATED_DATA).isEmpty()) {
                throw new StripeJdbcException(
                        SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "the vault key from "
                                + keys.describe()
                                + " is not the key that encrypted the secrets already in this catalog;"
                                + " refusing to mix keys (use the original key, or delete the existing vault secrets "
                                + "and"
                                + " api_key options first)");
            }
            cipher = candidate;
        }
        return cipher;
    }

    private boolean hasSealedValues() {
        return !secrets.isEmpty()
                || servers.values().stream().anyMatch(s -> !s.sealedOptions().isEmpty());
    }
}
