/**
 * Secrets: encryption at rest (AES-256-GCM, {@link org.stripejdbc.vault.VaultCipher}), the master key's origin
 * ({@link org.stripejdbc.vault.VaultKeySource}: connection property, {@code STRIPE_JDBC_VAULT_KEY}, or the
 * location's default), the {@link org.stripejdbc.vault.Vault} behind {@code vault.secrets}, API key resolution for a
 * server ({@link org.stripejdbc.vault.ApiKeyResolver}: {@code api_key} &gt; {@code api_key_id} &gt;
 * {@code api_key_name}), {@link org.stripejdbc.vault.SecretNames}, the one rule for which option and property
 * names hold secrets, and {@link org.stripejdbc.vault.Redactor}, the one redactor, for every message that may echo a
 * secret (the HTTP client, the parser's errors, EXPLAIN and the catalog all use it).
 *
 * <p>The catalog implements {@link org.stripejdbc.vault.Vault} and stores the ciphertexts; this package knows nothing
 * of the catalog.
 */
package org.stripejdbc.vault;
