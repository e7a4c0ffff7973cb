package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One field of Stripe's search language for one object, with its type, which decides the operators it takes:
 * <ul>
 *   <li>{@code STRING} (customer {@code email}, product {@code name} ...): {@code :} exact and {@code ~}
 *       substring, both case-insensitive;</li>
 *   <li>{@code TOKEN} (ids, {@code status}, {@code currency}, card {@code last4} ...) and {@code metadata}:
 *       {@code :} only (compared case-insensitively: search is tokenised, a client must never trust it to be
 *       exact);</li>
 *   <li>{@code NUMERIC} ({@code amount}, {@code total}, {@code created} and {@code canceled_at} in Unix seconds):
 *       {@code :} and {@code > < >= <=} with a number;</li>
 *   <li>{@code BOOLEAN} ({@code active}, {@code refunded} ...): {@code :} with {@code true} or {@code false}.</li>
 * </ul>
 * Every field takes {@code field:null}. The fields are those Stripe documents per object (docs/search, "query
 * fields for ..."); a dotted name walks nested objects:
 * {@code payment_method_details.card.brand} reads {@code {"payment_method_details":{"card":{"brand":"visa"}}}}.
 *
 * @param name the name as written in a query
 * @param type what the field holds
 */
record SearchField(String name, Type type) {
    /** What a field holds, and so which operators it takes. */
    enum Type {
        STRING,
        TOKEN,
        NUMERIC,
        BOOLEAN,
        METADATA
    }

    /** The searchable objects (their list paths) and their fields, in Stripe's documented order. */
    private static final Map<String, Map<String, SearchField>> FIELDS = new LinkedHashMap<>();
    /** Per object, the top-level members its search fields start with. */
    private static final Map<String, Set<String>> TOP_LEVEL = new HashMap<>();

    static {
        define(
                "charges",
                "amount:N",
                "billing_details.address.postal_code:T",
                "created:N",
                "currency:T",
                "customer:T",
                "disputed:B",
                "metadata:M",
                "payment_method_details.card.brand:T",
                "payment_method_details.card.exp_month:T",
                "payment_method_details.card.exp_year:T",
                "payment_method_details.card.fingerprint:T",
                "payment_method_details.card.last4:T",
                "refunded:B",
                "status:T");
        define("customers", "created:N", "email:S", "metadata:M", "name:S", "phone:S");
        define(
                "invoices",
                "created:N",
                "currency:T",
                "customer:T",
                "metadata:M",
                "number:S",
                "receipt_number:S",
                "status:T",
                "subscription:T",
                "total:N");
        define("payment_intents", "amount:N", "created:N", "currency:T", "customer:T", "metadata:M", "status:T");
        define("prices", "active:B", "currency:T", "lookup_key:S", "metadata:M", "product:T", "type:T");
        define("products", "active:B", "description:S", "metadata:M", "name:S", "shippable:B", "url:S");
        define("subscriptions", "canceled_at:N", "created:N", "metadata:M", "status:T");
    }

    SearchField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    private static void define(String path, String... fields) {
        Map<String, SearchField> byName = new LinkedHashMap<>();
        for (String field : fields) {
            int colon = field.lastIndexOf(':');
            Type type = switch (field.charAt(colon + 1)) {
                case 'S' -> Type.STRING;
                case 'N' -> Type.NUMERIC;
                case 'B' -> Type.BOOLEAN;
                case 'M' -> Type.METADATA;
                default -> Type.TOKEN;
            };
            String name = field.substring(0, colon);
            byName.put(name, new SearchField(name, type));
        }
        FIELDS.put(path, Map.copyOf(byName));
        Set<String> topLevel = new HashSet<>();
        byName.keySet().forEach(name -> topLevel.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name));
        TOP_LEVEL.put(path, Set.copyOf(topLevel));
    }

    /** The search fields of the object listed at {@code path}; empty when it has no search endpoint. */
    static Optional<Map<String, SearchField>> of(String path) {
        return Optional.ofNullable(FIELDS.get(path));
    }

    /** The top-level members the search fields of the object listed at {@code path} read. */
    static Set<String> topLevelNames(String path) {
        return TOP_LEVEL.get(path);
    }

    /** The value this field has in {@code object}: a missing node when absent (JSON null stays a null node). */
    JsonNode read(JsonNode object) {
        JsonNode node = object;
        int start = 0;
        while (true) {
            int dot = name.indexOf('.', start);
            String member = dot < 0 ? name.substring(start) : name.substring(start, dot);
            node = node.path(member);
            if (dot < 0) {
                return node;
            }
            start = dot + 1;
        }
    }
}
