package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Everything one Stripe account holds in the emulator: a collection per object, the balance, the account object
 * itself ({@code GET /v1/account}) and its idempotency keys.
 *
 * <p>Thread safety: one read/write lock guards all collections of the account, so list answers are consistent
 * snapshots, reads run in parallel, and a write that touches several objects (a new subscription and its first
 * invoice; a deleted customer whose subscriptions are canceled) is atomic. Use {@link #read} and {@link #write}.
 */
final class AccountData {
    private final String accountId;
    private final ObjectNode account;
    private final Map<String, ObjectCollection> collections = new LinkedHashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final IdempotencyCache idempotency = new IdempotencyCache(10_000);
    private final IdFactory ids;
    private ObjectNode balance;
    private long nextSequence = 1;
    private long newestCreated = Long.MIN_VALUE;

    AccountData(ObjectNode account, IdFactory ids) {
        this.account = Objects.requireNonNull(account, "account");
        this.accountId = account.get("id").textValue();
        this.ids = Objects.requireNonNull(ids, "ids");
        for (EmulatedObject type : EmulatedObjects.all()) {
            if (!type.path().equals("balance")) {
                collections.put(type.path(), new ObjectCollection(type));
            }
        }
    }

    String accountId() {
        return accountId;
    }

    /** The {@code account} object of this account. */
    ObjectNode account() {
        return account.deepCopy();
    }

    IdempotencyCache idempotency() {
        return idempotency;
    }

    /** Ids for objects created through the API (call under the write lock). */
    IdFactory ids() {
        return ids;
    }

    ObjectCollection collection(String path) {
        ObjectCollection collection = collections.get(path);
        if (collection == null) {
            throw new IllegalArgumentException("no collection for " + path);
        }
        return collection;
    }

    /** Every collection, in registry order. */
    List<ObjectCollection> collections() {
        return List.copyOf(collections.values());
    }

    /** From now on, changes to the searchable objects reach search after {@code indexing}'s lag. */
    void trackSearchIndexing(SearchIndexing indexing) {
        for (ObjectCollection collection : collections.values()) {
            if (SearchField.of(collection.type().path()).isPresent()) {
                collection.trackSearchHistory(new SearchHistory(indexing));
            }
        }
    }

    byte[] balance() {
        return EmulatorJson.bytes(balance);
    }

    void setBalance(ObjectNode balance) {
        this.balance = Objects.requireNonNull(balance, "balance");
    }

    /** Adds a new object at the list position of {@code created} (after every object stored before it). */
    StoredObject store(String path, ObjectNode node, long created) {
        ObjectCollection collection = collection(path);
        StoredObject object = StoredObject.of(collection.type(), node, created, nextSequence++);
        collection.put(object);
        newestCreated = Math.max(newestCreated, created);
        return object;
    }

    /** Replaces an object's JSON, keeping its list position. */
    StoredObject replace(String path, StoredObject previous, ObjectNode node) {
        ObjectCollection collection = collection(path);
        StoredObject object = new StoredObject(
                previous.id(), previous.key(), collection.type().extractFilterValues(node), EmulatorJson.bytes(node));
        collection.put(object);
        return object;
    }

    /**
     * The {@code created} second of an object made now: the clock's second, but never before the newest stored
     * object, so that objects created through the API come first in lists as they do on Stripe.
     */
    long creationSecond(long clockSecond) {
        return Math.max(clockSecond, newestCreated);
    }

    <T> T read(Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
