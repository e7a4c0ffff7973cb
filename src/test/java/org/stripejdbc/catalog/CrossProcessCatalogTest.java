package org.stripejdbc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stripejdbc.catalog.CatalogFixtures.assertErrorStartsWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stripejdbc.vault.VaultKeySource;
import org.stripejdbc.vault.VaultSecretInfo;

/** Real second JVMs on one catalog directory: the OS file lock, not only the JVM-wide one, keeps writers apart. */
class CrossProcessCatalogTest {
    @TempDir
    Path directory;

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                CatalogWriterMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void awaitSuccess(Process process) throws Exception {
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "child JVM did not finish in time");
            assertEquals(0, process.exitValue(), "child JVM failed");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void twoProcessesAndThisOneWritingAtOnceLoseNothing() throws Exception {
        int count = 20;
        Catalog here =
                Catalogs.openUncached(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
        here.createSchema("warmup", false); // creates the directory, the lock file and nothing secret yet
        Process first = start("write", directory.toString(), "p1", String.valueOf(count));
        Process second = start("write", directory.toString(), "p2", String.valueOf(count));
        for (int i = 0; i < count; i++) {
            here.createSchema("p0_" + i, false);
            if (i % 5 == 0) {
                here.vault().create("p0-secret-" + i, "p0_" + i, null);
            }
        }
        awaitSuccess(first);
        awaitSuccess(second);

        Catalog reader =
                Catalogs.openUncached(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
        CatalogSnapshot result = reader.snapshot();
        for (String prefix : List.of("p0", "p1", "p2")) {
            for (int i = 0; i < count; i++) {
                assertTrue(result.schemaExists(prefix + "_" + i), prefix + "_" + i);
            }
        }
        assertEquals(12, result.secrets().size());
        assertEquals(1 + 3 * count + 12, result.version(), "one version per committed change");
        for (VaultSecretInfo secret : result.secrets()) {
            String[] parts = secret.name().split("_");
            assertEquals(
                    parts[0] + "-secret-" + parts[1],
                    reader.vault().decrypt(secret.id()).get().reveal(),
                    "all three processes used the same key file");
        }
        assertTrue(Files.exists(directory.resolve("vault.key")));
    }

    @Test
    void aWriterGivesUpWithARetryableErrorWhenAnotherProcessHoldsTheLock() throws Exception {
        Catalog catalog =
                Catalogs.openUncached(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
        catalog.createSchema("stripe", false);
        Process holder = start("hold-lock", directory.toString());
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = holder.getOutputStream()) {
            assertEquals("locked", out.readLine());
            DirectoryCatalogStore impatient = new DirectoryCatalogStore(
                    directory.toRealPath(), Duration.ofMillis(300), DirectoryCatalogStore.WriteHook.NONE);
            Catalog waiting = Catalogs.open(impatient, VaultKeySource.locationDefault(), Clock.systemUTC());
            assertErrorStartsWith(
                    "40001",
                    "could not lock catalog " + directory.toRealPath() + " within 300 ms: another " + "process holds "
                            + directory.toRealPath().resolve("catalog.lock"),
                    () -> waiting.createSchema("billing", false));
            assertTrue(waiting.snapshot().schemaExists("stripe"), "reading needs no lock");
            in.write('\n');
            in.flush();
            awaitSuccess(holder);
            waiting.createSchema("billing", false);
        } finally {
            holder.destroyForcibly();
        }
        assertTrue(catalog.snapshot().schemaExists("billing"));
    }
}
