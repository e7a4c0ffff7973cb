package org.stripejdbc.vault;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;

/**
 * The vault's master key: 32 random bytes for AES-256-GCM. It is never stored in the catalog file; see
 * {@link VaultKeySource} for where it comes from.
 *
 * <p>Text form: standard base64 of the 32 bytes, as printed by {@code openssl rand -base64 32}, e.g.
 * {@code VaultKey.fromBase64("q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=")}.
 *
 * <p>{@link #toString()} never shows the key; {@link #equals} compares in constant time.
 */
public final class VaultKey {
    /** The key length in bytes (AES-256). */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;

    private VaultKey(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw invalid("it decodes to " + bytes.length + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A fresh random key. */
    public static VaultKey generate() {
        byte[] bytes = new byte[LENGTH];
        RANDOM.nextBytes(bytes);
        return new VaultKey(bytes);
    }

    /**
     * Parses the base64 text form (standard or URL-safe alphabet, surrounding white space ignored). A value that
     * is not base64 or not 32 bytes long is a {@code 22023} error; the message never repeats the value.
     */
    public static VaultKey fromBase64(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip();
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notStandard) {
            try {
                decoded = Base64.getUrlDecoder().decode(trimmed);
            } catch (IllegalArgumentException notUrlSafe) {
                throw invalid("it is not valid base64");
            }
        }
        return new VaultKey(decoded);
    }

    private static StripeJdbcException invalid(String why) {
        return new StripeJdbcException(
                SqlState.INVALID_PARAMETER_VALUE,
                "invalid vault key: " + why + "; a vault key is " + LENGTH
                        + " random bytes in base64, e.g. the output of `openssl rand -base64 32`");
    }

    /** Security: the key in base64, for writing the key file only. */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The JCE key (package-private: only {@link VaultCipher} uses it). */
    SecretKey secretKey() {
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultKey other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "VaultKey[****]";
    }
}
