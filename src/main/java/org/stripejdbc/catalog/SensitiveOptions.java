package org.stripejdbc.catalog;

import java.util.Set;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;

/**
 * Which options hold secrets, and the safety net for those that must not. Security: a sensitive server option is
 * stored sealed and listed masked; any other option whose value looks like a Stripe secret key is refused, so no
 * key ever reaches the catalog file in plain text by mistake (e.g. a key pasted into {@code api_key_id}).
 */
final class SensitiveOptions {
    /** Server options stored sealed. */
    static final Set<String> SEALED_SERVER_OPTIONS = Set.of("api_key", "client_secret", "password");

    private SensitiveOptions() {
    }

    static boolean isSealed(String serverOption) {
        return SEALED_SERVER_OPTIONS.contains(serverOption);
    }

    /** Refuses a plain option value shaped like a Stripe secret; the message never shows the value. */
    static void requireNoKey(String option, String value, String owner) {
        if (Redactor.containsStripeKey(value)) {
            throw new StripeJdbcException(SqlState.INVALID_PARAMETER_VALUE, "option " + option + " of " + owner
                    + " looks like a Stripe secret key; keys belong in the server option api_key or in the vault"
                    + " (server options api_key_id / api_key_name), where they are stored encrypted");
        }
    }

    /** The associated data binding a sealed server option to its server (stable across renames). */
    static String associatedData(UUID serverId, String option) {
        return "server " + serverId + ":option " + option;
    }
}
