package org.stripejdbc.catalog;

import java.util.Objects;
import java.util.function.Function;
import org.stripejdbc.vault.Redactor;

/**
 * Where a catalog's snapshots live and how one change at a time is committed. Implementations: memory (one JVM)
 * and directory (several JVMs, file-locked, atomic file replacement).
 */
interface CatalogStore {

    CatalogLocation location();

    /** The current snapshot; cheap (cached, revalidated by a file stat for directories). */
    CatalogSnapshot read();

    /**
     * Runs {@code change} on the latest snapshot while holding the write lock (in-JVM and, for directories, the OS
     * file lock) and commits its result atomically. When {@code change} throws, or returns the snapshot it was
     * given, nothing is written.
     */
    <R> R update(Function<CatalogSnapshot, Change<R>> change);

    /** The redactor shared by every connection to this location: it learns each secret any of them decrypts. */
    Redactor redactor();

    /** The outcome of one change: the snapshot to commit (the input itself for none) and a result for the caller. */
    record Change<R>(CatalogSnapshot next, R result) {
        public Change {
            Objects.requireNonNull(next, "next");
        }
    }
}
