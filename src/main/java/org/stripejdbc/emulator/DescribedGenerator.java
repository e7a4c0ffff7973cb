package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.ApiField;

/**
 * Sample data for every object made from the API description (no hand-written generator covers them), built from
 * the resource's field types: deterministic with the seed, on random streams of its own and after every
 * hand-written generator, so the hand-written data (objects, ids, events) stays exactly what it was.
 *
 * <p>Per field: {@code id} with the object's prefix, {@code object}, {@code created} in the last two years,
 * {@code livemode} false; an enumeration picks one of its values; a reference to a known object (an expandable field,
 * or a field named after an object such as {@code financial_account}) the id of an object of that kind generated
 * before; other strings, numbers, booleans and times plausible values; {@code metadata} an empty object, nested lists
 * an empty list object, other objects and arrays null and empty. Example: {@code subscription_items} get
 * {@code subscription} ids of the sample subscriptions, so {@code where subscription = 'sub_...'} finds them.
 * Invoice payments are derived from the invoices instead ({@link InvoicePayments}).
 */
final class DescribedGenerator {
    /** Objects per described object and account. */
    static final int COUNT = 3;

    private static final long DAY = 86_400;

    private final SampleContext context;
    private final IdFactory ids;
    private final Map<String, String> pathByObjectType = new HashMap<>();

    DescribedGenerator(SampleContext context) {
        this.context = context;
        this.ids = context.data.ids().sibling(context.random("described-ids"));
        for (EmulatedObject type : EmulatedObjects.all()) {
            pathByObjectType.put(type.objectType(), type.path());
        }
    }

