package org.stripejdbc.emulator;

/**
 * When sample objects were created: over the two years before the data end time, more of them recently (the
 * account grows), and a good share of them in "busy seconds" that many objects share (bulk imports, batch
 * renewals). Related objects follow their parent, often within the same second (an invoice, its payment intent,
 * its charge and their events). Dense same-second data is what parallel-scan and paging tests need.
 *
 * <p>Example: with end 2025-06-01T00:00:00Z, {@code next} gives seconds in [2023-06-02, 2025-06-01], about 30%
 * of them one of the cluster seconds; {@code after(r, parent, 3600)} gives the parent's second about a third of
 * the time, else up to an hour later (but never after the end).
 */
final class Timeline {
    static final long TWO_YEARS = 730L * 24 * 3600;
    private static final double CLUSTER_SHARE = 0.3;

    private final long end;
    private final long start;
    private final long[] clusters;

    Timeline(long end, int expectedObjects, SampleRandom random) {
        this.end = end;
        this.start = end - TWO_YEARS;
        this.clusters = new long[Math.max(8, expectedObjects / 40)];
        for (int i = 0; i < clusters.length; i++) {
            clusters[i] = spread(random);
        }
    }

    long end() {
        return end;
    }

    long start() {
        return start;
    }

    /** The creation second of an object that depends on no other. */
    long next(SampleRandom random) {
        if (random.chance(CLUSTER_SHARE)) {
            return clusters[random.nextInt(clusters.length)];
        }
        return spread(random);
    }

    /** A second after {@code parent}: the same second a third of the time, else up to {@code maxOffset} later. */
    long after(SampleRandom random, long parent, long maxOffset) {
        long room = end - parent;
        if (room <= 0) {
            return end;
        }
        if (random.chance(0.35) || maxOffset <= 0) {
            return parent;
        }
        return parent + random.between(1, Math.min(maxOffset, room) + 1);
    }

    /** Uniform over the span, weighted towards the end (the square of a uniform variable). */
    private long spread(SampleRandom random) {
        double u = random.nextDouble();
        return end - (long) (TWO_YEARS * u * u);
    }
}
