package org.stripejdbc.driver;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Carries a {@link BatchUpdateException} through Avatica's RuntimeException-only Meta interface;
 * {@link SqlExceptions} unwraps it. Example: the third entry of a batch failing gives {@code batch entry 2 failed
 * after 2 succeeded: <its message>} with the update counts of the first two and the entry's SQLSTATE.
 */
final class BatchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final BatchUpdateException batch;

    BatchFailure(BatchUpdateException batch) {
        super(batch.getMessage(), batch);
        this.batch = batch;
    }

    /** The failure of entry {@code failedIndex} (0-based), after the entries whose counts are in {@code counts}. */
    static BatchFailure of(RuntimeException e, long[] counts, int failedIndex) {
        SQLException cause = SqlExceptions.translate(e);
        long[] done = Arrays.copyOf(counts, failedIndex);
        BatchUpdateException batch = new BatchUpdateException(
                "batch entry " + failedIndex + " failed after " + failedIndex + " succeeded: " + cause.getMessage(),
                cause.getSQLState(),
                0,
                done,
                cause);
        return new BatchFailure(batch);
    }
}
