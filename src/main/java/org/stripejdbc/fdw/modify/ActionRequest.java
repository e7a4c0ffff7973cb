package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.stripe.UrlEncoding;
import org.stripejdbc.stripe.objects.StripeAction;

/**
 * One request an action statement will send, worked out before the first is sent: the action, the ids of the objects
 * it addresses (as many as its path takes: none, one or two) and the form pairs (checked against the action's
 * parameters).
 *
 * <p>{@link #describe()} is how a dry run shows it, on the wire form:
 * <pre>
 *   invoices finalize, ["in_1"], [auto_advance=false]     → POST /v1/invoices/in_1/finalize  auto_advance=false
 *   subscriptions cancel, ["sub_1"], [invoice_now=true]   → DELETE /v1/subscriptions/sub_1?invoice_now=true
 *   credit_notes preview, [], [invoice=in_1]              → GET /v1/credit_notes/preview?invoice=in_1
 *   customers verify_source, ["cus_1", "ba_1"], []        → POST /v1/customers/cus_1/sources/ba_1/verify
 * </pre>
 *
 * @param action the action
 * @param ids    the objects it addresses, in path order (never null or empty strings)
 * @param body   the form pairs, in order (the query string of a GET or DELETE)
 */
public record ActionRequest(StripeAction action, List<String> ids, List<Map.Entry<String, String>> body) {
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        ids = List.copyOf(Objects.requireNonNull(ids, "ids"));
        if (ids.size() != action.ids()) {
            throw new IllegalArgumentException(action.endpoint() + " takes " + action.ids() + " ids: " + ids);
        }
        body = List.copyOf(Objects.requireNonNull(body, "body"));
    }

    /** The object the row names: the last id ({@code ba_1} of a source's verify), or null when it addresses none. */
    public String id() {
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    /**
     * {@code POST /v1/invoices/in_1/finalize  <form body>}, as sent. Security: the text holds the values as
     * written; whoever shows it runs it through the catalog's {@code Redactor} (the dry run does).
     */
    public String describe() {
        String target = "/v1/" + action.path(ids, UrlEncoding::pathSegment);
        if (body.isEmpty()) {
            return action.method() + " " + target;
        }
        return action.method().equals("POST")
                ? action.method() + " " + target + "  " + UrlEncoding.form(body)
                : action.method() + " " + target + "?" + UrlEncoding.form(body);
    }
}
