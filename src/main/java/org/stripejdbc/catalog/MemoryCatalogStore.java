package org.stripejdbc.catalog;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.stripejdbc.vault.Redactor;
import org.stripejdbc.vault.VaultKey;

/** A catalog in this JVM's memory, with its own random vault key (used unless a key is configured). */
final class MemoryCatalogStore implements CatalogStore {
    private final CatalogLocation.Memory location;
    private final VaultKey memoryKey = VaultKey.generate();
    private final Redactor redactor = new Redactor();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile CatalogSnapshot current = CatalogSnapshot.initial();

    MemoryCatalogStore(CatalogLocation.Memory location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    @Override
    public CatalogLocation location() {
        return location;
    }

    /** The key of the location default: random, never leaves this object. */
    VaultKey memoryKey() {
        return memoryKey;
    }

    @Override
    public CatalogSnapshot read() {
        return current;
    }

    @Override
    public <R> R update(Function<CatalogSnapshot, Change<R>> change) {
        writeLock.lock();
        try {
            Change<R> outcome = change.apply(current);
            current = outcome.next();
            return outcome.result();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Redactor redactor() {
        return redactor;
    }
}
