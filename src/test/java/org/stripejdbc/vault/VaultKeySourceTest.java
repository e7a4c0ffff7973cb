package org.stripejdbc.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.error.StripeJdbcException;

class VaultKeySourceTest {
    @TempDir
    Path directory;

    @Test
    void propertyBeatsEnvironmentBeatsLocationDefault() {
        VaultKey property = VaultKey.generate();
        VaultKey environment = VaultKey.generate();
        VaultKeySource fromProperty = VaultKeySource.fromSettings(property.toBase64(), environment.toBase64());
        assertEquals(property, ((VaultKeySource.Fixed) fromProperty).key());
        assertEquals("the vault key connection property", fromProperty.describe());
        VaultKeySource fromEnvironment = VaultKeySource.fromSettings(" ", environment.toBase64());
        assertEquals(environment, ((VaultKeySource.Fixed) fromEnvironment).key());
        assertEquals("the STRIPE_JDBC_VAULT_KEY environment variable", fromEnvironment.describe());
        assertInstanceOf(VaultKeySource.LocationDefault.class, VaultKeySource.fromSettings(null, ""));
    }

    @Test
    void aBadConfiguredKeyFailsEarly() {
        StripeJdbcException e = assertThrows(StripeJdbcException.class, () -> VaultKeySource.fromSettings("abc", null));
        assertEquals("22023", e.sqlState().code());
    }

    @Test
    void keyFileIsCreatedOnceOwnerOnlyAndReused() throws Exception {
        VaultKeySource.KeyFile source =
                new VaultKeySource.KeyFile(directory.resolve("sub").resolve("vault.key"));
        assertEquals(Optional.empty(), source.load());
        VaultKey created = source.loadOrCreate();
        assertEquals(created, source.loadOrCreate());
        assertEquals(Optional.of(created), source.load());
        Path file = source.file();
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(created.toBase64() + "\n", Files.readString(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aKeyFileCreatedByAnotherProcessMeanwhileIsNeverReplaced() throws Exception {
        Path file = directory.resolve("vault.key");
        VaultKey theirs = VaultKey.generate();
        Files.writeString(file, theirs.toBase64());
        assertEquals(theirs, new VaultKeySource.KeyFile(file).loadOrCreate());
    }

    @Test
    void aDamagedKeyFileIsReportedAndLeftAlone() throws Exception {
        Path file = Files.writeString(directory.resolve("vault.key"), "tr");
        StripeJdbcException e =
                assertThrows(StripeJdbcException.class, () -> new VaultKeySource.KeyFile(file).loadOrCreate());
        assertEquals("F0000", e.sqlState().code());
        assertTrue(e.getMessage().startsWith("vault key file " + file + " is damaged: invalid vault key"));
        assertEquals("tr", Files.readString(file));
        assertFalse(e.getMessage().contains("\"tr\""));
    }
}
