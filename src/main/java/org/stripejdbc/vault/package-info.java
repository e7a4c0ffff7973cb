/**
 * Secrets: encryption at rest (AES-256-GCM, {@link org.stripejdbc.vault.VaultCipher}), the master key's origin
 * ({@link org.stripejdbc.vault.VaultKeySource}: connection property, {@code STRIPE_JDBC_VAULT_KEY}, or the
 * location's default), the {@link org.stripejdbc.vault.Vault} behind {@code vault.secrets}, API key resolution for a
 * server ({@link org.stripejdbc.vault.ApiKeyResolver}: {@code api_key} &gt; {@code api_key_id} &gt;
 * {@code api_key_name}) and {@link org.stripejdbc.vault.Redactor} for every message that may echo a secret.
 *
 * <p>The catalog implements {@link org.stripejdbc.vault.Vault} and stores the ciphertexts; this package knows nothing
 * of the catalog.
 */
package org.stripejdbc.vault;
