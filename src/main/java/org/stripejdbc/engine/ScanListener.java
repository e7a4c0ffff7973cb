package org.stripejdbc.engine;

/**
 * Told about scan progress: the shell shows pages and rows fetched on stderr, {@code EXPLAIN ANALYZE} counts the
 * requests of every scan ({@link ExecutionAnalysis}).
 */
public interface ScanListener {
    ScanListener NONE = (table, pages, rows) -> {};

    /** After each page: the table, pages fetched so far, rows fetched so far by this scan. */
    void pageFetched(String table, int pages, long rows);

    /**
     * After each call to the remote API, successful or not: the HTTP attempts it took (the first plus its retries),
     * how many of them were answered "too many requests" (429), and its duration in nanoseconds.
     */
    default void requestEnded(String table, int attempts, int tooManyRequests, long nanos) {}
}
