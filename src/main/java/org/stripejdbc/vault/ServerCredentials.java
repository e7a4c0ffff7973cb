package org.stripejdbc.vault;

import java.util.Optional;

/**
 * What {@link ApiKeyResolver} needs to know about a foreign server: its name, its plain options and its sealed
 * {@code api_key}. The catalog's {@code ForeignServer} implements it.
 */
public interface ServerCredentials {
    /** The server's name, for messages. */
    String name();

    /** A plain (non-secret) option value, such as {@code api_key_id} or {@code api_key_name}. */
    Optional<String> option(String name);

    /** The server's {@code api_key} option, sealed. */
    Optional<SealedSecret> apiKey();
}
