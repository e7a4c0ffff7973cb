package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.stripe.UrlEncoding;
import org.stripejdbc.stripe.objects.StripeAction;

/**
 * One request an action statement will send, worked out before the first is sent: the action, the id of the object
 * and the form body (checked against the action's parameters).
 *
 * <p>{@link #describe()} is how a dry run shows it, on the wire form:
 * <pre>
 *   invoices finalize, "in_1", [auto_advance=false]        → POST /v1/invoices/in_1/finalize  auto_advance=false
 *   subscriptions cancel, "sub_1", [invoice_now=true]      → DELETE /v1/subscriptions/sub_1?invoice_now=true
 * </pre>
 *
 * @param action the action
 * @param id     the object it addresses (never null or empty)
 * @param body   the form pairs, in order (the query string of a DELETE)
 */
public record ActionRequest(StripeAction action, String id, List<Map.Entry<String, String>> body) {
    public ActionRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(id, "id");
        body = List.copyOf(Objects.requireNonNull(body, "body"));
    }

    /**
     * {@code POST /v1/invoices/in_1/finalize  <form body>}, as sent. Security: the text holds the values as
     * written; whoever shows it runs it through the catalog's {@code Redactor} (the dry run does).
     */
    public String describe() {
        String target = "/v1/" + action.pathBeforeId() + UrlEncoding.pathSegment(id) + action.pathAfterId();
        if (body.isEmpty()) {
            return action.method() + " " + target;
        }
        return action.method().equals("DELETE")
                ? action.method() + " " + target + "?" + UrlEncoding.form(body)
                : action.method() + " " + target + "  " + UrlEncoding.form(body);
    }
}
