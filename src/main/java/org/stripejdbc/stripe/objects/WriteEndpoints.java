package org.stripejdbc.stripe.objects;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stripejdbc.stripe.objects.ApiDescription.Operation;
import org.stripejdbc.stripe.objects.ApiDescription.Resource;

/**
 * The write endpoints the {@link ApiDescription} knows for one object path, with the parameters each accepts: the
 * driver checks every column and {@code attrs} key of an INSERT or UPDATE against them before any request.
 *
 * <p>Example, {@code customers}:
 * <pre>
 *   create  POST   /v1/customers       address, balance, description, email, metadata, name, ...
 *   update  POST   /v1/customers/{}    address, balance, default_source, description, email, metadata, ...
 *   delete  DELETE /v1/customers/{}
 * </pre>
 * Subscriptions are deleted by their {@code cancel} operation ({@code DELETE /v1/subscriptions/{}}): the delete
 * endpoint is the description's DELETE on the object's path, whatever its name. An object path the description
 * does not list ({@link #described()} false) has no known endpoints: the API decides, as upstream.
 *
 * @param described whether the description lists the object at all
 * @param create    {@code POST /v1/<path>}, if the API has it
 * @param update    {@code POST /v1/<path>/{}}, if the API has it
 * @param delete    {@code DELETE /v1/<path>/{}}, if the API has it
 */
public record WriteEndpoints(
        boolean described, Optional<Operation> create, Optional<Operation> update, Optional<Operation> delete) {
    private static final Map<String, WriteEndpoints> CACHE = new ConcurrentHashMap<>();

    /** The endpoints of the object at {@code path} ({@code customers}, {@code issuing/cards}), pinned description. */
    public static WriteEndpoints of(String path) {
        return CACHE.computeIfAbsent(path, p -> find(ApiDescription.pinned(), p));
    }

    /** The endpoint of a writing statement. */
    public Optional<Operation> endpoint(WriteRules.Operation operation) {
        return switch (operation) {
            case INSERT -> create;
            case UPDATE -> update;
            case DELETE -> delete;
        };
    }

    static WriteEndpoints find(ApiDescription description, String path) {
        Optional<Resource> resource = description.listedAt(path);
        if (resource.isEmpty()) {
            return new WriteEndpoints(false, Optional.empty(), Optional.empty(), Optional.empty());
        }
        String collection = "/v1/" + path;
        String one = collection + "/{}";
        Optional<Operation> create = operation(resource.get(), "POST", collection);
        Optional<Operation> update = operation(resource.get(), "POST", one);
        Optional<Operation> delete = operation(resource.get(), "DELETE", one);
        return new WriteEndpoints(true, create, update, delete);
    }

    private static Optional<Operation> operation(Resource resource, String method, String path) {
        return resource.operations().stream()
                .filter(o -> o.method().equals(method) && o.path().equals(path))
                .filter(o -> !o.kind().equals("list") && !o.kind().equals("retrieve"))
                .findFirst();
    }
}
