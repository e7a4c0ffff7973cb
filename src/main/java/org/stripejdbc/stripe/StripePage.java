package org.stripejdbc.stripe;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.json.Json;

/**
 * One page of a list call: the objects of {@code data}, {@code has_more}, the id of the last object (the next page's
 * {@code starting_after}) and the response size in bytes.
 *
 * <p>A page may be <em>streamed</em>: {@link HttpStripeClient#list} checks the whole body and finds {@code has_more},
 * the object count and the last object's id on the thread that made the request, but builds the objects only when
 * asked, on the thread that asks. {@link #objects()} builds them one at a time as they are read (a sequential scan's
 * reader shapes rows while the next page is on its way), {@link #data()} all at once. Example: for the body
 * {@code {"object":"list","data":[{"id":"cus_1"},{"id":"cus_2"}],"has_more":true}}, {@code size()} is 2,
 * {@code lastId()} {@code "cus_2"} and {@code hasMore()} true before any object was built.
 *
 * <p>A streamed page is read by one thread at a time (handed over as a {@code Future}'s result, say); building its
 * objects cannot fail on the body's syntax (checked when it arrived), and any other failure is a
 * {@code StripeJdbcException} naming the request ({@code parse JSON response failed: ... on GET /v1/customers}).
 */
public final class StripePage {
    private final boolean hasMore;
    private final long bytes;
    private final int size;
    private final String lastId;
    /** The objects, when built (always for a page made from a list). */
    private List<Json> data;
    /** The body to build them from, until they are all built; else null. */
    private PageBody body;

    /** A page of objects at hand (test doubles, and pages built at once). */
    public StripePage(List<Json> data, boolean hasMore, long bytes) {
        this.data = List.copyOf(data);
        this.hasMore = hasMore;
        this.bytes = bytes;
        this.size = this.data.size();
        this.lastId = idOf(this.data.isEmpty() ? null : this.data.get(this.data.size() - 1));
        this.body = null;
    }

    /** A streamed page: its objects are built from {@code body} when asked. */
    StripePage(PageBody body, boolean hasMore, long bytes) {
        this.body = Objects.requireNonNull(body, "body");
        this.hasMore = hasMore;
        this.bytes = bytes;
        this.size = body.size();
        this.lastId = body.lastId();
    }

    /** The objects of {@code data}, all built (on the first call for a streamed page). */
    public synchronized List<Json> data() {
        if (data == null) {
            data = List.copyOf(body.readAll());
            body = null; // the objects are at hand: the bytes are not needed any more
        }
        return data;
    }

    /**
     * The objects of {@code data} in order, each built as the iterator reaches it (a streamed page not built yet), so
     * that the first object is at hand without waiting for the last. Each call starts from the first object.
     */
    public synchronized Iterator<Json> objects() {
        return data != null ? data.iterator() : body.iterator();
    }

    /** How many objects {@code data} holds. */
    public int size() {
        return size;
    }

    public boolean hasMore() {
        return hasMore;
    }

    /** The response size in bytes. */
    public long bytes() {
        return bytes;
    }

    /**
     * The id of the last object, the {@code starting_after} of the next page; null when the page is empty or its
     * last object has no string {@code id}.
     */
    public String lastId() {
        return lastId;
    }

    private static String idOf(Json object) {
        Json id = object == null ? null : object.get("id");
        return id == null ? null : id.stringValue();
    }

    @Override
    public String toString() {
        return "StripePage[size=" + size + ", hasMore=" + hasMore + ", lastId=" + lastId + ", bytes=" + bytes + "]";
    }
}
