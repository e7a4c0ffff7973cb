package org.stripejdbc.catalog;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.stripejdbc.vault.VaultKeySource;

/**
 * A second JVM for {@link CrossProcessCatalogTest}:
 * <pre>
 *   write &lt;dir&gt; &lt;prefix&gt; &lt;count&gt;   creates schemas prefix_0..count-1 and a vault secret for every
 *     fifth
 *   hold-lock &lt;dir&gt;                takes the OS lock on catalog.lock, prints "locked", waits for a line on stdin
 * </pre>
 */
final class CatalogWriterMain {
    private CatalogWriterMain() {}

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> {
                Catalog catalog =
                        Catalogs.open(new CatalogLocation.Directory(directory), VaultKeySource.locationDefault());
                String prefix = args[2];
                int count = Integer.parseInt(args[3]);
                for (int i = 0; i < count; i++) {
                    catalog.createSchema(prefix + "_" + i, false);
                    if (i % 5 == 0) {
                        catalog.vault().create(prefix + "-secret-" + i, prefix + "_" + i, null);
                    }
                }
                System.out.println("done");
            }
            case "hold-lock" -> {
                try (FileChannel channel = FileChannel.open(
                        directory.resolve(DirectoryCatalogStore.LOCK_FILE_NAME),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
                    FileLock lock = channel.lock();
                    System.out.println("locked");
                    System.out.flush();
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    lock.release();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
