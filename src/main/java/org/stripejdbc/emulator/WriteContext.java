package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What a write needs besides its parameters: the account (already locked for writing), the creation second for
 * new objects, and the request's id and idempotency key (recorded in the events the write emits).
 */
final class WriteContext {
    private final AccountData account;
    private final ApiRequest request;
    private final long now;

    WriteContext(AccountData account, ApiRequest request) {
        this.account = Objects.requireNonNull(account, "account");
        this.request = Objects.requireNonNull(request, "request");
        this.now = account.creationSecond(request.clockSecond());
    }

    AccountData account() {
        return account;
    }

    /** The {@code created} second of objects made by this write (see {@link AccountData#creationSecond}). */
    long now() {
        return now;
    }

    /** A new id for an object of {@code path}, unique in the account. */
    String newId(String path) {
        EmulatedObject type = EmulatedObjects.require(path);
        ObjectCollection collection = account.collection(path);
        while (true) {
            String id = account.ids().next(type);
            if (collection.get(id) == null && collection.tombstone(id) == null) {
                return id;
            }
        }
    }

    /** Stores a new object created by this write. */
    StoredObject create(String path, ObjectNode node) {
        return account.store(path, node, now);
    }

    /** Stores the event {@code type} about {@code object}, as Stripe does for every change. */
    void emit(String type, ObjectNode object, ObjectNode previousAttributes) {
        ObjectNode event = SampleContext.object();
        event.put("id", newId("events"));
        event.put("object", "event");
        event.put("api_version", SampleContext.API_VERSION);
        event.put("created", now);
        ObjectNode data = event.putObject("data");
        data.set("object", object);
        if (previousAttributes != null) {
            data.set("previous_attributes", previousAttributes);
        }
        event.put("livemode", false);
        event.put("pending_webhooks", 0);
        ObjectNode origin = event.putObject("request");
        origin.put("id", request.requestId());
        origin.put("idempotency_key", request.idempotencyKey());
        event.put("type", type);
        account.store("events", event, now);
    }

    /** {@code {"id": "...", "object": "...", "deleted": true}}. */
    static ObjectNode deleted(String id, String objectType) {
        ObjectNode node = SampleContext.object();
        node.put("id", id);
        node.put("object", objectType);
        node.put("deleted", true);
        return node;
    }
}
