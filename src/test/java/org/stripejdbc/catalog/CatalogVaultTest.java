package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertError;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.Secret;
import org.stripejdbc.vault.SecretChanges;
import org.stripejdbc.vault.Vault;
import org.stripejdbc.vault.VaultKey;
import org.stripejdbc.vault.VaultKeySource;
import org.stripejdbc.vault.VaultSecretInfo;

class CatalogVaultTest {
    private static final String SECRET = "sk_test_51HvaultSecretValue0000abcd";

    @TempDir
    Path directory;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Catalog onDirectory(VaultKeySource keys) {
        return Catalogs.openUncached(new CatalogLocation.Directory(directory), keys);
    }

    @Test
    void createListDecryptUpdateDelete() {
        ManualClock clock = new ManualClock(Instant.parse("2024-05-01T10:00:00.123456789Z"));
        Catalog catalog =
                Catalogs.openUncached(new CatalogLocation.Memory("v"), VaultKeySource.locationDefault(), clock);
        Vault vault = catalog.vault();

        UUID id = vault.create(SECRET, "stripe", null);
        VaultSecretInfo info = vault.list().get(0);
        assertEquals(id, info.id());
        assertEquals(id, info.keyId(), "key_id is the secret's id so that the walkthrough works");
        assertEquals("stripe", info.name());
        assertEquals("", info.description());
        assertEquals(OffsetDateTime.parse("2024-05-01T10:00:00.123456Z"), info.createdAt());
        assertEquals(info.createdAt(), info.updatedAt());
        assertFalse(info.ciphertext().contains(SECRET));
        assertFalse(new String(Base64.getDecoder().decode(info.ciphertext()), StandardCharsets.ISO_8859_1)
                .contains(SECRET));
        assertFalse(info.toString().contains(SECRET));

        assertEquals(SECRET, vault.decrypt(id).get().reveal());
        assertEquals(SECRET, vault.decryptByName("stripe").get().reveal());
        assertEquals(Optional.empty(), vault.decrypt(UUID.randomUUID()));
        assertEquals(Optional.empty(), vault.decryptByName("other"));

        clock.set(Instant.parse("2024-05-02T00:00:00Z"));
        assertTrue(vault.update(id, "sk_test_51Hnewnewnewnewnewnew9999", null, "main account"));
        VaultSecretInfo updated = vault.info(id).get();
        assertEquals("stripe", updated.name());
        assertEquals("main account", updated.description());
        assertEquals(info.createdAt(), updated.createdAt());
        assertEquals(OffsetDateTime.parse("2024-05-02T00:00:00Z"), updated.updatedAt());
        assertNotEquals(info.ciphertext(), updated.ciphertext());
        assertEquals(
                "sk_test_51Hnewnewnewnewnewnew9999", vault.decrypt(id).get().reveal());

        assertTrue(vault.update(id, SecretChanges.none().withName(null).withDescription(null)));
        assertNull(vault.info(id).get().name());
        assertEquals("", vault.info(id).get().description());
        assertEquals(Optional.empty(), vault.decryptByName("stripe"));

        assertFalse(vault.update(UUID.randomUUID(), SecretChanges.none().withName("x")));
        assertTrue(vault.delete(id));
        assertFalse(vault.delete(id));
        assertTrue(vault.list().isEmpty());
    }

    @Test
    void namesAreUniqueButNullNamesAreNot() {
        Vault vault = CatalogFixtures.memory().vault();
        UUID first = vault.create(SECRET, "stripe", null);
        assertError(
                "23505",
                "duplicate key value violates unique constraint \"secrets_name_idx\"\n"
                        + "DETAIL: Key (name)=(stripe) already exists.",
                () -> vault.create("other", "stripe", null));
        UUID second = vault.create("another secret", "other", null);
        assertErrorStartsWith("23505", "duplicate key value", () -> vault.update(second, null, "stripe", null));
        assertTrue(vault.update(first, null, "stripe", "renaming to itself is fine"));
        vault.create("x1x1x1", null, null);
        vault.create("y2y2y2", null, null);
        assertEquals(4, vault.list().size());
    }

