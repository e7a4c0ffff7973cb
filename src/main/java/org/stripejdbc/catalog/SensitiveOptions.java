package org.stripejdbc.catalog;

import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.SecretNames;

/**
 * How the catalog keeps option values secret. Security: a server option whose name is secret
 * ({@link SecretNames#isSecret}: {@code api_key}, {@code client_secret}, {@code password}, {@code token}...) is
 * stored sealed and listed masked; any other option whose value looks like a Stripe secret key is refused, so no
 * key ever reaches the catalog file in plain text by mistake (e.g. a key pasted into {@code api_key_id}).
 */
final class SensitiveOptions {
    private SensitiveOptions() {}

    /** Whether a server option is stored sealed. */
    static boolean isSealed(String serverOption) {
        return SecretNames.isSecret(serverOption);
    }

    /** Refuses a plain option value shaped like a Stripe secret; the message never shows the value. */
    static void requireNoKey(String option, String value, String owner) {
        if (Redactor.containsSecretKey(value)) {
            throw new StripeJdbcException(
                    SqlState.INVALID_PARAMETER_VALUE,
                    "option " + option + " of " + owner
                            + " looks like a Stripe secret key; keys belong in the server option api_key or in the "
                            + "vault"
                            + " (server options api_key_id / api_key_name), where they are stored encrypted");
        }
    }

    /** The associated data binding a sealed server option to its server (stable across renames). */
    static String associatedData(UUID serverId, String option) {
        return "server " + serverId + ":option " + option;
    }
}
