package org.stripejdbc.stripe.objects;

import java.util.List;
import java.util.Objects;

/**
 * One top-level field of a resource of the {@link ApiDescription}: a charge's {@code customer} is
 * {@code ApiField("customer", "string", [], "customer")} (an expandable reference to a customer), its
 * {@code status} {@code ApiField("status", "string", [failed, pending, succeeded], null)}.
 *
 * @param name       the JSON name
 * @param type       {@code string}, {@code integer}, {@code boolean}, {@code timestamp} (Unix seconds),
 *                   {@code decimal} (a decimal string), {@code number}, {@code array}, {@code object} or {@code list}
 *                   (a nested list object, its first page)
 * @param allowed    the documented values of a string, empty when unknown or free
 * @param references the {@code object} name an expandable reference points to ({@code customer}), else null
 */
public record ApiField(String name, String type, List<String> allowed, String references) {
    public ApiField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
    }
}
