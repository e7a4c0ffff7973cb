package org.stripejdbc.fdw;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;
import org.stripejdbc.stripe.objects.MovedFields;

/**
 * How one execution of a scan turns the objects Stripe returned into rows: each object is shaped into a row of the
 * declared columns ({@link RowShaper}), and it is no row when it is Stripe's marker of a deleted object
 * ({@code {"id": "cus_1", "object": "customer", "deleted": true}}, the answer to a retrieve of a deleted customer
 * or product) or when a condition the scan pushed does not hold for it ({@link PushedConditions}).
 *
 * <p>Thread-safe: the walkers of a parallel scan share one.
 */
final class ScanRows {
    private final RowShaper shaper;
    private final PushedConditions pushed;
    private final ExecutionContext context;

    /** For a child table's rows: the parent key field and the parent's id, set on each object; else null. */
    private final String parentField;

    private final String parentId;

    /** For a child table's rows: the parameters sent, set on each object that lacks a field of that name. */
    private final Map<String, String> sent;

    /** Removed fields the conditions read, and their table ({@link #withRemovedFields}); empty: none. */
    private final Set<String> removed;

    private final ForeignTableDefinition removedTable;

    /** Where a removed charge invoice is read instead, when the conditions read it ({@link InvoiceLinks}). */
    private final InvoiceLinks links;

    ScanRows(RowShaper shaper, PushedConditions pushed, ExecutionContext context) {
        this(shaper, pushed, context, null, null, Map.of(), Set.of(), null, null);
    }

    private ScanRows(
            RowShaper shaper,
            PushedConditions pushed,
            ExecutionContext context,
            String parentField,
            String parentId,
            Map<String, String> sent,
            Set<String> removed,
            ForeignTableDefinition removedTable,
            InvoiceLinks links) {
        this.shaper = Objects.requireNonNull(shaper, "shaper");
        this.pushed = Objects.requireNonNull(pushed, "pushed");
        this.context = Objects.requireNonNull(context, "context");
        this.parentField = parentField;
        this.parentId = parentId;
        this.sent = Map.copyOf(sent);
        this.removed = Set.copyOf(removed);
        this.removedTable = removedTable;
        this.links = links;
    }

    /**
     * The rows of one parent's child list ({@code GET /v1/invoices/in_1/lines}): each object gets
     * {@code field = parentId} (a checkout line item has no session field), replacing what the object says.
     */
    ScanRows withParent(String field, String id) {
        return withParent(field, id, Map.of());
    }

    /**
     * As {@link #withParent(String, String)}, and each object lacking a field named like a parameter sent gets the
     * value sent: a billing meter event summary has no {@code customer} field, yet its list was asked for one
     * customer ({@code GET /v1/billing/meters/mtr_1/event_summaries?customer=cus_1&...}).
     */
    ScanRows withParent(String field, String id, Map<String, String> sent) {
        return new ScanRows(
                shaper,
                pushed,
                context,
                Objects.requireNonNull(field),
                Objects.requireNonNull(id),
                sent,
                removed,
                removedTable,
                links);
    }

    /**
     * A copy that refuses an object lacking one of {@code removed}, fields a later API version removed that the
     * scan's conditions read: {@code where invoice = 'in_1'} on charges of API version 2025-03-31.basil or later,
     * which have no {@code invoice}, would silently match nothing. The error says where the value is now.
     */
    ScanRows withRemovedFields(ForeignTableDefinition table, Set<String> removed) {
        return withRemovedFields(table, removed, null);
    }

    /**
     * As {@link #withRemovedFields(ForeignTableDefinition, Set)}, but a removed field {@link InvoiceLinks} fills is
     * read from {@code links} instead of failing: {@code where invoice = 'in_1'} on basil's charges is answered.
     */
    ScanRows withRemovedFields(ForeignTableDefinition table, Set<String> removed, InvoiceLinks links) {
        if (removed.isEmpty()) {
            return this;
        }
        return new ScanRows(shaper, pushed, context, parentField, parentId, sent, removed, table, links);
    }

    /** The row of {@code object}, or null when it is no row of this scan. */
    Object[] row(Json object) {
        if (isDeletedMarker(object)) {
            return null;
        }
        String derived = null;
        Json derivedValue = null;
        if (!removed.isEmpty() && object != null && object.isObject()) {
            for (String field : removed) {
                if (object.get(field) != null) {
                    continue; // an older version's object carries it
                }
                if (links != null && InvoiceLinks.fills(removedTable.object().object(), field)) {
                    derived = field;
                    derivedValue = links.invoiceValue(object);
                    continue;
                }
                throw StripeJdbcException.unsupported("the condition on " + field + " of "
                        + removedTable.qualifiedName() + " cannot be answered: Stripe answered without that field. "
                        + MovedFields.removed(removedTable.object().object(), field)
                                .orElseThrow());
            }
        }
        Json shaped = parentField == null ? object : withParentKey(object);
        Object[] row = derived == null ? shaper.shape(shaped) : shaper.shape(shaped, derived, derivedValue);
        return pushed.hold(row, context) ? row : null;
    }

    /** The shaper, for the balance's entries. */
    RowShaper shaper() {
        return shaper;
    }

    private Json withParentKey(Json object) {
        if (object == null || !object.isObject()) {
            return object;
        }
        Map<String, Json> members = new LinkedHashMap<>(object.membersInArrivalOrder());
        members.put(parentField, Json.of(parentId));
        sent.forEach((name, value) -> members.putIfAbsent(name, Json.of(value)));
        return Json.of(members);
    }

    private static boolean isDeletedMarker(Json object) {
        if (object == null || !object.isObject()) {
            return false;
        }
        Json deleted = object.get("deleted");
        return deleted != null && Boolean.TRUE.equals(deleted.booleanValue());
    }
}
