package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One object as the emulator keeps it: its id, its list position, the values of its list filters (extracted once,
 * aligned with {@link EmulatedObject#filters()}), and its JSON as the bytes answered. Keeping bytes rather than
 * trees keeps 100,000 customers and their related objects in a few hundred megabytes and makes list answers a
 * concatenation.
 */
record StoredObject(String id, SortKey key, String[][] filterValues, byte[] json) {
    StoredObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(filterValues, "filterValues");
        Objects.requireNonNull(json, "json");
    }

    static StoredObject of(EmulatedObject type, ObjectNode node, long created, long sequence) {
        return new StoredObject(
                node.get("id").textValue(),
                new SortKey(created, sequence),
                type.extractFilterValues(node),
                EmulatorJson.bytes(node));
    }

    long created() {
        return key.created();
    }

    ObjectNode tree() {
        return EmulatorJson.parseObject(json);
    }
}
