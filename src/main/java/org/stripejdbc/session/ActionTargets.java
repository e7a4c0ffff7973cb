package org.stripejdbc.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stripejdbc.catalog.CatalogSnapshot;
import org.stripejdbc.catalog.ForeignServer;
import org.stripejdbc.catalog.ForeignTable;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.fdw.modify.ActionTarget;
import org.stripejdbc.fdw.modify.IdempotencyKeys;
import org.stripejdbc.fdw.modify.StripeActionRunner;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.stripe.StripeClient;
import org.stripejdbc.stripe.objects.StripeActions;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * The targets of {@code stripe_action} that are not tables: the Stripe objects with actions and no table
 * ({@code tax_transactions}, {@code apps_secrets}, {@code tax_associations}; {@link StripeActions#objectWithoutTable}).
 * Such a name is looked up like a table's, and stands for the object on the server of the schema it is found in:
 * the given schema ({@code 'stripe.tax_transactions'}), else the first schema on the search path that holds foreign
 * tables. Every foreign table of that schema must be on one server (else 42P01, asking to qualify the name with a
 * schema of one server). The opt-in to dangerous actions is that server's {@code allow_dangerous_writes} option.
 *
 * <pre>
 *   search_path stripe, public; stripe's tables on stripe_server
 *   stripe_action('tax_transactions', 'create_reversal', '{...}')  → tax/transactions on stripe_server
 *   stripe_action('nope', 'x')                                     → 42P01 relation "nope" does not exist
 * </pre>
 */
final class ActionTargets {
    private ActionTargets() {}

    /** The runner of the object without a table {@code name} names, if it names one; 42P01 when it has no server. */
    static Optional<StripeActionRunner> objectWithoutTable(
            CatalogSnapshot snapshot,
            List<String> searchPath,
            QualifiedName name,
            Function<ForeignServer, StripeClient> clients) {
        Optional<String> object = StripeActions.objectWithoutTable(name.name());
        if (object.isEmpty()) {
            return Optional.empty();
        }
        List<String> schemas = name.schema() != null ? List.of(name.schema()) : searchPath;
        for (String schema : schemas) {
            List<String> servers = snapshot.tablesIn(schema).stream()
                    .map(ForeignTable::server)
                    .distinct()
                    .sorted()
                    .toList();
            if (servers.isEmpty()) {
                continue;
            }
            if (servers.size() > 1) {
                throw new StripeJdbcException(
                        SqlState.UNDEFINED_TABLE,
                        "relation \"" + name + "\" does not exist: " + object.get() + " has no table, and "
                                + "stripe_action reaches it through the server of the schema it is named in, but the "
                                + "foreign tables of schema " + schema + " are on several servers ("
                                + String.join(", ", servers) + "); qualify the name with a schema whose tables are "
                                + "on one server");
            }
            ForeignServer server = snapshot.server(servers.get(0))
                    .orElseThrow(() -> new StripeJdbcException(
                            SqlState.UNDEFINED_OBJECT, "server \"" + servers.get(0) + "\" does not exist"));
            boolean dangerous = server.option(WriteRules.ALLOW_DANGEROUS_WRITES)
                    .map(v ->
                            List.of("true", "on", "yes", "1").contains(v.strip().toLowerCase(java.util.Locale.ROOT)))
                    .orElse(false);
            return Optional.of(new StripeActionRunner(
                    ActionTarget.objectWithoutTable(schema, object.get(), server.name()),
                    clients.apply(server),
                    IdempotencyKeys.RANDOM,
                    dangerous));
        }
        throw new StripeJdbcException(
                SqlState.UNDEFINED_TABLE,
                "relation \"" + name + "\" does not exist: " + object.get() + " has no table, and stripe_action "
                        + "reaches it through the server of the schema it is named in, but "
                        + (name.schema() != null
                                ? "schema " + name.schema() + " has"
                                : "no schema on the search path (" + String.join(", ", searchPath) + ") has")
                        + " foreign tables; import them first (IMPORT FOREIGN SCHEMA ... FROM SERVER ... INTO ...)");
    }
}
