package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Writes to products. Create needs {@code name} and may choose the {@code id} (an id already in use is
 * {@code 400 resource_already_exists}); update may set {@code default_price} to one of the product's own prices;
 * every update moves {@code updated} to now. Delete works only for a product without prices, as on Stripe
 * ({@code This product cannot be deleted because it has one or more user-created prices.}); a deleted product is
 * gone ({@code 404} afterwards).
 *
 * <p>Example: {@code POST /v1/products} with {@code name=Gold&active=false} answers
 * {@code {"id":"prod_...","object":"product","name":"Gold","active":false,...}}.
 */
final class ProductWriter implements ObjectWriter {
    private static final Param.Schema CREATE =
            common().add("id", new Param.StringParam()).build();
    private static final Param.Schema UPDATE =
            common().add("default_price", new Param.StringParam()).build();
    private static final Param.Schema DELETE =
            Param.Schema.builder().add("expand", new Param.IgnoredParam()).build();

    private static Param.Schema.Builder common() {
        return Param.Schema.builder()
                .booleans("active", "shippable")
                .strings("description", "name", "statement_descriptor", "tax_code", "unit_label", "url")
                .add("images", Param.stringArray())
                .add("metadata", new Param.MetadataParam())
                .add("expand", new Param.IgnoredParam());
    }

    private static final Schemas SCHEMAS = new Schemas(CREATE, UPDATE, DELETE);

    @Override
    public Schemas schemas() {
        return SCHEMAS;
    }

    @Override
    public ObjectNode create(WriteContext context, ObjectNode parameters) {
        if (!parameters.has("name")) {
            throw ApiError.missingParameter("name").exception();
        }
        ObjectCollection products = context.account().collection("products");
        String id = ObjectWriter.text(parameters, "id");
        if (parameters.has("id") && id == null) {
            throw ApiError.cannotUnset("id").exception();
        }
        if (id != null && (products.get(id) != null || products.tombstone(id) != null)) {
            throw new ApiError(
                            400,
                            "invalid_request_error",
                            "resource_already_exists",
                            "Product already exists.",
                            "id",
                            false)
                    .exception();
        }
        ObjectNode product = SampleContext.object();
        product.put("id", id != null ? id : context.newId("products"));
        product.put("object", "product");
        product.put("active", true);
        product.putArray("attributes");
        product.put("created", context.now());
        product.putNull("default_price");
        product.putNull("description");
        product.putArray("images");
        product.put("livemode", false);
        product.putArray("marketing_features");
        product.putObject("metadata");
        product.putNull("name");
        product.putNull("package_dimensions");
        product.putNull("shippable");
        product.putNull("statement_descriptor");
        product.putNull("tax_code");
        product.put("type", "service");
        product.putNull("unit_label");
        product.put("updated", context.now());
        product.putNull("url");
        apply(product, parameters);
        context.create("products", product);
        context.emit("product.created", product.deepCopy(), null);
        return product;
    }

    @Override
    public ObjectNode update(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode product = existing.tree();
        ObjectNode before = product.deepCopy();
        if (parameters.has("default_price")) {
            String price = ObjectWriter.text(parameters, "default_price");
            if (price != null) {
                StoredObject stored = context.account().collection("prices").get(price);
                if (stored == null) {
                    throw ApiError.resourceMissing("price", price, "default_price")
                            .exception();
                }
                if (!stored.tree().path("product").asText().equals(existing.id())) {
                    throw ApiError.invalidRequest(
                                    "The price '" + price + "' does not belong to product '" + existing.id() + "'.",
                                    "default_price")
                            .exception();
                }
            }
            product.put("default_price", price);
        }
        apply(product, parameters);
        product.put("updated", Math.max(context.now(), product.path("created").asLong()));
        context.account().replace("products", existing, product);
        context.emit("product.updated", product.deepCopy(), CustomerWriter.previousAttributes(before, parameters));
        return product;
    }

    @Override
    public ObjectNode delete(WriteContext context, StoredObject existing, ObjectNode parameters) {
        int filter = context.account().collection("prices").type().filterIndex("product");
        ListQuery anyPrice = new ListQuery(
                1,
                null,
                null,
                List.of(new ListQuery.Condition(filter, Set.of(existing.id()), null)),
                Long.MIN_VALUE,
                Long.MAX_VALUE);
        if (!context.account().collection("prices").list(anyPrice).data().isEmpty()) {
            throw ApiError.invalidRequest(
                            "This product cannot be deleted because it has one or more user-created " + "prices.", null)
                    .exception();
        }
        ObjectNode stub = WriteContext.deleted(existing.id(), "product");
        context.account().collection("products").remove(existing.id(), null);
        context.emit("product.deleted", existing.tree(), null);
        return stub;
    }

    private static void apply(ObjectNode product, ObjectNode parameters) {
        if (parameters.has("name") && ObjectWriter.text(parameters, "name") == null) {
            throw ApiError.cannotUnset("name").exception();
        }
        String descriptor = ObjectWriter.text(parameters, "statement_descriptor");
        if (descriptor != null && descriptor.length() > 22) {
            throw ApiError.invalidRequest(
                            "The statement descriptor must be at most 22 characters.", "statement_descriptor")
                    .exception();
        }
        for (String name : new String[] {
            "name", "description", "statement_descriptor", "tax_code", "unit_label", "url", "shippable", "images"
        }) {
            ObjectWriter.copy(parameters, name, product);
        }
        JsonNode active = parameters.get("active");
        if (active != null) {
            product.put("active", active.isNull() || active.booleanValue());
        }
        ObjectWriter.mergeMetadata(product, parameters.get("metadata"));
    }
}
