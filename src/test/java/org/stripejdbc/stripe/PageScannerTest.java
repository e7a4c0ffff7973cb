package org.stripejdbc.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageScannerTest {

    private static PageScanner.Frame scan(String text) {
        return PageScanner.scan(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theFrameOfAPage() {
        String text = "{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"n\":[1]},{\"id\":\"b\"}],\"has_more\":true,"
                + "\"url\":\"/v1/x\"}";
        assertEquals(new PageScanner.Frame(24, 55, 2, "b", true), scan(text));
        assertEquals("[{\"id\":\"a\",\"n\":[1]},{\"id\":\"b\"}]", text.substring(24, 55));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // body | size | lastId | hasMore
                "{\"data\":[]}                                                             | 0 |     | false",
                "{\"data\":[],\"has_more\":true}                                           | 0 |     | true",
                "{\"has_more\":true,\"data\":[{}]}                                         | 1 |     | true",
                "{\"data\":[{\"id\":\"a\"},{\"name\":\"no id\"}]}                           | 2 |     | false",
                "{\"data\":[{\"id\":\"a\"},{\"id\":7}]}                                     | 2 |     | false",
                "{\"data\":[{\"id\":\"a\"},{\"id\":{\"id\":\"x\"}}]}                        | 2 |     | false",
                "{\"data\":[{\"id\":\"a\"},{\"x\":{\"id\":\"in\"},\"id\":\"b\"}]}            | 2 | b   | false",
                "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":\"c\"}]}                    | 2 | c   | false",
                "{\"data\":[{\"id\":\"a\"},{\"id\":\"b\",\"id\":null}]}                     | 2 |     | false",
                "{\"data\":[{\"id\":\"x\"}],\"data\":[{\"id\":\"a\"},{\"id\":\"é\"}]}       | 2 | é   | false",
                "{\"data\":[{\"id\":\"a\",\"s\":\"q\\\"}]\\\\\"}],\"has_more\":false}       | 1 | a   | false",
                "{\"data\":[{\"id\":\"a\",\"t\":[{},[],{\"k\":[1,2.5e-3,null,true]}]}]}    | 1 | a   | false",
                "{\"has_more\":true,\"has_more\":false,\"data\":[]}                        | 0 |     | false",
                "{ \"data\" : [ { \"id\" : \"a\" } , { \"id\" : \"b\" } ] }                 | 2 | b   | false",
            })
    void framesOfPlainPages(String text, int size, String lastId, boolean hasMore) {
        PageScanner.Frame frame = scan(text);
        assertEquals(size, frame.size());
        assertEquals(lastId, frame.lastId());
        assertEquals(hasMore, frame.hasMore());
        assertEquals(']', text.getBytes(StandardCharsets.UTF_8)[frame.dataEnd() - 1]);
        assertEquals('[', text.getBytes(StandardCharsets.UTF_8)[frame.dataStart()]);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "[]",
                "{}",
                "{\"has_more\":true}",
                "{\"data\":{}}",
                "{\"data\":[1]}",
                "{\"data\":[{\"id\":\"a\"},7]}",
                "{\"data\":[],\"has_more\":1}",
                "{\"data\":[],\"has_more\":\"true\"}",
                "{\"data\":[],\"has_more\":truex}",
                "{\"data\":[]} {}",
                "{\"data\":[]}x",
                "{\"data\":[{\"id\":\"a\"}",
                "{\"data\":[{\"id\":\"a",
                "{\"data\":[{\"id\":}]}",
                "{\"data\":[{\"id\":\"a\",}]}",
                "{\"data\":[{\"id\":\"a\"},]}",
                "{\"data\":[{\"id\" \"a\"}]}",
                "{\"data\":[{\"a\":[}]}]}",
                "{\"data\":[{\"a\":{\"b\":1]}]}",
                "{\"data\":[{\"a\":{\"b\" 1}}]}",
                "{\"data\":[{\"\\u0069d\":\"a\"}]}",
                "{\"data\":[{\"id\":\"a\\u0062\"}]}",
                "{\"d\\u0061ta\":[]}",
                "{\"extra\":{\"data\":[]},\"data\":[]}",
                "{\"extra\":[1],\"data\":[]}",
                "{\"data\":[{\"id\":\"a\tb\"}]}",
            })
    void anythingElseIsLeftToJackson(String text) {
        assertNull(scan(text), text);
    }

    @Test
    void deepNestingAndOtherEncodingsAreLeftToJackson() {
        String deep = "{\"data\":[{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}]}";
        assertNull(scan(deep));
        String shallow = "{\"data\":[{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}]}";
        assertEquals(1, scan(shallow).size());
        String text = "{\"data\":[{\"id\":\"a\"}]}";
        assertNull(PageScanner.scan(text.getBytes(Charset.forName("UTF-16BE"))));
        assertNull(PageScanner.scan(text.getBytes(Charset.forName("UTF-16LE"))));
    }
}
