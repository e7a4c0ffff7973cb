package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.stripejdbc.stripe.objects.ApiDescription;
import org.stripejdbc.stripe.objects.ApiDescription.Operation;
import org.stripejdbc.stripe.objects.ApiParameter;
import org.stripejdbc.stripe.objects.WriteEndpoints;

/**
 * The writes of a described object without a hand-written writer: its create, update and delete endpoints as the
 * {@link ApiDescription} gives them ({@link WriteEndpoints}). Parameters are checked against the endpoint's as the
 * API does ({@code 400 Received unknown parameter: x}, enumerations, integers, booleans, metadata); a parameter
 * naming a field of the object sets it, others are accepted and not modelled. No business rule is emulated
 * (required parameters, references): a hand-written writer does that where a test needs it.
 *
 * <pre>
 *   POST   /v1/coupons        percent_off=10&amp;duration=once   → {"id":"...","object":"coupon","percent_off":10,...}
 *   POST   /v1/coupons/&lt;id&gt;   name=Ten                         → the coupon with name Ten
 *   POST   /v1/coupons        colour=red                        → 400 Received unknown parameter: colour
 *   DELETE /v1/coupons/&lt;id&gt;                                    → {"id":"...","object":"coupon","deleted":true}
 * </pre>
 * A missing endpoint ({@code POST /v1/events}) answers as Stripe does for an unknown URL.
 */
final class DescribedWriter implements ObjectWriter {
    private static final Param.Schema NONE = Param.Schema.builder().build();

    private final EmulatedObject type;
    private final ApiDescription.Resource resource;
    private final WriteEndpoints endpoints;
    private final Schemas schemas;

    private DescribedWriter(EmulatedObject type, ApiDescription.Resource resource, WriteEndpoints endpoints) {
        this.type = type;
        this.resource = resource;
        this.endpoints = endpoints;
        this.schemas = new Schemas(schema(endpoints.create()), schema(endpoints.update()), schema(endpoints.delete()));
    }

    /** The writer of {@code type}, if the description lists it. */
    static Optional<DescribedWriter> of(EmulatedObject type) {
        WriteEndpoints endpoints = WriteEndpoints.of(type.path());
        return ApiDescription.pinned()
                .listedAt(type.path())
                .map(resource -> new DescribedWriter(type, resource, endpoints));
    }

    /** Whether the API has the endpoint of this request ({@code method} on the collection or on one object). */
    boolean accepts(String method, boolean onObject) {
        Optional<Operation> endpoint =
                method.equals("DELETE") ? endpoints.delete() : onObject ? endpoints.update() : endpoints.create();
        return endpoint.isPresent();
    }

    private static Param.Schema schema(Optional<Operation> endpoint) {
        if (endpoint.isEmpty()) {
            return NONE;
        }
        Param.Schema.Builder builder = Param.Schema.builder();
        for (ApiParameter parameter : endpoint.get().parameters().values()) {
            builder.add(parameter.name(), param(parameter));
        }
        return builder.build();
    }

    /** The emulator's type of a described parameter (also for {@link ActionRoutes}). */
    static Param param(ApiParameter parameter) {
        if (parameter.name().equals("expand")) {
            return new Param.IgnoredParam();
        }
        if (parameter.name().equals("metadata")) {
            return new Param.MetadataParam();
        }
        return switch (parameter.type()) {
            case "string" ->
                parameter.allowed().isEmpty() ? new Param.StringParam() : new Param.EnumParam(parameter.allowed());
            case "integer", "timestamp" -> new Param.IntegerParam(null, null);
            case "boolean" -> new Param.BooleanParam();
            default -> new Param.AnyParam();
        };
    }

    @Override
    public Schemas schemas() {
        return schemas;
    }

    @Override
    public ObjectNode create(WriteContext context, ObjectNode parameters) {
        ObjectNode object = SampleContext.object();
        object.put("id", context.newId(type.path()));
        object.put("object", type.objectType());
        for (String field : resource.fields().keySet()) {
            if (!field.equals("id") && !field.equals("object")) {
                object.putNull(field);
            }
        }
        if (resource.fields().containsKey("created")) {
            object.put("created", context.now());
        }
        if (resource.fields().containsKey("livemode")) {
            object.put("livemode", false);
        }
        if (resource.fields().containsKey("metadata")) {
            object.putObject("metadata");
        }
        apply(object, parameters);
        context.create(type.path(), object);
        return object;
    }

    @Override
    public ObjectNode update(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode object = existing.tree();
        apply(object, parameters);
        context.account().replace(type.path(), existing, object);
        return object;
    }

    @Override
    public ObjectNode delete(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode stub = WriteContext.deleted(existing.id(), type.objectType());
        context.account().collection(type.path()).remove(existing.id(), null);
        return stub;
    }

    /** Sets every field a parameter names (metadata merged as Stripe does); other parameters are not modelled. */
    private void apply(ObjectNode object, ObjectNode parameters) {
        for (Map.Entry<String, JsonNode> parameter : parameters.properties()) {
            String name = parameter.getKey();
            if (name.equals("metadata")) {
                ObjectWriter.mergeMetadata(object, parameter.getValue());
            } else if (resource.fields().containsKey(name) && !name.equals("id") && !name.equals("object")) {
                object.set(name, parameter.getValue());
            }
        }
    }
}
