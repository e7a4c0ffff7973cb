package org.stripejdbc.stripe.objects;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.stripe.objects.ApiDescription.Operation;
import org.stripejdbc.stripe.objects.ApiDescription.Resource;
import org.stripejdbc.stripe.objects.StripeObject.Shape;
import org.stripejdbc.types.SqlType;

/**
 * The objects made from the {@link ApiDescription}: one per resource with a list endpoint that needs no parent id,
 * except those of the original FDW ({@link StripeObjects} keeps its own overlay for them).
 *
 * <p>Example: the resource {@code issuing.card}, listed by {@code GET /v1/issuing/cards}, becomes the object
 * {@code issuing/cards}, table {@code issuing_cards}: its top-level scalar fields are columns (string and enum →
 * text, integer → bigint, boolean → boolean, Unix time → timestamp, decimal string → numeric, expandable reference
 * → text id), its list parameters that name a text or boolean column ({@code cardholder}, {@code status},
 * {@code type}...) are pushed as equalities, {@code created} as a range, and it sends the pinned version.
 */
final class DescribedObjects {
    /** Paging and expansion: the scan's, never a filter. */
    static final Set<String> PAGING = Set.of("limit", "starting_after", "ending_before", "expand");

    /** Table names that differ from the list path's ({@code /v1/invoiceitems} holds invoice items). */
    private static final Map<String, String> TABLE_NAMES = Map.of("invoiceitems", "invoice_items");

    private DescribedObjects() {}

    /** The described objects, sorted by path, leaving out {@code taken} paths. */
    static List<StripeObject> all(ApiDescription description, Set<String> taken) {
        List<StripeObject> out = new ArrayList<>();
        for (Resource resource : description.resources().values()) {
            Optional<Operation> list = resource.topLevelList();
            if (list.isEmpty()) {
                continue;
            }
            String path = list.get().path().substring("/v1/".length());
            if (taken.contains(path) || path.contains("/preview/")) {
                // A preview computes objects from its parameters (credit note lines): no table of stored objects.
                continue;
            }
            object(description, resource, list.get(), path).ifPresent(out::add);
        }
        out.sort((a, b) -> a.object().compareTo(b.object()));
        return out;
    }

    /** The object of one resource; empty when its list needs a parameter that no column can hold. */
    private static Optional<StripeObject> object(
            ApiDescription description, Resource resource, Operation list, String path) {
        List<StripeColumn> columns = columns(resource);
        List<String> pushable = new ArrayList<>();
        List<String> ranges = new ArrayList<>();
        String required = null;
        for (ApiParameter parameter : list.parameters().values()) {
            if (PAGING.contains(parameter.name())) {
                continue;
            }
            if (parameter.range() && parameter.type().equals("timestamp")) {
                ranges.add(parameter.name());
            } else if (isFilterColumn(columns, parameter)) {
                pushable.add(parameter.name());
            }
            if (parameter.required()) {
                if (required != null || !pushable.contains(parameter.name())) {
                    return Optional.empty();
                }
                required = parameter.name();
            }
        }
        String table = TABLE_NAMES.getOrDefault(path, path.replace('/', '_'));
        return Optional.of(new StripeObject(
                path,
                table,
                title(table),
                "Stripe's " + resource.object() + " objects, listed by GET /v1/" + path + ".",
                columns,
                pushable,
                Shape.STANDARD,
                true,
                resource.operation("retrieve", list.path() + "/{}").isPresent(),
                required,
                ranges,
                Map.of(),
                false,
                DescribedWrites.rules(path),
                list.parameters(),
                description.apiVersion()));
    }

    /** {@code id} first, then every top-level scalar field but {@code object}, by name. */
    static List<StripeColumn> columns(Resource resource) {
        List<StripeColumn> columns = new ArrayList<>();
        if (resource.fields().containsKey("id")) {
            columns.add(new StripeColumn("id", SqlType.TEXT));
        }
        for (ApiField field : resource.fields().values()) {
            SqlType type = sqlType(field);
            if (type != null && !field.name().equals("id") && !field.name().equals("object")) {
                columns.add(new StripeColumn(field.name(), type));
            }
        }
        return columns;
    }

    /** The column type of a scalar field, null for objects, arrays and nested lists (they stay in attrs). */
    static SqlType sqlType(ApiField field) {
        return switch (field.type()) {
            case "string" -> SqlType.TEXT;
            case "integer" -> SqlType.BIGINT;
            case "boolean" -> SqlType.BOOLEAN;
            case "timestamp" -> SqlType.TIMESTAMP;
            case "decimal", "number" -> SqlType.NUMERIC;
            default -> null;
        };
    }

    private static boolean isFilterColumn(List<StripeColumn> columns, ApiParameter parameter) {
        SqlType wanted = switch (parameter.type()) {
            case "string" -> SqlType.TEXT;
            case "boolean" -> SqlType.BOOLEAN;
            default -> null;
        };
        return wanted != null && columns.contains(new StripeColumn(parameter.name(), wanted));
    }

    static String title(String table) {
        StringBuilder out = new StringBuilder();
        for (String word : table.split("_")) {
            out.append(out.length() == 0 ? "" : " ")
                    .append(word.substring(0, 1).toUpperCase(Locale.ROOT))
                    .append(word.substring(1));
        }
        return out.toString();
    }
}
