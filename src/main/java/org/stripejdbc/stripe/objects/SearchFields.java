package org.stripejdbc.stripe.objects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields Stripe's search endpoints ({@code GET /v1/<object>/search?query=...}) can query, per object, and how
 * each matches: the query fields of Stripe's search documentation, written by hand because neither the API
 * description nor stripe-java carries them (stripe-java has the seven {@code search} methods and their parameters
 * {@code query}, {@code limit}, {@code page}, but names the fields only in a link to the documentation).
 * Where a field's kind is uncertain the stricter reading is kept, since a query Stripe refuses fails the statement:
 * {@code billing_details.address.postal_code} is a token (exact match only, never {@code ~}), and the card's
 * {@code exp_month} and {@code exp_year} (documented as tokens, read as numbers in {@code attrs}) are not routed.
 *
 * <pre>
 *   SearchFields.of("customers")                  →  created, email, metadata, name, phone
 *   SearchFields.field("customers", "name")       →  SearchField[name, STRING]: name:"x" and name~"son"
 *   SearchFields.field("charges", "status")       →  SearchField[status, ENUM]: status:"succeeded", -status:"failed"
 *   SearchFields.field("charges", "amount")       →  SearchField[amount, NUMBER]: amount&gt;1000
 *   SearchFields.of("refunds")                    →  empty: refunds have no search endpoint
 * </pre>
 */
public final class SearchFields {
    /** How a search field matches. */
    public enum Kind {
        /** Free text: exact match and substring ({@code ~}, 3 characters or more), both case-insensitive. */
        STRING,
        /** An identifier (a token): exact match, case-sensitive; one value selects few objects. */
        ID,
        /** A token with few values ({@code status}, {@code currency}): exact match, case-sensitive. */
        ENUM,
        /** A number: exact match and {@code < <= > >=}. */
        NUMBER,
        /** A Unix time: {@code < <= > >=} and exact match, in seconds. */
        TIME,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code metadata['key']:'value'}. */
        METADATA
    }

    /** One search field: its name in the query language (dotted for nested fields) and how it matches. */
    public record SearchField(String name, Kind kind) {}

    /** The most clauses a search query may have. */
    public static final int MAX_CLAUSES = 10;
    /** The fewest characters a substring clause ({@code ~}) may hold. */
    public static final int MIN_SUBSTRING = 3;
    /** The largest page of a search. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final Map<String, List<SearchField>> FIELDS = fields();

    private SearchFields() {}

    private static Map<String, List<SearchField>> fields() {
        Map<String, List<SearchField>> all = new LinkedHashMap<>();
        all.put(
                "charges",
                List.of(
                        f("amount", Kind.NUMBER),
                        f("billing_details.address.postal_code", Kind.ID),
                        f("created", Kind.TIME),
                        f("currency", Kind.ENUM),
                        f("customer", Kind.ID),
                        f("disputed", Kind.BOOLEAN),
                        f("metadata", Kind.METADATA),
                        f("payment_method_details.card.brand", Kind.ENUM),
                        f("payment_method_details.card.fingerprint", Kind.ID),
                        f("payment_method_details.card.last4", Kind.ID),
                        f("refunded", Kind.BOOLEAN),
                        f("status", Kind.ENUM)));
        all.put(
                "customers",
                List.of(
                        f("created", Kind.TIME),
                        f("email", Kind.STRING),
                        f("metadata", Kind.METADATA),
                        f("name", Kind.STRING),
                        f("phone", Kind.STRING)));
        all.put(
                "invoices",
                List.of(
                        f("created", Kind.TIME),
                        f("currency", Kind.ENUM),
                        f("customer", Kind.ID),
                        f("metadata", Kind.METADATA),
                        f("number", Kind.STRING),
                        f("receipt_number", Kind.STRING),
                        f("status", Kind.ENUM),
                        f("subscription", Kind.ID),
                        f("total", Kind.NUMBER)));
        all.put(
                "payment_intents",
                List.of(
                        f("amount", Kind.NUMBER),
                        f("created", Kind.TIME),
                        f("currency", Kind.ENUM),
                        f("customer", Kind.ID),
                        f("metadata", Kind.METADATA),
                        f("status", Kind.ENUM)));
        all.put(
                "prices",
                List.of(
                        f("active", Kind.BOOLEAN),
                        f("currency", Kind.ENUM),
                        f("lookup_key", Kind.STRING),
                        f("metadata", Kind.METADATA),
                        f("product", Kind.ID),
                        f("type", Kind.ENUM)));
        all.put(
                "products",
                List.of(
                        f("active", Kind.BOOLEAN),
                        f("description", Kind.STRING),
                        f("metadata", Kind.METADATA),
                        f("name", Kind.STRING),
                        f("shippable", Kind.BOOLEAN),
                        f("url", Kind.STRING)));
        all.put(
                "subscriptions",
                List.of(
                        f("canceled_at", Kind.TIME),
                        f("created", Kind.TIME),
                        f("metadata", Kind.METADATA),
                        f("status", Kind.ENUM)));
        return Map.copyOf(all);
    }

    private static SearchField f(String name, Kind kind) {
        return new SearchField(name, kind);
    }

    /** The search fields of an object (its API path), empty when it has no search endpoint. */
    public static List<SearchField> of(String object) {
        return FIELDS.getOrDefault(object, List.of());
    }

    /** Whether the object (its API path) has a search endpoint. */
    public static boolean searchable(String object) {
        return FIELDS.containsKey(object);
    }

    /** The search field of that name of an object, if any. */
    public static Optional<SearchField> field(String object, String name) {
        return of(object).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The objects with a search endpoint, by API path, in alphabetical order. */
    public static List<String> objects() {
        return FIELDS.keySet().stream().sorted().toList();
    }
}
