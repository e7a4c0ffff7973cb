package org.stripejdbc.catalog;

import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.vault.VaultKey;
import org.stripejdbc.vault.VaultKeySource;

/**
 * The vault key of one catalog, from a resolved {@link VaultKeySource} (a fixed key or a key file). Reading never
 * creates a key file; writing creates it on first use (always under the catalog's write lock).
 */
final class VaultKeys {
    private final VaultKeySource source;
    private volatile VaultKey cached;

    VaultKeys(VaultKeySource source) {
        this.source = Objects.requireNonNull(source, "source");
        if (source instanceof VaultKeySource.LocationDefault) {
            throw new IllegalArgumentException("resolve the location default before building VaultKeys");
        }
        if (source instanceof VaultKeySource.Fixed fixed) {
            cached = fixed.key();
        }
    }

    /** The key if it exists (a missing key file is empty). */
    Optional<VaultKey> forReading() {
        VaultKey key = cached;
        if (key != null) {
            return Optional.of(key);
        }
        Optional<VaultKey> loaded = ((VaultKeySource.KeyFile) source).load();
        loaded.ifPresent(k -> cached = k);
        return loaded;
    }

    /** The key, creating the key file if it does not exist yet. Call only under the catalog's write lock. */
    VaultKey forWriting() {
        if (source instanceof VaultKeySource.Fixed fixed) {
            return fixed.key();
        }
        VaultKey key = ((VaultKeySource.KeyFile) source).loadOrCreate();
        cached = key;
        return key;
    }

    /** Where the key comes from, in words. */
    String describe() {
        return source.describe();
    }

    VaultKeySource source() {
        return source;
    }
}
