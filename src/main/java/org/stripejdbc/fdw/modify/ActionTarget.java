package org.stripejdbc.fdw.modify;

import java.util.Objects;
import org.stripejdbc.fdw.ForeignTableDefinition;
import org.stripejdbc.stripe.objects.WriteRules;

/**
 * What a {@code stripe_action} statement names as its first argument: a foreign table ({@code stripe.invoices}), or
 * a Stripe object that has no table and only actions addressing no object ({@code tax_transactions}: its
 * {@code create_from_calculation} and {@code create_reversal}), reached through the server of the schema it is named
 * in. The opt-in to dangerous actions, {@code allow_dangerous_writes 'true'}, is an option of the table, or of that
 * server for an object without a table.
 *
 * <pre>
 *   ActionTarget.of(stripe.invoices)            → "stripe.invoices", invoices; opt-in on the table
 *   ActionTarget.objectWithoutTable("stripe", "tax/transactions", "stripe_server")
 *                                               → "stripe.tax_transactions", tax/transactions; opt-in on the server
 * </pre>
 *
 * @param qualifiedName how messages name it ({@code stripe.invoices})
 * @param objectPath    the Stripe object's API path ({@code invoices}, {@code tax/transactions})
 * @param stripeAccount the connected account the requests act for ({@code Stripe-Account}), or null for the server's
 * @param server        the server holding the opt-in for an object without a table; null for a table
 */
public record ActionTarget(String qualifiedName, String objectPath, String stripeAccount, String server) {
    public ActionTarget {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(objectPath, "objectPath");
    }

    /** The target of a foreign table: its name, object and {@code stripe_account} option. */
    public static ActionTarget of(ForeignTableDefinition table) {
        return new ActionTarget(table.qualifiedName(), table.object().object(), table.stripeAccount(), null);
    }

    /** A Stripe object without a table, named in {@code schema} (its table-style name: {@code tax_transactions}). */
    public static ActionTarget objectWithoutTable(String schema, String objectPath, String server) {
        Objects.requireNonNull(server, "server");
        return new ActionTarget(schema + "." + objectPath.replace('/', '_'), objectPath, null, server);
    }

    /** The statement that allows dangerous actions here, for messages. */
    String optIn() {
        String option = "(ADD " + WriteRules.ALLOW_DANGEROUS_WRITES + " 'true')";
        return server == null
                ? "ALTER FOREIGN TABLE " + qualifiedName + " OPTIONS " + option
                : "ALTER SERVER " + server + " OPTIONS " + option;
    }

    /** Where the opt-in is missing, for messages: {@code the foreign table stripe.invoices}. */
    String optInOwner() {
        return server == null
                ? "the foreign table " + qualifiedName
                : "the server " + server + " (" + qualifiedName + " has no table, so its server holds the option)";
    }
}
