package org.stripejdbc.fdw.modify;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.stripejdbc.stripe.UrlEncoding;

/**
 * One request a write will send, worked out before the first is sent: the statement kind, the id it addresses
 * (null for INSERT) and the form body (empty for DELETE).
 *
 * <p>{@link #describe(String)} is how a dry run ({@code EXPLAIN update ...}) shows it, on the wire form:
 * <pre>
 *   new WriteRequest(UPDATE, "cus_1", [description=x y])  → POST /v1/customers/cus_1  description=x+y
 *   new WriteRequest(DELETE, "cus_2", [])                 → DELETE /v1/customers/cus_2
 *   new WriteRequest(INSERT, null, [email=a@b.c])         → POST /v1/customers  email=a%40b.c
 * </pre>
 *
 * @param operation the statement kind
 * @param id        the object addressed (UPDATE, DELETE), or null (INSERT)
 * @param body      the form pairs, in order (shared by every row of a constant UPDATE)
 */
public record WriteRequest(ModifyOperation operation, String id, List<Map.Entry<String, String>> body) {
    public WriteRequest {
        Objects.requireNonNull(operation, "operation");
        body = List.copyOf(Objects.requireNonNull(body, "body"));
    }

    /** The HTTP method: POST, or DELETE for a DELETE. */
    public String method() {
        return operation == ModifyOperation.DELETE ? "DELETE" : "POST";
    }

    /**
     * {@code POST /v1/<objectPath>[/<id>]  <form body>}, as sent (the id as one encoded path segment, the body
     * form-encoded). Security: the text holds the values as written; whoever shows it runs it through the
     * catalog's {@code Redactor} (the dry run does).
     */
    public String describe(String objectPath) {
        String target = "/v1/" + objectPath + (id == null ? "" : "/" + UrlEncoding.pathSegment(id));
        String form = body.isEmpty() ? "" : "  " + UrlEncoding.form(body);
        return method() + " " + target + form;
    }
}
