package org.stripejdbc.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import org.eclipse.jetty.util.security.Credential;
import org.stripejdbc.vault.Secret;

/**
 * Security: the password of the BASIC user as Jetty checks it, kept only as a salted SHA-256 digest so that the
 * plain password is not held by the running server (Jetty's own {@code Password} keeps it and prints it from
 * {@code toString()}). The comparison takes constant time.
 * <pre>
 *   HashedCredential c = HashedCredential.of(Secret.of("correct horse battery"));
 *   c.check("correct horse battery")  →  true
 *   c.check("wrong")                  →  false
 *   c.toString()                      →  HashedCredential[****]
 * </pre>
 */
final class HashedCredential extends Credential {
    private static final long serialVersionUID = 1L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] digest;

    private HashedCredential(byte[] salt, byte[] digest) {
        this.salt = Objects.requireNonNull(salt, "salt");
        this.digest = Objects.requireNonNull(digest, "digest");
    }

    static HashedCredential of(Secret password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new HashedCredential(salt, digest(salt, password.reveal()));
    }

    /** Jetty passes what the client sent: a String for BASIC (a char[] in some code paths). */
    @Override
    public boolean check(Object credentials) {
        String offered;
        if (credentials instanceof String text) {
            offered = text;
        } else if (credentials instanceof char[] chars) {
            offered = new String(chars);
        } else {
            return false;
        }
        return MessageDigest.isEqual(digest, digest(salt, offered));
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt);
            return sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "HashedCredential[****]";
    }
}
