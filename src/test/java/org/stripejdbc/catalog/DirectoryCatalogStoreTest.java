package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.sql.CommentTarget;
import org.stripejdbc.sql.ImportFilter;
import org.stripejdbc.sql.OptionChange;
import org.stripejdbc.sql.QualifiedName;
import org.stripejdbc.vault.VaultKeySource;
import org.stripejdbc.vault.VaultSecretInfo;

class DirectoryCatalogStoreTest {
    private static final String VAULT_SECRET = "whsec_vaultSecretPlaintext123456";

    @TempDir
    Path directory;

    /** A new, uncached instance: what another JVM (or tomorrow's run) sees. */
    private Catalog anotherProcess() {
        return Catalogs.openUncached(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
    }

    private Path catalogFile() {
        return directory.resolve("catalog.json");
    }

    private List<String> directoryListing() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void readingANonExistentDirectoryCreatesNothing() {
        Path missing = directory.resolve("not-yet");
        Catalog catalog =
                Catalogs.openUncached(new CatalogLocation.Directory(missing), VaultKeySource.locationDefault());
        assertEquals(0, catalog.snapshot().version());
        assertTrue(catalog.snapshot().schemaExists("public"));
        assertFalse(Files.exists(missing));
        catalog.createSchema("stripe", false);
        assertTrue(Files.isRegularFile(missing.resolve("catalog.json")));
    }

    @Test
    void aFileIsNotACatalogDirectory() throws IOException {
        Path file = Files.writeString(directory.resolve("plain.txt"), "x");
        assertErrorStartsWith(
                "F0000",
                "catalog location " + file.toRealPath() + " exists but is not a directory",
                () -> Catalogs.openUncached(new CatalogLocation.Directory(file), VaultKeySource.locationDefault()));
    }

    @Test
    void everythingSurvivesAReopenFromAnotherJvm() {
        Catalog today = CatalogFixtures.walkthrough(anotherProcess());
        CatalogFixtures.createCustomers(today);
        today.importForeignSchema(
                "stripe", ImportFilter.LIMIT_TO, List.of("charges"), "stripe_server", "stripe", Map.of());
        today.comment(new CommentTarget.OnColumn(new QualifiedName("stripe", "customers"), "email"), "lower case");
        UUID secret = today.vault().create(VAULT_SECRET, "hooks", "webhook secret");
        CatalogSnapshot written = today.snapshot();

        Catalog tomorrow = anotherProcess();
        CatalogSnapshot read = tomorrow.snapshot();
        assertEquals(written.version(), read.version());
        assertEquals(written.extensions(), read.extensions());
        assertEquals(written.wrappers(), read.wrappers());
        assertEquals(written.servers(), read.servers());
        assertEquals(written.schemas(), read.schemas());
        assertEquals(written.tables(), read.tables());
        assertEquals(written.secrets(), read.secrets());
        assertEquals(
                CatalogFixtures.TEST_KEY,
                tomorrow.resolveApiKey(read.server("stripe_server").get()).reveal());
        assertEquals(VAULT_SECRET, tomorrow.vault().decrypt(secret).get().reveal());
    }

    @Test
    void ddlOfOneInstanceIsVisibleToAnotherAtItsNextSnapshot() {
        Catalog dbeaver = anotherProcess();
        Catalog application = anotherProcess();
        assertFalse(application.snapshot().schemaExists("stripe"));
        dbeaver.createSchema("stripe", false);
        assertTrue(application.snapshot().schemaExists("stripe"));
        application.createSchema("billing", false);
        assertTrue(dbeaver.snapshot().schemaExists("billing"));
        assertErrorStartsWith(
                "42P06", "schema \"billing\" already exists", () -> dbeaver.createSchema("billing", false));
    }

    @Test
    void snapshotIsCachedUntilTheFileChanges() {
        Catalog catalog = anotherProcess();
        catalog.createSchema("stripe", false);
        CatalogSnapshot first = catalog.snapshot();
        assertSame(first, catalog.snapshot());
        anotherProcess().createSchema("billing", false);
        CatalogSnapshot second = catalog.snapshot();
        assertTrue(second.schemaExists("billing"));
        assertSame(second, catalog.snapshot());
    }

    @Test
    void aChangeKeepingInodeSizeAndModificationTimeIsStillSeenThroughTheVersion() throws IOException {
        Catalog catalog = anotherProcess();
        catalog.createSchema("aaaa", false);
        assertTrue(catalog.snapshot().schemaExists("aaaa"));
        FileTime modified = Files.getLastModifiedTime(catalogFile());
        Object inode =
                Files.readAttributes(catalogFile(), BasicFileAttributes.class).fileKey();
        String changed = Files.readString(catalogFile())
                .replace("\"version\" : 1", "\"version\" : 2")
                .replace("\"aaaa\"", "\"bbbb\"");
        Files.writeString(catalogFile(), changed); // in place: same inode, same size
        Files.setLastModifiedTime(catalogFile(), modified);
        assertEquals(
                inode,
                Files.readAttributes(catalogFile(), BasicFileAttributes.class).fileKey());
        assertTrue(catalog.snapshot().schemaExists("bbbb"));
        assertEquals(2, catalog.snapshot().version());
    }

    @Test
    void concurrentDdlFromTwoInstancesAndManyThreadsLosesNothing() throws Exception {
        Catalog first = anotherProcess();
        Catalog second = anotherProcess();
        int threadsPerInstance = 3;
        int schemasPerThread = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threadsPerInstance * 2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threadsPerInstance * 2; t++) {
                Catalog catalog = t % 2 == 0 ? first : second;
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < schemasPerThread; i++) {
                        catalog.createSchema("s_" + thread + "_" + i, false);
                        if (i % 5 == 0) {
                            catalog.vault().create("secret-" + thread + "-" + i, "n_" + thread + "_" + i, null);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CatalogSnapshot result = anotherProcess().snapshot();
        for (int t = 0; t < threadsPerInstance * 2; t++) {
            for (int i = 0; i < schemasPerThread; i++) {
                assertTrue(result.schemaExists("s_" + t + "_" + i), "s_" + t + "_" + i);
            }
        }
        int expectedSecrets = threadsPerInstance * 2 * 3;
        assertEquals(expectedSecrets, result.secrets().size());
        int changes = threadsPerInstance * 2 * schemasPerThread + expectedSecrets;
        assertEquals(changes, result.version(), "one version per committed change");
        Catalog reader = anotherProcess();
        for (VaultSecretInfo secret : result.secrets()) {
            String[] parts = secret.name().split("_");
            assertEquals(
                    "secret-" + parts[1] + "-" + parts[2],
                    reader.vault().decrypt(secret.id()).get().reveal());
        }
    }

    @Test
    void theCatalogFileHoldsNoSecretInPlainText() throws IOException {
        Catalog catalog = CatalogFixtures.walkthrough(anotherProcess());
        catalog.vault().create(VAULT_SECRET, "hooks", null);
        catalog.alterServer("stripe_server", List.of(OptionChange.add("client_secret", "cs_plain_words_here")));
        byte[] bytes = Files.readAllBytes(catalogFile());
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(CatalogFixtures.TEST_KEY), "api_key in plain text");
        assertFalse(raw.contains(VAULT_SECRET), "vault secret in plain text");
        assertFalse(raw.contains("cs_plain_words_here"), "client_secret in plain text");
        assertFalse(raw.contains("vaultSecretPlaintext"));
        assertTrue(raw.contains("\"masked\" : \"sk_test_...WXYZ\""), raw);
        assertTrue(raw.contains("\"formatVersion\" : 1"));
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws IOException {
        Catalog catalog = CatalogFixtures.walkthrough(anotherProcess());
        catalog.vault().create(VAULT_SECRET, "hooks", null);
        assertEquals(List.of("catalog.json", "catalog.lock", "vault.key"), directoryListing());
    }

    @Test
    void aWriteThatFailsBeforeTheRenameLeavesTheOldCatalogAndNoTemporaryFile() throws IOException {
        Catalog catalog = anotherProcess();
        catalog.createSchema("stripe", false);
        byte[] before = Files.readAllBytes(catalogFile());
        DirectoryCatalogStore failing =
                new DirectoryCatalogStore(directory.toRealPath(), Duration.ofSeconds(5), temporary -> {
                    assertTrue(Files.size(temporary) > 0, "the temporary file is complete before the rename");
                    throw new IOException("disk full (simulated)");
                });
        Catalog crashing = Catalogs.open(failing, VaultKeySource.locationDefault(), Clock.systemUTC());
        assertErrorStartsWith("58030", "cannot write catalog in ", () -> crashing.createSchema("billing", false));
        assertArrayEquals(before, Files.readAllBytes(catalogFile()));
        assertEquals(List.of("catalog.json", "catalog.lock"), directoryListing());
        assertFalse(anotherProcess().snapshot().schemaExists("billing"));
    }

    @Test
    void aTemporaryFileLeftByACrashedWriterIsIgnoredAndCleanedUp() throws IOException {
        Catalog catalog = anotherProcess();
        catalog.createSchema("stripe", false);
        Path leftover = directory.resolve("catalog.json." + UUID.randomUUID() + ".tmp");
        Files.writeString(leftover, "{ \"formatVersion\" : 1, \"trunc");
        assertTrue(anotherProcess().snapshot().schemaExists("stripe"));
        catalog.createSchema("billing", false);
        assertFalse(Files.exists(leftover));
    }

    @Test
    void aDamagedFileIsReportedAndNeverOverwritten() throws IOException {
        anotherProcess().createSchema("stripe", false);
        byte[] damaged = "{ \"formatVersion\" : 1, \"version\" : 3, \"schemas\" : [ {\"name\" : "
                .getBytes(StandardCharsets.UTF_8);
        Files.write(catalogFile(), damaged);
        Catalog catalog = anotherProcess();
        StripeJdbcException read = assertThrows(StripeJdbcException.class, catalog::snapshot);
        assertEquals("XX001", read.sqlState().code());
        assertTrue(
                read.getMessage()
                        .startsWith("catalog file " + catalogFile().toRealPath() + " is damaged: it is not "
                                + "valid JSON"),
                read.getMessage());
        assertTrue(
                read.getMessage()
                        .endsWith("the file was left untouched (restore it from a backup, or move it away"
                                + " to start an empty catalog)"),
                read.getMessage());
        assertErrorStartsWith("XX001", "catalog file ", () -> catalog.createSchema("billing", false));
        assertErrorStartsWith("XX001", "catalog file ", () -> catalog.vault().create("x-secret", "x", null));
        assertArrayEquals(damaged, Files.readAllBytes(catalogFile()));
    }

    @Test
    void anEmptyFileIsDamagedToo() throws IOException {
        Files.write(catalogFile(), new byte[0]);
        assertErrorStartsWith(
                "XX001",
                "catalog file " + catalogFile().toRealPath() + " is damaged",
                () -> anotherProcess().snapshot());
        assertEquals(0, Files.size(catalogFile()));
    }

    @Test
    void structuralDamageNamesTheSpot() throws IOException {
        Catalog catalog = CatalogFixtures.walkthrough(anotherProcess());
        CatalogFixtures.createCustomers(catalog);
        String json = Files.readString(catalogFile());
        Files.writeString(catalogFile(), json.replace("\"server\" : \"stripe_server\"", "\"server\" : \"gone\""));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + catalogFile().toRealPath() + " is damaged: foreign table "
                        + "stripe.customers uses the missing server gone",
                () -> anotherProcess().snapshot());
        Files.writeString(catalogFile(), json.replace("\"type\" : \"timestamp\"", "\"type\" : 42"));
        assertErrorStartsWith(
                "XX001",
                "catalog file " + catalogFile().toRealPath() + " is damaged: $.tables[0]"
                        + ".columns[4].type is missing or not a string",
                () -> anotherProcess().snapshot());
    }

    @Test
    void aNewerFormatVersionIsReportedAndNeverOverwritten() throws IOException {
        anotherProcess().createSchema("stripe", false);
        String newer = Files.readString(catalogFile()).replace("\"formatVersion\" : 1", "\"formatVersion\" : 7");
        Files.writeString(catalogFile(), newer);
        byte[] before = Files.readAllBytes(catalogFile());
        Catalog catalog = anotherProcess();
        CatalogFixtures.assertError(
                "F0000",
                "catalog file " + catalogFile().toRealPath()
                        + " has format version 7, but this stripe-jdbc reads format version 1 at most; use a newer "
                        + "stripe-jdbc (the file was left untouched)",
                catalog::snapshot);
        assertErrorStartsWith("F0000", "catalog file ", () -> catalog.createSchema("billing", false));
        assertArrayEquals(before, Files.readAllBytes(catalogFile()));
    }

    @Test
    void aWriterWaitsWhileAnotherWriterHoldsTheLock() throws Exception {
        Catalog catalog = anotherProcess();
        catalog.createSchema("stripe", false);
        DirectoryCatalogStore impatient = new DirectoryCatalogStore(
                directory.toRealPath(), Duration.ofMillis(200), DirectoryCatalogStore.WriteHook.NONE);
        Catalog waiting = Catalogs.open(impatient, VaultKeySource.locationDefault(), Clock.systemUTC());
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> catalog.edit(editor -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        holder.start();
        try {
            assertTrue(holding.await(30, TimeUnit.SECONDS));
            // Same JVM: the writer waits on the JVM-wide lock (the OS lock timeout is covered by
            // CrossProcessCatalogTest, where another process holds catalog.lock).
            ExecutorService single = Executors.newSingleThreadExecutor();
            try {
                Future<?> blocked = single.submit(() -> waiting.createSchema("billing", false));
                assertThrows(TimeoutException.class, () -> blocked.get(300, TimeUnit.MILLISECONDS));
                release.countDown();
                blocked.get(30, TimeUnit.SECONDS);
            } finally {
                single.shutdownNow();
            }
        } finally {
            release.countDown();
            holder.join(30_000);
        }
        assertTrue(anotherProcess().snapshot().schemaExists("billing"));
    }

    @Test
    void sharedOpensOfOneDirectoryShareOneCatalog() throws IOException {
        Path link = directory.resolveSibling(directory.getFileName() + "-link");
        try {
            Files.createSymbolicLink(link, directory);
        } catch (UnsupportedOperationException | IOException e) {
            link = null;
        }
        Catalog a = Catalogs.open(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
        Catalog b = Catalogs.open(
                new CatalogLocation.Directory(directory.resolve("x").resolve("..")), VaultKeySource.locationDefault());
        assertSame(a, b);
        if (link != null) {
            assertSame(a, Catalogs.open(new CatalogLocation.Directory(link), VaultKeySource.locationDefault()));
            Files.delete(link);
        }
        Set<Object> distinct = new HashSet<>(List.of(a, anotherProcess()));
        assertEquals(2, distinct.size());
    }
}
