package org.stripejdbc.catalog;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.SecretChanges;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * Changes to {@code vault.secrets}, applied to a {@link CatalogDraft}: a new secret is sealed with the draft's cipher
 * (bound to its id), an update re-seals a changed value with the same associated data, names stay unique
 * ({@code 23505 ... "secrets_name_idx"}, as Supabase's index says). Security: plaintext only passes through.
 *
 * <p>Example: {@code insert into vault.secrets (name, secret) values ('stripe', 'sk_test_...')} is
 * {@code create(Secret.of("sk_test_..."), "stripe", null)}, which returns the new id (also its {@code key_id}).
 */
final class SecretEditor {
    private final CatalogDraft draft;

    SecretEditor(CatalogDraft draft) {
        this.draft = Objects.requireNonNull(draft, "draft");
    }

    UUID create(Secret secret, String name, String description) {
        if (secret == null) {
            throw new StripeJdbcException(
                    SqlState.NOT_NULL_VIOLATION,
                    "null value in column \"secret\" of relation \"secrets\" violates not-null constraint");
        }
        requireUniqueSecretName(name, null);
        UUID id = UUID.randomUUID();
        OffsetDateTime now = draft.now();
        String ciphertext = draft.cipher().seal(secret.reveal(), id.toString());
        draft.secrets.put(id, new VaultSecretInfo(id, name, description, id, now, now, ciphertext));
        draft.changed();
        return id;
    }

    boolean update(UUID id, SecretChanges changes) {
        VaultSecretInfo current = draft.secrets.get(Objects.requireNonNull(id, "id"));
        if (current == null) {
            return false;
        }
        String name = changes.nameChanged() ? changes.name() : current.name();
        String description = changes.descriptionChanged() ? changes.description() : current.description();
        if (changes.nameChanged()) {
            requireUniqueSecretName(name, id);
        }
        String ciphertext = changes.secret() == null
                ? current.ciphertext()
                : draft.cipher().seal(changes.secret().reveal(), current.associatedData());
        draft.secrets.put(
                id,
                new VaultSecretInfo(
                        id, name, description, current.keyId(), current.createdAt(), draft.now(), ciphertext));
        draft.changed();
        return true;
    }

    boolean delete(UUID id) {
        if (draft.secrets.remove(Objects.requireNonNull(id, "id")) == null) {
            return false;
        }
        draft.changed();
        return true;
    }

    private void requireUniqueSecretName(String name, UUID self) {
        if (name == null) {
            return;
        }
        for (VaultSecretInfo secret : draft.secrets.values()) {
            if (name.equals(secret.name()) && !secret.id().equals(self)) {
                throw new StripeJdbcException(
                        SqlState.UNIQUE_VIOLATION,
                        "duplicate key value violates unique constraint \"secrets_name_idx\"\nDETAIL: Key (name)=("
                                + name + ") already exists.");
            }
        }
    }
}
