package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.List;
import org.stripejdbc.fdw.RequestSet.QueryParameter;
import org.stripejdbc.fdw.RequestSet.RequestValue;
import org.stripejdbc.stripe.objects.StripeObject.ParentKey;

/**
 * EXPLAIN's lines for a child table's scan ({@link ChildListScanIterator}):
 * <pre>
 * Foreign Scan on stripe.invoice_line_items                     (invoice IN ('in_1', 'in_2'))
 *   Request: GET /v1/invoices/in_1/lines?limit=100
 *   Request: GET /v1/invoices/in_2/lines?limit=100
 *   Requests: unbounded (one list walk per invoice key, one after the other, pages of 100, starting_after = last
 *             id while has_more)
 *
 * Foreign Scan on stripe.invoice_line_items                     (no invoice key)
 *   Request: GET /v1/invoices?limit=100
 *   Request: GET /v1/invoices/&lt;each invoice id&gt;/lines?limit=100
 *   Requests: unbounded (no invoice key: walks the invoice list, then each invoice's list, pages of 100,
 *             starting_after = last id while has_more)
 * </pre>
 */
final class ChildScanText {
    private ChildScanText() {}

    static void explain(
            RequestSet.ListWalks walks,
            String objectPath,
            ParentKey parent,
            boolean paged,
            long limit,
            List<String> lines) {
        long firstPage = limit >= 0 ? Math.min(ListScanIterator.MAX_PAGE_SIZE, limit) : ListScanIterator.MAX_PAGE_SIZE;
        String pages = limit >= 0 ? "stops after LIMIT " + limit + " rows, pages of up to " + firstPage : "unbounded";
        if (ChildListScanIterator.isKeyed(walks.walks(), parent)) {
            for (List<QueryParameter> walk : walks.walks()) {
                RequestValue id =
                        ChildListScanIterator.parentParameter(walk, parent).value();
                String segment =
                        id.placeholder() ? "<each element of " + id.text() + ">" : RequestText.pathSegment(id.text());
                lines.add("  Request: "
                        + RequestText.list(
                                parent.childPath(objectPath, segment), query(walk, parent, paged ? firstPage : -1)));
            }
            lines.add("  Requests: " + pages + " (one list walk per " + parent.column()
                    + " key, one after the other, starting_after = last id while has_more)");
            return;
        }
        lines.add("  Request: " + RequestText.list(parent.parentPath(), List.of(QueryParameter.of("limit", "100"))));
        lines.add("  Request: "
                + RequestText.list(
                        parent.childPath(objectPath, "<each " + parent.column() + " id>"),
                        query(walks.walks().get(0), parent, paged ? firstPage : -1)));
        lines.add("  Requests: " + pages + " (no " + parent.column() + " key: walks the " + parent.parentPath()
                + " list, then each one's list, starting_after = last id while has_more)");
    }

    private static List<QueryParameter> query(List<QueryParameter> walk, ParentKey parent, long limit) {
        List<QueryParameter> out = new ArrayList<>(ChildListScanIterator.childQuery(walk, parent));
        if (limit >= 0) {
            out.add(QueryParameter.of("limit", Long.toString(limit))); // -1: a list without paging
        }
        return out;
    }
}
