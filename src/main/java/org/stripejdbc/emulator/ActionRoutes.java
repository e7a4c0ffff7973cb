package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.StripeAction;
import org.stripejdbc.stripe.objects.StripeActions;

/**
 * The action endpoints of the emulated objects ({@link StripeActions}: {@code POST /v1/invoices/<id>/finalize},
 * {@code POST /v1/test_helpers/refunds/<id>/expire}...). Parameters are checked against the action's as the API
 * does ({@code 400 Received unknown parameter: x}); the object must exist ({@code 404 No such invoice}). The common
 * actions change the object's state as Stripe does, and refuse as Stripe does where its status does not allow
 * them; every other action accepts and answers the object unchanged (its {@code metadata} merged when given).
 *
 * <pre>
 *   invoices        finalize            draft → open                            (else 400)
 *                   pay                 draft, open, uncollectible → paid        (else 400)
 *                   void                open, uncollectible → void               (else 400)
 *                   mark_uncollectible  open → uncollectible                    (else 400)
 *   subscriptions   resume              paused → active                          (else 400)
 *                   cancel              DELETE /v1/subscriptions/&lt;id&gt;: the subscription writer's delete
 *   payment_intents capture             requires_capture → succeeded             (else 400)
 *                   cancel              requires_* or processing → canceled      (else 400)
 *                   confirm             requires_confirmation/_payment_method/_action → succeeded, or
 *                                       requires_capture with capture_method manual (else 400)
 * </pre>
 * The actions that address no object or two ({@code POST /v1/invoices/create_preview},
 * {@code GET /v1/credit_notes/preview}, {@code POST /v1/customers/<id>/sources/<id>/verify}...) are answered by
 * {@link ObjectlessActions}, after the same parameter checks.
 */
final class ActionRoutes {
    private static final Set<String> CANCELABLE = Set.of(
            "requires_payment_method", "requires_capture", "requires_confirmation", "requires_action", "processing");
    private static final Set<String> CONFIRMABLE =
            Set.of("requires_confirmation", "requires_payment_method", "requires_action");

    /** An action request: the action, its object (null for an object without a table) and the ids in its path. */
    record Match(StripeAction action, EmulatedObject type, List<String> ids) {
        /** The one id of an action on one object. */
        String id() {
            return ids.get(0);
        }
    }

    private static final List<Route> ROUTES = routes();

    /** One action with its path split into segments ({@code {}} where an id goes). */
    private record Route(StripeAction action, EmulatedObject type, List<String> segments) {}

