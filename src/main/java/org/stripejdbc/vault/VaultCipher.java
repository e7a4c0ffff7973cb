package org.stripejdbc.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * Authenticated encryption of secrets at rest: AES-256-GCM with a random 12-byte nonce per value and
 * caller-chosen associated data (the secret's id, or the server and option a key belongs to), so a ciphertext
 * copied onto another record does not decrypt.
 *
 * <p>Sealed form: {@code base64(nonce(12) || ciphertext || tag(16))}. Example:
 * <pre>
 *   VaultCipher cipher = new VaultCipher(key);
 *   String sealed = cipher.seal("sk_test_51H...", "6f1c...-uuid");   // "yq0t3...=="
 *   cipher.open(sealed, "6f1c...-uuid")                                // Optional["sk_test_51H..."]
 *   cipher.open(sealed, "another-id")                                  // Optional.empty(): wrong key or data
 * </pre>
 * Thread-safe.
 */
public final class VaultCipher {
    /** GCM nonce length in bytes (the recommended 96 bits). */
    public static final int NONCE_LENGTH = 12;

    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final VaultKey key;

    public VaultCipher(VaultKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Encrypts {@code plaintext} bound to {@code associatedData}; a new random nonce every call. */
    public String seal(String plaintext, String associatedData) {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(nonce.length + encrypted.length)
                            .put(nonce)
                            .put(encrypted)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "AES-GCM encryption is not available: " + e, e);
        }
    }

    /**
     * Decrypts a value made by {@link #seal}. Empty when authentication fails (another key, other associated
     * data, or a modified ciphertext); a {@code XX001} error when the text is not a sealed value at all.
     */
    public Optional<String> open(String sealed, String associatedData) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new StripeJdbcException(SqlState.DATA_CORRUPTED, "encrypted value is not valid base64");
        }
        if (bytes.length < NONCE_LENGTH + TAG_BITS / 8) {
            throw new StripeJdbcException(
                    SqlState.DATA_CORRUPTED,
                    "encrypted value is too short (" + bytes.length + " bytes) to hold a nonce and a tag");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_LENGTH));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(bytes, NONCE_LENGTH, bytes.length - NONCE_LENGTH);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new StripeJdbcException(SqlState.INTERNAL_ERROR, "AES-GCM decryption is not available: " + e, e);
        }
    }
}
