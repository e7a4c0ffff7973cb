package org.stripejdbc.stripe;

import java.util.List;
import org.stripejdbc.json.Json;

/** One page of a list call: the objects of {@code data}, {@code has_more}, and the response size in bytes. */
public record StripePage(List<Json> data, boolean hasMore, long bytes) {
    public StripePage {
        data = List.copyOf(data);
    }

    /** The id of the last object, the {@code starting_after} of the next page; null when the page is empty. */
    public String lastId() {
        if (data.isEmpty()) {
            return null;
        }
        Json id = data.get(data.size() - 1).get("id");
        return id == null ? null : id.stringValue();
    }
}
