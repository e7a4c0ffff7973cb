package org.stripejdbc.stripe.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.stripe.objects.ApiDescription.Operation;
import org.stripejdbc.stripe.objects.ApiDescription.Resource;
import org.stripejdbc.stripe.objects.StripeObject.ParentKey;
import org.stripejdbc.stripe.objects.StripeObject.Shape;
import org.stripejdbc.types.SqlType;

/**
 * The child tables of the {@link ApiDescription}: one per nested list endpoint whose only required parameter is its
 * parent's id, carrying that id as its parent key column.
 *
 * <p>Example: {@code GET /v1/invoices/{}/lines} lists {@code line_item}s: the object
 * {@code invoices/{invoice}/lines}, table {@code invoice_line_items}, columns {@code id}, {@code invoice} (the
 * parent key, filled from the request when the item lacks it), then the item's scalar fields. A scan takes the
 * parent key from {@code invoice = 'in_1'}, {@code invoice IN (...)} or a keyed join (one list walk per key);
 * without one it walks {@code GET /v1/invoices} and then each invoice's lines. The invoice's own
 * {@code lines} field holds only its first page and is never read for them.
 *
 * <p>Table names: the parent key, then the path's last segment ({@code lines} read as {@code line_items}), unless
 * that segment already starts with the parent key: {@code customer_tax_ids}, {@code application_fee_refunds},
 * {@code transfer_reversals}, {@code source_transactions}.
 *
 * <p>Further required parameters come from conditions: {@code GET /v1/billing/meters/{}/event_summaries} needs
 * {@code customer}, {@code start_time} and {@code end_time}, and
 * {@code GET /v1/financial_connections/accounts/{}/owners} needs {@code ownership}. A required parameter that no
 * field holds is a column of its own, filled from the request ({@code billing_meter_event_summaries.customer}, and
 * then also the optional text parameters: {@code value_grouping_window}); a Unix time parameter taken as one value
 * ({@code start_time}) is pushed from a timestamp condition. A scan without them is refused before any request,
 * naming the missing ones.
 */
final class ChildObjects {
    private ChildObjects() {}

    static List<StripeObject> all(ApiDescription description) {
        List<StripeObject> out = new ArrayList<>();
        for (Resource resource : description.resources().values()) {
            for (Operation operation : resource.operations()) {
                if (operation.kind().equals("list") && operation.nested()) {
                    child(description, resource, operation).ifPresent(out::add);
                }
            }
        }
        out.sort((a, b) -> a.tableName().compareTo(b.tableName()));
        return out;
    }

    private static Optional<StripeObject> child(ApiDescription description, Resource resource, Operation list) {
        String path = list.path().substring("/v1/".length());
        int hole = path.indexOf("/{}/");
        if (hole < 0 || path.indexOf("{}", hole + 4) >= 0) {
            return Optional.empty();
        }
        String parentPath = path.substring(0, hole);
        String suffix = path.substring(hole + 4);
        Optional<Resource> parent = parentOf(description, parentPath);
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        List<StripeColumn> fields = DescribedObjects.columns(resource);
        List<StripeColumn> parameterColumns = new ArrayList<>();
        for (ApiParameter parameter : list.parameters().values()) {
            if (!parameter.required() || DescribedObjects.PAGING.contains(parameter.name())) {
                continue;
            }
            SqlType type = parameterType(parameter);
            Optional<StripeColumn> field = fields.stream()
                    .filter(c -> c.name().equals(parameter.name()))
                    .findFirst();
            if (type == null || field.isPresent() && field.get().type() != type) {
                return Optional.empty();
            }
            if (field.isEmpty()) {
                parameterColumns.add(new StripeColumn(parameter.name(), type));
            }
        }
        if (!parameterColumns.isEmpty()) {
            // The optional text parameters no field holds become columns as well (value_grouping_window).
            for (ApiParameter parameter : list.parameters().values()) {
                if (!parameter.required()
                        && !DescribedObjects.PAGING.contains(parameter.name())
                        && parameterType(parameter) == SqlType.TEXT
                        && fields.stream().noneMatch(c -> c.name().equals(parameter.name()))) {
                    parameterColumns.add(new StripeColumn(parameter.name(), SqlType.TEXT));
                }
            }
        }
        String key = parent.get().object().replace('.', '_');
        String last = suffix.replace('/', '_').equals("lines") ? "line_items" : suffix.replace('/', '_');
        String table = last.startsWith(key + "_") ? last : key + "_" + last;
        boolean walkable = parent.get()
                .topLevelList()
                .filter(o -> o.parameters().values().stream().noneMatch(ApiParameter::required))
                .isPresent();

        List<StripeColumn> columns = new ArrayList<>();
        fields.stream().filter(c -> c.name().equals("id")).forEach(columns::add);
        columns.add(new StripeColumn(key, SqlType.TEXT));
        columns.addAll(parameterColumns);
        fields.stream()
                .filter(c -> !c.name().equals("id") && !c.name().equals(key))
                .forEach(columns::add);
        List<String> pushable = new ArrayList<>(List.of(key));
        List<String> ranges = new ArrayList<>();
        for (ApiParameter parameter : list.parameters().values()) {
            if (DescribedObjects.PAGING.contains(parameter.name())) {
                continue;
            }
            if (parameter.range() && parameter.type().equals("timestamp")) {
                ranges.add(parameter.name());
            } else if (parameterType(parameter) != null
                    && columns.contains(new StripeColumn(parameter.name(), parameterType(parameter)))) {
                pushable.add(parameter.name());
            }
        }
        String object = parentPath + "/{" + key + "}/" + suffix;
        return Optional.of(new StripeObject(
                object,
                table,
                DescribedObjects.title(table),
                "Stripe's " + resource.object() + " objects of one "
                        + parent.get().object() + ", listed by GET "
                        + list.path().replace("{}", "{" + key + "}") + ".",
                columns,
                pushable,
                Shape.STANDARD,
                true,
                false,
                walkable ? null : key,
                ranges,
                Map.of(),
                false,
                WriteRules.DEFAULT,
                list.parameters(),
                description.apiVersion(),
                new ParentKey(key, parentPath, parent.get().object(), resource.object(), walkable)));
    }

    /**
     * The column type that holds a value of a parameter a condition can give: text for a string, timestamp for a
     * Unix time taken as one value (not a range); null for others (objects, arrays, ranges).
     */
    private static SqlType parameterType(ApiParameter parameter) {
        return switch (parameter.type()) {
            case "string" -> SqlType.TEXT;
            case "timestamp" -> parameter.range() ? null : SqlType.TIMESTAMP;
            default -> null;
        };
    }

    /** The resource a parent path holds: the one retrieved at {@code /v1/<parentPath>/{}}, else listed there. */
    private static Optional<Resource> parentOf(ApiDescription description, String parentPath) {
        String retrieve = "/v1/" + parentPath + "/{}";
        for (Resource r : description.resources().values()) {
            if (r.operation("retrieve", retrieve).isPresent()) {
                return Optional.of(r);
            }
        }
        return description.listedAt(parentPath);
    }
}
