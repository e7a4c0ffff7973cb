package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stripejdbc.error.SqlState;
import org.stripejdbc.error.StripeJdbcException;
import org.stripejdbc.json.Json;

/**
 * A list page as {@link HttpStripeClient#list} returns it: checked and measured (count, last id, has_more) when it
 * arrives, its objects built only as they are read, equal to what building them at once gives.
 */
class StreamedPageTest {

    private static StripePage read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    private static StripePage read(byte[] bytes) throws IOException {
        LimitedInputStream in = new LimitedInputStream(new ByteArrayInputStream(bytes), 1_000_000);
        return StripeJsonReader.readPage(in, "GET /v1/customers", text -> text.replace("sk_live_", "sk_live_***"));
    }

    private static List<Json> objects(StripePage page) {
        List<Json> objects = new ArrayList<>();
        page.objects().forEachRemaining(objects::add);
        return objects;
    }

    private static List<Json> parsedData(String text) {
        Json data = Json.parse(text).get("data");
        return data.elements();
    }

    @Test
    void objectsAreTheObjectsOfData() throws IOException {
        String text = "{\"object\":\"list\",\"url\":\"/v1/customers\",\"extra\":{\"data\":[{\"id\":\"no\"}]},"
                + "\"data\":[{\"id\":\"cus_1\",\"name\":\"Zoë ☃\",\"n\":1.250,\"big\":123456789012345678901234,"
                + "\"metadata\":{\"k\":\"v\",\"a\":[1,{\"id\":\"inner\"}]}},{\"email\":null,\"id\":\"cus_2\","
                + "\"deleted\":true}],\"has_more\":true,\"url2\":[1,2]}\n";
        StripePage page = read(text);
        assertEquals(2, page.size());
        assertEquals("cus_2", page.lastId());
        assertTrue(page.hasMore());
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, page.bytes());
        List<Json> expected = parsedData(text);
        assertEquals(expected, objects(page));
        assertEquals(expected.get(0).toString(), objects(page).get(0).toString(), "jsonb text byte for byte");
        assertEquals(expected, objects(page), "each call starts from the first object");
        assertEquals(expected, page.data());
        assertEquals(expected, objects(page), "after data(), objects() walks the built objects");
    }

    @Test
    void anIteratorBuildsOneObjectAtATimeAndEnds() throws IOException {
        StripePage page = read("{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"has_more\":false}");
        Iterator<Json> objects = page.objects();
        assertTrue(objects.hasNext());
        assertEquals("a", objects.next().get("id").stringValue());
        assertEquals("b", objects.next().get("id").stringValue());
        assertFalse(objects.hasNext());
        assertThrows(NoSuchElementException.class, objects::next);
        assertFalse(page.hasMore());
    }

    @Test
    void anEmptyPage() throws IOException {
        StripePage page = read("{\"object\":\"list\",\"data\":[],\"has_more\":true}");
        assertEquals(0, page.size());
        assertNull(page.lastId());
        assertTrue(page.hasMore());
        assertFalse(page.objects().hasNext());
        assertEquals(List.of(), page.data());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"data\":[{\"id\":\"a\"},{\"name\":\"no id\"}]}                   | ",
                "{\"data\":[{\"id\":\"a\"},{\"id\":7}]}                             | ",
                "{\"data\":[{\"id\":\"a\"},{\"id\":null}]}                          | ",
                "{\"data\":[{\"id\":\"a\"},{\"id\":{\"id\":\"x\"}}]}                | ",
                "{\"data\":[{\"id\":\"a\"},{\"x\":{\"id\":\"inner\"},\"id\":\"b\"}]} | b",
                "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":\"c\"}]}            | c",
                "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":1}]}                | ",
                "{\"data\":[{\"id\":\"x\"}],\"data\":[{\"id\":\"a\"}]}              | a",
            })
    void theLastIdIsWhatTheBuiltLastObjectSays(String text, String lastId) throws IOException {
        StripePage page = read(text);
        assertEquals(lastId, page.lastId());
        List<Json> built = objects(page);
        assertEquals(parsedData(text), built);
        Json id = built.get(built.size() - 1).get("id");
        assertEquals(lastId, id == null ? null : id.stringValue(), "the same as an eager page's lastId");
        assertEquals(lastId, new StripePage(built, false, 0).lastId());
    }

    @Test
    void aByteOrderMarkAndWhitespaceKeepTheOffsetsRight() throws IOException {
        String text = "  {\"data\" : [ {\"id\":\"é\"} , {\"id\":\"b\"} ] , \"has_more\" : true } ";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        for (byte[] bytes : List.of(utf8, withBom)) {
            StripePage page = read(bytes);
            assertEquals(parsedData(text), objects(page));
            assertEquals("b", page.lastId());
        }
    }

    @Test
    void aUtf16BodyIsBuiltAtOnce() throws IOException {
        String text = "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\"}],\"has_more\":true}";
        StripePage page = read(text.getBytes(Charset.forName("UTF-16BE")));
        assertEquals(parsedData(text), objects(page));
        assertEquals("b", page.lastId());
        assertEquals(2, page.size());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"data\":[{\"id\":\"a\"}                     | JsonEOFException",
                "{\"data\":[{\"id\":\"a\"},{\"id\":}],\"x\":1} | JsonParseException",
                "{\"data\":[{\"id\":\"a\"},7]}        | invalid response: the list's \"data\" array holds a non-object",
                "{\"data\":[],\"has_more\":1} | invalid response: the list's \"has_more\" member is not a boolean",
                "{\"data\":[]}{\"data\":[]} | parse JSON response failed: unexpected an object after the JSON "
                        + "object",
            })
    void aMalformedBodyFailsWhenItArrivesNotWhenItIsRead(String text, String failure) {
        // Jackson's own exceptions become "parse JSON response failed: ... on GET ..." in HttpStripeClient.exchange.
        IOException e = assertThrows(IOException.class, () -> read(text));
        assertEquals(
                failure,
                e instanceof InvalidResponseException
                        ? e.getMessage()
                        : e.getClass().getSimpleName());
    }

    @Test
    void aMalformedValueInsideAnObjectFailsWhenThatObjectIsRead() throws IOException {
        // The frame is sound (PageScanner takes it); the value "tru" is Jackson's to find, when the object is built.
        StripePage page = read("{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"ok\":tru}],\"has_more\":true}");
        assertEquals(2, page.size());
        assertEquals("b", page.lastId());
        Iterator<Json> objects = page.objects();
        assertEquals("a", objects.next().get("id").stringValue());
        StripeJdbcException e = assertThrows(StripeJdbcException.class, objects::next);
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(e.getMessage().startsWith("parse JSON response failed: Unrecognized token 'tru'"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" on GET /v1/customers"), e.getMessage());
    }

    @Test
    void aFailureWhileBuildingNamesTheRequestAndIsRedacted() {
        byte[] bytes = "[{\"id\":\"a\"},{\"id\":sk_live_123}]".getBytes(StandardCharsets.UTF_8);
        PageBody body = new PageBody(
                new JsonFactory(), bytes, 0, bytes.length, 2, "b", "GET /v1/customers", t -> t.replace("123", "***"));
        StripePage page = new StripePage(body, false, bytes.length);
        Iterator<Json> objects = page.objects();
        assertEquals("a", objects.next().get("id").stringValue());
        StripeJdbcException e = assertThrows(StripeJdbcException.class, objects::next);
        assertEquals(SqlState.INVALID_JSON_TEXT, e.sqlState());
        assertTrue(e.getMessage().startsWith("parse JSON response failed: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" on GET /v1/customers"), e.getMessage());
        assertFalse(e.getMessage().contains("123"), e.getMessage());
        assertFalse(objects.hasNext(), "nothing more is read after a failure");

        byte[] notObjects = "[{\"id\":\"a\"},2]".getBytes(StandardCharsets.UTF_8);
        PageBody second =
                new PageBody(new JsonFactory(), notObjects, 0, notObjects.length, 2, null, "GET /v1/customers", t -> t);
        StripeJdbcException e2 = assertThrows(StripeJdbcException.class, () -> new StripePage(second, false, 0).data());
        assertEquals(
                "parse JSON response failed: object 2 of 2 was not found again on GET /v1/customers", e2.getMessage());
    }

    @Test
    void anEagerPageIsAsBefore() {
        List<Json> data = List.of(Json.parse("{\"id\":\"a\"}"), Json.parse("{\"id\":\"b\"}"));
        StripePage page = new StripePage(data, true, 10);
        assertEquals(data, page.data());
        assertEquals(data, objects(page));
        assertEquals(2, page.size());
        assertEquals("b", page.lastId());
        assertNull(new StripePage(List.of(), true, 0).lastId());
    }
}
