package org.stripejdbc.stripe.objects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.stripejdbc.json.Json;

/**
 * The description of the Stripe API at one pinned version, read from the driver's resource
 * {@code api-description.json} (generated from stripe-java by the {@code api-description} Maven profile, see
 * {@code src/api-description}): every resource reached by a {@code /v1} endpoint, its top-level fields, and its
 * operations with their paths and parameters.
 *
 * <p>Example: {@code ApiDescription.pinned().resource("invoice")} has the operation
 * {@code list /v1/invoices} with the parameters {@code customer}, {@code status} (an enumeration),
 * {@code created} and {@code due_date} (ranges of Unix times)...; {@link StripeObjects} makes a table of every
 * resource with a top-level list endpoint. Read once, on first use (about 0.3 MB: a few tens of milliseconds).
 */
public final class ApiDescription {
    private static final String RESOURCE = "api-description.json";

    private final String apiVersion;
    private final String source;
    private final Map<String, Resource> resources;

    /** An endpoint of a resource: {@code list}, {@code retrieve}, {@code create}, {@code update}, {@code delete}, or
     * an action's name ({@code finalizeInvoice}); the path with {@code {}} where an id goes. */
    public record Operation(String kind, String method, String path, Map<String, ApiParameter> parameters) {
        public Operation {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** Whether the path needs a parent id ({@code /v1/invoices/{}/lines}). */
        public boolean nested() {
            return kind.equals("list") ? path.contains("{}") : path.indexOf("{}") < path.lastIndexOf("{}");
        }
    }

    /** One resource: its {@code object} name ({@code issuing.card}), fields by name (sorted) and operations. */
    public record Resource(String object, Map<String, ApiField> fields, List<Operation> operations) {
        public Resource {
            Objects.requireNonNull(object, "object");
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            operations = List.copyOf(operations);
        }

        /** The list endpoint that needs no parent id, if any ({@code GET /v1/issuing/cards}). */
        public Optional<Operation> topLevelList() {
            return operations.stream()
                    .filter(o -> o.kind().equals("list") && !o.nested())
                    .findFirst();
        }

        /** The operation of this kind on this path, if any. */
        public Optional<Operation> operation(String kind, String path) {
            return operations.stream()
                    .filter(o -> o.kind().equals(kind) && o.path().equals(path))
                    .findFirst();
        }
    }

    private ApiDescription(String apiVersion, String source, Map<String, Resource> resources) {
        this.apiVersion = apiVersion;
        this.source = source;
        this.resources = resources;
    }

    /** The description the driver was built with. */
    public static ApiDescription pinned() {
        return Pinned.DESCRIPTION;
    }

    private static final class Pinned {
        static final ApiDescription DESCRIPTION = load();
    }

    /** The API version it describes ({@code 2026-07-29.dahlia}), sent as {@code Stripe-Version} by its tables. */
    public String apiVersion() {
        return apiVersion;
    }

    /** The stripe-java release it was generated from ({@code stripe-java-33.3.0}). */
    public String source() {
        return source;
    }

    /** Every resource, by {@code object} name, sorted. */
    public Map<String, Resource> resources() {
        return resources;
    }

    /** The resource whose {@code object} name this is ({@code charge}). */
    public Optional<Resource> resource(String object) {
        return Optional.ofNullable(resources.get(object));
    }

    /** The resource listed by {@code GET /v1/<path>} ({@code issuing/cards}), if any. */
    public Optional<Resource> listedAt(String path) {
        String full = "/v1/" + path;
        return resources.values().stream()
                .filter(r -> r.operation("list", full).isPresent())
                .findFirst();
    }

    static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the driver's resource " + RESOURCE + " is missing");
            }
            return parse(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the driver's resource " + RESOURCE, e);
        }
    }

    private static ApiDescription parse(Json root) {
        Map<String, Resource> resources = new LinkedHashMap<>();
        for (Map.Entry<String, Json> entry :
                root.get("resources").membersInArrivalOrder().entrySet()) {
            Json body = entry.getValue();
            Map<String, ApiField> fields = new LinkedHashMap<>();
            for (Map.Entry<String, Json> field :
                    body.get("fields").membersInArrivalOrder().entrySet()) {
                Json f = field.getValue();
                fields.put(
                        field.getKey(),
                        new ApiField(
                                field.getKey(),
                                f.get("type").stringValue(),
                                strings(f.get("enum")),
                                text(f.get("expandable"))));
            }
            List<Operation> operations = new ArrayList<>();
            for (Map.Entry<String, Json> operation :
                    body.get("operations").membersInArrivalOrder().entrySet()) {
                String key = operation.getKey();
                String kind = key.substring(0, key.indexOf(' ')).replaceFirst("^action:", "");
                Json o = operation.getValue();
                operations.add(new Operation(
                        kind,
                        o.get("method").stringValue(),
                        o.get("path").stringValue(),
                        parameters(o.get("parameters"))));
            }
            resources.put(entry.getKey(), new Resource(entry.getKey(), fields, operations));
        }
        return new ApiDescription(
                root.get("api_version").stringValue(),
                root.get("source").stringValue(),
                java.util.Collections.unmodifiableMap(resources));
    }

    private static Map<String, ApiParameter> parameters(Json parameters) {
        Map<String, ApiParameter> out = new LinkedHashMap<>();
        if (parameters == null) {
            return out;
        }
        for (Map.Entry<String, Json> parameter :
                parameters.membersInArrivalOrder().entrySet()) {
            Json p = parameter.getValue();
            out.put(
                    parameter.getKey(),
                    new ApiParameter(
                            parameter.getKey(),
                            p.get("type").stringValue(),
                            strings(p.get("enum")),
                            p.hasKey("required"),
                            p.hasKey("range")));
        }
        return out;
    }

    private static List<String> strings(Json array) {
        return array == null
                ? List.of()
                : array.elements().stream().map(Json::stringValue).toList();
    }

    private static String text(Json value) {
        return value == null ? null : value.stringValue();
    }
}
