package org.stripejdbc.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

/**
 * The one user name and password that HTTP BASIC authentication of the serve mode accepts. The password is a
 * {@link Secret}: {@link #toString()} shows the user name only.
 * <pre>
 *   BasicCredentials.fromFile("analyst", Path.of("serve.password"))   the file's text, one trailing newline dropped
 *   new BasicCredentials("analyst", Secret.of("correct horse battery"))
 *   toString()  →  analyst:****
 * </pre>
 * Rules: the user name is not blank and has no {@code :} (BASIC separates name and password with it) and no
 * control characters; the password has at least {@value #MINIMUM_PASSWORD_LENGTH} characters and no line breaks.
 *
 * @param user     the user name clients give as {@code avatica_user}
 * @param password the password clients give as {@code avatica_password}
 */
public record BasicCredentials(String user, Secret password) {
    /** Shorter passwords are refused: the server may face a network. */
    public static final int MINIMUM_PASSWORD_LENGTH = 8;

    public BasicCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isBlank() || user.indexOf(':') >= 0 || user.chars().anyMatch(Character::isISOControl)) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "--user: a user name must not be blank nor contain ':' or control characters");
        }
        String plain = password.reveal();
        if (plain.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "the password of user " + user + " is shorter than " + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        if (plain.indexOf('\n') >= 0 || plain.indexOf('\r') >= 0) {
            throw new StripeJdbcException(
                    SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "the password of user " + user + " contains a line break");
        }
    }

    /** Reads the password from a UTF-8 file holding it on its first line (one trailing line break is dropped). */
    public static BasicCredentials fromFile(String user, Path passwordFile) {
        Objects.requireNonNull(passwordFile, "passwordFile");
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(passwordFile)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StripeJdbcException(
                    SqlState.CONFIG_FILE_ERROR, "--password-file " + passwordFile + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new StripeJdbcException(
                    SqlState.CONFIG_FILE_ERROR,
                    "--password-file " + passwordFile + ": cannot read it ("
                            + e.getClass().getSimpleName() + ")",
                    e);
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new BasicCredentials(user, Secret.of(text));
    }

    @Override
    public String toString() {
        return user + ":****";
    }
}