    private ActionRoutes() {}

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (EmulatedObject type : EmulatedObjects.all()) {
            for (StripeAction action : StripeActions.of(type.path())) {
                // Subscriptions' cancel is the DELETE of the object itself; GET /v1/account is the router's.
                boolean objectItself = action.ids() == 1 && action.pathAfterId().isEmpty();
                if (!objectItself && !action.path().equals("account")) {
                    routes.add(new Route(action, type, List.of(action.path().split("/", -1))));
                }
            }
        }
        for (String path : StripeActions.objectsWithoutTable()) {
            for (StripeAction action : StripeActions.of(path)) {
                routes.add(new Route(action, null, List.of(action.path().split("/", -1))));
            }
        }
        return List.copyOf(routes);
    }

    /** The action {@code method} on the path {@code segments} (after {@code /v1/}) addresses, if any. */
    static Optional<Match> match(String method, List<String> segments) {
        for (Route route : ROUTES) {
            if (!route.action().method().equals(method) || route.segments().size() != segments.size()) {
                continue;
            }
            List<String> ids = new ArrayList<>();
            boolean matches = true;
            for (int i = 0; i < segments.size() && matches; i++) {
                String expected = route.segments().get(i);
                if (expected.equals("{}")) {
                    String id = FormCodec.decodePathSegment(segments.get(i));
                    ids.add(id);
                    matches = !id.isEmpty();
                } else {
                    matches = expected.equals(segments.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(route.action(), route.type(), List.copyOf(ids)));
            }
        }
        return Optional.empty();
    }

    /** Runs the action: parameters checked, the object changed under the account's write lock, the answer. */
    static HttpAnswer answer(Match match, ApiRequest request, AccountData account) {
        Param.Schema.Builder schema = Param.Schema.builder();
        for (ApiParameter parameter : match.action().parameters().values()) {
            schema.add(parameter.name(), DescribedWriter.param(parameter));
        }
        ObjectNode parameters = schema.build().coerce(FormCodec.nest(request.allParameters()));
        for (ApiParameter parameter : match.action().parameters().values()) {
            if (parameter.required() && !parameters.has(parameter.name())) {
                throw ApiError.missingParameter(parameter.name()).exception();
            }
        }
        if (match.ids().size() != 1) {
            return ObjectlessActions.answer(match, parameters, request, account);
        }
        String path = match.type().path();
        ObjectNode answer = account.write(() -> {
            StoredObject existing = account.collection(path).get(match.id());
            if (existing == null) {
                throw ApiError.resourceMissing(match.type().objectType(), match.id(), "id")
                        .exception();
            }
            WriteContext context = new WriteContext(account, request);
            ObjectNode object = existing.tree();
            apply(match.action(), object, parameters, context.now());
            ObjectWriter.mergeMetadata(object, parameters.get("metadata"));
            account.replace(path, existing, object);
            return object;
        });
        return HttpAnswer.ok(answer);
    }

    private static void apply(StripeAction action, ObjectNode object, ObjectNode parameters, long now) {
        String status = object.path("status").asText();
        switch (action.objectPath() + " " + action.name()) {
            case "invoices finalize" -> {
                require(
                        status.equals("draft"),
                        "This invoice is already finalized, you can't re-finalize a " + "non-draft invoice.");
                object.put("status", "open");
                transition(object, "finalized_at", now);
                if (parameters.has("auto_advance")) {
                    object.set("auto_advance", parameters.get("auto_advance"));
                }
            }
            case "invoices pay" -> {
                require(
                        Set.of("draft", "open", "uncollectible").contains(status),
                        status.equals("paid") ? "Invoice is already paid" : "This invoice can no longer be paid.");
                object.put("status", "paid");
                object.set("amount_paid", object.path("amount_due").deepCopy());
                object.put("amount_remaining", 0);
                if (object.has("paid")) {
                    object.put("paid", true);
                }
                JsonNode outOfBand = parameters.get("paid_out_of_band");
                if (outOfBand != null && outOfBand.asBoolean()) {
                    object.put("paid_out_of_band", true);
                }
                transition(object, "paid_at", now);
            }
            case "invoices void" -> {
                require(
                        status.equals("open") || status.equals("uncollectible"),
                        "You can only void invoices that are open or uncollectible; this one is " + status + ".");
                object.put("status", "void");
                transition(object, "voided_at", now);
            }
            case "invoices mark_uncollectible" -> {
                require(
                        status.equals("open"),
                        "You can only mark open invoices as uncollectible; this one is " + status + ".");
                object.put("status", "uncollectible");
                transition(object, "marked_uncollectible_at", now);
            }
            case "subscriptions resume" -> {
                require(
                        status.equals("paused"),
                        "Only a paused subscription can be resumed; this one is " + status + ".");
                object.put("status", "active");
                object.putNull("pause_collection");
            }
            case "payment_intents capture" -> {
                requireIntent(status.equals("requires_capture"), "captured", status, "requires_capture");
                object.put("status", "succeeded");
                JsonNode amount = parameters.get("amount_to_capture");
                object.set(
                        "amount_received",
                        amount != null && !amount.isNull()
                                ? amount
                                : object.path("amount").deepCopy());
            }
            case "payment_intents cancel" -> {
                requireIntent(CANCELABLE.contains(status), "canceled", status, String.join(", ", sorted(CANCELABLE)));
                object.put("status", "canceled");
                object.put("canceled_at", now);
                JsonNode reason = parameters.get("cancellation_reason");
                object.set("cancellation_reason", reason == null ? object.nullNode() : reason);
            }
            case "payment_intents confirm" -> {
                requireIntent(
                        CONFIRMABLE.contains(status), "confirmed", status, String.join(", ", sorted(CONFIRMABLE)));
                boolean manual = object.path("capture_method").asText().startsWith("manual");
                object.put("status", manual ? "requires_capture" : "succeeded");
                if (!manual) {
                    object.set("amount_received", object.path("amount").deepCopy());
                }
            }
            default -> {
                // Accepted and not modelled: the object is answered as it is (metadata merged by the caller).
            }
        }
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static void transition(ObjectNode object, String field, long now) {
        JsonNode transitions = object.get("status_transitions");
        if (transitions instanceof ObjectNode node) {
            node.put(field, now);
        }
    }

    private static void require(boolean allowed, String message) {
        if (!allowed) {
            throw ApiError.invalidRequest(message, null).exception();
        }
    }

    private static void requireIntent(boolean allowed, String verb, String status, String expected) {
        if (!allowed) {
            throw new ApiError(
                            400,
                            "invalid_request_error",
                            "payment_intent_unexpected_state",
                            "This PaymentIntent could not be " + verb + " because it has a status of " + status
                                    + ". Only a PaymentIntent with one of the following statuses may be " + verb
                                    + ": " + expected + ".",
                            null,
                            false)
                    .exception();
        }
    }
}
