package org.stripejdbc.vault;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The secrets store behind {@code vault.secrets}, {@code vault.decrypted_secrets}, {@code vault.create_secret} and
 * {@code vault.update_secret}. Secrets are encrypted at rest with AES-256-GCM, bound to their id; listings show
 * ciphertext only. Obtained from the catalog ({@code catalog.vault()}); every change is atomic and durable.
 *
 * <p>Example (the walkthrough):
 * <pre>
 *   UUID id = vault.create("sk_test_51H...", "stripe", null);     // insert ... returning key_id
 *   // create server ... options (api_key_id '&lt;id&gt;')
 *   vault.decrypt(id)          // Optional[Secret sk_test_...wxyz]
 *   vault.decryptByName("stripe")
 * </pre>
 *
 * <p>Errors: a duplicate name is {@code 23505}; a NULL secret is {@code 23502}; a key that does not open the
 * stored secrets is {@code 28000} naming the secret; a damaged ciphertext is {@code XX001}.
 */
public interface Vault {

    /**
     * Stores a new secret and returns its id (also its {@code key_id}). {@code name} may be null (then not unique);
     * a null {@code description} is stored as {@code ''}.
     */
    UUID create(String secret, String name, String description);

    /** Every secret's metadata and ciphertext, in creation order. */
    List<VaultSecretInfo> list();

    /** One secret's metadata, if it exists. */
    Optional<VaultSecretInfo> info(UUID id);

    /** The plaintext of secret {@code id}; empty when there is no such secret. */
    Optional<Secret> decrypt(UUID id);

    /** The plaintext of the secret named {@code name}; empty when there is none. */
    Optional<Secret> decryptByName(String name);

    /** Applies {@code changes}; false when there is no such secret. Bumps {@code updated_at}. */
    boolean update(UUID id, SecretChanges changes);

    /** Supabase's {@code vault.update_secret}: null arguments leave the field unchanged. */
    default boolean update(UUID id, String newSecret, String newName, String newDescription) {
        return update(id, SecretChanges.ofNullable(newSecret, newName, newDescription));
    }

    /** Deletes secret {@code id}; false when there was none. */
    boolean delete(UUID id);

    /**
     * Opens a secret sealed with this vault's key, such as a server's {@code api_key}; {@code what} names it in
     * errors ({@code "option api_key of server stripe_server"}).
     */
    Secret unseal(SealedSecret sealed, String what);
}
