package org.stripejdbc.stripe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.stripejdbc.json.Json;

/**
 * Reads Stripe's JSON responses with Jackson's streaming parser: a list page is walked token by token, the objects
 * of {@code data} are built straight into {@link Json} values (no intermediate Jackson tree) and unknown members
 * ({@code url}, {@code object}) are skipped without being built. Numbers are read exactly: integers as long
 * (BigInteger past long), decimals as BigDecimal.
 *
 * <p>A list page is streamed ({@link #readPage}): checked whole when it arrives, its objects built when it is read.
 *
 * <p>Example: {@code {"object":"list","data":[{"id":"cus_1"}],"has_more":true,"url":"/v1/customers"}} →
 * {@code StripePage[size=1, hasMore=true, lastId=cus_1, bytes=<body length>]}, whose {@code data()} is
 * {@code [{"id": "cus_1"}]}.
 */
final class StripeJsonReader {
    /** Only for error bodies: their fields are read as text. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build();

    private StripeJsonReader() {}

    /**
     * A list page, streamed: the body is read whole and checked in one pass that builds no object ({@code data} a
     * required array of objects, {@code has_more} false when absent), finding the objects' count and the last one's
     * id: {@link PageScanner}'s look at the page's frame, or for a body it does not take (an escape in a name, say)
     * Jackson's tokenizer. The objects are built later, when the page is read ({@link StripePage#objects()});
     * {@code requestLine} and {@code redact} are for the message of a failure then.
     */
    static StripePage readPage(LimitedInputStream in, String requestLine, UnaryOperator<String> redact)
            throws IOException {
        byte[] bytes = in.readAllBytes();
        in.drainToEnd();
        PageScanner.Frame frame = PageScanner.scan(bytes);
        if (frame != null) {
            PageBody body = new PageBody(
                    FACTORY,
                    bytes,
                    frame.dataStart(),
                    frame.dataEnd(),
                    frame.size(),
                    frame.lastId(),
                    requestLine,
                    redact);
            return new StripePage(body, frame.hasMore(), in.count());
        }
        // Not a plain page (see PageScanner): Jackson's tokenizer checks all of it and names what is wrong.
        boolean hasMore = false;
        boolean sawData = false;
        int size = 0;
        String lastId = null;
        long dataStart = -1;
        long dataEnd = -1;
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            expectObjectStart(parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw InvalidResponseException.invalid("the list's \"data\" member is not an array");
                    }
                    // A repeated member counts as its last occurrence, as when the objects are built.
                    sawData = true;
                    dataStart = parser.currentTokenLocation().getByteOffset();
                    size = 0;
                    lastId = null;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            throw InvalidResponseException.invalid("the list's \"data\" array holds a non-object");
                        }
                        lastId = skipObjectReadingId(parser);
                        size++;
                    }
                    dataEnd = parser.currentLocation().getByteOffset();
                } else if (name.equals("has_more")) {
                    hasMore = readHasMore(value);
                } else {
                    parser.skipChildren();
                }
            }
            expectEnd(parser);
        }
        if (!sawData) {
            throw InvalidResponseException.invalid("the list response has no \"data\" array");
        }
        in.drainToEnd();
        if (dataStart < 0 || dataEnd <= dataStart || dataEnd > bytes.length) {
            // A body whose byte offsets Jackson does not know (UTF-16 or UTF-32): built at once.
            PageParts parts = readParts(new LimitedInputStream(new ByteArrayInputStream(bytes), Long.MAX_VALUE), false);
            return new StripePage(parts.data(), parts.hasMore(), in.count());
        }
        PageBody body = new PageBody(FACTORY, bytes, (int) dataStart, (int) dataEnd, size, lastId, requestLine, redact);
        return new StripePage(body, hasMore, in.count());
    }

    /**
     * Skips the object at the parser's {@code START_OBJECT}, returning its {@code id} member's text (null when it has
     * none, or not a string; of several, the last, as {@link Json} keeps it). Only the id's text is built.
     */
    private static String skipObjectReadingId(JsonParser parser) throws IOException {
        String id = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean isId = parser.currentName().equals("id");
            JsonToken value = parser.nextToken();
            if (isId) {
                id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            }
            parser.skipChildren();
        }
        return id;
    }

    private static boolean readHasMore(JsonToken value) throws InvalidResponseException {
        if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
            throw InvalidResponseException.invalid("the list's \"has_more\" member is not a boolean");
        }
        return value == JsonToken.VALUE_TRUE;
    }

    /**
     * A search page: as a list page, and {@code next_page} (a string token, or null or absent on the last page).
     * Example: {@code {"object":"search_result","data":[],"has_more":false,"next_page":null}}.
     */
    static SearchPage readSearchPage(LimitedInputStream in) throws IOException {
        PageParts parts = readParts(in, true);
        return new SearchPage(parts.data(), parts.hasMore(), parts.nextPage(), in.count());
    }

    private record PageParts(List<Json> data, boolean hasMore, String nextPage) {}

    private static PageParts readParts(LimitedInputStream in, boolean search) throws IOException {
        List<Json> data = null;
        boolean hasMore = false;
        String nextPage = null;
        try (JsonParser parser = FACTORY.createParser(in)) {
            expectObjectStart(parser);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("data")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw InvalidResponseException.invalid("the list's \"data\" member is not an array");
                    }
                    data = new ArrayList<>();
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() != JsonToken.START_OBJECT) {
                            throw InvalidResponseException.invalid("the list's \"data\" array holds a non-object");
                        }
                        data.add(Json.read(parser));
                    }
                } else if (name.equals("has_more")) {
                    hasMore = readHasMore(value);
                } else if (search && name.equals("next_page")) {
                    if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                        throw InvalidResponseException.invalid("the search's \"next_page\" member is not a string");
                    }
                    nextPage = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            expectEnd(parser);
        }
        if (data == null) {
            throw InvalidResponseException.invalid("the list response has no \"data\" array");
        }
        in.drainToEnd();
        return new PageParts(data, hasMore, nextPage);
    }

    /** A single object (retrieve, create, update, delete, singleton). */
    static Json readObject(LimitedInputStream in) throws IOException {
        Json object;
        try (JsonParser parser = FACTORY.createParser(in)) {
            expectObjectStart(parser);
            object = Json.read(parser);
            expectEnd(parser);
        }
        in.drainToEnd();
        return object;
    }

    /**
     * Stripe's {@code error} object from an error body, or {@link StripeError#NONE} when the body is not JSON or
     * has no {@code error} object.
     */
    static StripeError readError(byte[] body) {
        if (body.length == 0) {
            return StripeError.NONE;
        }
        try {
            JsonNode root = MAPPER.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            if (error == null || !error.isObject()) {
                return StripeError.NONE;
            }
            return new StripeError(
                    text(error, "type"),
                    text(error, "code"),
                    text(error, "message"),
                    text(error, "param"),
                    text(error, "decline_code"),
                    text(error, "doc_url"));
        } catch (IOException e) {
            return StripeError.NONE;
        }
    }

    /** A one-line excerpt of a body for an error message: at most 200 characters, whitespace collapsed. */
    static String excerpt(byte[] body) {
        String text =
                new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }

    private static String text(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static void expectObjectStart(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw InvalidResponseException.parseFailed("empty response body");
        }
        if (first != JsonToken.START_OBJECT) {
            throw InvalidResponseException.invalid("expected a JSON object, got " + describe(first));
        }
    }

    private static void expectEnd(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw InvalidResponseException.parseFailed("unexpected " + describe(trailing) + " after the JSON object");
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    /** The message of a Jackson failure without its source excerpt (which could echo response content). */
    static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
