package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.TableAlteration;

/**
 * Security: what a served session may not do. A served session is one that {@code StripeServe} opens for a remote
 * client ({@link StripeEngine#served()}); it runs with the server's key, catalog and connection properties, so it
 * must neither see the server's secrets nor change where, with which key, for which account or with which API
 * version the server's requests go. Every refusal is SQLSTATE 42501 (insufficient_privilege) and happens before
 * the statement has any effect. Local sessions are not restricted.
 * <ul>
 *   <li>reading {@code vault.decrypted_secrets} in any form (checked where the view is resolved, so joins,
 *       subqueries, CTEs, EXPLAIN and INSERT ... SELECT are covered), and calling the vault functions;</li>
 *   <li>writing the vault: INSERT, UPDATE and DELETE on {@code vault.secrets} or {@code vault.decrypted_secrets};</li>
 *   <li>CREATE, ALTER, DROP of extensions, foreign data wrappers and servers, and COMMENT ON SERVER (user mappings
 *       do not exist here: the parser refuses them for every session);</li>
 *   <li>any of the {@linkplain #ROUTING_OPTIONS routing options} in CREATE FOREIGN TABLE, ALTER FOREIGN TABLE
 *       OPTIONS or IMPORT FOREIGN SCHEMA ... OPTIONS (a table's {@code stripe_account} overrides its server's);</li>
 *   <li>dropping, altering or renaming a foreign table that has a routing option (re-creating it without one would
 *       change the account its requests go to), also through DROP SCHEMA ... CASCADE;</li>
 *   <li>{@code stripe_action} on the Stripe Apps secret store ({@code apps_secrets}: find, delete);</li>
 *   <li>SET or RESET of a setting named like a routing option ({@code api_url}, {@code stripe.api_version}...):
 *       no session setting routes requests, and a served session cannot start to.</li>
 * </ul>
 * Creating a foreign table on an existing server, writes to Stripe tables, DDL of schemas and of foreign tables
 * without routing options, SET of other settings, queries, EXPLAIN and metadata stay allowed.
 * <pre>
 *   alter server stripe_server options (set api_url 'http://elsewhere/v1/')
 *   → 42501 served connections cannot run ALTER SERVER: servers, foreign data wrappers and extensions decide where
 *     requests go and with which key; only a local connection on the server's machine changes them
 * </pre>
 */
final class ServedRestrictions {
    /** The options that decide where requests go and with which key, account or version. */
    static final Set<String> ROUTING_OPTIONS =
            Set.of("api_url", "api_key", "api_key_id", "api_key_name", "stripe_account", "api_version");

    private static final String APPS_SECRETS = "apps/secrets";
    private static final String ROUTING_REASON = "options api_url, api_key, api_key_id, api_key_name, stripe_account"
            + " and api_version decide where requests go and with which key, account or version";
    private static final String SERVER_REASON = "servers, foreign data wrappers and extensions decide where requests"
            + " go and with which key; only a local connection on the server's machine changes them";
    private static final String VAULT_REASON = "the vault holds the server's keys; only a local connection on the"
            + " server's machine reads or changes it";

    private ServedRestrictions() {}

    /**
     * Refuses {@code statement} when a served session may not run it. The catalog checks (does a table to drop
     * have a routing option?) read {@code snapshot}; with a null snapshot only the statement itself is checked.
     * {@code searchPath} resolves unqualified table names as {@link DdlExecutor} does.
     */
    static void check(Statement statement, CatalogSnapshot snapshot, SearchPath searchPath) {
        if (statement instanceof Statement.Explain explain) {
            check(explain.statement(), snapshot, searchPath);
        } else if (statement instanceof Statement.QueryStatement query) {
            VaultStatements.functionName(query.query()).ifPresent(name -> {
                throw refused("call " + name, VAULT_REASON);
            });
        } else if (statement instanceof Statement.Insert insert) {
            checkNotVault(insert.table(), "INSERT INTO");
        } else if (statement instanceof Statement.Update update) {
            checkNotVault(update.table(), "UPDATE");
        } else if (statement instanceof Statement.Delete delete) {
            checkNotVault(delete.table(), "DELETE FROM");
        } else if (statement instanceof Statement.CreateExtension
                || statement instanceof Statement.DropExtension
                || statement instanceof Statement.CreateForeignDataWrapper
                || statement instanceof Statement.DropForeignDataWrapper
                || statement instanceof Statement.CreateServer
                || statement instanceof Statement.AlterServer
                || statement instanceof Statement.DropServer) {
            throw refused("run " + StripeSession.statementVerb(statement), SERVER_REASON);
        } else if (statement instanceof Statement.CommentOn comment
                && comment.target() instanceof CommentTarget.OnServer) {
            throw refused("run COMMENT ON SERVER", SERVER_REASON);
        } else if (statement instanceof Statement.CreateForeignTable create) {
            checkOptions(create.options().keySet(), "foreign table " + create.name());
        } else if (statement instanceof Statement.ImportForeignSchema importSchema) {
            checkOptions(importSchema.options().keySet(), "IMPORT FOREIGN SCHEMA into " + importSchema.localSchema());
        } else if (statement instanceof Statement.AlterForeignTable alter) {
            List<String> names = new ArrayList<>();
            for (TableAlteration alteration : alter.alterations()) {
                if (alteration instanceof TableAlteration.Options options) {
                    options.changes().forEach(change -> names.add(change.name()));
                }
            }
            checkOptions(names, "foreign table " + alter.name());
            checkNoRoutedTable(snapshot, existing(snapshot, searchPath, alter.name()), "alter");
        } else if (statement instanceof Statement.DropForeignTable drop) {
            for (QualifiedName name : drop.names()) {
                checkNoRoutedTable(snapshot, existing(snapshot, searchPath, name), "drop");
            }
        } else if (statement instanceof Statement.DropSchema drop && snapshot != null) {
            for (String schema : drop.names()) {
                for (ForeignTable table : snapshot.tablesIn(schema)) {
                    checkNoRoutedTable(snapshot, Optional.of(table), "drop (DROP SCHEMA " + schema + ")");
                }
            }
        } else if (statement instanceof Statement.SetVariable set) {
            checkSetting(set.name(), "SET");
        } else if (statement instanceof Statement.ResetVariable reset) {
            checkSetting(reset.name(), "RESET");
        }
    }

