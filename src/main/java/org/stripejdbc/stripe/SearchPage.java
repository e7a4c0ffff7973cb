package org.stripejdbc.stripe;

import java.util.List;
import org.stripejdbc.json.Json;

/**
 * One page of a search call: the objects of {@code data}, {@code has_more}, the {@code next_page} token (null on the
 * last page) and the response size in bytes.
 *
 * <p>Example: {@code {"object":"search_result","data":[{"id":"cus_1"}],"has_more":true,"next_page":"pg_2"}} →
 * {@code SearchPage(data=[{"id": "cus_1"}], hasMore=true, nextPage="pg_2", bytes=<body length>)}.
 */
public record SearchPage(List<Json> data, boolean hasMore, String nextPage, long bytes) {
    public SearchPage {
        data = List.copyOf(data);
    }
}
