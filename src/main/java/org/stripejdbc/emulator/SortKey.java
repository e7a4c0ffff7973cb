package org.stripejdbc.emulator;

/**
 * The position of an object in its list: newest first, that is {@code created} descending, and among objects
 * created in the same second the one stored later first ({@code sequence} descending). The order is total and
 * stable, so cursor pagination over same-second objects neither loses nor repeats any.
 *
 * <p>Example: (created 100, seq 7) sorts before (100, 3), which sorts before (99, 9).
 */
record SortKey(long created, long sequence) implements Comparable<SortKey> {

    /** The first possible key (newest) of second {@code created}. */
    static SortKey newestOf(long created) {
        return new SortKey(created, Long.MAX_VALUE);
    }

    /** The last possible key (oldest) of second {@code created}. */
    static SortKey oldestOf(long created) {
        return new SortKey(created, Long.MIN_VALUE);
    }

    @Override
    public int compareTo(SortKey other) {
        int byCreated = Long.compare(other.created, created);
        return byCreated != 0 ? byCreated : Long.compare(other.sequence, sequence);
    }
}
