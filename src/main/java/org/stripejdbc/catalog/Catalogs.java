package org.stripejdbc.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.vault.VaultKeySource;

/**
 * Opens catalogs. {@link #open} shares one store per location in the JVM: every connection to
 * {@code jdbc:stripe:mem:demo} sees the same memory catalog (it lives as long as the JVM), every connection to one
 * directory the same cached snapshot (directories are identified by their real path, so {@code ./a} and a symlink to
 * it are one catalog). {@code jdbc:stripe:mem:} (an empty name) is private: a new catalog per call.
 *
 * <p>{@link #openUncached} bypasses the sharing, as another JVM would: its own snapshot cache and, for memory, its
 * own private catalog. Tests use it to play "another process" on the same directory.
 *
 * <p>The vault key: {@link VaultKeySource.LocationDefault} becomes {@code <dir>/vault.key} for a directory and the
 * memory catalog's own random key for memory; a fixed key is used as given.
 */
public final class Catalogs {
    private static final ConcurrentHashMap<Object, CatalogStore> STORES = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<SharedKey, Catalog> CATALOGS = new ConcurrentHashMap<>();

    /** One shared catalog per store and key source. */
    private record SharedKey(CatalogStore store, VaultKeySource keys) {}

    private Catalogs() {}

    /**
     * The JVM-wide shared catalog at {@code location}, with the vault key from {@code keys}: the same instance for
     * the same location and key source.
     */
    public static Catalog open(CatalogLocation location, VaultKeySource keys) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keys, "keys");
        CatalogStore store;
        if (location instanceof CatalogLocation.Memory memory) {
            if (memory.isPrivate()) {
                return open(new MemoryCatalogStore(memory), keys, Clock.systemUTC());
            }
            store = STORES.computeIfAbsent(memory, m -> new MemoryCatalogStore(memory));
        } else {
            Path path = canonical(((CatalogLocation.Directory) location).path());
            store = STORES.computeIfAbsent(path, p -> new DirectoryCatalogStore((Path) p));
        }
        return CATALOGS.computeIfAbsent(new SharedKey(store, keys), shared -> open(store, keys, Clock.systemUTC()));
    }

    /** A catalog with its own store, sharing nothing with other instances in this JVM (like another process). */
    public static Catalog openUncached(CatalogLocation location, VaultKeySource keys) {
        return openUncached(location, keys, Clock.systemUTC());
    }

    /** As {@link #openUncached(CatalogLocation, VaultKeySource)} with a clock for vault timestamps. */
    public static Catalog openUncached(CatalogLocation location, VaultKeySource keys, Clock clock) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keys, "keys");
        CatalogStore store = location instanceof CatalogLocation.Memory memory
                ? new MemoryCatalogStore(memory)
                : new DirectoryCatalogStore(canonical(((CatalogLocation.Directory) location).path()));
        return new Catalog(store, new VaultKeys(resolve(keys, store)), clock);
    }

    /** For tests: a catalog on a given store. */
    static Catalog open(CatalogStore store, VaultKeySource keys, Clock clock) {
        return new Catalog(store, new VaultKeys(resolve(keys, store)), clock);
    }

    static VaultKeySource resolve(VaultKeySource keys, CatalogStore store) {
        if (!(keys instanceof VaultKeySource.LocationDefault)) {
            return keys;
        }
        if (store instanceof MemoryCatalogStore memory) {
            return new VaultKeySource.Fixed(
                    memory.memoryKey(), "the in-memory vault key of catalog " + memory.location());
        }
        DirectoryCatalogStore directory = (DirectoryCatalogStore) store;
        return new VaultKeySource.KeyFile(directory.directory().resolve(VaultKeySource.KEY_FILE_NAME));
    }

    /** The absolute path with symbolic links resolved as far as the path exists. */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path real = existing.toRealPath();
            while (!missing.isEmpty()) {
                real = real.resolve(missing.pop());
            }
            return real;
        } catch (IOException e) {
            throw new StripeJdbcException(SqlState.IO_ERROR, "cannot resolve catalog location " + path + ": " + e, e);
        }
    }
}
