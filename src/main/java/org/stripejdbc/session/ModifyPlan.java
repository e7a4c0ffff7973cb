package org.stripejdbc.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.fdw.modify.ModifyRefusedException;
import org.stripejdbc.fdw.modify.WriteRequest;

/**
 * What a write will do, worked out before its first request: the requests in order, or the guard that refuses it.
 * The read of an UPDATE or DELETE (or INSERT ... SELECT) has run to its end by then; nothing has been written.
 *
 * <pre>
 *   delete from stripe.customers where name like '%a%'  (237 rows)
 *     → requests [DELETE /v1/customers/cus_1, ...] (237), rows 237, read true, refusal null
 *   delete from stripe.customers                        (safe updates on)
 *     → requests [], rows -1, read false, refusal "DELETE from stripe.customers has no WHERE clause ..."
 * </pre>
 *
 * @param requests the write requests, in order (empty when refused)
 * @param rows     how many rows the statement would write, or -1 when refused before they were known
 * @param read     whether rows were read from Stripe to find them
 * @param ids      when refused after the read: the ids read (at most {@code max_write_rows}); otherwise empty
 * @param refusal  the guard refusing the statement, or null
 * @param notes    more lines for the dry run, after the row count (the targets a join collected:
 *                 {@link JoinedModify}); usually none
 * @param before   a DELETE with RETURNING: each target's row as read before the write (the table's columns in
 *                 declaration order) by id, since Stripe answers a deletion with a stub ({@code {"id":"cus_1",
 *                 "deleted":true}}) and Postgres returns the deleted row; otherwise empty
 */
record ModifyPlan(
        List<WriteRequest> requests,
        long rows,
        boolean read,
        List<String> ids,
        ModifyRefusedException refusal,
        List<String> notes,
        Map<String, Object[]> before) {
    ModifyPlan {
        requests = List.copyOf(Objects.requireNonNull(requests, "requests"));
        ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
        before = Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(before, "before")));
    }

    ModifyPlan(List<WriteRequest> requests, long rows, boolean read, List<String> ids, ModifyRefusedException refusal) {
        this(requests, rows, read, ids, refusal, List.of(), Map.of());
    }

    /** This plan with {@code lines} for the dry run. */
    ModifyPlan withNotes(List<String> lines) {
        return new ModifyPlan(requests, rows, read, ids, refusal, lines, before);
    }

    /** This plan with the targets' rows as read before the write (a DELETE's RETURNING rows), by id. */
    ModifyPlan withBefore(Map<String, Object[]> rowsById) {
        return new ModifyPlan(requests, rows, read, ids, refusal, notes, rowsById);
    }

    /**
     * The RETURNING rows of the written {@code ids}: each target's row as read before the write where this plan
     * kept them ({@link #before}), else {@code written} (the rows of the API's answers), in the same order.
     */
    List<Object[]> returningRows(List<String> ids, List<Object[]> written) {
        if (before.isEmpty()) {
            return written;
        }
        List<Object[]> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Object[] row = before.get(ids.get(i));
            out.add(row != null ? row : written.get(i));
        }
        return out;
    }

    /** Refused before any row was read or any value evaluated. */
    static ModifyPlan refusedBeforeRead(ModifyRefusedException refusal) {
        return new ModifyPlan(List.of(), -1, false, List.of(), refusal);
    }

    /** Refused once the rows were known ({@code rows} of them; the first {@code ids}). */
    static ModifyPlan refused(long rows, boolean read, List<String> ids, ModifyRefusedException refusal) {
        return new ModifyPlan(List.of(), rows, read, ids, refusal);
    }

    /** The statement may run: these requests. */
    static ModifyPlan of(List<WriteRequest> requests, boolean read) {
        return new ModifyPlan(requests, requests.size(), read, List.of(), null);
    }

    /** Throws the refusal, if any. */
    void throwIfRefused() {
        if (refusal != null) {
            throw refusal;
        }
    }
}
