package org.stripejdbc.exec;

/** Told about scan progress (the shell shows pages and rows fetched on stderr). */
public interface ScanListener {
    ScanListener NONE = (table, pages, rows) -> { };

    /** After each page: the table, pages fetched so far, rows fetched so far by this scan. */
    void pageFetched(String table, int pages, long rows);
}