    @Test
    void nullSecretIs23502() {
        Vault vault = CatalogFixtures.memory().vault();
        assertError(
                "23502",
                "null value in column \"secret\" of relation \"secrets\" violates not-null constraint",
                () -> vault.create(null, "n", null));
    }

    @Test
    void walkthroughServerResolvesThroughApiKeyId() {
        Catalog catalog = CatalogFixtures.memory();
        catalog.createExtension("wrappers", true, "extensions");
        catalog.createWrapper("stripe_wrapper", "stripe_fdw_handler", "stripe_fdw_validator", Map.of());
        UUID keyId = catalog.vault().create(SECRET, "stripe", null);
        catalog.createServer(
                "stripe_server",
                false,
                "stripe_wrapper",
                Map.of(
                        "api_key_id",
                        catalog.vault().info(keyId).get().keyId().toString(),
                        "api_url",
                        "https://api.stripe.com/v1/"));
        assertEquals(
                SECRET,
                catalog.resolveApiKey(catalog.snapshot().server("stripe_server").get())
                        .reveal());
    }

    @Test
    void everyDecryptedSecretIsRegisteredWithTheRedactor() {
        Catalog catalog = CatalogFixtures.memory();
        UUID id = catalog.vault().create("plain-words-secret", "n", null);
        assertEquals("error near ****", catalog.redactor().redact("error near plain-words-secret"));
        catalog.vault().decrypt(id);
        assertEquals("x ****", catalog.redactor().redact("x plain-words-secret"));
    }

