package org.stripejdbc.fdw;

/**
 * The rows a parallel scan with a LIMIT may still request, so that all walkers together never ask Stripe for more
 * objects than the LIMIT needs. A walker reserves its page size before a request and settles the reservation with
 * what the page held; rows reserved but not received become available again.
 *
 * <p>Example, 250 rows allowed: walkers A and B reserve 100 each, C gets 50, D waits; A's page holds only 30
 * (its slice ended) → 70 rows are free again and D reserves them. When nothing is left and nothing is reserved,
 * {@link #reserve} answers 0: the LIMIT is covered and the walkers stop.
 */
final class RowAllowance {
    private final boolean unlimited;
    private long available;
    private long reserved;
    private boolean closed;

    private RowAllowance(boolean unlimited, long available) {
        this.unlimited = unlimited;
        this.available = available;
    }

    /** No LIMIT: every reservation gets what it asks. */
    static RowAllowance unlimited() {
        return new RowAllowance(true, Long.MAX_VALUE);
    }

    /** At most {@code rows} rows in all. */
    static RowAllowance of(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative: " + rows);
        }
        return new RowAllowance(false, rows);
    }

    /**
     * Reserves up to {@code wanted} rows: what is available, waiting while nothing is but other reservations may
     * still come back. 0 means the LIMIT is covered (or the allowance was closed).
     */
    synchronized int reserve(int wanted) throws InterruptedException {
        if (unlimited) {
            return closed ? 0 : wanted;
        }
        while (!closed && available == 0 && reserved > 0) {
            wait();
        }
        if (closed || available == 0) {
            return 0;
        }
        int granted = (int) Math.min(wanted, available);
        available -= granted;
        reserved += granted;
        return granted;
    }

    /** A request that reserved {@code reservedRows} returned {@code receivedRows} (0 when it failed). */
    synchronized void settle(int reservedRows, int receivedRows) {
        if (unlimited) {
            return;
        }
        reserved -= reservedRows;
        available += Math.max(0, reservedRows - receivedRows);
        notifyAll();
    }

    /** Wakes and refuses every waiting and later reservation. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
