package org.stripejdbc.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.SealedSecret;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.SecretChanges;
import org.stripejdbc.vault.Vault;
import org.stripejdbc.vault.VaultCipher;
import org.stripejdbc.vault.VaultKey;
import org.stripejdbc.vault.VaultSecretInfo;

/**
 * The {@link Vault} of one catalog: secrets live in the catalog file as ciphertext, changes go through the catalog's
 * atomic update, and every plaintext this vault hands out is registered with the location's {@link Redactor}.
 */
final class CatalogVault implements Vault {
    private final Catalog catalog;
    private final VaultKeys keys;
    private final Redactor redactor;

    CatalogVault(Catalog catalog, VaultKeys keys, Redactor redactor) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public UUID create(String secret, String name, String description) {
        Secret value = secret == null ? null : Secret.of(secret);
        UUID id = catalog.edit(draft -> new SecretEditor(draft).create(value, name, description));
        redactor.register(value);
        return id;
    }

    @Override
    public List<VaultSecretInfo> list() {
        return catalog.snapshot().secrets();
    }

    @Override
    public Optional<VaultSecretInfo> info(UUID id) {
        return catalog.snapshot().secret(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Optional<Secret> decrypt(UUID id) {
        CatalogSnapshot snapshot = catalog.snapshot();
        return snapshot.secret(Objects.requireNonNull(id, "id")).map(info -> open(info, snapshot));
    }

    @Override
    public Optional<Secret> decryptByName(String name) {
        CatalogSnapshot snapshot = catalog.snapshot();
        return snapshot.secretNamed(Objects.requireNonNull(name, "name")).map(info -> open(info, snapshot));
    }

    @Override
    public boolean update(UUID id, SecretChanges changes) {
        Objects.requireNonNull(changes, "changes");
        boolean found = catalog.edit(draft -> new SecretEditor(draft).update(id, changes));
        if (found && changes.secret() != null) {
            redactor.register(changes.secret());
        }
        return found;
    }

    @Override
    public boolean delete(UUID id) {
        return catalog.edit(draft -> new SecretEditor(draft).delete(id));
    }

    @Override
    public Secret unseal(SealedSecret sealed, String what) {
        Objects.requireNonNull(sealed, "sealed");
        return open(sealed.ciphertext(), sealed.associatedData(), what, catalog.snapshot());
    }

    private Secret open(VaultSecretInfo info, CatalogSnapshot snapshot) {
        String what = "vault secret " + info.id() + (info.name() == null ? "" : " (\"" + info.name() + "\")");
        return open(info.ciphertext(), info.associatedData(), what, snapshot);
    }

    private Secret open(String ciphertext, String associatedData, String what, CatalogSnapshot snapshot) {
        VaultKey key = keys.forReading()
                .orElseThrow(() -> new StripeJdbcException(
                        SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                        "cannot decrypt " + what + ": there is no vault key (" + keys.describe()
                                + " does not exist); the secret was encrypted with a key that is not available"));
        VaultCipher cipher = new VaultCipher(key);
        Optional<String> plaintext;
        try {
            plaintext = cipher.open(ciphertext, associatedData);
        } catch (StripeJdbcException damaged) {
            throw new StripeJdbcException(damaged.sqlState(), "cannot decrypt " + what + ": " + damaged.getMessage());
        }
        if (plaintext.isEmpty()) {
            String keyCheck = snapshot.keyCheck();
            boolean rightKey = keyCheck != null
                    && cipher.open(keyCheck, CatalogDraft.KEY_CHECK_ASSOCIATED_DATA)
                            .isPresent();
            if (rightKey) {
                throw new StripeJdbcException(
                        SqlState.DATA_CORRUPTED,
                        "cannot decrypt " + what
                                + ": its ciphertext is damaged (authentication failed although the vault key is "
                                + "right)");
            }
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "cannot decrypt " + what + ": the vault key from " + keys.describe()
                            + " is not the key it was encrypted with");
        }
        Secret secret = Secret.of(plaintext.get());
        redactor.register(secret);
        return secret;
    }
}
