package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Objects;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.stripe.RequestCancelledException;
import org.stripejdbc.stripe.StripeApiException;

/**
 * A data-modifying statement stopped at one of its rows. Stripe has no transactions: the rows before it stay
 * applied, and this exception says which. It keeps the SQLSTATE of what went wrong, and the original exception as
 * its cause (a {@link StripeApiException} keeps Stripe's request id, error code, param...).
 *
 * <p>Example message:
 * <pre>
 * INSERT into stripe.customers failed at row 3 of 5 after 2 rows were applied (cus_1, cus_2):
 *     Stripe API error 400 (invalid_request_error, param email): Invalid email address: x [request-id req_1]
 *     on POST /v1/customers
 * </pre>
 * When the failure leaves the failed row's own outcome unknown (the request may have reached Stripe: a read
 * timeout or dropped connection after all retries, a 5xx answer, or a cancel or query timeout that aborted the
 * request in flight), the message says so:
 * {@code ...after 2 rows were applied (cus_1, cus_2); row 3 may have been applied too (its outcome is unknown): ...}
 * and {@link #outcomeUnknown()} is true.
 *
 * <p>The JDBC layer builds a {@code BatchUpdateException} from {@link #appliedCount()} and {@link #appliedIds()}.
 */
public final class PartialModifyException extends StripeJdbcException {
    private static final long serialVersionUID = 1L;
    /** At most this many ids are listed in the message; {@link #appliedIds()} has them all. */
    static final int IDS_IN_MESSAGE = 10;

    private final ModifyOperation operation;
    private final String table;
    private final long failedRow;
    private final long totalRows;
    private final long appliedCount;
    private final List<String> appliedIds;
    private final boolean outcomeUnknown;

    /**
     * @param operation    the statement kind
     * @param table        the qualified table name ({@code stripe.customers})
     * @param failedRow    the 1-based number of the row that failed
     * @param totalRows    how many rows the statement had, or -1 when not known (rows streamed from a scan)
     * @param appliedCount how many rows Stripe applied before the failure
     * @param appliedIds   the ids of those rows, in order (may be fewer than appliedCount when a created object had
     *                     no id)
     * @param cause        what went wrong; its SQLSTATE is kept ({@code XX000} when it is not a
     *                     {@link StripeJdbcException})
     */
    public PartialModifyException(
            ModifyOperation operation,
            String table,
            long failedRow,
            long totalRows,
            long appliedCount,
            List<String> appliedIds,
            RuntimeException cause) {
        super(stateOf(cause), message(operation, table, failedRow, totalRows, appliedCount, appliedIds, cause), cause);
        this.operation = Objects.requireNonNull(operation, "operation");
        this.table = Objects.requireNonNull(table, "table");
        this.failedRow = failedRow;
        this.totalRows = totalRows;
        this.appliedCount = appliedCount;
        this.appliedIds = List.copyOf(appliedIds);
        this.outcomeUnknown = outcomeUnknown(cause);
    }

    public ModifyOperation operation() {
        return operation;
    }

    /** The qualified table name. */
    public String table() {
        return table;
    }

    /** The 1-based number of the row that failed. */
    public long failedRow() {
        return failedRow;
    }

    /** How many rows the statement had, or -1 when not known. */
    public long totalRows() {
        return totalRows;
    }

    /** How many rows Stripe applied before the failure (they stay applied). */
    public long appliedCount() {
        return appliedCount;
    }

    /** The ids of the applied rows, in order. */
    public List<String> appliedIds() {
        return appliedIds;
    }

    /**
     * Whether the failed row itself may have been applied: its request may have reached Stripe (network failure
     * after all retries, or a 5xx answer). Its Idempotency-Key is lost with the statement, so check in Stripe.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    private static SqlState stateOf(RuntimeException cause) {
        return cause instanceof StripeJdbcException e ? e.sqlState() : SqlState.INTERNAL_ERROR;
    }

    static boolean outcomeUnknown(RuntimeException cause) {
        if (cause instanceof RequestCancelledException cancelled) {
            // 57014 while the row's request was in flight (or being retried after an uncertain attempt).
            return cancelled.outcomeUnknown();
        }
        if (cause instanceof StripeApiException api) {
            return api.httpStatus() >= 500 || api.httpStatus() == 408;
        }
        // 08006: the Stripe client gave up on a read timeout or a dropped connection (08001 is "never connected").
        return cause instanceof StripeJdbcException e && e.sqlState() == SqlState.CONNECTION_FAILURE;
    }

    private static String message(
            ModifyOperation operation,
            String table,
            long failedRow,
            long totalRows,
            long appliedCount,
            List<String> appliedIds,
            RuntimeException cause) {
        StringBuilder out =
                new StringBuilder(operation.on(table)).append(" failed at row ").append(failedRow);
        if (totalRows >= 0) {
            out.append(" of ").append(totalRows);
        }
        if (appliedCount == 0) {
            out.append(", no rows were applied");
        } else {
            out.append(" after ")
                    .append(appliedCount)
                    .append(appliedCount == 1 ? " row was" : " rows were")
                    .append(" applied");
            if (!appliedIds.isEmpty()) {
                out.append(" (");
                int shown = Math.min(appliedIds.size(), IDS_IN_MESSAGE);
                out.append(String.join(", ", appliedIds.subList(0, shown)));
                if (appliedIds.size() > shown) {
                    out.append(", and ").append(appliedIds.size() - shown).append(" more");
                }
                out.append(')');
            }
        }
        if (outcomeUnknown(cause)) {
            out.append("; row ").append(failedRow).append(" may have been applied too (its outcome is unknown)");
        }
        String detail = cause == null || cause.getMessage() == null
                ? (cause == null ? "unknown error" : cause.getClass().getSimpleName())
                : cause.getMessage();
        return out.append(": ").append(detail).toString();
    }
}
