package org.stripejdbc.stripe.objects;

import java.util.List;
import java.util.Objects;

/**
 * One request parameter of an endpoint of the {@link ApiDescription}: {@code status} of {@code GET /v1/invoices}
 * is {@code ApiParameter("status", "string", [draft, open, paid, uncollectible, void], false, false)}, and its
 * {@code due_date} is a range ({@code due_date[gte]=...}) of Unix times.
 *
 * @param name     the form name ({@code due_date})
 * @param type     {@code string}, {@code integer}, {@code boolean}, {@code timestamp} (Unix seconds), {@code decimal},
 *                 {@code array} or {@code object}
 * @param allowed  the values the API accepts for a string, empty when any string is accepted
 * @param required whether the endpoint refuses a request without it
 * @param range    whether it also takes {@code [gt]}, {@code [gte]}, {@code [lt]}, {@code [lte]}
 */
public record ApiParameter(String name, String type, List<String> allowed, boolean required, boolean range) {
    public ApiParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
    }

    /** Whether {@code value} is a value the API accepts for this parameter (always, without an enumeration). */
    public boolean accepts(String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }
}
