package org.stripejdbc.stripe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * The checked body of a list page whose objects are built only when asked ({@link StripePage#objects()}): the bytes,
 * where the {@code data} array lies in them, how many objects it holds and the last one's id, all found by
 * {@link StripeJsonReader#readPage} in one pass that builds no object ({@link PageScanner}, or Jackson's tokenizer).
 * Building the objects is then a second pass, with Jackson, over the {@code data} array alone, on the thread that
 * reads the page.
 *
 * <p>Example: the body {@code {"object":"list","data":[{"id":"a"}],"has_more":false}} is held with {@code
 * dataStart=24} (the {@code [}), {@code dataEnd=36} (after the {@code ]}), {@code size=1}, {@code lastId="a"}.
 *
 * <p>A failure while building (the syntax was checked, so only a limit such as the nesting depth) is a
 * {@link StripeJdbcException} naming the request: {@code parse JSON response failed: ... on GET /v1/customers}.
 */
final class PageBody {
    private final JsonFactory factory;
    private final byte[] bytes;
    private final int dataStart;
    private final int dataEnd;
    private final int size;
    private final String lastId;
    private final String requestLine;
    /** Security: Jackson's messages may quote the body; they pass through this before reaching a message. */
    private final UnaryOperator<String> redact;

    PageBody(
            JsonFactory factory,
            byte[] bytes,
            int dataStart,
            int dataEnd,
            int size,
            String lastId,
            String requestLine,
            UnaryOperator<String> redact) {
        if (dataStart < 0 || dataEnd <= dataStart || dataEnd > bytes.length) {
            throw new IllegalArgumentException("the data array is not within the body: " + dataStart + ".." + dataEnd);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.bytes = bytes;
        this.dataStart = dataStart;
        this.dataEnd = dataEnd;
        this.size = size;
        this.lastId = lastId;
        this.requestLine = Objects.requireNonNull(requestLine, "requestLine");
        this.redact = Objects.requireNonNull(redact, "redact");
    }

    int size() {
        return size;
    }

    String lastId() {
        return lastId;
    }

    /** Every object, built now. */
    List<Json> readAll() {
        List<Json> objects = new ArrayList<>(size);
        iterator().forEachRemaining(objects::add);
        return objects;
    }

    /** The objects, each built when {@code next()} reaches it. */
    Iterator<Json> iterator() {
        return size == 0 ? List.<Json>of().iterator() : new ObjectIterator();
    }

    /** Walks the {@code data} array, a JSON array on its own, object by object. */
    private final class ObjectIterator implements Iterator<Json> {
        private JsonParser parser;
        private int built;

        @Override
        public boolean hasNext() {
            return built < size;
        }

        @Override
        public Json next() {
            if (built >= size) {
                throw new NoSuchElementException("the page holds " + size + " objects");
            }
            try {
                if (parser == null) {
                    parser = factory.createParser(bytes, dataStart, dataEnd - dataStart);
                    expect(parser.nextToken() == JsonToken.START_ARRAY, "the \"data\" array was not found again");
                }
                JsonToken token = parser.nextToken();
                expect(
                        token == JsonToken.START_OBJECT,
                        "object " + (built + 1) + " of " + size + " was not found again");
                Json object = Json.read(parser);
                built++;
                if (built == size) {
                    parser.close(); // gives Jackson's buffers back
                    parser = null;
                }
                return object;
            } catch (JsonProcessingException e) {
                throw failure(StripeJsonReader.describe(e));
            } catch (IOException e) {
                throw failure(String.valueOf(e.getMessage()));
            }
        }

        private void expect(boolean condition, String detail) {
            if (!condition) {
                throw failure(detail);
            }
        }

        private StripeJdbcException failure(String detail) {
            built = size; // nothing more can be read from here
            return new StripeJdbcException(
                    SqlState.INVALID_JSON_TEXT,
                    "parse JSON response failed: " + redact.apply(detail) + " on " + requestLine);
        }
    }
}
