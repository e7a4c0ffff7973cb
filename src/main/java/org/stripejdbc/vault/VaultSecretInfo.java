package org.stripejdbc.vault;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code vault.secrets} as {@code select * from vault.secrets} shows it: metadata plus the ciphertext,
 * never the plaintext.
 *
 * <p>{@code keyId} equals {@code id}: Supabase's {@code key_id} names a pgsodium key, but the walkthrough uses the
 * value returned by {@code insert into vault.secrets (name, secret) values (..) returning key_id} as the server's
 * {@code api_key_id}, and upstream resolves {@code api_key_id} by secret id. Returning the secret's own id makes
 * that script work as written.
 *
 * @param id          the secret's id ({@code returning id}, the value for {@code api_key_id})
 * @param name        unique when not null
 * @param description never null ({@code ''} by default, as in Supabase)
 * @param keyId       the same UUID as {@code id}
 * @param createdAt   creation time, UTC
 * @param updatedAt   last change, UTC
 * @param ciphertext  {@code base64(nonce || AES-256-GCM ciphertext || tag)}, bound to {@code id}
 */
public record VaultSecretInfo(
        UUID id,
        String name,
        String description,
        UUID keyId,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String ciphertext) {
    public VaultSecretInfo {
        Objects.requireNonNull(id, "id");
        description = description == null ? "" : description;
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** The associated data the ciphertext is bound to: the id's text form. */
    public String associatedData() {
        return id.toString();
    }
}
