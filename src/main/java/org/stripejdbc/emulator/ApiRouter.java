package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps a request to what Stripe would answer, for one account.
 *
 * <pre>
 *   GET    /v1/balance                      the balance (no parameters but expand)
 *   GET    /v1/account                      the account itself
 *   GET    /v1/&lt;path&gt;                        list (404 "Unrecognized request URL" for tokens and mandates)
 *   GET    /v1/&lt;path&gt;/&lt;id&gt;                   retrieve (404 resource_missing, param id)
 *   GET    /v1/&lt;path&gt;/&lt;id&gt;/&lt;child&gt;           a child table's nested list ({@link ChildLists})
 *   GET    /v1/&lt;path&gt;/search                 search, for the seven searchable objects ({@link SearchEndpoint})
 *   POST   /v1/&lt;path&gt;                        create  } customers, products, subscriptions by hand-written
 *   POST   /v1/&lt;path&gt;/&lt;id&gt;                   update  } writers; other objects by DescribedWriter where the
 *   DELETE /v1/&lt;path&gt;/&lt;id&gt;                   delete  } API description has the endpoint, else 400
 *   POST   /v1/&lt;path&gt;/&lt;id&gt;/&lt;action&gt;          an action of the description ({@link ActionRoutes})
 * </pre>
 * {@code <path>} may hold a slash ({@code checkout/sessions}, {@code billing/meters}). The id segment is
 * percent-decoded exactly once: {@code /v1/customers/..%2Fbalance} retrieves the customer {@code ../balance}.
 */
final class ApiRouter {
    private static final String PREFIX = "/v1/";
    private static final Map<String, ObjectWriter> WRITERS = Map.of(
            "customers",
            new CustomerWriter(),
            "products",
            new ProductWriter(),
            "subscriptions",
            new SubscriptionWriter());
    private static final byte[] LIST_START = "{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.UTF_8);

    /** A resolved path: the object and the id (null for the collection). */
    private record Target(EmulatedObject type, String id) {}

    private final FaultInjector faults;

