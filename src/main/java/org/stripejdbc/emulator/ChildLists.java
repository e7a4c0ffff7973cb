package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;

/**
 * The nested list endpoints of the registry's child tables ({@code GET /v1/invoices/in_1/lines}), served from the
 * parent's stored object: the list its field of the path's last segment holds ({@code lines} of an invoice,
 * {@code refunds} of an application fee, {@code reversals} of a transfer), paged by {@code limit} and
 * {@code starting_after}/{@code ending_before} as a list is; an empty list where the parent holds none. The lists
 * Stripe computes from their parameters (billing meter event summaries, account owners) come from
 * {@link ComputedChildLists}. An unknown parent is 404 {@code resource_missing}; a missing required parameter is 400
 * {@code Missing required param}; a parameter the pinned version's endpoint does not accept is 400
 * {@code Received unknown parameter}.
 */
final class ChildLists {
    private ChildLists() {}

    /** A nested list request: the child table's registry entry and the parent id. */
    record Match(StripeObject child, String parentId) {}

    /** The child list {@code segments} (the path after {@code /v1/}) name, if any. */
    static Optional<Match> match(List<String> segments) {
        for (StripeObject object : StripeObjects.all()) {
            if (object.parent() == null) {
                continue;
            }
            String[] template = object.object().split("/");
            if (template.length != segments.size()) {
                continue;
            }
            String id = null;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (template[i].startsWith("{")) {
                    id = FormCodec.decodePathSegment(segments.get(i));
                    matches = !id.isEmpty();
                } else {
                    matches = template[i].equals(segments.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(object, id));
            }
        }
        return Optional.empty();
    }

    /** The page of the parent's child list the query asks for, as a list object. */
    static ObjectNode list(Match match, List<Map.Entry<String, String>> query, AccountData account, String path) {
        StripeObject child = match.child();
        long limit = 10;
        String after = null;
        String before = null;
        for (Map.Entry<String, String> parameter : query) {
            String name = parameter.getKey();
            String base = name.contains("[") ? name.substring(0, name.indexOf('[')) : name;
            if (!child.listParameters().containsKey(base)) {
                throw ApiError.unknownParameter(name).exception();
            }
            switch (name) {
                case "limit" -> limit = limit(parameter.getValue());
                case "starting_after" -> after = parameter.getValue();
                case "ending_before" -> before = parameter.getValue();
                default -> {
                    // expand and the endpoint's filters: accepted; the scan checks its filters on every row.
                }
            }
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        query.forEach(parameter -> values.putIfAbsent(parameter.getKey(), parameter.getValue()));
        for (ApiParameter parameter : child.listParameters().values()) {
            if (parameter.required() && !values.containsKey(parameter.name())) {
                throw ApiError.missingParameter(parameter.name()).exception();
            }
        }
        List<JsonNode> all = children(match, values, account);
        int from = 0;
        int to = all.size();
        if (after != null) {
            from = indexOf(all, after) + 1;
        } else if (before != null) {
            to = Math.max(0, indexOf(all, before));
            from = (int) Math.max(0, to - limit);
        }
        int end = (int) Math.min(to, from + limit);
        ObjectNode out = SampleContext.object();
        out.put("object", "list");
        ArrayNode data = out.putArray("data");
        for (int i = from; i < end; i++) {
            data.add(all.get(i));
        }
        out.put("has_more", end < to);
        out.put("url", path);
        return out;
    }

    private static List<JsonNode> children(Match match, Map<String, String> query, AccountData account) {
        StripeObject.ParentKey parent = match.child().parent();
        if (EmulatedObjects.byPath(parent.parentPath()).isEmpty()) {
            return List.of();
        }
        StoredObject stored = account.collection(parent.parentPath()).get(match.parentId());
        if (stored == null) {
            throw ApiError.resourceMissing(parent.parentResource(), match.parentId(), "id")
                    .exception();
        }
        String object = match.child().object();
        Optional<List<JsonNode>> computed =
                ComputedChildLists.children(object, match.parentId(), stored.tree(), query, account);
        if (computed.isPresent()) {
            return computed.get();
        }
        String field = object.substring(object.lastIndexOf('/') + 1);
        JsonNode list = stored.tree().path(field).path("data");
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private static int indexOf(List<JsonNode> all, String id) {
        for (int i = 0; i < all.size(); i++) {
            if (id.equals(all.get(i).path("id").asText())) {
                return i;
            }
        }
        throw ApiError.invalidRequest("No such object: '" + id + "'", "starting_after")
                .exception();
    }

    private static long limit(String value) {
        try {
            long limit = Long.parseLong(value);
            if (limit >= 1 && limit <= 100) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the answer below
        }
        throw ApiError.invalidRequest("Invalid integer: " + value, "limit").exception();
    }
}
