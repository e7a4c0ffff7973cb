package org.stripejdbc.engine;

import java.util.Objects;

/**
 * An order a {@link ScanPlan} can deliver its rows in without sorting, when it is opened with
 * {@link ScanPlan#openInOrder}: by the values of one column, descending or ascending; rows with equal values come in
 * no particular order, and the column is never NULL. The engine uses it to read only the first rows of a scan for
 * {@code ORDER BY column DESC LIMIT n} and {@code max(column)}, and checks the promise on every row it reads (a row
 * out of order, or NULL in the column, fails the statement instead of giving a wrong answer).
 *
 * <p>Example: a Stripe list is walked newest first, so a scan of {@code stripe.customers} offers
 * {@code new ScanOrder("created", true)}: {@code select id from stripe.customers order by created desc limit 5} reads
 * the first five rows of one page, and {@code order by created desc, id limit 5} reads until the fifth row's
 * {@code created} value is passed, then sorts those rows.
 *
 * @param column     the column, by its name in {@link TableSource#columns()}
 * @param descending whether the values come largest first
 */
public record ScanOrder(String column, boolean descending) {
    public ScanOrder {
        Objects.requireNonNull(column, "column");
    }

    /** {@code created DESC}, for EXPLAIN. */
    public String describe() {
        return column + (descending ? " DESC" : " ASC");
    }
}
