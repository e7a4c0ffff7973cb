package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.json.Json;

class StripeJsonReaderTest {

    private static LimitedInputStream stream(String text, long limit) {
        return new LimitedInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limit);
    }

    @Test
    void readsAPageSkippingOtherMembers() throws IOException {
        String text = "{\"object\":\"list\",\"url\":\"/v1/x\",\"extra\":{\"data\":5},\"data\":[{\"id\":\"a\"},"
                + "{\"id\":\"b\",\"n\":1.25}],\"has_more\":true}\n  ";
        StripePage page = StripeJsonReader.readPage(stream(text, 1000), "GET /v1/x", t -> t);
        assertEquals(2, page.data().size());
        assertEquals(Json.parse("{\"id\":\"b\",\"n\":1.25}"), page.data().get(1));
        assertEquals(true, page.hasMore());
        assertEquals(text.length(), page.bytes());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"has_more\":false}           | invalid response: the list response has no \"data\" array",
                "{\"data\":{}}                  | invalid response: the list's \"data\" member is not an array",
                "{\"data\":[1]}                 | invalid response: the list's \"data\" array holds a non-object",
                "{\"data\":[],\"has_more\":1}   | invalid response: the list's \"has_more\" member is not a boolean",
                "[]                             | invalid response: expected a JSON object, got an array",
                "''                             | parse JSON response failed: empty response body",
                "{\"data\":[]} {}               | parse JSON response failed: unexpected an object after the JSON "
                        + "object",
            })
    void badPages(String text, String message) {
        InvalidResponseException e = assertThrows(
                InvalidResponseException.class,
                () -> StripeJsonReader.readPage(stream(text, 1000), "GET /v1/x", t -> t));
        assertEquals(message, e.getMessage());
    }

    @Test
    void objectsMustBeObjects() throws IOException {
        assertEquals(
                "x",
                StripeJsonReader.readObject(stream("{\"id\":\"x\"}", 100))
                        .get("id")
                        .stringValue());
        InvalidResponseException e = assertThrows(
                InvalidResponseException.class, () -> StripeJsonReader.readObject(stream("\"text\"", 100)));
        assertEquals(SqlState.FDW_ERROR, e.sqlState());
    }

    @Test
    void theLimitIsEnforcedWhileReading() {
        ResponseTooLargeException e = assertThrows(
                ResponseTooLargeException.class,
                () -> StripeJsonReader.readObject(stream("{\"id\":\"" + "x".repeat(50) + "\"}", 20)));
        assertEquals("response too large (59 bytes). Maximum allowed: 20 bytes", e.describe());
        ResponseTooLargeException huge = assertThrows(
                ResponseTooLargeException.class,
                () -> StripeJsonReader.readObject(stream("{\"id\":\"" + "x".repeat(100_000) + "\"}", 20)));
        assertEquals(
                "response too large (more than 40 bytes). Maximum allowed: 20 bytes",
                huge.describe().replaceAll("more than \\d+", "more than 40"));
    }

    @Test
    void errorBodies() {
        assertEquals(
                new StripeError("card_error", "card_declined", "Declined", "number", "lost_card", "https://d"),
                StripeJsonReader.readError(("{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\","
                                + "\"message\":\"Declined\",\"param\":\"number\",\"decline_code\":\"lost_card\","
                                + "\"doc_url\":\"https://d\",\"other\":1}}")
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(StripeError.NONE, StripeJsonReader.readError(new byte[0]));
        assertEquals(StripeError.NONE, StripeJsonReader.readError("<html/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                StripeError.NONE, StripeJsonReader.readError("{\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                new StripeError(null, "42", null, null, null, null),
                StripeJsonReader.readError("{\"error\":{\"code\":42}}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void excerptsAreShortAndOneLine() {
        assertEquals("a b c", StripeJsonReader.excerpt("a\n  b\tc\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                "x".repeat(200) + "...",
                StripeJsonReader.excerpt("x".repeat(500).getBytes(StandardCharsets.UTF_8)));
    }
}
