package org.stripejdbc.fdw.modify;

import java.util.Locale;
import org.stripejdbc.error.SqlState;

/**
 * The session's write guards: safe updates (UPDATE and DELETE need a WHERE clause that restricts the rows) and
 * the row cap (how many rows one statement may write). Set by the connection properties {@code safe_updates}
 * (default true) and {@code max_write_rows} (default 1000, 0 = no cap), changed per session with
 * {@code SET stripe.safe_updates = off} and {@code SET stripe.max_write_rows = 5000}.
 *
 * <pre>
 *   delete from stripe.customers                         → 42501 refused by safe updates, before any request
 *   update stripe.customers set name = 'x' where true     → 42501 likewise (a WHERE true for every row)
 *   delete from stripe.customers where name like '%a%'   (2,370 rows, cap 1,000)
 *                                                        → 54000 would delete 2,370 rows, more than max_write_rows
 *                                                          (1,000); refused after the read, before any write
 * </pre>
 *
 * @param safeUpdates  whether UPDATE and DELETE without a restricting WHERE are refused
 * @param maxWriteRows the most rows one statement may write; 0 = no cap
 */
public record ModifySettings(boolean safeUpdates, long maxWriteRows) {
    /** The session setting of {@link #safeUpdates}. */
    public static final String SAFE_UPDATES = "stripe.safe_updates";
    /** The session setting of {@link #maxWriteRows}. */
    public static final String MAX_WRITE_ROWS = "stripe.max_write_rows";
    /** The connection property of {@link #safeUpdates}. */
    public static final String SAFE_UPDATES_PROPERTY = "safe_updates";
    /** The connection property of {@link #maxWriteRows}. */
    public static final String MAX_WRITE_ROWS_PROPERTY = "max_write_rows";
    /** The defaults: safe updates on, at most 1,000 rows per statement. */
    public static final ModifySettings DEFAULT = new ModifySettings(true, 1000);

    public ModifySettings {
        if (maxWriteRows < 0) {
            throw new IllegalArgumentException("maxWriteRows must not be negative: " + maxWriteRows);
        }
    }

    /**
     * Refuses (42501), before any request, an UPDATE or DELETE whose WHERE does not restrict the rows:
     * {@code where} is {@code NONE} (no WHERE clause) or {@code ALWAYS_TRUE} (a WHERE clause that references no
     * column and is true, such as {@code where true} or {@code where 1 = 1}).
     */
    public void checkRestricted(ModifyOperation operation, String table, Restriction where) {
        if (!safeUpdates || where == Restriction.RESTRICTS) {
            return;
        }
        String what = where == Restriction.NONE
                ? "has no WHERE clause"
                : "has a WHERE clause that is true for every row (it references no column of the table)";
        throw new ModifyRefusedException(
                SqlState.INSUFFICIENT_PRIVILEGE,
                operation.on(table) + " " + what
                        + ", so it would " + operation.verb() + " every object of " + table + " in the Stripe account; "
                        + "refused by safe updates before any request. Add a WHERE clause, or turn safe updates off "
                        + "with "
                        + "SET " + SAFE_UPDATES + " = off (this session) or the connection property "
                        + SAFE_UPDATES_PROPERTY
                        + "=false");
    }

    /**
     * Refuses (54000) a statement that would write more than {@link #maxWriteRows} rows; it runs after the rows
     * were read and before the first write.
     */
    public void checkCount(ModifyOperation operation, String table, long rows) {
        if (maxWriteRows == 0 || rows <= maxWriteRows) {
            return;
        }
        throw new ModifyRefusedException(
                SqlState.PROGRAM_LIMIT_EXCEEDED,
                operation.on(table) + " would "
                        + operation.verb() + " " + count(rows) + " rows, more than " + MAX_WRITE_ROWS_PROPERTY + " ("
                        + count(maxWriteRows)
                        + "); refused before any write. Narrow the statement, or raise the cap with SET "
                        + MAX_WRITE_ROWS + " = " + rows + " (this session; 0 = no cap) or the connection property "
                        + MAX_WRITE_ROWS_PROPERTY);
    }

    /** Whether rows beyond {@code stored} need keeping (false once the cap is exceeded: the statement is refused). */
    public boolean keepsRow(long rowNumber) {
        return maxWriteRows == 0 || rowNumber <= maxWriteRows;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** What a statement's WHERE clause does to the rows. */
    public enum Restriction {
        /** No WHERE clause. */
        NONE,
        /** A WHERE clause with no column reference that is true: every row. */
        ALWAYS_TRUE,
        /** Any other WHERE clause (it references a column, or is false or NULL: no row). */
        RESTRICTS
    }
}
