package org.stripejdbc.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;

class BasicCredentialsTest {
    @Test
    void readsThePasswordFileDroppingOneLineBreak(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("pw");
        Files.writeString(file, "  spaces kept  \n");
        assertEquals(
                "  spaces kept  ",
                BasicCredentials.fromFile("u", file).password().reveal());
        Files.writeString(file, "abcdefgh");
        assertEquals("abcdefgh", BasicCredentials.fromFile("u", file).password().reveal());
        Files.writeString(file, "abcdefgh\n\n");
        StripeJdbcException twoLines =
                assertThrows(StripeJdbcException.class, () -> BasicCredentials.fromFile("u", file));
        assertEquals("the password of user u contains a line break", twoLines.getMessage());
        Files.write(file, new byte[] {(byte) 0xC3, (byte) 0x28, 'a', 'b', 'c', 'd', 'e', 'f', 'g'});
        StripeJdbcException binary =
                assertThrows(StripeJdbcException.class, () -> BasicCredentials.fromFile("u", file));
        assertEquals(SqlState.CONFIG_FILE_ERROR, binary.sqlState());
        assertTrue(binary.getMessage().endsWith(": not UTF-8 text"), binary.getMessage());
    }

    @Test
    void refusesShortPasswordsAndBadUserNames() {
        StripeJdbcException shortPassword =
                assertThrows(StripeJdbcException.class, () -> new BasicCredentials("analyst", Secret.of("1234567")));
        assertEquals(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, shortPassword.sqlState());
        assertEquals("the password of user analyst is shorter than 8 characters", shortPassword.getMessage());
        for (String user : new String[] {"", " ", "a:b", "tab\there"}) {
            StripeJdbcException e = assertThrows(
                    StripeJdbcException.class,
                    () -> new BasicCredentials(user, Secret.of("long enough password")),
                    user);
            assertEquals("--user: a user name must not be blank nor contain ':' or control characters", e.getMessage());
        }
    }

    @Test
    void toStringHidesThePassword() {
        BasicCredentials credentials = new BasicCredentials("analyst", Secret.of("correct horse battery"));
        assertEquals("analyst:****", credentials.toString());
        assertFalse(credentials.toString().contains("horse"));
    }
}