    ApiRouter(FaultInjector faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    HttpAnswer route(ApiRequest request, AccountData account) {
        String method = request.method();
        String path = request.rawPath();
        if (!path.startsWith(PREFIX)) {
            throw ApiError.unrecognizedUrl(method, path).exception();
        }
        List<String> segments = List.of(path.substring(PREFIX.length()).split("/", -1));
        if (segments.size() == 1 && segments.get(0).equals("balance")) {
            requireGet(request);
            onlyExpand(request.query());
            return HttpAnswer.ok(account.read(account::balance));
        }
        if (segments.size() == 1 && segments.get(0).equals("account")) {
            requireGet(request);
            onlyExpand(request.query());
            return HttpAnswer.ok(account.account());
        }
        Optional<String> searched = SearchEndpoint.resource(method, path);
        if (searched.isPresent()) {
            return SearchEndpoint.search(searched.get(), request, account, faults.ignoreListFilters());
        }
        Optional<ChildLists.Match> child = ChildLists.match(segments);
        if (child.isPresent()) {
            requireGet(request);
            return HttpAnswer.ok(account.read(() -> ChildLists.list(child.get(), request.query(), account, path)));
        }
        Optional<ActionRoutes.Match> action = ActionRoutes.match(method, segments);
        if (action.isPresent()) {
            return ActionRoutes.answer(action.get(), request, account);
        }
        Target target = target(segments)
                .orElseThrow(() -> ApiError.unrecognizedUrl(method, path).exception());
        EmulatedObject type = target.type();
        switch (method) {
            case "GET":
                if (target.id() == null) {
                    if (!type.meta().listable()) {
                        throw ApiError.unrecognizedUrl(method, path).exception();
                    }
                    return list(type, request, account);
                }
                if (!type.meta().retrievable()) {
                    throw ApiError.unrecognizedUrl(method, path).exception();
                }
                return retrieve(type, target.id(), request, account);
            case "POST":
            case "DELETE":
                return write(type, target.id(), request, account);
            default:
                throw ApiError.unrecognizedUrl(method, path).exception();
        }
    }

    private static Optional<Target> target(List<String> segments) {
        EmulatedObject type = null;
        int used = 0;
        if (segments.size() >= 2) {
            type = EmulatedObjects.byPath(segments.get(0) + "/" + segments.get(1))
                    .orElse(null);
            used = 2;
        }
        if (type == null) {
            type = EmulatedObjects.byPath(segments.get(0))
                    .filter(t -> !t.path().equals("balance"))
                    .orElse(null);
            used = 1;
        }
        if (type == null || segments.size() > used + 1) {
            return Optional.empty();
        }
        if (segments.size() == used) {
            return Optional.of(new Target(type, null));
        }
        String id = FormCodec.decodePathSegment(segments.get(used));
        return id.isEmpty() ? Optional.empty() : Optional.of(new Target(type, id));
    }

    private static void requireGet(ApiRequest request) {
        if (!request.method().equals("GET")) {
            throw ApiError.unrecognizedUrl(request.method(), request.rawPath()).exception();
        }
    }

    private static void onlyExpand(List<Map.Entry<String, String>> parameters) {
        for (Map.Entry<String, String> parameter : parameters) {
            String name = parameter.getKey();
            if (!name.equals("expand") && !name.startsWith("expand[")) {
                throw ApiError.unknownParameter(name).exception();
            }
        }
    }

    private HttpAnswer list(EmulatedObject type, ApiRequest request, AccountData account) {
        ListQuery parsed = ListQueryParser.parse(type, request.query());
        ListQuery query = faults.ignoreListFilters() ? parsed.withoutFilters() : parsed;
        ObjectCollection.Page page =
                account.read(() -> account.collection(type.path()).list(query));
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + page.data().size() * 1024);
        body.writeBytes(LIST_START);
        for (int i = 0; i < page.data().size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(VersionShape.forVersion(type, page.data().get(i).json(), request.apiVersion()));
        }
        body.writeBytes(("],\"has_more\":" + page.hasMore() + ",\"url\":\"/v1/" + type.path() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return HttpAnswer.ok(body.toByteArray());
    }

    private static HttpAnswer retrieve(EmulatedObject type, String id, ApiRequest request, AccountData account) {
        onlyExpand(request.query());
        byte[] body = account.read(() -> {
            ObjectCollection collection = account.collection(type.path());
            StoredObject object = collection.get(id);
            return object != null ? object.json() : collection.tombstone(id);
        });
        if (body == null) {
            throw ApiError.resourceMissing(type.objectType(), id, "id").exception();
        }
        return HttpAnswer.ok(VersionShape.forVersion(type, body, request.apiVersion()));
    }

    private static HttpAnswer write(EmulatedObject type, String id, ApiRequest request, AccountData account) {
        String method = request.method();
        if (method.equals("DELETE") && id == null) {
            throw ApiError.unrecognizedUrl(method, request.rawPath()).exception();
        }
        ObjectWriter writer = writer(type, method, id != null)
                .orElseThrow(() ->
                        ApiError.writeNotAllowed(method, request.rawPath()).exception());
        ObjectNode raw = FormCodec.nest(request.allParameters());
        ObjectWriter.Schemas schemas = writer.schemas();
        Param.Schema schema =
                method.equals("DELETE") ? schemas.delete() : id == null ? schemas.create() : schemas.update();
        ObjectNode parameters = schema.coerce(raw);
        ObjectNode answer = account.write(() -> {
            WriteContext context = new WriteContext(account, request);
            if (id == null) {
                return writer.create(context, parameters);
            }
            StoredObject existing = account.collection(type.path()).get(id);
            if (existing == null) {
                throw ApiError.resourceMissing(type.objectType(), id, "id").exception();
            }
            return method.equals("DELETE")
                    ? writer.delete(context, existing, parameters)
                    : writer.update(context, existing, parameters);
        });
        // A write is answered in the request's version's shape too, as a retrieve is
        return HttpAnswer.ok(VersionShape.forVersion(type, EmulatorJson.bytes(answer), request.apiVersion()));
    }

    /**
     * The hand-written writer of the object, else the description's endpoints ({@link DescribedWriter}), checked
     * as the API checks them; empty when the API has no such endpoint.
     */
    private static Optional<ObjectWriter> writer(EmulatedObject type, String method, boolean onObject) {
        ObjectWriter handWritten = WRITERS.get(type.path());
        if (handWritten != null) {
            return Optional.of(handWritten);
        }
        return DescribedWriter.of(type).filter(w -> w.accepts(method, onObject)).map(w -> w);
    }

    /** The fingerprint Stripe compares for a reused idempotency key: method, path and parameters. */
    static String fingerprint(ApiRequest request) {
        List<String> parts = new ArrayList<>();
        parts.add(request.method());
        parts.add(request.rawPath());
        for (Map.Entry<String, String> parameter : request.allParameters()) {
            parts.add(parameter.getKey() + "=" + parameter.getValue());
        }
        return String.join("\n", parts);
    }
}