    /**
     * Refuses a served {@code stripe_action} on the Stripe Apps secret store ({@code apps/secrets}: {@code find}
     * answers a secret's payload, {@code delete} removes one): like the vault, secrets a Stripe App keeps are read and
     * changed only by a local connection.
     */
    static void checkAction(String objectPath) {
        if (objectPath.equals(APPS_SECRETS)) {
            throw refused(
                    "call stripe_action on apps_secrets",
                    "the secrets Stripe Apps keep (find answers their payload) are read and changed only by a local"
                            + " connection on the server's machine");
        }
    }

    /** The refusal of {@code vault.decrypted_secrets}, wherever a served statement names it. */
    static StripeJdbcException decryptedSecrets() {
        return refused(
                "read " + VaultTables.SCHEMA + "." + VaultTables.DECRYPTED_SECRETS,
                "decrypted secrets never leave the server");
    }

    /** The metadata a served session shows: the catalog's, without {@code vault.decrypted_secrets}. */
    static MetadataView metadata(MetadataView catalog) {
        return new MetadataView() {
            @Override
            public List<String> schemas() {
                return catalog.schemas();
            }

            @Override
            public List<TableInfo> tables() {
                List<TableInfo> tables = new ArrayList<>(catalog.tables());
                tables.removeIf(
                        t -> t.schema().equals(VaultTables.SCHEMA) && t.name().equals(VaultTables.DECRYPTED_SECRETS));
                return List.copyOf(tables);
            }

            @Override
            public List<ForeignKey> foreignKeys() {
                return catalog.foreignKeys();
            }
        };
    }

    private static void checkNotVault(QualifiedName table, String verb) {
        if (table.schema() != null && VaultTables.isVaultTable(table.schema(), table.name())) {
            throw refused("run " + verb + " " + table, VAULT_REASON);
        }
    }

    private static void checkOptions(Iterable<String> names, String owner) {
        for (String name : names) {
            if (isRouting(name)) {
                throw refused("set option " + name + " of " + owner, ROUTING_REASON);
            }
        }
    }

    /** Option and setting names compare case-insensitively: a quoted {@code "API_URL"} is refused too. */
    private static boolean isRouting(String name) {
        return name != null && ROUTING_OPTIONS.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    private static Optional<ForeignTable> existing(
            CatalogSnapshot snapshot, SearchPath searchPath, QualifiedName name) {
        if (snapshot == null) {
            return Optional.empty();
        }
        if (name.schema() != null) {
            return snapshot.table(name.schema(), name.name());
        }
        return searchPath.findTableSchema(snapshot, name.name()).flatMap(schema -> snapshot.table(schema, name.name()));
    }

    private static void checkNoRoutedTable(CatalogSnapshot snapshot, Optional<ForeignTable> table, String action) {
        if (snapshot == null || table.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> option : table.get().options().entrySet()) {
            if (isRouting(option.getKey())) {
                throw refused(
                        action + " foreign table " + table.get().tableName() + ", which has option " + option.getKey(),
                        ROUTING_REASON);
            }
        }
    }

    /** {@code SET api_url}, {@code SET stripe.api_url}, {@code RESET stripe_account}. */
    private static void checkSetting(String name, String verb) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String last = lower.substring(lower.lastIndexOf('.') + 1);
        if (isRouting(last) || last.equals("vault_key")) {
            throw refused(
                    verb + " " + name,
                    "no setting of a served session may change where requests go or with"
                            + " which key, account or version");
        }
    }

    private static StripeJdbcException refused(String what, String why) {
        return new StripeJdbcException(
                SqlState.INSUFFICIENT_PRIVILEGE, "served connections cannot " + what + ": " + why);
    }
}