    /**
     * Builds every described object first (so that each has its id), then fills the references, then stores them:
     * two described objects may refer to each other (identity verification sessions and reports).
     */
    void generate() {
        Map<EmulatedObject, List<ObjectNode>> built = new LinkedHashMap<>();
        Map<String, List<String>> described = new HashMap<>();
        for (EmulatedObject type : EmulatedObjects.all()) {
            if (type.meta().apiVersion() == null) {
                continue;
            }
            if (type.path().equals(InvoicePayments.PATH)) {
                // Derived from the invoices, so that they link invoices and charges (InvoicePayments).
                List<ObjectNode> derived = InvoicePayments.derive(context.data);
                derived.forEach(node -> context.data.store(
                        type.path(), node, node.path("created").asLong()));
                described.put(
                        type.path(),
                        derived.stream().map(n -> n.path("id").asText()).toList());
                continue;
            }
            ApiDescription.Resource resource = resource(type);
            SampleRandom random = context.random("described:" + type.path());
            List<ObjectNode> nodes = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                long created = context.timeline.end() - random.nextInt(700) * DAY - random.nextInt((int) DAY);
                ObjectNode node = SampleContext.object();
                node.put("id", ids.next(type));
                node.put("object", type.objectType());
                node.put("created", created);
                for (ApiField field : resource.fields().values()) {
                    if (!node.has(field.name()) && referencedPath(resource, field) == null) {
                        value(type, field, node, created, random, i);
                    }
                }
                nodes.add(node);
            }
            if (!resource.fields().containsKey("created")) {
                nodes.forEach(node -> node.remove("created"));
            }
            built.put(type, nodes);
            described.put(
                    type.path(), nodes.stream().map(n -> n.path("id").asText()).toList());
        }
        for (Map.Entry<EmulatedObject, List<ObjectNode>> entry : built.entrySet()) {
            EmulatedObject type = entry.getKey();
            ApiDescription.Resource resource = resource(type);
            SampleRandom random = context.random("described-references:" + type.path());
            for (ObjectNode node : entry.getValue()) {
                for (ApiField field : resource.fields().values()) {
                    String path = referencedPath(resource, field);
                    if (path != null && !field.name().equals("id")) {
                        List<String> candidates = described.containsKey(path) ? described.get(path) : stored(path);
                        node.put(field.name(), candidates.isEmpty() ? null : random.pick(candidates));
                    }
                }
                long created = node.path("created").asLong(context.timeline.end());
                context.data.store(type.path(), node, created);
            }
        }
    }

    /** The ids of the newest stored objects of a hand-written kind (customers, subscriptions...). */
    private List<String> stored(String path) {
        return context.data.collection(path).list(ListQuery.all(ListQuery.MAXIMUM_LIMIT)).data().stream()
                .map(StoredObject::id)
                .toList();
    }

    private static ApiDescription.Resource resource(EmulatedObject type) {
        return ApiDescription.pinned().resource(type.objectType()).orElseThrow();
    }

    /**
     * The path of the object a string field refers to: its expandable target, else an object named like the field
     * ({@code financial_account} → treasury financial accounts), preferring the resource's own namespace.
     */
    private String referencedPath(ApiDescription.Resource resource, ApiField field) {
        if (!field.type().equals("string") || field.name().equals("id")) {
            return null;
        }
        if (field.references() != null) {
            return pathByObjectType.get(field.references());
        }
        String namespace = resource.object().contains(".")
                ? resource.object().substring(0, resource.object().indexOf('.') + 1)
                : "";
        String own = pathByObjectType.get(namespace + field.name());
        return own != null ? own : pathByObjectType.get(field.name());
    }

    private void value(
            EmulatedObject type, ApiField field, ObjectNode node, long created, SampleRandom random, int index) {
        String name = field.name();
        switch (field.type()) {
            case "string" -> {
                if (!allowed(type, field).isEmpty()) {
                    node.put(name, random.pick(allowed(type, field)));
                } else {
                    node.put(name, text(type, name, random, index));
                }
            }
            case "integer" -> node.put(name, 100L * (1 + random.nextInt(500)));
            case "boolean" -> node.put(name, !name.equals("livemode") && !name.equals("deleted") && random.chance(0.5));
            case "timestamp" -> node.put(name, name.equals("created") ? created : created + random.nextInt(60) * DAY);
            case "decimal" -> node.put(name, (1 + random.nextInt(9999)) / 100 + "." + random.nextInt(10) + "0");
            case "number" -> node.put(name, (1 + random.nextInt(9999)) / 100.0);
            case "list" -> {
                ObjectNode list = node.putObject(name);
                list.put("object", "list");
                list.putArray("data");
                list.put("has_more", false);
                list.put("url", "/v1/" + type.path() + "/" + node.path("id").asText() + "/" + name);
            }
            case "array" -> node.putArray(name);
            default -> {
                if (name.equals("metadata")) {
                    node.putObject(name);
                } else {
                    node.putNull(name);
                }
            }
        }
    }

    /**
     * The values an enumerated field takes: those its list parameter also accepts, so that filtering by any sample
     * value is a valid request (a billing alert's {@code alert_type}).
     */
    private static List<String> allowed(EmulatedObject type, ApiField field) {
        List<String> filterable =
                type.meta().listParameter(field.name()).map(p -> p.allowed()).orElse(List.of());
        if (filterable.isEmpty()) {
            return field.allowed();
        }
        List<String> both =
                field.allowed().stream().filter(filterable::contains).toList();
        return both.isEmpty() ? filterable : both;
    }

    /** A plausible string for a free text field. */
    private static String text(EmulatedObject type, String name, SampleRandom random, int index) {
        return switch (name) {
            case "currency", "default_currency" -> "usd";
            case "country" -> "US";
            case "email" -> type.objectType().replace('.', '-') + (index + 1) + "@example.com";
            case "last4" -> String.format("%04d", random.nextInt(10_000));
            default -> {
                if (name.equals("url") || name.endsWith("_url")) {
                    yield "https://example.com/" + type.path() + "/" + (index + 1);
                }
                yield name + " " + (index + 1);
            }
        };
    }
}
