package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes to customers. Create and update accept Stripe's usual customer parameters (address, balance,
 * description, email, invoice_prefix, invoice_settings, metadata, name, next_invoice_sequence, phone,
 * preferred_locales, shipping, tax_exempt, expand); an empty value unsets ({@code description=} → null,
 * {@code metadata[a]=} removes key a). Delete answers {@code {"id","object":"customer","deleted":true}}, cancels the
 * customer's subscriptions, and a later retrieve of the id answers the same deleted stub, as Stripe does.
 *
 * <p>Example: {@code POST /v1/customers} with {@code email=a@b.c&metadata[plan]=gold} answers the new customer
 * ({@code cus_...}) with {@code "metadata":{"plan":"gold"}}, first in {@code GET /v1/customers}.
 */
final class CustomerWriter implements ObjectWriter {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern INVOICE_PREFIX = Pattern.compile("[A-Z0-9]{3,12}");

    private static final Param ADDRESS = Param.stringHash("city", "country", "line1", "line2", "postal_code", "state");
    private static final Param.Schema SCHEMA = Param.Schema.builder()
            .add("address", ADDRESS)
            .add("balance", new Param.IntegerParam(null, null))
            .strings("description", "email", "invoice_prefix", "name", "phone")
            .add(
                    "invoice_settings",
                    new Param.HashParam(Map.of(
                            "default_payment_method", new Param.StringParam(), "footer", new Param.StringParam())))
            .add("metadata", new Param.MetadataParam())
            .add("next_invoice_sequence", new Param.IntegerParam(1L, null))
            .add("preferred_locales", Param.stringArray())
            .add(
                    "shipping",
                    new Param.HashParam(Map.of(
                            "address", ADDRESS, "name", new Param.StringParam(), "phone", new Param.StringParam())))
            .add("tax_exempt", Param.oneOf("none", "exempt", "reverse"))
            .add("expand", new Param.IgnoredParam())
            .build();
    private static final Param.Schema DELETE_SCHEMA =
            Param.Schema.builder().add("expand", new Param.IgnoredParam()).build();

    private static final Schemas SCHEMAS = new Schemas(SCHEMA, SCHEMA, DELETE_SCHEMA);

    @Override
    public Schemas schemas() {
        return SCHEMAS;
    }

    @Override
    public ObjectNode create(WriteContext context, ObjectNode parameters) {
        ObjectNode customer = SampleContext.object();
        customer.put("id", context.newId("customers"));
        customer.put("object", "customer");
        customer.putNull("address");
        customer.put("balance", 0);
        customer.put("created", context.now());
        customer.putNull("currency");
        customer.putNull("default_source");
        customer.put("delinquent", false);
        customer.putNull("description");
        customer.putNull("discount");
        customer.putNull("email");
        customer.put(
                "invoice_prefix",
                customer.get("id").textValue().substring(4, 12).toUpperCase(Locale.ROOT));
        ObjectNode invoiceSettings = customer.putObject("invoice_settings");
        invoiceSettings.putNull("custom_fields");
        invoiceSettings.putNull("default_payment_method");
        invoiceSettings.putNull("footer");
        invoiceSettings.putNull("rendering_options");
        customer.put("livemode", false);
        customer.putObject("metadata");
        customer.putNull("name");
        customer.put("next_invoice_sequence", 1);
        customer.putNull("phone");
        customer.putArray("preferred_locales");
        customer.putNull("shipping");
        customer.put("tax_exempt", "none");
        customer.putNull("test_clock");
        apply(customer, parameters);
        context.create("customers", customer);
        context.emit("customer.created", customer.deepCopy(), null);
        return customer;
    }

    @Override
    public ObjectNode update(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode customer = existing.tree();
        ObjectNode before = customer.deepCopy();
        apply(customer, parameters);
        context.account().replace("customers", existing, customer);
        context.emit("customer.updated", customer.deepCopy(), previousAttributes(before, parameters));
        return customer;
    }

    @Override
    public ObjectNode delete(WriteContext context, StoredObject existing, ObjectNode parameters) {
        ObjectNode stub = WriteContext.deleted(existing.id(), "customer");
        SubscriptionWriter.cancelAllOf(context, existing.id());
        context.account().collection("customers").remove(existing.id(), EmulatorJson.bytes(stub));
        context.emit("customer.deleted", existing.tree(), null);
        return stub;
    }

    private static void apply(ObjectNode customer, ObjectNode parameters) {
        String email = ObjectWriter.text(parameters, "email");
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw ApiError.invalidRequest("Invalid email address: " + email, "email")
                    .exception();
        }
        String prefix = ObjectWriter.text(parameters, "invoice_prefix");
        if (prefix != null && !INVOICE_PREFIX.matcher(prefix).matches()) {
            throw ApiError.invalidRequest(
                            "Invalid invoice_prefix: must be 3 to 12 uppercase letters or numbers", "invoice_prefix")
                    .exception();
        }
        if (parameters.has("invoice_prefix") && prefix == null) {
            throw ApiError.cannotUnset("invoice_prefix").exception();
        }
        for (String name : new String[] {
            "address", "description", "email", "invoice_prefix", "name", "phone", "shipping", "next_invoice_sequence"
        }) {
            ObjectWriter.copy(parameters, name, customer);
        }
        JsonNode balance = parameters.get("balance");
        if (balance != null) {
            customer.put("balance", balance.isNull() ? 0 : balance.longValue());
        }
        JsonNode taxExempt = parameters.get("tax_exempt");
        if (taxExempt != null) {
            customer.put("tax_exempt", taxExempt.isNull() ? "none" : taxExempt.textValue());
        }
        JsonNode locales = parameters.get("preferred_locales");
        if (locales != null) {
            customer.set("preferred_locales", locales);
        }
        JsonNode invoiceSettings = parameters.get("invoice_settings");
        if (invoiceSettings != null) {
            ObjectNode target = (ObjectNode) customer.get("invoice_settings");
            if (invoiceSettings.isNull()) {
                target.putNull("default_payment_method");
                target.putNull("footer");
            } else {
                invoiceSettings.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
            }
        }
        ObjectWriter.mergeMetadata(customer, parameters.get("metadata"));
    }

    /** The previous values of the top-level members a write changed, as events report them. */
    static ObjectNode previousAttributes(ObjectNode before, ObjectNode parameters) {
        ObjectNode previous = SampleContext.object();
        parameters.fieldNames().forEachRemaining(name -> {
            JsonNode old = before.get(name);
            if (old != null) {
                previous.set(name, old);
            }
        });
        return previous;
    }
}
