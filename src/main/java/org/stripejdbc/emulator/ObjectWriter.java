package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The writes of one writable object ({@code POST /v1/<path>}, {@code POST /v1/<path>/<id>},
 * {@code DELETE /v1/<path>/<id>}). Parameters arrive already checked against the writer's schemas; the writer
 * validates what the schemas cannot (required parameters, references to other objects), changes the account
 * (held under its write lock) and returns the answer body.
 */
interface ObjectWriter {
    /**
     * The parameters each write accepts: {@code create} for {@code POST /v1/<path>}, {@code update} for
     * {@code POST /v1/<path>/<id>}, {@code delete} for {@code DELETE /v1/<path>/<id>}.
     */
    record Schemas(Param.Schema create, Param.Schema update, Param.Schema delete) {}

    Schemas schemas();

    ObjectNode create(WriteContext context, ObjectNode parameters);

    /** Updates {@code existing}; the answer is the updated object. */
    ObjectNode update(WriteContext context, StoredObject existing, ObjectNode parameters);

    /** Deletes (or, for subscriptions, cancels) {@code existing}; the answer is what Stripe answers. */
    ObjectNode delete(WriteContext context, StoredObject existing, ObjectNode parameters);

    /**
     * Applies a metadata parameter like Stripe: {@code metadata[a]=b} sets a, {@code metadata[a]=} removes a,
     * {@code metadata=} removes every key.
     */
    static void mergeMetadata(ObjectNode target, JsonNode patch) {
        if (patch == null) {
            return;
        }
        if (patch.isNull()) {
            target.putObject("metadata");
            return;
        }
        JsonNode current = target.get("metadata");
        ObjectNode metadata =
                current != null && current.isObject() ? (ObjectNode) current : target.putObject("metadata");
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                metadata.remove(entry.getKey());
            } else {
                metadata.set(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The text of a parameter, or null when absent or unset. */
    static String text(ObjectNode parameters, String name) {
        JsonNode value = parameters.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Sets {@code target[name]} from a parameter that may be unset (null); absent leaves it unchanged. */
    static void copy(ObjectNode parameters, String name, ObjectNode target) {
        JsonNode value = parameters.get(name);
        if (value != null) {
            target.set(name, value);
        }
    }
}
