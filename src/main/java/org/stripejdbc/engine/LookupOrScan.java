package org.stripejdbc.engine;

/**
 * The one costing rule for finding the rows of a set of keys: look each key up (a request per key: a retrieve by
 * id, a list walk per value of a pushed equality) or scan the table once (a request per page of 100 rows), whichever
 * needs fewer requests. The keys are known (an {@code id IN} list, the distinct outer keys of a semi join); how many
 * pages the table has is not, and Stripe does not say. So the choice is made while the scan runs, from what each
 * page read shows, without any request of its own:
 *
 * <ol>
 *   <li>Up to {@value #ALWAYS_LOOKED_UP} keys are looked up at once: a scan cannot do better by more than a few
 *       requests (only a table of fewer pages than keys beats them), and the lookups run in parallel.</li>
 *   <li>Otherwise the scan starts, one page at a time, and every row it reads <em>resolves</em> keys: a key is
 *       resolved when its row is found (an id) or, for a semi or anti join, when a matching row is. The scan
 *       reads on while it has resolved at least one key per page read (each page did the work of a lookup; this is
 *       the density estimate: the keys the pages read have resolved predict what the rest of the table holds).</li>
 *   <li>When it falls behind that rate, keys that may have several rows or none (a semi join's) still let the scan
 *       read on while it has read fewer pages than there are unresolved keys: their absence is only proven by
 *       reading to the end, which may be near. Ids are expected to exist, so for them falling behind ends the
 *       scan at once.</li>
 *   <li>Then the keys still unresolved are looked up, and the scan is abandoned. When every key is resolved the
 *       scan ends early; at its last page every key is resolved (those not found have no row).</li>
 * </ol>
 *
 * <p>This costs at most the cheaper of the two plus what the scan read before giving up, which is at most about as
 * much again (the ski-rental bound): never more than about twice the minimum, and exactly the minimum in the usual
 * cases (a few keys: lookups; keys spread over the table: the scan). Example: 1,000 ids of a table of 20,000 rows
 * (200 pages) resolve about 5 ids per page, so the scan runs to its end: 200 requests instead of 1,000; 50 ids of
 * it resolve none on the first page: 1 page and 50 retrieves.
 */
public final class LookupOrScan {
    /** Keys looked up without trying a scan first. */
    public static final int ALWAYS_LOOKED_UP = 10;

    private LookupOrScan() {}

    /** Whether {@code keys} keys are looked up at once, without a scan page first. */
    public static boolean lookUpAtOnce(long keys) {
        return keys <= ALWAYS_LOOKED_UP;
    }

    /**
     * Whether the scan reads its next page after {@code pagesRead} pages that resolved {@code resolved} keys in all,
     * with {@code unresolved} keys left; false means: look the unresolved keys up instead.
     *
     * @param uniqueKeys whether each key has at most one row that is expected to exist (ids)
     */
    public static boolean readOn(long pagesRead, long resolved, long unresolved, boolean uniqueKeys) {
        if (unresolved <= 0) {
            return false;
        }
        if (resolved >= pagesRead) {
            return true;
        }
        return !uniqueKeys && pagesRead < unresolved;
    }
}
