package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/<object>/search} for charges, customers, invoices, payment_intents, prices, products and
 * subscriptions, as Stripe answers it.
 *
 * <p>Parameters: {@code query} (required; {@link SearchQueryParser}), {@code limit} (1..100, default 10),
 * {@code page} (the {@code next_page} of the previous answer), {@code expand[]} ({@code total_count} adds the number
 * of matches; other values are accepted and ignored, as on the list endpoints). Anything else is
 * {@code Received unknown parameter: x}; empty values count as absent.
 *
 * <p>The matches come in list order (newest first: {@code created} descending, then the order of creation), so a
 * {@code page} token, which holds the position of the last object answered and a digest of the query, stays valid
 * while objects are added or changed: a page continues after that position. A token from another query or not from
 * this emulator is 400 (param page).
 *
 * <p>Example, on 300 customers of seed 42:
 * <pre>
 *   GET /v1/customers/search?query=name~"son"&amp;limit=2
 *     → 200 {"object":"search_result","data":[cus_…, cus_…],"has_more":true,"next_page":"djE6…",
 *            "url":"/v1/customers/search"}
 *   GET /v1/customers/search?query=name~"son"&amp;limit=2&amp;page=djE6…   → the next two
 *   GET /v1/customers/search?query=name~"so"   → 400 Substring queries (`~`) need at least 3 characters …
 * </pre>
 */
final class SearchEndpoint {
    private static final Pattern PATH = Pattern.compile("/v1/([a-z_]+)/search");
    private static final Pattern TOKEN = Pattern.compile("v1:(-?\\d+):(-?\\d+):([0-9a-f]{1,8})");
    /**
     * Per stored JSON (by identity: a changed object has new bytes), the members search reads, parsed once: a
     * search walks every object, and parsing each whole answer on every request made one search of 20,000
     * customers take seconds. Weak keys: the entry goes with the bytes it was made from.
     */
    private static final Map<byte[], JsonNode> DOCUMENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private SearchEndpoint() {}

    /** The searchable object of a {@code GET /v1/<object>/search} path, else empty. */
    static Optional<String> resource(String method, String rawPath) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Optional.empty();
        }
        Matcher matcher = PATH.matcher(rawPath);
        if (!matcher.matches() || SearchField.of(matcher.group(1)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /**
     * Answers a search request; with {@code matchEverything} (the emulator's {@code ignoreListFilters} fault) the
     * query is still checked but every indexed object matches it: the double that proves a client evaluates its
     * conditions again on every result.
     */
    static HttpAnswer search(String resource, ApiRequest request, AccountData account, boolean matchEverything) {
        Map<String, SearchField> fields = SearchField.of(resource).orElseThrow();
        String query = null;
        String limit = null;
        String page = null;
        boolean totalCount = false;
        for (Map.Entry<String, String> parameter : request.query()) {
            String name = parameter.getKey();
            String value = parameter.getValue().isEmpty() ? null : parameter.getValue();
            if (name.equals("expand") || name.startsWith("expand[")) {
                totalCount |= "total_count".equals(value);
                continue;
            }
            switch (name) {
                case "query" -> query = value;
                case "limit" -> limit = value;
                case "page" -> page = value;
                default -> throw ApiError.unknownParameter(name).exception();
            }
        }
        if (query == null) {
            throw ApiError.missingParameter("query").exception();
        }
        int size = ListQueryParser.parseLimit(limit);
        SearchQuery checked = SearchQueryParser.parse(query, resource, fields);
        SearchQuery parsed = matchEverything ? null : checked;
        String digest = Integer.toHexString(query.hashCode());
        SortKey cursor = page == null ? null : cursor(page, digest);
        boolean countAll = totalCount;
        EmulatedObject type = EmulatedObjects.byPath(resource).orElseThrow();
        return account.read(() -> {
            ObjectCollection collection = account.collection(resource);
            List<StoredObject> found = new ArrayList<>(Math.min(size, 16));
            boolean hasMore = false;
            for (StoredObject object : collection.after(cursor)) {
                if (matches(collection, object, parsed)) {
                    if (found.size() == size) {
                        hasMore = true;
                        break;
                    }
                    found.add(object);
                }
            }
            long total = countAll ? count(collection, parsed) : -1;
            return HttpAnswer.ok(answer(type, request, found, hasMore, digest, total));
        });
    }

    private static boolean matches(ObjectCollection collection, StoredObject object, SearchQuery query) {
        byte[] indexed = collection.searchable(object);
        if (indexed == null) {
            return false;
        }
        if (query == null) {
            return true;
        }
        JsonNode document = DOCUMENTS.get(indexed);
        if (document == null) {
            ObjectNode tree = EmulatorJson.parseObject(indexed);
            tree.retain(SearchField.topLevelNames(collection.type().path()));
            document = tree;
            DOCUMENTS.put(indexed, document);
        }
        return query.matches(document);
    }

    private static long count(ObjectCollection collection, SearchQuery query) {
        long total = 0;
        for (StoredObject object : collection.after(null)) {
            if (matches(collection, object, query)) {
                total++;
            }
        }
        return total;
    }

    private static byte[] answer(
            EmulatedObject type,
            ApiRequest request,
            List<StoredObject> found,
            boolean hasMore,
            String digest,
            long total) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + found.size() * 1024);
        body.writeBytes("{\"object\":\"search_result\",\"data\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < found.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            body.writeBytes(VersionShape.forVersion(type, found.get(i).json(), request.apiVersion()));
        }
        String nextPage = "null";
        if (hasMore) {
            SortKey last = found.get(found.size() - 1).key();
            nextPage = "\"" + token(last, digest) + "\"";
        }
        StringBuilder tail = new StringBuilder();
        tail.append("],\"has_more\":").append(hasMore).append(",\"next_page\":").append(nextPage);
        if (total >= 0) {
            tail.append(",\"total_count\":").append(total);
        }
        tail.append(",\"url\":\"/v1/").append(type.path()).append("/search\"}");
        body.writeBytes(tail.toString().getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** The opaque {@code next_page}: base64url of {@code v1:<created>:<sequence>:<query digest>}. */
    static String token(SortKey last, String digest) {
        String plain = "v1:" + last.created() + ":" + last.sequence() + ":" + digest;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static SortKey cursor(String page, String digest) {
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(page), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidPage();
        }
        Matcher matcher = TOKEN.matcher(plain);
        if (!matcher.matches()) {
            throw invalidPage();
        }
        if (!matcher.group(3).equals(digest)) {
            throw ApiError.invalidRequest(
                            "The page token was returned for a different query: pass the same query with the "
                                    + "next_page of its previous answer.",
                            "page")
                    .exception();
        }
        try {
            return new SortKey(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } catch (NumberFormatException e) {
            throw invalidPage();
        }
    }

    private static ApiErrorException invalidPage() {
        return ApiError.invalidRequest(
                        "Invalid page: pass the next_page value of a previous search answer, unchanged.", "page")
                .exception();
    }
}
