package org.stripejdbc.vault;

import java.util.Objects;

/**
 * A secret as stored: its {@link VaultCipher} ciphertext, the associated data it is bound to, and the masked form
 * shown in listings. Holds no plaintext; {@link Vault#unseal} opens it.
 *
 * <p>Example: the server option {@code api_key 'sk_test_51Habc...wxyz'} is kept as
 * {@code SealedSecret("q0t3...==", "server 5b0c...:option api_key", "sk_test_...wxyz")}. The associated data is
 * never written to disk; it is rebuilt from the record the secret belongs to.
 *
 * @param ciphertext     {@code base64(nonce || ciphertext || tag)}
 * @param associatedData what the ciphertext is bound to
 * @param masked         the display form ({@link Secret#mask})
 */
public record SealedSecret(String ciphertext, String associatedData, String masked) {
    public SealedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(associatedData, "associatedData");
        Objects.requireNonNull(masked, "masked");
    }

    /** Seals {@code plaintext} with {@code cipher}, masking it with {@link Secret#mask}. */
    public static SealedSecret seal(VaultCipher cipher, Secret plaintext, String associatedData) {
        return new SealedSecret(cipher.seal(plaintext.reveal(), associatedData), associatedData, plaintext.masked());
    }

    /** The masked form only. */
    @Override
    public String toString() {
        return masked;
    }
}
