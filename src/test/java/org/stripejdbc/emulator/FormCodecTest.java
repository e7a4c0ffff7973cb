package org.stripejdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormCodecTest {

    @Test
    void parsesPairsInOrderAndDecodesFormEncoding() {
        assertEquals(
                List.of(
                        Map.entry("email", "a@b.c"),
                        Map.entry("name", "Jenny Rosen"),
                        Map.entry("metadata[a]", "1+1"),
                        Map.entry("empty", ""),
                        Map.entry("flag", "")),
                FormCodec.parsePairs("email=a%40b.c&name=Jenny+Rosen&metadata%5Ba%5D=1%2B1&empty=&&flag"));
        assertEquals(List.of(), FormCodec.parsePairs(null));
        assertEquals(List.of(Map.entry("name", "Müller €")), FormCodec.parsePairs("name=M%C3%BCller+%E2%82%AC"));
    }

    @Test
    void keepsMalformedEscapesLiterally() {
        assertEquals(List.of(Map.entry("a", "100%"), Map.entry("b", "%zz")), FormCodec.parsePairs("a=100%&b=%zz"));
    }

    @Test
    void decodesPathSegmentsExactlyOnceAndKeepsPlus() {
        assertEquals("../balance", FormCodec.decodePathSegment("..%2Fbalance"));
        assertEquals("cus_%2F", FormCodec.decodePathSegment("cus_%252F"));
        assertEquals("a+b c", FormCodec.decodePathSegment("a+b%20c"));
    }

    @Test
    void nestsBracketKeysAndTurnsEmptyValuesIntoNull() {
        String nested = FormCodec.nest(FormCodec.parsePairs("metadata%5Ba%5D=b&items%5B0%5D%5Bprice%5D=price_1"
                        + "&items%5B1%5D%5Bprice%5D=price_2&items%5B1%5D%5Bquantity%5D=2"
                        + "&description=&metadata%5Bgone%5D="))
                .toString();
        assertEquals(
                "{\"metadata\":{\"a\":\"b\",\"gone\":null},\"items\":{\"0\":{\"price\":\"price_1\"},"
                        + "\"1\":{\"price\":\"price_2\",\"quantity\":\"2\"}},\"description\":null}",
                nested);
    }

    @Test
    void numbersEmptyBracketsInOrder() {
        assertEquals(
                "{\"expand\":{\"0\":\"data.customer\",\"1\":\"data.invoice\"}}",
                FormCodec.nest(FormCodec.parsePairs("expand[]=data.customer&expand[]=data.invoice"))
                        .toString());
    }

    @Test
    void keepsMalformedKeysWhole() {
        assertEquals(List.of("a[b"), FormCodec.splitKey("a[b"));
        assertEquals(List.of("a]b["), FormCodec.splitKey("a]b["));
        assertEquals(List.of("[a]"), FormCodec.splitKey("[a]"));
        assertEquals(List.of("a", "b", "c"), FormCodec.splitKey("a[b][c]"));
        assertEquals(List.of("a[b]x[c]"), FormCodec.splitKey("a[b]x[c]"));
    }

    @Test
    void refusesAKeyThatIsBothAValueAndAHash() {
        ApiErrorException first = assertThrows(
                ApiErrorException.class, () -> FormCodec.nest(FormCodec.parsePairs("metadata=x&metadata[a]=b")));
        assertEquals("metadata", first.error().param());
        ApiErrorException second = assertThrows(
                ApiErrorException.class, () -> FormCodec.nest(FormCodec.parsePairs("address[city]=x&address=y")));
        assertEquals(400, second.error().status());
        assertTrue(
                second.error().message().startsWith("Invalid hash"),
                second.error().message());
    }

    @Test
    void aHashMayFollowAnUnsetOfTheSameKey() {
        assertEquals(
                "{\"metadata\":{\"a\":\"b\"}}",
                FormCodec.nest(FormCodec.parsePairs("metadata=&metadata[a]=b")).toString());
    }
}
