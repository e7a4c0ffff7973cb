package org.stripejdbc.driver;

import java.io.PrintStream;
import org.stripejdbc.engine.ScanListener;

/**
 * Scan progress for people watching a terminal ({@code progress=true}, which the shell sets): a line on
 * stderr every {@value #EVERY_PAGES} pages, e.g. {@code -- stripe.customers: 20 pages, 2000 rows fetched}.
 */
final class StderrScanProgress implements ScanListener {
    static final int EVERY_PAGES = 10;
    private final PrintStream out;

    StderrScanProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void pageFetched(String table, int pages, long rows) {
        if (pages % EVERY_PAGES == 0) {
            out.println("-- " + table + ": " + pages + " pages, " + rows + " rows fetched");
            out.flush();
        }
    }
}
