package org.stripejdbc.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.catalog.CatalogSnapshot;

/**
 * One session's compiled query commands by SQL text, so that running the same SELECT again (a retrieve by id in
 * a loop, a pool's validation query, a tool refreshing a grid) skips parsing, name resolution and planning.
 *
 * <p>A compiled query depends on the SQL text, on the catalog (tables, servers, their API keys) and on the
 * session's {@code search_path} (unqualified names); everything else (parameters, {@code now()}, maxRows,
 * cancellation) comes with each execution, and a command runs any number of times, as a PreparedStatement's does.
 * So entries are kept for one catalog snapshot, keyed by text and search path: any DDL or vault change makes a new
 * snapshot and empties the cache, and {@code SET search_path} misses it.
 *
 * <pre>
 *   Command c = queries.get(snapshot, "select * from stripe.customers where id = 'cus_1'", List.of("stripe",
 *     "public"));
 *   // null the first time; after put(...), the same command until the catalog changes
 * </pre>
 * At most {@value #CAPACITY} texts, the least recently used going first. Thread-safe.
 */
final class CompiledQueries {
    static final int CAPACITY = 128;

    /** A command and the search path it was compiled under. */
    private record Entry(List<String> searchPath, Command command) {}

    private CatalogSnapshot snapshot;
    /** By text: a text compiled under another search path replaces the older entry (the same text rarely alternates).
     * */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The command compiled for this text and search path against {@code current}, or null. */
    synchronized Command get(CatalogSnapshot current, String sql, List<String> searchPath) {
        if (current != snapshot || sql == null) {
            return null;
        }
        Entry entry = entries.get(sql);
        return entry != null && entry.searchPath().equals(searchPath) ? entry.command() : null;
    }

    /** Remembers a command compiled against {@code current}; a newer snapshot first forgets every older entry. */
    synchronized void put(CatalogSnapshot current, String sql, List<String> searchPath, Command command) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(command, "command");
        if (current != snapshot) {
            entries.clear();
            snapshot = current;
        }
        entries.put(sql, new Entry(List.copyOf(searchPath), command));
    }

    synchronized int size() {
        return entries.size();
    }
}
