package org.stripejdbc.vault;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Finds the Stripe API key of a server, with the original FDW's precedence:
 * <ol>
 *   <li>{@code api_key}: the key itself (stored sealed);</li>
 *   <li>{@code api_key_id}: the id of a vault secret;</li>
 *   <li>{@code api_key_name}: the name of a vault secret, used when {@code api_key_id} is absent or names no
 *       secret.</li>
 * </ol>
 * Example: a server with {@code options (api_key_id '6f1c...', api_key_name 'stripe')} whose id was deleted from the
 * vault still resolves through the name.
 *
 * <p>Errors: none of the three options: {@code HV00J either api_key_id or api_key_name option is required}; the
 * options name no existing secret: {@code HV000} with the same sentence and what was looked up.
 */
public final class ApiKeyResolver {
    public static final String API_KEY = "api_key";
    public static final String API_KEY_ID = "api_key_id";
    public static final String API_KEY_NAME = "api_key_name";

    private static final String REQUIRED = "either api_key_id or api_key_name option is required";

    private final Vault vault;

    public ApiKeyResolver(Vault vault) {
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    /** The server's API key; never null. */
    public Secret resolve(ServerCredentials server) {
        Objects.requireNonNull(server, "server");
        Optional<SealedSecret> apiKey = server.apiKey();
        if (apiKey.isPresent()) {
            return vault.unseal(apiKey.get(), "option api_key of server " + server.name());
        }
        Optional<String> keyId = server.option(API_KEY_ID).filter(v -> !v.isBlank());
        Optional<String> keyName = server.option(API_KEY_NAME).filter(v -> !v.isBlank());
        if (keyId.isEmpty() && keyName.isEmpty()) {
            throw new StripeJdbcException(
                    SqlState.FDW_OPTION_NAME_NOT_FOUND,
                    "server " + server.name() + ": " + REQUIRED + " (or give the key itself with the api_key option)");
        }
        List<String> tried = new ArrayList<>();
        if (keyId.isPresent()) {
            Optional<UUID> id = parseUuid(keyId.get());
            Optional<Secret> found = id.flatMap(vault::decrypt);
            if (found.isPresent()) {
                return found.get();
            }
            tried.add(
                    id.isPresent()
                            ? "no vault secret has id " + keyId.get() + " (api_key_id)"
                            : "api_key_id '" + keyId.get() + "' is not a UUID");
        }
        if (keyName.isPresent()) {
            Optional<Secret> found = vault.decryptByName(keyName.get());
            if (found.isPresent()) {
                return found.get();
            }
            tried.add("no vault secret is named '" + keyName.get() + "' (api_key_name)");
        }
        throw new StripeJdbcException(
                SqlState.FDW_ERROR, "server " + server.name() + ": " + REQUIRED + ": " + String.join("; ", tried));
    }

    private static Optional<UUID> parseUuid(String text) {
        try {
            return Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
