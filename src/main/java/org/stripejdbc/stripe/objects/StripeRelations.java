package org.stripejdbc.stripe.objects;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.stripe.objects.ApiDescription.Resource;

/**
 * The relations the {@link ApiDescription} records between tables: which columns of an object are expandable
 * references, and to which resource they point.
 *
 * <p>Example: {@code StripeRelations.references("charges")} maps {@code customer → customer},
 * {@code payment_intent → payment_intent}, {@code on_behalf_of → account}...; and
 * {@code StripeRelations.resourceName("customers")} is {@code customer}, so a catalog holding both tables reports
 * {@code charges.customer → customers.id}. A child table's parent key is a reference to its parent
 * ({@code invoice_line_items.invoice → invoices.id}).
 */
public final class StripeRelations {
    private static final Map<String, Map<String, String>> REFERENCES = new ConcurrentHashMap<>();

    private StripeRelations() {}

    /**
     * The resource name ({@code customer}) of the objects an API path ({@code customers}) holds, if described and
     * top-level: a child table ({@code customer_tax_ids}) is never the table a reference points to.
     */
    public static Optional<String> resourceName(String objectPath) {
        if (StripeObjects.byObject(objectPath).map(StripeObject::parent).isPresent()) {
            return Optional.empty();
        }
        return resource(objectPath).map(Resource::object);
    }

    /**
     * The expandable references of the objects at {@code objectPath}, field name → the resource name it points to,
     * in field order; empty when the path is not described.
     */
    public static Map<String, String> references(String objectPath) {
        return REFERENCES.computeIfAbsent(objectPath, StripeRelations::compute);
    }

    private static Map<String, String> compute(String objectPath) {
        Map<String, String> out = new LinkedHashMap<>();
        StripeObjects.byObject(objectPath)
                .map(StripeObject::parent)
                .ifPresent(parent -> out.put(parent.column(), parent.parentResource()));
        resource(objectPath).ifPresent(r -> {
            for (ApiField field : r.fields().values()) {
                if (field.references() != null && field.type().equals("string")) {
                    out.putIfAbsent(field.name(), field.references());
                }
            }
        });
        return Collections.unmodifiableMap(out);
    }

    private static Optional<Resource> resource(String objectPath) {
        Optional<StripeObject.ParentKey> parent =
                StripeObjects.byObject(objectPath).map(StripeObject::parent);
        if (parent.isPresent()) {
            return ApiDescription.pinned().resource(parent.get().childResource());
        }
        return ApiDescription.pinned().listedAt(objectPath);
    }
}