    @Test
    void directoryKeyFileIsCreatedOnFirstSecretWithOwnerOnlyPermissions() throws Exception {
        Catalog catalog = onDirectory(VaultKeySource.locationDefault());
        catalog.createSchema("stripe", false);
        Path keyFile = directory.resolve("vault.key");
        assertFalse(Files.exists(keyFile), "no secret yet, no key file");
        UUID id = catalog.vault().create(SECRET, "stripe", null);
        assertTrue(Files.exists(keyFile));
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        }
        assertEquals(
                VaultKey.LENGTH,
                Base64.getDecoder().decode(Files.readString(keyFile).strip()).length);
        Catalog tomorrow = onDirectory(VaultKeySource.locationDefault());
        assertEquals(SECRET, tomorrow.vault().decrypt(id).get().reveal());
    }

    @Test
    void aConfiguredKeyCreatesNoKeyFile() {
        VaultKey key = VaultKey.generate();
        Catalog catalog = onDirectory(VaultKeySource.of(key));
        UUID id = catalog.vault().create(SECRET, "stripe", null);
        assertFalse(Files.exists(directory.resolve("vault.key")));
        assertEquals(
                SECRET,
                onDirectory(VaultKeySource.fromSettings(key.toBase64(), null))
                        .vault()
                        .decrypt(id)
                        .get()
                        .reveal());
    }

    @Test
    void wrongKeyIsAClearErrorNamingTheSecretNeverGarbage() {
        UUID id = onDirectory(VaultKeySource.of(VaultKey.generate())).vault().create(SECRET, "stripe", null);
        Catalog wrong = onDirectory(VaultKeySource.of(VaultKey.generate()));
        StripeJdbcException e = assertErrorStartsWith(
                "28000",
                "cannot decrypt vault secret " + id + " (\"stripe\"): "
                        + "the vault key from the given vault key is not the key it was encrypted with",
                () -> wrong.vault().decrypt(id));
        assertFalse(e.getMessage().contains(SECRET));
        assertErrorStartsWith(
                "28000",
                "the vault key from the given vault key is not the key that encrypted the "
                        + "secrets already in this catalog",
                () -> wrong.vault().create("another", "b", null));
        // DDL that seals nothing does not need the key; sealing an api_key with the wrong one is refused.
        wrong.createExtension("wrappers", false, null);
        wrong.createWrapper("stripe_wrapper", "stripe_fdw_handler", null, Map.of());
        assertErrorStartsWith(
                "28000",
                "the vault key from the given vault key is not the key",
                () -> wrong.createServer("s", false, "stripe_wrapper", Map.of("api_key", SECRET)));
        assertTrue(wrong.snapshot().servers().isEmpty());
    }

    @Test
    void missingKeyFileIsAClearError() throws Exception {
        UUID id = onDirectory(VaultKeySource.locationDefault()).vault().create(SECRET, "stripe", null);
        Files.delete(directory.resolve("vault.key"));
        assertError(
                "28000",
                "cannot decrypt vault secret " + id + " (\"stripe\"): there is no vault key (the key "
                        + "file " + directory.toRealPath().resolve("vault.key")
                        + " does not exist); the secret was encrypted "
                        + "with a key that is not available",
                () -> onDirectory(VaultKeySource.locationDefault()).vault().decrypt(id));
    }

    @Test
    void damagedCiphertextWithTheRightKeyIsXX001() throws Exception {
        VaultKey key = VaultKey.generate();
        UUID id = onDirectory(VaultKeySource.of(key)).vault().create(SECRET, "stripe", null);
        Path file = directory.resolve("catalog.json");
        String json = Files.readString(file);
        String ciphertext =
                onDirectory(VaultKeySource.of(key)).vault().info(id).get().ciphertext();
        char[] chars = ciphertext.toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        Files.writeString(file, json.replace(ciphertext, new String(chars)));
        assertErrorStartsWith(
                "XX001",
                "cannot decrypt vault secret " + id + " (\"stripe\"): its ciphertext is damaged",
                () -> onDirectory(VaultKeySource.of(key)).vault().decrypt(id));
    }

    @Test
    void aCiphertextMovedToAnotherSecretDoesNotDecrypt() throws Exception {
        VaultKey key = VaultKey.generate();
        Catalog catalog = onDirectory(VaultKeySource.of(key));
        UUID a = catalog.vault().create(SECRET, "a", null);
        UUID b = catalog.vault().create("other-secret-value", "b", null);
        Path file = directory.resolve("catalog.json");
        String cipherA = catalog.vault().info(a).get().ciphertext();
        String cipherB = catalog.vault().info(b).get().ciphertext();
        Files.writeString(file, Files.readString(file).replace(cipherB, cipherA));
        assertErrorStartsWith(
                "XX001",
                "cannot decrypt vault secret " + b,
                () -> onDirectory(VaultKeySource.of(key)).vault().decrypt(b));
    }

    @Test
    void afterEverySecretIsGoneANewKeyMayTakeOver() {
        Catalog first = onDirectory(VaultKeySource.of(VaultKey.generate()));
        UUID id = first.vault().create(SECRET, "stripe", null);
        first.vault().delete(id);
        Catalog second = onDirectory(VaultKeySource.of(VaultKey.generate()));
        UUID other = second.vault().create(SECRET, "stripe", null);
        assertEquals(SECRET, second.vault().decrypt(other).get().reveal());
    }

    @Test
    void memoryCatalogsShareTheirKeyBetweenConnections() {
        String name = "shared-" + UUID.randomUUID();
        Catalog one = Catalogs.open(new CatalogLocation.Memory(name), VaultKeySource.locationDefault());
        UUID id = one.vault().create(SECRET, "stripe", null);
        Catalog two = Catalogs.open(new CatalogLocation.Memory(name), VaultKeySource.fromSettings(null, null));
        assertEquals(SECRET, two.vault().decrypt(id).get().reveal());
        Secret viaName = two.vault().decryptByName("stripe").get();
        assertEquals("sk_test_...abcd", viaName.toString());
    }
}
